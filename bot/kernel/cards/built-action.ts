/**
 * Card actions as card builders put them on cards: a verb and the static data the card carries
 * (Teams adds the values of the card's inputs when someone acts). Each feature declares the
 * union of the actions its cards carry and builds them through its own `actionBuilder`, so a
 * card carries only verbs and data that the feature's schemas parse when the invoke comes back.
 * Browser-safe (type imports only): the tab's composer preview loads card builders.
 */
import type { ExecuteAction } from './adaptive-card';

/** One verb and the static data a card carries for it. */
export interface BuiltAction {
  readonly verb: string;
  readonly data: object;
}

/** How an action's button looks and which of the card's inputs it sends. */
export type ExecuteOptions = Pick<ExecuteAction, 'style' | 'associatedInputs'>;

/** A typed `Action.Execute` builder for one feature's built actions. */
export function actionBuilder<A extends BuiltAction>(): (title: string, action: A, options?: ExecuteOptions) => ExecuteAction {
  return (title, action, options = {}) => ({ type: 'Action.Execute', title, verb: action.verb, data: { ...action.data }, ...options });
}
