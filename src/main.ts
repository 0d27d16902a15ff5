import { existsSync } from 'node:fs';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** Starts login-help: reads the environment once, then serves until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    // A `.env` file beside the project (copied from .env.example) is read first; variables set
    // in the real environment win.
    if (existsSync('.env')) process.loadEnvFile('.env');
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`login-help cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  const { host, port } = await app.listen();
  app.logger.info(
    {
      host,
      port,
      url: config.publicUrl,
      database: app.database.kind,
      mail: config.SMTP_URL ? 'smtp' : 'dev-mailbox',
    },
    'listening',
  );

  let stopping = false;
  // Graceful: new requests are refused with 503 at once, running turns commit, then the outbox,
  // the retention timer and the database stop. A second signal does not cut this short; the
  // grace period does (exit 1, so a supervisor can tell).
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal, graceSeconds: config.SHUTDOWN_GRACE_SECONDS }, 'shutting down');
    let finished = false;
    try {
      finished = await app.close();
    } catch (error) {
      app.logger.error({ err: error }, 'shutdown failed');
    }
    app.logger.info({ finished }, finished ? 'stopped' : 'stopped with requests still running');
    process.exit(finished ? 0 : 1);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('login-help failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
