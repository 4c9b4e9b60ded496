/**
 * The portfolio: domains (each with its PMO), strategic objectives and the work items
 * (investments) that align to them. PRODUCT.md §2.
 */

/** A business area with its own PMO (IT, HR, Finance…). */
export interface Domain {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** Days after which a work item's status report is shown as stale. */
  readonly freshnessDays: number;
  /** When the domain's teams are asked for their status (PRODUCT.md §2); absent: `DEFAULT_CHECK_IN_CADENCE`. */
  readonly checkInCadence?: CheckInCadence;
  readonly createdAt: string;
}

export const DEFAULT_FRESHNESS_DAYS = 14;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A domain's check-in cadence: every week on `weekday` at `time` in `timeZone`, the items of the
 * domain not reported within `skipReportedWithinDays` are asked for their status. Set by the
 * domain's PMO lead (or a tenant admin); `enabled: false` stops the schedule, not manual requests.
 */
export interface CheckInCadence {
  readonly enabled: boolean;
  readonly weekday: Weekday;
  /** Local time of day, `HH:MM` (24 h). */
  readonly time: string;
  /** IANA time zone, e.g. `Europe/London`. */
  readonly timeZone: string;
  /** Hours the teams have to answer before the check-in is overdue. */
  readonly answerWithinHours: number;
  /** Hours before the due time the one reminder goes out. */
  readonly remindHoursBefore: number;
}

export const DEFAULT_CHECK_IN_CADENCE: CheckInCadence = {
  enabled: true,
  weekday: 'monday',
  time: '09:00',
  timeZone: 'UTC',
  answerWithinHours: 48,
  remindHoursBefore: 24,
};

export const OBJECTIVE_STATUSES = ['active', 'retired'] as const;
/** A retired objective stays on the items aligned to it but takes no new alignments. */
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];

/** A goal owned by a strategy owner, with a priority (1 = highest). */
export interface StrategicObjective {
  readonly tenantId: string;
  readonly id: string;
  /** Short code shown in grids, e.g. `OBJ-3`. */
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly ownerId: string;
  readonly ownerName: string;
  readonly priority: number;
  /** Absent on records written before objectives could be retired: they are active. */
  readonly status?: ObjectiveStatus;
  readonly createdAt: string;
}

/** An objective's status, reading records from before retirement existed as active. */
export const objectiveStatus = (o: Pick<StrategicObjective, 'status'>): ObjectiveStatus => o.status ?? 'active';

export const STRUCTURES = ['program', 'project', 'product', 'capability'] as const;
export type Structure = (typeof STRUCTURES)[number];

export const DELIVERY_MODES = ['traditional', 'agile', 'lightweight'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const HEALTH_DIMENSIONS = ['schedule', 'cost', 'scope', 'benefit'] as const;
export type HealthDimension = (typeof HEALTH_DIMENSIONS)[number];

export const RAG_VALUES = ['green', 'amber', 'red', 'unknown'] as const;
export type Rag = (typeof RAG_VALUES)[number];

export type Health = Readonly<Record<HealthDimension, Rag>>;

export interface Quantity {
  readonly value: number;
  /** e.g. `GBP k`, `hours/month`, `NPS points`. */
  readonly unit: string;
}

export interface Benefits {
  readonly planned: Quantity;
  readonly realised: Quantity;
}

export interface ObjectiveAlignment {
  readonly objectiveId: string;
  /** Contribution weight in percent, 1–100. */
  readonly weight: number;
}

export interface Person {
  /** Entra object id, when known. */
  readonly userId?: string;
  readonly displayName: string;
}

/** An investment in the portfolio. */
export interface WorkItem {
  readonly tenantId: string;
  readonly id: string;
  readonly domainId: string;
  readonly title: string;
  readonly structure: Structure;
  readonly mode: DeliveryMode;
  readonly stage: string;
  readonly owner: Person;
  /** Only a program can be a parent. */
  readonly parentId?: string;
  /** ISO dates, `YYYY-MM-DD`. */
  readonly startDate: string;
  readonly endDate: string;
  readonly objectives: readonly ObjectiveAlignment[];
  readonly health: Health;
  /** When the health was last reported (ISO timestamp); absent when never. */
  readonly statusReportedAt?: string;
  readonly statusNote?: string;
  readonly benefits?: Benefits;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** How bad each value is: overall health is the worst dimension. Not reporting is worse than green. */
const SEVERITY: Readonly<Record<Rag, number>> = { green: 0, unknown: 1, amber: 2, red: 3 };

/** Overall health is the worst of the four dimensions. */
export function overallHealth(health: Health): Rag {
  return HEALTH_DIMENSIONS.map((d) => health[d]).reduce((worst, rag) =>
    SEVERITY[rag] > SEVERITY[worst] ? rag : worst,
  );
}

export const unknownHealth = (): Health => ({ schedule: 'unknown', cost: 'unknown', scope: 'unknown', benefit: 'unknown' });

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar day of an ISO timestamp, as a day number (days since 1970-01-01). */
export const utcDay = (iso: string | Date): number => Math.floor((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) / DAY_MS);

/**
 * Whole calendar days (UTC) since the status was reported, or undefined when it never was.
 * Counting calendar days, not 24-hour spans, lets the stored projection bucket reports by day
 * and still say exactly which items are stale now.
 */
export function statusAgeDays(item: Pick<WorkItem, 'statusReportedAt'>, now: Date): number | undefined {
  if (!item.statusReportedAt) return undefined;
  return Math.max(0, utcDay(now) - utcDay(item.statusReportedAt));
}

/** Stages that end an item's life: nothing more is reported on it, so it is never stale. */
const FINISHED_STAGES = new Set(['done', 'closed']);

/** Whether the item is finished: its stage is exactly done or closed, ignoring case and surrounding spaces ("Not done" is not). The one rule the stale flag, the KPIs and the projection use. */
export const isFinished = (item: Pick<WorkItem, 'stage'>): boolean => FINISHED_STAGES.has(item.stage.trim().toLowerCase());

/**
 * A status is stale when never reported or older than the domain's freshness window;
 * a finished item is never stale.
 */
export function isStale(item: Pick<WorkItem, 'statusReportedAt' | 'stage'>, domain: Pick<Domain, 'freshnessDays'>, now: Date): boolean {
  if (isFinished(item)) return false;
  const age = statusAgeDays(item, now);
  return age === undefined || age > domain.freshnessDays;
}

/**
 * On-benefit means the team reports the benefit dimension green. Items that have not
 * reported benefit health are left out of the percentage rather than counted as failing.
 */
export function isOnBenefit(item: Pick<WorkItem, 'health'>): boolean | undefined {
  const b = item.health.benefit;
  return b === 'unknown' ? undefined : b === 'green';
}

/** Headline figures for a portfolio page. */
export interface PortfolioKpis {
  readonly total: number;
  readonly byOverall: Readonly<Record<Rag, number>>;
  /** Percentage (0–100) of items reporting benefit that are on-benefit; undefined when none report. */
  readonly onBenefitPercent?: number;
  readonly stale: number;
}
