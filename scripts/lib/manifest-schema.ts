/**
 * Validates a Teams app manifest against its official JSON schema, offline. The schemas are
 * the ones bundled with `@microsoft/app-manifest` (the library the Microsoft 365 Agents
 * Toolkit uses); the manifest's own `$schema` picks the version.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v[0-9.]+|vDevPreview)\/MicrosoftTeams\.schema\.json$/i;

/** The bundled schema file for a manifest's `$schema` URL; throws if it is not bundled. */
export function bundledSchemaPath(schemaUrl: unknown): string {
  const match = typeof schemaUrl === 'string' ? SCHEMA_URL.exec(schemaUrl) : null;
  if (!match) throw new Error(`$schema must be a Teams manifest schema URL, got ${JSON.stringify(schemaUrl)}`);
  const root = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = join(root, 'build', 'json-schemas', 'teams', match[1] as string, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) throw new Error(`@microsoft/app-manifest does not bundle the ${match[1]} schema`);
  return file;
}

/** Schema errors for a manifest object, one line each; empty when valid. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const file = bundledSchemaPath(manifest.$schema);
  // Passing the schema explicitly keeps validation offline: no fallback fetch from the web.
  const schema = JSON.parse(readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
  // Each versioned schema pins `manifestVersion` to its own version, so a mismatch is reported too.
  return AppManifestUtils.validateAgainstSchema(manifest as never, schema as never);
}
