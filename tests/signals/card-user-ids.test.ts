/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Signal cards name people the way Teams knows them (PRODUCT.md §1, §5): the `refresh.userIds`
 * of the PMO and EPMO cards are the Teams user ids (MRIs) of the people who can act on them —
 * the domain's PMO leads, the strategy owners — at most 60, and the decision notice @mentions
 * the raiser by MRI. Over real HTTP, with the connector stand-in.
 */
import { describe, expect, it } from '@jest/globals';
import { cardText } from '../support/adaptive-card';
import { installationUpdate, message, mriOf } from '../bot/teams-activities';
import { waitUntil } from '../delivery/support';
import { EPMO, PMO, T, TEAM, act, analyseAndEscalate, app, cardOf, connector, people, post, raiseThroughForm, sentTo, startSignalsJourney, waitFor, where, withText } from './journey-support';

startSignalsJourney();

const ENTRA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Someone says something where the bot hears it: Teams tells their MRI with it. */
async function heardFrom(conversationId: string, who: (typeof people)[keyof typeof people]): Promise<void> {
  expect((await post(message(where(conversationId), who, 'help'))).status).toBe(200);
}

describe('refresh.userIds and mentions carry Teams user ids', () => {
  it('PMO card: the domain’s PMO leads; EPMO card: the strategy owners — by MRI, only those Teams has named, the decision view for them alone', async () => {
    await heardFrom(PMO, people.itLead);
    await heardFrom(PMO, people.hrLead);
    await heardFrom(EPMO, people.owner);
    await heardFrom(EPMO, people.epmo);
    // Sam Owner (owner2) has not been seen anywhere yet: no MRI, so not listed.

    const raised = await raiseThroughForm('Hosting contract ends in May');
    await waitFor('the PMO card', () => withText(sentTo(PMO, 'POST'), raised.label).length === 1);
    const pmoCard = cardOf(withText(sentTo(PMO, 'POST'), raised.label)[0]);
    expect(pmoCard.refresh.userIds).toEqual([mriOf(people.itLead)]);

    await analyseAndEscalate(raised.signalId);
    await waitFor('the EPMO card', () => withText(sentTo(EPMO, 'POST'), raised.label).length === 1);
    const epmoCard = cardOf(withText(sentTo(EPMO, 'POST'), raised.label)[0]);
    expect(epmoCard.refresh.userIds).toEqual([mriOf(people.owner)]);
    expect(cardText(epmoCard)).toContain('read-only');

    // Once Sam Owner has been heard from, the refreshed card lists both owners.
    await heardFrom(EPMO, people.owner2);
    const ownersView = await act(EPMO, people.owner2, 'signal.view', { signalId: raised.signalId, view: 'epmo' });
    expect(ownersView.text).toContain('Record decision');
    expect([...ownersView.card.refresh.userIds].sort()).toEqual([mriOf(people.owner), mriOf(people.owner2)].sort());
    const someoneElse = await act(EPMO, people.epmo, 'signal.view', { signalId: raised.signalId, view: 'epmo' });
    expect(someoneElse.text).not.toContain('Record decision');
    expect(someoneElse.text).toContain('read-only');

    for (const card of [pmoCard, epmoCard, ownersView.card, someoneElse.card]) {
      expect(card.refresh.userIds.length).toBeLessThanOrEqual(60);
      for (const userId of card.refresh.userIds) expect(userId).not.toMatch(ENTRA_ID);
    }
  });

  it('the decision notice @mentions the raiser with their MRI as the mentioned id', async () => {
    const raised = await raiseThroughForm('Licence costs up 30%');
    await analyseAndEscalate(raised.signalId);
    await waitUntil(async () => (await app.delivery.listBatch(T, `signal:${raised.signalId}:epmo`)).every((d) => d.state === 'sent'), 10_000, 'EPMO card sent');
    const mark = connector.requests.length;
    const decided = await act(EPMO, people.owner, 'signal.decide', { signalId: raised.signalId, round: 1, outcome: 'reject', rationale: 'Absorb it this year', deferredUntil: '', chosenOptionId: '' });
    expect(decided.text).toContain('Your decision is recorded');
    // A reply in the thread where it was raised: the team's conversation id with `;messageid=`.
    const notices = () => withText(connector.requests.slice(mark).filter((r) => r.method === 'POST' && r.conversationId?.split(';')[0] === TEAM), 'Decision on');
    await waitFor('the decision notice in the team', () => notices().length === 1);
    const notice = cardOf(notices()[0]);
    expect(cardText(notice)).toContain(`Raised by <at>${people.member.name}</at>`);
    expect(notice.msteams.entities).toEqual([{ type: 'mention', text: `<at>${people.member.name}</at>`, mentioned: { id: mriOf(people.member), name: people.member.name } }]);
  });

  it('when the conversation it was raised in is gone, the decision reaches the raiser 1:1, in a chat opened with their MRI', async () => {
    const raised = await raiseThroughForm('Office move clashes with go-live');
    await analyseAndEscalate(raised.signalId);
    await waitUntil(async () => (await app.delivery.listBatch(T, `signal:${raised.signalId}:epmo`)).every((d) => d.state === 'sent'), 10_000, 'EPMO card sent');
    // The team removes PMO Relay: its channel can no longer be posted to.
    expect((await post(installationUpdate(where(TEAM), people.itLead, 'remove'))).status).toBe(200);

    const mark = connector.requests.length;
    await act(EPMO, people.owner, 'signal.decide', { signalId: raised.signalId, round: 1, outcome: 'reject', rationale: 'Move the office instead', deferredUntil: '', chosenOptionId: '' });
    const created = () => connector.requests.slice(mark).filter((r) => r.method === 'POST' && /^\/v3\/conversations\/?$/.test(r.path));
    await waitFor('the 1:1 chat opened', () => created().length === 1);
    const opened = created()[0];
    expect(opened?.body).toMatchObject({ isGroup: false, tenantId: T, members: [{ id: mriOf(people.member) }] });
    const chatId = (await app.repos.conversations.list(T)).find((c) => c.kind === 'personal' && c.userId === people.member.aadObjectId)?.conversationId as string;
    expect(chatId).toBeDefined();
    await waitFor('the notice in the 1:1 chat', () => withText(connector.requests.slice(mark).filter((r) => r.method === 'POST' && r.conversationId === chatId), 'Decision on').length === 1);
    expect(withText(connector.requests.slice(mark).filter((r) => r.method === 'POST' && r.conversationId?.split(';')[0] === TEAM), 'Decision on')).toEqual([]);
  });

  it('every card sent here that names people for its refresh names them by Teams user id, never more than 60', () => {
    const cards = connector.requests.flatMap((r) => (r.body?.attachments ?? []).map((a: any) => a.content)).filter((c: any) => c?.refresh?.userIds);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expect(card.refresh.userIds.length).toBeLessThanOrEqual(60);
      for (const userId of card.refresh.userIds) expect(userId).toMatch(/^29:/);
      for (const userId of card.refresh.userIds) expect(userId).not.toMatch(ENTRA_ID);
    }
  });
});
