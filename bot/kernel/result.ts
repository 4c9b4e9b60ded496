/**
 * Expected failures are values, not exceptions. A use case or a transition returns a
 * `Result`; the edge (HTTP, bot) turns an error into a 4xx or a card message.
 * Throw only for bugs and infrastructure faults.
 */

/** Stable, machine-readable codes. The edge maps each family to an HTTP status. */
export type ErrorCode =
  | 'AUTH.UNAUTHENTICATED'
  | 'AUTH.FORBIDDEN'
  | 'VALIDATION.INVALID'
  | 'NOT_FOUND'
  | 'CONFLICT.ALREADY_EXISTS'
  | 'CONFLICT.STALE'
  /** The record is still used by others (an objective work is aligned to): the message says what to do instead. */
  | 'CONFLICT.IN_USE'
  /** The change would leave the tenant without something it must keep (its last tenant admin). */
  | 'CONFLICT.LAST_ONE'
  | 'LINK.UNKNOWN_TARGET'
  /** A signal transition that its state does not allow; the message says why. */
  | 'SIGNAL.INVALID_TRANSITION'
  /** Somebody else moved the signal first: "already <state> by <person>". */
  | 'SIGNAL.ALREADY_HANDLED'
  /** A decision is already recorded for this escalation. */
  | 'SIGNAL.ALREADY_DECIDED'
  /** Neither the work item nor the conversation tells which domain's PMO a signal goes to. */
  | 'SIGNAL.NO_ROUTE'
  /** A strategy change that is no longer a draft cannot be edited or published again. */
  | 'CHANGE.NOT_DRAFT'
  /** Supersede, withdraw or respond need the change to be published. */
  | 'CHANGE.NOT_PUBLISHED'
  /** The version acted on is not the current one (superseded or withdrawn). */
  | 'CHANGE.STALE_VERSION';

export interface DomainError {
  readonly code: ErrorCode;
  /** A sentence a person can act on. */
  readonly message: string;
  /** Field-level or row-level detail, e.g. for a CSV import. */
  readonly details?: readonly ErrorDetail[];
}

export interface ErrorDetail {
  /** Field path (`health.cost`) or row reference (`row 4`). */
  readonly at: string;
  readonly message: string;
}

export type Result<T, E extends DomainError = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, details?: readonly ErrorDetail[]): Result<never> => ({
  ok: false,
  error: details && details.length > 0 ? { code, message, details } : { code, message },
});

export const forbidden = (message: string): Result<never> => fail('AUTH.FORBIDDEN', message);
export const notFound = (what: string): Result<never> => fail('NOT_FOUND', `${what} was not found.`);
export const invalid = (message: string, details?: readonly ErrorDetail[]): Result<never> =>
  fail('VALIDATION.INVALID', message, details);
