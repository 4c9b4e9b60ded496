/**
 * Verbs and input ids of the strategy-change cards. Kept free of imports so the tab's composer
 * preview can load the card builder in a browser. The payload schemas that parse these when an
 * invoke arrives are in ./actions.ts.
 */

/** Id of the impact choice set; Teams merges its value into the action's `data`. */
export const CHANGE_IMPACT_INPUT = 'impact';
/** Id of the comment input. */
export const CHANGE_COMMENT_INPUT = 'comment';

/** Longest comment we accept (and the input's maxLength). */
export const CHANGE_COMMENT_MAX = 1000;

/**
 * Static data on a change action. `conversationId` names the recipient conversation the
 * response is for when the card is shown somewhere else (e.g. the `changes` list in a personal
 * chat); it is re-checked on the server like everything else on a card.
 */
export interface ChangeActionData {
  readonly changeId: string;
  readonly version: number;
  readonly conversationId?: string;
}

/** Inputs of the announce form (the `announce` command's card). */
export const ANNOUNCE_INPUTS = {
  title: 'title',
  kind: 'kind',
  summary: 'summary',
  respondBy: 'respondBy',
  requiredResponse: 'requiredResponse',
} as const;
