/**
 * Tab benchmark (`npm run bench:tab`): how fast the portfolio page becomes usable, and how
 * fast search answers, at the demo seed's size and with a big tenant — 20 domains, 20,000 work
 * items, 5,000 of them in the domain the page opens, seeded beside the demo tenant by
 * bench/lib/big-tenant.ts (the same tenant bench:api reads) — in headless Chromium against the
 * real app serving the built tab (run `npm run build:tab` first), signed in as each tenant's
 * PMO lead. Storage is Azurite in separate processes, as in the fan-out bench.
 *
 *   npm run bench:tab -- [--runs 5] [--big 5000] [--total 20000] [--domains 20]
 *
 * Measured, per size, as the median of `--runs` fresh browser contexts (empty cache):
 *   grid:   navigation start → first grid row visible and focusable (the roving tab stop);
 *   search: one search input event → the grid shows exactly the matching row (next frame);
 * and the JavaScript the page loaded before the grid was interactive, brotli (as sent) and gzip.
 * It is a benchmark, not a test: it prints figures; docs/benchmarks.md records them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/composition/start-app';
import { demoExtensions } from '../bot/demo/demo-extension';
import { DEMO_TENANT, DEMO_USERS } from '../bot/demo/demo-identities';
import { launchBrowser } from '../tests/support/browser';
import { startAzuriteProcesses } from './azurite-processes';
import { bigTenantExtension } from './lib/big-tenant';
import { type CpuProfile, summarise } from './profile';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    /** Items in the domain the page opens (the big tenant's PMO lead's). */
    big: { type: 'string', default: '5000' },
    /** Items in the tenant, all domains together. */
    total: { type: 'string', default: '20000' },
    domains: { type: 'string', default: '20' },
    /** CPU-profile the page during one more cold visit at the big size and print where the time went. */
    profile: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const bigCount = Number(values.big);
const totalCount = Number(values.total);
const domainCount = Number(values.domains);

const GRID_ROW = 'table[aria-label="Work items"] tbody tr[data-item-id]';
/** The demo PMO lead (the seed-size page: their domain, `dom-it`). */
const DEMO_LEAD = DEMO_USERS.find((u) => u.roles.some((r) => r.role === 'pmo_lead' && r.domainId === 'dom-it'));

/** The dev sign-in's remembered identity, `<tenant>/<user>`, so each cold visit opens as that person. */
const devUser = (tenantId: string, userId: string): string => `${tenantId}/${userId}`;

/**
 * In-page code (a string: tsx would wrap named functions in a helper the page lacks): sets the
 * search box as typing does, then resolves on the first frame where the grid shows the one match.
 */
const searchScript = (selector: string, query: string): string => `new Promise((resolve) => {
  const input = document.querySelector('input[placeholder="Title, owner or stage"]');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const start = performance.now();
  setValue.call(input, ${JSON.stringify(query)});
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const check = () => {
    const rows = document.querySelectorAll(${JSON.stringify(selector)});
    if (rows.length === 1 && rows[0].textContent.includes(${JSON.stringify(query)})) resolve(performance.now() - start);
    else if (performance.now() - start > 10000) resolve(NaN);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

interface ApiCall {
  readonly path: string;
  readonly start: number;
  readonly ms: number;
}

interface Sample {
  readonly gridMs: number;
  readonly calls: readonly ApiCall[];
  readonly searchMs: number;
  readonly scripts: readonly string[];
}

/** One cold visit as `user` (dev sign-in key): open the page, wait for an interactive grid, then (given a query) search for it (one row); NaN if it never shows. */
async function visit(browser: Browser, url: string, user: string, query: string | undefined, onProfile?: (profile: CpuProfile) => void): Promise<Sample> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: `window.localStorage.setItem('pmoRelay.devUser', ${JSON.stringify(user)});` });
  try {
    const page = await context.newPage();
    const cdp = onProfile ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(url);
    // performance.now() counts from navigation start.
    const grid = await page.waitForFunction(
      (selector) => {
        const row = document.querySelector<HTMLElement>(`${selector}[tabindex="0"]`);
        return row && row.getBoundingClientRect().height > 0 ? performance.now() : false;
      },
      GRID_ROW,
      { polling: 'raf', timeout: 120_000 },
    );
    const gridMs = (await grid.jsonValue()) as number;
    // The scripts loaded until now are the page's initial JavaScript.
    const loaded = [...scripts];
    if (cdp && onProfile) onProfile((await cdp.send('Profiler.stop')).profile as CpuProfile);
    // The API calls before the grid, as the browser saw them: path, start and duration.
    const calls = (await page.evaluate(
      `performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/')).map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, ms: e.responseEnd - e.startTime }))`,
    )) as ApiCall[];
    const searchMs = query === undefined ? NaN : ((await page.evaluate(searchScript(GRID_ROW, query))) as number);
    return { gridMs, calls, searchMs, scripts: loaded };
  } finally {
    await context.close();
  }
}

/** The machine's load averages (1, 5, 15 min), as `uptime` prints them. */
const load = (): string => `load average ${loadavg().map((l) => l.toFixed(2)).join(', ')}`;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

