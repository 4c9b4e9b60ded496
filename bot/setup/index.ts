/**
 * Setup (PRODUCT.md §5, "Setup without help"): what a tenant has not set up yet, with the fix
 * next to each, and who signed in to the tab. This file is the feature's one door: what other
 * features, platform adapters and composition may use.
 */

export { tabVisits } from './app/tab-visits';
export { setupRoutes } from './routes';
export { createTabVisitStore } from './tables/tab-visit-store';
