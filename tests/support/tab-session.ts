/**
 * The jest lifecycle the tab's end-to-end files share: the real app (seeded demo tenant, built
 * tab) and Chromium (tests/support/browser.ts) once per file, and a fresh browser context per test — no remembered
 * identity, domain or theme. `bind` receives the app, context and page before each test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { startTabApp } from './app';
import { launchBrowser } from './browser';

export interface TabSession {
  readonly app: RunningApp;
  readonly context: BrowserContext;
  readonly page: Page;
}

export interface TabSessionOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  /** How long a locator waits before failing. */
  readonly timeoutMs?: number;
}

export function useTabSession(bind: (session: TabSession) => void, options: TabSessionOptions = {}): void {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    app = await startTabApp();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  beforeEach(async () => {
    if (!app || !browser) throw new Error('The app or the browser did not start (see beforeAll).');
    context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 1000 } });
    context.setDefaultTimeout(options.timeoutMs ?? 15_000);
    bind({ app, context, page: await context.newPage() });
  });

  afterEach(async () => {
    await context?.close();
  });
}
