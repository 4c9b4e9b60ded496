/**
 * How the built tab travels: compressed (brotli or gzip, as the browser accepts), hashed
 * assets cached for a year, the page itself revalidated, and no source maps in public.
 * Real HTTP against the app serving `dist/tab` (needs `npm run build:tab`).
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { TAB_DIST, startTestApp } from '../support/app';

let app: RunningApp;
/** The entry script index.html loads, e.g. `/assets/index-abc123.js`. */
let entry: string;

beforeAll(async () => {
  const html = await readFile(join(TAB_DIST, 'index.html'), 'utf8');
  const src = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error(`${TAB_DIST}/index.html names no script: run "npm run build:tab" before these tests.`);
  entry = src;
  app = await startTestApp({ TAB_DIST });
});
afterAll(async () => {
  await app?.stop();
});

const get = (path: string, acceptEncoding = 'gzip, deflate, br') => fetch(`${app.url}${path}`, { headers: { 'Accept-Encoding': acceptEncoding } });

describe('the tab over HTTP', () => {
  it('sends JavaScript brotli-compressed to browsers that accept it, gzip to those that only take gzip', async () => {
    const original = await readFile(join(TAB_DIST, entry), 'utf8');

    const br = await get(entry, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(Number(br.headers.get('content-length'))).toBeLessThan(Buffer.byteLength(original) / 3);
    expect(await br.text()).toBe(original);

    const gz = await get(entry, 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(original);

    const plain = await get(entry, 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(original);
  });

  it('caches hashed assets for a year as immutable, and makes browsers revalidate the page', async () => {
    const asset = await get(entry);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    for (const page of ['/', '/index.html', '/some/deep/link']) {
      const res = await get(page);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
    }
  });

  it('never serves source maps, and answers 404 for a hashed asset that is not there', async () => {
    const maps = (await readdir(join(TAB_DIST, 'assets'))).filter((f) => f.endsWith('.map'));
    for (const path of [`${entry}.map`, ...maps.slice(0, 3).map((f) => `/assets/${f}`), '/assets/nothing.js.map']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toMatch(/sourcesContent|"mappings"/);
    }
    const js = await get(entry);
    expect(await js.text()).not.toMatch(/sourceMappingURL/);

    expect((await get('/assets/index-0ldbu1ld.js')).status).toBe(404);
  });
});
