/**
 * Runs the app as a process: validate the environment, start, and stop cleanly on SIGINT or
 * SIGTERM. The production entry (bot/main.ts) runs it bare; the local demo entry
 * (bot/demo/main.ts) adds the demo's extensions.
 */
import { constants } from 'node:os';
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
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // Whoever sends a second signal does not want to wait for the drain.
      app.logger.warn({ signal }, 'second signal: exiting without finishing the stop');
      process.exit(128 + (constants.signals[signal] ?? 0));
    }
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
  // Said only once the handlers are in place: whoever waits for this line may signal at once.
  console.log(`\nPMO Relay is running at ${app.url}\n  tab:  ${app.url}/\n  bot:  ${app.url}/api/messages\n`);
}

/** Starts `run` as the process's main work: an error that escapes it ends the process with 1. */
export function runAsMain(run: () => Promise<void>): void {
  run().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
