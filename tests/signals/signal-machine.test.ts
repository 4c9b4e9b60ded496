/** The signal state machine of PRODUCT.md §4: transitions, who may act, due times, audit events, decisions. */
import { describe, expect, it } from '@jest/globals';
import type { Principal } from '../../bot/kernel/roles';
import type { Signal } from '../../bot/signals/domain/signal';
import { addOption, escalate, recommend, saveAnalysis, setContext, startAnalysis } from '../../bot/signals/domain/analysis';
import { close, raise, resolveLocally, triage } from '../../bot/signals/domain/signal-machine';
import { decide, defer, markReminded, requestMoreInfo, undefer } from '../../bot/signals/domain/decision';
import { isOverdue } from '../../bot/signals/domain/transition-kit';
import { DEFAULT_DUE_POLICY } from '../../bot/signals/domain/working-days';

const T = 'tenant-1';
const member: Principal = { tenantId: T, userId: 'u-member', displayName: 'Mo Member', roles: [{ role: 'team_member', workItemId: 'wi-1' }] };
const itLead: Principal = { tenantId: T, userId: 'u-it', displayName: 'Ivo Lead', roles: [{ role: 'pmo_lead', domainId: 'it' }] };
const hrLead: Principal = { tenantId: T, userId: 'u-hr', displayName: 'Hana Lead', roles: [{ role: 'pmo_lead', domainId: 'hr' }] };
const owner: Principal = { tenantId: T, userId: 'u-owner', displayName: 'Sol Owner', roles: [{ role: 'strategy_owner' }] };
const owner2: Principal = { tenantId: T, userId: 'u-owner2', displayName: 'Sam Owner', roles: [{ role: 'strategy_owner' }] };
const epmo: Principal = { tenantId: T, userId: 'u-epmo', displayName: 'Eve EPMO', roles: [{ role: 'epmo_member' }] };

// Monday 2 March 2026, 09:00 UTC.
const MON = new Date('2026-03-02T09:00:00Z');
const later = (hours: number) => new Date(MON.getTime() + hours * 3600_000);
const P = DEFAULT_DUE_POLICY;

function value<T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

const raised = (): Signal =>
  value(
    raise(
      { tenantId: T, id: 'sig-1', number: 7, kind: 'risk', title: '  Vendor may miss the March release ', details: 'They lost two engineers.', urgency: 'high', domainId: 'it', workItemId: 'wi-1', origin: { conversationId: 'c-1' } },
      member,
      MON,
      P,
    ),
  ).signal;

const context = { objectiveIds: ['obj-1'], schedule: 'high', cost: 'medium', benefit: 'low', risk: 'high', narrative: 'Slips the customer portal.' } as const;

function analysed(): Signal {
  let s = value(triage(raised(), itLead, later(1), P)).signal;
  s = value(startAnalysis(s, itLead, later(2))).signal;
  s = value(setContext(s, itLead, later(3), context)).signal;
  s = value(addOption(s, itLead, later(3), { title: 'Add a second vendor', description: '', impact: '+£40k, keeps March' })).signal;
  s = value(addOption(s, itLead, later(3), { title: 'Slip to April', description: '', impact: 'No cost, one month late' })).signal;
  return value(recommend(s, itLead, later(4), 'o1', 'March matters more than £40k')).signal;
}

const escalated = (): Signal => value(escalate(analysed(), itLead, later(5), P)).signal;

describe('raise', () => {
  it('starts raised, due for triage in 2 working days, with one audit event', () => {
    const r = value(raise({ tenantId: T, id: 'sig-1', number: 7, kind: 'risk', title: 'x', details: '', urgency: 'normal', domainId: 'it', origin: { conversationId: 'c' } }, member, MON, P));
    expect(r.signal.state).toBe('raised');
    expect(r.signal.dueAt).toBe('2026-03-04T09:00:00.000Z');
    expect(r.signal.raisedBy).toEqual({ userId: 'u-member', displayName: 'Mo Member' });
    expect(r.events).toEqual([expect.objectContaining({ seq: 1, action: 'raise', to: 'raised', actorName: 'Mo Member' })]);
  });

  it('needs a title', () => {
    const r = raise({ tenantId: T, id: 's', number: 1, kind: 'risk', title: '  ', details: '', urgency: 'normal', domainId: 'it', origin: { conversationId: 'c' } }, member, MON, P);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('VALIDATION.INVALID');
  });
});

