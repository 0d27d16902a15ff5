import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../src/config.js';
import { ConfigError } from '../src/config.js';
import { AppError } from '../src/errors.js';
import type { Logger } from '../src/log.js';

export type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/**
 * botbuilder's public-cloud defaults (botframework-connector's AuthenticationConstants, which
 * botbuilder does not re-export). They are needed when one of them is overridden: botbuilder
 * then treats every setting as given and leaves the others empty.
 */
const PUBLIC_CLOUD = {
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl:
    'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl:
    'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: CallerIdConstants.PublicAzureChannel,
};

/** The authentication settings from the environment, as botbuilder names them. */
export function authOptions(config: Config): ConfigurationBotFrameworkAuthenticationOptions {
  const type = config.MicrosoftAppType;
  if (config.MicrosoftAppId && !config.MicrosoftAppPassword && type !== 'UserAssignedMSI') {
    throw new ConfigError(
      'MicrosoftAppPassword is required with MicrosoftAppId (unless MicrosoftAppType=UserAssignedMSI)',
    );
  }
  if ((type === 'SingleTenant' || type === 'UserAssignedMSI') && !config.MicrosoftAppTenantId) {
    throw new ConfigError(`MicrosoftAppTenantId is required with MicrosoftAppType=${type}`);
  }
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
    // botbuilder spells the managed-identity type UserAssignedMsi; it compares case-insensitively.
    MicrosoftAppType: type ?? 'MultiTenant',
  };
  if (config.ToBotFromChannelOpenIdMetadataUrl || config.ToBotFromChannelTokenIssuer) {
    Object.assign(options, PUBLIC_CLOUD, {
      ToBotFromChannelOpenIdMetadataUrl:
        config.ToBotFromChannelOpenIdMetadataUrl ?? PUBLIC_CLOUD.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer:
        config.ToBotFromChannelTokenIssuer ?? PUBLIC_CLOUD.ToBotFromChannelTokenIssuer,
    });
  }
  return options;
}

export class UnauthorizedError extends AppError {
  constructor() {
    super(401, 'unauthorized', 'a valid Bot Framework bearer token is required');
  }
}

/**
 * Checks the caller before anything else happens. Every way a token can be wrong (missing,
 * malformed, expired, bad signature, unknown key, other audience or issuer) is a 401; only a
 * failure to fetch the signing keys is ours (503, so the channel retries).
 */
export async function authenticate(
  auth: ConfigurationBotFrameworkAuthentication,
  activity: Activity,
  header: string,
  logger: Logger,
): Promise<AuthenticateRequestResult> {
  try {
    return await auth.authenticateRequest(activity, header);
  } catch (error) {
    const err = error as { statusCode?: number; name?: string; message?: string };
    if (err.statusCode === 500 || err.name === 'FetchError') {
      logger.error({ err: err.message }, 'bot token keys could not be loaded');
      throw new AppError(503, 'unavailable', 'the bot cannot check tokens right now; please retry');
    }
    logger.warn({ reason: err.message?.slice(0, 200) }, 'bot request refused');
    throw new UnauthorizedError();
  }
}

/** CloudAdapter with its turn pipeline reachable once the request has been authenticated here. */
export class BotAdapter extends CloudAdapter {
  run(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
