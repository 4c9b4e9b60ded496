/**
 * Strategy changes (PRODUCT.md §3): drafting, publishing, the cascade of responses and each
 * change's audit trail. This file is the feature's one door: what other features, platform
 * adapters and composition may use.
 */

export { type CascadeEntry, activeCascade } from './app/cascade-activity';
export { computeTargeting, recipientRecords } from './app/current-targeting';
export { CHANGE_CONTENT_KIND, type ChangeDeps } from './app/deps';
export { createDraft } from './app/drafts';
export { changeJobHandlers, changeRenderers } from './app/renderers';
export { recipientVisibleTo } from './app/visibility';
export { changeActionSchemas, type ChangeCardAction } from './cards/action-schemas';
export type { ChangeAuditEvent } from './domain/change-audit';
export { changeBatchId, type ChangeFields, draftChange, editDraft, publishChange, supersedeChange, type Transition, withdrawChange } from './domain/change-rules';
export type { ChangeKind, ChangeResponse, StrategyChange } from './domain/strategy-change';
export { announceCommand, changeCardHandlers, changesCommand } from './handlers';
export type { ChangeRecipientRecord, ChangeStores } from './ports';
export { createChangeTables } from './tables/change-tables';
