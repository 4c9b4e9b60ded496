/**
 * `npm run package [-- --env local|dev|playground]` (default `local`): builds the Teams app
 * package from `appPackage/manifest.json` and `env/.env.<env>` (+ `.user`), validates it
 * against the official schema and checks the icons, then writes
 * `appPackage/build/appPackage.<env>.zip` and `appPackage/build/manifest.<env>.json`.
 * Upload the zip in Teams (Apps → Manage your apps → Upload an app).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AppPackageError, buildAppPackage } from './lib/app-package';
import { ENVIRONMENTS, isEnvironmentName, readEnvironment } from './lib/env-files';
import { UnresolvedPlaceholderError } from './lib/placeholders';

function envArgument(argv: readonly string[]): string {
  const i = argv.findIndex((a) => a === '--env' || a === '-e' || a.startsWith('--env='));
  if (i < 0) return 'local';
  const arg = argv[i] as string;
  const value = arg.startsWith('--env=') ? arg.slice('--env='.length) : argv[i + 1];
  if (!value) throw new Error(`--env needs a value: ${ENVIRONMENTS.join(' | ')}`);
  return value;
}

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const env = envArgument(process.argv.slice(2));
  if (!isEnvironmentName(env)) throw new Error(`Unknown environment "${env}"; use one of ${ENVIRONMENTS.join(', ')}`);
  const values = readEnvironment(join(root, 'env'), env);
  const pkg = await buildAppPackage(join(root, 'appPackage'), values);

  const out = join(root, 'appPackage', 'build');
  mkdirSync(out, { recursive: true });
  const zipPath = join(out, `appPackage.${env}.zip`);
  const manifestPath = join(out, `manifest.${env}.json`);
  writeFileSync(zipPath, pkg.zip);
  writeFileSync(manifestPath, pkg.manifestJson);
  console.log(`Teams app package for "${env}" is valid (schema ${String(pkg.manifest.manifestVersion)}).`);
  console.log(`  ${relative(process.cwd(), zipPath)}`);
  console.log(`  ${relative(process.cwd(), manifestPath)}`);
}

main().catch((e: unknown) => {
  if (e instanceof UnresolvedPlaceholderError || e instanceof AppPackageError) console.error(e.message);
  else console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
