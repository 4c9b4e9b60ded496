/** Starts the real app on a free port, on the test run's Azurite, with fresh tables. */
import { loadConfig } from '../../bot/config';
import { type AppOverrides, type RunningApp, startApp } from '../../bot/composition/start-app';
import { demoExtensions } from '../../bot/demo/demo-extension';
import { testConnectionString, uniqueTablePrefix } from './storage';

export async function startTestApp(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<RunningApp> {
  const config = loadConfig({
    APP_ENV: 'test',
    PORT: '0',
    AZURE_STORAGE_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniqueTablePrefix(),
    SEED_DEMO: 'false',
    LOG_LEVEL: 'silent',
    // Test machines are shared and often loaded: a slow answer is not the outage the timeout is for
    // (tests of an outage stop storage, which refuses at once).
    STORAGE_TIMEOUT_MS: '10000',
    ...env,
  });
  // As `npm start` runs it: with the demo's seed (when SEED_DEMO is on) and its connector.
  return startApp(config, { extensions: demoExtensions(config), ...overrides });
}

/** A tiny JSON client for API tests. */
export function apiClient(baseUrl: string) {
  return async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; contentType?: string; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers['Authorization'] = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) {
      body = options.raw;
      headers['Content-Type'] = options.contentType ?? 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, headers: res.headers, body: json as any };
  };
}

/** Where `npm run build:tab` puts the tab. */
export const TAB_DIST = 'dist/tab';

/** The real app serving the built tab, with the seeded demo tenant, for browser tests. */
export async function startTabApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  if (!existsSync(join(TAB_DIST, 'index.html'))) throw new Error(`${TAB_DIST}/index.html is missing: run "npm run build:tab" before these tests.`);
  return startTestApp({ SEED_DEMO: 'true', TAB_DIST, ...env });
}
