/**
 * API answers travel compressed when the caller accepts it: the portfolio's JSON, the largest
 * answer the tab loads, arrives brotli- or gzip-encoded and decodes to the same data.
 * Real HTTP against the app with the demo seed.
 */
import { get as httpGet } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT } from '../../bot/demo/demo-identities';
import { apiClient, startTestApp } from '../support/app';

const PMO_LEAD_IT = 'a0000000-0000-4000-8000-000000000004';

let app: RunningApp;
let token: string;

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  token = (await apiClient(app.url)('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: PMO_LEAD_IT } })).body.token as string;
});
afterAll(async () => {
  await app?.stop();
});

/** The raw bytes on the wire (fetch would decode them) and the encoding they came in. */
function raw(path: string, acceptEncoding: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(`${app.url}${path}`, { headers: { Authorization: `Bearer ${token}`, 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

describe('compressed API answers', () => {
  it('sends the portfolio brotli- or gzip-encoded as accepted, decoding to the same JSON', async () => {
    const path = '/api/domains/dom-it/portfolio';
    const plain = await raw(path, 'identity');
    expect(plain.status).toBe(200);
    expect(plain.encoding).toBeUndefined();
    const data: unknown = JSON.parse(plain.body.toString('utf8'));

    const br = await raw(path, 'gzip, br');
    expect(br.encoding).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.body).toString('utf8'))).toEqual(data);

    const gz = await raw(path, 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString('utf8'))).toEqual(data);

    // The caller's preference decides between the two.
    expect((await raw(path, 'gzip;q=1, br;q=0.1')).encoding).toBe('gzip');
  });
});
