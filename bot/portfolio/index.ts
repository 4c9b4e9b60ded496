/**
 * The portfolio (PRODUCT.md §2, §5): domains, objectives, work items and their health. This file is
 * the feature's one door: what other features, platform adapters and composition may use.
 */

export { canSeeRollup, canViewDomain, teamDomainIds } from './app/access';
export { itemsAlignedTo } from './app/aligned-items';
export { recordIdSchema } from './app/inputs';
export { validateCadence } from './domain/cadence-rules';
export { DEFAULT_CHECK_IN_CADENCE, type DeliveryMode, type Domain, type Health, type Rag, type StrategicObjective, type Structure, type WorkItem, isFinished, objectiveStatus, overallHealth } from './domain/portfolio';
export type { StatusReport } from './domain/status-report';
export { domainActivityOf, projectedActivity, rollupActivityOf } from './app/projected-activity';
export type { ActivityProjection, ItemActivity, PortfolioActivitySource, PortfolioRepositories, RollupActivity } from './ports';
export { createPortfolioTables, repairInterruptedMoves } from './tables/portfolio-tables';
export { migrateWorkItems } from './tables/work-item-migration';
export { recordCheckInStatus } from './app/check-in-status';
