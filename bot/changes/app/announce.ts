/**
 * `announce` in Teams (PRODUCT.md §3): EPMO members start a strategy-change draft from the
 * channel linked to the EPMO; the composer in the tab takes it from there. Anyone else, or
 * anywhere else, is told why instead of being given a form.
 */
import { knownConversation } from '../../conversations';
import { type Result, fail, ok } from '../../kernel/result';
import { type Principal, isEpmo } from '../../kernel/roles';
import type { ChangeKind, RequiredResponse } from '../domain/strategy-change';
import { type ChangeDeps, composerUrl } from './deps';
import { respondBySchema } from './inputs';
import { createDraft } from './drafts';

/** Why `announce` is not open to this person here. */
export type AnnounceRefusal = 'not-epmo' | 'not-epmo-channel';

/** What `announce` gives when its gate is open, or why it is closed. */
export type Gated<T> = { readonly open: true; readonly value: T } | { readonly open: false; readonly refusal: AnnounceRefusal };

async function gate(deps: ChangeDeps, p: Principal, conversationId: string): Promise<AnnounceRefusal | undefined> {
  if (!isEpmo(p)) return 'not-epmo';
  const links = await deps.repos.links.listByConversation(p.tenantId, conversationId);
  return links.some((l) => l.target.kind === 'epmo') ? undefined : 'not-epmo-channel';
}

/** The announce form's dates (`YYYY-MM-DD`): today, and a week from today as the respond-by. */
export interface AnnounceFormDates {
  readonly today: string;
  readonly defaultRespondBy: string;
}

export async function announceForm(deps: ChangeDeps, p: Principal, conversationId: string): Promise<Gated<AnnounceFormDates>> {
  const refusal = await gate(deps, p, conversationId);
  if (refusal) return { open: false, refusal };
  const now = deps.clock.now();
  const inAWeek = new Date(now.getTime() + 7 * 86_400_000);
  return { open: true, value: { today: now.toISOString().slice(0, 10), defaultRespondBy: inAWeek.toISOString().slice(0, 10) } };
}

/** The announce form as submitted. */
export interface AnnounceInput {
  readonly title: string;
  readonly kind: ChangeKind;
  readonly summary: string;
  /** `YYYY-MM-DD`, the end of that day. */
  readonly respondBy: string;
  readonly requiredResponse: RequiredResponse;
}

/** The draft made from the announce form: its title and where to finish it. */
export interface AnnouncedDraft {
  readonly title: string;
  readonly composerUrl: string;
}

/** Creates the draft (no objectives or domains yet: the composer chooses them). */
export async function announceDraft(deps: ChangeDeps, p: Principal, conversationId: string, input: AnnounceInput): Promise<Result<Gated<AnnouncedDraft>>> {
  const conversation = await knownConversation(deps.repos.conversations, p.tenantId, conversationId);
  if (!conversation.ok) return conversation;
  const refusal = await gate(deps, p, conversationId);
  if (refusal) return ok({ open: false, refusal });
  const respondBy = respondBySchema.safeParse(input.respondBy);
  if (!respondBy.success) return fail('VALIDATION.INVALID', 'Choose a respond-by date.');
  const made = await createDraft(deps, p, {
    title: input.title,
    summary: input.summary,
    kind: input.kind,
    objectiveIds: [],
    domainIds: [],
    requiredResponse: input.requiredResponse,
    respondBy: respondBy.data,
  });
  if (!made.ok) return made;
  return ok({ open: true, value: { title: made.value.change.title, composerUrl: composerUrl(deps, made.value.change.id) } });
}
