/**
 * A small in-process token bucket per client address, for the few public routes that do work
 * for anyone who asks (the development sign-in). One instance's memory is enough: those routes
 * exist only in local development, where one process serves.
 */
import type { RequestHandler } from 'express';
import type { ApiError } from '../../api-contract/common';

export interface RateLimit {
  /** Requests a client may make at once. */
  readonly burst: number;
  /** Requests a client regains per second. */
  readonly perSecond: number;
  /** What is limited, for the refusal: `sign-in requests`. */
  readonly what: string;
}

/** Buckets kept before full ones are forgotten; a full bucket is the same as none. */
const MAX_CLIENTS = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Lets each client address make `burst` requests at once and `perSecond` after that; the rest
 * get 429 with `Retry-After` (whole seconds until one request is allowed again).
 */
export function rateLimit(limit: RateLimit, now: () => number = Date.now): RequestHandler {
  const buckets = new Map<string, Bucket>();
  const refill = (b: Bucket, t: number): void => {
    b.tokens = Math.min(limit.burst, b.tokens + ((t - b.at) / 1000) * limit.perSecond);
    b.at = t;
  };
  return (req, res, next) => {
    // The socket's address, not X-Forwarded-For, which the caller writes.
    const client = req.socket.remoteAddress ?? 'unknown';
    const t = now();
    if (buckets.size >= MAX_CLIENTS) {
      for (const [key, b] of buckets) {
        refill(b, t);
        if (b.tokens >= limit.burst) buckets.delete(key);
      }
    }
    const bucket = buckets.get(client) ?? { tokens: limit.burst, at: t };
    refill(bucket, t);
    buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      next();
      return;
    }
    const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    res.setHeader('Retry-After', String(wait));
    res.status(429).json({ error: { code: 'HTTP.TOO_MANY_REQUESTS', message: `Too many ${limit.what} from this computer. Wait ${wait} s and try again.` } } satisfies ApiError);
  };
}
