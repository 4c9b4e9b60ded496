/** Stops the Azurite started by global-setup.ts and removes its temp folder. */
import { rm } from 'node:fs/promises';

import type { TestAzuriteHandle } from './global-setup';

/** Same registry symbol as global-setup.ts; not imported, so teardown does not load Azurite again. */
const TEST_AZURITE_HANDLE = Symbol.for('pmo-relay.test-azurite');

export default async function globalTeardown(): Promise<void> {
  const slot = globalThis as Record<symbol, unknown>;
  const handle = slot[TEST_AZURITE_HANDLE] as TestAzuriteHandle | undefined;
  if (!handle) return;
  delete slot[TEST_AZURITE_HANDLE];
  await handle.azurite.stop();
  await rm(handle.location, { recursive: true, force: true });
}
