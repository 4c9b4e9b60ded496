import { describe, expect, it } from '@jest/globals';

import type { ConversationRef, ConversationStore } from '../../conversations';
import type { Logger } from '../../kernel/logger';
import { FakeDeliveries } from '../../../tests/support/delivery-fakes';
import { DeliveryReader } from './delivery-reader';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };

/** Conversation references in memory, counting point reads and whole-tenant lists. */
class CountingConversations implements ConversationStore {
  readonly refs = new Map<string, ConversationRef>();
  gets = 0;
  lists = 0;
  async save(ref: ConversationRef): Promise<void> {
    this.refs.set(`${ref.tenantId}\n${ref.conversationId}`, ref);
  }
  async get(tenantId: string, conversationId: string): Promise<ConversationRef | undefined> {
    this.gets++;
    return this.refs.get(`${tenantId}\n${conversationId}`);
  }
  async list(tenantId: string): Promise<ConversationRef[]> {
    this.lists++;
    return [...this.refs.values()].filter((r) => r.tenantId === tenantId);
  }
  async deleteTenant(): Promise<void> {}
}

const ref = (tenantId: string, i: number): ConversationRef => ({
  tenantId,
  conversationId: `19:team-${i}@thread.tacv2`,
  kind: 'channel',
  serviceUrl: 'https://smba.trafficmanager.net/teams/',
  channelId: 'msteams',
  botId: '28:bot',
  title: `Team ${i}`,
  installedAt: '2026-12-01T09:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
  active: true,
});

describe('the references a fan-out reads', () => {
  it('come from one read of the tenant once many are asked for, and are let go once expired', async () => {
    let now = Date.parse('2026-12-08T09:00:00Z');
    const conversations = new CountingConversations();
    for (let i = 0; i < 300; i++) await conversations.save(ref('t1', i));
    await conversations.save(ref('t2', 0));
    const reader = new DeliveryReader({ deliveries: new FakeDeliveries(), conversations, clock: { now: () => new Date(now) }, logger: silent });

    for (let i = 0; i < 300; i++) expect((await reader.conversation('t1', `19:team-${i}@thread.tacv2`))?.title).toBe(`Team ${i}`);
    // One point read per recipient until they are many, then the rest from one list.
    expect(conversations.lists).toBe(1);
    expect(conversations.gets).toBe(63);

    now += 20_000;
    await reader.conversation('t2', '19:team-0@thread.tacv2');
    expect(reader.held).toBe(301);
    // Thirty seconds after the tenant was read, its references have expired: pruned, and read again when asked.
    now += 11_000;
    reader.prune(now);
    expect(reader.held).toBe(1);
    expect((await reader.conversation('t1', '19:team-7@thread.tacv2'))?.title).toBe('Team 7');
    expect(conversations.gets).toBe(65);
  });
});
