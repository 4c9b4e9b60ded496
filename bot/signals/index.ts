/**
 * Signals, escalations and decisions (PRODUCT.md §4). This file is the feature's one door: what
 * other features, platform adapters and composition may use.
 */

export type { SignalDeps, StrategyChangeDrafter } from './app/deps';
export type { SourceMessage } from './app/raise-from-teams';
export { canSeeSignal } from './app/queries';
export { signalRenderers } from './app/renderers';
export { signalJobHandlers } from './app/timers';
export { signalActionSchemas, type SignalCardAction } from './cards/actions';
export { addOption, escalate, recommend, setContext, startAnalysis } from './domain/analysis';
export { decide } from './domain/decision';
export type { Signal } from './domain/signal';
export { raise, triage } from './domain/signal-machine';
export type { TransitionResult } from './domain/transition-kit';
export { DEFAULT_DUE_POLICY, type DuePolicy } from './domain/working-days';
export { mySignalsCommand, raiseCommand, raiseWithPmoDialog, raiseWithPmoSubmit, signalCardHandlers, signalRejectedHandler } from './handlers';
export type { SignalRepository } from './ports';
export { createTableSignalStores } from './tables/signal-store';
