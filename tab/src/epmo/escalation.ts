/**
 * Who escalated a signal, read from its audit trail: the signal's `stateChangedBy` names whoever
 * acted last (a reminder, a deferral), which is not necessarily the PMO lead who escalated it.
 */
import type { SignalDetailResponse } from '../../../bot/api-contract/signals';

type AuditEvent = SignalDetailResponse['timeline'][number];

/** The latest `escalate` event of a timeline (oldest first), if it was ever escalated. */
export const lastEscalation = (timeline: readonly AuditEvent[]): AuditEvent | undefined => timeline.findLast((e) => e.action === 'escalate');
