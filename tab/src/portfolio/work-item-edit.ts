/**
 * Editing a work item as values the form holds, and what a save conflict means in them: which
 * fields the other person changed (base → current), which the user changed (base → form), and
 * the user's changes laid on top of the current version, so reapplying never undoes the other
 * person's work on fields the user did not touch.
 */
import { formatDate } from '../shared/dates';
import { DIMENSIONS, DIMENSION_LABELS, type HealthDimension, RAG_LABELS, type Rag, type WorkItemView } from './types';
import type { WorkItemEdit } from './useWorkItemMutations';

/** The editable fields as the form's inputs hold them (numbers as typed). */
export interface EditValues {
  readonly stage: string;
  readonly owner: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly health: Readonly<Record<HealthDimension, Rag>>;
  readonly note: string;
  readonly planned: string;
  readonly realised: string;
  readonly unit: string;
}

type Scalar = Exclude<keyof EditValues, 'health'>;
const SCALARS: readonly Scalar[] = ['stage', 'owner', 'startDate', 'endDate', 'note', 'planned', 'realised', 'unit'];

const SCALAR_LABELS: Readonly<Record<Scalar, string>> = {
  stage: 'Stage',
  owner: 'Owner',
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
    owner: item.owner.displayName,
    startDate: item.startDate,
    endDate: item.endDate,
    health: item.health,
    note: item.statusNote ?? '',
    planned: item.benefits ? String(item.benefits.planned.value) : '',
    realised: item.benefits ? String(item.benefits.realised.value) : '',
    unit: item.benefits?.planned.unit ?? '',
  };
}

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));

/** The PATCH body for `values`; the owner keeps its identity while its name is unchanged. */
export function toPatch(values: EditValues, base: WorkItemView): WorkItemEdit {
  const owner = values.owner.trim() === base.owner.displayName ? base.owner : { displayName: values.owner.trim() };
  const hasBenefits = values.planned.trim() !== '' || values.realised.trim() !== '';
  const unit = values.unit.trim();
  return {
    stage: values.stage.trim(),
    owner,
    startDate: values.startDate,
    endDate: values.endDate,
    health: values.health,
    statusNote: values.note.trim(),
    ...(hasBenefits ? { benefits: { planned: { value: num(values.planned || '0'), unit }, realised: { value: num(values.realised || '0'), unit } } } : {}),
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

/** Every field that differs from `from` to `to`, in form order. */
export function differences(from: EditValues, to: EditValues): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of SCALARS.slice(0, 4)) {
    if (from[field].trim() !== to[field].trim()) changes.push({ field: SCALAR_LABELS[field], before: shown(field, from[field]), after: shown(field, to[field]) });
  }
  for (const d of DIMENSIONS) {
    if (from.health[d] !== to.health[d]) changes.push({ field: `${DIMENSION_LABELS[d]} health`, before: RAG_LABELS[from.health[d]], after: RAG_LABELS[to.health[d]] });
  }
  for (const field of SCALARS.slice(4)) {
    if (from[field].trim() !== to[field].trim()) changes.push({ field: SCALAR_LABELS[field], before: shown(field, from[field]), after: shown(field, to[field]) });
  }
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
    owner: pick('owner'),
    startDate: pick('startDate'),
    endDate: pick('endDate'),
    health,
    note: pick('note'),
    planned: pick('planned'),
    realised: pick('realised'),
    unit: pick('unit'),
  };
}
