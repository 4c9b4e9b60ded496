/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Check-ins end to end over real HTTP (PRODUCT.md §5): requested through the tab's API and with
 * `check-in` in the PMO channel, a card per item team at the local connector (through the real
 * durable delivery on Azurite), answered through real `adaptiveCard/action` invokes to
 * /api/messages, and the item's health, benefits and history as the API shows them after.
 */
import { describe, expect, it } from '@jest/globals';
import { cardText } from '../support/adaptive-card';
import { message, mriOf } from '../bot/teams-activities';
import { APP_TEAM, PMO, T, WEB_TEAM, act, api, app, cardOf, connector, inputsOf, people, post, sentTo, startCheckInsJourney, waitFor, withText } from './journey-support';

startCheckInsJourney();

/** The activity id of the round's card for an item, once delivery sent it. */
async function cardId(roundId: string, workItemId: string): Promise<string> {
  let activityId: string | undefined;
  await waitFor(`the check-in card of ${workItemId}`, async () => {
    activityId = (await app.delivery.listBatch(T, `checkin:${roundId}`)).find((d) => d.content.variant === workItemId && d.state === 'sent')?.activityId;
    return activityId !== undefined;
  });
  return activityId as string;
}

const answer = (roundId: string, workItemId: string, values: Record<string, unknown>) => ({
  roundId,
  workItemId,
  domainId: 'dom-it',
  colour_schedule: 'green',
  colour_cost: 'green',
  colour_scope: 'amber',
  colour_benefit: 'green',
  stage: 'Build',
  note: '',
  ...values,
});

