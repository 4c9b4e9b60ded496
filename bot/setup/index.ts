/**
 * Setup (PRODUCT.md §5, "Setup without help"): what a tenant has not set up yet, with the fix
 * next to each, and who signed in to the tab. This file is the feature's one door: what other
 * features, platform adapters and composition may use.
 */

export type { SetupDeps } from './app/setup-gaps';
export { type TabVisits, tabVisits } from './app/tab-visits';
export type { TabVisitStore } from './ports';
export { setupRoutes } from './routes';
export { createTabVisitStore } from './tables/tab-visit-store';
