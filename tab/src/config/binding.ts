/**
 * What a channel tab can be bound to — one domain's portfolio, or the EPMO roll-up of every
 * domain — and the Teams settings that open it. Pure, so the rules are tested without a host.
 */
import type { MeResponse } from '../../../bot/api-contract/people';
import { parseRoute, portfolioHash, rollupHash } from '../shared/route';
import type { TabSettings } from '../teams/tab-config';

/** A choice of the configuration page: `rollup`, or `domain:<id>` (so no domain id can pass for the roll-up). */
export type BindingChoice = 'rollup' | `domain:${string}`;

export interface BindingOption {
  readonly value: BindingChoice;
  readonly label: string;
}

export const ROLLUP: BindingChoice = 'rollup';
export const domainChoice = (domainId: string): BindingChoice => `domain:${domainId}`;

/** Who sees the roll-up: the EPMO (members and strategy owners) and tenant admins, as the server decides. */
export const seesRollup = (me: Pick<MeResponse, 'roles'>): boolean =>
  me.roles.some((r) => r.role === 'epmo_member' || r.role === 'strategy_owner' || r.role === 'tenant_admin');

/** The options the caller may bind a tab to: the roll-up when they see it, then each domain they see. */
export function bindingOptions(me: Pick<MeResponse, 'roles'>, domains: readonly { readonly id: string; readonly name: string }[]): BindingOption[] {
  return [
    ...(seesRollup(me) ? [{ value: ROLLUP, label: 'EPMO roll-up: every domain' }] : []),
    ...domains.map((d) => ({ value: domainChoice(d.id), label: `${d.name} portfolio` })),
  ];
}

/**
 * The settings Teams stores on Save: the tab opens `contentUrl`, the page the configuration page
 * was served as (`page`: origin and path, e.g. `https://host/index.html`) at the portfolio's route.
 */
export function tabSettingsFor(option: BindingOption, page: string): TabSettings {
  const hash = option.value === ROLLUP ? rollupHash() : portfolioHash(option.value.slice('domain:'.length));
  const url = `${page}${hash}`;
  return { entityId: option.value === ROLLUP ? 'portfolio-rollup' : `portfolio-${option.value.slice('domain:'.length)}`, contentUrl: url, websiteUrl: url, suggestedDisplayName: option.label };
}

/** The choice a saved content URL stands for (a tab being reconfigured), if it is one of ours. */
export function choiceOfContentUrl(contentUrl: string | undefined): BindingChoice | undefined {
  if (!contentUrl) return undefined;
  let hash: string;
  try {
    hash = new URL(contentUrl).hash;
  } catch {
    return undefined;
  }
  const route = parseRoute(hash);
  if (route.page === 'rollup') return ROLLUP;
  return route.page === 'portfolio' && route.domainId ? domainChoice(route.domainId) : undefined;
}
