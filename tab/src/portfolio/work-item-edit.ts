/**
 * Editing a work item as values the form holds, and what a save conflict means in them: which
 * fields the other person changed (base → current), which the user changed (base → form), and
 * the user's changes laid on top of the current version, so reapplying never undoes the other
 * person's work on fields the user did not touch.
 */
import type { Person } from '../../../bot/portfolio/domain/portfolio';
import { formatDate } from '../shared/dates';
import { DIMENSIONS, DIMENSION_LABELS, type HealthDimension, RAG_LABELS, type Rag, type StrategicObjective, type WorkItemView } from './types';
import type { WorkItemEdit } from './useWorkItemMutations';

/** An objective the item serves, with its weight as typed. */
export interface AlignmentValue {
  readonly objectiveId: string;
  readonly weight: string;
}

/** The editable fields as the form's inputs hold them (numbers as typed). */
export interface EditValues {
  readonly stage: string;
  /** A person from the directory (with their id), or a name typed in. */
  readonly owner: Person;
  readonly startDate: string;
  readonly endDate: string;
  readonly health: Readonly<Record<HealthDimension, Rag>>;
  readonly note: string;
  readonly planned: string;
  readonly realised: string;
  readonly unit: string;
  readonly objectives: readonly AlignmentValue[];
}

type Scalar = Exclude<keyof EditValues, 'health' | 'owner' | 'objectives'>;
const SCALARS: readonly Scalar[] = ['stage', 'startDate', 'endDate', 'note', 'planned', 'realised', 'unit'];

const SCALAR_LABELS: Readonly<Record<Scalar, string>> = {
  stage: 'Stage',
  startDate: 'Start date',
  endDate: 'End date',
  note: 'Status note',
  planned: 'Planned benefit',
  realised: 'Realised benefit',
  unit: 'Benefit unit',
};

export function editValues(item: WorkItemView): EditValues {
  return {
    stage: item.stage,
    owner: item.owner,
    startDate: item.startDate,
    endDate: item.endDate,
    health: item.health,
    note: item.statusNote ?? '',
    planned: item.benefits ? String(item.benefits.planned.value) : '',
    realised: item.benefits ? String(item.benefits.realised.value) : '',
    unit: item.benefits?.planned.unit ?? '',
    objectives: item.objectives.map((o) => ({ objectiveId: o.objectiveId, weight: String(o.weight) })),
  };
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));

const sameOwner = (a: Person, b: Person): boolean => a.displayName.trim() === b.displayName.trim() && a.userId === b.userId;
const alignmentText = (list: readonly AlignmentValue[]): string => list.map((o) => `${o.objectiveId}:${o.weight.trim()}`).join(',');

/** The alignment as the server takes it. */
export const alignmentOf = (list: readonly AlignmentValue[]): { objectiveId: string; weight: number }[] => list.map((o) => ({ objectiveId: o.objectiveId, weight: num(o.weight) }));

/**
 * The PATCH body for `values`: only the fields that differ from `base`. Health, benefits and the
 * note are the status report, so sending them unchanged would count as reporting; the server
 * ignores unchanged values too, but the tab never claims a report the user did not make.
 */
export function toPatch(values: EditValues, base: WorkItemView): WorkItemEdit {
  const was = editValues(base);
  const changed = (k: Scalar): boolean => values[k].trim() !== was[k].trim();
  const health = Object.fromEntries(DIMENSIONS.filter((d) => values.health[d] !== was.health[d]).map((d) => [d, values.health[d]]));
  const hasBenefits = values.planned.trim() !== '' || values.realised.trim() !== '';
  const unit = values.unit.trim();
  const benefitsChanged = changed('planned') || changed('realised') || changed('unit');
  return {
    ...(changed('stage') ? { stage: values.stage.trim() } : {}),
    ...(!sameOwner(values.owner, was.owner) ? { owner: { ...(values.owner.userId ? { userId: values.owner.userId } : {}), displayName: values.owner.displayName.trim() } } : {}),
    ...(changed('startDate') ? { startDate: values.startDate } : {}),
    ...(changed('endDate') ? { endDate: values.endDate } : {}),
    ...(alignmentText(values.objectives) !== alignmentText(was.objectives) ? { objectives: alignmentOf(values.objectives) } : {}),
    ...(Object.keys(health).length > 0 ? { health } : {}),
    ...(changed('note') ? { statusNote: values.note.trim() } : {}),
    ...(benefitsChanged && hasBenefits ? { benefits: { planned: { value: num(values.planned || '0'), unit }, realised: { value: num(values.realised || '0'), unit } } } : {}),
  };
}

/** One field that differs between two versions, as a person reads it. */
export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

