/**
 * Runs the app as a process: validate the environment, start, and stop cleanly on SIGINT or
 * SIGTERM. The production entry (bot/main.ts) runs it bare; the local demo entry
 * (bot/demo/main.ts) adds the demo's extensions.
 */
import { type Config, ConfigError, loadConfig } from '../config';
import type { AppExtension } from './extensions';
import { startApp } from './start-app';

export async function runApp(extensionsFor: (config: Config) => readonly AppExtension[] = () => []): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const app = await startApp(config, { extensions: extensionsFor(config) });
  console.log(`\nPMO Relay is running at ${app.url}\n  tab:  ${app.url}/\n  bot:  ${app.url}/api/messages\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'stopping');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Starts `run` as the process's main work: an error that escapes it ends the process with 1. */
export function runAsMain(run: () => Promise<void>): void {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
