import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('runs on embedded defaults locally: Azurite, dev sign-in, seeded demo, loopback', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.host).toBe('127.0.0.1');
    expect(c.storage).toEqual({ kind: 'embeddedAzurite', location: '.localdata/azurite', tablePort: 10002, queuePort: 10001, tablePrefix: 'pmo' });
    expect(c.auth.mode).toBe('dev');
    expect(c.seedDemo).toBe(true);
    expect(c.bot.appId).toBeUndefined();
  });

  it('sends activity-feed notifications through Graph only with the SSO app\'s secret; without it they stay local', () => {
    expect(loadConfig({ AAD_APP_CLIENT_ID: 'c1' }).graph).toBeUndefined();
    expect(loadConfig({ AAD_APP_CLIENT_ID: 'c1', AAD_APP_CLIENT_SECRET: 's', TEAMS_APP_ID: 'app' }).graph).toEqual({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
      clientId: 'c1',
      clientSecret: 's',
      teamsAppId: 'app',
      peopleSearch: false,
    });
    // The tenant directory is searched only when asked for: it needs a permission the tenant's admin grants.
    expect(loadConfig({ AAD_APP_CLIENT_ID: 'c1', AAD_APP_CLIENT_SECRET: 's', GRAPH_PEOPLE_SEARCH: 'true' }).graph?.peopleSearch).toBe(true);
    expect(() => loadConfig({ AAD_APP_CLIENT_SECRET: 's' })).toThrow(/AAD_APP_CLIENT_ID: required with AAD_APP_CLIENT_SECRET/);
  });

  it('uses a configured storage account instead of Azurite', () => {
    const c = loadConfig({ AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' });
    expect(c.storage.kind).toBe('connectionString');
  });

  it('names the wrong variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ TABLE_PREFIX: '1bad' })).toThrow(/TABLE_PREFIX/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('refuses development tokens in production', () => {
    const deployed = { APP_ENV: 'prod', AZURE_STORAGE_CONNECTION_STRING: 'x', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', AAD_APP_CLIENT_ID: 'c' };
    expect(() => loadConfig({ ...deployed, AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE: development tokens are refused/);
    expect(() => loadConfig({ ...deployed, APP_ENV: 'local', NODE_ENV: 'production', AUTH_MODE: 'dev' })).toThrow(/AUTH_MODE/);
    const c = loadConfig({ ...deployed, TAB_DOMAIN: 'relay.example.com' });
    expect(c.auth).toMatchObject({ mode: 'sso', audiences: ['c', 'api://relay.example.com/c'] });
    expect(c.seedDemo).toBe(false);
    expect(c.host).toBe('0.0.0.0');
  });

  it('treats NODE_ENV=production as deployed even without APP_ENV', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AZURE_STORAGE_CONNECTION_STRING[\s\S]*MicrosoftAppId/);
    const c = loadConfig({ NODE_ENV: 'production', AZURE_STORAGE_CONNECTION_STRING: 'x', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', AAD_APP_CLIENT_ID: 'c' });
    expect(c.auth.mode).toBe('sso');
    expect(c.seedDemo).toBe(false);
  });

  it('requires bot credentials and real storage when deployed', () => {
    expect(() => loadConfig({ APP_ENV: 'prod', AAD_APP_CLIENT_ID: 'c' })).toThrow(/AZURE_STORAGE_CONNECTION_STRING[\s\S]*MicrosoftAppId/);
  });
});