describe('the PMO lead of the domain triages, analyses and escalates', () => {
  it('triage moves raised → triaged and sets the analysis due time', () => {
    const r = value(triage(raised(), itLead, later(1), P, 'Looking at it'));
    expect(r.signal.state).toBe('triaged');
    expect(r.signal.stateChangedBy.displayName).toBe('Ivo Lead');
    expect(r.signal.dueAt).toBe('2026-03-16T10:00:00.000Z');
    expect(r.events[0]).toMatchObject({ seq: 2, action: 'triage', from: 'raised', to: 'triaged', comment: 'Looking at it' });
  });

  it('a PMO lead of another domain, a team member or the EPMO cannot triage', () => {
    for (const who of [hrLead, member, epmo, owner]) {
      const r = triage(raised(), who, later(1), P);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'AUTH.FORBIDDEN', message: 'Only the PMO lead of its domain can do that. S-7 was not changed.' });
    }
    // Named only when the caller says how this person may read the domain's name.
    const named = triage(raised(), { ...member, domainName: 'IT' }, later(1), P);
    if (!named.ok) expect(named.error.message).toBe('Only the PMO lead of the IT domain can do that. S-7 was not changed.');
    expect(named.ok).toBe(false);
  });

  it('a second triage is told who triaged it first', () => {
    const once = value(triage(raised(), itLead, later(1), P)).signal;
    const again = triage(once, { ...itLead, userId: 'u-it2', displayName: 'Ida Lead' }, later(2), P);
    expect(again.ok).toBe(false);
    if (!again.ok) {
      expect(again.error.code).toBe('SIGNAL.ALREADY_HANDLED');
      expect(again.error.message).toBe('S-7 is already triaged by Ivo Lead.');
    }
  });

  it('resolves locally with a resolution, from raised, triaged or analysing', () => {
    const r = value(resolveLocally(raised(), itLead, later(1), 'Moved an engineer from another team'));
    expect(r.signal).toMatchObject({ state: 'resolved', resolution: 'Moved an engineer from another team' });
    expect(r.signal.dueAt).toBeUndefined();
    const missing = resolveLocally(raised(), itLead, later(1), ' ');
    expect(missing.ok).toBe(false);
  });

  it('closes as duplicate (naming the other signal) or not actionable, always with a reason', () => {
    const dup = value(close(raised(), itLead, later(1), { reason: 'duplicate', comment: 'Same as S-3', duplicateOf: 3 }));
    expect(dup.signal).toMatchObject({ state: 'closed', closeReason: 'duplicate', duplicateOf: 3 });
    expect(close(raised(), itLead, later(1), { reason: 'duplicate', comment: 'x' }).ok).toBe(false);
    expect(close(raised(), itLead, later(1), { reason: 'not_actionable', comment: '' }).ok).toBe(false);
    const escalatedClose = close(escalated(), itLead, later(9), { reason: 'not_actionable', comment: 'x' });
    expect(escalatedClose.ok).toBe(false);
  });

  it('analysis needs the state analysing, and escalation needs context, two options and a recommendation', () => {
    const triaged = value(triage(raised(), itLead, later(1), P)).signal;
    const early = addOption(triaged, itLead, later(2), { title: 'A', description: '', impact: 'x' });
    expect(!early.ok && early.error.code).toBe('SIGNAL.INVALID_TRANSITION');
    let s = value(startAnalysis(triaged, itLead, later(2))).signal;
    s = value(addOption(s, itLead, later(3), { title: 'Only one', description: '', impact: 'x' })).signal;
    const incomplete = escalate(s, itLead, later(4), P);
    expect(incomplete.ok).toBe(false);
    if (!incomplete.ok) {
      expect(incomplete.error.code).toBe('SIGNAL.INVALID_TRANSITION');
      expect(incomplete.error.details?.map((d) => d.at)).toEqual(['context', 'options', 'recommendation']);
    }
  });

  it('recommend needs one of the options', () => {
    let s = value(startAnalysis(value(triage(raised(), itLead, later(1), P)).signal, itLead, later(2))).signal;
    s = value(addOption(s, itLead, later(3), { title: 'A', description: '', impact: 'x' })).signal;
    expect(recommend(s, itLead, later(3), 'o9', 'because').ok).toBe(false);
  });

  it('saveAnalysis replaces the analysis in one audit event, keeping option ids', () => {
    const s = analysed();
    const r = value(
      saveAnalysis(s, itLead, later(6), {
        context: { ...context, narrative: 'Revised' },
        options: [{ id: 'o2', title: 'Slip to April', description: '', impact: 'one month late' }, { title: 'Cancel', description: '', impact: 'lose the benefit' }],
        recommendation: { optionIndex: 0, rationale: 'Cheapest' },
      }),
    );
    expect(r.signal.options.map((o) => o.id)).toEqual(['o2', 'o3']);
    expect(r.signal.recommendation).toMatchObject({ optionId: 'o2', rationale: 'Cheapest', authorName: 'Ivo Lead' });
    expect(r.events).toHaveLength(1);
    expect(r.events[0]).toMatchObject({ action: 'saveAnalysis', seq: s.revision + 1 });
    const bad = saveAnalysis(s, itLead, later(6), { options: [{ title: '', description: '', impact: '' }], recommendation: { optionIndex: 3, rationale: '' } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.details?.length).toBeGreaterThanOrEqual(3);
    // Each problem names its field as the request does, so the tab marks that field.
    const noContext = saveAnalysis(s, itLead, later(6), { context: { ...context, narrative: '  ' }, options: [{ title: 'Slip', description: '', impact: '' }] });
    if (!noContext.ok) expect(noContext.error.details?.map((d) => d.at)).toEqual(['context.narrative', 'options.0.impact']);
    expect(noContext.ok).toBe(false);
  });

  it('escalate opens a decision round due in 5 working days (or as set)', () => {
    const r = value(escalate(analysed(), itLead, later(5), P));
    expect(r.signal).toMatchObject({ state: 'escalated', decisionRound: 1, decisionWorkingDays: 5, dueAt: '2026-03-09T14:00:00.000Z' });
    expect(value(escalate(analysed(), itLead, later(5), P, 2)).signal.dueAt).toBe('2026-03-04T14:00:00.000Z');
    expect(escalate(analysed(), hrLead, later(5), P).ok).toBe(false);
  });
});

