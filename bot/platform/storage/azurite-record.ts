/** The record a running embedded Azurite process keeps in its data folder, so the next start can find it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface AzuriteRecord {
  readonly pid: number;
  /** The data folder, absolute. */
  readonly location: string;
  readonly tablePort: number;
  readonly queuePort: number;
}

export const recordFile = (location: string): string => join(location, 'azurite-process.json');

/** The record in `location`, or undefined when there is none or it cannot be read. */
export function readRecord(location: string): AzuriteRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(recordFile(location), 'utf8')) as Partial<AzuriteRecord>;
    const ok = [r.pid, r.tablePort, r.queuePort].every((n) => Number.isInteger(n) && (n as number) > 0) && typeof r.location === 'string';
    return ok ? (r as AzuriteRecord) : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Azurite's well-known development account; public by design, it only works against the emulator. */
const ACCOUNT = 'devstoreaccount1';
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** Loopback only: the emulator accepts the well-known key, so it must never face a network. */
export const AZURITE_HOST = '127.0.0.1';

/** Where an embedded Azurite on these ports answers, and the connection string for `@azure/data-tables` and `@azure/storage-queue`. */
export function azuriteEndpoints(tablePort: number, queuePort: number): { connectionString: string; tableEndpoint: string; queueEndpoint: string } {
  const tableEndpoint = `http://${AZURITE_HOST}:${tablePort}/${ACCOUNT}`;
  const queueEndpoint = `http://${AZURITE_HOST}:${queuePort}/${ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};TableEndpoint=${tableEndpoint};QueueEndpoint=${queueEndpoint};`,
    tableEndpoint,
    queueEndpoint,
  };
}
