/**
 * The rules of strategy changes (PRODUCT.md §3): the fields an author edits and the named
 * transitions that return the new state and the events they raise. Responses, overdue and
 * roll-ups are in change-responses.ts. Pure: no I/O, no SDK.
 */
import { type DomainError, type ErrorDetail, type Result, fail, ok } from '../../kernel/result';
import type { ChangeKind, RequiredResponse, StrategyChange } from './strategy-change';

/** The fields an author edits. */
export interface ChangeFields {
  readonly title: string;
  readonly summary: string;
  readonly kind: ChangeKind;
  readonly objectiveIds: readonly string[];
  readonly domainIds: readonly string[];
  readonly requiredResponse: RequiredResponse;
  readonly respondBy: string;
}

export interface Actor {
  readonly userId: string;
  readonly displayName: string;
}

export type ChangeEvent =
  | { readonly type: 'change.drafted'; readonly changeId: string; readonly version: number }
  | { readonly type: 'change.edited'; readonly changeId: string; readonly version: number }
  | { readonly type: 'change.published'; readonly changeId: string; readonly version: number }
  | { readonly type: 'change.superseded'; readonly changeId: string; readonly version: number; readonly byVersion: number }
  | { readonly type: 'change.withdrawn'; readonly changeId: string; readonly version: number; readonly reason: string };

export interface Transition<T> {
  readonly value: T;
  readonly events: readonly ChangeEvent[];
}

const err = (code: DomainError['code'], message: string, details?: readonly ErrorDetail[]): Result<never> => fail(code, message, details);

/** The batch of a version's fan-out, shared with the delivery records. */
export const changeBatchId = (changeId: string, version: number): string => `change:${changeId}:v${version}`;
/** The batch of the card updates a version's closing (supersede/withdraw) caused. */
export const changeUpdateBatchId = (changeId: string, version: number, closing: 'superseded' | 'withdrawn'): string =>
  `change:${changeId}:v${version}:${closing}`;
/** The batch of a version's reminders. */
export const changeReminderBatchId = (changeId: string, version: number): string => `change:${changeId}:v${version}:reminder`;

/** Rules every saved set of fields obeys (shape is checked at the edge). */
function checkFields(f: ChangeFields): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!f.title.trim()) problems.push({ at: 'title', message: 'A change needs a title.' });
  if (Number.isNaN(Date.parse(f.respondBy))) problems.push({ at: 'respondBy', message: 'Respond-by must be a date and time.' });
  return problems;
}

/** Extra rules at publishing: someone must be reached, and the deadline must lie ahead. */
function checkPublishable(f: ChangeFields, now: Date): ErrorDetail[] {
  const problems = checkFields(f);
  if (f.objectiveIds.length === 0 && f.domainIds.length === 0) {
    problems.push({ at: 'objectiveIds', message: 'Name at least one affected objective or domain, so the change reaches someone.' });
  }
  if (!f.summary.trim()) problems.push({ at: 'summary', message: 'Say what changes and why before publishing.' });
  if (Date.parse(f.respondBy) <= now.getTime()) problems.push({ at: 'respondBy', message: 'Respond-by must be in the future.' });
  return problems;
}

const uniq = (ids: readonly string[]): string[] => [...new Set(ids)];

/** A new draft (version 1). Only EPMO members call this; the use case checks the role. */
export function draftChange(
  fields: ChangeFields,
  ctx: { readonly tenantId: string; readonly id: string; readonly author: Actor; readonly now: Date },
): Result<Transition<StrategyChange>> {
  const problems = checkFields(fields);
  if (problems.length > 0) return err('VALIDATION.INVALID', 'The change is not complete.', problems);
  const at = ctx.now.toISOString();
  const change: StrategyChange = {
    tenantId: ctx.tenantId,
    id: ctx.id,
    version: 1,
    state: 'draft',
    ...normalise(fields),
    authorId: ctx.author.userId,
    authorName: ctx.author.displayName,
    createdAt: at,
    updatedAt: at,
  };
  return ok({ value: change, events: [{ type: 'change.drafted', changeId: ctx.id, version: 1 }] });
}

function normalise(f: ChangeFields): ChangeFields {
  return {
    title: f.title.trim(),
    summary: f.summary,
    kind: f.kind,
    objectiveIds: uniq(f.objectiveIds),
    domainIds: uniq(f.domainIds),
    requiredResponse: f.requiredResponse,
    respondBy: new Date(Date.parse(f.respondBy)).toISOString(),
  };
}

