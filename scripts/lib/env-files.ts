/**
 * Reads the Teams Toolkit style environment files: `env/.env.<name>` (committed, no secrets)
 * and `env/.env.<name>.user` (git-ignored, secrets). The `.user` file wins on conflicts, the
 * same precedence the Microsoft 365 Agents Toolkit uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';

export const ENVIRONMENTS = ['local', 'dev', 'playground'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (ENVIRONMENTS as readonly string[]).includes(value);
}

/** Values of one environment; throws when the committed file is missing. */
export function readEnvironment(envDir: string, name: string): Record<string, string> {
  const main = join(envDir, `.env.${name}`);
  if (!existsSync(main)) {
    throw new Error(`No environment file ${main}; known environments: ${ENVIRONMENTS.join(', ')}`);
  }
  const user = join(envDir, `.env.${name}.user`);
  return {
    ...parse(readFileSync(main, 'utf8')),
    ...(existsSync(user) ? parse(readFileSync(user, 'utf8')) : {}),
  };
}
