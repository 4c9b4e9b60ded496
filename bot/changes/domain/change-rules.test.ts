import { describe, expect, it } from '@jest/globals';
import type { ChangeResponse, StrategyChange } from './strategy-change';
import { type ChangeFields, draftChange, editDraft, publishChange, supersedeChange, withdrawChange } from './change-rules';
import { recipientOutcome, respondToChange, rollUp } from './change-responses';

const T = 'tenant-1';
const now = new Date('2026-03-01T10:00:00Z');
const later = (h: number) => new Date(now.getTime() + h * 3_600_000);
const erin = { userId: 'u-erin', displayName: 'Erin' };
const fields: ChangeFields = {
  title: ' Supplier risk ',
  summary: 'Why',
  kind: 'threat',
  objectiveIds: ['o1', 'o1'],
  domainIds: [],
  requiredResponse: 'acknowledge',
  respondBy: later(48).toISOString(),
};

function published(over: Partial<ChangeFields> = {}): StrategyChange {
  const d = draftChange({ ...fields, ...over }, { tenantId: T, id: 'chg-1', author: erin, now });
  if (!d.ok) throw new Error('draft');
  const p = publishChange(d.value.value, erin, now);
  if (!p.ok) throw new Error('publish');
  return p.value.value;
}

describe('transitions', () => {
  it('drafts version 1, normalised, with an event', () => {
    const d = draftChange(fields, { tenantId: T, id: 'chg-1', author: erin, now });
    expect(d.ok && d.value.value).toMatchObject({ version: 1, state: 'draft', title: 'Supplier risk', objectiveIds: ['o1'], authorName: 'Erin' });
    expect(d.ok && d.value.events).toEqual([
      { tenantId: T, changeId: 'chg-1', version: 1, seq: 1, at: now.toISOString(), actorId: 'u-erin', actorName: 'Erin', action: 'draft', to: 'draft' },
    ]);
  });

  it('edits only drafts', () => {
    const c = published();
    const e = editDraft(c, { title: 'x' }, erin, now);
    expect(!e.ok && e.error.code).toBe('CHANGE.NOT_DRAFT');
  });

  it('publishes a draft once, and only with a future respond-by and someone to reach', () => {
    const c = published();
    expect(c.state).toBe('published');
    const again = publishChange(c, erin, now);
    expect(!again.ok && again.error.code).toBe('CHANGE.NOT_DRAFT');
    const d = draftChange({ ...fields, objectiveIds: [], respondBy: later(-1).toISOString() }, { tenantId: T, id: 'chg-2', author: erin, now });
    const p = d.ok ? publishChange(d.value.value, erin, now) : undefined;
    expect(p && !p.ok && p.error.details?.map((x) => x.at)).toEqual(['objectiveIds', 'respondBy']);
  });

  it('supersede publishes v n+1 and marks v n superseded; only the published version can be superseded', () => {
    const s = supersedeChange(published(), { title: 'New' }, erin, now);
    expect(s.ok && s.value.value.previous).toMatchObject({ version: 1, state: 'superseded', closedBy: 'Erin' });
    expect(s.ok && s.value.value.next).toMatchObject({ version: 2, state: 'published', title: 'New' });
    const prev = s.ok ? s.value.value.previous : published();
    const again = supersedeChange(prev, {}, erin, now);
    expect(!again.ok && again.error.code).toBe('CHANGE.STALE_VERSION');
  });

  it('withdraws a published change with a reason', () => {
    const w = withdrawChange(published(), '  recovered ', erin, now);
    expect(w.ok && w.value.value).toMatchObject({ state: 'withdrawn', withdrawReason: 'recovered' });
    expect(!withdrawChange(published(), ' ', erin, now).ok).toBe(true);
    const twice = w.ok ? withdrawChange(w.value.value, 'x', erin, now) : undefined;
    expect(twice && !twice.ok && twice.error.code).toBe('CHANGE.STALE_VERSION');
  });
});

describe('responses', () => {
  const who = { tenantId: T, userId: 'u1', userName: 'Una', conversationId: 'team' };
  it('a second acknowledgement is the same response; an assessment updates it', () => {
    const c = published();
    const first = respondToChange(c, undefined, who, { type: 'acknowledge' }, now);
    expect(first.ok && first.value.changed).toBe(true);
    const r = first.ok ? first.value.response : ({} as ChangeResponse);
    const again = respondToChange(c, r, who, { type: 'acknowledge' }, later(1));
    expect(again.ok && again.value).toMatchObject({ changed: false, response: r });
    const assessed = respondToChange(c, r, who, { type: 'assess', impact: 'medium', comment: ' ok ' }, later(2));
    expect(assessed.ok && assessed.value.response).toMatchObject({ acknowledged: true, impact: 'medium', comment: 'ok' });
    const ackAfter = respondToChange(c, assessed.ok ? assessed.value.response : r, who, { type: 'acknowledge' }, later(3));
    expect(ackAfter.ok && ackAfter.value.changed).toBe(false);
  });

  it('refuses responses to other tenants, drafts and closed versions', () => {
    const c = published();
    expect(respondToChange(c, undefined, { ...who, tenantId: 'other' }, { type: 'acknowledge' }, now)).toMatchObject({ ok: false, error: { code: 'AUTH.FORBIDDEN' } });
    const w = withdrawChange(c, 'x', erin, now);
    expect(w.ok && respondToChange(w.value.value, undefined, who, { type: 'acknowledge' }, now)).toMatchObject({ ok: false, error: { code: 'CHANGE.STALE_VERSION' } });
  });

  it('pending after respond-by is overdue; an acknowledgement is not enough when an assessment is asked', () => {
    const ack = published();
    expect(recipientOutcome(ack, [], true, later(1)).status).toBe('pending');
    expect(recipientOutcome(ack, [], true, later(49))).toMatchObject({ status: 'overdue', overdue: true });
    expect(recipientOutcome(ack, [], false, later(49)).status).toBe('unreachable');
    const assess = published({ requiredResponse: 'assess' });
    const onlyAck = { acknowledged: true } as ChangeResponse;
    expect(recipientOutcome(assess, [onlyAck], true, later(1))).toMatchObject({ status: 'acknowledged', responded: false });
    expect(recipientOutcome(assess, [onlyAck], true, later(49)).status).toBe('overdue');
    expect(recipientOutcome(assess, [{ ...onlyAck, impact: 'low' }], true, later(49))).toMatchObject({ status: 'assessed', responded: true });
  });

  it('rolls up counts and the highest impact', () => {
    const c = published({ requiredResponse: 'assess' });
    const r = (impact?: 'low' | 'high') => ({ acknowledged: true, ...(impact ? { impact } : {}), respondedAt: now.toISOString() }) as ChangeResponse;
    const rollup = rollUp([
      recipientOutcome(c, [r('low')], true, later(49)),
      recipientOutcome(c, [r('high'), r()], true, later(49)),
      recipientOutcome(c, [], true, later(49)),
      recipientOutcome(c, [], false, later(49)),
    ]);
    expect(rollup).toEqual({
      recipients: 4,
      responded: 2,
      acknowledged: 2,
      assessed: 2,
      pending: 1,
      overdue: 1,
      unreachable: 1,
      maxImpact: 'high',
      impacts: { none: 0, low: 1, medium: 0, high: 1 },
    });
  });
});
