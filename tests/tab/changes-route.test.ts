import { describe, expect, it } from '@jest/globals';
import { NAV_ITEMS, navItemFor } from '../../tab/src/shared/nav';
import { changeHash, changesHash, composeHash, parseRoute, portfolioHash } from '../../tab/src/shared/route';

describe('hash routes', () => {
  it('parses the strategy-change pages', () => {
    expect(parseRoute('#/changes')).toEqual({ page: 'changes' });
    expect(parseRoute('#/changes/chg-1')).toEqual({ page: 'change', changeId: 'chg-1' });
    expect(parseRoute('#/compose')).toEqual({ page: 'compose' });
    expect(parseRoute('#/compose?change=chg-2')).toEqual({ page: 'compose', changeId: 'chg-2' });
  });

  it('round-trips every hash helper, including ids that need escaping', () => {
    expect(parseRoute(changesHash())).toEqual({ page: 'changes' });
    expect(parseRoute(changeHash('chg 7/b'))).toEqual({ page: 'change', changeId: 'chg 7/b' });
    expect(parseRoute(composeHash('chg&1'))).toEqual({ page: 'compose', changeId: 'chg&1' });
    expect(parseRoute(portfolioHash('dom-it'))).toEqual({ page: 'portfolio', domainId: 'dom-it' });
  });

  it('keeps the portfolio as the default and the existing routes as they were', () => {
    expect(parseRoute('')).toEqual({ page: 'portfolio' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'portfolio' });
    expect(parseRoute('#/config')).toEqual({ page: 'config' });
  });
});

describe('navigation', () => {
  it('selects the entry a page belongs to', () => {
    expect(navItemFor({ page: 'portfolio' })?.label).toBe('Portfolio');
    expect(navItemFor({ page: 'change', changeId: 'chg-1' })?.label).toBe('Strategy changes');
    expect(navItemFor({ page: 'compose' })?.label).toBe('Strategy changes');
    expect(navItemFor({ page: 'config' })).toBeUndefined();
  });

  it('has unique values, and every entry routes to a page it owns', () => {
    expect(new Set(NAV_ITEMS.map((i) => i.value)).size).toBe(NAV_ITEMS.length);
    for (const item of NAV_ITEMS) expect(item.pages).toContain(parseRoute(item.hash).page);
  });
});
