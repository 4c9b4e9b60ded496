/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Activity-feed notifications from the real app, sent through Microsoft Graph to local HTTPS
 * stand-ins of Entra and Graph (tests/support/graph-stand-ins.ts): an escalation reaches each
 * strategy owner's feed, the decision reaches the raiser's, an overdue response reaches the PMO
 * leads who own it; each once, with a token from the client-credentials grant.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphStandIns, TEST_CA, startGraphStandIns } from '../support/graph-stand-ins';
import { T, analyseAndEscalate, api, id, people, raiseThroughForm, startSignalsJourney, waitFor } from '../signals/journey-support';

const CLIENT_ID = '5e1a0000-0000-4000-8000-0000000000c1';
const SECRET = 'journey-secret';
const TEAMS_APP_ID = '5e1a0000-0000-4000-8000-0000000000a1';

let stands: GraphStandIns;
beforeAll(async () => {
  stands = await startGraphStandIns({ [CLIENT_ID]: SECRET });
});
startSignalsJourney(() => ({
  env: { AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_CLIENT_SECRET: SECRET, AAD_APP_OAUTH_AUTHORITY_HOST: stands.authorityHost, GRAPH_BASE_URL: stands.graphBaseUrl, TEAMS_APP_ID },
  overrides: { graphCa: TEST_CA },
}));
afterAll(async () => {
  await stands?.close();
});

const sent = (activityType: string) => stands.graphCalls.filter((c) => c.status === 204 && c.body?.activityType === activityType);
const params = (call: { body: any } | undefined) => Object.fromEntries((call?.body?.templateParameters ?? []).map((p: { name: string; value: string }) => [p.name, p.value]));

describe('activity feed through Graph, from the app', () => {
  it('tells each strategy owner a decision awaits them, and the raiser the decision on their signal, once each', async () => {
    const { signalId, label } = await raiseThroughForm('Payments vendor exits the market');
    await analyseAndEscalate(signalId);

    await waitFor('a decision-awaiting notification to both strategy owners', () => sent('decisionAwaiting').length >= 2);
    const awaiting = sent('decisionAwaiting');
    expect(awaiting.map((c) => c.userId).sort()).toEqual([people.owner.aadObjectId, people.owner2.aadObjectId].sort());
    for (const call of awaiting) {
      expect(params(call)).toEqual({ signalLabel: label, domainName: 'IT' });
      expect(call.body.previewText.content).toBe('Payments vendor exits the market — recommended: Add a second vendor');
      expect(call.body.topic).toMatchObject({ source: 'text', value: `${label} Payments vendor exits the market` });
      expect(decodeURIComponent(call.body.topic.webUrl)).toContain(`#/signals/${signalId}`);
      expect(call.body.teamsAppId).toBe(TEAMS_APP_ID);
      // A token the Entra stand-in issued for this tenant, through the client-credentials grant.
      expect(stands.issued.get(call.authorization?.replace(/^Bearer /, '') ?? '')).toBe(T);
    }
    expect(stands.tokenRequests.every((r) => r.tenantId === T && r.form['grant_type'] === 'client_credentials' && r.form['client_id'] === CLIENT_ID)).toBe(true);

    const decided = await api(people.owner, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'approve_recommended', rationale: 'Keep the March launch' });
    expect(decided.status).toBe(201);
    await waitFor('the decision in the raiser\'s feed', () => sent('signalDecided').length >= 1);
    const notice = sent('signalDecided');
    expect(notice.map((c) => c.userId)).toEqual([people.member.aadObjectId]);
    expect(params(notice[0])).toEqual({ signalLabel: label, outcome: 'Approved the recommended option' });
    expect(notice[0]?.body.previewText.content).toBe('Payments vendor exits the market — Approved the recommended option: Keep the March launch');

    // Recorded once per event and person: what the raiser's feed got, and nothing to anyone else.
    const mine = await api(people.member, 'GET', '/api/me/notifications');
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((n: any) => [n.activityType, n.state])).toEqual([['signalDecided', 'sent']]);
    const owner = await api(people.owner, 'GET', '/api/me/notifications');
    expect(owner.body.items.map((n: any) => [n.activityType, n.state])).toEqual([['decisionAwaiting', 'sent']]);
    expect(stands.graphCalls.map((c) => c.userId)).not.toContain(id(7));
  });

  it('tells the PMO leads who own a response that it is overdue once respond-by has passed', async () => {
    const respondBy = new Date(Date.now() + 3000).toISOString();
    const created = await api(people.epmo, 'POST', '/api/changes', {
      title: 'Freeze vendor onboarding', summary: 'No new vendors this quarter.', kind: 'policy', objectiveIds: [], domainIds: ['dom-it'], requiredResponse: 'acknowledge', respondBy,
    });
    expect(created.status).toBe(201);
    const published = await api(people.epmo, 'POST', `/api/changes/${created.body.change.id}/publish`, undefined, { 'If-Match': created.body.etag });
    expect(published.status).toBe(200);

    await waitFor('the overdue notification', () => sent('changeResponseOverdue').length >= 1);
    const overdue = sent('changeResponseOverdue');
    expect(overdue.map((c) => c.userId)).toEqual([people.itLead.aadObjectId]);
    expect(params(overdue[0])).toEqual({ changeTitle: 'Freeze vendor onboarding', recipientName: 'IT PMO' });
    expect(overdue[0]?.body.previewText.content).toBe(`IT PMO owes an acknowledgement of "Freeze vendor onboarding"; respond-by was ${respondBy.slice(0, 10)}.`);
  });
});
