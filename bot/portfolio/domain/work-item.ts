/**
 * Creating and changing work items. Shape (types, lengths) is checked at the edge;
 * these functions enforce the portfolio's rules, which need other records to decide.
 */
import {
  type Benefits,
  type DeliveryMode,
  type Health,
  type ObjectiveAlignment,
  type Person,
  type Structure,
  type WorkItem,
  HEALTH_DIMENSIONS,
  unknownHealth,
} from './portfolio';
import { type ErrorDetail, type Result, invalid, ok } from '../../kernel/result';

/** What a person provides when creating a work item. */
export interface WorkItemInput {
  readonly domainId: string;
  readonly title: string;
  readonly structure: Structure;
  readonly mode: DeliveryMode;
  readonly stage: string;
  readonly owner: Person;
  readonly parentId?: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly objectives: readonly ObjectiveAlignment[];
  readonly health?: Partial<Health>;
  readonly statusNote?: string;
  readonly benefits?: Benefits;
}

/** Fields that may change after creation. `parentId: null` removes the parent. */
export type WorkItemPatch = Partial<Omit<WorkItemInput, 'parentId' | 'health'>> & {
  readonly parentId?: string | null;
  readonly health?: Partial<Health>;
};

/** What the rules need to know about the rest of the tenant's portfolio. */
export interface PortfolioContext {
  readonly tenantId: string;
  readonly now: Date;
  readonly domainIds: ReadonlySet<string>;
  readonly objectiveIds: ReadonlySet<string>;
  /** Retired objectives by id, with their codes: an item keeps such an alignment but gains none. */
  readonly retiredObjectives?: ReadonlyMap<string, string>;
  /** Existing items by id (for parent checks). */
  readonly items: ReadonlyMap<string, Pick<WorkItem, 'id' | 'domainId' | 'structure' | 'parentId'>>;
}

export const MAX_ALIGNMENT_TOTAL = 100;

/**
 * `kept`: the objectives the item was aligned to before this change (none for a new item).
 * `parentAsBefore`: the item keeps its parent and its domain, so the parent is not checked again —
 * a parent stored before the rules it breaks now (an older version's data) must not block every
 * other edit of the item.
 */
function checkRules(item: WorkItem, ctx: PortfolioContext, kept: readonly ObjectiveAlignment[] = [], parentAsBefore = false): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!ctx.domainIds.has(item.domainId)) problems.push({ at: 'domainId', message: `Unknown domain "${item.domainId}".` });
  if (item.endDate < item.startDate) problems.push({ at: 'endDate', message: 'The end date is before the start date.' });

  const seen = new Set<string>();
  let total = 0;
  item.objectives.forEach((a, i) => {
    if (!ctx.objectiveIds.has(a.objectiveId)) problems.push({ at: `objectives[${i}]`, message: `Unknown objective "${a.objectiveId}".` });
    if (seen.has(a.objectiveId)) problems.push({ at: `objectives[${i}]`, message: `Objective "${a.objectiveId}" is listed twice.` });
    const retired = ctx.retiredObjectives?.get(a.objectiveId);
    if (retired !== undefined && !kept.some((k) => k.objectiveId === a.objectiveId)) {
      problems.push({ at: `objectives[${i}]`, message: `${retired} is retired and takes no new work: choose an active objective.` });
    }
    seen.add(a.objectiveId);
    total += a.weight;
  });
  if (total > MAX_ALIGNMENT_TOTAL) problems.push({ at: 'objectives', message: `Contribution weights add up to ${total}%; at most ${MAX_ALIGNMENT_TOTAL}% is allowed.` });

  if (item.parentId !== undefined && !parentAsBefore) problems.push(...checkParent(item, ctx));
  return problems;
}

function checkParent(item: WorkItem, ctx: PortfolioContext): ErrorDetail[] {
  const parent = item.parentId === undefined ? undefined : ctx.items.get(item.parentId);
  // A parent belongs to the item's own domain; one elsewhere is answered like one that does not
  // exist, so nobody learns which ids another domain holds.
  if (!parent || parent.domainId !== item.domainId) return [{ at: 'parentId', message: `There is no program "${item.parentId}" in this domain to be the parent.` }];
  if (parent.structure !== 'program') return [{ at: 'parentId', message: 'Only a program can be a parent.' }];
  // Walk up from the parent; meeting the item itself means a cycle.
  const visited = new Set<string>();
  for (let cur: typeof parent | undefined = parent; cur; cur = cur.parentId ? ctx.items.get(cur.parentId) : undefined) {
    if (cur.id === item.id || visited.has(cur.id)) return [{ at: 'parentId', message: 'A program cannot be its own ancestor.' }];
    visited.add(cur.id);
  }
  return [];
}

