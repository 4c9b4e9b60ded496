/**
 * The local default end to end: with no connection string the app starts its own Azurite,
 * seeds the demo once, and keeps people's changes across a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../bot/config';
import { startApp } from '../../bot/host';
import { DEMO_TENANT, DEMO_USERS } from '../../bot/app/demo-identities';
import { apiClient } from '../support/app';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('embedded storage', () => {
  it('seeds on first start and keeps changes across a restart', async () => {
    const location = await mkdtemp(join(tmpdir(), 'pmo-relay-restart-'));
    dirs.push(location);
    const config = loadConfig({ APP_ENV: 'test', PORT: '0', AZURITE_LOCATION: location, AZURITE_TABLE_PORT: '0', AZURITE_QUEUE_PORT: '0', LOG_LEVEL: 'silent' });
    const lead = DEMO_USERS.find((u) => u.displayName === 'Priya Patel');
    if (!lead) throw new Error('fixture');

    const first = await startApp(config);
    let call = apiClient(first.url);
    let token = (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: lead.userId } })).body.token as string;
    const item = await call('GET', '/api/work-items/wi-004', { token });
    expect(item.body.title).toBe('Zero Trust Network Rollout');
    const changed = await call('PATCH', '/api/work-items/wi-004', { token, body: { stage: 'Execution', health: { schedule: 'amber' } }, headers: { 'If-Match': item.body.etag } });
    expect(changed.status).toBe(200);
    await first.stop();

    const second = await startApp(config);
    call = apiClient(second.url);
    token = (await call('POST', '/api/dev/token', { body: { tenantId: DEMO_TENANT.tenantId, userId: lead.userId } })).body.token as string;
    const after = await call('GET', '/api/work-items/wi-004', { token });
    // The change survived, and the seed did not run again over it.
    expect(after.body).toMatchObject({ stage: 'Execution', health: { schedule: 'amber' }, stale: false });
    const portfolio = await call('GET', '/api/domains/dom-it/portfolio', { token });
    expect(portfolio.body.items.filter((i: { id: string }) => i.id === 'wi-004')).toHaveLength(1);
    await second.stop();
  });
});
