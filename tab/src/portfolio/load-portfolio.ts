/** A domain's whole portfolio, page after page, as one response. */
import type { ApiClient } from '../api/client';
import type { PortfolioResponse } from './types';

/**
 * Follows `continuation` until the last page and joins the items; the headline figures,
 * heatmap and objectives are the same on every page, so the first page's are kept.
 */
export async function loadWholePortfolio(api: Pick<ApiClient, 'portfolio'>, domainId: string, signal?: AbortSignal): Promise<PortfolioResponse> {
  const first = await api.portfolio(domainId, signal);
  const items = [...first.items];
  for (let next = first.continuation; next; ) {
    const page = await api.portfolio(domainId, signal, next);
    items.push(...page.items);
    next = page.continuation;
  }
  const { continuation: _last, ...whole } = first;
  return { ...whole, items };
}
