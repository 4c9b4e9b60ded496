/**
 * Finding people in the tenant's directory (issue #11): when deployed with Graph and
 * GRAPH_PEOPLE_SEARCH, the tenant admin's search also asks Microsoft Graph (`GET /users?$search`
 * with `ConsistencyLevel: eventual`, app-only), here the local Entra and Graph stand-ins over
 * HTTPS. Those PMO Relay already knows come first; a directory that refuses leaves them to answer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RunningApp } from '../../bot/composition/start-app';
import { apiClient, startTestApp } from '../support/app';
import { type GraphStandIns, TEST_CA, startGraphStandIns } from '../support/graph-stand-ins';

const T = '7c7c7c7c-0000-4000-8000-000000000001';
const ADMIN = '7c000000-0000-4000-8000-000000000001';
const KNOWN = '7c000000-0000-4000-8000-000000000002';
const CLIENT_ID = '7c000000-0000-4000-8000-0000000000c1';
const SECRET = 'directory-test-secret';

let stands: GraphStandIns;
let app: RunningApp;
let call: ReturnType<typeof apiClient>;
let admin: string;

const search = async (q: string) => (await call('GET', `/api/people/search?q=${encodeURIComponent(q)}`, { token: admin })).body;

beforeAll(async () => {
  stands = await startGraphStandIns({ [CLIENT_ID]: SECRET }, [
    { id: '7C000000-0000-4000-8000-000000000003', displayName: 'Dana Directory', mail: 'dana.directory@contoso.example' },
    { id: KNOWN, displayName: 'Dan Known (directory name)', mail: 'dan@contoso.example' },
    { id: '7c000000-0000-4000-8000-000000000004', displayName: 'Zed Other' },
  ]);
  app = await startTestApp(
    { BOOTSTRAP_ADMINS: `${T}:${ADMIN}`, AAD_APP_CLIENT_ID: CLIENT_ID, AAD_APP_CLIENT_SECRET: SECRET, AAD_APP_OAUTH_AUTHORITY_HOST: stands.authorityHost, GRAPH_BASE_URL: stands.graphBaseUrl, GRAPH_PEOPLE_SEARCH: 'true' },
    { graphCa: TEST_CA },
  );
  call = apiClient(app.url);
  await app.repos.users.upsert({ tenantId: T, userId: KNOWN, displayName: 'Dan Known', roles: [{ role: 'epmo_member' }] });
  admin = (await call('POST', '/api/dev/token', { body: { tenantId: T, userId: ADMIN } })).body.token;
});
afterAll(async () => {
  await app?.stop();
  await stands?.close();
});

describe('people search with the tenant directory', () => {
  it('adds the directory\'s matches after the people PMO Relay knows, each person once', async () => {
    const found = await search('dan');
    expect(found.directory).toBe('searched');
    expect(found.people).toEqual([
      { userId: KNOWN, displayName: 'Dan Known', source: 'roles', roles: [{ role: { role: 'epmo_member' }, label: 'EPMO member' }] },
      { userId: '7c000000-0000-4000-8000-000000000003', displayName: 'Dana Directory', email: 'dana.directory@contoso.example', source: 'directory', roles: [] },
    ]);
    expect(stands.searches.at(-1)).toEqual({ search: '"displayName:dan" OR "mail:dan"', consistencyLevel: 'eventual' });
    // Quotes typed into the box cannot end Graph's clause early.
    await search('da"n');
    expect(stands.searches.at(-1)?.search).toBe('"displayName:da n" OR "mail:da n"');
  });

  it('still answers from what PMO Relay knows when the directory refuses, and says so', async () => {
    stands.answerNext(1, 403);
    const found = await search('dan');
    expect(found.directory).toBe('unavailable');
    expect(found.people.map((p: { displayName: string }) => p.displayName)).toEqual(['Dan Known']);
  });
});
