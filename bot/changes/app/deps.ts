/**
 * What every strategy-change use case is given, the tab's deep links, and the kinds of
 * delivery content and scheduled jobs this feature owns.
 */
import type { DeliveryService, Scheduler } from '../../delivery';
import type { Logger } from '../../kernel/logger';
import type { Repositories } from '../../directory';
import type { Clock, IdSource } from '../../kernel/runtime';
import type { ChangeStores } from '../ports';

export interface ChangeDeps {
  readonly repos: Repositories;
  readonly stores: ChangeStores;
  readonly delivery: DeliveryService;
  readonly scheduler?: Scheduler;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger?: Logger;
  /** Base URL of the tab (ends with `/`); deep links are `<base>#/changes/<id>`. */
  readonly tabBaseUrl: () => string;
  /** How long before respond-by the one reminder goes out. */
  readonly reminderLeadHours: number;
}

export const changeUrl = (deps: Pick<ChangeDeps, 'tabBaseUrl'>, id: string): string => `${deps.tabBaseUrl()}#/changes/${encodeURIComponent(id)}`;
export const composerUrl = (deps: Pick<ChangeDeps, 'tabBaseUrl'>, id: string): string => `${deps.tabBaseUrl()}#/compose?change=${encodeURIComponent(id)}`;

/** Content kinds this feature renders. */
export const CHANGE_CONTENT_KIND = 'change';
export const CHANGE_REMINDER_CONTENT_KIND = 'change.reminder';
/** Scheduled-job kind of reminders. */
export const CHANGE_REMINDER_JOB_KIND = 'change.reminder';
export const reminderJobId = (changeId: string, version: number): string => `reminder:${changeId}:v${version}`;
