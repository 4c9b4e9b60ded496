/**
 * The rules of strategy changes (PRODUCT.md §3): the fields an author edits and the named
 * transitions that return the new state and the events they raise. Responses, overdue and
 * roll-ups are in change-responses.ts. Pure: no I/O, no SDK.
 */
import { type DomainError, type ErrorDetail, type Result, fail, ok } from '../../kernel/result';
import { type Actor, type ChangeAuditEvent, recorded } from './change-audit';
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

/** What a transition made, and the audit events that record it (stored with it, in the same write). */
export interface Transition<T> {
  readonly value: T;
  readonly events: readonly ChangeAuditEvent[];
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
  const { value, event } = recorded(undefined, change, { action: 'draft', by: ctx.author, at });
  return ok({ value, events: [event] });
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

const FIELD_NAMES: Readonly<Record<keyof ChangeFields, string>> = {
  title: 'title',
  summary: 'summary',
  kind: 'kind',
  objectiveIds: 'objectives',
  domainIds: 'domains',
  requiredResponse: 'required response',
  respondBy: 'respond-by',
};

/** "the title and respond-by": which fields differ, for the audit trail; undefined when none do. */
function changedFields(before: ChangeFields, after: ChangeFields): string | undefined {
  const names = (Object.keys(FIELD_NAMES) as (keyof ChangeFields)[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => FIELD_NAMES[k]);
  const last = names.pop();
  if (last === undefined) return undefined;
  return `the ${names.length > 0 ? `${names.join(', ')} and ${last}` : last}`;
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
export function editDraft(change: StrategyChange, patch: Partial<ChangeFields>, by: Actor, now: Date): Result<Transition<StrategyChange>> {
  if (change.state !== 'draft') {
    return err('CHANGE.NOT_DRAFT', `Version ${change.version} of "${change.title}" is ${change.state}; publish a new version to change it.`);
  }
  const fields = { ...fieldsOf(change), ...definedOnly(patch) };
  const problems = checkFields(fields);
  if (problems.length > 0) return err('VALIDATION.INVALID', 'The change is not complete.', problems);
  const edited = normalise(fields);
  const at = now.toISOString();
  const changed = changedFields(fieldsOf(change), edited);
  const { value, event } = recorded(change, { ...change, ...edited, updatedAt: at }, { action: 'edit', by, at, ...(changed ? { comment: `Changed ${changed}.` } : {}) });
  return ok({ value, events: [event] });
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Draft → published. */
export function publishChange(change: StrategyChange, by: Actor, now: Date): Result<Transition<StrategyChange>> {
  if (change.state !== 'draft') return err('CHANGE.NOT_DRAFT', `Version ${change.version} of "${change.title}" is already ${change.state}.`);
  const problems = checkPublishable(fieldsOf(change), now);
  if (problems.length > 0) return err('VALIDATION.INVALID', 'The change cannot be published yet.', problems);
  const at = now.toISOString();
  const { value, event } = recorded(change, { ...change, state: 'published', publishedAt: at, updatedAt: at }, { action: 'publish', by, at });
  return ok({ value, events: [event] });
}

/**
 * Publishes version n+1 from edited fields and marks version n superseded. Both records, and
 * an event on each, are returned so the caller writes them together.
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
  const version = current.version + 1;
  const made: StrategyChange = {
    tenantId: current.tenantId,
    id: current.id,
    version,
    state: 'published',
    ...normalise(fields),
    authorId: by.userId,
    authorName: by.displayName,
    createdAt: at,
    updatedAt: at,
    publishedAt: at,
  };
  const closed: StrategyChange = { ...current, state: 'superseded', closedAt: at, closedBy: by.displayName, updatedAt: at };
  const previous = recorded(current, closed, { action: 'supersede', by, at, comment: `Superseded by version ${version}.` });
  const changed = changedFields(fieldsOf(current), fieldsOf(made));
  const next = recorded(undefined, made, { action: 'publish', by, at, comment: `Supersedes version ${current.version}${changed ? `; changed ${changed}` : ''}.` });
  return ok({ value: { previous: previous.value, next: next.value }, events: [previous.event, next.event] });
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
  const withdrawn: StrategyChange = { ...current, state: 'withdrawn', closedAt: at, closedBy: by.displayName, withdrawReason: why, updatedAt: at };
  const { value, event } = recorded(current, withdrawn, { action: 'withdraw', by, at, comment: why });
  return ok({ value, events: [event] });
}
