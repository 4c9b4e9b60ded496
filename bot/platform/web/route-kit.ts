/**
 * What every `/api` router shares: authenticate and resolve the caller, parse bodies with a
 * schema, require If-Match on updates, and turn a use case's Result into a response.
 */
import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { resolvePrincipal } from '../../people';
import { issuesToDetails } from '../../kernel/validation';
import { type Result, invalid } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import type { UserDirectory } from '../../people';
import type { Authenticator } from './auth';
import { sendError } from './errors';

export type AuthedHandler = (req: Request, res: Response, principal: Principal) => Promise<void>;

/**
 * Wraps a handler so it runs only for a valid bearer token, with the caller's stored roles;
 * tenant and user come from the token, never from the request.
 */
export function authenticated(auth: Authenticator, users: UserDirectory) {
  return (handler: AuthedHandler) =>
    async (req: Request, res: Response, next: NextFunction): Promise<void> => {
      try {
        const identity = await auth.authenticate(req.get('Authorization'));
        if (!identity.ok) {
          sendError(res, identity.error);
          return;
        }
        await handler(req, res, await resolvePrincipal(users, identity.value));
      } catch (error) {
        next(error);
      }
    };
}

/** Answers 400 with the reason. */
export function badRequest(res: Response, message: string): void {
  const bad = invalid(message);
  if (!bad.ok) sendError(res, bad.error);
}

/** Parses with a schema; on failure answers 400 listing each problem and returns undefined. */
export function parseBody<S extends z.ZodType>(schema: S, value: unknown, res: Response, what = 'The request body'): z.infer<S> | undefined {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const bad = invalid(`${what} is not valid.`, issuesToDetails(parsed.error));
  if (!bad.ok) sendError(res, bad.error);
  return undefined;
}

export function reply<T>(res: Response, result: Result<T>, status = 200): void {
  if (result.ok) res.status(status).json(result.value);
  else sendError(res, result.error);
}

/** The version the caller edited; without it a concurrent change could be overwritten, so 400. */
export function requireIfMatch(req: Request, res: Response, what = 'record'): string | undefined {
  const etag = req.get('If-Match');
  if (etag) return etag;
  badRequest(res, `Send the version you edited in the If-Match header (the ${what}'s etag), so a concurrent change is not overwritten.`);
  return undefined;
}
