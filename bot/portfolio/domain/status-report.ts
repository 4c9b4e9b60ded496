/**
 * Status reports: each time a work item's health, benefits, stage or status note changes, the
 * portfolio keeps a report, so its history can be charted (never overwritten).
 */
import { type Health, type Person, type Rag, type WorkItem, HEALTH_DIMENSIONS, overallHealth } from './portfolio';

/** How a status report reached the portfolio. */
export type StatusSource = 'tab' | 'import' | 'check-in' | 'card';

export interface StatusReport {
  readonly at: string;
  readonly by: Person;
  readonly source: StatusSource;
  readonly health: Health;
  readonly overall: Rag;
  readonly stage: string;
  readonly benefits?: WorkItem['benefits'];
  readonly note?: string;
  /** The check-in round the report answered (source `check-in`). */
  readonly checkInId?: string;
}

const sameBenefits = (a: WorkItem['benefits'], b: WorkItem['benefits']): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Whether the change from `before` to `after` is something a status report records. */
export function reportsStatus(before: WorkItem | undefined, after: WorkItem): boolean {
  if (!before) return true;
  return (
    HEALTH_DIMENSIONS.some((d) => before.health[d] !== after.health[d]) ||
    !sameBenefits(before.benefits, after.benefits) ||
    before.stage !== after.stage ||
    before.statusNote !== after.statusNote
  );
}

/** The report an item write makes, or undefined when the write changes nothing reported. */
export function statusReportFor(before: WorkItem | undefined, after: WorkItem, by: Person, source: StatusSource, at: Date): StatusReport | undefined {
  if (!reportsStatus(before, after)) return undefined;
  return {
    at: at.toISOString(),
    by,
    source,
    health: after.health,
    overall: overallHealth(after.health),
    stage: after.stage,
    ...(after.benefits ? { benefits: after.benefits } : {}),
    ...(after.statusNote ? { note: after.statusNote } : {}),
  };
}
