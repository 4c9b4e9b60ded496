/**
 * The audit trail of strategy changes (PRODUCT.md §2: "an append-only record of every state
 * change: who, when, from, to, comment"). Every transition in change-rules.ts returns the events
 * it raises; they are stored with the version they describe, in the same write. Pure.
 */
import type { ChangeState, StrategyChange } from './strategy-change';

/** Who acts on a change. */
export interface Actor {
  readonly userId: string;
  readonly displayName: string;
}

/** The transitions, as the audit trail names them. */
export const CHANGE_ACTIONS = ['draft', 'edit', 'publish', 'supersede', 'withdraw'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** One event in the life of one version of a change. Never changed or removed once stored. */
export interface ChangeAuditEvent {
  readonly tenantId: string;
  readonly changeId: string;
  readonly version: number;
  /** 1, 2, 3… per version, in the order the events happened. */
  readonly seq: number;
  readonly at: string;
  readonly actorId: string;
  readonly actorName: string;
  readonly action: ChangeAction;
  /** The state before; absent when the transition made the version. */
  readonly from?: ChangeState;
  readonly to: ChangeState;
  /** The withdrawal's reason, the version a supersede made or replaced, the fields an edit changed. */
  readonly comment?: string;
}

/** How a transition is recorded: what it is called, who made it, when, and any comment. */
export interface Recording {
  readonly action: ChangeAction;
  readonly by: Actor;
  readonly at: string;
  readonly comment?: string;
}

/**
 * `next` — the new state of the version `before` was, or a new version when `before` is
 * undefined — counting the event that records the move, numbered after that version's last.
 */
export function recorded(
  before: StrategyChange | undefined,
  next: StrategyChange,
  how: Recording,
): { readonly value: StrategyChange; readonly event: ChangeAuditEvent } {
  const seq = (before?.auditCount ?? 0) + 1;
  const event: ChangeAuditEvent = {
    tenantId: next.tenantId,
    changeId: next.id,
    version: next.version,
    seq,
    at: how.at,
    actorId: how.by.userId,
    actorName: how.by.displayName,
    action: how.action,
    ...(before ? { from: before.state } : {}),
    to: next.state,
    ...(how.comment ? { comment: how.comment } : {}),
  };
  return { value: { ...next, auditCount: seq }, event };
}
