/**
 * Storage did not answer (down, unreachable, too slow), the circuit breaker in front of it is
 * open, or it is too `busy` to take a write: a row every write of a domain changes (its figures)
 * kept changing under us. `slow`: this call got no answer in time while storage answered others
 * (overloaded, not down). Thrown by the storage platform and repositories; the edges answer it
 * with a 503 and `Retry-After` (HTTP) or a card saying to try again (bot), never a generic failure.
 */
export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';
  readonly busy: boolean;
  readonly slow: boolean;

  constructor(
    /** When a retry has a chance: the breaker's remaining cool-down, at least a second. */
    readonly retryAfterSeconds: number,
    options?: { readonly cause?: unknown; readonly busy?: boolean; readonly slow?: boolean },
  ) {
    super(options?.busy ? 'Storage is too busy to take the write' : options?.slow ? 'Storage answered too slowly' : 'Storage is unreachable', options);
    this.busy = options?.busy ?? false;
    this.slow = !this.busy && (options?.slow ?? false);
  }

  /** The error code the edges answer with: storage there but overloaded is busy. */
  get code(): 'STORAGE.BUSY' | 'STORAGE.UNAVAILABLE' {
    return this.busy || this.slow ? 'STORAGE.BUSY' : 'STORAGE.UNAVAILABLE';
  }

  /** What people are told. */
  get userMessage(): string {
    return this.busy ? STORAGE_BUSY_MESSAGE : this.slow ? STORAGE_SLOW_MESSAGE : STORAGE_UNAVAILABLE_MESSAGE;
  }
}

/** The message people see: what happened and what to do. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'PMO Relay cannot reach its storage right now, so it could not finish this. Try again in a minute; if it keeps happening, tell your admin.';

/** The message people see when many changes to the same domain are saved at once. */
export const STORAGE_BUSY_MESSAGE = 'Many changes to this domain are being saved at once, so yours was not saved. Try again in a moment.';

/** The message people see when storage answers too slowly under load (it is there, only busy). */
export const STORAGE_SLOW_MESSAGE = 'PMO Relay is very busy right now and could not finish this in time. Try again in a moment.';

/** The `StorageUnavailable` behind an error, when there is one (SDKs and callers may wrap it). */
export function storageUnavailableIn(err: unknown): StorageUnavailable | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StorageUnavailable) return e;
  }
  return undefined;
}
