/**
 * Short timeouts and a circuit breaker on every storage call, so an outage costs callers a quick
 * 503 rather than the SDKs' retries (about 5 s per call before this), and a dead storage account
 * is not hammered by every request.
 *
 * Closed: calls go through, each bounded by `timeoutMs` (its SDK retries included). A call that
 * gets no answer (refused, reset, timed out) counts as a failure; an HTTP answer of any status,
 * 404 and 412 included, means storage is up. After `failureThreshold` consecutive failures the
 * circuit opens: calls fail at once with `StorageUnavailable` for `coolDownMs`. Then one call
 * goes through as a probe (half-open): its success closes the circuit, its failure opens it again.
 *
 * A call that fails while storage served other calls since it began (answers below 500; a 5xx
 * says nothing of the sort) is storage overloaded, not down: that call fails, but it does not count towards opening the circuit — opening it
 * would fail every request for the cool-down while storage is still serving (bench:load saw
 * hundreds of reads refused so).
 *
 * One guard per storage account (connection string): an outage is the account's, whichever table
 * or queue a call uses. Composition configures it at start (`configureStorageGuard`).
 */
import { StorageUnavailable } from '../../kernel/storage-unavailable';

export interface StorageGuardOptions {
  readonly timeoutMs: number;
  readonly failureThreshold: number;
  readonly coolDownMs: number;
  /** Milliseconds since the epoch; tests pass their own. */
  readonly now?: () => number;
}

/** Used until composition configures the account: the config's defaults. */
const DEFAULTS: StorageGuardOptions = { timeoutMs: 2000, failureThreshold: 5, coolDownMs: 5000 };

/** The caller's abort signal, as the SDKs type it. */
export interface CallerSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

type State = { readonly kind: 'closed'; readonly failures: number } | { readonly kind: 'open'; readonly until: number } | { readonly kind: 'probing' };

/** Errors that mean "no answer": anything without an HTTP status. */
const answered = (err: unknown): boolean => typeof (err as { statusCode?: unknown } | null)?.statusCode === 'number';

export class StorageGuard {
  private state: State = { kind: 'closed', failures: 0 };
  /** How many calls storage has answered so far. */
  private answers = 0;
  private readonly now: () => number;

  constructor(readonly options: StorageGuardOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Whether calls fail at once now (open, or a probe is in flight). */
  get isOpen(): boolean {
    return this.state.kind !== 'closed';
  }

  /**
   * Runs one storage call with a deadline. `call` gets the signal to hand the SDK; `signal` is the
   * caller's own (its abort is the caller's business and counts for nothing).
   */
  async run<T>(call: (signal: AbortSignal) => Promise<T>, signal?: CallerSignal): Promise<T> {
    this.admit();
    const answersBefore = this.answers;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    const callerAborted = () => controller.abort();
    signal?.addEventListener('abort', callerAborted);
    if (signal?.aborted) controller.abort();
    try {
      const result = await call(controller.signal);
      this.succeeded();
      return result;
    } catch (err) {
      if (answered(err)) {
        this.succeeded(err);
        throw err;
      }
      if (signal?.aborted) {
        // The caller gave up; storage may be fine. Let a probe be tried again.
        if (this.state.kind === 'probing') this.state = { kind: 'open', until: this.now() };
        throw err;
      }
      const down = this.state.kind !== 'closed' || this.answers === answersBefore;
      if (down) this.failed();
      const cause = controller.signal.aborted ? new Error(`no answer within ${this.options.timeoutMs} ms (STORAGE_TIMEOUT_MS)`, { cause: err }) : err;
      // Overloaded, not down: say so, and that a retry in a second may do.
      throw down ? new StorageUnavailable(this.retryAfterSeconds(), { cause }) : new StorageUnavailable(1, { cause, slow: true });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', callerAborted);
    }
  }

  /** Throws when the circuit is open and this call is not the probe. */
  private admit(): void {
    if (this.state.kind === 'closed') return;
    if (this.state.kind === 'open' && this.now() >= this.state.until) {
      this.state = { kind: 'probing' };
      return;
    }
    throw new StorageUnavailable(this.retryAfterSeconds());
  }

  /** Storage answered; only an answer that is not its own failure (5xx) says it is serving. */
  private succeeded(err?: unknown): void {
    if (((err as { statusCode?: number } | undefined)?.statusCode ?? 0) < 500) this.answers += 1;
    this.state = { kind: 'closed', failures: 0 };
  }

  private failed(): void {
    const failures = this.state.kind === 'closed' ? this.state.failures + 1 : this.options.failureThreshold;
    this.state = failures >= this.options.failureThreshold ? { kind: 'open', until: this.now() + this.options.coolDownMs } : { kind: 'closed', failures };
  }

  private retryAfterSeconds(): number {
    const left = this.state.kind === 'open' ? this.state.until - this.now() : this.options.coolDownMs;
    return Math.max(1, Math.ceil(left / 1000));
  }
}

const guards = new Map<string, StorageGuard>();

/** Sets the account's timeouts and breaker (composition, at start); a later call replaces the guard. */
export function configureStorageGuard(connectionString: string, options: StorageGuardOptions): StorageGuard {
  const guard = new StorageGuard(options);
  guards.set(connectionString, guard);
  return guard;
}

/** The guard of this storage account. */
export function storageGuardFor(connectionString: string): StorageGuard {
  let guard = guards.get(connectionString);
  if (!guard) {
    guard = new StorageGuard(DEFAULTS);
    guards.set(connectionString, guard);
  }
  return guard;
}
