/**
 * Saved views (issue #9): a person keeps named portfolio queries for themselves. Every use case
 * works on the caller's own views only — the store is keyed by tenant and user, and the ids
 * come from the token, never from the request — so no one can read or delete another's view.
 */
import type { IdSource, Clock } from '../../kernel/runtime';
import { type Result, fail, invalid, notFound, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import { SAVED_VIEW_LIMITS, type SavedView, byName } from '../domain/saved-view';
import type { SavedViewStore } from '../ports';

export interface SavedViewDeps {
  readonly savedViews: SavedViewStore;
  readonly clock: Clock;
  readonly ids: IdSource;
}

/** The caller's views, by name. */
export async function listSavedViews(deps: SavedViewDeps, p: Principal): Promise<SavedView[]> {
  return (await deps.savedViews.list(p.tenantId, p.userId)).sort(byName);
}

const tooMany = (): Result<never> =>
  invalid(`You already have ${SAVED_VIEW_LIMITS.perUser} saved views, the most one person can keep. Delete one you no longer use, then save again.`);

/**
 * Saves a view for the caller. The limit is checked before the write and again after it: two
 * saves racing past the first check cannot leave more than the limit, as the later one is undone.
 */
export async function saveView(deps: SavedViewDeps, p: Principal, input: { readonly name: string; readonly query: string }): Promise<Result<SavedView>> {
  const mine = await deps.savedViews.list(p.tenantId, p.userId);
  // Two views under one name cannot be told apart in the menu; the person picks another name.
  const same = input.name.toLocaleLowerCase();
  if (mine.some((v) => v.name.toLocaleLowerCase() === same)) {
    return fail('CONFLICT.ALREADY_EXISTS', `You already have a view named "${input.name}". Choose another name, or delete that view first.`);
  }
  if (mine.length >= SAVED_VIEW_LIMITS.perUser) return tooMany();
  const view: SavedView = { tenantId: p.tenantId, userId: p.userId, id: deps.ids.next('view'), name: input.name, query: input.query, createdAt: deps.clock.now().toISOString() };
  await deps.savedViews.add(view);
  const after = await deps.savedViews.list(p.tenantId, p.userId);
  if (after.length > SAVED_VIEW_LIMITS.perUser && after.sort(byCreation).findIndex((v) => v.id === view.id) >= SAVED_VIEW_LIMITS.perUser) {
    await deps.savedViews.remove(p.tenantId, p.userId, view.id);
    return tooMany();
  }
  return ok(view);
}

const byCreation = (a: SavedView, b: SavedView): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** Deletes one of the caller's views; another person's id reads as not found. */
export async function deleteView(deps: SavedViewDeps, p: Principal, id: string): Promise<Result<void>> {
  return (await deps.savedViews.remove(p.tenantId, p.userId, id)) ? ok(undefined) : notFound('That saved view');
}