const fieldsOf = (c: StrategyChange): ChangeFields => ({
  title: c.title,
  summary: c.summary,
  kind: c.kind,
  objectiveIds: c.objectiveIds,
  domainIds: c.domainIds,
  requiredResponse: c.requiredResponse,
  respondBy: c.respondBy,
});

/** Edits a draft. Published versions are changed only by superseding them. */
export function editDraft(change: StrategyChange, patch: Partial<ChangeFields>, now: Date): Result<Transition<StrategyChange>> {
  if (change.state !== 'draft') {
    return err('CHANGE.NOT_DRAFT', `Version ${change.version} of "${change.title}" is ${change.state}; publish a new version to change it.`);
  }
  const fields = { ...fieldsOf(change), ...definedOnly(patch) };
  const problems = checkFields(fields);
  if (problems.length > 0) return err('VALIDATION.INVALID', 'The change is not complete.', problems);
  return ok({
    value: { ...change, ...normalise(fields), updatedAt: now.toISOString() },
    events: [{ type: 'change.edited', changeId: change.id, version: change.version }],
  });
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Draft → published. */
export function publishChange(change: StrategyChange, now: Date): Result<Transition<StrategyChange>> {
  if (change.state !== 'draft') return err('CHANGE.NOT_DRAFT', `Version ${change.version} of "${change.title}" is already ${change.state}.`);
  const problems = checkPublishable(fieldsOf(change), now);
  if (problems.length > 0) return err('VALIDATION.INVALID', 'The change cannot be published yet.', problems);
  const at = now.toISOString();
  return ok({
    value: { ...change, state: 'published', publishedAt: at, updatedAt: at },
    events: [{ type: 'change.published', changeId: change.id, version: change.version }],
  });
}

/**
 * Publishes version n+1 from edited fields and marks version n superseded. Both records
 * are returned so the caller writes them together.
 */
export function supersedeChange(
  current: StrategyChange,
  patch: Partial<ChangeFields>,
  by: Actor,
  now: Date,
): Result<Transition<{ readonly previous: StrategyChange; readonly next: StrategyChange }>> {
  if (current.state !== 'published') {
    return current.state === 'draft'
      ? err('CHANGE.NOT_PUBLISHED', `"${current.title}" is a draft; publish it instead.`)
      : err('CHANGE.STALE_VERSION', `Version ${current.version} of "${current.title}" is ${current.state}; only the published version can be superseded.`);
  }
  const fields = { ...fieldsOf(current), ...definedOnly(patch) };
  const problems = checkPublishable(fields, now);
  if (problems.length > 0) return err('VALIDATION.INVALID', 'The new version cannot be published.', problems);
  const at = now.toISOString();
  const next: StrategyChange = {
    tenantId: current.tenantId,
    id: current.id,
    version: current.version + 1,
    state: 'published',
    ...normalise(fields),
    authorId: by.userId,
    authorName: by.displayName,
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
  };
  const previous: StrategyChange = { ...current, state: 'superseded', closedAt: at, closedBy: by.displayName, updatedAt: at };
  return ok({
    value: { previous, next },
    events: [
      { type: 'change.superseded', changeId: current.id, version: current.version, byVersion: next.version },
      { type: 'change.published', changeId: current.id, version: next.version },
    ],
  });
}

/** Published → withdrawn, with a reason every delivered card shows. */
export function withdrawChange(current: StrategyChange, reason: string, by: Actor, now: Date): Result<Transition<StrategyChange>> {
  if (current.state !== 'published') {
    return current.state === 'draft'
      ? err('CHANGE.NOT_PUBLISHED', `"${current.title}" is a draft and was never sent; there is nothing to withdraw.`)
      : err('CHANGE.STALE_VERSION', `Version ${current.version} of "${current.title}" is already ${current.state}.`);
  }
  const why = reason.trim();
  if (!why) return err('VALIDATION.INVALID', 'Say why the change is withdrawn.', [{ at: 'reason', message: 'Required.' }]);
  const at = now.toISOString();
  return ok({
    value: { ...current, state: 'withdrawn', closedAt: at, closedBy: by.displayName, withdrawReason: why, updatedAt: at },
    events: [{ type: 'change.withdrawn', changeId: current.id, version: current.version, reason: why }],
  });
}
