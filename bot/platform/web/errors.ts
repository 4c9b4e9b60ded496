/** Turns domain errors and request faults into HTTP answers with a reason. */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { DomainError, ErrorCode } from '../../kernel/result';
import type { ApiError } from '../../api-contract/common';
import type { Logger } from '../../kernel/logger';
import { storageUnavailableIn } from '../../kernel/storage-unavailable';

const STATUS: Readonly<Record<ErrorCode, number>> = {
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  'VALIDATION.INVALID': 400,
  NOT_FOUND: 404,
  'CONFLICT.ALREADY_EXISTS': 409,
  'CONFLICT.STALE': 412,
  'CONFLICT.IN_USE': 409,
  'CONFLICT.LAST_ONE': 409,
  'LINK.UNKNOWN_TARGET': 400,
  'SIGNAL.INVALID_TRANSITION': 409,
  'SIGNAL.ALREADY_HANDLED': 409,
  'SIGNAL.ALREADY_DECIDED': 409,
  'SIGNAL.NO_ROUTE': 400,
  'CHANGE.NOT_DRAFT': 409,
  'CHANGE.NOT_PUBLISHED': 409,
  'CHANGE.STALE_VERSION': 409,
};

/** Answers with the status of the error's code and an `ApiError` body (401s also ask for a bearer token). */
export function sendError(res: Response, error: DomainError): void {
  const body: ApiError = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
  if (error.code === 'AUTH.UNAUTHENTICATED') res.setHeader('WWW-Authenticate', 'Bearer');
  res.status(STATUS[error.code]).json(body);
}

/** 404 in the API's error format for any path nothing served. */
export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ApiError = { error: { code: 'HTTP.NOT_FOUND', message: `Nothing at ${req.method} ${req.path}.` } };
  res.status(404).json(body);
};

interface BodyParserError {
  type?: string;
  status?: number;
  message?: string;
}

/** Malformed or oversized bodies get a 4xx with the reason; storage down a 503 with Retry-After; anything else is a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const e = (err ?? {}) as BodyParserError;
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'HTTP.BAD_REQUEST', message: 'The request body is not valid JSON.' } } satisfies ApiError);
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'HTTP.BAD_REQUEST', message: 'The request body is too large.' } } satisfies ApiError);
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'HTTP.BAD_REQUEST', message: e.message ?? 'Bad request.' } } satisfies ApiError);
      return;
    }
    const unavailable = storageUnavailableIn(err);
    if (unavailable) {
      logger.warn({ err, method: req.method, path: req.path }, unavailable.busy ? 'storage busy' : unavailable.slow ? 'storage slow' : 'storage unavailable');
      res.setHeader('Retry-After', String(unavailable.retryAfterSeconds));
      res.status(503).json({ error: { code: unavailable.code, message: unavailable.userMessage } } satisfies ApiError);
      return;
    }
    logger.error({ err, method: req.method, path: req.path }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side. Try again; if it keeps happening, tell your admin.' } } satisfies ApiError);
  };
}
