/**
 * The app under test of `npm run bench:api`, in a process of its own (so its memory and CPU are
 * its own, not the load generator's): seeds the big tenant (bench/lib/big-tenant.ts) into the
 * storage named by AZURE_STORAGE_CONNECTION_STRING, starts the app, and tells the parent what
 * it holds on one JSON line of stdout. Stops on SIGTERM.
 */
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/composition/start-app';
import { join } from 'node:path';
import { bigTenantExtension } from './lib/big-tenant';
import { startCpuProfile } from './profile';

async function main(): Promise<void> {
  const started = performance.now();
  const { extension, seeded } = bigTenantExtension();
  const app = await startApp(
    loadConfig({ APP_ENV: 'test', PORT: '0', AZURE_STORAGE_CONNECTION_STRING: process.env.AZURE_STORAGE_CONNECTION_STRING ?? '', TABLE_PREFIX: 'benchapi', SEED_DEMO: 'false', LOG_LEVEL: 'warn' }),
    { extensions: [extension] },
  );
  const tenant = await seeded;
  process.stdout.write(`${JSON.stringify({ url: app.url, tenant, seedSeconds: (performance.now() - started) / 1000 })}\n`);
  // `bench:api --profile`: SIGUSR2 starts a CPU profile of this process, the next stops it and prints where the time went.
  let stopProfile: (() => Promise<string>) | undefined;
  process.on('SIGUSR2', () => {
    if (stopProfile === undefined) {
      void startCpuProfile(join('.bench-profiles', `api-app-${Date.now()}.cpuprofile`)).then((stop) => (stopProfile = stop));
      return;
    }
    const stop = stopProfile;
    stopProfile = undefined;
    void stop().then((summary) => process.stderr.write(`${summary}\n`));
  });
  process.once('SIGTERM', () => {
    void app.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
