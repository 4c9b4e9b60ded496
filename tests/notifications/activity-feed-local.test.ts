/* eslint-disable @typescript-eslint/no-explicit-any -- JSON bodies of HTTP answers, checked by the assertions */
/**
 * Without Graph credentials (the local demo), activity-feed notifications stay in the local log
 * each person can read (`GET /api/me/notifications`): nothing reaches Entra or Graph, here their
 * stand-ins, which would record any call.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type GraphStandIns, startGraphStandIns } from '../support/graph-stand-ins';
import { waitUntil } from '../delivery/support';
import { analyseAndEscalate, api, people, raiseThroughForm, startSignalsJourney } from '../signals/journey-support';

let stands: GraphStandIns;
beforeAll(async () => {
  stands = await startGraphStandIns({ 'any-client': 'any-secret' });
});
// The stand-ins' addresses are set, so a request would find them; the secret is not.
startSignalsJourney(() => ({ env: { AAD_APP_CLIENT_ID: 'any-client', AAD_APP_OAUTH_AUTHORITY_HOST: stands.authorityHost, GRAPH_BASE_URL: stands.graphBaseUrl } }));
afterAll(async () => {
  await stands?.close();
});

describe('activity feed without Graph credentials', () => {
  it('keeps the escalation and the decision in the local log, readable by each recipient, and sends nothing out', async () => {
    const { signalId, label } = await raiseThroughForm('Data centre lease ends');
    await analyseAndEscalate(signalId);
    expect((await api(people.owner, 'POST', `/api/signals/${signalId}/decide`, { outcome: 'reject', rationale: 'Renew the lease' })).status).toBe(201);

    const feedOf = async (who: typeof people.member) => (await api(who, 'GET', '/api/me/notifications')).body.items as any[];
    let raiser: any[] = [];
    await waitUntil(async () => (raiser = await feedOf(people.member)).length > 0, 15_000, 'the decision in the raiser\'s local log');
    expect(raiser).toEqual([
      expect.objectContaining({ activityType: 'signalDecided', state: 'logged', templateParameters: { signalLabel: label, outcome: 'Rejected' }, previewText: 'Data centre lease ends — Rejected: Renew the lease' }),
    ]);
    const owner = await feedOf(people.owner2);
    expect(owner).toEqual([expect.objectContaining({ activityType: 'decisionAwaiting', state: 'logged', templateParameters: { signalLabel: label, domainName: 'IT' } })]);
    // Nobody else's notifications are in a person's log.
    expect(await feedOf(people.itLead)).toEqual([]);

    expect(stands.entraPaths).toEqual([]);
    expect(stands.graphCalls).toEqual([]);
  });
});
