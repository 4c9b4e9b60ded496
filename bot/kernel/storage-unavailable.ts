/**
 * Storage did not answer (down, unreachable, too slow) or the circuit breaker in front of it is
 * open. Thrown by the storage platform; the edges answer it with a 503 and `Retry-After` (HTTP)
 * or a card saying to try again (bot), never a generic failure.
 */
export class StorageUnavailable extends Error {
  override readonly name = 'StorageUnavailable';

  constructor(
    /** When a retry has a chance: the breaker's remaining cool-down, at least a second. */
    readonly retryAfterSeconds: number,
    options?: { readonly cause?: unknown },
  ) {
    super('Storage is unreachable', options);
  }
}

/** The message people see: what happened and what to do. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  'PMO Relay cannot reach its storage right now, so it could not finish this. Try again in a minute; if it keeps happening, tell your admin.';

/** The `StorageUnavailable` behind an error, when there is one (SDKs and callers may wrap it). */
export function storageUnavailableIn(err: unknown): StorageUnavailable | undefined {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof StorageUnavailable) return e;
  }
  return undefined;
}
