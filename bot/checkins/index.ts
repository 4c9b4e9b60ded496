/**
 * Check-ins (PRODUCT.md §2, §5): a PMO asks its domain's teams for their status, and each team
 * answers in a card in its own conversation. This file is the feature's one door: what other
 * features, platform adapters and composition may use.
 */

export { type AnswerOutcome } from './app/answer';
export { CHECK_IN_BATCH, CHECK_IN_CONTENT, type CheckInContent, type CheckInDeps } from './app/deps';
export { domainCheckIns, roundView } from './app/queries';
export { checkInRenderers } from './app/renderers';
export { type RoundInput, requestRound, requestRoundAs } from './app/request';
export { type CheckInCardAction, checkInActionSchemas } from './cards/actions';
export { checkInCardHandlers, checkInCommand, checkInRejectedHandler } from './handlers';
export type { CheckInStore } from './ports';
export { checkInRoutes } from './routes';
export { createTableCheckInStore } from './tables/check-in-store';
