/**
 * The tab under its Content-Security-Policy: the policy names where scripts, styles and data may
 * come from, and the built tab still works under it — the portfolio, the lazily loaded pages and
 * Fluent UI's run-time styles — with no violation reported. Headless Chromium against the real
 * app (needs `npm run build:tab`).
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Browser } from 'playwright-core';
import type { RunningApp } from '../../bot/composition/start-app';
import { startTabApp } from '../support/app';
import { launchBrowser } from '../support/browser';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startTabApp();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('sends a policy that allows only the tab\'s own scripts, and only Teams may frame it', async () => {
  for (const path of ['/', '/some/deep/link']) {
    const res = await fetch(`${app.url}${path}`);
    const policy = (res.headers.get('content-security-policy') ?? '').split(';').map((d) => d.trim());
    expect(policy).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'"]));
    expect(policy.find((d) => d.startsWith('frame-ancestors'))).toContain('https://teams.microsoft.com');
    expect(policy.find((d) => d.startsWith('script-src'))).not.toMatch(/unsafe/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  }
});

it('runs the tab under that policy with no violation: the portfolio and the pages loaded later', async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  context.setDefaultTimeout(15_000);
  try {
    const page = await context.newPage();
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportViolation(v: string): void }).reportViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${app.url}/`);
    await page.getByRole('table', { name: 'Work items' }).locator('tbody tr').first().waitFor();
    await page.getByRole('tab', { name: 'Signals' }).click();
    await page.getByRole('heading', { level: 1, name: 'PMO inbox' }).waitFor();
    await page.getByRole('tab', { name: 'Strategy changes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Strategy changes' }).waitFor();
    await page.getByRole('tab', { name: 'Decisions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decision log' }).waitFor();
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
});
