/**
 * Status history of the demo's work items, so the item panel's chart has a story to tell: each
 * reported item gets two earlier reports, a fortnight apart, a step healthier than the last
 * (things drifted), with benefits realised growing towards today's.
 */
import { type Health, type Rag, type StatusReport, type WorkItem, overallHealth } from '../portfolio';

const DAY_MS = 86_400_000;
const BETTER: Readonly<Record<Rag, Rag>> = { red: 'amber', amber: 'green', green: 'green', unknown: 'unknown' };

const better = (h: Health): Health => ({ schedule: BETTER[h.schedule], cost: BETTER[h.cost], scope: BETTER[h.scope], benefit: BETTER[h.benefit] });

function report(item: WorkItem, at: number, health: Health, share: number): StatusReport {
  const benefits = item.benefits && { ...item.benefits, realised: { ...item.benefits.realised, value: Math.round(item.benefits.realised.value * share) } };
  return {
    at: new Date(at).toISOString(),
    by: item.owner,
    source: 'tab',
    health,
    overall: overallHealth(health),
    stage: item.stage,
    ...(benefits ? { benefits } : {}),
    ...(share === 1 && item.statusNote ? { note: item.statusNote } : {}),
  };
}

/** Reports by item id, oldest first, ending with the item's current status. */
export function demoHistory(items: readonly WorkItem[]): Map<string, StatusReport[]> {
  const out = new Map<string, StatusReport[]>();
  for (const item of items) {
    if (!item.statusReportedAt) continue;
    const last = Date.parse(item.statusReportedAt);
    const middle = better(item.health);
    out.set(item.id, [report(item, last - 28 * DAY_MS, better(middle), 0.5), report(item, last - 14 * DAY_MS, middle, 0.75), report(item, last, item.health, 1)]);
  }
  return out;
}
