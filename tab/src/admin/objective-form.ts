/** The objective form's values as typed, what the tab can see is wrong with them, and the body they become. */
import type { ObjectiveBody, ObjectiveResponse, PersonResponse } from './api';

export interface ObjectiveDraft {
  readonly code: string;
  readonly title: string;
  readonly description: string;
  readonly priority: string;
  readonly ownerId: string;
  readonly ownerName: string;
}

export type ObjectiveField = 'code' | 'title' | 'description' | 'priority' | 'ownerId';
export type ObjectiveProblems = Partial<Record<ObjectiveField, string>>;

export const objectiveDraftOf = (o: ObjectiveResponse | undefined, nextPriority: number): ObjectiveDraft => ({
  code: o?.code ?? '',
  title: o?.title ?? '',
  description: o?.description ?? '',
  priority: String(o?.priority ?? nextPriority),
  ownerId: o?.ownerId ?? '',
  ownerName: o?.ownerName ?? '',
});

/** Who may own an objective: strategy owners (PRODUCT.md §2; the server refuses anyone else). */
export const strategyPeople = (people: readonly PersonResponse[]): PersonResponse[] => people.filter((p) => p.roles.some((r) => r.role === 'strategy_owner'));

/**
 * What is wrong with the draft: the code unique among `otherCodes`, priority from 1 to `maxPriority`
 * (the number of objectives once this one is counted).
 */
export function objectiveProblems(d: ObjectiveDraft, otherCodes: readonly string[], maxPriority: number): ObjectiveProblems {
  const p: { -readonly [K in ObjectiveField]?: string } = {};
  const code = d.code.trim();
  if (!code) p.code = 'Give the objective a short code, e.g. OBJ-4.';
  else if (!/^[A-Za-z0-9-]{1,20}$/.test(code)) p.code = 'Use up to 20 letters, digits and hyphens.';
  else if (otherCodes.some((c) => c.toLowerCase() === code.toLowerCase())) p.code = `An objective with code "${code}" already exists. Choose another code.`;
  if (!d.title.trim()) p.title = 'Give the objective a title.';
  else if (d.title.trim().length > 200) p.title = 'Use at most 200 characters.';
  if (d.description.length > 2000) p.description = 'Use at most 2000 characters.';
  const n = Number(d.priority);
  if (!Number.isInteger(n) || n < 1 || n > maxPriority) p.priority = `Enter a priority from 1 (highest) to ${maxPriority}.`;
  if (!d.ownerId) p.ownerId = 'Choose the strategy owner who owns it.';
  return p;
}

export const objectiveBodyOf = (d: ObjectiveDraft): ObjectiveBody => ({
  code: d.code.trim(),
  title: d.title.trim(),
  description: d.description.trim(),
  priority: Number(d.priority),
  ownerId: d.ownerId,
  ownerName: d.ownerName,
});