/** Bytes of each script as the server sends it with the given Accept-Encoding. */
async function encodedBytes(urls: readonly string[], encoding: string): Promise<number> {
  let sum = 0;
  for (const url of new Set(urls)) {
    const res = await fetch(url, { headers: { 'Accept-Encoding': encoding } });
    sum += Number(res.headers.get('content-length') ?? (await res.arrayBuffer()).byteLength);
  }
  return sum;
}

async function measure(browser: Browser, url: string, user: string, query: string): Promise<{ grid: number; search: number; scripts: readonly string[]; calls: readonly ApiCall[] }> {
  await visit(browser, url, user, query); // warm-up: the app's caches and the browser's code cache
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await visit(browser, url, user, query));
  const typical = [...samples].sort((a, b) => a.gridMs - b.gridMs)[Math.floor(samples.length / 2)]!;
  return { grid: typical.gridMs, calls: typical.calls, search: median(samples.map((s) => s.searchMs)), scripts: typical.scripts };
}

async function main(): Promise<void> {
  const location = await mkdtemp(join(tmpdir(), 'pmo-relay-bench-tab-'));
  const storage = await startAzuriteProcesses(location);
  const config = loadConfig({
    APP_ENV: 'test',
    PORT: '0',
    AZURE_STORAGE_CONNECTION_STRING: storage.connectionString,
    TABLE_PREFIX: 'benchtab',
    SEED_DEMO: 'true',
    TAB_DIST: 'dist/tab',
    LOG_LEVEL: 'silent',
  });
  // The demo tenant is the seed size; the big tenant (bench/lib/big-tenant.ts, as bench:api's) sits beside it.
  const { extension, seeded } = bigTenantExtension({ domains: domainCount, bigDomainItems: bigCount, totalItems: totalCount });
  const starting = Date.now();
  const app = await startApp(config, { extensions: [...demoExtensions(config), extension] });
  const tenant = await seeded;
  const seededS = (Date.now() - starting) / 1000;
  const browser = await launchBrowser();
  const loadBefore = load();
  try {
    const url = `${app.url}/`;
    if (!DEMO_LEAD) throw new Error('the demo seed has no PMO lead of dom-it');
    const seedSize = (await app.repos.workItems.listByDomain(DEMO_TENANT.tenantId, 'dom-it')).length;
    const small = await measure(browser, url, devUser(DEMO_TENANT.tenantId, DEMO_LEAD.userId), 'Mainframe Exit');

    const bigSize = (await app.repos.workItems.listByDomain(tenant.tenantId, tenant.bigDomainId)).length;
    // An item half-way down the big domain; its whole title matches it alone.
    const target = await app.repos.workItems.get(tenant.tenantId, `wi-00-${String(Math.ceil(bigCount / 2)).padStart(5, '0')}`);
    if (!target) throw new Error('the big domain has no item to search for');
    const bigUser = devUser(tenant.tenantId, tenant.users.lead);
    const big = await measure(browser, url, bigUser, target.value.title);
    let profile: string | undefined;
    if (values.profile) await visit(browser, url, bigUser, undefined, (p) => (profile = summarise(p)));

    const gz = await encodedBytes(big.scripts, 'gzip');
    const br = await encodedBytes(big.scripts, 'br');
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const ms = (n: number) => `${n.toFixed(0)} ms`;
    const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');
    console.log('\nTab benchmark');
    console.log(`  machine:        ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
    console.log(`  load before:    ${loadBefore}`);
    console.log(`  load after:     ${load()}`);
    console.log(`  tenants:        the demo seed (the page's domain holds ${seedSize}); beside it ${domainCount} domains, ${totalCount} items, the page's domain ${bigSize} (started and seeded in ${seededS.toFixed(1)} s)`);
    console.log(`  runs:           median of ${runs} cold browser contexts after one warm-up`);
    console.log(`  grid, seed:     ${ms(small.grid)}`);
    console.log(`  grid, ${bigSize}:    ${ms(big.grid)} — ${verdict(big.grid < 1500)} (< 1.5 s); ${(big.grid / small.grid).toFixed(2)}× the seed's — ${verdict(big.grid <= 1.5 * small.grid)} (≤ 1.5×)`);
    console.log(`  search, seed:   ${ms(small.search)}`);
    console.log(`  search, ${bigSize}:  ${ms(big.search)} — ${verdict(big.search < 100)} (< 100 ms)`);
    console.log(`  initial JS:     ${new Set(big.scripts).size} files, ${kb(gz)} gzip (${kb(br)} brotli, as sent) — ${verdict(gz < 250 * 1024)} (< 250 KB gz)`);
    for (const [label, run] of [['seed', small], [String(bigSize), big]] as const) {
      const lastByte = Math.max(...run.calls.map((c) => c.start + c.ms));
      console.log(`  median run, ${label}: API calls ${run.calls.map((c) => `${c.path} at ${ms(c.start)} took ${ms(c.ms)}`).join('; ')}`);
      console.log(`      the tab's own share: ${ms(run.grid - lastByte)} from the last API byte to the interactive grid`);
    }
    if (profile) console.log(`\nCPU profile of the page, navigation → interactive grid at ${bigSize} items:\n${profile}`);
  } finally {
    await browser.close();
    await app.stop();
    await storage.stop();
    await rm(location, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
