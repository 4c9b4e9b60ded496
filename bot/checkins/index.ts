/**
 * Check-ins (PRODUCT.md §2, §5): a PMO asks its domain's teams for their status, by hand or on
 * the domain's weekly cadence, and each team answers in a card in its own conversation. This
 * file is the feature's one door: what other features, platform adapters and composition may use.
 */

export type { CheckInDeps } from './app/deps';
export { checkInRenderers } from './app/renderers';
export { type CheckInCardAction, checkInActionSchemas } from './cards/actions';
export { checkInCardHandlers, checkInCommand, checkInRejectedHandler } from './handlers';
export { checkInRoutes } from './routes';
export { createTableCheckInStore } from './tables/check-in-store';
export { CHECK_IN_BATCH } from './app/deps';
export { requestRound } from './app/request';
export type { CadenceDeps, CadenceTimers } from './app/cadence-deps';
export { cadenceRenderers } from './app/cadence-renderers';
export { cadenceTimers } from './app/cadence-timers';
export { cadenceJobHandlers, scheduleRoundTimers } from './app/round-timers';
export type { CheckInRequest } from './domain/check-in';
export type { CheckInStore } from './ports';
