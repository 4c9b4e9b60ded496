import { describe, expect, it } from '@jest/globals';
import type { Result } from '../../kernel/result';
import type { ChangeAuditEvent } from './change-audit';
import { type ChangeFields, type Transition, draftChange, editDraft, publishChange, supersedeChange, withdrawChange } from './change-rules';
import type { StrategyChange } from './strategy-change';

const T = 'tenant-1';
const at = (h: number) => new Date(Date.parse('2026-03-01T10:00:00Z') + h * 3_600_000);
const erin = { userId: 'u-erin', displayName: 'Erin' };
const sam = { userId: 'u-sam', displayName: 'Sam' };
const fields: ChangeFields = {
  title: 'Supplier risk',
  summary: 'Why',
  kind: 'threat',
  objectiveIds: ['o1'],
  domainIds: [],
  requiredResponse: 'acknowledge',
  respondBy: at(48).toISOString(),
};

function must<T>(r: Result<Transition<T>>): Transition<T> {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const who = (a: { userId: string; displayName: string }) => ({ actorId: a.userId, actorName: a.displayName });

describe('the audit events of the transitions', () => {
  it('record who, when, the action, from and to, the version and a comment, numbered per version', () => {
    const drafted = must(draftChange(fields, { tenantId: T, id: 'chg-1', author: erin, now: at(0) }));
    const edited = must(editDraft(drafted.value, { title: 'Supplier insolvency', respondBy: at(72).toISOString() }, erin, at(1)));
    const published = must(publishChange(edited.value, sam, at(2)));
    const superseded = must(supersedeChange(published.value, { summary: 'Act now' }, sam, at(3)));
    const withdrawn = must(withdrawChange(superseded.value.next, ' Supplier recovered ', erin, at(4)));

    const base = { tenantId: T, changeId: 'chg-1' };
    const trail: ChangeAuditEvent[] = [drafted, edited, published, superseded, withdrawn].flatMap((t) => [...t.events]);
    expect(trail).toEqual([
      { ...base, version: 1, seq: 1, at: at(0).toISOString(), ...who(erin), action: 'draft', to: 'draft' },
      { ...base, version: 1, seq: 2, at: at(1).toISOString(), ...who(erin), action: 'edit', from: 'draft', to: 'draft', comment: 'Changed the title and respond-by.' },
      { ...base, version: 1, seq: 3, at: at(2).toISOString(), ...who(sam), action: 'publish', from: 'draft', to: 'published' },
      { ...base, version: 1, seq: 4, at: at(3).toISOString(), ...who(sam), action: 'supersede', from: 'published', to: 'superseded', comment: 'Superseded by version 2.' },
      { ...base, version: 2, seq: 1, at: at(3).toISOString(), ...who(sam), action: 'publish', to: 'published', comment: 'Supersedes version 1; changed the summary.' },
      { ...base, version: 2, seq: 2, at: at(4).toISOString(), ...who(erin), action: 'withdraw', from: 'published', to: 'withdrawn', comment: 'Supplier recovered' },
    ]);
  });

  it('counts the events on the version they describe, so the next one follows on', () => {
    const drafted = must(draftChange(fields, { tenantId: T, id: 'chg-1', author: erin, now: at(0) }));
    expect(drafted.value.auditCount).toBe(1);
    const published = must(publishChange(drafted.value, erin, at(1)));
    expect(published.value.auditCount).toBe(2);
    const superseded = must(supersedeChange(published.value, { title: 'New' }, erin, at(2)));
    expect(superseded.value.previous.auditCount).toBe(3);
    expect(superseded.value.next.auditCount).toBe(1);
  });

  it('an edit that changes nothing is still recorded, without a comment', () => {
    const drafted = must(draftChange(fields, { tenantId: T, id: 'chg-1', author: erin, now: at(0) }));
    const [event] = must(editDraft(drafted.value, { title: 'Supplier risk' }, erin, at(1))).events;
    expect(event).toMatchObject({ action: 'edit', seq: 2 });
    expect(event).not.toHaveProperty('comment');
  });

  it('a version stored before changes had an audit trail starts its history at its next transition', () => {
    const drafted = must(draftChange(fields, { tenantId: T, id: 'chg-1', author: erin, now: at(0) }));
    const { auditCount: _, ...stored } = must(publishChange(drafted.value, erin, at(1))).value;
    const legacy: StrategyChange = stored;
    expect(must(withdrawChange(legacy, 'Done', erin, at(2))).events).toEqual([expect.objectContaining({ version: 1, seq: 1, action: 'withdraw', from: 'published' })]);
  });
});
