/**
 * `npm run seed` seeds the demo tenant if it is missing; `npm run seed -- --reset` removes
 * every record of the demo tenant (portfolio, strategy changes, signals, deliveries, timers)
 * and seeds it again. It seeds through the app's own start-up, so every feature's demo data is
 * written exactly as a fresh `npm start` would. Uses the same storage the app would (embedded
 * Azurite unless a connection string is set): an embedded Azurite already running (an app's, or
 * one left by a crash) is used and left running; one started here is stopped at the end.
 */
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/composition/start-app';
import { demoExtensions } from '../bot/demo/demo-extension';
import { startAzuriteProcess } from '../bot/platform/storage/azurite-process';
import { createTableRepositories } from '../bot/directory/tables';
import { wipeTenant } from './lib/tenant-wipe';
import { DEMO_TENANT } from '../bot/demo/demo-identities';

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const config = loadConfig(process.env);
  const embedded =
    config.storage.kind === 'embeddedAzurite'
      ? await startAzuriteProcess({ location: config.storage.location, tablePort: config.storage.tablePort, queuePort: config.storage.queuePort })
      : undefined;
  try {
    const connectionString = embedded?.connectionString ?? (config.storage.kind === 'connectionString' ? config.storage.connectionString : '');
    const existed = !reset && (await (await createTableRepositories({ connectionString, tablePrefix: config.storage.tablePrefix })).tenants.get(DEMO_TENANT.tenantId));
    if (existed) {
      console.log('The demo tenant already exists; `npm run seed -- --reset` rebuilds it.');
      return;
    }
    if (reset) {
      const tables = await wipeTenant(connectionString, config.storage.tablePrefix, DEMO_TENANT.tenantId);
      console.log(`Removed the demo tenant from ${tables.length} tables.`);
    }
    // The app seeds what is missing when it starts; start it on a free port, then stop.
    const appConfig = loadConfig({ ...process.env, AZURE_STORAGE_CONNECTION_STRING: connectionString, PORT: '0', SEED_DEMO: 'true', LOG_LEVEL: 'error' });
    const app = await startApp(appConfig, { extensions: demoExtensions(appConfig) });
    const tenant = await app.repos.tenants.get(DEMO_TENANT.tenantId);
    const domains = await app.repos.domains.list(DEMO_TENANT.tenantId);
    const items = (await Promise.all(domains.map((d) => app.repos.workItems.stats(DEMO_TENANT.tenantId, d.value.id)))).reduce((n, s) => n + s.total, 0);
    await app.stop();
    if (!tenant) throw new Error('The demo tenant could not be seeded.');
    console.log(`Seeded the demo tenant "${tenant.displayName}": ${items} work items, with strategy changes and signals.`);
  } finally {
    if (!embedded?.reused) await embedded?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
