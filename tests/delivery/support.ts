/** Helpers for delivery tests: fast settings, conversation refs, a test renderer, polling. */
import type { ConversationRef } from '../../bot/conversations/domain/conversation';
import type { Delivery } from '../../bot/delivery/domain/delivery';
import type { KindRenderer } from '../../bot/delivery/ports';
import type { DeliveryRegistry } from '../../bot/delivery/index';

export const TENANT = '7f3c2a10-0000-4000-8000-0000000000d1';

/** Settings that keep each test within seconds: short claims, polls and back-off. */
export const FAST_DELIVERY_ENV: Record<string, string> = {
  DELIVERY_IDLE_POLL_MS: '50',
  // Small messages, so that two instances both get a share of a small fan-out.
  DELIVERY_JOBS_PER_MESSAGE: '4',
  DELIVERY_CLAIM_SECONDS: '10',
  DELIVERY_BACKOFF_BASE_MS: '100',
  DELIVERY_BACKOFF_MAX_MS: '2000',
  DELIVERY_SEND_TIMEOUT_MS: '2000',
  DELIVERY_HEARTBEAT_MS: '1000',
  SCHEDULER_POLL_MS: '100',
};

export function conversationRef(serviceUrl: string, conversationId: string, overrides: Partial<ConversationRef> = {}): ConversationRef {
  const now = new Date().toISOString();
  return {
    tenantId: TENANT,
    conversationId,
    kind: 'channel',
    serviceUrl,
    channelId: 'msteams',
    botId: '28:00000000-0000-4000-8000-00000000b0b0',
    title: `Channel ${conversationId}`,
    installedAt: now,
    updatedAt: now,
    active: true,
    ...overrides,
  };
}

/** Renders `{ kind: 'test.text', ref }` as a one-line card; `variant` is appended. */
export const textRenderer: KindRenderer = {
  kind: 'test.text',
  async render(_tenantId, content) {
    return {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [{ type: 'TextBlock', text: `${content.ref}${content.variant ? ` (${content.variant})` : ''}`, wrap: true }],
    };
  },
};

export const registerTestRenderer = (registry: DeliveryRegistry): void => registry.addRenderer(textRenderer);

/** Polls until `check` returns true, or fails after `timeoutMs`. */
export async function waitUntil(check: () => Promise<boolean> | boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const settled = (deliveries: readonly Delivery[]): boolean => deliveries.length > 0 && deliveries.every((d) => d.state !== 'queued');
