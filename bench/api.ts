/**
 * `npm run bench:api`: the JSON API under read load on an enterprise-sized tenant. Azurite's
 * table and queue services run as child processes and the app runs in a third (bench/api-app.ts),
 * as in production; this process only generates load. Seeds bench/lib/big-tenant.ts (20
 * domains, 5,000 items in one, 20,000 in all), then:
 *
 * 1. Baseline: the median time to read the big domain's items with a bare TableClient (every
 *    page of its partition's item range) against the median time of the portfolio API returning
 *    the same items (every page, over HTTP), one request at a time — the ratio the issue asks for.
 * 2. Load: `--clients` concurrent clients for `--seconds`, each reading portfolios (every page),
 *    the EPMO roll-up and item panels with development-mode tokens, over real HTTP. Each client
 *    keeps what it read with its ETag and revalidates it (`If-None-Match`), as the browser's
 *    HTTP cache does for the tab.
 *
 * Prints throughput, latency percentiles per kind of read, errors, and the app's resident memory
 * and CPU before and after.
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { PortfolioResponse } from '../bot/api-contract/portfolio';
import { openTable, rowKeyRange } from '../bot/platform/storage/table-client';
import { ITEM_RANGE, itemPartition } from '../bot/portfolio/tables/work-item-keys';
import { startAzuriteProcesses } from './azurite-processes';
import type { BigTenant } from './lib/big-tenant';
import { startAppProcess, token, usage } from './support/app-process';
import { percentile } from './support/stats';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    /** Runs of each side of the raw-Tables baseline (their median is compared). */
    'baseline-runs': { type: 'string', default: '9' },
    /** Each client pauses this long (± half, at random) between reads, as a person reading the page would, and starts at a random point of its first pause; 0: none, all start at once. */
    'think-ms': { type: 'string', default: '0' },
    /** CPU-profile the app during the load and print where its time went (raw profile in .bench-profiles/). */
    profile: { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const baselineRuns = Number(values['baseline-runs']);
const thinkMs = Number(values['think-ms']);

const median = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 50);
const ms = (x: number): string => `${x.toFixed(0)} ms`;

/**
 * What a browser's HTTP cache does for one user: it keeps each answer with its ETag and asks
 * again with `If-None-Match`; a 304 means the kept body is current. One per client.
 */
type HttpCache = Map<string, { readonly etag: string; readonly body: unknown }>;

/** Counts of answers by status over the load (200 and 304 are both successes). */
const statuses = new Map<number, number>();

