/**
 * Hash routes, so the tab works from any static host and Teams content URLs stay simple:
 * `#/portfolio`, `#/portfolio?domain=dom-it` (a channel tab bound to a domain; further query
 * parameters are the portfolio's view: filters, sort, columns, see portfolio/view-state.ts),
 * `#/rollup` (the EPMO's roll-up of every domain), `#/config`,
 * `#/changes`, `#/changes/chg-1` (one change's cascade), `#/compose` (a new strategy change),
 * `#/compose?change=chg-1` (edit a draft, or prepare the next version of a published change),
 * `#/signals` (the PMO inbox), `#/signals/sig-1` (one signal: analysis, triage, escalation),
 * `#/epmo`, `#/epmo?signal=sig-1` (escalations awaiting decision), `#/decisions` (the decision log),
 * `#/admin`, `#/admin?section=people` (the tenant admin's area, at one of its sections).
 * `#/check-ins`, `#/check-ins?domain=dom-it` (a domain's check-in cadence and rounds).
 */
import { useEffect, useState } from 'react';

export type Route =
  | { readonly page: 'portfolio'; readonly domainId?: string; /** The view's query string, without `domain`. */ readonly query?: string }
  | { readonly page: 'rollup' }
  | { readonly page: 'config' }
  | { readonly page: 'changes' }
  | { readonly page: 'change'; readonly changeId: string }
  | { readonly page: 'compose'; readonly changeId?: string }
  | { readonly page: 'signals' }
  | { readonly page: 'signal'; readonly signalId: string }
  | { readonly page: 'epmo'; readonly signalId?: string }
  | { readonly page: 'decisions' }
  | { readonly page: 'admin'; readonly section?: string }
  | { readonly page: 'checkins'; readonly domainId?: string };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(query);
  const [section = '', id] = path.split('/').filter(Boolean);
  if (section === 'config') return { page: 'config' };
  if (section === 'changes') return id ? { page: 'change', changeId: decodeURIComponent(id) } : { page: 'changes' };
  if (section === 'compose') {
    const changeId = params.get('change') ?? undefined;
    return changeId ? { page: 'compose', changeId } : { page: 'compose' };
  }
  if (section === 'signals') return id ? { page: 'signal', signalId: decodeURIComponent(id) } : { page: 'signals' };
  if (section === 'epmo') {
    const signalId = params.get('signal') ?? undefined;
    return signalId ? { page: 'epmo', signalId } : { page: 'epmo' };
  }
  if (section === 'decisions') return { page: 'decisions' };
  if (section === 'check-ins') {
    const domainId = params.get('domain') ?? undefined;
    return domainId ? { page: 'checkins', domainId } : { page: 'checkins' };
  }
  if (section === 'rollup') return { page: 'rollup' };
  if (section === 'admin') {
    // `#/admin/<section>` reads as `#/admin?section=<section>`.
    const part = params.get('section') ?? id ?? undefined;
    return part ? { page: 'admin', section: part } : { page: 'admin' };
  }
  const domainId = params.get('domain') ?? undefined;
  params.delete('domain');
  const view = params.toString();
  return { page: 'portfolio', ...(domainId ? { domainId } : {}), ...(view ? { query: view } : {}) };
}

export function portfolioHash(domainId?: string, query = ''): string {
  const params = [domainId ? `domain=${encodeURIComponent(domainId)}` : '', query].filter(Boolean).join('&');
  return params ? `#/portfolio?${params}` : '#/portfolio';
}
export const rollupHash = (): string => '#/rollup';
export const changesHash = (): string => '#/changes';
export const changeHash = (changeId: string): string => `#/changes/${encodeURIComponent(changeId)}`;
export const composeHash = (changeId?: string): string => (changeId ? `#/compose?change=${encodeURIComponent(changeId)}` : '#/compose');
export const signalsHash = (): string => '#/signals';
export const signalHash = (signalId: string): string => `#/signals/${encodeURIComponent(signalId)}`;
export const epmoHash = (signalId?: string): string => (signalId ? `#/epmo?signal=${encodeURIComponent(signalId)}` : '#/epmo');
export const decisionsHash = (): string => '#/decisions';
export const adminHash = (section?: string): string => (section ? `#/admin?section=${encodeURIComponent(section)}` : '#/admin');
export const checkInsHash = (domainId?: string): string => (domainId ? `#/check-ins?domain=${encodeURIComponent(domainId)}` : '#/check-ins');

/** Goes to a route (a hash from the helpers above); the `hashchange` listener re-renders. */
export const navigate = (hash: string): void => {
  window.location.hash = hash;
};

/**
 * Changes the route without a new history entry (e.g. while typing a search), so Back goes to
 * the view before, not to every keystroke; listeners hear it as a `hashchange` all the same.
 */
export const replaceHash = (hash: string): void => {
  const old = window.location.href;
  window.history.replaceState(window.history.state, '', hash);
  window.dispatchEvent(new HashChangeEvent('hashchange', { oldURL: old, newURL: window.location.href }));
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
