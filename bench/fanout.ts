/**
 * Fan-out benchmark (`npm run bench:fanout`): N recipients in one tenant, through the real app
 * (embedded Azurite tables + queue, the delivery worker, botbuilder's connector client) to a
 * local connector that enforces Teams' per-tenant limit and throttles a share of requests at
 * random. Meanwhile card-action invokes are POSTed to /api/messages at a modest rate, to show
 * the bot stays responsive while it fans out.
 *
 *   npm run bench:fanout -- [--recipients 10000] [--limit 50] [--throttle 0.02] [--ack-rate 5] [--concurrency 32] [--count both|accepted|requests]
 *
 * Teams does not say whether its limit counts throttled requests, so by default it runs twice —
 * the connector counting accepted sends, then every request — and ends with both readings'
 * ratio of the limit and over-limit 429s side by side.
 *
 * It is a benchmark, not a test: it prints figures; docs/benchmarks.md records them.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { loadConfig } from '../bot/config';
import { startApp } from '../bot/composition/start-app';
import type { ConversationRef } from '../bot/conversations/domain/conversation';
import { cardAction, execute } from '../tests/bot/teams-activities';
import { publishAckTarget } from './ack-setup';
import { startAzuriteProcesses } from './azurite-processes';
import { startEnforcingConnector } from './enforcing-connector';
import { startCpuProfile } from './profile';
import { inParallel, percentile, ratesOf } from './support/stats';

const TENANT = 'b0000000-0000-4000-8000-00000000be11';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '50' },
    throttle: { type: 'string', default: '0.02' },
    /** What the connector's limit counts: `accepted` sends, every `requests` (throttled ones too), or `both` (a run of each). */
    count: { type: 'string', default: 'both' },
    'ack-rate': { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    /** Share of the limit the app paces requests at (DELIVERY_RATE_HEADROOM); default: the app's. */
    headroom: { type: 'string' },
    /** `process` (default): Azurite's table and queue services as child processes, as storage runs in production; `embedded`: in the app's process, as `npm start` does. */
    storage: { type: 'string', default: 'process' },
    /** `change` (default): change.ack invokes on a real published change; `link`: the link.start card action (the earlier runs). */
    ack: { type: 'string', default: 'change' },
    /** CPU-profile the app (and the Azurite children) for this many seconds once sending starts; 0: off. */
    profile: { type: 'string', default: '0' },
  },
});
const recipients = Number(values.recipients);
const limit = Number(values.limit);
const throttleShare = Number(values.throttle);
const ackRate = Number(values['ack-rate']);
const concurrency = Number(values.concurrency);
const storageMode = values.storage === 'embedded' ? 'embedded' : 'process';
const profileSeconds = Number(values.profile);
const ackVerb = values.ack === 'link' ? 'link.start' : 'change.ack';

type Reading = 'accepted' | 'requests';

/** One run's figures under the reading its connector enforced. */
interface ReadingSummary {
  readonly reading: Reading;
  /** What the limit counted per second while sending, and 10%–90%, as ratios of the limit. */
  readonly ratio: number;
  readonly steadyRatio: number;
  /** Accepted sends per second while sending, as a ratio of the limit. */
  readonly deliveredRatio: number;
  readonly overLimit: number;
  readonly random: number;
  readonly busiestSecond: number;
  readonly lost: number;
  readonly duplicates: number;
}

