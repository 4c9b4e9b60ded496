/**
 * Starts ONE embedded Azurite for the whole jest run, in a fresh temp folder on ports the OS
 * picks (several people run jest at once on shared machines; fixed ports would collide).
 * Suites reach it through `process.env.TEST_STORAGE_CONNECTION_STRING` (see storage.ts) and
 * isolate themselves with their own table prefix.
 *
 * If TEST_STORAGE_CONNECTION_STRING is already set (e.g. CI with its own Azurite), it is used
 * as is and nothing is started.
 *
 * It also finds the Chromium the browser tests launch, so the npm one (when no system Chromium is
 * installed) is unpacked once here rather than by the first test file, inside its timeout.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startEmbeddedAzurite } from '../../bot/platform/storage/embedded-azurite';
import type { EmbeddedAzurite } from '../../bot/platform/storage/embedded-azurite';
import { findChromium } from './browser';

/** Where setup leaves the running Azurite for teardown (a registry symbol: both files agree on it). */
export const TEST_AZURITE_HANDLE = Symbol.for('pmo-relay.test-azurite');

export interface TestAzuriteHandle {
  readonly azurite: EmbeddedAzurite;
  readonly location: string;
}

export default async function globalSetup(): Promise<void> {
  await findChromium();
  if (process.env.TEST_STORAGE_CONNECTION_STRING) return;
  const location = await mkdtemp(join(tmpdir(), 'pmo-relay-test-azurite-'));
  const azurite = await startEmbeddedAzurite({ location, tablePort: 0, queuePort: 0 });
  process.env.TEST_STORAGE_CONNECTION_STRING = azurite.connectionString;
  // globalSetup and globalTeardown run in the same context; this is how jest lets them share.
  const handle: TestAzuriteHandle = { azurite, location };
  (globalThis as Record<symbol, unknown>)[TEST_AZURITE_HANDLE] = handle;
}
