import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';

/** Starts login-help: reads the environment once, then serves until SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
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
  app.logger.info({ host, port, url: config.publicUrl, database: app.database.kind, mail: config.SMTP_URL ? 'smtp' : 'dev-mailbox' }, 'listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('login-help failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
