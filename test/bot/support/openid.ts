import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * A stand-in for the Bot Framework's token service on 127.0.0.1: an OpenID metadata document
 * whose `jwks_uri` lists one RSA signing key, and a signer for channel tokens with that key
 * (or with a key it does not publish). Tokens carry what Bot Framework channel tokens carry:
 * issuer, audience (the bot's app id), serviceurl, and a short lifetime.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
 */
export interface TokenService {
  metadataUrl: string;
  issuer: string;
  /** How often the bot fetched the metadata and the keys. */
  fetches: { metadata: number; keys: number };
  sign(claims: {
    audience: string;
    serviceUrl: string;
    issuer?: string;
    expiresInSeconds?: number;
    /** Sign with a key the service does not publish, under its own key id. */
    unknownKey?: boolean;
    /** Sign with that unpublished key but claim the published key's id (a forged signature). */
    forged?: boolean;
  }): Promise<string>;
  close(): Promise<void>;
}

export async function startTokenService(
  issuer = 'https://api.botframework.test',
): Promise<TokenService> {
  const published = await generateKeyPair('RS256', { extractable: true });
  const unpublished = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = {
    ...(await exportJWK(published.publicKey)),
    kid: 'test-key-1',
    use: 'sig',
    alg: 'RS256',
  };
  const fetches = { metadata: 0, keys: 0 };

  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      fetches.metadata++;
      res.end(
        JSON.stringify({
          issuer,
          authorization_endpoint: `${base}/authorize`,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      fetches.keys++;
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    metadataUrl: `${base}/v1/.well-known/openidconfiguration`,
    issuer,
    fetches,
    async sign({
      audience,
      serviceUrl,
      issuer: iss = issuer,
      expiresInSeconds = 3600,
      unknownKey = false,
      forged = false,
    }) {
      const key: CryptoKey = unknownKey || forged ? unpublished.privateKey : published.privateKey;
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ serviceurl: serviceUrl, ver: '1.0' })
        .setProtectedHeader({
          alg: 'RS256',
          typ: 'JWT',
          kid: unknownKey ? 'test-key-unknown' : 'test-key-1',
        })
        .setIssuer(iss)
        .setAudience(audience)
        .setIssuedAt(now - 60)
        .setNotBefore(now - 60)
        .setExpirationTime(now + expiresInSeconds)
        .sign(key);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
