/**
 * Headers every answer carries. `nosniff` everywhere, so a browser never runs a JSON or text
 * answer as script or style. API and health answers are `no-store`: they hold one person's view
 * of a tenant's portfolio, which no browser or proxy should keep. The versioned portfolio views
 * (view-cache.ts) replace it with `private, no-cache`: the browser keeps its copy only to send
 * its ETag back, and a 304 saves resending megabytes; a shared cache still keeps nothing.
 */
import type { RequestHandler } from 'express';

/** `nosniff` on every answer. */
export const noSniff: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  next();
};

/** `no-store` unless the route sets another policy (versioned views) before answering. */
export const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
