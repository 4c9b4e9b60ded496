/**
 * Hash routes, so the tab works from any static host and Teams content URLs stay simple:
 * `#/portfolio`, `#/portfolio?domain=dom-it` (a channel tab bound to a domain), `#/config`,
 * `#/changes`, `#/changes/chg-1` (one change's cascade), `#/compose` (a new strategy change),
 * `#/compose?change=chg-1` (edit a draft, or prepare the next version of a published change),
 * `#/signals` (the PMO inbox), `#/signals/sig-1` (one signal: analysis, triage, escalation),
 * `#/epmo`, `#/epmo?signal=sig-1` (escalations awaiting decision), `#/decisions` (the decision log).
 */
import { useEffect, useState } from 'react';

export type Route =
  | { readonly page: 'portfolio'; readonly domainId?: string }
  | { readonly page: 'config' }
  | { readonly page: 'changes' }
  | { readonly page: 'change'; readonly changeId: string }
  | { readonly page: 'compose'; readonly changeId?: string }
  | { readonly page: 'signals' }
  | { readonly page: 'signal'; readonly signalId: string }
  | { readonly page: 'epmo'; readonly signalId?: string }
  | { readonly page: 'decisions' };

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
  const domainId = params.get('domain') ?? undefined;
  return domainId ? { page: 'portfolio', domainId } : { page: 'portfolio' };
}

export const portfolioHash = (domainId?: string): string => (domainId ? `#/portfolio?domain=${encodeURIComponent(domainId)}` : '#/portfolio');
export const changesHash = (): string => '#/changes';
export const changeHash = (changeId: string): string => `#/changes/${encodeURIComponent(changeId)}`;
export const composeHash = (changeId?: string): string => (changeId ? `#/compose?change=${encodeURIComponent(changeId)}` : '#/compose');
export const signalsHash = (): string => '#/signals';
export const signalHash = (signalId: string): string => `#/signals/${encodeURIComponent(signalId)}`;
export const epmoHash = (signalId?: string): string => (signalId ? `#/epmo?signal=${encodeURIComponent(signalId)}` : '#/epmo');
export const decisionsHash = (): string => '#/decisions';

/** Goes to a route (a hash from the helpers above); the `hashchange` listener re-renders. */
export const navigate = (hash: string): void => {
  window.location.hash = hash;
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
