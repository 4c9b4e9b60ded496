/** The signals tab's pure logic: due badges, inbox filters and grouping, decision-log search. */
import { describe, expect, it } from '@jest/globals';
import { exportQuery, filterDecisions, matchesDecisionSearch, NO_DECISION_FILTERS, type LoggedDecision } from '../../tab/src/decisions/filters';
import { addWorkingDays, durationText, fromDateInput, toDateInput } from '../../tab/src/shared/dates';
import { dueAtOf, dueInfo } from '../../tab/src/signals/due';
import { type InboxSignal, NO_INBOX_FILTERS, compareSignals, filterSignals, groupByState, hasActiveInboxFilters, matchesSignalSearch } from '../../tab/src/signals/filters';
import { domainsOf } from '../../tab/src/signals/useInbox';

const NOW = Date.parse('2026-03-11T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

const signal = (n: number, o: Partial<InboxSignal> = {}): InboxSignal => ({
  id: `sig-${n}`,
  number: n,
  kind: 'risk',
  title: `Signal ${n}`,
  details: '',
  urgency: 'normal',
  domainId: 'dom-it',
  raisedBy: { userId: 'u1', displayName: 'Tara Team' },
  state: 'raised',
  dueAt: iso(NOW + 2 * DAY),
  createdAt: iso(NOW - n * HOUR),
  ...o,
});

describe('due badges', () => {
  it('say how long is left in words', () => {
    expect(dueInfo(signal(1, { dueAt: iso(NOW + 3 * DAY + HOUR) }), NOW)).toMatchObject({ tone: 'later', text: 'Due in 3 days', overdue: false });
    expect(dueInfo(signal(1, { dueAt: iso(NOW + 1 * DAY) }), NOW)?.text).toBe('Due in 1 day');
    expect(dueInfo(signal(1, { dueAt: iso(NOW + 5 * HOUR) }), NOW)).toMatchObject({ tone: 'soon', text: 'Due in 5 hours' });
    expect(dueInfo(signal(1, { dueAt: iso(NOW + 10 * 60_000) }), NOW)?.text).toBe('Due in under an hour');
  });

  it('flag overdue work with the step it belongs to', () => {
    const info = dueInfo(signal(1, { dueAt: iso(NOW - 2 * DAY - HOUR) }), NOW);
    expect(info).toMatchObject({ tone: 'overdue', text: 'Overdue by 2 days', overdue: true });
    expect(info?.label).toMatch(/^Triage overdue by 2 days \(due /);
    expect(dueInfo(signal(1, { state: 'escalated', dueAt: iso(NOW - HOUR) }), NOW)?.label).toMatch(/^Decision overdue by 1 hour/);
    expect(dueInfo(signal(1, { state: 'analysing', dueAt: iso(NOW + 2 * DAY) }), NOW)?.label).toMatch(/^Analysis due in 2 days/);
  });

  it('show nothing for finished states, and use the deferral date while deferred', () => {
    for (const state of ['decided', 'resolved', 'closed'] as const) expect(dueInfo(signal(1, { state }), NOW)).toBeUndefined();
    const deferred = signal(1, { state: 'deferred', dueAt: iso(NOW - DAY), deferredUntil: iso(NOW + 4 * DAY) });
    expect(dueAtOf(deferred)).toBe(deferred.deferredUntil);
    expect(dueInfo(deferred, NOW)?.label).toMatch(/^Revisit due in 4 days/);
    expect(dueInfo(signal(1, { dueAt: 'not a date' }), NOW)).toBeUndefined();
  });

  it('spell spans in whole units, to the nearest', () => {
    expect(durationText(DAY * 2.9)).toBe('3 days');
    expect(durationText(DAY * 2.4)).toBe('2 days');
    expect(durationText(6 * DAY + 23 * HOUR)).toBe('7 days');
    expect(durationText(23.6 * HOUR)).toBe('1 day');
    expect(durationText(HOUR)).toBe('1 hour');
    expect(durationText(59 * 60_000)).toBe('under an hour');
  });

  it('read a deadline just set the same on every page, whichever minute its clock last ticked', () => {
    // Escalated on a Wednesday, the decision due five working days later: seven days to the minute.
    const escalated = signal(1, { state: 'escalated', dueAt: iso(NOW + 7 * DAY) });
    // The signal page's clock ticked just before the click; the EPMO queue was opened a minute after.
    expect(dueInfo(escalated, NOW - 30_000)?.text).toBe('Due in 7 days');
    expect(dueInfo(escalated, NOW + 60_000)?.text).toBe('Due in 7 days');
    expect(dueInfo(escalated, NOW + 11 * HOUR)?.text).toBe('Due in 7 days');
  });

  it('convert date inputs to the end of that working day and back', () => {
    const at = fromDateInput('2026-03-12');
    expect(at).toBeDefined();
    expect(new Date(at ?? '').getHours()).toBe(17);
    expect(toDateInput(at)).toBe('2026-03-12');
    expect(fromDateInput('12/03/2026')).toBeUndefined();
    expect(toDateInput(undefined)).toBe('');
  });

  it('count working days over weekends', () => {
    const friday = new Date(2026, 2, 13, 10).getTime();
    expect(addWorkingDays(friday, 1).getDay()).toBe(1);
    expect(addWorkingDays(friday, 5).getDate()).toBe(20);
  });
});

describe('the inbox', () => {
  const all = [
    signal(1, { kind: 'risk', urgency: 'high', title: 'Vendor insolvency', raisedBy: { userId: 'u2', displayName: 'Diego Delivery' } }),
    signal(2, { kind: 'opportunity', urgency: 'low', state: 'analysing', details: 'Reuse the Zürich data platform' }),
    signal(3, { kind: 'issue', urgency: 'critical', domainId: 'dom-hr', state: 'escalated' }),
    signal(4, { kind: 'information', state: 'closed', dueAt: undefined }),
  ];

  it('searches the reference, title, details and raiser, ignoring case and accents', () => {
    expect(matchesSignalSearch(all[0]!, 'vendor')).toBe(true);
    expect(matchesSignalSearch(all[0]!, 'diego insolvency')).toBe(true);
    expect(matchesSignalSearch(all[1]!, 'zurich')).toBe(true);
    expect(matchesSignalSearch(all[2]!, 's-3')).toBe(true);
    expect(matchesSignalSearch(all[2]!, 's-31')).toBe(false);
    expect(matchesSignalSearch(signal(12), 'S-1')).toBe(false);
    expect(matchesSignalSearch(signal(12), 's12')).toBe(true);
    expect(filterSignals(all, { ...NO_INBOX_FILTERS, search: '  ' })).toHaveLength(4);
  });

  it('filters by kind, urgency, state and domain together', () => {
    expect(filterSignals(all, { ...NO_INBOX_FILTERS, kinds: ['risk', 'issue'] }).map((s) => s.number)).toEqual([1, 3]);
    expect(filterSignals(all, { ...NO_INBOX_FILTERS, kinds: ['risk', 'issue'], urgencies: ['critical'] }).map((s) => s.number)).toEqual([3]);
    expect(filterSignals(all, { ...NO_INBOX_FILTERS, states: ['analysing', 'closed'] }).map((s) => s.number)).toEqual([2, 4]);
    expect(filterSignals(all, { ...NO_INBOX_FILTERS, domains: ['dom-hr'] }).map((s) => s.number)).toEqual([3]);
    expect(hasActiveInboxFilters(NO_INBOX_FILTERS)).toBe(false);
    expect(hasActiveInboxFilters({ ...NO_INBOX_FILTERS, domains: ['dom-hr'] })).toBe(true);
  });

  it('groups by state in inbox order, most pressing first within a group', () => {
    const raised = [
      signal(10, { dueAt: iso(NOW + 3 * DAY) }),
      signal(11, { dueAt: iso(NOW - DAY) }),
      signal(12, { dueAt: iso(NOW + DAY), urgency: 'low' }),
      signal(13, { dueAt: iso(NOW + DAY), urgency: 'critical' }),
    ];
    const groups = groupByState([...all, ...raised]);
    expect(groups.map((g) => g.state)).toEqual(['raised', 'analysing', 'escalated', 'closed']);
    expect(groups[0]?.signals.map((s) => s.number)).toEqual([11, 13, 12, 1, 10]);
    expect(compareSignals(signal(1, { dueAt: undefined }), signal(2))).toBeGreaterThan(0);
  });

  it('lists the domains signals span', () => {
    expect(domainsOf([{ domainId: 'dom-it', domainName: 'IT' }, { domainId: 'dom-fin', domainName: 'Finance' }, { domainId: 'dom-it', domainName: 'IT' }])).toEqual([
      { id: 'dom-fin', name: 'Finance' },
      { id: 'dom-it', name: 'IT' },
    ]);
  });
});

describe('the decision log', () => {
  const decision = (n: number, o: Partial<LoggedDecision> = {}): LoggedDecision => ({
    signalLabel: `S-${n}`,
    signalTitle: `Signal ${n}`,
    question: `Should we act on signal ${n}?`,
    rationale: 'Best value for money',
    decidedBy: { userId: 'u', displayName: 'Sam Strategy' },
    domainName: 'IT',
    domainId: 'dom-it',
    outcome: 'approve_recommended',
    decidedAt: iso(NOW - n * DAY),
    ...o,
  });

  it('searches every column people read, and filters by outcome and domain, newest first', () => {
    const log = [decision(3), decision(1, { chosenOptionTitle: 'Dual-source the vendor' }), decision(2, { outcome: 'reject', domainId: 'dom-hr', domainName: 'HR' })];
    expect(matchesDecisionSearch(log[1]!, 'dual source')).toBe(true);
    expect(matchesDecisionSearch(log[0]!, 'sam s-3')).toBe(true);
    expect(filterDecisions(log, NO_DECISION_FILTERS).map((d) => d.signalLabel)).toEqual(['S-1', 'S-2', 'S-3']);
    expect(filterDecisions(log, { ...NO_DECISION_FILTERS, outcome: 'reject' }).map((d) => d.signalLabel)).toEqual(['S-2']);
    expect(filterDecisions(log, { ...NO_DECISION_FILTERS, domainId: 'dom-it', search: 'vendor' }).map((d) => d.signalLabel)).toEqual(['S-1']);
  });

  it('exports with the same filters the table shows', () => {
    expect(exportQuery(NO_DECISION_FILTERS)).toEqual({});
    expect(exportQuery({ search: ' vendor ', outcome: 'reject', domainId: 'dom-hr' })).toEqual({ q: 'vendor', outcome: 'reject', domainId: 'dom-hr' });
  });
});