describe('strategy owners decide', () => {
  it('deciding a raised signal is refused with the reason', () => {
    const r = decide(raised(), owner, later(1), P, { outcome: 'approve_recommended', rationale: 'Yes' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('SIGNAL.INVALID_TRANSITION');
      expect(r.error.message).toBe('A raised signal cannot be decided: it has to be triaged, analysed and escalated first.');
    }
  });

  it('only strategy owners decide; an EPMO member or a PMO lead cannot', () => {
    for (const who of [epmo, itLead, member]) {
      const r = decide(escalated(), who, later(6), P, { outcome: 'reject', rationale: 'No' });
      expect(!r.ok && r.error.code).toBe('AUTH.FORBIDDEN');
    }
  });

  it('approving writes a decision record with every field of §4', () => {
    const r = value(decide(escalated(), owner, later(6), P, { outcome: 'approve_recommended', rationale: 'Keep March' }));
    expect(r.signal).toMatchObject({ state: 'decided', decisionId: 'sig-1-d1' });
    expect(r.signal.dueAt).toBeUndefined();
    expect(r.decision).toEqual({
      tenantId: T,
      id: 'sig-1-d1',
      signalId: 'sig-1',
      signalNumber: 7,
      signalTitle: 'Vendor may miss the March release',
      signalKind: 'risk',
      domainId: 'it',
      round: 1,
      question: 'What should we do about this risk (S-7): Vendor may miss the March release?',
      context,
      options: r.signal.options,
      recommendation: expect.objectContaining({ optionId: 'o1', rationale: 'March matters more than £40k', authorName: 'Ivo Lead' }),
      outcome: 'approve_recommended',
      chosenOptionId: 'o1',
      rationale: 'Keep March',
      decidedBy: { userId: 'u-owner', displayName: 'Sol Owner' },
      decidedAt: later(6).toISOString(),
    });
  });

  it('choosing another option needs an existing option; a rationale is always needed', () => {
    expect(decide(escalated(), owner, later(6), P, { outcome: 'choose_other', chosenOptionId: 'o9', rationale: 'x' }).ok).toBe(false);
    expect(decide(escalated(), owner, later(6), P, { outcome: 'reject', rationale: '  ' }).ok).toBe(false);
    const other = value(decide(escalated(), owner, later(6), P, { outcome: 'choose_other', chosenOptionId: 'o2', rationale: 'April is fine' }));
    expect(other.decision?.chosenOptionId).toBe('o2');
  });

  it('the second of two concurrent decisions is told who decided', () => {
    const first = value(decide(escalated(), owner, later(6), P, { outcome: 'reject', rationale: 'No' })).signal;
    const second = decide(first, owner2, later(6), P, { outcome: 'approve_recommended', rationale: 'Yes' });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.error).toMatchObject({ code: 'SIGNAL.ALREADY_DECIDED', message: 'S-7 is already decided by Sol Owner.' });
  });

  it('request more information sends it back to analysing and records the request', () => {
    const r = value(requestMoreInfo(escalated(), owner, later(6), P, 'What does April cost in benefits?'));
    expect(r.signal).toMatchObject({ state: 'analysing', infoRequest: 'What does April cost in benefits?' });
    expect(r.decision).toMatchObject({ outcome: 'request_info', id: 'sig-1-d1' });
    const late = decide(r.signal, owner2, later(7), P, { outcome: 'reject', rationale: 'x' });
    expect(!late.ok && late.error.message).toBe('S-7 is already sent back for more information by Sol Owner.');
    // The PMO revises and escalates again: a new round.
    const again = value(escalate(r.signal, itLead, later(8), P)).signal;
    expect(again).toMatchObject({ state: 'escalated', decisionRound: 2 });
    expect(again.infoRequest).toBeUndefined();
    expect(value(decide(again, owner, later(9), P, { outcome: 'reject', rationale: 'x' })).decision?.id).toBe('sig-1-d2');
  });

  it('defer until a future date; when it arrives the signal is escalated again', () => {
    expect(defer(escalated(), owner, later(6), '2026-03-01', 'x').ok).toBe(false);
    expect(defer(escalated(), owner, later(6), 'soon', 'x').ok).toBe(false);
    const d = value(defer(escalated(), owner, later(6), '2026-04-01', 'After Q1 close'));
    expect(d.signal).toMatchObject({ state: 'deferred', deferredUntil: '2026-04-01', dueAt: '2026-04-01T00:00:00.000Z' });
    expect(d.decision).toMatchObject({ outcome: 'defer', deferredUntil: '2026-04-01' });
    expect(isOverdue(d.signal, new Date('2026-05-01T00:00:00Z'))).toBe(false);
    const back = value(undefer(d.signal, new Date('2026-04-01T00:00:05Z'), P));
    expect(back.signal).toMatchObject({ state: 'escalated', decisionRound: 2 });
    expect(back.signal.deferredUntil).toBeUndefined();
    expect(back.events[0]).toMatchObject({ actorName: 'PMO Relay', action: 'undefer', from: 'deferred', to: 'escalated' });
  });

  it('a decided signal is closed once the decision is implemented', () => {
    const decided = value(decide(escalated(), owner, later(6), P, { outcome: 'approve_recommended', rationale: 'ok' })).signal;
    const closed = value(close(decided, itLead, later(30), { reason: 'decision_implemented', comment: 'Second vendor on board' }));
    expect(closed.signal.state).toBe('closed');
  });
});

describe('audit and due times', () => {
  it('every transition appends one event with consecutive sequence numbers', () => {
    const s = escalated();
    expect(s.revision).toBe(8);
  });

  it('overdue only while the state waits on someone and its due time has passed; reminded once', () => {
    const s = raised();
    expect(isOverdue(s, new Date('2026-03-04T08:59:00Z'))).toBe(false);
    expect(isOverdue(s, new Date('2026-03-04T09:01:00Z'))).toBe(true);
    const reminded = value(markReminded(s, new Date('2026-03-04T09:01:00Z'), 'the IT PMO')).signal;
    expect(markReminded(reminded, new Date('2026-03-04T10:00:00Z'), 'the IT PMO').ok).toBe(false);
    // A transition clears the flag, so the next state's owner is reminded too.
    expect(value(triage(reminded, itLead, new Date('2026-03-05T09:00:00Z'), P)).signal.remindedAt).toBeUndefined();
  });
});
