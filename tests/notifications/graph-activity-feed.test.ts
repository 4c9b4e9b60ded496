/**
 * The Graph adapter of the activity feed, over real HTTPS against local stand-ins of Entra's
 * token endpoint and of Microsoft Graph (tests/support/graph-stand-ins.ts): the token comes from
 * the client-credentials grant, the notification reaches Graph for the right person with the
 * activity type, template parameters and preview text, throttling is waited out, and refusals
 * are told apart from trouble worth retrying.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { activityNotification } from '../../bot/notifications';
import { createGraphActivityFeed } from '../../bot/platform/graph/graph-activity-feed';
import { type GraphStandIns, TEST_CA, startGraphStandIns } from '../support/graph-stand-ins';

const TENANT = '6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00';
const CLIENT_ID = '00000000-0000-4000-8000-0000000000c1';
const SECRET = 'test-secret-of-the-sso-app';
const RAISER = 'a0000000-0000-4000-8000-000000000004';

const decided = (eventId: string) =>
  activityNotification({
    tenantId: TENANT,
    eventId,
    recipientUserId: RAISER,
    activityType: 'signalDecided',
    templateParameters: { signalLabel: 'S-7', outcome: 'Approved the recommended option' },
    previewText: 'Vendor lock-in — Approved the recommended option: keep the March date',
    topic: { text: 'S-7 Vendor lock-in', webUrl: 'https://relay.example/#/signals/s-7' },
  });

let stands: GraphStandIns;
beforeAll(async () => {
  stands = await startGraphStandIns({ [CLIENT_ID]: SECRET });
});
afterAll(async () => {
  await stands.close();
});
beforeEach(() => {
  stands.graphCalls.length = 0;
});

const feed = (secret = SECRET, teamsAppId?: string) =>
  createGraphActivityFeed({
    baseUrl: stands.graphBaseUrl,
    authorityHost: stands.authorityHost,
    clientId: CLIENT_ID,
    clientSecret: secret,
    ca: TEST_CA,
    timeoutMs: 5000,
    ...(teamsAppId ? { teamsAppId } : {}),
  });

describe('activity feed through Microsoft Graph', () => {
  it('sends the notification to the recipient with its activity type, template parameters and preview, under a client-credentials token', async () => {
    const outcome = await feed(SECRET, 'teams-app-1').send(decided('signal:s-7:decision:d-1'));

    expect(outcome).toEqual({ kind: 'sent' });
    // MSAL read the stand-in's discovery document, then used the token endpoint it names.
    expect(stands.entraPaths).toContain(`/${TENANT}/v2.0/.well-known/openid-configuration`);
    const grant = stands.tokenRequests.at(-1);
    expect(grant?.tenantId).toBe(TENANT);
    expect(grant?.form).toMatchObject({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: SECRET, scope: `${new URL(stands.graphBaseUrl).origin}/.default` });

    expect(stands.graphCalls).toHaveLength(1);
    const call = stands.graphCalls[0];
    expect(call?.status).toBe(204);
    expect(call?.userId).toBe(RAISER);
    const token = call?.authorization?.replace(/^Bearer /, '') ?? '';
    expect(stands.issued.get(token)).toBe(TENANT);
    expect(call?.body).toEqual({
      topic: { source: 'text', value: 'S-7 Vendor lock-in', webUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\/l\/entity\/teams-app-1\/portfolio\?webUrl=https%3A%2F%2Frelay\.example%2F%23%2Fsignals%2Fs-7/) },
      activityType: 'signalDecided',
      previewText: { content: 'Vendor lock-in — Approved the recommended option: keep the March date' },
      templateParameters: [
        { name: 'signalLabel', value: 'S-7' },
        { name: 'outcome', value: 'Approved the recommended option' },
      ],
      teamsAppId: 'teams-app-1',
    });
  });

  it('waits out a 429 with a short Retry-After and sends the same notification again', async () => {
    stands.answerNext(1, 429, { 'Retry-After': '1' });
    const outcome = await feed().send(decided('signal:s-7:decision:d-2'));

    expect(outcome).toEqual({ kind: 'sent' });
    expect(stands.graphCalls.map((c) => c.status)).toEqual([429, 204]);
    expect(stands.graphCalls[1]?.body).toEqual(stands.graphCalls[0]?.body);
  });

  it('hands a long Retry-After back to the durable timer instead of holding the send', async () => {
    stands.answerNext(1, 429, { 'Retry-After': '120' });
    const outcome = await feed().send(decided('signal:s-7:decision:d-3'));

    expect(outcome).toMatchObject({ kind: 'retry', error: expect.stringContaining('429') });
    expect(stands.graphCalls.map((c) => c.status)).toEqual([429]);
  });

  it('does not retry a refusal (the app is not installed for the person)', async () => {
    stands.answerNext(1, 403, {}, { error: { code: 'Forbidden', message: 'The app is not installed for the recipient.' } });
    const outcome = await feed().send(decided('signal:s-7:decision:d-4'));

    expect(outcome).toEqual({ kind: 'refused', error: '403 Forbidden: The app is not installed for the recipient.' });
    expect(stands.graphCalls).toHaveLength(1);
  });

  it('sends nothing to Graph when Entra refuses the client secret, and asks for a retry', async () => {
    const outcome = await feed('wrong-secret').send(decided('signal:s-7:decision:d-5'));

    expect(outcome).toMatchObject({ kind: 'retry', error: expect.stringContaining('no Graph token') });
    expect(stands.tokenRequests.at(-1)?.form['client_secret']).toBe('wrong-secret');
    expect(stands.graphCalls).toHaveLength(0);
  });
});
