/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Signal cards that respect the channel (issue #10, points 4 and 5), over real HTTP: Teams-shaped
 * activities to /api/messages, the tab's API, durable delivery on Azurite and the connector
 * stand-in, whose records are what Teams would have received. A card is updated only when what
 * it shows changes, a burst of transitions sends one update per card, and replies to a signal
 * raised in a channel thread go into that thread while the PMO and EPMO cards stay posts.
 */
import { describe, expect, it } from '@jest/globals';
import { cardText } from '../support/adaptive-card';
import type { RecordedRequest } from '../support/connector-server';
import { message, nextActivityId } from '../bot/teams-activities';
import {
  EPMO,
  PMO,
  T,
  TEAM,
  act,
  analyseAndEscalate,
  api,
  app,
  cardOf,
  cardUpdatesSettled,
  connector,
  inThread,
  people,
  post,
  raiseThroughForm,
  sentTo,
  startSignalsJourney,
  waitFor,
  where,
  withText,
} from './journey-support';

startSignalsJourney();

const ANALYSIS = {
  context: { objectiveIds: [], schedule: 'high', cost: 'medium', benefit: 'low', risk: 'high', narrative: 'Slips the portal launch.' },
  options: [
    { title: 'Add a second vendor', description: 'Bring in Contoso', impact: '+£40k, keeps March' },
    { title: 'Slip to April', description: '', impact: 'No cost, one month late' },
  ],
  recommendation: { optionIndex: 0, rationale: 'March matters more than £40k' },
};

const ok = async (res: Promise<{ status: number; body: any }>) => {
  const answered = await res;
  expect([200, 201]).toContain(answered.status);
  return answered.body;
};
const textOf = (r: RecordedRequest): string => cardText(cardOf(r));

/** A raised signal whose PMO card is in the PMO channel and whose card updates so far are done. */
async function raisedAndDelivered(title: string) {
  const raised = await raiseThroughForm(title);
  await waitFor('the PMO card', () => withText(sentTo(PMO, 'POST'), raised.label).length === 1);
  await waitFor('the receipt replacing the form', () => connector.requests.some((r) => r.method === 'PUT' && r.activityId === raised.formId));
  await cardUpdatesSettled(raised.signalId);
  const [pmoCard] = await app.delivery.listBatch(T, `signal:${raised.signalId}:pmo`);
  expect(pmoCard?.state).toBe('sent');
  return { ...raised, pmoActivityId: pmoCard?.activityId as string };
}

describe('card updates that respect the channel', () => {
  it('a draft analysis save sends no card update: neither the receipt nor the PMO card shows it', async () => {
    const s = await raisedAndDelivered('Supplier contract renewal at risk');
    await ok(api(people.itLead, 'POST', `/api/signals/${s.signalId}/triage`, { comment: 'On it' }));
    const started = await ok(api(people.itLead, 'POST', `/api/signals/${s.signalId}/start-analysis`, {}));
    await cardUpdatesSettled(s.signalId);
    // Both cards show the analysis started.
    for (const activityId of [s.formId, s.pmoActivityId]) {
      const updates = connector.requests.filter((r) => r.method === 'PUT' && r.activityId === activityId);
      expect(textOf(updates[updates.length - 1] as RecordedRequest)).toContain('Analysing (by Ivo IT Lead');
    }

    const mark = connector.requests.length;
    await ok(api(people.itLead, 'PUT', `/api/signals/${s.signalId}/analysis`, ANALYSIS, { 'If-Match': started.signal.etag }));
    await cardUpdatesSettled(s.signalId);
    expect(connector.requests.slice(mark).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('five transitions in a row send one update per card, showing the latest state', async () => {
    const s = await raisedAndDelivered('Data centre lease ends in June');
    const mark = connector.requests.length;
    await analyseAndEscalate(s.signalId); // triage, start analysis, save analysis, escalate
    await ok(api(people.owner, 'POST', `/api/signals/${s.signalId}/decide`, { outcome: 'approve_recommended', rationale: 'Keep the launch date' }));
    await waitFor('the EPMO card', () => withText(sentTo(EPMO, 'POST'), s.label).length === 1);
    await cardUpdatesSettled(s.signalId);

    const updates = connector.requests.slice(mark).filter((r) => r.method === 'PUT');
    const perCard = new Map<string, RecordedRequest[]>();
    for (const u of updates) perCard.set(u.activityId as string, [...(perCard.get(u.activityId as string) ?? []), u]);
    expect([...perCard.values()].map((list) => list.length).every((n) => n === 1)).toBe(true);
    for (const activityId of [s.formId, s.pmoActivityId]) {
      const [only] = perCard.get(activityId) ?? [];
      expect(only).toBeDefined();
      expect(textOf(only as RecordedRequest)).toContain('Decided (by Sol Owner');
      expect(textOf(only as RecordedRequest)).toContain('Keep the launch date');
    }
  });
});

describe('threads', () => {
  it('a signal raised in a channel thread gets its receipt and decision notice in that thread; PMO and EPMO cards are posts', async () => {
    // Someone started a discussion in the team channel; the raise is a reply in its thread.
    const root = nextActivityId();
    const thread = inThread(TEAM, root);
    const before = connector.requests.length;
    expect((await post(message(where(TEAM), people.member, 'raise', root))).status).toBe(200);
    const form = connector.requests.slice(before).find((r) => r.method === 'POST' && cardText(r.body?.attachments?.[0]?.content).includes('Raise a signal'));
    expect(form?.conversationId).toBe(thread); // the form is the bot's reply in the thread
    const formId = `form-${nextActivityId()}`;
    const raised = await act(TEAM, people.member, 'signal.raise', { kind: 'issue', title: 'Test rig booked twice', details: 'Both teams planned March.', urgency: 'normal', workItemId: 'wi-web' }, formId, root);
    const label = /S-\d+/.exec(raised.text)?.[0] ?? '';
    expect(label).not.toBe('');
    const signal = (await api(people.member, 'GET', '/api/signals?mine=true')).body.items.find((x: any) => x.label === label);

    await waitFor('the PMO card', () => withText(sentTo(PMO, 'POST'), label).length === 1);
    expect(withText(sentTo(PMO, 'POST'), label)[0]?.conversationId).toBe(PMO);
    await analyseAndEscalate(signal.id);
    await waitFor('the EPMO card', () => withText(sentTo(EPMO, 'POST'), label).length === 1);
    expect(withText(sentTo(EPMO, 'POST'), label)[0]?.conversationId).toBe(EPMO);

    await ok(api(people.owner, 'POST', `/api/signals/${signal.id}/decide`, { outcome: 'approve_recommended', rationale: 'One booking each week' }));
    await waitFor('the decision notice', () => withText(sentTo(TEAM, 'POST'), `Decision on ${label}`).length === 1);
    const notice = withText(sentTo(TEAM, 'POST'), `Decision on ${label}`)[0];
    expect(notice?.conversationId).toBe(thread);
    expect(notice?.path).toBe(`/v3/conversations/${encodeURIComponent(thread)}/activities`);
    // The receipt (the form, replaced) is updated where it is: in the thread.
    await cardUpdatesSettled(signal.id);
    const receiptUpdates = connector.requests.filter((r) => r.method === 'PUT' && r.activityId === formId);
    expect(receiptUpdates.length).toBeGreaterThan(0);
    expect(receiptUpdates.every((r) => r.conversationId === thread)).toBe(true);
  });
});