describe('check-ins in chat', () => {
  let first = '';

  it('a PMO lead requests a check-in from the tab: one card per reachable item team, pre-filled; finished and unreachable items are left out', async () => {
    const res = await api(people.itLead, 'POST', '/api/domains/dom-it/check-ins', {});
    expect(res.status).toBe(201);
    first = res.body.id;
    expect(res.body.items.map((i: any) => [i.title, i.state])).toEqual([['Mobile app', 'open'], ['Website rebuild', 'open']]);
    expect(res.body.skipped.map((s: any) => [s.title, s.reason])).toEqual([['Old intranet', 'finished'], ['Printer fleet', 'no-team-conversation']]);

    await waitFor('a card in each team channel', () => withText(sentTo(WEB_TEAM, 'POST'), 'Check-in: Website rebuild').length === 1 && withText(sentTo(APP_TEAM, 'POST'), 'Check-in: Mobile app').length === 1);
    const card = cardOf(withText(sentTo(WEB_TEAM, 'POST'), 'Check-in: Website rebuild')[0]);
    const text = cardText(card);
    expect(text).toContain('Ivo IT Lead (IT PMO) asks');
    expect(text).toContain('Design signed off');
    expect(text).toContain('60 GBP k realised of 200 GBP k planned');
    const inputs = inputsOf(card);
    expect(inputs.get('colour_scope').value).toBe('amber');
    expect(inputs.get('benefitRealised').value).toBe(60);
    // 60 of the 100 the elapsed time expects: the rules suggest amber; the input keeps the item's green.
    expect(inputs.get('colour_benefit').value).toBe('green');
    expect(inputs.get('colour_benefit').label).toContain('Suggested: amber — the benefit realised is behind');
    expect(inputs.get('reason_benefit').label).toBe('Reason — needed for a colour other than the suggested amber');
    expect(text).toContain('Benefits realised');
    expect(card.actions[0]).toMatchObject({ type: 'Action.Execute', verb: 'checkin.answer' });
    expect(withText(sentTo(PMO, 'POST'), 'Check-in:')).toHaveLength(0);
  });

  it('red without a reason, or a colour other than the rules suggest without one, is refused in the card with the inputs kept', async () => {
    const cardMessageId = await cardId(first, 'wi-web');
    const refused = await act(WEB_TEAM, people.member, 'checkin.answer', answer(first, 'wi-web', { colour_cost: 'red', benefitRealised: '70', note: 'Licences went up' }), cardMessageId);
    expect(refused.text).toContain('Give a reason for cost (it turns red), benefit (it differs from the colour the rules suggest)');
    const kept = inputsOf(refused.card);
    expect(kept.get('colour_cost').value).toBe('red');
    expect(kept.get('note').value).toBe('Licences went up');
    expect(kept.get('benefitRealised').value).toBe(70);
    const notNumber = await act(WEB_TEAM, people.member, 'checkin.answer', answer(first, 'wi-web', { benefitRealised: 'lots', note: 'Typed' }), cardMessageId);
    expect(notNumber.text).toContain('Give the benefit realised so far as a number');
    expect(inputsOf(notNumber.card).get('note').value).toBe('Typed');
    const item = await api(people.itLead, 'GET', '/api/work-items/wi-web');
    expect(item.body.health.cost).toBe('green');
  });

  it('someone not on the item\'s team is refused, and nothing is recorded', async () => {
    const refused = await act(WEB_TEAM, people.hrLead, 'checkin.answer', answer(first, 'wi-web', { colour_benefit: 'amber' }), await cardId(first, 'wi-web'));
    expect(refused.text).toContain('Only the item\'s team and its domain\'s PMO leads can answer this check-in');
    const other = await act(WEB_TEAM, people.appMember, 'checkin.answer', answer(first, 'wi-web', { colour_benefit: 'amber' }), await cardId(first, 'wi-web'));
    expect(other.text).toContain('Only the item\'s team');
    expect((await api(people.itLead, 'GET', '/api/work-items/wi-web/panel')).body.history).toHaveLength(0);
  });

  it('two answers at once record one: the item\'s health, benefits, stage, note and history change once', async () => {
    const cardMessageId = await cardId(first, 'wi-web');
    const values = answer(first, 'wi-web', { colour_cost: 'red', reason_cost: 'Licences went up', colour_benefit: 'amber', benefitRealised: '70', stage: 'Test', note: 'Launch on track' });
    const both = await Promise.all([act(WEB_TEAM, people.member, 'checkin.answer', values, cardMessageId), act(WEB_TEAM, people.member, 'checkin.answer', { ...values, note: 'Second click' }, cardMessageId)]);
    expect(both.filter((r) => r.text.includes('Check-in recorded'))).toHaveLength(1);
    expect(both.filter((r) => r.text.includes('already answered by Mia Member'))).toHaveLength(1);
    // The confirmation is the answerer's alone: the card updated in place for everyone says who answered.
    await waitFor('the shared card updated', () => withText(sentTo(WEB_TEAM, 'PUT'), 'Answered by Mia Member').length > 0);
    expect(withText(sentTo(WEB_TEAM, 'PUT'), 'Check-in recorded')).toHaveLength(0);
    for (const r of both) {
      expect(r.text).toMatch(/Answered by Mia Member on/);
      expect(inputsOf(r.card).size).toBe(0);
    }

    const item = (await api(people.itLead, 'GET', '/api/work-items/wi-web')).body;
    expect(item.health).toEqual({ schedule: 'green', cost: 'red', scope: 'amber', benefit: 'amber' });
    expect(item.benefits).toEqual({ planned: { value: 200, unit: 'GBP k' }, realised: { value: 70, unit: 'GBP k' } });
    expect(item.stage).toBe('Test');
    expect(item.statusNote).toMatch(/^(Launch on track|Second click)$/);
    expect(item.stale).toBe(false);
    const history = (await api(people.member, 'GET', '/api/work-items/wi-web/panel')).body.history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ source: 'check-in', checkInId: first, by: { displayName: 'Mia Member' }, overall: 'red', stage: 'Test', benefits: { realised: { value: 70 } } });

    // The card shows the answer to whoever opens it again (Teams' refresh).
    const refreshed = await act(WEB_TEAM, people.member, 'checkin.show', { roundId: first, workItemId: 'wi-web', domainId: 'dom-it' }, cardMessageId);
    expect(refreshed.text).toContain('Answered by Mia Member');
    expect(refreshed.text).toContain('🔴 Red — Licences went up');
  });

  it('`check-in` in the PMO channel asks again; an older card then says a newer check-in replaced it, and the newer one is answered', async () => {
    const oldCard = await cardId(first, 'wi-app');
    const before = connector.requests.length;
    const msg = message({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: PMO, team: { id: `${PMO}-team`, name: 'IT PMO' } }, people.itLead, 'check-in');
    expect((await post(msg)).status).toBe(200);
    // The first round still waits for the Mobile app: the command asks before sending every team a second card.
    await waitFor('the warning in the PMO channel', () => withText(sentTo(PMO, 'POST'), 'A check-in is already waiting for answers').length === 1);
    const warning = cardOf(withText(sentTo(PMO, 'POST'), 'A check-in is already waiting for answers')[0]);
    expect(cardText(warning)).toMatch(/1 team was asked (just now|\d+ minutes? ago) \(round by Ivo IT Lead\); asking again sends each a new card\. Ask again anyway\?/);
    expect(warning.actions[0]).toMatchObject({ type: 'Action.Execute', title: 'Ask again anyway', verb: 'checkin.request', data: { domainId: 'dom-it', again: true } });
    expect((await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins')).body.rounds).toHaveLength(1);
    const confirmed = await act(PMO, people.itLead, 'checkin.request', warning.actions[0].data);
    expect(confirmed.text).toContain('Check-in sent to the IT teams');
    const reply = confirmed.text;
    expect(reply).toContain('2 items asked');
    expect(reply).toContain('not asked: finished');

    const listed = (await api(people.itLead, 'GET', '/api/domains/dom-it/check-ins')).body;
    expect(listed.rounds).toHaveLength(2);
    const second = listed.rounds[0].id;
    expect(listed.rounds[1].items.map((i: any) => [i.workItemId, i.state, i.answeredBy])).toEqual([['wi-app', 'superseded', undefined], ['wi-web', 'answered', 'Mia Member']]);
    expect(listed.rounds[0]).toMatchObject({ trigger: 'manual', requestedBy: 'Ivo IT Lead' });
    expect(listed.overdue).toBe(0);
    expect(listed.cadence).toMatchObject({ weekday: 'monday', answerWithinHours: 48 });

    // The new Website card is refreshed for those who answer it, by Teams user id: its team first, then the IT PMO lead.
    await waitFor('the second Website card', () => withText(sentTo(WEB_TEAM, 'POST'), 'Check-in: Website rebuild').length === 2);
    const webCard = cardOf(withText(sentTo(WEB_TEAM, 'POST'), 'Check-in: Website rebuild')[1]);
    expect(webCard.refresh.userIds).toEqual([mriOf(people.member), mriOf(people.itLead)]);
    expect(webCard.refresh.action).toMatchObject({ verb: 'checkin.show', data: { roundId: second, workItemId: 'wi-web' } });

    // The older card of the Mobile app is updated in place to say so.
    await waitFor('the older card replaced', () => connector.requests.slice(before).some((r) => r.method === 'PUT' && r.activityId === oldCard && cardText(r.body?.attachments?.[0]?.content).includes('A newer check-in replaced this one')));
    const stale = await act(APP_TEAM, people.appMember, 'checkin.answer', answer(first, 'wi-app', {}), oldCard);
    expect(stale.text).toContain('A newer check-in replaced this one');
    expect(stale.text).toContain('nothing was recorded');

    const done = await act(APP_TEAM, people.appMember, 'checkin.answer', answer(second, 'wi-app', { note: 'All fine' }), await cardId(second, 'wi-app'));
    expect(done.text).toContain('Check-in recorded');
    const history = (await api(people.itLead, 'GET', '/api/work-items/wi-app/panel')).body.history;
    expect(history.map((h: any) => [h.source, h.checkInId, h.note])).toEqual([['check-in', second, 'All fine']]);
  });

  it('`check-in` outside a PMO channel says where it works; only the domain\'s PMO lead or an admin may request or list', async () => {
    const before = connector.requests.length;
    expect((await post(message({ serviceUrl: connector.url, tenantId: T, kind: 'channel', conversationId: WEB_TEAM, team: { id: `${WEB_TEAM}-team`, name: 'Web' } }, people.member, 'check-in'))).status).toBe(200);
    await waitFor('the answer in the team channel', () => withText(connector.requests.slice(before), 'Check-ins start in a PMO channel').length === 1);
    expect((await api(people.member, 'POST', '/api/domains/dom-it/check-ins', {})).status).toBe(403);
    expect((await api(people.hrLead, 'GET', '/api/domains/dom-it/check-ins')).status).toBe(403);
    const foreign = await api(people.itLead, 'POST', '/api/domains/dom-it/check-ins', { itemIds: ['wi-web', 'wi-hr-unknown'] });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(foreign.body)).not.toContain('wi-hr-unknown');
    // The second round still waits for the Website: the tab is asked to confirm before every team gets another card.
    const repeated = await api(people.itLead, 'POST', '/api/domains/dom-it/check-ins', {});
    expect(repeated.status).toBe(409);
    expect(repeated.body.error.message).toMatch(/^1 team was asked .* \(round by Ivo IT Lead\); .*Ask again anyway\?$/);
  });
});