const shown = (field: Scalar, value: string): string => {
  if (value.trim() === '') return '(empty)';
  return field === 'startDate' || field === 'endDate' ? formatDate(value) : value;
};

const alignmentShown = (list: readonly AlignmentValue[], names: ReadonlyMap<string, string>): string =>
  list.length === 0 ? '(none)' : list.map((o) => `${names.get(o.objectiveId) ?? o.objectiveId} ${o.weight.trim()}%`).join(', ');

/** Every field that differs from `from` to `to`, in form order; `objectives` names the objectives by code. */
export function differences(from: EditValues, to: EditValues, objectives: readonly StrategicObjective[] = []): FieldChange[] {
  const changes: FieldChange[] = [];
  const scalar = (field: Scalar) => {
    if (from[field].trim() !== to[field].trim()) changes.push({ field: SCALAR_LABELS[field], before: shown(field, from[field]), after: shown(field, to[field]) });
  };
  scalar('stage');
  if (!sameOwner(from.owner, to.owner)) changes.push({ field: 'Owner', before: from.owner.displayName, after: to.owner.displayName });
  scalar('startDate');
  scalar('endDate');
  if (alignmentText(from.objectives) !== alignmentText(to.objectives)) {
    const names = new Map(objectives.map((o) => [o.id, o.code]));
    changes.push({ field: 'Objectives', before: alignmentShown(from.objectives, names), after: alignmentShown(to.objectives, names) });
  }
  for (const d of DIMENSIONS) {
    if (from.health[d] !== to.health[d]) changes.push({ field: `${DIMENSION_LABELS[d]} health`, before: RAG_LABELS[from.health[d]], after: RAG_LABELS[to.health[d]] });
  }
  for (const field of SCALARS.slice(3)) scalar(field);
  return changes;
}

/**
 * The user's edit (`mine`, made on `base`) laid on `current`: each field the user changed takes
 * the user's value, every other field the current one.
 */
export function reapply(mine: EditValues, base: EditValues, current: EditValues): EditValues {
  const pick = <K extends Scalar>(k: K): string => (mine[k].trim() !== base[k].trim() ? mine[k] : current[k]);
  const health = Object.fromEntries(DIMENSIONS.map((d) => [d, mine.health[d] !== base.health[d] ? mine.health[d] : current.health[d]])) as Record<HealthDimension, Rag>;
  return {
    stage: pick('stage'),
    owner: sameOwner(mine.owner, base.owner) ? current.owner : mine.owner,
    startDate: pick('startDate'),
    endDate: pick('endDate'),
    health,
    note: pick('note'),
    planned: pick('planned'),
    realised: pick('realised'),
    unit: pick('unit'),
    objectives: alignmentText(mine.objectives) !== alignmentText(base.objectives) ? mine.objectives : current.objectives,
  };
}

/** Whether the form holds anything the user would lose by closing it. */
export const isDirty = (values: EditValues, base: EditValues): boolean => differences(base, values).length > 0;

/** What is wrong with an alignment, in the form's words: per objective, and for the whole. */
export interface AlignmentProblems {
  readonly byObjective: ReadonlyMap<string, string>;
  readonly total?: string;
}

/** The same rules the server applies (weights 1–100, each objective once, at most 100% in all), said before saving. */
export function alignmentProblems(list: readonly AlignmentValue[], objectives: readonly StrategicObjective[]): AlignmentProblems {
  const codes = new Map(objectives.map((o) => [o.id, o.code]));
  const byObjective = new Map<string, string>();
  const seen = new Set<string>();
  let total = 0;
  for (const a of list) {
    const code = codes.get(a.objectiveId) ?? a.objectiveId;
    const w = num(a.weight);
    if (seen.has(a.objectiveId)) byObjective.set(a.objectiveId, `${code} is listed twice; keep it once.`);
    else if (!Number.isInteger(w) || w < 1 || w > 100) byObjective.set(a.objectiveId, `Give ${code} a whole-number weight from 1 to 100.`);
    seen.add(a.objectiveId);
    if (Number.isFinite(w)) total += w;
  }
  return { byObjective, ...(total > 100 ? { total: `The weights add up to ${total}%; together they can be at most 100%.` } : {}) };
}

export const hasProblems = (p: AlignmentProblems): boolean => p.byObjective.size > 0 || p.total !== undefined;

/** The alignment in the objectives' priority order (the order the form and the panel list them in). */
export function inPriorityOrder(list: readonly AlignmentValue[], objectives: readonly StrategicObjective[]): AlignmentValue[] {
  const rank = new Map(objectives.map((o, i) => [o.id, i]));
  return [...list].sort((a, b) => (rank.get(a.objectiveId) ?? Infinity) - (rank.get(b.objectiveId) ?? Infinity));
}
