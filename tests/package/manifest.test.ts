/**
 * The Teams app package: the manifest filled from the local env validates against the
 * official schema (and the check really can fail), the icons follow Teams' rules, the zip has
 * exactly the three files Teams expects, and unresolved placeholders are named.
 */
import './esm-shims'; // first: before anything loads @microsoft/app-manifest
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AdmZip from 'adm-zip';
import { PNG } from 'pngjs';
import { AppPackageError, buildAppPackage, fillManifest } from '../../scripts/lib/app-package';
import { readEnvironment } from '../../scripts/lib/env-files';
import { checkIcons, decodePng } from '../../scripts/lib/icons';
import { validateManifest } from '../../scripts/lib/manifest-schema';
import { substitute, UnresolvedPlaceholderError } from '../../scripts/lib/placeholders';
import { parseRoute } from '../../tab/src/shared/route';

const root = join(__dirname, '..', '..');
const appPackageDir = join(root, 'appPackage');
const localEnv = readEnvironment(join(root, 'env'), 'local');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('Teams app manifest', () => {
  const manifest = fillManifest(appPackageDir, localEnv);

  it('validates against the official schema with the local env values', async () => {
    expect(await validateManifest(manifest)).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.24');
  });

  it('also validates against the newest schema bundled, so a version bump is a two-field change', async () => {
    const versions = readdirSync(join(root, 'node_modules/@microsoft/app-manifest/build/json-schemas/teams'))
      .filter((v) => /^v1\.\d+$/.test(v))
      .map((v) => v.slice(1))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]));
    const newest = versions[versions.length - 1] as string;
    const bumped = { ...manifest, manifestVersion: newest, $schema: `https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json` };
    expect(await validateManifest(bumped)).toEqual([]);
  });

  it('reports errors for a broken copy: no bot id, a wrong manifest version', async () => {
    const noBotId = clone(manifest) as { bots: Record<string, unknown>[] };
    delete noBotId.bots[0]?.botId;
    const errors = await validateManifest(noBotId as unknown as Record<string, unknown>);
    expect(errors.some((e) => e.includes('/bots/0') && e.includes('botId'))).toBe(true);

    const wrongVersion = { ...manifest, manifestVersion: '1.99' };
    expect((await validateManifest(wrongVersion)).some((e) => e.startsWith('/manifestVersion'))).toBe(true);
  });

  it('declares what PRODUCT.md §5 needs: bot commands, message action, tabs, SSO', () => {
    const m = manifest as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(m.name.short).toBe('PMO Relay-local');
    expect(m.bots[0].botId).toBe(localEnv.BOT_ID);
    expect(m.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    const titles = m.bots[0].commandLists.flatMap((l: { commands: { title: string }[] }) => l.commands.map((c) => c.title));
    expect(titles).toEqual(['help', 'raise', 'my signals', 'changes', 'link', 'announce']);
    expect(m.composeExtensions[0].commands[0]).toMatchObject({ id: 'raiseWithPmo', type: 'action', context: ['message'], fetchTask: true, title: 'Raise with PMO' });
    expect(m.staticTabs[0]).toMatchObject({ name: 'Portfolio', contentUrl: 'http://localhost:3978/index.html#/portfolio' });
    expect(m.configurableTabs[0]).toMatchObject({ configurationUrl: 'http://localhost:3978/index.html#/config', canUpdateConfiguration: true, scopes: ['team', 'groupChat'], context: ['channelTab', 'privateChatTab', 'meetingChatTab'] });
    // The configuration URL opens the tab's configuration page (which saves a content URL on the same page).
    expect(parseRoute(new URL(m.configurableTabs[0].configurationUrl).hash)).toEqual({ page: 'config' });
    expect(m.webApplicationInfo).toEqual({ id: localEnv.AAD_APP_CLIENT_ID, resource: `api://localhost:3978/${localEnv.AAD_APP_CLIENT_ID}` });
    expect(m.validDomains).toEqual(['localhost:3978']);
  });
});

