/**
 * The strategy-change card actions as the cards carry them, and the cards' input ids.
 * Browser-safe (no runtime dependency but the import-free action builder): the tab's composer
 * preview loads the card builder. The schemas that parse these when an invoke arrives are in
 * ./action-schemas.ts.
 */
import { actionBuilder } from '../../kernel/cards/built-action';

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

/** The change actions as the cards carry them; `change.announce` takes everything from the form's inputs. */
export type ChangeBuiltAction =
  | { readonly verb: 'change.ack' | 'change.assess' | 'change.show'; readonly data: ChangeActionData }
  | { readonly verb: 'change.announce'; readonly data: Readonly<Record<string, never>> };

/** Builds the `Action.Execute` of a change verb. */
export const changeAction = actionBuilder<ChangeBuiltAction>();

/** Inputs of the announce form (the `announce` command's card). */
export const ANNOUNCE_INPUTS = {
  title: 'title',
  kind: 'kind',
  summary: 'summary',
  respondBy: 'respondBy',
  requiredResponse: 'requiredResponse',
} as const;
