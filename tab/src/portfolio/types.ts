/**
 * Portfolio view types and display labels. Domain types come from the server's domain
 * core (types only); the value lists are repeated here, checked against those types, so
 * the tab bundle carries no server code.
 */
import type { DeliveryMode, HealthDimension, Rag, Structure } from '../../../bot/portfolio/domain/portfolio';
import type { SignalState, WorkItemView } from '../../../bot/api-contract/portfolio';

export type { DeliveryMode, HealthDimension, Rag, Structure, WorkItemView };
export type { PortfolioResponse } from '../../../bot/api-contract/portfolio';
export type { StrategicObjective } from '../../../bot/portfolio/domain/portfolio';

/** Fails to compile when `List` misses a member of `Union`. */
type Exhaustive<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never;

const structures = ['program', 'project', 'product', 'capability'] as const;
const modes = ['traditional', 'agile', 'lightweight'] as const;
const rags = ['green', 'amber', 'red', 'unknown'] as const;
const dims = ['schedule', 'cost', 'scope', 'benefit'] as const;

export const STRUCTURES: Exhaustive<Structure, typeof structures> = structures;
export const MODES: Exhaustive<DeliveryMode, typeof modes> = modes;
/** RAG values, worst-last for display; sorting uses `RAG_SEVERITY`. */
export const RAGS: Exhaustive<Rag, typeof rags> = rags;
export const DIMENSIONS: Exhaustive<HealthDimension, typeof dims> = dims;

export const STRUCTURE_LABELS: Readonly<Record<Structure, string>> = {
  program: 'Program',
  project: 'Project',
  product: 'Product',
  capability: 'Capability',
};

export const MODE_LABELS: Readonly<Record<DeliveryMode, string>> = {
  traditional: 'Traditional',
  agile: 'Agile',
  lightweight: 'Lightweight',
};

export const RAG_LABELS: Readonly<Record<Rag, string>> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
  unknown: 'Unknown',
};

export const DIMENSION_LABELS: Readonly<Record<HealthDimension, string>> = {
  schedule: 'Schedule',
  cost: 'Cost',
  scope: 'Scope',
  benefit: 'Benefit',
};

/** Same order as the server's overall-health rule: not reporting is worse than green. */
export const RAG_SEVERITY: Readonly<Record<Rag, number>> = { green: 0, unknown: 1, amber: 2, red: 3 };

export type GroupBy = 'none' | 'structure' | 'mode' | 'objective';

export const GROUP_BYS: Exhaustive<GroupBy, readonly ['none', 'structure', 'mode', 'objective']> = ['none', 'structure', 'mode', 'objective'];

export const GROUP_BY_LABELS: Readonly<Record<GroupBy, string>> = {
  none: 'No grouping',
  structure: 'Structure',
  mode: 'Delivery mode',
  objective: 'Objective',
};

export interface PortfolioFilters {
  readonly structures: readonly Structure[];
  readonly modes: readonly DeliveryMode[];
  /** Overall health values to keep. */
  readonly health: readonly Rag[];
  /** Benefit-dimension health values to keep (the on-benefit tile sets `green`). */
  readonly benefit: readonly Rag[];
  /** Objective ids to keep; `NO_OBJECTIVE` keeps items aligned to none. */
  readonly objectives: readonly string[];
  /** Only items whose status is stale (the server decides; finished items never are). */
  readonly stale: boolean;
  /** Only items named by open signals. */
  readonly openSignals: boolean;
  /** Only items with an open signal in one of these states (the "open signals · <state>" tiles). */
  readonly signalStates: readonly SignalState[];
  /** Only items whose team has not answered an active strategy change. */
  readonly unanswered: boolean;
  /** Only items whose team has not answered its check-in by the due time. */
  readonly checkInOverdue: boolean;
  /** Free text matched against title, owner and stage. */
  readonly search: string;
}

/** The objective filter's value for items aligned to no objective. */
export const NO_OBJECTIVE = 'none';

export const NO_FILTERS: PortfolioFilters = {
  structures: [],
  modes: [],
  health: [],
  benefit: [],
  objectives: [],
  stale: false,
  openSignals: false,
  signalStates: [],
  unanswered: false,
  checkInOverdue: false,
  search: '',
};

/** Columns the grid can sort by; the URL names them. */
export const SORT_COLUMNS = [
  'title',
  'structure',
  'mode',
  'objectives',
  'owner',
  'stage',
  'schedule',
  'cost',
  'scope',
  'benefit',
  'overall',
  'statusAge',
  'openSignals',
  'unansweredChanges',
] as const;

export type SortColumn = (typeof SORT_COLUMNS)[number];

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  readonly column: SortColumn;
  readonly direction: SortDirection;
}

export interface ItemGroup {
  readonly key: string;
  /** Heading text, e.g. `Program` or `OBJ-2 · Grow digital revenue`. */
  readonly label: string;
  readonly items: readonly WorkItemView[];
}
