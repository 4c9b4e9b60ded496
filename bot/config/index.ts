/**
 * The one place that reads the environment. It is validated once at start; a wrong value
 * stops the process with a message that names the variable. Names match `env/.env.*`.
 * Callers import from here only: the schema, its guards and the mapping are this folder's parts.
 */
import { toAppConfig } from './app-config';
import { envSchema } from './env-schema';
import { guardEnv } from './guards';
import type { Config } from './types';

export type { Config } from './types';

/** Thrown when the environment is invalid; the message names each wrong variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Every variable, then the rules across them. */
const schema = envSchema.superRefine(guardEnv);

/** Reads and validates the environment. Pure: pass `process.env` (only `main.ts` does). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as in .env files with `NAME=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toAppConfig(parsed.data);
}
