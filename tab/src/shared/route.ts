/**
 * Hash routes, so the tab works from any static host and Teams content URLs stay simple:
 * `#/portfolio`, `#/portfolio?domain=dom-it` (a channel tab bound to a domain), `#/config`.
 */
import { useEffect, useState } from 'react';

export type Route = { readonly page: 'portfolio'; readonly domainId?: string } | { readonly page: 'config' };

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  if (path === 'config') return { page: 'config' };
  const domainId = new URLSearchParams(query).get('domain') ?? undefined;
  return domainId ? { page: 'portfolio', domainId } : { page: 'portfolio' };
}

export const portfolioHash = (domainId?: string): string => (domainId ? `#/portfolio?domain=${encodeURIComponent(domainId)}` : '#/portfolio');

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
