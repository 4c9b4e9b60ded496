/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Signals end to end over real HTTP (PRODUCT.md §4): Teams-shaped activities to /api/messages,
 * the tab's API with development tokens, the real durable delivery on Azurite, and a local
 * connector server standing in for Teams that records every card sent and updated. The full
 * journey and raising twice by a double submit; refusals are in journey-refusals.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { DECISION_CSV_COLUMNS } from '../../bot/api-contract/signals';
import { cardText, validateAdaptiveCard } from '../support/adaptive-card';
import { type Where, message, nextActivityId } from '../bot/teams-activities';
import { waitUntil } from '../delivery/support';
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
  id,
  inThread,
  people,
  post,
  raiseThroughForm,
  sentTo,
  startSignalsJourney,
  token,
  waitFor,
  where,
  withText,
} from './journey-support';

startSignalsJourney();

describe('the full journey', () => {
  it('raise (form and message action) → PMO card → triage, analysis, escalation → EPMO card → decision by card → cards updated, notice, decision log and CSV', async () => {
    // 1. A team member raises through the form card.
    const first = await raiseThroughForm('Vendor may miss the March release');
    await waitFor('the PMO card in the IT PMO channel', () => withText(sentTo(PMO, 'POST'), first.label).length === 1);
    const pmoCard = withText(sentTo(PMO, 'POST'), first.label)[0];
    // The shared card shows nobody's actions; the IT PMO lead's own view has the triage actions.
    expect(cardText(cardOf(pmoCard))).toContain('Show my view');
    expect((await act(PMO, people.itLead, 'signal.view', { signalId: first.signalId, view: 'pmo' })).text).toContain('Accept (triage)');
    // The form the raiser submitted became the receipt, for everyone (one update through delivery).
    await waitFor('the receipt replacing the form', () => connector.requests.some((r) => r.method === 'PUT' && r.activityId === first.formId));

    // 2. ...and through the message action: fetchTask pre-fills the form, submitAction raises it.
    const messagePayload = { id: '1700000000123', linkToMessage: 'https://teams.microsoft.com/l/message/19:team-web/1700000000123', body: { contentType: 'html', content: '<p>Payroll export fails every Friday</p><p>Since the upgrade.</p>' } };
    // The message is a post in the team channel: the action arrives in its thread.
    const base = message(where(TEAM), people.member, '', messagePayload.id);
    const fetched = await post({ ...base, type: 'invoke', name: 'composeExtension/fetchTask', value: { commandId: 'raiseWithPmo', commandContext: 'message', messagePayload } });
    expect(fetched.status).toBe(200);
    const dialogCard = fetched.body.task.value.card.content;
    expect(validateAdaptiveCard(dialogCard)).toEqual([]);
    expect(JSON.stringify(dialogCard)).toContain('"value":"Payroll export fails every Friday"');
    const submitted = await post({
      ...message(where(TEAM), people.member, '', messagePayload.id),
      type: 'invoke',
      name: 'composeExtension/submitAction',
      value: { commandId: 'raiseWithPmo', commandContext: 'message', messagePayload, data: { verb: 'signal.raise', kind: 'issue', title: 'Payroll export fails every Friday', details: 'Since the upgrade.', urgency: 'normal' } },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.task.type).toBe('message');
    const second = /S-\d+/.exec(submitted.body.task.value)?.[0] ?? '';
    expect(second).not.toBe('');
    const secondSignal = (await api(people.member, 'GET', '/api/signals?mine=true')).body.items.find((s: any) => s.label === second);
    expect(secondSignal.origin).toMatchObject({ conversationId: TEAM, messageId: '1700000000123', messageLink: messagePayload.linkToMessage, messagePreview: expect.stringContaining('Payroll export fails') });
    await waitFor('the second PMO card', () => withText(sentTo(PMO, 'POST'), second).length === 1);
    // The receipt is a reply in the thread of the message it was raised from.
    await waitFor('the second receipt in the team channel', () => withText(sentTo(TEAM, 'POST'), `Signal raised · ${second}`).length === 1);
    expect(withText(sentTo(TEAM, 'POST'), `Signal raised · ${second}`)[0]?.conversationId).toBe(inThread(TEAM, messagePayload.id));

    // 3. Triage, analysis and escalation through the API; the EPMO card arrives.
    await analyseAndEscalate(first.signalId);
    await waitFor('the EPMO card', () => withText(sentTo(EPMO, 'POST'), first.label).length === 1);
    const epmoRequest = withText(sentTo(EPMO, 'POST'), first.label)[0];
    const epmo = cardOf(epmoRequest);
    expect(cardText(epmo)).toContain('Add a second vendor');
    expect(cardText(epmo)).toContain('recommended');
    expect(cardText(epmo)).toContain('read-only');
    // Teams user ids only (who they are is checked in card-user-ids.test.ts), never Entra ids.
    for (const userId of epmo.refresh.userIds) expect(userId).toMatch(/^29:/);
    // A strategy owner's refresh shows the decision inputs; an EPMO member's does not.
    expect((await act(EPMO, people.owner, 'signal.view', { signalId: first.signalId, view: 'epmo' })).text).toContain('Record decision');
    expect((await act(EPMO, people.epmo, 'signal.view', { signalId: first.signalId, view: 'epmo' })).text).not.toContain('Record decision');

    // 4. The strategy owner decides through the card.
    await waitUntil(async () => (await app.delivery.listBatch(T, `signal:${first.signalId}:epmo`)).every((d) => d.state === 'sent'), 10_000, 'EPMO card sent');
    const epmoActivityId = (await app.delivery.listBatch(T, `signal:${first.signalId}:epmo`))[0]?.activityId as string;
    const pmoActivityId = (await app.delivery.listBatch(T, `signal:${first.signalId}:pmo`))[0]?.activityId as string;
    await cardUpdatesSettled(first.signalId);
    const mark = connector.requests.length;
    const decided = await act(EPMO, people.owner, 'signal.decide', { signalId: first.signalId, round: 1, outcome: 'approve_recommended', rationale: 'Keep the launch date', deferredUntil: '', chosenOptionId: '' }, epmoActivityId);
    expect(decided.text).toContain('Your decision is recorded');
    expect(decided.text).toContain('Approved the recommended option');

    // 5. The three cards are updated in place, one PUT each, and the team is told the decision in
    // the thread the signal was raised in (the receipt is there too); PMO and EPMO cards are posts.
    const after = () => connector.requests.slice(mark);
    const raisedIn = inThread(TEAM, first.threadId);
    await waitFor('three card updates and the notice', () => after().filter((r) => r.method === 'PUT').length >= 3 && withText(after().filter((r) => r.method === 'POST' && r.conversationId === raisedIn), 'Decision on').length === 1);
    await cardUpdatesSettled(first.signalId);
    const puts = after().filter((r) => r.method === 'PUT');
    expect(puts.map((r) => `${r.conversationId}/${r.activityId}`).sort()).toEqual([`${EPMO}/${epmoActivityId}`, `${PMO}/${pmoActivityId}`, `${raisedIn}/${first.formId}`].sort());
    for (const put of puts) expect(cardText(cardOf(put))).toContain('Keep the launch date');
    const notice = withText(after().filter((r) => r.method === 'POST' && r.conversationId === raisedIn), 'Decision on')[0];
    expect(cardText(cardOf(notice))).toContain('Add a second vendor');

    // 6. The decision log and its CSV export.
    const log = await api(people.epmo, 'GET', '/api/decisions?q=vendor');
    expect(log.status).toBe(200);
    expect(log.body.items).toHaveLength(1);
    const decision = log.body.items[0];
    expect(decision).toMatchObject({
      signalId: first.signalId,
      question: expect.stringContaining('Vendor may miss the March release'),
      context: expect.objectContaining({ narrative: 'Slips the portal launch.' }),
      options: [expect.objectContaining({ title: 'Add a second vendor' }), expect.objectContaining({ title: 'Slip to April' })],
      recommendation: expect.objectContaining({ rationale: 'March matters more than £40k', authorName: 'Ivo IT Lead' }),
      outcome: 'approve_recommended',
      chosenOptionTitle: 'Add a second vendor',
      rationale: 'Keep the launch date',
      decidedBy: { userId: id(4), displayName: 'Sol Owner' },
      decidedAt: expect.any(String),
    });
    const csv = await fetch(`${app.url}/api/decisions/export.csv`, { headers: { Authorization: `Bearer ${await token(people.epmo)}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const body = await csv.text();
    expect(body.split('\r\n')[0]).toBe(DECISION_CSV_COLUMNS.join(','));
    expect(body).toContain('"March matters more than £40k"');
    expect(body).toContain('"1. Add a second vendor (impact: +£40k, keeps March)\n2. Slip to April (impact: No cost, one month late)"');
    // The record has no edit path.
    for (const method of ['PUT', 'PATCH', 'DELETE']) expect((await api(people.owner, method, `/api/decisions/${decision.id}`, {})).status).toBe(404);

    // The timeline holds every step, in order.
    const detail = await api(people.itLead, 'GET', `/api/signals/${first.signalId}`);
    expect(detail.body.timeline.map((e: any) => e.action)).toEqual(['raise', 'triage', 'startAnalysis', 'saveAnalysis', 'escalate', 'decide']);
    // "my signals" in the personal chat shows the state; in the team's channel, where everyone
    // would read it, it lists nothing and says where to look.
    const personal: Where = { serviceUrl: connector.url, tenantId: T, kind: 'personal', conversationId: `a:personal-${people.member.aadObjectId}` };
    const mine = message(personal, people.member, 'my signals');
    const m0 = connector.requests.length;
    await post(mine);
    expect(cardText(cardOf(connector.requests.slice(m0).find((r) => r.method === 'POST')))).toMatch(new RegExp(`${first.label}[\\s\\S]*Decided`));
    const m1 = connector.requests.length;
    await post(message(where(TEAM), people.member, 'my signals'));
    const inChannel = cardText(cardOf(connector.requests.slice(m1).find((r) => r.method === 'POST')));
    expect(inChannel).toContain('Your signals are yours to see');
    expect(inChannel).not.toContain(first.label);
  });
});

describe('raising twice by a double submit raises one signal', () => {
  it('the raise form submitted three times at once: one signal, one number, one PMO card, every answer its receipt', async () => {
    const msg = message(where(TEAM), people.member, 'raise');
    expect((await post(msg)).status).toBe(200);
    const formId = `form-${nextActivityId()}`;
    const data = { kind: 'issue', title: 'Build server is out of disk', details: 'Nightly builds fail.', urgency: 'high', workItemId: 'wi-web' };
    const answers = await Promise.all([1, 2, 3].map(() => act(TEAM, people.member, 'signal.raise', data, formId)));
    const labels = answers.map((a) => /S-\d+/.exec(a.text)?.[0]);
    expect(new Set(labels).size).toBe(1);
    const label = labels[0] as string;
    expect(label).toBeDefined();
    expect(answers.filter((a) => a.text.includes(`Raised ${label} with the IT PMO`))).toHaveLength(1);
    expect(answers.filter((a) => a.text.includes(`${label} was already raised from this form; nothing was raised twice.`))).toHaveLength(2);
    for (const a of answers) expect(a.text).toContain('Build server is out of disk');
    const mine = (await api(people.member, 'GET', '/api/signals?mine=true')).body.items.filter((s: any) => s.title === data.title);
    expect(mine).toHaveLength(1);
    expect((await api(people.itLead, 'GET', `/api/signals/${mine[0].id}`)).body.timeline.map((e: any) => e.action)).toEqual(['raise']);
    // Submitting the same form again later answers with the same receipt, too.
    expect((await act(TEAM, people.member, 'signal.raise', data, formId)).text).toContain(`${label} was already raised from this form`);
    // The next raise takes the next number: the repeats used none.
    const next = await raiseThroughForm('Office move delayed');
    expect(next.label).toBe(`S-${Number(label.slice(2)) + 1}`);
    await waitFor('the PMO card of the double-submitted raise', () => withText(sentTo(PMO, 'POST'), 'Build server is out of disk').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(withText(sentTo(PMO, 'POST'), 'Build server is out of disk')).toHaveLength(1);
  });

  it('the message action\'s dialog submitted twice at once: one signal', async () => {
    const messagePayload = { id: '1700000000999', linkToMessage: 'https://teams.microsoft.com/l/message/19:team-web/1700000000999', body: { contentType: 'text', content: 'The VPN drops every hour' } };
    const submit = () =>
      post({
        ...message(where(TEAM), people.member, ''),
        type: 'invoke',
        name: 'composeExtension/submitAction',
        value: { commandId: 'raiseWithPmo', commandContext: 'message', messagePayload, data: { verb: 'signal.raise', kind: 'issue', title: 'The VPN drops every hour', details: '', urgency: 'normal' } },
      });
    const answers = await Promise.all([submit(), submit()]);
    const labels = answers.map((a) => /S-\d+/.exec(a.body.task.value)?.[0]);
    expect(labels[0]).toBeDefined();
    expect(labels[1]).toBe(labels[0]);
    expect(answers.filter((a) => String(a.body.task.value).includes('was already raised from this message'))).toHaveLength(1);
    expect((await api(people.member, 'GET', '/api/signals?mine=true')).body.items.filter((s: any) => s.title === 'The VPN drops every hour')).toHaveLength(1);
  });
});