describe('icons', () => {
  const color = readFileSync(join(appPackageDir, 'color.png'));
  const outline = readFileSync(join(appPackageDir, 'outline.png'));

  it('are 192×192 (colour) and 32×32 (outline), the outline white on transparent', () => {
    expect(decodePng(color)).toMatchObject({ width: 192, height: 192 });
    const o = decodePng(outline);
    expect(o).toMatchObject({ width: 32, height: 32 });
    expect(o.data[3]).toBe(0); // the corner is transparent
    for (let i = 0; i < o.data.length; i += 4) {
      if (o.data[i + 3] !== 0) expect([o.data[i], o.data[i + 1], o.data[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(checkIcons(color, outline)).toEqual([]);
  });

  it('are refused when the outline has colour or no transparency, or a size is wrong', () => {
    const png = PNG.sync.read(outline);
    const opaque = new PNG({ width: 32, height: 32 });
    png.data.copy(opaque.data);
    for (let i = 0; i < opaque.data.length; i += 4) opaque.data[i + 3] = 255;
    opaque.data[0] = 10; // one visible pixel that is not white
    const problems = checkIcons(color, PNG.sync.write(opaque));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('transparent background'), expect.stringContaining('only white')]));
    expect(checkIcons(outline, outline)).toEqual([expect.stringContaining('color.png must be 192×192')]);
  });
});

describe('app package builder (npm run package)', () => {
  it('zips exactly manifest.json, color.png and outline.png, and the zipped manifest validates', async () => {
    const pkg = await buildAppPackage(appPackageDir, localEnv);
    const zip = new AdmZip(pkg.zip);
    expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const zipped = JSON.parse(zip.readAsText('manifest.json')) as Record<string, unknown>;
    expect(JSON.stringify(zipped)).not.toContain('${{');
    expect(await validateManifest(zipped)).toEqual([]);
    expect(zip.readFile('outline.png')?.equals(readFileSync(join(appPackageDir, 'outline.png')))).toBe(true);
  });

  it('builds for every committed environment that has its values (local, playground)', async () => {
    for (const env of ['local', 'playground']) {
      await expect(buildAppPackage(appPackageDir, readEnvironment(join(root, 'env'), env))).resolves.toHaveProperty('zip');
    }
  });

  it('fails naming the variable when a ${{VAR}} is unresolved or empty', async () => {
    const { BOT_ID: _omitted, ...withoutBot } = localEnv;
    await expect(buildAppPackage(appPackageDir, withoutBot)).rejects.toThrow(/Unresolved variable in appPackage\/manifest\.json: BOT_ID\b/);
    expect(() => substitute('{"a":"${{ONE}}","b":"${{TWO}}"}', { ONE: 'x', TWO: '' })).toThrow(UnresolvedPlaceholderError);
    expect(() => substitute('{"a":"${{ONE}}","b":"${{TWO}}"}', {})).toThrow('ONE, TWO');
    // The dev env is filled by provision: packaging it before then names what is missing.
    await expect(buildAppPackage(appPackageDir, readEnvironment(join(root, 'env'), 'dev'))).rejects.toThrow(/TEAMS_APP_ID.*BOT_ID|BOT_ID.*TEAMS_APP_ID/);
  });

  it('refuses a package whose filled manifest breaks the schema, listing the problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pmo-relay-apppkg-'));
    for (const f of ['color.png', 'outline.png']) copyFileSync(join(appPackageDir, f), join(dir, f));
    writeFileSync(join(dir, 'manifest.json'), readFileSync(join(appPackageDir, 'manifest.json'), 'utf8'));
    // A bot id that is not a GUID passes substitution but not the schema.
    const error = await buildAppPackage(dir, { ...localEnv, BOT_ID: 'not-a-guid' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppPackageError);
    expect((error as AppPackageError).problems.some((p) => p.includes('/bots/0/botId'))).toBe(true);
  });
});
