/**
 * The embedded Azurite's own process (started by azurite-process.ts): it runs the table and queue
 * services, records its pid and ports in the data folder, tells its parent it is ready over IPC,
 * then lives on its own, so a crash of the app loses nothing Azurite has acknowledged.
 * SIGTERM or SIGINT stops it cleanly (its data saved to disk) and removes the record.
 *
 * Arguments: <data folder> <table port> <queue port>.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { type AzuriteRecord, recordFile } from './azurite-record';
import { startEmbeddedAzurite } from './embedded-azurite';

/** What the child tells its parent once, over the IPC channel. */
export type ChildReport = { readonly ready: AzuriteRecord } | { readonly error: string };

async function main(): Promise<void> {
  const [location = '', tablePort = '0', queuePort = '0'] = process.argv.slice(2);
  const report = (message: ChildReport) => process.send?.(message);
  let azurite;
  try {
    azurite = await startEmbeddedAzurite({ location, tablePort: Number(tablePort), queuePort: Number(queuePort) });
  } catch (err) {
    report({ error: err instanceof Error ? err.message : String(err) });
    process.exit(1);
  }
  const record: AzuriteRecord = {
    pid: process.pid,
    location,
    tablePort: Number(new URL(azurite.tableEndpoint).port),
    queuePort: Number(new URL(azurite.queueEndpoint).port),
  };
  writeFileSync(recordFile(location), JSON.stringify(record));
  const stop = () => {
    azurite.stop().finally(() => {
      rmSync(recordFile(location), { force: true });
      process.exit(0);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  report({ ready: record });
  // Without the channel the parent may end (or crash) without taking this process with it.
  process.disconnect?.();
}

void main();
