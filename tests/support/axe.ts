/**
 * Accessibility checks with axe-core, in the Chromium that tests/support/browser.ts launches:
 * runs axe on the page as it stands (WCAG 2.x A and AA rules, plus best practices) and keeps
 * the violations a user cannot work around — `serious` and `critical`, and content outside every
 * landmark — in a form a failing test can print (rule, what it means, and which elements).
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  readonly rule: string;
  readonly impact: string;
  readonly help: string;
  /** CSS selectors of the offending elements (the first few). */
  readonly targets: readonly string[];
}

const BLOCKING = new Set(['serious', 'critical']);

/**
 * Rules held to whatever their impact: `region` (moderate) — every piece of content inside a
 * landmark, so a screen-reader user moving by landmarks reaches all of it.
 */
const ALWAYS_BLOCKING = new Set(['region']);

/**
 * Fluent's focus management (tabster) puts `<i tabindex="0" aria-hidden="true" data-tabster-dummy>`
 * sentinels at the edges of tab lists, dialogs and the page: focus arriving on one is moved on at
 * once, never rests there, and screen readers skip them. axe reports each as `aria-hidden-focus`;
 * they are Fluent's mechanism, not content, so they are left out of the scan.
 */
const FLUENT_FOCUS_SENTINELS = '[data-tabster-dummy]';
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** The serious and critical axe violations on `page` now. */
export async function blockingViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(TAGS).exclude(FLUENT_FOCUS_SENTINELS).analyze();
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? '') || ALWAYS_BLOCKING.has(v.id))
    .map((v) => ({ rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** One line per finding, for an assertion message. */
export const describeFindings = (findings: readonly AxeFinding[]): string =>
  findings.map((f) => `${f.impact} ${f.rule}: ${f.help} — ${f.targets.join(', ')}`).join('\n');