async function run(countMode: Reading): Promise<ReadingSummary> {
  const location = await mkdtemp(join(tmpdir(), 'pmo-relay-bench-'));
  const connector = await startEnforcingConnector({ limitPerSecond: limit, randomThrottleShare: throttleShare, count: countMode });
  const profileDir = join(process.cwd(), '.bench-profiles');
  if (profileSeconds > 0) await mkdir(profileDir, { recursive: true });
  // Storage out of the app's process, as in production (see bench/azurite-processes.ts).
  const storage = storageMode === 'process' ? await startAzuriteProcesses(location, profileSeconds > 0 ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []) : undefined;
  const app = await startApp(
    loadConfig({
      APP_ENV: 'test',
      PORT: '0',
      ...(storage ? { AZURE_STORAGE_CONNECTION_STRING: storage.connectionString } : { AZURITE_LOCATION: location, AZURITE_TABLE_PORT: '0', AZURITE_QUEUE_PORT: '0' }),
      TABLE_PREFIX: 'bench',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      DELIVERY_TENANT_RATE_PER_SEC: String(limit),
      DELIVERY_CONCURRENCY: String(concurrency),
      ...(values.headroom ? { DELIVERY_RATE_HEADROOM: values.headroom } : {}),
      DELIVERY_IDLE_POLL_MS: '100',
    }),
    {
      registerDelivery: (registry) =>
        registry.addRenderer({
          kind: 'bench.card',
          render: async (_tenant, content) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Strategy change ${content.ref}`, wrap: true }] }),
        }),
    },
  );

  try {
    const now = new Date().toISOString();
    const ids = Array.from({ length: recipients }, (_, i) => `19:bench-${i}@thread.tacv2`);
    process.stdout.write(`storing ${recipients} conversation references… `);
    await inParallel(ids, 32, (conversationId) => {
      const ref: ConversationRef = { tenantId: TENANT, conversationId, kind: 'channel', serviceUrl: connector.url, channelId: 'msteams', botId: '28:bench', title: conversationId, installedAt: now, updatedAt: now, active: true };
      return app.repos.conversations.save(ref);
    });
    console.log('done');

    // Card actions while the fan-out runs: change.ack on a real change published (and
    // delivered) before the fan-out, from its team channels in turn.
    const target = ackVerb === 'change.ack' ? await publishAckTarget(app, TENANT, connector.url) : undefined;
    connector.reset();
    const latencies: number[] = [];
    let ackErrors = 0;
    let acksRecorded = 0;
    let acking = true;
    const acks = (async () => {
      const pending: Promise<void>[] = [];
      for (let n = 0; acking; n++) {
        const started = performance.now();
        const team = target?.teams[n % target.teams.length];
        const activity = team
          ? cardAction(
              { serviceUrl: connector.url, tenantId: TENANT, kind: 'channel', conversationId: team.conversationId, team: { id: `team-${team.conversationId}` } },
              { aadObjectId: team.userId, name: team.name },
              execute('change.ack', { changeId: target?.changeId, version: target?.version, conversationId: team.conversationId }),
            )
          : cardAction({ serviceUrl: connector.url, tenantId: TENANT, kind: 'personal', conversationId: 'a:bench-acker' }, { aadObjectId: 'a0000000-0000-4000-8000-0000000000aa', name: 'Bench' }, execute('link.start'));
        pending.push(
          fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) })
            .then(async (res) => {
              const text = await res.text();
              if (res.status !== 200 || (team && !/response is recorded|already recorded/.test(text))) ackErrors++;
              else if (team) acksRecorded++;
              latencies.push(performance.now() - started);
            })
            .catch(() => void ackErrors++),
        );
        await new Promise((resolve) => setTimeout(resolve, 1000 / ackRate));
      }
      await Promise.all(pending);
    })();

    const t0 = Date.now();
    const requests = ids.map((conversationId) => ({ conversationId, operation: 'send' as const, content: { kind: 'bench.card', ref: 'chg-bench' } }));
    await app.delivery.dispatch(TENANT, 'bench:fanout', requests);
    const dispatchedMs = Date.now() - t0;
    console.log(`dispatched (recorded + enqueued) in ${(dispatchedMs / 1000).toFixed(1)} s; sending…`);
    const cpuAtSend = { app: process.cpuUsage(), storage: await storage?.cpuSeconds(), at: Date.now() };
    const profiling = profileSeconds > 0 ? (async () => {
      const stop = await startCpuProfile(join(profileDir, `app-${Date.now()}.cpuprofile`));
      await new Promise((resolve) => setTimeout(resolve, profileSeconds * 1000));
      console.log(`\nCPU profile of the app process (${profileSeconds} s of sending, ${connector.successes.size} sent so far):\n${await stop()}\n`);
    })() : Promise.resolve();

    let lastReport = Date.now();
    while (connector.successes.size < recipients) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        console.log(`  ${connector.successes.size}/${recipients} sent, ${connector.stats.throttledByRate + connector.stats.throttledAtRandom} 429s`);
      }
    }
    // Wait for the records to say so too.
    let progress = await app.delivery.progress(TENANT, 'bench:fanout');
    while (progress.queued > 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      progress = await app.delivery.progress(TENANT, 'bench:fanout');
    }
    const totalMs = Date.now() - t0;
    const appCpu = process.cpuUsage(cpuAtSend.app);
    const storageCpu = await storage?.cpuSeconds();
    const sendWallS = (Date.now() - cpuAtSend.at) / 1000;
    acking = false;
    await profiling;
    await acks;
    // Anything sent twice would arrive late; give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    const { stats } = connector;
    const sendingSeconds = (stats.lastAcceptedAt - stats.firstAcceptedAt) / 1000;
    const steadyRate = (stats.accepted - 1) / sendingSeconds;
    const overallRate = recipients / (totalMs / 1000);
    const duplicates = [...connector.successes.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = recipients - connector.successes.size;
    const sorted = [...latencies].sort((a, b) => a - b);

    console.log('\nFan-out benchmark');
    console.log(`  machine:           ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
    console.log(`  storage:           ${storage ? 'Azurite table + queue as separate processes (in memory), via AZURE_STORAGE_CONNECTION_STRING — as Azure Storage runs apart from the app in production' : 'embedded Azurite in the app process (npm start mode)'}`);
    const cpuShare = (seconds: number) => `${seconds.toFixed(1)} s (${((100 * seconds) / sendWallS).toFixed(0)}% of a core)`;
    console.log(`  CPU while sending: app ${cpuShare((appCpu.user + appCpu.system) / 1e6)}${storage && storageCpu && cpuAtSend.storage ? `, Azurite table ${cpuShare(storageCpu.table - cpuAtSend.storage.table)}, queue ${cpuShare(storageCpu.queue - cpuAtSend.storage.queue)}` : ''} over ${sendWallS.toFixed(0)} s`);
    console.log(`  recipients:        ${recipients} in one tenant; limit ${limit}/s counting ${countMode === 'requests' ? 'every request (throttled too)' : 'accepted sends'}; random 429 share ${throttleShare}; concurrency ${concurrency}`);
    console.log(`  send rate:         ${steadyRate.toFixed(1)}/s while sending = ${(steadyRate / limit).toFixed(3)} of the limit`);
    const at = connector.acceptedAt;
    const [from, to] = [Math.floor(at.length * 0.1), Math.floor(at.length * 0.9)];
    const middleRate = (to - from) / (((at[to] ?? 0) - (at[from] ?? 0)) / 1000);
    console.log(`  steady (10%–90%): ${middleRate.toFixed(1)}/s = ${(middleRate / limit).toFixed(3)} of the limit (without the start and the tail of late retries)`);
    console.log(`  overall:           ${overallRate.toFixed(1)}/s from dispatch to last record = ${(overallRate / limit).toFixed(3)} of the limit`);
    console.log(
      `  total time:        ${(totalMs / 1000).toFixed(1)} s (dispatch ${(dispatchedMs / 1000).toFixed(1)} s; first send ${((stats.firstAcceptedAt - t0) / 1000).toFixed(2)} s after it started; last send ${((t0 + totalMs - stats.lastAcceptedAt) / 1000).toFixed(2)} s before the last record said so)`,
    );
    console.log(`  messages lost:     ${lost}`);
    console.log(`  duplicates:        ${duplicates}`);
    console.log(`  429s seen:         ${stats.throttledByRate + stats.throttledAtRandom} (${stats.throttledByRate} over the rate limit, ${stats.throttledAtRandom} at random)`);
    console.log(`  records:           ${JSON.stringify(progress)}`);
    console.log(
      `  ack invokes:       ${latencies.length} ${target ? `change.ack on a published change from ${target.teams.length} team channels in turn (first per team records, later ones find it recorded); ${acksRecorded} answered "recorded"` : 'link.start card actions'}, ${ackErrors} errors`,
    );
    console.log(`  ack latency:       p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`);
    const counted = ratesOf(countMode === 'requests' ? connector.requestedAt : connector.acceptedAt);
    console.log(`  what the limit counted (${countMode}): ${counted.whole.toFixed(1)}/s while sending = ${(counted.whole / limit).toFixed(3)} of the limit, ${(counted.steady / limit).toFixed(3)} steady; busiest second ${stats.busiestSecond}/${limit}`);
    return {
      reading: countMode,
      ratio: counted.whole / limit,
      steadyRatio: counted.steady / limit,
      deliveredRatio: steadyRate / limit,
      overLimit: stats.throttledByRate,
      random: stats.throttledAtRandom,
      busiestSecond: stats.busiestSecond,
      lost,
      duplicates,
    };
  } finally {
    await app.stop();
    await storage?.stop();
    await connector.close();
    await rm(location, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const readings: Reading[] = values.count === 'both' ? ['accepted', 'requests'] : [values.count === 'requests' ? 'requests' : 'accepted'];
  const summaries: ReadingSummary[] = [];
  for (const reading of readings) {
    console.log(`\n=== the connector's limit counting ${reading === 'requests' ? 'every request (throttled ones too)' : 'accepted sends'} ===`);
    summaries.push(await run(reading));
  }
  console.log('\nBoth readings of the limit (target: ratio ≥ 0.97, 0 over-limit 429s, 0 lost, 0 duplicates)');
  for (const s of summaries) {
    console.log(
      `  counting ${s.reading.padEnd(8)}  ratio ${s.ratio.toFixed(3)} (steady ${s.steadyRatio.toFixed(3)})  delivered ${s.deliveredRatio.toFixed(3)}  over-limit 429s ${s.overLimit}  random 429s ${s.random}  busiest second ${s.busiestSecond}/${limit}  lost ${s.lost}  duplicates ${s.duplicates}`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
