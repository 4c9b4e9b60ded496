/**
 * `npm run seed` seeds the demo tenant if it is missing; `npm run seed -- --reset` rebuilds
 * it. Uses the same storage the app would (embedded Azurite unless a connection string is set);
 * stop `npm start` first when using the embedded Azurite, as both would claim its ports.
 */
import pino from 'pino';
import { loadConfig } from '../bot/config';
import { startEmbeddedAzurite } from '../bot/adapters/azurite/embedded-azurite';
import { createTableRepositories } from '../bot/adapters/tables';
import { resetDemo, seedDemoIfEmpty } from '../bot/app/seed';
import { systemClock } from '../bot/ports/runtime';

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const config = loadConfig(process.env);
  const logger = pino({ level: config.logLevel === 'info' ? 'warn' : config.logLevel });
  const embedded =
    config.storage.kind === 'embeddedAzurite'
      ? await startEmbeddedAzurite({ location: config.storage.location, tablePort: config.storage.tablePort, queuePort: config.storage.queuePort, logger })
      : undefined;
  try {
    const connectionString = embedded?.connectionString ?? (config.storage.kind === 'connectionString' ? config.storage.connectionString : '');
    const repos = await createTableRepositories({ connectionString, tablePrefix: config.storage.tablePrefix });
    const result = reset ? await resetDemo(repos, systemClock) : await seedDemoIfEmpty(repos, systemClock);
    console.log(result ? `Seeded the demo tenant ${result.tenantId} with ${result.workItems} work items.` : 'The demo tenant already exists; use `npm run seed -- --reset` to rebuild it.');
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
