/**
 * A check-in answer reaching the portfolio (PRODUCT.md §5): the item's health, stage, benefit
 * realised and note as the team answered, and a status report naming the check-in. Who may
 * answer is the check-ins feature's rule, checked before this is called; here only the write.
 */
import type { Health, Person, WorkItem } from '../domain/portfolio';
import { overallHealth } from '../domain/portfolio';
import type { StatusReport } from '../domain/status-report';
import { type Result, fail, ok } from '../../kernel/result';
import type { PortfolioRepositories } from '../ports';

export interface CheckInStatus {
  readonly tenantId: string;
  readonly workItemId: string;
  /** The round answered; the item's history names it, and records it once. */
  readonly checkInId: string;
  readonly by: Person;
  readonly at: Date;
  readonly health: Health;
  readonly stage: string;
  /** In the unit of the item's planned benefit; ignored when it plans none. */
  readonly benefitRealised?: number;
  readonly note: string;
}

/** Attempts at the item write; each retry follows a concurrent edit of the item. */
const MAX_ATTEMPTS = 5;

function answered(item: WorkItem, s: CheckInStatus): WorkItem {
  const { statusNote: _note, ...rest } = item;
  const note = s.note.trim();
  return {
    ...rest,
    health: s.health,
    stage: s.stage,
    ...(item.benefits ? { benefits: { planned: item.benefits.planned, realised: { value: s.benefitRealised ?? item.benefits.realised.value, unit: item.benefits.planned.unit } } } : {}),
    ...(note ? { statusNote: note } : {}),
    statusReportedAt: s.at.toISOString(),
    updatedAt: s.at.toISOString(),
  };
}

function reportOf(item: WorkItem, s: CheckInStatus): StatusReport {
  return {
    at: s.at.toISOString(),
    by: s.by,
    source: 'check-in',
    health: item.health,
    overall: overallHealth(item.health),
    stage: item.stage,
    ...(item.benefits ? { benefits: item.benefits } : {}),
    ...(item.statusNote ? { note: item.statusNote } : {}),
    checkInId: s.checkInId,
  };
}

/**
 * Writes the answer on the item with its report, re-reading on a concurrent edit. Once per
 * answer: a retry after a failure, or two at once, write one report. Every check-in answer is a
 * report, even one that changes nothing.
 */
export async function recordCheckInStatus(repos: Pick<PortfolioRepositories, 'workItems'>, s: CheckInStatus): Promise<Result<WorkItem>> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const current = await repos.workItems.get(s.tenantId, s.workItemId);
    if (!current) return fail('NOT_FOUND', 'The work item of this check-in no longer exists; nothing was recorded.');
    // Writing the answer sets the status date to its time, in the same write as its report: a
    // date at or after it means this answer is recorded (or a newer status overtook it).
    const reportedAt = current.value.statusReportedAt;
    if (reportedAt !== undefined && Date.parse(reportedAt) >= s.at.getTime()) return ok(current.value);
    const next = answered(current.value, s);
    const saved = await repos.workItems.update({ item: next, report: reportOf(next, s) }, current.etag);
    if (saved.ok) return ok(saved.value.value);
    if (saved.error.code !== 'CONFLICT.STALE') return saved;
  }
  return fail('CONFLICT.STALE', 'The work item kept changing while the check-in was recorded; send the check-in again.');
}
