import { describe, expect, it } from '@jest/globals';
import { TEAMS_CARD_LIMIT_BYTES, cardText, validateAdaptiveCard } from '../../tests/support/adaptive-card';
import { type AdaptiveCard, cardBytes } from '../kernel/cards/adaptive-card';
import { COMMANDS, helpCard } from './help-card';
import { type LinkChoice, MAX_CHOICES_PER_GROUP, linkConfirmationCard, linkFormCard } from '../conversations/cards/link-cards';
import { errorCard, messageCard } from '../kernel/cards/message-card';

const teams = (n: number, titleLength = 40): LinkChoice[] =>
  Array.from({ length: n }, (_, i) => ({
    target: { kind: 'team', workItemId: `wi_${String(i).padStart(6, '0')}` },
    label: `${'Work item with a long descriptive title '.repeat(4).slice(0, titleLength)} ${i} team`,
    detail: 'Information Technology',
  }));

/** Every card builder with representative and extreme view models. */
const cases: [string, AdaptiveCard][] = [
  ['help, personal chat', helpCard({ conversationKind: 'personal', tabUrl: 'https://relay.example.com/' })],
  ['help, channel with notice', helpCard({ conversationKind: 'channel', tabUrl: 'https://relay.example.com/', notice: 'I don\'t know "foo".' })],
  ['help, group chat without tab URL', helpCard({ conversationKind: 'groupChat' })],
  ['message, error with details', messageCard({ tone: 'error', title: 'Bad', text: 'It broke.', details: ['a: wrong', 'b: missing'], code: 'VALIDATION.INVALID' })],
  ['message, info', messageCard({ tone: 'info', title: 'FYI', text: 'Just so you know.' })],
  ['message, success', messageCard({ tone: 'success', title: 'Done', text: 'Saved.' })],
  ['message, warning', messageCard({ tone: 'warning', title: 'Careful', text: 'Maybe.' })],
  ['error card', errorCard({ code: 'AUTH.FORBIDDEN', message: 'Only PMO leads can do that.' })],
  [
    'link form',
    linkFormCard({
      conversationTitle: 'IT › General',
      isChannel: true,
      pmo: [{ target: { kind: 'pmo', domainId: 'dom_it' }, label: 'IT PMO' }],
      epmo: { target: { kind: 'epmo' }, label: 'EPMO' },
      teams: teams(3),
      currentLinks: ['the HR PMO'],
    }),
  ],
  ['link form, huge portfolio', linkFormCard({ conversationTitle: 'Big › General', isChannel: true, pmo: [], teams: teams(5000, 200), currentLinks: [] })],
  ['link confirmation', linkConfirmationCard({ conversationTitle: 'IT › General', isChannel: true, targetName: 'the IT PMO', linkedByName: 'Dana', replacedTitles: ['IT › Old'], alreadyLinked: false })],
  ['link confirmation, already linked chat', linkConfirmationCard({ conversationTitle: 'Website chat', isChannel: false, targetName: 'the team of Website', linkedByName: 'Ali', replacedTitles: [], alreadyLinked: true })],
];

describe('card builders', () => {
  it.each(cases)('%s is a valid Adaptive Card 1.5 under 100 KB', (_name, card) => {
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  it('help lists every command, none of them coming soon any more', () => {
    const text = cardText(helpCard({ conversationKind: 'channel', tabUrl: 'https://relay.example.com/' }));
    for (const c of COMMANDS) expect(text).toContain(c.command);
    expect(text).not.toMatch(/coming soon/);
    expect(text).toContain('Open PMO Relay');
    expect(text).toContain('@PMO Relay help');
  });

  it('help offers linking only in shared conversations', () => {
    expect(cardText(helpCard({ conversationKind: 'personal' }))).not.toContain('Link this conversation');
    expect(cardText(helpCard({ conversationKind: 'groupChat' }))).toContain('Link this conversation');
  });

  it('the link form lists exactly the choices given, and caps a huge list', () => {
    const small = linkFormCard({ conversationTitle: 'X', isChannel: true, pmo: [], teams: teams(2), currentLinks: [] });
    expect(cardText(small)).not.toContain('EPMO\n');
    const huge = linkFormCard({ conversationTitle: 'X', isChannel: true, pmo: [], teams: teams(5000), currentLinks: [] });
    const choiceSet = huge.body.find((e) => e.type === 'Input.ChoiceSet');
    expect(choiceSet?.type === 'Input.ChoiceSet' && choiceSet.choices.length).toBe(MAX_CHOICES_PER_GROUP);
    expect(cardText(huge)).toContain(`Only the first ${MAX_CHOICES_PER_GROUP}`);
  });
});

describe('validateAdaptiveCard', () => {
  it('reports what Teams would reject', () => {
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Carousel3D' }] }).join('\n')).toMatch(/Unknown element type "Carousel3D"/);
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.6', body: [] }).join('\n')).toMatch(/version/);
    expect(validateAdaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [], actions: [{ type: 'Action.Execute', title: 'Go' }] }).join('\n')).toMatch(/no verb/);
    const huge = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x'.repeat(TEAMS_CARD_LIMIT_BYTES) }] };
    expect(validateAdaptiveCard(huge).join('\n')).toMatch(/bytes/);
    const dupes = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Input.Text', id: 'a', label: 'B' },
      ],
    };
    expect(validateAdaptiveCard(dupes)).not.toEqual([]);
    expect(validateAdaptiveCard('nope')).not.toEqual([]);
  });
});
