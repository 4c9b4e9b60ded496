/**
 * A write that keeps losing the race for its domain's figures row (every item write of a domain
 * changes it) gives up as "storage busy": the API answers 503 with Retry-After and a message
 * saying the change was not saved and to try again — not a generic 500.
 */
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import type { AddressInfo } from 'node:net';

import { StorageUnavailable } from '../../bot/kernel/storage-unavailable';
import { DomainFigures } from '../../bot/portfolio/tables/domain-figures';
import { ensureTable, openTable } from '../../bot/platform/storage/table-client';
import { errorHandler } from '../../bot/platform/web/errors';
import { testConnectionString, uniqueTablePrefix } from '../support/storage';

const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

describe('a domain\'s figures that keep changing under a write', () => {
  it('give up as storage busy once every attempt lost the race', async () => {
    const items = openTable(testConnectionString(), `${uniqueTablePrefix()}Items`);
    await ensureTable(items);
    const figures = new DomainFigures(items);
    const pk = 'tenant.domain';
    let attempts = 0;
    const lostEveryRace = async (): Promise<never> => {
      attempts += 1;
      throw Object.assign(new Error('Precondition failed'), { statusCode: 412 });
    };
    const failure = await figures.withRetry(pk, await figures.read(pk), lostEveryRace).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StorageUnavailable);
    expect(failure).toMatchObject({ busy: true, code: 'STORAGE.BUSY' });
    expect(attempts).toBe(40);
  });

  it('is answered 503 with Retry-After and a message saying to try again', async () => {
    const app = express();
    app.post('/api/work-items', () => {
      throw new StorageUnavailable(1, { busy: true });
    });
    app.use(errorHandler(silent));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/work-items`, { method: 'POST' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(await res.json()).toEqual({ error: { code: 'STORAGE.BUSY', message: 'Many changes to this domain are being saved at once, so yours was not saved. Try again in a moment.' } });
    } finally {
      server.close();
    }
  });
});
