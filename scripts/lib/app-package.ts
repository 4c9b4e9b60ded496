/**
 * Builds the Teams app package: the manifest template with its `${{VAR}}` placeholders filled,
 * validated against the official schema, and zipped with the two icons at the zip root.
 * Pure apart from reading the template and icons, so tests and `npm run package` share it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { checkIcons } from './icons';
import { validateManifest } from './manifest-schema';
import { substitute } from './placeholders';

export interface AppPackage {
  readonly manifest: Record<string, unknown>;
  /** The filled manifest, pretty-printed, as written to `build/manifest.<env>.json`. */
  readonly manifestJson: string;
  readonly zip: Buffer;
}

/** The package failed a check; `problems` lists each one in words. */
export class AppPackageError extends Error {
  override readonly name = 'AppPackageError';
  constructor(readonly problems: readonly string[]) {
    super(`The Teams app package is invalid:\n  ${problems.join('\n  ')}`);
  }
}

/** Fills the manifest template of `appPackageDir` from `values` (throws naming unresolved variables). */
export function fillManifest(appPackageDir: string, values: Readonly<Record<string, string | undefined>>): Record<string, unknown> {
  const template = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
  return JSON.parse(substitute(template, values, 'appPackage/manifest.json')) as Record<string, unknown>;
}

/** Builds and checks the package; throws `AppPackageError` listing schema and icon problems. */
export async function buildAppPackage(appPackageDir: string, values: Readonly<Record<string, string | undefined>>): Promise<AppPackage> {
  const manifest = fillManifest(appPackageDir, values);
  const icons = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  if (icons?.color !== 'color.png' || icons?.outline !== 'outline.png') {
    throw new AppPackageError(['icons must be "color.png" and "outline.png", the files packaged beside the manifest']);
  }
  const color = readFileSync(join(appPackageDir, 'color.png'));
  const outline = readFileSync(join(appPackageDir, 'outline.png'));
  const problems = [...(await validateManifest(manifest)).map((e) => `manifest.json${e}`), ...checkIcons(color, outline)];
  if (problems.length > 0) throw new AppPackageError(problems);

  const manifestJson = `${JSON.stringify(manifest, null, 2)}\n`;
  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestJson, 'utf8'));
  zip.addFile('color.png', color);
  zip.addFile('outline.png', outline);
  return { manifest, manifestJson, zip: zip.toBuffer() };
}
