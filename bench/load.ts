/**
 * `npm run bench:load`: the whole app under mixed load while it fans out. Azurite's table and
 * queue services run as child processes and the app in a third (bench/load-app.ts), as in
 * production; this process generates load and plays Teams (bench/enforcing-connector.ts, which
 * enforces the per-tenant limit and throttles 2% at random). Seeds the big tenant (20 domains,
 * 20,000 items), dispatches a `--recipients` fan-out, and meanwhile runs `--clients` concurrent
 * clients for `--seconds`, each doing one operation after another (bench/support/load-mix.ts):
 * portfolio reads, card invokes to /api/messages (acknowledge, impact, triage, decide) and work
 * item writes. Then it waits for the fan-out to finish, checks that everything acknowledged is
 * stored, and prints throughput, latency percentiles, errors, responses lost, the fan-out's
 * ratio of the limit under the load, and the app's memory before and after — beside the targets.
 *
 *   npm run bench:load -- [--clients 200] [--seconds 60] [--recipients 5000] [--think-ms 0] [--count accepted|requests] [--profile]
 *
 * `--profile`: CPU-profiles the app during the load (summary printed, `.cpuprofile` written to
 * .bench-profiles/) and the Azurite children for their whole life (`--cpu-prof`, summarise them
 * with bench/summarise-profile.ts).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import type { AckTarget } from './ack-setup';
import { startAzuriteProcesses } from './azurite-processes';
import { startEnforcingConnector } from './enforcing-connector';
import type { BigTenant } from './lib/big-tenant';
import type { LoadAppRequest } from './load-app';
import { startAppProcess, token, usage } from './support/app-process';
import { type OpKind, type LoadTargets, newAcknowledged, pickOp, runOp, verifyStored } from './support/load-mix';
import { escalateForDecision } from './support/signal-setup';
import { percentile, ratesOf } from './support/stats';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    recipients: { type: 'string', default: '5000' },
    limit: { type: 'string', default: '50' },
    throttle: { type: 'string', default: '0.02' },
    /** What the connector's limit counts: `accepted` sends, or every `requests` (throttled ones too). */
    count: { type: 'string', default: 'accepted' },
    /** Each client pauses this long (± half, at random) between operations; 0: none. */
    'think-ms': { type: 'string', default: '0' },
    profile: { type: 'boolean', default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
const recipients = Number(values.recipients);
const limit = Number(values.limit);
const thinkMs = Number(values['think-ms']);
const countMode = values.count === 'requests' ? 'requests' : 'accepted';
const ms = (x: number): string => `${x.toFixed(0)} ms`;
const sleep = (t: number) => new Promise((resolve) => setTimeout(resolve, t));

async function main(): Promise<void> {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB; node ${process.version}; load average ${loadavg()[0]?.toFixed(1)} at start`);
  const location = await mkdtemp(join(tmpdir(), 'pmo-relay-bench-load-'));
  const connector = await startEnforcingConnector({ limitPerSecond: limit, randomThrottleShare: Number(values.throttle), count: countMode });
  const profileDir = join(process.cwd(), '.bench-profiles');
  if (values.profile) await mkdir(profileDir, { recursive: true });
  const storage = await startAzuriteProcesses(location, values.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const app = await startAppProcess<{ tenant: BigTenant; cards: AckTarget }>(join('bench', 'load-app.ts'), {
    AZURE_STORAGE_CONNECTION_STRING: storage.connectionString,
    CONNECTOR_URL: connector.url,
    RECIPIENTS: String(recipients),
    LIMIT: String(limit),
  });
  const ask = <T>(request: LoadAppRequest): Promise<T> =>
    new Promise((resolve) => {
      const onMessage = (answer: { type: string } & T) => {
        if (answer.type !== request.type) return;
        app.child.off('message', onMessage);
        resolve(answer);
      };
      app.child.on('message', onMessage);
      app.child.send(request);
    });
  const memory = async () => ({ ...(await ask<{ rssMb: number; heapMb: number }>({ type: 'memory' })), procRssMb: (await usage(app.child.pid as number)).rssMb });
  try {
    const { tenant, cards } = app.info;
    const [epmo, lead] = await Promise.all([token(app.url, tenant.tenantId, tenant.users.epmo), token(app.url, tenant.tenantId, tenant.users.lead)]);
    const targets: LoadTargets = { url: app.url, serviceUrl: connector.url, tenant, cards, triageSignalId: 'sig-big-1', decideSignalId: await escalateForDecision(app.url, lead, 'sig-big-2'), tokens: { epmo, lead } };
    console.log(`app at ${app.url} (pid ${app.child.pid}): big tenant seeded, 20 team channels with two changes, ${recipients} fan-out recipients stored`);
    // Warm up (code compiled, caches filled) before the memory baseline: each operation a few
    // times, and every domain the clients read once, so the bounded caches of domain reads are
    // as full before as after and the memory compared is what the load leaves behind.
    const acknowledged = newAcknowledged();
    for (let n = 0; n < 24; n += 1) await runOp(targets, pickOp(n % 8 < 4 ? 0 : n % 8 < 7 ? 0.6 : 0.9, n), 0, n, acknowledged).catch(() => undefined);
    for (let n = 0; n < tenant.domainIds.length; n += 1) await runOp(targets, 'read: portfolio', 0, n, acknowledged);
    await sleep(3000);
    const before = await memory();
    connector.reset();

    await ask({ type: 'fanout' });
    const fanoutStartedAt = Date.now();
    console.log(`fan-out of ${recipients} dispatched; load: ${clients} clients for ${seconds} s${thinkMs > 0 ? `, pausing ~${thinkMs} ms between operations` : ', no pause between operations'}…`);
    const latencies = new Map<OpKind, number[]>();
    const errors = new Map<string, number>();
    if (values.profile) await ask({ type: 'profile-start', file: join(profileDir, `load-app-${Date.now()}.cpuprofile`) });
    const startedAt = Date.now();
    const deadline = startedAt + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        if (thinkMs > 0) await sleep(thinkMs * Math.random());
        for (let n = 0; Date.now() < deadline; n += 1) {
          const kind = pickOp(Math.random(), n + c);
          const started = performance.now();
          try {
            await runOp(targets, kind, c, n, acknowledged);
            latencies.set(kind, [...(latencies.get(kind) ?? []), performance.now() - started]);
          } catch (err) {
            const key = err instanceof Error ? err.message : String(err);
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
          if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
        }
      }),
    );
    const loadEnd = Date.now();
    if (values.profile) console.log(`\nCPU profile of the app during the load:\n${(await ask<{ summary: string }>({ type: 'profile-stop' })).summary}\n`);
    const elapsed = (loadEnd - startedAt) / 1000;
    const sentUnderLoad = ratesOf(connector.acceptedAt.filter((t) => t <= loadEnd));
    const requestsUnderLoad = ratesOf(connector.requestedAt.filter((t) => t <= loadEnd));
    const overUnderLoad = connector.stats.throttledByRate;

    // The fan-out finishes (bounded: twice its time at the limit, and a minute). Its recipients
    // only: the invokes cause sends of their own (decision notices, card updates).
    const fanoutSends = () => [...connector.successes].filter(([id]) => id.startsWith('19:load-'));
    const fanoutDeadline = fanoutStartedAt + (2 * recipients * 1000) / limit + 60_000;
    let progress = await ask<{ progress: { queued: number } }>({ type: 'progress' });
    while ((fanoutSends().length < recipients || progress.progress.queued > 0) && Date.now() < fanoutDeadline) {
      await sleep(500);
      progress = await ask({ type: 'progress' });
    }
    const fanoutSeconds = (Date.now() - fanoutStartedAt) / 1000;
    await sleep(2000); // anything sent twice would arrive late
    const stored = await verifyStored(targets, acknowledged);
    await sleep(5000); // settle, then a garbage collection before measuring
    const after = await memory();

    const all = [...latencies.values()].flat().sort((a, b) => a - b);
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    const p99 = percentile(all, 99);
    const sent = fanoutSends();
    const duplicates = sent.reduce((sum, [, k]) => sum + Math.max(0, k - 1), 0);
    const growth = (x: number, y: number) => `${(((y - x) / x) * 100).toFixed(0)}%`;
    const mark = (good: boolean) => (good ? 'met' : 'NOT met');
    console.log(`\nLoad benchmark (${countMode === 'requests' ? 'the limit counting every request' : 'the limit counting accepted sends'}; load average ${loadavg()[0]?.toFixed(1)} at the end)`);
    console.log(`  throughput:   ${all.length + errorCount} operations in ${elapsed.toFixed(1)} s = ${((all.length + errorCount) / elapsed).toFixed(1)}/s`);
    console.log(`  latency:      p50 ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, p99 ${ms(p99)}, max ${ms(all.at(-1) ?? NaN)}   target p99 < 1 s: ${mark(p99 < 1000)}`);
    for (const [kind, xs] of [...latencies].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...xs].sort((a, b) => a - b);
      console.log(`    ${kind.padEnd(20)} n=${String(sorted.length).padStart(6)}  p50 ${ms(percentile(sorted, 50)).padStart(8)}  p95 ${ms(percentile(sorted, 95)).padStart(8)}  p99 ${ms(percentile(sorted, 99)).padStart(8)}`);
    }
    console.log(`  errors:       ${errorCount}   target 0: ${mark(errorCount === 0)}`);
    for (const [message, count] of errors) console.log(`    ×${count}: ${message}`);
    console.log(`  lost:         ${stored.lost.length} of ${stored.checked} acknowledged writes and responses not readable afterwards   target 0: ${mark(stored.lost.length === 0)}`);
    for (const line of stored.lost.slice(0, 10)) console.log(`    ${line}`);
    console.log(
      `  fan-out:      under the load the tenant's sends ${sentUnderLoad.whole.toFixed(1)}/s delivered = ${(sentUnderLoad.whole / limit).toFixed(3)} of the limit (${(requestsUnderLoad.whole / limit).toFixed(3)} in requests); ${sent.length}/${recipients} recipients sent in ${fanoutSeconds.toFixed(0)} s; over-limit 429s ${overUnderLoad} under the load, ${connector.stats.throttledByRate} in all; random 429s ${connector.stats.throttledAtRandom}; lost ${recipients - sent.length}, duplicates ${duplicates}`,
    );
    console.log(`  app memory:   before RSS ${before.procRssMb.toFixed(0)} MB, heap ${before.heapMb.toFixed(0)} MB; after (settled, GC) RSS ${after.procRssMb.toFixed(0)} MB (${growth(before.procRssMb, after.procRssMb)}), heap ${after.heapMb.toFixed(0)} MB (${growth(before.heapMb, after.heapMb)})   target within 20%: heap ${mark(after.heapMb <= 1.2 * before.heapMb)}, RSS ${mark(after.procRssMb <= 1.2 * before.procRssMb)}`);
  } finally {
    await app.stop();
    await storage.stop();
    await connector.close();
    await rm(location, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
