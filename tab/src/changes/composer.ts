/**
 * Pure logic of the EPMO composer: the form, its checks, the request it sends, and the card
 * model the live preview renders with the bot's own card builder.
 */
import { type ChangeCardModel, MAX_CARD_SUMMARY } from '../../../bot/changes/cards/change-card';
import { addDays, utcDay } from '../shared/dates';
import type { ChangeDraftPatch, ChangeDraftRequest, ChangeKind, RequiredResponse, StrategyChange } from './types';

export interface ComposerForm {
  readonly title: string;
  readonly kind: ChangeKind;
  /** Markdown. */
  readonly summary: string;
  readonly objectiveIds: readonly string[];
  readonly domainIds: readonly string[];
  readonly requiredResponse: RequiredResponse;
  /** `YYYY-MM-DD` (the server reads a date as the end of that day, UTC). */
  readonly respondBy: string;
}

export type ComposerField = keyof ComposerForm;
export type ComposerErrors = Partial<Record<ComposerField, string>>;

export const TITLE_MAX = 200;
const SUMMARY_MAX = 20_000;
const DEFAULT_RESPONSE_DAYS = 7;

export function emptyForm(now: number): ComposerForm {
  return {
    title: '',
    kind: 'reprioritisation',
    summary: '',
    objectiveIds: [],
    domainIds: [],
    requiredResponse: 'assess',
    respondBy: utcDay(addDays(now, DEFAULT_RESPONSE_DAYS)),
  };
}

/** The form for an existing change (a draft to edit, or the base of its next version). */
export function formFromChange(change: StrategyChange): ComposerForm {
  return {
    title: change.title,
    kind: change.kind,
    summary: change.summary,
    objectiveIds: [...change.objectiveIds],
    domainIds: [...change.domainIds],
    requiredResponse: change.requiredResponse,
    respondBy: change.respondBy.slice(0, 10),
  };
}

/** What is wrong with the form, per field; empty when it may be saved or published. */
export function validateForm(form: ComposerForm, now: number): ComposerErrors {
  const errors: { -readonly [K in ComposerField]?: string } = {};
  const title = form.title.trim();
  if (!title) errors.title = 'Give the change a title.';
  else if (title.length > TITLE_MAX) errors.title = `Keep the title under ${TITLE_MAX} characters (it has ${title.length}).`;
  if (!form.summary.trim()) errors.summary = 'Say what changes and why.';
  else if (form.summary.length > SUMMARY_MAX) errors.summary = `Keep the summary under ${SUMMARY_MAX.toLocaleString('en')} characters.`;
  if (form.objectiveIds.length === 0 && form.domainIds.length === 0) errors.objectiveIds = 'Choose at least one affected objective or domain, so the change reaches someone.';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.respondBy)) errors.respondBy = 'Choose a respond-by date.';
  else if (form.respondBy < utcDay(now)) errors.respondBy = 'The respond-by date has passed; choose today or later.';
  return errors;
}

export const hasErrors = (errors: ComposerErrors): boolean => Object.keys(errors).length > 0;

/** The request body: trimmed text, the date as the server reads it. */
export function toDraftRequest(form: ComposerForm): ChangeDraftRequest {
  return {
    title: form.title.trim(),
    kind: form.kind,
    summary: form.summary.trim(),
    objectiveIds: [...form.objectiveIds],
    domainIds: [...form.domainIds],
    requiredResponse: form.requiredResponse,
    respondBy: form.respondBy,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x) => b.includes(x));

/** Only the fields that differ from `change` (for a draft update or a new version). */
export function changedFields(form: ComposerForm, change: StrategyChange): ChangeDraftPatch {
  const next = toDraftRequest(form);
  const base = formFromChange(change);
  const patch: { -readonly [K in keyof ChangeDraftRequest]?: ChangeDraftRequest[K] } = {};
  if (next.title !== base.title) patch.title = next.title;
  if (next.kind !== base.kind) patch.kind = next.kind;
  if (next.summary !== base.summary) patch.summary = next.summary;
  if (!sameSet(next.objectiveIds, base.objectiveIds)) patch.objectiveIds = next.objectiveIds;
  if (!sameSet(next.domainIds, base.domainIds)) patch.domainIds = next.domainIds;
  if (next.requiredResponse !== base.requiredResponse) patch.requiredResponse = next.requiredResponse;
  if (next.respondBy !== base.respondBy) patch.respondBy = next.respondBy;
  return patch;
}

export interface PreviewContext {
  readonly objectives: readonly { readonly id: string; readonly code: string; readonly title: string }[];
  /** Names of the domains the change reaches (explicit and implied), when known. */
  readonly domainNames: readonly string[];
  readonly authorName: string;
  readonly changeId?: string;
  readonly version: number;
}

/** End of the chosen day, UTC, as the server stores a date-only respond-by. */
export const respondByInstant = (date: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T23:59:59Z` : date);

/** The card model of the preview: a draft, so the card carries the "not sent" banner. */
export function previewModel(form: ComposerForm, context: PreviewContext): ChangeCardModel {
  const byId = new Map(context.objectives.map((o) => [o.id, o]));
  return {
    changeId: context.changeId ?? 'preview',
    version: context.version,
    state: 'draft',
    preview: true,
    kind: form.kind,
    title: form.title.trim() || 'Untitled strategy change',
    summary: form.summary.slice(0, MAX_CARD_SUMMARY * 2),
    objectives: form.objectiveIds.flatMap((id) => {
      const o = byId.get(id);
      return o ? [{ code: o.code, title: o.title }] : [];
    }),
    domains: context.domainNames,
    requiredResponse: form.requiredResponse,
    respondBy: respondByInstant(form.respondBy),
    authorName: context.authorName,
  };
}
