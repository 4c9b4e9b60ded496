/** Signal cards: valid Adaptive Card 1.5 under 100 KB, and each shows what its reader needs. */
import { describe, expect, it } from '@jest/globals';
import type { Decision, Signal } from '../../bot/signals/domain/signal';
import { decisionNoticeCard, epmoCard, mySignalsCard, mySignalsElsewhereCard, pmoCard, receiptCard, reminderCard } from '../../bot/signals/cards/signal-cards';
import { raiseFormCard } from '../../bot/signals/cards/raise-form';
import { stateTracker } from '../../bot/signals/cards/card-parts';
import { parseActionData } from '../../bot/chat/card-actions';
import { TEAMS_CARD_LIMIT_BYTES, cardText, validateAdaptiveCard } from '../support/adaptive-card';

const at = '2026-03-02T09:00:00.000Z';
const person = { userId: 'u1', displayName: 'Mia Member' };
const signal = (over: Partial<Signal> = {}): Signal => ({
  tenantId: 't', id: 'sig-1', number: 12, kind: 'risk', title: 'Vendor may slip', details: 'Two engineers left.', urgency: 'high', domainId: 'it',
  raisedBy: person, origin: { conversationId: 'c', messagePreview: 'the vendor lost two people', messageLink: 'https://teams.microsoft.com/l/message/1' },
  state: 'raised', revision: 1, stateChangedAt: at, stateChangedBy: person, options: [], dueAt: '2026-03-04T09:00:00.000Z', decisionRound: 0, createdAt: at, updatedAt: at, ...over,
});
const analysed = (over: Partial<Signal> = {}) =>
  signal({
    state: 'escalated', decisionRound: 1,
    context: { objectiveIds: ['o'], schedule: 'high', cost: 'low', benefit: 'medium', risk: 'high', narrative: 'Slips launch.' },
    options: [{ id: 'o1', title: 'Second vendor', description: '', impact: '+£40k' }, { id: 'o2', title: 'Slip', description: '', impact: 'one month' }],
    recommendation: { optionId: 'o1', rationale: 'Keep March', authorId: 'l', authorName: 'Ivo Lead', at },
    ...over,
  });
const decision: Decision = {
  tenantId: 't', id: 'sig-1-d1', signalId: 'sig-1', signalNumber: 12, signalTitle: 'Vendor may slip', signalKind: 'risk', domainId: 'it', round: 1,
  question: 'What should we do?', context: analysed().context!, options: analysed().options, recommendation: analysed().recommendation!,
  outcome: 'approve_recommended', chosenOptionId: 'o1', rationale: 'Go', decidedBy: { userId: 'o', displayName: 'Sol Owner' }, decidedAt: at,
};
const base = { domainName: 'IT', tabUrl: 'https://relay.example.com/' };
const epmoBase = { ...base, refreshUserIds: ['29:1owner'], today: '2026-03-02' };

const cards: [string, object][] = [
  ['raise form (execute)', raiseFormCard({ mode: 'execute', workItems: [{ id: 'wi', title: 'Web' }], routeName: 'the IT PMO' })],
  ['raise form (own items and domains)', raiseFormCard({ mode: 'execute', itemsFrom: 'raiser', workItems: [{ id: 'wi', title: 'Web' }], domains: [{ id: 'd', name: 'IT' }], prefill: { kind: 'risk', workItemId: 'wi' } })],
  ['raise form (dialog)', raiseFormCard({ mode: 'submit', workItems: [], prefill: { title: 'x', details: 'y' }, origin: { messageId: 'm' }, notice: { title: 'Check the form', text: 'Give a title' } })],
  ['receipt', receiptCard({ ...base, signal: signal() })],
  ['PMO card (raised)', pmoCard({ ...base, signal: signal() })],
  ['PMO card (decided)', pmoCard({ ...base, signal: analysed({ state: 'decided', decisionId: 'sig-1-d1' }), decision })],
  ['EPMO card (owner)', epmoCard({ ...epmoBase, signal: analysed(), canDecide: true })],
  ['EPMO card (read-only)', epmoCard({ ...epmoBase, signal: analysed(), canDecide: false })],
  ['decision notice', decisionNoticeCard({ ...base, signal: analysed({ state: 'decided' }), decision })],
  ['reminder', reminderCard({ ...base, signal: signal(), step: 'Triage', owner: 'PMO leads' })],
  ['reminder with mentions', reminderCard({ ...base, signal: signal(), step: 'Triage', owner: 'PMO leads', owners: [{ mri: '29:1ivo', name: 'Ivo Lead' }, { mri: '29:1ida', name: 'Ida Lead' }] })],
  ['my signals', mySignalsCard({ items: [{ signal: signal(), domainName: 'IT', overdue: true }], tabUrl: base.tabUrl })],
  ['my signals (none)', mySignalsCard({ items: [] })],
  ['my signals asked in a channel', mySignalsElsewhereCard({ botId: '28:00000000-0000-4000-8000-0000000000bb', tabUrl: base.tabUrl })],
];

