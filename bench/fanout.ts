/**
 * Fan-out benchmark (`npm run bench:fanout`): N recipients in one tenant, through the real app
 * (embedded Azurite tables + queue, the delivery worker, botbuilder's connector client) to a
 * local connector that enforces Teams' per-tenant limit and throttles a share of requests at
 * random. Meanwhile card-action invokes are POSTed to /api/messages at a modest rate, to show
 * the bot stays responsive while it fans out.
 *
 *   npm run bench:fanout -- [--recipients 10000] [--limit 50] [--throttle 0.02] [--ack-rate 5] [--concurrency 32]
 *
 * It is a benchmark, not a test: it prints figures; docs/benchmarks.md records them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { loadConfig } from '../bot/config';
import { startApp } from '../bot/host';
import type { ConversationRef } from '../bot/domain/conversation';
import { cardAction, execute } from '../tests/bot/teams-activities';
import { startEnforcingConnector } from './enforcing-connector';

const TENANT = 'b0000000-0000-4000-8000-00000000be11';
/** The verb the invokes use: answered by the bot today (the change.ack verb is not wired yet). */
const ACK_VERB = 'link.start';

const { values } = parseArgs({
  options: {
    recipients: { type: 'string', default: '10000' },
    limit: { type: 'string', default: '50' },
    throttle: { type: 'string', default: '0.02' },
    'ack-rate': { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
  },
});
const recipients = Number(values.recipients);
const limit = Number(values.limit);
const throttleShare = Number(values.throttle);
const ackRate = Number(values['ack-rate']);
const concurrency = Number(values.concurrency);

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function inParallel<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

async function main(): Promise<void> {
  const location = await mkdtemp(join(tmpdir(), 'pmo-relay-bench-'));
  const connector = await startEnforcingConnector({ limitPerSecond: limit, randomThrottleShare: throttleShare });
  const app = await startApp(
    loadConfig({
      APP_ENV: 'test',
      PORT: '0',
      AZURITE_LOCATION: location,
      AZURITE_TABLE_PORT: '0',
      AZURITE_QUEUE_PORT: '0',
      TABLE_PREFIX: 'bench',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      DELIVERY_TENANT_RATE_PER_SEC: String(limit),
      DELIVERY_CONCURRENCY: String(concurrency),
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

    // Card actions while the fan-out runs.
    const latencies: number[] = [];
    let ackErrors = 0;
    let acking = true;
    const where = { serviceUrl: connector.url, tenantId: TENANT, kind: 'personal' as const, conversationId: 'a:bench-acker' };
    const acks = (async () => {
      const pending: Promise<void>[] = [];
      while (acking) {
        const started = performance.now();
        pending.push(
          fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(cardAction(where, { aadObjectId: 'a0000000-0000-4000-8000-0000000000aa', name: 'Bench' }, execute(ACK_VERB))) })
            .then(async (res) => {
              await res.text();
              if (res.status !== 200) ackErrors++;
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

    let lastReport = Date.now();
    while (connector.successes.size < recipients) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        console.log(`  ${connector.successes.size}/${recipients} sent, ${connector.stats.throttledByRate + connector.stats.throttledAtRandom} 429s`);
      }
    }
    // Wait for the records to say so too.
    let progress = await app.delivery.progress(TENANT, 'bench:fanout');
    while (progress.queued > 0) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      progress = await app.delivery.progress(TENANT, 'bench:fanout');
    }
    const totalMs = Date.now() - t0;
    acking = false;
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
    console.log(`  recipients:        ${recipients} in one tenant; limit ${limit}/s; random 429 share ${throttleShare}; concurrency ${concurrency}`);
    console.log(`  send rate:         ${steadyRate.toFixed(1)}/s while sending = ${(steadyRate / limit).toFixed(3)} of the limit`);
    console.log(`  overall:           ${overallRate.toFixed(1)}/s from dispatch to last record = ${(overallRate / limit).toFixed(3)} of the limit`);
    console.log(`  total time:        ${(totalMs / 1000).toFixed(1)} s (dispatch ${(dispatchedMs / 1000).toFixed(1)} s)`);
    console.log(`  messages lost:     ${lost}`);
    console.log(`  duplicates:        ${duplicates}`);
    console.log(`  429s seen:         ${stats.throttledByRate + stats.throttledAtRandom} (${stats.throttledByRate} over the rate limit, ${stats.throttledAtRandom} at random)`);
    console.log(`  records:           ${JSON.stringify(progress)}`);
    console.log(`  ack invokes:       ${latencies.length} (${ACK_VERB} card action; change.ack is not wired yet), ${ackErrors} errors`);
    console.log(`  ack latency:       p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms`);
  } finally {
    await app.stop();
    await connector.close();
    await rm(location, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
