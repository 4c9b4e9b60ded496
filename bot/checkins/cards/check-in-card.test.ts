import { describe, expect, it } from '@jest/globals';
import { validateAdaptiveCard } from '../../../tests/support/adaptive-card';
import { cardBytes } from '../../kernel/cards/adaptive-card';
import { checkInCard } from './check-in-card';
import type { CheckInCardModel } from './card-model';

const model: CheckInCardModel = {
  ref: { roundId: 'chk-1', workItemId: 'wi-1', domainId: 'it' },
  domainName: 'IT',
  requestedBy: 'Lee Lead',
  requestedAt: '2026-03-02T09:00:00.000Z',
  dueAt: '2026-03-04T09:00:00.000Z',
  state: 'open',
  item: {
    title: 'Customer portal',
    health: { schedule: 'green', cost: 'amber', scope: 'unknown', benefit: 'green' },
    stage: 'Build',
    note: 'Vendor onboarding',
    reportedAt: '2026-02-20T10:00:00.000Z',
    benefits: { planned: { value: 200, unit: 'GBP k' }, realised: { value: 40, unit: 'GBP k' } },
  },
  suggested: { benefit: 'amber' },
  refreshUserIds: Array.from({ length: 70 }, (_, i) => `29:user-${i}`),
  now: '2026-03-02T10:00:00.000Z',
};

const json = (card: object): string => JSON.stringify(card);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const inputs = (card: object): any[] => JSON.parse(json(card)).body.filter((e: { type: string }) => e.type.startsWith('Input.'));

describe('the check-in card', () => {
  it('is a valid Adaptive Card 1.5 well under 100 KB, refreshed for at most 60 people', () => {
    const card = checkInCard(model);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(20 * 1024);
    expect(card.refresh?.userIds).toHaveLength(60);
    expect(card.refresh?.action.verb).toBe('checkin.show');
  });

  it('pre-fills each colour with the item\'s current colour, says the rules\' suggestion in words, and says exactly when a reason is needed', () => {
    const late = checkInCard({ ...model, suggested: { schedule: 'red', benefit: 'amber' } });
    const fields = inputs(late);
    const byId = new Map(fields.map((f) => [f.id, f]));
    expect(byId.get('colour_schedule').value).toBe('green');
    expect(byId.get('colour_schedule').label).toBe('Schedule (now green). Suggested: red — the end date has passed.');
    expect(byId.get('reason_schedule').label).toBe('Reason — needed for a colour other than the suggested red');
    expect(byId.get('colour_benefit').value).toBe('green');
    expect(byId.get('colour_benefit').label).toMatch(/Suggested: amber — the benefit realised is behind/);
    expect(byId.get('reason_cost').label).toBe('Reason — needed for red');
    expect(byId.get('colour_scope').value).toBeUndefined();
    expect(inputs(checkInCard({ ...model, item: { ...model.item, health: { ...model.item.health, cost: 'red' } } })).find((f) => f.id === 'reason_cost').label).toBe('Reason (optional)');
    expect(byId.get('colour_cost').choices.map((c: { value: string }) => c.value)).toEqual(['green', 'amber', 'red']);
    expect(byId.get('stage').value).toBe('Build');
    expect(byId.get('benefitRealised')).toMatchObject({ type: 'Input.Number', value: 40 });
    expect(byId.get('benefitRealised').label).toMatch(/GBP k.*200 GBP k/);
    expect(json(checkInCard(model))).toContain('Vendor onboarding');
  });

  it('gives typed input back as typed, with the problem on top', () => {
    const card = checkInCard({ ...model, typed: { colour_cost: 'red', reason_cost: '', note: 'Half done', benefitRealised: '55' }, notice: { tone: 'attention', text: 'Give a reason for cost.' } });
    const byId = new Map(inputs(card).map((f) => [f.id, f]));
    expect(byId.get('colour_cost').value).toBe('red');
    expect(byId.get('note').value).toBe('Half done');
    expect(byId.get('benefitRealised').value).toBe(55);
    expect(json(card)).toContain('Give a reason for cost.');
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('once answered shows who answered, when, and the colours, read-only', () => {
    const card = checkInCard({
      ...model,
      state: 'answered',
      answer: { by: { displayName: 'Tam Team' }, at: '2026-03-03T08:00:00.000Z', health: { schedule: 'green', cost: 'red', scope: 'green', benefit: 'amber' }, stage: 'Test', benefitRealised: 60, note: 'OK', reasons: { cost: 'Licences' } },
    });
    expect(inputs(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
    // Dates as the change cards write them: Teams shows each reader their own local date and time.
    expect(json(card)).toContain('Answered by Tam Team on {{DATE(2026-03-03T08:00:00Z, SHORT)}} {{TIME(2026-03-03T08:00:00Z)}}');
    expect(json(card)).toContain('🔴 Red — Licences');
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('a card a newer check-in replaced says so, and shows the newer one', () => {
    const card = checkInCard({ ...model, state: 'superseded', newer: { requestedAt: '2026-03-09T09:00:00.000Z', dueAt: '2026-03-11T09:00:00.000Z', state: 'open' } });
    expect(inputs(card)).toEqual([]);
    expect(json(card)).toContain('A newer check-in replaced this one. It was sent on {{DATE(2026-03-09T09:00:00Z, SHORT)}} {{TIME(2026-03-09T09:00:00Z)}}');
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('is read-only for someone who may not answer', () => {
    const card = checkInCard({ ...model, mayAnswer: false });
    expect(inputs(card)).toEqual([]);
    expect(json(card)).toMatch(/read-only/);
  });
});
