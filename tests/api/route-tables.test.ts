/**
 * The web platform serving a feature's route table over real HTTP: the caller is checked
 * before the request, then the query, the body and If-Match, each failure answered with its
 * reason; replies go out as JSON or as a download; each table's body limits hold.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createMemoryRepositories } from '../support/memory-repositories';
import { download, json, publicRoute, route } from '../../bot/kernel/http-routes';
import type { Logger } from '../../bot/kernel/logger';
import { fail, ok } from '../../bot/kernel/result';
import type { Authenticator } from '../../bot/platform/web/auth';
import { type WebServer, startWebServer } from '../../bot/platform/web/web-server';
import { apiClient } from '../support/app';

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {}, child: () => quiet };

/** Our own port, faked: one valid token. */
const auth: Authenticator = {
  mode: 'sso',
  authenticate: async (authorization) =>
    authorization === 'Bearer good' ? ok({ tenantId: 't1', userId: 'u1', displayName: 'Una' }) : fail('AUTH.UNAUTHENTICATED', 'Sign in.'),
};

const table = {
  jsonLimit: '1kb',
  routes: [
    route({
      method: 'PATCH',
      path: '/things/:id',
      query: z.object({ mode: z.enum(['fast', 'slow']).optional() }),
      body: z.object({ name: z.string().min(1) }).strict(),
      ifMatch: 'Send the If-Match header.',
      handle: async ({ params, query, body, etag }, caller) =>
        json<{ id: string; mode?: string; name: string; etag: string; by: string }>({ id: params.id, ...query, name: body.name, etag, by: caller.displayName }),
    }),
    route({ method: 'GET', path: '/things/:id', handle: async ({ params }) => fail('NOT_FOUND', `Thing ${params.id} was not found.`) }),
    route({ method: 'GET', path: '/things.csv', handle: async () => download('name\r\nAda\r\n', { contentType: 'text/csv; charset=utf-8', fileName: 'things.csv' }) }),
    route({
      method: 'POST',
      path: '/files',
      textBody: { mediaTypes: ['text/csv'], limit: '4kb' },
      handle: async ({ body }) => json<{ length: number }>({ length: typeof body === 'string' ? body.length : -1 }, 201),
    }),
    publicRoute({ method: 'GET', path: '/open', handle: async () => json<{ open: boolean }>({ open: true }) }),
  ],
};

let server: WebServer;
let call: ReturnType<typeof apiClient>;
const token = 'good';

beforeAll(async () => {
  server = await startWebServer({
    host: '127.0.0.1',
    port: 0,
    logger: quiet,
    auth,
    users: createMemoryRepositories().users,
    pingStorage: async () => {},
    botEndpoint: { handle: async (_req, res) => void res.status(200).end() },
    api: [table],
    tab: { distDir: 'dist/no-tab-here', allowLocalFraming: false },
  });
  call = apiClient(server.url);
});
afterAll(async () => {
  await server?.close();
});

describe('a route table served under /api', () => {
  it('checks the caller first, then the query, the body and If-Match, and hands the handler typed values', async () => {
    const unsigned = await call('PATCH', '/api/things/t-1', { raw: 'not json at all', contentType: 'text/plain' });
    expect(unsigned.status).toBe(401);
    expect(unsigned.headers.get('www-authenticate')).toBe('Bearer');

    const badQuery = await call('PATCH', '/api/things/t-1?mode=sideways', { token, body: {} });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toBe('The query is not valid.');

    const badBody = await call('PATCH', '/api/things/t-1', { token, body: { name: '', extra: 1 } });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.message).toBe('The request body is not valid.');
    expect(badBody.body.error.details.map((d: { at: string }) => d.at)).toEqual(expect.arrayContaining(['name', '(body)']));

    const noEtag = await call('PATCH', '/api/things/t-1', { token, body: { name: 'Ada' } });
    expect(noEtag.status).toBe(400);
    expect(noEtag.body.error.message).toBe('Send the If-Match header.');

    const done = await call('PATCH', '/api/things/t-1?mode=fast', { token, body: { name: 'Ada' }, headers: { 'If-Match': 'v7' } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ id: 't-1', mode: 'fast', name: 'Ada', etag: 'v7', by: 'Una' });
  });

  it('maps a use case error to its status and answers a download as a file', async () => {
    const missing = await call('GET', '/api/things/t-9', { token });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Thing t-9 was not found.' } });

    const file = await call('GET', '/api/things.csv', { token });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe('attachment; filename="things.csv"');
    expect(file.body).toBe('name\r\nAda\r\n');
  });

  it('holds the table\'s JSON limit and a route\'s text limit, and says why a body was refused', async () => {
    const malformed = await call('PATCH', '/api/things/t-1', { token, raw: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);
    expect((await call('PATCH', '/api/things/t-1', { token, body: { name: 'x'.repeat(2000) } })).status).toBe(413);

    const text = await call('POST', '/api/files', { token, raw: 'a,b\n1,2\n', contentType: 'text/csv' });
    expect(text.status).toBe(201);
    expect(text.body).toEqual({ length: 8 });
    expect((await call('POST', '/api/files', { token, raw: 'x'.repeat(5000), contentType: 'text/csv' })).status).toBe(413);
  });

  it('serves public routes without a token and answers 404 in the API format for unknown paths', async () => {
    expect((await call('GET', '/api/open')).body).toEqual({ open: true });
    const unknown = await call('GET', '/api/nothing-here', { token });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('HTTP.NOT_FOUND');
  });
});
