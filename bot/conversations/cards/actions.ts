/** The card actions of linking a conversation: as the cards carry them, and as they arrive parsed. */
import { z } from 'zod';
import { ACTION_ID, type ActionSchemas } from '../../kernel/cards/action-schemas';
import { actionBuilder } from '../../kernel/cards/built-action';
import { type LinkTarget, linkKey } from '../domain/conversation';

/** Id of the link form's choice input; Teams merges its value into the action's `data`. */
export const LINK_TARGET_INPUT = 'target';

/** Choice values encode a target with the domain's stable link key (`pmo:<id>`, `epmo`, `team:<id>`). */
export const targetChoiceValue = (target: LinkTarget): string => linkKey(target);

/** The link actions as the cards carry them: no static data (the target comes from the form's choice). */
export type LinkBuiltAction = { readonly verb: 'link.start' | 'link.submit'; readonly data: Readonly<Record<string, never>> };

/** Builds the `Action.Execute` of a link verb. */
export const linkAction = actionBuilder<LinkBuiltAction>();

/** What arrives with each link verb (static data plus the values of the card's inputs). */
export type LinkCardAction =
  | { readonly verb: 'link.start'; readonly data: Record<string, never> }
  | { readonly verb: 'link.submit'; readonly data: { readonly target: LinkTarget } };

const linkTarget = z
  .string({ error: 'Choose what to link this conversation to.' })
  .min(1, 'Choose what to link this conversation to.')
  .max(200)
  .transform((value, ctx): LinkTarget => {
    if (value === 'epmo') return { kind: 'epmo' };
    const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    if (kind === 'pmo' && ACTION_ID.test(id)) return { kind: 'pmo', domainId: id };
    if (kind === 'team' && ACTION_ID.test(id)) return { kind: 'team', workItemId: id };
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a link target.` });
    return z.NEVER;
  });

/** Schemas of the link verbs' data. `link.submit` carries no static data: the target comes from the choice set. */
export const linkActionSchemas = {
  'link.start': z.object({}),
  'link.submit': z.object({ [LINK_TARGET_INPUT]: linkTarget }).transform((d) => ({ target: d[LINK_TARGET_INPUT] })),
} satisfies ActionSchemas<LinkCardAction>;
