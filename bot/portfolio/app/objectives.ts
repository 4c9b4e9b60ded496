/**
 * Strategic objectives (PRODUCT.md §2): read by everyone in the tenant, created, changed, retired
 * and brought back by the EPMO and tenant admins. An objective is deleted only while no work item
 * is aligned to it; once work is aligned, it is retired instead, so the items keep saying what
 * they served.
 */
import type { StrategicObjective } from '../domain/portfolio';
import { parseInput } from '../../kernel/validation';
import { objectiveInputSchema, objectivePatchSchema } from './inputs';
import { type Result, fail, forbidden, invalid, notFound } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { Versioned } from '../../kernel/versioned';
import type { PortfolioRepositories } from '../ports';
import type { PortfolioDeps } from './portfolio';


/** An objective as listed: with how many work items are aligned to it (those cannot be deleted). */
interface ListedObjective {
  readonly objective: Versioned<StrategicObjective>;
  readonly alignedItems: number;
}

/** The tenant's strategic objectives by priority, then code, each with its count of aligned items. */
export async function listObjectives(deps: PortfolioDeps, p: Principal): Promise<ListedObjective[]> {
  // Every signed-in member of the tenant may read the objectives.
  const [all, aligned] = await Promise.all([deps.repos.objectives.list(p.tenantId), alignedItemCounts(deps.repos, p.tenantId)]);
  return all
    .sort((a, b) => a.value.priority - b.value.priority || a.value.code.localeCompare(b.value.code))
    .map((objective) => ({ objective, alignedItems: aligned.get(objective.value.id) ?? 0 }));
}

const codeTaken = (all: readonly Versioned<StrategicObjective>[], code: string, self?: string): Result<never> | undefined =>
  all.some((o) => o.value.id !== self && o.value.code.toLowerCase() === code.toLowerCase())
    ? fail('CONFLICT.ALREADY_EXISTS', `An objective with code "${code}" already exists. Choose another code.`)
    : undefined;

/**
 * A strategy owner owns an objective (PRODUCT.md §2): anyone else is refused, named when they are
 * one of the tenant's people. Unknown ids say nothing more than that.
 */
async function ownerRefusal(deps: PortfolioDeps, tenantId: string, ownerId: string): Promise<Result<never> | undefined> {
  const owner = await deps.people.get(tenantId, ownerId);
  if (owner?.roles.some((r) => r.role === 'strategy_owner')) return undefined;
  const who = owner ? `${owner.displayName} is not a strategy owner` : 'That person is not a strategy owner here';
  return invalid(`${who}. Choose a strategy owner, or give them the Strategy owner role under Admin → People and roles first.`, [
    { at: 'ownerId', message: 'Choose a strategy owner.' },
  ]);
}

/** A new strategic objective with a code not yet used, owned by a strategy owner (EPMO members, tenant admins). */
export async function createObjective(deps: PortfolioDeps, p: Principal, body: unknown): Promise<Result<Versioned<StrategicObjective>>> {
  if (!can(p, 'objective.edit')) return forbidden('Only EPMO members and tenant admins can create strategic objectives.');
  const parsed = parseInput(objectiveInputSchema, body);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const taken = codeTaken(await deps.repos.objectives.list(p.tenantId), input.code);
  if (taken) return taken;
  const refused = await ownerRefusal(deps, p.tenantId, input.ownerId);
  if (refused) return refused;
  return deps.repos.objectives.create({ ...input, tenantId: p.tenantId, id: deps.ids.next('obj'), createdAt: deps.clock.now().toISOString() });
}

/** Changes an objective edited at version `etag`, its status included; its code stays unique. */
export async function updateObjective(deps: PortfolioDeps, p: Principal, id: string, body: unknown, etag: string): Promise<Result<Versioned<StrategicObjective>>> {
  if (!can(p, 'objective.edit')) return forbidden('Only EPMO members and tenant admins can change strategic objectives.');
  const parsed = parseInput(objectivePatchSchema, body);
  if (!parsed.ok) return parsed;
  const patch = parsed.value;
  const existing = await deps.repos.objectives.get(p.tenantId, id);
  if (!existing) return notFound(`Objective "${id}"`);
  if (existing.etag !== etag) return fail('CONFLICT.STALE', 'Someone else changed this objective since you loaded it. Reload and try again.');
  if (patch.code !== undefined) {
    const taken = codeTaken(await deps.repos.objectives.list(p.tenantId), patch.code, id);
    if (taken) return taken;
  }
  // An owner who has since lost the role stays until someone changes the owner.
  if (patch.ownerId !== undefined && patch.ownerId !== existing.value.ownerId) {
    const refused = await ownerRefusal(deps, p.tenantId, patch.ownerId);
    if (refused) return refused;
  }
  return deps.repos.objectives.update({ ...existing.value, ...patch }, etag);
}

/**
 * How many work items are aligned to each objective (objectives without any are absent). Each
 * domain's figures (one small row per domain, kept on every item write) count its items by
 * objective, so this is one point read per domain rather than a read of the tenant's items.
 */
export async function alignedItemCounts(repos: Pick<PortfolioRepositories, 'domains' | 'workItems'>, tenantId: string): Promise<ReadonlyMap<string, number>> {
  const domains = await repos.domains.list(tenantId);
  const figures = await Promise.all(domains.map((d) => repos.workItems.stats(tenantId, d.value.id)));
  const counts = new Map<string, number>();
  for (const f of figures) {
    for (const [id, byRag] of Object.entries(f.objectives)) {
      counts.set(id, (counts.get(id) ?? 0) + Object.values(byRag).reduce((a, b) => a + b, 0));
    }
  }
  return counts;
}

/** Deletes an objective no work item is aligned to (EPMO members, tenant admins); one with aligned work is refused. */
export async function deleteObjective(deps: PortfolioDeps, p: Principal, id: string, etag: string): Promise<Result<void>> {
  if (!can(p, 'objective.edit')) return forbidden('Only EPMO members and tenant admins can delete strategic objectives.');
  const existing = await deps.repos.objectives.get(p.tenantId, id);
  if (!existing) return notFound(`Objective "${id}"`);
  if (existing.etag !== etag) return fail('CONFLICT.STALE', 'Someone else changed this objective since you loaded it. Reload and try again.');
  if ((await alignedItemCounts(deps.repos, p.tenantId)).has(id)) {
    return fail('CONFLICT.IN_USE', `Work items are aligned to ${existing.value.code}, so it cannot be deleted: retire it instead.`);
  }
  return deps.repos.objectives.remove(p.tenantId, id, etag);
}
