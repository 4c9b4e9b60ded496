/** The strategy-change card actions as they arrive: payload types and the schemas that check them. */
import { z } from 'zod';
import { ACTION_ID, type ActionSchemas, optionalText, requiredLine } from '../../kernel/cards/action-schemas';
import { HIDDEN_ON_CARD_MESSAGE, plainText } from '../../kernel/validation';
import { CHANGE_KINDS, type ChangeKind, IMPACTS, type Impact, REQUIRED_RESPONSES, type RequiredResponse } from '../domain/strategy-change';
import { ANNOUNCE_INPUTS, CHANGE_COMMENT_INPUT, CHANGE_COMMENT_MAX, CHANGE_IMPACT_INPUT, type ChangeActionData } from './actions';

/** Payloads of the strategy-change cards (change card, change list, announce form). */
export type ChangeCardAction =
  | { readonly verb: 'change.ack'; readonly data: ChangeActionData }
  | { readonly verb: 'change.assess'; readonly data: ChangeActionData & { readonly impact: Impact; readonly comment?: string } }
  | { readonly verb: 'change.show'; readonly data: ChangeActionData }
  | {
      readonly verb: 'change.announce';
      readonly data: {
        readonly title: string;
        readonly kind: ChangeKind;
        readonly summary: string;
        readonly respondBy: string;
        readonly requiredResponse: RequiredResponse;
      };
    };

const changeRef = {
  changeId: z.string().regex(ACTION_ID, 'not a change id'),
  version: z.coerce.number().int().min(1).max(100_000),
  conversationId: z.string().min(1).max(512).optional(),
};

export const changeActionSchemas = {
  'change.ack': z.object(changeRef),
  'change.show': z.object(changeRef),
  'change.assess': z.object({
    ...changeRef,
    [CHANGE_IMPACT_INPUT]: z.enum(IMPACTS, { error: 'Choose the impact: none, low, medium or high.' }),
    [CHANGE_COMMENT_INPUT]: optionalText(CHANGE_COMMENT_MAX),
  }),
  'change.announce': z.object({
    [ANNOUNCE_INPUTS.title]: requiredLine(200, 'Give the change a title.'),
    [ANNOUNCE_INPUTS.kind]: z.enum(CHANGE_KINDS, { error: 'Choose the kind of change.' }),
    [ANNOUNCE_INPUTS.summary]: plainText(z.string().max(20_000), HIDDEN_ON_CARD_MESSAGE).default(''),
    [ANNOUNCE_INPUTS.respondBy]: z.string({ error: 'Choose a respond-by date.' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'Choose a respond-by date.'),
    [ANNOUNCE_INPUTS.requiredResponse]: z.enum(REQUIRED_RESPONSES, { error: 'Choose the response you need.' }),
  }),
} satisfies ActionSchemas<ChangeCardAction>;
