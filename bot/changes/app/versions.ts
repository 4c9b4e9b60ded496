/** The versions of a change, and where one version stands: recipients, responses, outcomes. */
import type { Result } from '../../kernel/result';
import { notFound, ok } from '../../kernel/result';
import type { ChangeResponse, StrategyChange } from '../domain/strategy-change';
import { type RecipientOutcome, recipientOutcome, rollUp } from '../domain/change-responses';
import type { ChangeRecipientRecord } from '../ports';
import type { Versioned } from '../../kernel/versioned';
import type { ChangeDeps } from './deps';

/** The latest version (the one people act on) and all versions, newest first. */
export async function loadChange(
  deps: Pick<ChangeDeps, 'stores'>,
  tenantId: string,
  id: string,
): Promise<Result<{ readonly latest: Versioned<StrategyChange>; readonly versions: Versioned<StrategyChange>[] }>> {
  const versions = await deps.stores.changes.versions(tenantId, id);
  const latest = versions[0];
  if (!latest) return notFound(`The strategy change ${id}`);
  return ok({ latest, versions });
}

/** The version people respond to and are counted on: the latest that is not a draft. */
export const liveVersion = (versions: readonly Versioned<StrategyChange>[]): Versioned<StrategyChange> | undefined =>
  versions.find((v) => v.value.state !== 'draft');

export interface RecipientState {
  readonly record: Versioned<ChangeRecipientRecord>;
  readonly responses: readonly ChangeResponse[];
  readonly outcome: RecipientOutcome;
}

export interface VersionStatus {
  readonly change: StrategyChange;
  readonly recipients: readonly RecipientState[];
  readonly responses: readonly ChangeResponse[];
  /** Of PMO and team conversations (the EPMO copy is not counted). */
  readonly rollup: ReturnType<typeof rollUp>;
}

/** Where each of `records` (recipients of `change`) stands, given the version's responses. */
export function recipientStates(
  change: StrategyChange,
  records: readonly Versioned<ChangeRecipientRecord>[],
  responses: readonly ChangeResponse[],
  now: Date,
): RecipientState[] {
  const byConversation = new Map<string, ChangeResponse[]>();
  for (const r of responses) byConversation.set(r.conversationId, [...(byConversation.get(r.conversationId) ?? []), r]);
  return records.map((record) => {
    const mine = byConversation.get(record.value.conversationId) ?? [];
    return { record, responses: mine, outcome: recipientOutcome(change, mine, record.value.reachable, now) };
  });
}

/** Recipients, responses and outcomes of one version. */
export async function versionStatus(deps: Pick<ChangeDeps, 'stores' | 'clock'>, change: StrategyChange): Promise<VersionStatus> {
  const [records, responses] = await Promise.all([
    deps.stores.recipients.listByVersion(change.tenantId, change.id, change.version),
    deps.stores.responses.listByVersion(change.tenantId, change.id, change.version),
  ]);
  const recipients = recipientStates(change, records, responses, deps.clock.now());
  return { change, recipients, responses, rollup: rollUp(recipients.filter((r) => r.record.value.role !== 'epmo').map((r) => r.outcome)) };
}

/** "N of M teams" for cards: reachable PMO and team conversations, and those that responded as asked. */
export function cardProgress(status: VersionStatus): { responded: number; total: number } {
  const counted = status.recipients.filter((r) => r.record.value.role !== 'epmo' && r.record.value.reachable);
  return { responded: counted.filter((r) => r.outcome.responded).length, total: counted.length };
}