/** GETs a path as a browser would (revalidating what `cache` holds); throws on anything but 200 or 304. Returns the body. */
async function get<T>(url: string, path: string, bearer: string, cache?: HttpCache): Promise<T> {
  const kept = cache?.get(path);
  const res = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${bearer}`, ...(kept ? { 'If-None-Match': kept.etag } : {}) } });
  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  if (res.status === 304 && kept) return kept.body as T;
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  const body = (await res.json()) as T;
  const etag = res.headers.get('etag');
  if (cache && etag) cache.set(path, { etag, body });
  return body;
}

/** A domain's whole portfolio, every page; returns how many items and requests it took. */
async function wholePortfolio(url: string, domainId: string, bearer: string, cache?: HttpCache): Promise<{ items: number; requests: number }> {
  const path = `/api/domains/${domainId}/portfolio`;
  let page = await get<PortfolioResponse>(url, path, bearer, cache);
  let items = page.items.length;
  let requests = 1;
  while (page.continuation) {
    page = await get<PortfolioResponse>(url, `${path}?continuation=${encodeURIComponent(page.continuation)}`, bearer, cache);
    items += page.items.length;
    requests += 1;
  }
  return { items, requests };
}

async function rawRead(connectionString: string, tenant: BigTenant): Promise<number> {
  const client = openTable(connectionString, 'benchapiPortfolioItems');
  let n = 0;
  for await (const _row of client.listEntities({ queryOptions: { filter: rowKeyRange(itemPartition(tenant.tenantId, tenant.bigDomainId), ITEM_RANGE.from, ITEM_RANGE.to) } })) n += 1;
  return n;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

type Kind = 'portfolio (big domain)' | 'portfolio (other domain)' | 'roll-up' | 'item panel';

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}`);
  const location = await mkdtemp(join(tmpdir(), 'pmo-relay-bench-api-'));
  const storage = await startAzuriteProcesses(location);
  const app = await startAppProcess<{ tenant: BigTenant; seedSeconds: number }>(join('bench', 'api-app.ts'), { AZURE_STORAGE_CONNECTION_STRING: storage.connectionString });
  const { url } = app;
  const { tenant } = app.info;
  const pid = app.child.pid as number;
  try {
    console.log(`seeded ${tenant.domainIds.length} domains (big: ${tenant.bigDomainId}) in ${app.info.seedSeconds.toFixed(1)} s; app at ${url} (pid ${pid})`);
    const [epmo, lead, admin] = await Promise.all([token(url, tenant.tenantId, tenant.users.epmo), token(url, tenant.tenantId, tenant.users.lead), token(url, tenant.tenantId, tenant.users.admin)]);

    // 1. Baseline, one request at a time (a warm-up of each first).
    const rawCount = await rawRead(storage.connectionString, tenant);
    const apiCount = (await wholePortfolio(url, tenant.bigDomainId, lead)).items;
    const raw: number[] = [];
    const api: number[] = [];
    for (let i = 0; i < baselineRuns; i += 1) {
      raw.push(await timed(() => rawRead(storage.connectionString, tenant)));
      api.push(await timed(() => wholePortfolio(url, tenant.bigDomainId, lead)));
    }
    console.log(`baseline (${baselineRuns} runs each, ${rawCount} raw rows / ${apiCount} API items): raw Tables median ${ms(median(raw))}, portfolio API median ${ms(median(api))}, ratio ${(median(api) / median(raw)).toFixed(2)}×`);

    // 2. Load.
    const before = await usage(pid);
    const azuriteBefore = await storage.cpuSeconds();
    const latencies = new Map<Kind, number[]>();
    const errors = new Map<string, number>();
    let requests = 0;
    const deadline = performance.now() + seconds * 1000;
    const others = tenant.domainIds.filter((d) => d !== tenant.bigDomainId);
    statuses.clear();
    const client = async (c: number): Promise<void> => {
      const cache: HttpCache = new Map();
      // People do not all click at the same instant: with pauses, each client starts somewhere in its first pause.
      if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * Math.random()));
      for (let n = 0; performance.now() < deadline; n += 1) {
        const r = Math.random();
        const kind: Kind = r < 0.1 ? 'portfolio (big domain)' : r < 0.4 ? 'portfolio (other domain)' : r < 0.6 ? 'roll-up' : 'item panel';
        const bearer = kind === 'roll-up' ? (c % 2 === 0 ? epmo : admin) : epmo;
        const started = performance.now();
        try {
          let made = 1;
          if (kind === 'portfolio (big domain)') made = (await wholePortfolio(url, tenant.bigDomainId, bearer, cache)).requests;
          else if (kind === 'portfolio (other domain)') made = (await wholePortfolio(url, others[(c + n) % others.length] ?? tenant.bigDomainId, bearer, cache)).requests;
          else await get(url, kind === 'roll-up' ? '/api/portfolio/rollup' : `/api/work-items/${tenant.sampleItemIds[(c * 31 + n) % tenant.sampleItemIds.length]}/panel`, bearer, cache);
          requests += made;
          const list = latencies.get(kind) ?? [];
          list.push(performance.now() - started);
          latencies.set(kind, list);
        } catch (err) {
          const key = err instanceof Error ? err.message.replace(/\/[\w-]+\/(panel|portfolio)/, '/…/$1') : String(err);
          errors.set(key, (errors.get(key) ?? 0) + 1);
          requests += 1;
        }
        if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
      }
    };
    console.log(`load: ${clients} clients for ${seconds} s${thinkMs > 0 ? `, each pausing ~${thinkMs} ms between reads` : ', no pause between reads'}…`);
    if (values.profile) {
      await mkdir('.bench-profiles', { recursive: true });
      process.kill(pid, 'SIGUSR2');
    }
    const startedAt = performance.now();
    const clientCpuBefore = process.cpuUsage();
    await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
    const elapsed = (performance.now() - startedAt) / 1000;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const after = await usage(pid);
    if (values.profile) {
      process.kill(pid, 'SIGUSR2');
      // The summary arrives on the app's stderr, which this process shares.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }

    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    console.log(`reads: ${all.length} in ${elapsed.toFixed(1)} s = ${(all.length / elapsed).toFixed(1)} reads/s (${(requests / elapsed).toFixed(1)} HTTP requests/s); errors: ${errorCount}`);
    console.log(`all reads: p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, p99 ${ms(percentile(all, 99))}, max ${ms(all.at(-1) ?? NaN)}`);
    for (const [kind, xs] of latencies) {
      const sorted = [...xs].sort((a, b) => a - b);
      console.log(`  ${kind.padEnd(26)} n=${String(sorted.length).padStart(6)}  p50 ${ms(percentile(sorted, 50)).padStart(8)}  p95 ${ms(percentile(sorted, 95)).padStart(8)}  p99 ${ms(percentile(sorted, 99)).padStart(8)}`);
    }
    console.log(`answers by status: ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status} ×${count}`).join(', ')} (a client revalidates what it holds, as a browser does)`);
    for (const [message, count] of errors) console.log(`  error ×${count}: ${message}`);
    console.log(`app process: RSS ${before.rssMb.toFixed(0)} MB before, ${after.rssMb.toFixed(0)} MB after; CPU ${(after.cpuSeconds - before.cpuSeconds).toFixed(1)} s during the load`);
    console.log(`load generator (this process): CPU ${((clientCpu.user + clientCpu.system) / 1e6).toFixed(1)} s during the load`);
    const azurite = await storage.cpuSeconds();
    console.log(`Azurite table process: CPU ${(azurite.table - azuriteBefore.table).toFixed(1)} s during the load (${azurite.table.toFixed(1)} s in all, seeding included)`);
  } finally {
    await app.stop();
    await storage.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
