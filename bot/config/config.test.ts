import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '.';

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

  it('refuses a delivery claim too short to send on: the send\'s timeout and time to record it must fit twice', () => {
    expect(() => loadConfig({ DELIVERY_CLAIM_SECONDS: '20', DELIVERY_SEND_TIMEOUT_MS: '15000' })).toThrow(/DELIVERY_CLAIM_SECONDS: must be at least twice DELIVERY_SEND_TIMEOUT_MS plus 3 s \(36 s\)/);
    expect(loadConfig({ DELIVERY_CLAIM_SECONDS: '36', DELIVERY_SEND_TIMEOUT_MS: '15000' }).delivery.claimSeconds).toBe(36);
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

  describe('production refuses local conveniences', () => {
    const prod = { APP_ENV: 'prod', AZURE_STORAGE_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountName=pmo;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p', AAD_APP_CLIENT_ID: 'c' };
    const emulatorKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

    it('starts with a real account, https keys and no demo', () => {
      expect(loadConfig(prod).seedDemo).toBe(false);
    });
    it('refuses the demo seed', () => {
      expect(() => loadConfig({ ...prod, SEED_DEMO: 'true' })).toThrow(/SEED_DEMO: demo data is refused in production/);
    });
    it("refuses the storage emulator's published account key, however it is spelled", () => {
      expect(() => loadConfig({ ...prod, AZURE_STORAGE_CONNECTION_STRING: `DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=${emulatorKey};TableEndpoint=https://storage.example.com/devstoreaccount1;` })).toThrow(
        /AZURE_STORAGE_CONNECTION_STRING: the storage emulator's public development account is refused/,
      );
      expect(() => loadConfig({ ...prod, AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' })).toThrow(/AZURE_STORAGE_CONNECTION_STRING/);
    });
    it('refuses signing keys fetched over plain http', () => {
      expect(() => loadConfig({ ...prod, SSO_JWKS_URI: 'http://login.example.com/keys' })).toThrow(/SSO_JWKS_URI: must be https in production/);
    });
  });

  describe('bot authentication off is for this machine only', () => {
    it('refuses to listen beyond loopback without bot credentials, saying what to set', () => {
      expect(() => loadConfig({ APP_ENV: 'local', HOST: '0.0.0.0' })).toThrow(/HOST: bot authentication is off \(no MicrosoftAppId\)[\s\S]*set MicrosoftAppId/);
      expect(() => loadConfig({ APP_ENV: 'test', HOST: '192.168.1.20' })).toThrow(/HOST/);
    });
    it('listens on any loopback address without credentials, and anywhere with them', () => {
      for (const HOST of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]']) expect(loadConfig({ HOST }).host).toBe(HOST);
      expect(loadConfig({ HOST: '0.0.0.0', MicrosoftAppId: 'id', MicrosoftAppPassword: 'p' }).host).toBe('0.0.0.0');
    });
    it('accepts extra service URLs (the Agents Playground, a dev tunnel) only as http(s) URLs', () => {
      expect(loadConfig({ ALLOWED_SERVICE_URLS: 'https://relay-dev.example.net/, http://10.0.0.5:56150' }).bot.allowedServiceUrls).toEqual(['https://relay-dev.example.net/', 'http://10.0.0.5:56150']);
      expect(loadConfig({}).bot.allowedServiceUrls).toEqual([]);
      expect(() => loadConfig({ ALLOWED_SERVICE_URLS: 'file:///etc/passwd' })).toThrow(/ALLOWED_SERVICE_URLS/);
    });
  });
});
