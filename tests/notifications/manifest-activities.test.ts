/**
 * The manifest declares what Graph needs to accept the app's activity-feed notifications: every
 * activity type the code sends, with a template whose parameters are exactly the ones sent; the
 * resource-specific permission to send them; and the Entra app that sends them (webApplicationInfo).
 */
import '../package/esm-shims'; // first: before anything loads @microsoft/app-manifest
import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { ACTIVITY_TYPES, TEMPLATE_TEXT } from '../../bot/notifications/domain/activity-notification';
import { fillManifest } from '../../scripts/lib/app-package';
import { readEnvironment } from '../../scripts/lib/env-files';
import { validateManifest } from '../../scripts/lib/manifest-schema';

const root = join(__dirname, '..', '..');
const env = readEnvironment(join(root, 'env'), 'local');
const manifest = fillManifest(join(root, 'appPackage'), env) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('the manifest for activity-feed notifications', () => {
  it('validates against the official schema', async () => {
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('declares each activity type the app sends, its template naming exactly the parameters sent', () => {
    const declared = manifest.activities.activityTypes as { type: string; templateText: string; description: string }[];
    expect(declared.map((a) => a.type).sort()).toEqual(Object.keys(ACTIVITY_TYPES).sort());
    for (const a of declared) {
      const placeholders = [...a.templateText.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((p) => p !== 'actor');
      expect([a.type, placeholders.sort()]).toEqual([a.type, [...ACTIVITY_TYPES[a.type as keyof typeof ACTIVITY_TYPES]].sort()]);
      expect(a.description.length).toBeGreaterThan(0);
      // The line the tab shows in development mode is rendered from the same text.
      expect([a.type, a.templateText]).toEqual([a.type, TEMPLATE_TEXT[a.type as keyof typeof TEMPLATE_TEXT]]);
    }
  });

  it('asks for the permission to send to a person, as the Entra app whose secret the server uses', () => {
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: 'TeamsActivity.Send.User', type: 'Application' }]);
    expect(manifest.webApplicationInfo.id).toBe(env.AAD_APP_CLIENT_ID);
  });
});
