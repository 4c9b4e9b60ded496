/**
 * What every strategy-change use case is given, the tab's deep links, and the kinds of
 * delivery content and scheduled jobs this feature owns.
 */
import type { DeliveryService, ScheduledJob, Scheduler } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import type { Repositories } from '../../directory';
import type { Clock, IdSource } from '../../kernel/runtime';
import type { Notifier } from '../../notifications';
import type { ChangeStores } from '../ports';

export interface ChangeDeps {
  readonly repos: Repositories;
  readonly stores: ChangeStores;
  readonly delivery: DeliveryService<ChangeContent>;
  readonly scheduler?: Scheduler<ChangeJob>;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger?: Logger;
  /** Base URL of the tab (ends with `/`); deep links are `<base>#/changes/<id>`. */
  readonly tabBaseUrl: () => string;
  /** How long before respond-by the one reminder goes out. */
  readonly reminderLeadHours: number;
  /** Activity-feed notifications (an overdue response, to the people who own it). */
  readonly notifier?: Notifier;
}

export const changeUrl = (deps: Pick<ChangeDeps, 'tabBaseUrl'>, id: string): string => `${deps.tabBaseUrl()}#/changes/${encodeURIComponent(id)}`;
export const composerUrl = (deps: Pick<ChangeDeps, 'tabBaseUrl'>, id: string): string => `${deps.tabBaseUrl()}#/compose?change=${encodeURIComponent(id)}`;

/** Content kinds this feature renders. */
export const CHANGE_CONTENT_KIND = 'change';
export const CHANGE_REMINDER_CONTENT_KIND = 'change.reminder';

/**
 * What strategy changes deliver, by reference, rendered when sent: a version's card and its
 * reminder (`ref` the change id, `variant` the version). Stored on delivery records and read
 * back after upgrades: keep the kinds and fields.
 */
export type ChangeContent =
  | { readonly kind: typeof CHANGE_CONTENT_KIND; readonly ref: string; readonly variant: string }
  | { readonly kind: typeof CHANGE_REMINDER_CONTENT_KIND; readonly ref: string; readonly variant: string };

/** Scheduled-job kind of reminders. */
export const CHANGE_REMINDER_JOB_KIND = 'change.reminder';
export const reminderJobId = (changeId: string, version: number): string => `reminder:${changeId}:v${version}`;

/** Scheduled-job kind of the overdue check at respond-by (activity-feed notifications). */
export const CHANGE_OVERDUE_JOB_KIND = 'change.overdue';
export const overdueJobId = (changeId: string, version: number): string => `overdue:${changeId}:v${version}`;

/**
 * The scheduled jobs of strategy changes: the one reminder of a version, due before its
 * respond-by, and the overdue check at respond-by. Stored: keep the kinds and payload.
 */
export interface ChangeJob extends ScheduledJob {
  readonly kind: typeof CHANGE_REMINDER_JOB_KIND | typeof CHANGE_OVERDUE_JOB_KIND;
  readonly payload: { readonly changeId: string; readonly version: string };
}
