/**
 * Teams activity-feed notifications (PRODUCT.md §5, *Activity feed*): what needs one person's
 * attention, sent to their feed rather than posted as a message. Pure: the kinds declared in the
 * app manifest (`activities.activityTypes`), their template parameters and preview text.
 */

/**
 * The activity types this app declares in appPackage/manifest.json. Each names the parameters
 * its `templateText` uses; Teams refuses a notification whose parameters do not match.
 */
export const ACTIVITY_TYPES = {
  /** To the raiser: a strategy owner decided on their signal. */
  signalDecided: ['signalLabel', 'outcome'],
  /** To each strategy owner: a signal was escalated to the EPMO and awaits a decision. */
  decisionAwaiting: ['signalLabel', 'domainName'],
  /** To the owner of a team's (or PMO's) response: respond-by passed without it. */
  changeResponseOverdue: ['changeTitle', 'recipientName'],
} as const;

export type ActivityType = keyof typeof ACTIVITY_TYPES;

/** Each type's `templateText`, as declared in the manifest (a test holds the two equal); Teams puts the app's name for `{actor}`. */
export const TEMPLATE_TEXT: Readonly<Record<ActivityType, string>> = {
  signalDecided: '{actor} recorded a decision on your signal {signalLabel}: {outcome}',
  decisionAwaiting: '{actor}: {signalLabel} from {domainName} awaits your decision',
  changeResponseOverdue: '{actor}: {recipientName} has not responded to {changeTitle}, now overdue',
};

/** The line Teams shows for a notification: its template with its parameters, and the app as the actor. */
export function feedLine(n: { readonly activityType: ActivityType; readonly templateParameters: Readonly<Record<string, string>> }, actor: string): string {
  return TEMPLATE_TEXT[n.activityType].replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'actor' ? actor : (n.templateParameters[name] ?? '')));
}

type ParamsOf<A extends ActivityType> = { readonly [K in (typeof ACTIVITY_TYPES)[A][number]]: string };

/** One notification to one person, keyed by the event it reports so it is sent once. */
export type ActivityNotification<A extends ActivityType = ActivityType> = A extends ActivityType
  ? {
      readonly tenantId: string;
      /** Stable per event and recipient, e.g. `signal:s-1:decision:d-1:<user>`. */
      readonly id: string;
      /** Entra object id: Graph's user id. */
      readonly recipientUserId: string;
      readonly activityType: A;
      readonly templateParameters: ParamsOf<A>;
      /** Teams shows the first 150 characters. */
      readonly previewText: string;
      /** What the notification is about, and where clicking it leads (the tab's deep link). */
      readonly topic: { readonly text: string; readonly webUrl: string };
    }
  : never;

/** Teams shows at most 150 characters of a preview. */
export const PREVIEW_LIMIT = 150;

const preview = (text: string): string => (text.length <= PREVIEW_LIMIT ? text : `${text.slice(0, PREVIEW_LIMIT - 1)}…`);

/** Builds a notification, its id keyed by the event and the recipient. */
export function activityNotification<A extends ActivityType>(n: {
  readonly tenantId: string;
  readonly eventId: string;
  readonly recipientUserId: string;
  readonly activityType: A;
  readonly templateParameters: ParamsOf<A>;
  readonly previewText: string;
  readonly topic: { readonly text: string; readonly webUrl: string };
}): ActivityNotification<A> {
  // The conditional type does not narrow inside a generic body; the fields are exactly its own.
  return {
    tenantId: n.tenantId,
    id: `${n.eventId}:${n.recipientUserId}`,
    recipientUserId: n.recipientUserId,
    activityType: n.activityType,
    templateParameters: n.templateParameters,
    previewText: preview(n.previewText),
    topic: n.topic,
  } as ActivityNotification<A>;
}

/** How a notification went: sent to Graph, kept in the local log (no Graph configured), or refused. */
export type NotificationState = 'sent' | 'logged' | 'failed';

/** A notification as recorded once its fate is known (also the local log the demo shows). */
export type NotificationRecord = ActivityNotification & {
  readonly state: NotificationState;
  readonly at: string;
  readonly error?: string;
};
