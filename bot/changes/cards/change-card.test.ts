import { describe, expect, it } from '@jest/globals';
import { cardText, validateAdaptiveCard } from '../../../tests/support/adaptive-card';
import { type ChangeCardModel, changeCard, changeReminderCard, toTeamsMarkdown } from './change-card';

const base: ChangeCardModel = {
  changeId: 'chg-1',
  version: 2,
  state: 'published',
  kind: 'threat',
  title: 'Supplier insolvency risk',
  summary: '# Why\nOur main supplier may fail.\n\n- **Pause** new orders\n- Review contracts\n\n```\ncode\n```\n![chart](https://x.example/c.png)',
  objectives: [{ code: 'OBJ-1', title: 'Resilient supply' }],
  domains: ['IT', 'Finance'],
  requiredResponse: 'assess',
  respondBy: '2026-03-01T17:00:00.000Z',
  authorName: 'Erin EPMO',
  openUrl: 'https://relay.example.com/#/changes/chg-1',
  conversationId: '19:team@thread.tacv2',
  progress: { responded: 14, total: 87 },
};

const variants: [string, ChangeCardModel][] = [
  ['published', base],
  ['after a response', { ...base, response: { userName: 'Tom', acknowledged: true, impact: 'high', comment: 'Two projects blocked', respondedAt: '2026-02-20T10:00:00Z' }, notice: 'Thanks, recorded.' }],
  ['team responded', { ...base, teamResponse: { userName: 'Ann', acknowledged: true, respondedAt: '2026-02-20T10:00:00Z' } }],
  ['draft preview', { ...base, state: 'draft', preview: true, progress: undefined }],
  ['superseded', { ...base, state: 'superseded', supersededBy: { version: 3, openUrl: 'https://relay.example.com/#/changes/chg-1' } }],
  ['withdrawn', { ...base, state: 'withdrawn', withdrawReason: 'Supplier recovered' }],
  ['refreshing for its responders', { ...base, refreshUserIds: ['29:1a', '29:1b'] }],
  ['a personal read-only view', { ...base, personal: true, mayRespond: false, refreshUserIds: ['29:1a'] }],
  ['huge summary', { ...base, summary: 'x'.repeat(200_000), objectives: Array.from({ length: 200 }, (_, i) => ({ code: `OBJ-${i}`, title: 'An objective with a long title' })) }],
];

describe('change card', () => {
  it.each(variants)('%s is a valid Adaptive Card 1.5 under 100 KB', (_name, model) => {
    expect(validateAdaptiveCard(changeCard(model))).toEqual([]);
  });

  it('shows kind, title, summary, respond-by, author, objectives and the actions', () => {
    const t = cardText(changeCard(base));
    for (const s of ['THREAT', 'Supplier insolvency risk', '**Pause** new orders', 'Respond by', 'Erin EPMO', 'OBJ-1 Resilient supply', 'Acknowledge', 'Assess impact', 'Open in PMO Relay', '14 of 87 teams responded']) {
      expect(t).toContain(s);
    }
    const json = JSON.stringify(changeCard(base));
    expect(json).toContain('"verb":"change.ack"');
    expect(json).toContain('"verb":"change.assess"');
    expect(json).toContain('{{DATE(2026-03-01T17:00:00Z, SHORT)}}');
  });

  it('shows the response and the count after a person responds', () => {
    const t = cardText(changeCard(variants[1]![1]));
    expect(t).toContain('Your response: Impact assessed: **High** — "Two projects blocked"');
    expect(t).toContain('Update assessment');
  });

  it('superseded and withdrawn cards have no response actions', () => {
    const sup = changeCard(variants[4]![1]);
    expect(cardText(sup)).toContain('Superseded by v3');
    expect(JSON.stringify(sup)).not.toContain('Action.Execute');
    const wd = changeCard(variants[5]![1]);
    expect(cardText(wd)).toContain('Withdrawn');
    expect(cardText(wd)).toContain('Supplier recovered');
    expect(JSON.stringify(wd)).not.toContain('Action.Execute');
  });

  it('the reminder is a valid card that says it is due', () => {
    const card = changeReminderCard(base);
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardText(card)).toContain('Reminder: your response is due');
  });

  it('turns markdown into the subset Teams renders', () => {
    expect(toTeamsMarkdown('## Head\n> quote `x`\n***\n![a](http://i)')).toBe('**Head**\nquote x\n\n[a](http://i)');
    expect(toTeamsMarkdown('abc', 2)).toBe('a…');
  });
});

describe('the change card’s per-person refresh', () => {
  it('refreshes through change.show for at most 60 listed people, and has none without them', () => {
    const many = Array.from({ length: 80 }, (_, i) => `29:1p${i}`);
    const card = changeCard({ ...base, refreshUserIds: many });
    expect(card.refresh?.action).toMatchObject({ type: 'Action.Execute', verb: 'change.show', data: { changeId: 'chg-1', version: 2, conversationId: '19:team@thread.tacv2' } });
    expect(card.refresh?.userIds).toEqual(many.slice(0, 60));
    expect(changeCard(base).refresh).toBeUndefined();
    expect(changeCard({ ...base, refreshUserIds: [] }).refresh).toBeUndefined();
  });
});
