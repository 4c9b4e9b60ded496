/**
 * A CSV import that storage stops part way through, on a real Azurite: the import is written in
 * several transactions, and storage gives up after the first (the second is committed but its
 * answer lost, the rest fail). The person is told that part may be saved and to import the same
 * file again (a 503 through the API's error handler); importing it again finishes it — every row
 * once, nothing twice, each item found through the index and each domain's figures a recount.
 */
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import express from 'express';

import { ok } from '../../bot/kernel/result';
import { randomIds } from '../../bot/kernel/ids';
import type { Principal } from '../../bot/kernel/roles';
import { systemClock } from '../../bot/kernel/runtime';
import { StorageUnavailable } from '../../bot/kernel/storage-unavailable';
import { type ImportRow, importWorkItems } from '../../bot/portfolio/app/import-work-items';
import type { PortfolioDeps } from '../../bot/portfolio/app/portfolio';
import { statsOf } from '../../bot/portfolio/domain/projection';
import type { PortfolioActivitySource, PortfolioRepositories } from '../../bot/portfolio/ports';
import type { TableClient } from '../../bot/platform/storage/table-client';
import { errorHandler, sendError } from '../../bot/platform/web/errors';
import { domain } from '../support/directory-records';
import { portfolioInstance } from '../support/portfolio-instance';
import { uniqueTablePrefix } from '../support/storage';

const T = 'f0000000-0000-4000-8000-0000000000f3';
const lead: Principal = { tenantId: T, userId: 'u-lead', displayName: 'Lena Lead', roles: [{ role: 'pmo_lead', domainId: 'dom-it' }] };
const silent = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const noActivity: PortfolioActivitySource = {
  domainActivity: async () => ({ version: 'none', openSignalsByItem: new Map(), unansweredByItem: new Map(), openSignalsByState: {}, overdueResponses: 0, overdueCheckIns: new Set() }),
  rollupActivity: async () => new Map(),
  itemActivity: async () => ({ signals: [], changes: [], openSignalStates: [], unansweredChanges: 0, checkInOverdue: false }),
};

/**
 * Storage that gives up on the work items table after `commits` transactions: the next one is
 * committed but its answer never comes, and every one after it fails — until `recover()`.
 * `busy`: it gives up as too busy (a domain's figures that kept changing) rather than unreachable.
 */