describe('signal cards', () => {
  it.each(cards)('%s is a valid Adaptive Card 1.5 under 100 KB', (_name, card) => {
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('stay under 100 KB with every field at its maximum', () => {
    const long = (n: number) => 'x'.repeat(n);
    const big = analysed({
      title: long(200), details: long(4000),
      context: { objectiveIds: [], schedule: 'high', cost: 'high', benefit: 'high', risk: 'high', narrative: long(4000) },
      options: Array.from({ length: 6 }, (_, i) => ({ id: `o${i + 1}`, title: long(200), description: long(2000), impact: long(2000) })),
    });
    const card = epmoCard({ ...epmoBase, signal: big, canDecide: true });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('the PMO card offers triage while raised in a PMO lead’s view, and a deep link to the analysis', () => {
    const lead = { ...base, personal: true, canTriage: true };
    const text = cardText(pmoCard({ ...lead, signal: signal() }));
    for (const t of ['Accept (triage)', 'Resolve locally', 'Close: duplicate', 'Close: not actionable', 'Analyse in PMO Relay']) expect(text).toContain(t);
    expect(text).not.toContain('Show my view');
    const card = pmoCard({ ...lead, signal: signal() }) as unknown as { actions: { url?: string }[] };
    expect(card.actions.some((a) => a.url === 'https://relay.example.com/#/signals/sig-1')).toBe(true);
    expect(cardText(pmoCard({ ...lead, signal: signal({ state: 'triaged' }) }))).not.toContain('Accept (triage)');
  });

  it('the shared PMO and EPMO cards show nobody’s actions but offer “Show my view”; a personal view without the role is read-only', () => {
    type Actions = { actions: { title: string; verb?: string; data?: unknown }[] };
    const sharedPmo = pmoCard({ ...base, signal: signal() }) as unknown as Actions;
    expect(cardText(sharedPmo)).not.toContain('Accept (triage)');
    expect(sharedPmo.actions.find((a) => a.title === 'Show my view')).toMatchObject({ verb: 'signal.view', data: { signalId: 'sig-1', view: 'pmo' } });
    const someone = cardText(pmoCard({ ...base, personal: true, canTriage: false, signal: signal() }));
    expect(someone).not.toContain('Accept (triage)');
    expect(someone).not.toContain('Show my view');
    expect(someone).toContain('read-only');

    const sharedEpmo = epmoCard({ ...epmoBase, signal: analysed(), canDecide: false }) as unknown as Actions;
    expect(sharedEpmo.actions.find((a) => a.title === 'Show my view')).toMatchObject({ verb: 'signal.view', data: { signalId: 'sig-1', view: 'epmo' } });
    expect(cardText(epmoCard({ ...epmoBase, personal: true, signal: analysed(), canDecide: false }))).not.toContain('Show my view');
    expect(cardText(epmoCard({ ...epmoBase, personal: true, signal: analysed(), canDecide: true }))).not.toContain('Show my view');
  });

  it('the EPMO card shows context, options with impacts and the recommendation; decision inputs only for strategy owners', () => {
    const owner = cardText(epmoCard({ ...epmoBase, signal: analysed(), canDecide: true }));
    for (const t of ['Slips launch.', 'Second vendor', '+£40k', 'recommended', 'Keep March', 'Record decision']) expect(owner).toContain(t);
    expect(JSON.stringify(epmoCard({ ...epmoBase, signal: analysed(), canDecide: true }))).toContain('"id":"rationale","label":"Rationale"');
    const readOnly = epmoCard({ ...epmoBase, signal: analysed(), canDecide: false });
    expect(cardText(readOnly)).not.toContain('Record decision');
    expect(cardText(readOnly)).toContain('read-only');
    expect(readOnly.refresh?.userIds).toEqual(['29:1owner']);
  });

  it('lists at most 60 people for the per-person refresh, as Teams allows', () => {
    const many = Array.from({ length: 75 }, (_, i) => `29:1owner${i}`);
    expect(epmoCard({ ...epmoBase, refreshUserIds: many, signal: analysed(), canDecide: false }).refresh?.userIds).toEqual(many.slice(0, 60));
    expect(pmoCard({ ...base, refreshUserIds: many, signal: signal() }).refresh?.userIds).toHaveLength(60);
  });

  it('the decision notice @mentions the raiser by Teams user id when it is known, and names them otherwise', () => {
    const mentioned = decisionNoticeCard({ ...base, signal: analysed({ state: 'decided' }), decision, raiser: { mri: '29:1mia', name: 'Mia Member' } });
    expect(validateAdaptiveCard(mentioned)).toEqual([]);
    expect(cardText(mentioned)).toContain('Raised by <at>Mia Member</at>');
    expect(mentioned.msteams?.entities).toEqual([{ type: 'mention', text: '<at>Mia Member</at>', mentioned: { id: '29:1mia', name: 'Mia Member' } }]);
    const plain = decisionNoticeCard({ ...base, signal: analysed({ state: 'decided' }), decision });
    expect(cardText(plain)).toContain('Raised by Mia Member');
    expect(plain.msteams).toBeUndefined();
  });

  it('the receipt tracks the state', () => {
    expect(cardText({ body: [stateTracker({ state: 'analysing' })] })).toBe('✓ Raised\n✓ Triaged\n● Analysing\n○ Escalated\n○ Decided');
    expect(cardText({ body: [stateTracker({ state: 'resolved' })] })).toBe('✓ Raised\n● Resolved locally');
    const decided = cardText(receiptCard({ ...base, signal: analysed({ state: 'decided' }), decision }));
    expect(decided).toContain('Decision:** Approved the recommended option — Second vendor');
  });

  it('actions parse into typed payloads and refuse bad input', () => {
    expect(parseActionData('signal.close', { signalId: 'sig-1', reason: 'duplicate', pmoComment: ' same ', duplicateOf: 'S-4' })).toEqual({
      ok: true, value: { verb: 'signal.close', data: { signalId: 'sig-1', reason: 'duplicate', comment: 'same', duplicateOf: 4 } },
    });
    const noRationale = parseActionData('signal.decide', { signalId: 'sig-1', round: '1', outcome: 'reject', rationale: '  ' });
    expect(!noRationale.ok && noRationale.error.message).toBe('Give the rationale for the decision.');
    expect(parseActionData('signal.raise', { kind: 'gossip', title: 'x' }).ok).toBe(false);
    expect(parseActionData('signal.triage', { signalId: 'a/b' }).ok).toBe(false);
  });
});

describe('overdue reminders', () => {
  it('@mention the owners of the overdue step by Teams user id', () => {
    const card = reminderCard({ ...base, signal: signal(), step: 'Triage', owner: 'PMO leads', owners: [{ mri: '29:1ivo', name: 'Ivo Lead' }, { mri: '29:1ida', name: 'Ida Lead' }] });
    expect(cardText(card)).toContain('PMO leads (<at>Ivo Lead</at>, <at>Ida Lead</at>) — please take it forward.');
    expect(card.msteams?.entities?.map((e) => e.mentioned.id)).toEqual(['29:1ivo', '29:1ida']);
    expect(reminderCard({ ...base, signal: signal(), step: 'Triage', owner: 'PMO leads' }).msteams).toBeUndefined();
  });
});
