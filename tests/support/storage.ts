/** Helpers for tests that need real storage (the Azurite started by global-setup.ts). */
import { randomInt } from 'node:crypto';

/** Connection string of the test run's Azurite; throws if global setup did not run. */
export function testConnectionString(): string {
  const connectionString = process.env.TEST_STORAGE_CONNECTION_STRING;
  if (!connectionString) {
    throw new Error('TEST_STORAGE_CONNECTION_STRING is not set: run the tests through jest (tests/support/global-setup.ts starts Azurite).');
  }
  return connectionString;
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A fresh table prefix (`t` + 12 random letters/digits), so each suite gets its own tables.
 * Matches TABLE_PREFIX's rule: a letter first, letters and digits, at most 21 characters.
 */
export function uniqueTablePrefix(): string {
  let prefix = 't';
  for (let i = 0; i < 12; i++) prefix += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return prefix;
}