const withHealth = (base: Health, change: Partial<Health> | undefined): Health => {
  if (!change) return base;
  const next = { ...base };
  for (const d of HEALTH_DIMENSIONS) if (change[d] !== undefined) next[d] = change[d];
  return next;
};

const healthChanged = (a: Health, b: Health): boolean => HEALTH_DIMENSIONS.some((d) => a[d] !== b[d]);
const sameBenefits = (a: Benefits | undefined, b: Benefits | undefined): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether a change reports status: health, benefits or the status note differ from the stored ones. */
const statusChanged = (existing: WorkItem, health: Health, patch: WorkItemPatch): boolean =>
  healthChanged(existing.health, health) ||
  (patch.statusNote !== undefined && patch.statusNote !== (existing.statusNote ?? '')) ||
  (patch.benefits !== undefined && !sameBenefits(patch.benefits, existing.benefits));

/** Builds a new work item, enforcing the portfolio rules. */
export function createWorkItem(id: string, input: WorkItemInput, ctx: PortfolioContext): Result<WorkItem> {
  const now = ctx.now.toISOString();
  const health = withHealth(unknownHealth(), input.health);
  const reported = input.health !== undefined && Object.keys(input.health).length > 0;
  const item: WorkItem = {
    tenantId: ctx.tenantId,
    id,
    domainId: input.domainId,
    title: input.title.trim(),
    structure: input.structure,
    mode: input.mode,
    stage: input.stage.trim(),
    owner: input.owner,
    ...(input.parentId ? { parentId: input.parentId } : {}),
    startDate: input.startDate,
    endDate: input.endDate,
    objectives: input.objectives,
    health,
    ...(reported ? { statusReportedAt: now } : {}),
    ...(input.statusNote ? { statusNote: input.statusNote } : {}),
    ...(input.benefits ? { benefits: input.benefits } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const problems = checkRules(item, ctx);
  return problems.length > 0 ? invalid('The work item breaks portfolio rules.', problems) : ok(item);
}

/**
 * Applies a change. A status report is new health, benefits or a new status note: only a change
 * to one of those stamps a fresh status date (so the item stops showing as stale). Moving the
 * stage, dates or owner, or sending the stored values again, reports nothing.
 */
export function updateWorkItem(existing: WorkItem, patch: WorkItemPatch, ctx: PortfolioContext): Result<WorkItem> {
  const now = ctx.now.toISOString();
  const health = withHealth(existing.health, patch.health);
  const { parentId: _drop, ...rest } = existing;
  const parentId = patch.parentId === null ? undefined : (patch.parentId ?? existing.parentId);
  const next: WorkItem = {
    ...rest,
    ...(patch.title !== undefined ? { title: patch.title.trim() } : {}),
    ...(patch.domainId !== undefined ? { domainId: patch.domainId } : {}),
    ...(patch.structure !== undefined ? { structure: patch.structure } : {}),
    ...(patch.mode !== undefined ? { mode: patch.mode } : {}),
    ...(patch.stage !== undefined ? { stage: patch.stage.trim() } : {}),
    ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
    ...(patch.startDate !== undefined ? { startDate: patch.startDate } : {}),
    ...(patch.endDate !== undefined ? { endDate: patch.endDate } : {}),
    ...(patch.objectives !== undefined ? { objectives: patch.objectives } : {}),
    ...(patch.statusNote !== undefined ? { statusNote: patch.statusNote } : {}),
    ...(patch.benefits !== undefined ? { benefits: patch.benefits } : {}),
    ...(parentId !== undefined ? { parentId } : {}),
    health,
    ...(statusChanged(existing, health, patch) ? { statusReportedAt: now } : {}),
    updatedAt: now,
  };
  // A program's children live in its domain: it may neither stop being a program nor leave the
  // domain while it has any, or they would name a parent that is no program or one elsewhere.
  if (existing.structure === 'program' && [...ctx.items.values()].some((i) => i.parentId === existing.id)) {
    if (next.structure !== 'program') {
      return invalid('The work item breaks portfolio rules.', [{ at: 'structure', message: 'This program still parents other items; move them first.' }]);
    }
    if (next.domainId !== existing.domainId) {
      return invalid('The work item breaks portfolio rules.', [
        { at: 'domainId', message: 'This program still parents other items in its domain; take them out of the program before moving it, then move them after it.' },
      ]);
    }
  }
  const problems = checkRules(next, ctx, existing.objectives, next.parentId === existing.parentId && next.domainId === existing.domainId);
  return problems.length > 0 ? invalid('The work item breaks portfolio rules.', problems) : ok(next);
}
