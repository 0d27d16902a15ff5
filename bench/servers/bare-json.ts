/**
 * The chat baseline: a bare restify route at the same path as a chat turn that reads the body,
 * parses it as JSON and answers it back. No validation, no engine, no database, no logging.
 * Run as its own process, like the real server, so both pay the same process and socket costs.
 */
import restify from 'restify';

const server = restify.createServer({ name: 'bare', handleUncaughtExceptions: false });

server.post('/api/v1/conversations/:id/turns', (req, res, next) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    const text = JSON.stringify({ ok: true, echo: body });
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
    });
    res.end(text);
    next(false);
  });
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'listening', port: server.address().port }));
});
process.on('SIGTERM', () => process.exit(0));
