/**
 * What every part of the JSON API between the tab and the server shares: the error body and the
 * health check. Types only.
 *
 * Every `/api` route except `/api/dev/*` needs `Authorization: Bearer <token>`.
 * Errors are `ApiError` bodies with 400 (bad input), 401 (no or bad token), 403 (role),
 * 404, 409/412 (conflict, stale etag), 429 (too many development sign-ins; see `Retry-After`), 503 with
 * `Retry-After` while storage is unreachable.
 */
import type { ErrorDetail, ErrorCode } from '../kernel/result';

export interface ApiError {
  readonly error: { readonly code: ErrorCode | 'HTTP.BAD_REQUEST' | 'HTTP.NOT_FOUND' | 'HTTP.TOO_MANY_REQUESTS' | 'STORAGE.UNAVAILABLE' | 'STORAGE.BUSY' | 'INTERNAL'; readonly message: string; readonly details?: readonly ErrorDetail[] };
}

/** `GET /healthz` */
export interface HealthResponse {
  readonly status: 'ok' | 'degraded';
  readonly storage: 'ok' | 'unreachable';
}
