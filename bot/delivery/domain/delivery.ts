/**
 * Delivery of cards to Teams conversations: one record per recipient and operation, so every
 * send's outcome is known and every delivered card can later be updated in place.
 * Shared by strategy changes (PRODUCT.md §3) and signals (§4). Pure: no I/O here.
 */

export const DELIVERY_STATES = ['queued', 'sent', 'failed', 'unreachable'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** `send` posts a new message; `update` replaces a message sent earlier (by its activity id). */
export type DeliveryOperation = 'send' | 'update';

/**
 * What to show, by reference. It is turned into a card only when sent, by the renderer
 * registered for `kind`, so a card delivered late still shows the current state.
 * Examples: `{ kind: 'change', ref: 'chg-1', variant: 'v2' }`, `{ kind: 'signal.receipt', ref: 'sig-9' }`.
 */
export interface MessageContent {
  readonly kind: string;
  readonly ref: string;
  readonly variant?: string;
}

export interface Delivery {
  readonly tenantId: string;
  readonly id: string;
  /** Groups the deliveries of one fan-out (e.g. `change:chg-1:v1`) for progress and status views. */
  readonly batchId: string;
  readonly conversationId: string;
  readonly operation: DeliveryOperation;
  /** For `update`: the activity id Teams returned when the original was sent. */
  readonly targetActivityId?: string;
  /**
   * For a reply in a channel thread: the id of the thread's root message. `conversationId`
   * stays the channel (its stored reference and its rate limits); the messenger addresses the
   * thread.
   */
  readonly threadId?: string;
  readonly content: MessageContent;
  readonly state: DeliveryState;
  /** For a sent `send`: the activity id Teams returned. */
  readonly activityId?: string;
  /**
   * For a sent `send`: a fingerprint of the card it sent. An update naming this delivery
   * (`sentBy`) compares with it until the card has been updated once; kept on the record the
   * send writes anyway, so a send costs no write of its own for it.
   */
  readonly fingerprint?: string;
  /** For an `update`: the id of the delivery that sent the card, when the caller knows it. */
  readonly sentBy?: string;
  readonly attempts: number;
  /** Why it failed or is unreachable, or why the last attempt was retried. */
  readonly lastError?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly sentAt?: string;
  /**
   * Which worker process is sending it right now, and until when that claim holds. Set with an
   * ETag-guarded update before sending, so two processes never both send; a claim left by a
   * process that died expires and the job is picked up again. Once the outcome is recorded
   * `claimedUntil` is cleared and `claimedBy` names the process that recorded it.
   */
  readonly claimedBy?: string;
  readonly claimedUntil?: string;
}

/** One unit of work on the queue; the record holds everything else. */
export interface DeliveryJob {
  readonly tenantId: string;
  readonly deliveryId: string;
}

/** What Teams (the Bot Connector) answered to one send or update. */
export type SendOutcome =
  | { readonly ok: true; readonly activityId: string }
  | {
      readonly ok: false;
      /** HTTP status; undefined for a network error or timeout. */
      readonly status?: number;
      /** Teams error code, e.g. `MessageWritesBlocked`, `ConversationNotFound`. */
      readonly code?: string;
      readonly message: string;
      readonly retryAfterSeconds?: number;
    };

/** What to do after a failed attempt (PRODUCT.md §7). */
export type FailureDecision = 'retry' | 'unreachable' | 'fail';

/**
 * 429, 412, 502, 504, other 5xx and network errors are retried; a 403 MessageWritesBlocked
 * (the user blocked the app) and a conversation the bot is no longer in are unreachable; any
 * other 4xx is bad input and never retried.
 */
export function classifyFailure(outcome: Extract<SendOutcome, { ok: false }>): FailureDecision {
  const { status, code } = outcome;
  if (status === undefined) return 'retry';
  if (status === 403 && code === 'MessageWritesBlocked') return 'unreachable';
  if (status === 403 && (code === 'BotNotInConversationRoster' || code === 'ConversationBlockedByUser')) return 'unreachable';
  if (status === 404 && (code === 'ConversationNotFound' || code === 'NotFound' || code === undefined)) return 'unreachable';
  if (status === 429 || status === 412 || status >= 500) return 'retry';
  return 'fail';
}

export interface RetryPolicy {
  /** Attempts before a job is declared poison and marked failed. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Jittered exponential back-off ("full jitter"), never sooner than Retry-After.
 * `random` is in [0, 1) and injected so tests are deterministic.
 */
export function retryDelayMs(attempt: number, policy: RetryPolicy, random: number, retryAfterSeconds?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(exp * random);
  const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1000 : 0;
  return Math.min(Math.max(floor, jittered), Math.max(policy.maxDelayMs, floor));
}

/** Teams' documented limits (PRODUCT.md §7), configurable. */
export interface RateLimits {
  /** Per app per tenant, messages per second. */
  readonly perTenantPerSecond: number;
  /** Per bot per conversation: [count, window in ms] pairs. */
  readonly perConversation: readonly (readonly [number, number])[];
}

/**
 * Besides a send's timeout, what a delivery keeps in hand on its claim to record the outcome
 * (delivery-worker.ts); the configuration refuses a claim too short for twice both.
 */
export const RECORD_MARGIN_MS = 3_000;

export const TEAMS_RATE_LIMITS: RateLimits = {
  perTenantPerSecond: 50,
  perConversation: [
    [7, 1_000],
    [8, 2_000],
    [60, 30_000],
    [1_800, 3_600_000],
  ],
};

/** Progress of one batch, for progress bars and status views. */
export interface DeliveryProgress {
  readonly total: number;
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
  readonly unreachable: number;
}

export function progressOf(deliveries: readonly Pick<Delivery, 'state'>[]): DeliveryProgress {
  const p = { total: deliveries.length, queued: 0, sent: 0, failed: 0, unreachable: 0 };
  for (const d of deliveries) p[d.state] += 1;
  return p;
}