function givingUpAfter(commits: number, busy: boolean): { readonly wrap: (c: TableClient) => TableClient; recover(): void } {
  let left = commits;
  let down = false;
  const wrap = (client: TableClient): TableClient =>
    new Proxy(client, {
      get(target, prop, receiver) {
        if (prop === 'submitTransaction' && target.tableName.endsWith('PortfolioItems')) {
          return async (...args: Parameters<TableClient['submitTransaction']>) => {
            if (down) throw new StorageUnavailable(1, { busy });
            if (left-- > 0) return target.submitTransaction(...args);
            down = true;
            await target.submitTransaction(...args);
            throw new StorageUnavailable(1, { busy, cause: new Error('socket hang up after the transaction was sent') });
          };
        }
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return {
    wrap,
    recover: () => {
      down = false;
      left = Infinity;
    },
  };
}

const deps = (repos: PortfolioRepositories): PortfolioDeps => ({ repos, people: { get: async () => undefined }, activity: noActivity, clock: systemClock, ids: randomIds });

/** A programme and 149 projects under it, each with a status (so each item is two rows: a transaction holds ~49). */
const FILE: readonly ImportRow[] = Array.from({ length: 150 }, (_, i) => ({
  line: i + 2,
  fields: {
    title: i === 0 ? 'Network Programme' : `Site ${i} cut-over`,
    structure: i === 0 ? 'program' : 'project',
    mode: 'traditional',
    stage: 'Planning',
    owner: 'Olu Owner',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    schedule: i % 3 === 0 ? 'red' : 'green',
    cost: 'green',
    scope: 'amber',
    benefit: 'unknown',
    ...(i === 0 ? {} : { parent: 'Network Programme' }),
  },
}));

/** Runs the import behind the API's error handler, as the route does: what the person sees. */
async function importOverHttp(d: PortfolioDeps): Promise<{ readonly status: number; readonly body: unknown }> {
  const app = express();
  app.post('/import', async (_req, res) => {
    const result = await importWorkItems(d, lead, 'dom-it', () => ok(FILE));
    if (result.ok) res.status(201).json({ created: result.value.created, alreadyImported: result.value.alreadyImported });
    else sendError(res, result.error);
  });
  app.use(errorHandler(silent));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/import`, { method: 'POST' });
    return { status: res.status, body: await res.json() };
  } finally {
    server.close();
  }
}

/** Every item of the domain is found through the index, once, and the figures are a recount. */
async function checkConsistent(repos: PortfolioRepositories): Promise<string[]> {
  const listed = (await repos.workItems.listByDomain(T, 'dom-it')).map((v) => v.value);
  const index = await repos.workItems.domainsOf(T, listed.map((i) => i.id));
  for (const item of listed) expect(index.get(item.id)).toBe('dom-it');
  expect((await repos.workItems.getMany(T, listed.map((i) => i.id))).map((v) => v.value.id).sort()).toEqual(listed.map((i) => i.id).sort());
  expect(await repos.workItems.stats(T, 'dom-it')).toEqual(statsOf(listed));
  return listed.map((i) => i.title);
}

const TOLD = {
  unreachable: {
    code: 'STORAGE.UNAVAILABLE',
    message: 'PMO Relay lost its storage, so the import stopped part way: some rows may have been saved. Import the same file again in a minute to finish it; rows already saved are skipped, so nothing is imported twice.',
  },
  busy: {
    code: 'STORAGE.BUSY',
    message: 'Many changes to this domain were being saved at once, so the import stopped part way: some rows may have been saved. Import the same file again in a moment to finish it; rows already saved are skipped, so nothing is imported twice.',
  },
} as const;

describe('a CSV import storage gives up on part way', () => {
  it.each(['unreachable', 'busy'] as const)('(%s) tells the person part may be saved, and importing the same file again finishes it with every row once', async (how) => {
    const prefix = uniqueTablePrefix();
    await (await portfolioInstance(prefix)).domains.createMany([domain(T, 'dom-it', 'IT')]);
    const storage = givingUpAfter(1, how === 'busy');
    const failing = await portfolioInstance(prefix, storage.wrap);

    const interrupted = await importOverHttp(deps(failing));
    expect(interrupted).toEqual({ status: 503, body: { error: TOLD[how] } });
    // Two transactions were written (the second's answer lost): part of the file, each item reachable.
    const partly = await checkConsistent(await portfolioInstance(prefix));
    expect(partly.length).toBeGreaterThan(1);
    expect(partly.length).toBeLessThan(FILE.length);

    storage.recover();
    const again = await importOverHttp(deps(failing));
    expect(again).toEqual({ status: 201, body: { created: FILE.length - partly.length, alreadyImported: partly.length } });

    const reader = await portfolioInstance(prefix);
    const titles = await checkConsistent(reader);
    expect([...titles].sort()).toEqual(FILE.map((r) => r.fields.title).sort());
    const items = (await reader.workItems.listByDomain(T, 'dom-it')).map((v) => v.value);
    const programme = items.find((i) => i.title === 'Network Programme');
    expect(items.filter((i) => i.parentId === programme?.id)).toHaveLength(FILE.length - 1);
    // One status report each: a row saved before is not reported again.
    const histories = await Promise.all(items.map((i) => reader.workItems.history(T, i)));
    expect(histories.map((h) => h.length)).toEqual(items.map(() => 1));

    // And a third time: nothing left to do, nothing written.
    expect(await importOverHttp(deps(reader))).toEqual({ status: 201, body: { created: 0, alreadyImported: FILE.length } });
    expect(await checkConsistent(reader)).toHaveLength(FILE.length);
  });

  it('two imports of the same file at once: nothing twice, and the one that met the other\'s rows says to import again (409)', async () => {
    const prefix = uniqueTablePrefix();
    await (await portfolioInstance(prefix)).domains.createMany([domain(T, 'dom-it', 'IT')]);
    const [one, two] = await Promise.all([portfolioInstance(prefix), portfolioInstance(prefix)]);
    const answers = await Promise.all([importOverHttp(deps(one)), importOverHttp(deps(two))]);

    for (const { status, body } of answers) {
      if (status === 201) continue;
      expect({ status, body }).toEqual({
        status: 409,
        body: { error: { code: 'CONFLICT.ALREADY_EXISTS', message: 'Another import of this file saved some of its rows at the same time. Import the same file again to finish: rows already saved are skipped, so nothing is imported twice.' } },
      });
    }
    expect(answers.some((a) => a.status === 201)).toBe(true);
    const titles = await checkConsistent(one);
    expect([...titles].sort()).toEqual(FILE.map((r) => r.fields.title).sort());
    expect(await importOverHttp(deps(two))).toEqual({ status: 201, body: { created: 0, alreadyImported: FILE.length } });
  });

  it('does not save again a row saved before whose item was moved to another domain since', async () => {
    const prefix = uniqueTablePrefix();
    await (await portfolioInstance(prefix)).domains.createMany([domain(T, 'dom-it', 'IT'), domain(T, 'dom-hr', 'HR')]);
    const storage = givingUpAfter(1, false);
    const failing = await portfolioInstance(prefix, storage.wrap);
    expect((await importOverHttp(deps(failing))).status).toBe(503);

    const reader = await portfolioInstance(prefix);
    const saved = await reader.workItems.listByDomain(T, 'dom-it');
    const site = saved.find((v) => v.value.title !== 'Network Programme');
    if (!site) throw new Error('no project was saved');
    expect((await reader.workItems.update({ item: { ...site.value, domainId: 'dom-hr' } }, site.etag)).ok).toBe(true);

    storage.recover();
    expect(await importOverHttp(deps(failing))).toEqual({ status: 201, body: { created: FILE.length - saved.length, alreadyImported: saved.length } });
    expect((await reader.workItems.listByDomain(T, 'dom-hr')).map((v) => v.value.title)).toEqual([site.value.title]);
    const titles = await checkConsistent(reader);
    expect(titles).toHaveLength(FILE.length - 1);
    expect(titles).not.toContain(site.value.title);
    expect((await reader.workItems.get(T, site.value.id))?.value.domainId).toBe('dom-hr');
  });
});
