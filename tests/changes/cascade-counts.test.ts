/**
 * The cascade's figures agree with each other (issue #9): on every published change of the demo
 * seed, over real HTTP, the recipients are counted once — PMO channels and teams, never the
 * EPMO copy — and every other figure (responded, pending, unreachable, delivered, per domain,
 * the change's summary, the domains reached) is a part of that same set. Responses name people.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CascadeResponse, ChangeDetailResponse, ChangesListResponse } from '../../bot/api-contract/changes';
import type { RunningApp } from '../../bot/composition/start-app';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/demo/demo-identities';
import { apiClient, startTestApp } from '../support/app';

let app: RunningApp;
let call: ReturnType<typeof apiClient>;
let published: { detail: ChangeDetailResponse; cascade: CascadeResponse }[];

const tokenOf = async (name: string): Promise<string> => {
  const user = DEMO_USERS.find((u) => u.displayName === name);
  if (!user) throw new Error(`No demo user ${name}`);
  return (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: user.userId } })).body.token as string;
};

beforeAll(async () => {
  app = await startTestApp({ SEED_DEMO: 'true' });
  call = apiClient(app.url);
  const token = await tokenOf('Erin Epmo');
  const list = (await call('GET', '/api/changes', { token })).body as ChangesListResponse;
  published = [];
  for (const s of list.items.filter((i) => i.change.state === 'published')) {
    const detail = (await call('GET', `/api/changes/${s.change.id}`, { token })).body as ChangeDetailResponse;
    const cascade = (await call('GET', `/api/changes/${s.change.id}/cascade`, { token })).body as CascadeResponse;
    published.push({ detail, cascade });
  }
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

describe('cascade figures', () => {
  it('are checked on the seed\'s published changes, each with an EPMO copy', () => {
    expect(published.length).toBeGreaterThanOrEqual(2);
    for (const { cascade } of published) expect(cascade.epmo).toBeDefined();
  });

  it('count each PMO and team recipient once, and split it into responded, pending or unreachable', () => {
    for (const { cascade } of published) {
      const rows = cascade.domains.flatMap((d) => [...(d.pmo ? [d.pmo] : []), ...d.teams]);
      const { rollup } = cascade;
      expect(rollup.recipients).toBe(rows.length);
      expect(rollup.responded + rollup.pending + rollup.unreachable).toBe(rollup.recipients);
      expect(cascade.domains.reduce((n, d) => n + d.rollup.recipients, 0)).toBe(rollup.recipients);
      expect(rollup.overdue).toBeLessThanOrEqual(rollup.pending);
      // The EPMO copy is apart: not a row of any domain.
      expect(rows.map((r) => r.conversationId)).not.toContain(cascade.epmo?.conversationId);
    }
  });

  it('deliver to the same recipients the figures count, never more', () => {
    for (const { cascade } of published) {
      const rows = cascade.domains.flatMap((d) => [...(d.pmo ? [d.pmo] : []), ...d.teams]);
      expect(cascade.delivery.total).toBe(rows.filter((r) => r.delivery !== 'not-sent').length);
      expect(cascade.delivery.sent).toBe(rows.filter((r) => r.delivery === 'sent').length);
      expect(cascade.delivery.total).toBeLessThanOrEqual(cascade.rollup.recipients);
    }
  });

  it('read the same in the change\'s summary, whose domains reached are the cascade\'s domains', () => {
    for (const { detail, cascade } of published) {
      expect(detail.progress?.rollup).toEqual(cascade.rollup);
      expect(detail.progress?.delivery).toEqual(cascade.delivery);
      expect(sorted(detail.progress?.reachedDomainIds ?? [])).toEqual(sorted(cascade.domains.filter((d) => d.rollup.recipients > 0).map((d) => d.domainId)));
    }
  });

  it('name the people who responded, not their roles', () => {
    const people = new Set(DEMO_USERS.map((u) => u.displayName));
    const names = published.flatMap(({ cascade }) => cascade.domains.flatMap((d) => [...(d.pmo ? [d.pmo] : []), ...d.teams]).flatMap((r) => r.responses.map((x) => x.userName)));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(people).toContain(name);
  });
});
