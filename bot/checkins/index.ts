/**
 * Check-ins (PRODUCT.md §2, §5): status asked of the teams in chat, by a PMO lead or the domain's
 * weekly cadence. This file is the feature's one door: what other features, platform adapters
 * and composition may use.
 */

export { CHECK_IN_BATCH, type CheckInDeps } from './app/deps';
export { requestRound } from './app/request';
export type { CadenceDeps, CadenceTimers } from './app/cadence-deps';
export { cadenceRenderers } from './app/cadence-renderers';
export { cadenceTimers, nextCadenceAt } from './app/cadence-timers';
export { cadenceJobHandlers, scheduleRoundTimers } from './app/round-timers';
export type { CheckInRequest, CheckInRound } from './domain/check-in';
export type { CheckInStore } from './ports';
export { createTableCheckInStore } from './tables/check-in-store';
