/**
 * The app under `npm run bench:load`, in a process of its own: seeds the big tenant
 * (bench/lib/big-tenant.ts) into the storage named by AZURE_STORAGE_CONNECTION_STRING, then what
 * the card invokes act on — 20 team channels with two published changes (acknowledge, assess),
 * a raised signal to triage and an escalated one to decide — and RECIPIENTS conversation
 * references for the fan-out, whose sends go to CONNECTOR_URL. Tells the parent what it holds on
 * one JSON line of stdout; then answers over IPC: `fanout` (dispatch the batch), `progress`, and
 * `memory` (after a garbage collection). Stops on SIGTERM.
 */
import { loadConfig } from '../bot/config';
import { startApp } from '../bot/composition/start-app';
import type { ConversationRef } from '../bot/conversations/domain/conversation';
import { publishAckTarget } from './ack-setup';
import { startCpuProfile } from './profile';
import { bigTenantExtension } from './lib/big-tenant';
import { inParallel } from './support/stats';

const FANOUT_BATCH = 'bench:load-fanout';

export type LoadAppRequest =
  | { readonly type: 'fanout' }
  | { readonly type: 'progress' }
  | { readonly type: 'memory' }
  /** `bench:load --profile`: start a CPU profile of this process into `file`; `profile-stop` ends it and answers the summary. */
  | { readonly type: 'profile-start'; readonly file: string }
  | { readonly type: 'profile-stop' };

async function main(): Promise<void> {
  const env = process.env;
  const connectorUrl = env.CONNECTOR_URL ?? '';
  const recipients = Number(env.RECIPIENTS ?? '5000');
  const { extension, seeded } = bigTenantExtension();
  const app = await startApp(
    loadConfig({
      APP_ENV: 'test',
      PORT: '0',
      AZURE_STORAGE_CONNECTION_STRING: env.AZURE_STORAGE_CONNECTION_STRING ?? '',
      TABLE_PREFIX: 'benchload',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      DELIVERY_TENANT_RATE_PER_SEC: env.LIMIT ?? '50',
      DELIVERY_IDLE_POLL_MS: '100',
    }),
    {
      extensions: [extension],
      registerDelivery: (registry) =>
        registry.addRenderer({
          kind: 'bench.card',
          render: async (_tenant, content) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Strategy change ${content.ref}`, wrap: true }] }),
        }),
    },
  );
  const tenant = await seeded;
  const { tenantId } = tenant;
  const cards = await publishAckTarget(app, tenantId, connectorUrl, 20, true);
  const now = new Date().toISOString();
  const ids = Array.from({ length: recipients }, (_, i) => `19:load-${i}@thread.tacv2`);
  await inParallel(ids, 32, async (conversationId) => {
    const ref: ConversationRef = { tenantId, conversationId, kind: 'channel', serviceUrl: connectorUrl, channelId: 'msteams', botId: '28:bench', title: conversationId, installedAt: now, updatedAt: now, active: true };
    await app.repos.conversations.save(ref);
  });
  process.stdout.write(`${JSON.stringify({ url: app.url, tenant, cards })}\n`);

  let stopProfile: (() => Promise<string>) | undefined;
  process.on('message', (request: LoadAppRequest) => {
    const reply = (answer: unknown) => process.send?.({ type: request.type, ...(answer as object) });
    if (request.type === 'profile-start') {
      void startCpuProfile(request.file).then((stop) => {
        stopProfile = stop;
        reply({});
      });
    } else if (request.type === 'profile-stop') {
      void (stopProfile?.() ?? Promise.resolve('(no profile was started)')).then((summary) => reply({ summary }));
    } else if (request.type === 'fanout') {
      const sends = ids.map((conversationId) => ({ conversationId, operation: 'send' as const, content: { kind: 'bench.card', ref: 'chg-load' } }));
      void app.delivery.dispatch(tenantId, FANOUT_BATCH, sends).then(() => reply({}));
    } else if (request.type === 'progress') {
      void app.delivery.progress(tenantId, FANOUT_BATCH).then((progress) => reply({ progress }));
    } else {
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      reply({ rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 });
    }
  });
  process.once('SIGTERM', () => {
    void app.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
