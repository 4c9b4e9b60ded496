/**
 * Serves the features' route tables (bot/kernel/http-routes.ts) with express. Per request:
 * the body parsers the table and route declare, then the caller from the bearer token, the
 * query and body checked against their schemas, `If-Match`, the handler, and its reply sent
 * as JSON, a download or an error body.
 */
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { HttpReply, HttpRoute, RouteTable } from '../../kernel/http-routes';
import { type Result, invalid, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import { parseInput } from '../../kernel/validation';
import { type UserDirectory, resolvePrincipal } from '../../people';
import type { Authenticator } from './auth';
import { sendError } from './errors';
import type { ViewCache } from './view-cache';
import type { VersionedView } from '../../kernel/versioned';

/** Who is calling, from the `Authorization` header. */
export type CallerResolver = (authorization: string | undefined) => Promise<Result<Principal>>;

/**
 * The caller is the token's identity with the roles stored for them: tenant and user always
 * come from a validated token, never from the request.
 */
export function callerResolver(auth: Authenticator, users: UserDirectory, onCaller?: (caller: Principal) => Promise<void>): CallerResolver {
  return async (authorization) => {
    const identity = await auth.authenticate(authorization);
    if (!identity.ok) return identity;
    const caller = await resolvePrincipal(users, identity.value);
    await onCaller?.(caller);
    return ok(caller);
  };
}

/** An express router serving one route table (mounted at the table's base path); versioned views go through `views`. */
export function routeTableRouter(table: RouteTable, callerOf: CallerResolver, views: ViewCache): Router {
  const router = Router();
  const json = express.json({ limit: table.jsonLimit });
  for (const route of table.routes) {
    const parsers = route.textBody ? [json, express.text({ type: [...route.textBody.mediaTypes], limit: route.textBody.limit })] : [json];
    const serve: RequestHandler = (req, res, next) => {
      handle(route, req, callerOf)
        .then((reply) => send(res, reply, (view) => views.send(req, res, `${route.method} ${route.path}`, view)))
        .catch(next);
    };
    router.route(route.path)[METHOD[route.method]](...parsers, serve);
  }
  return router;
}

const METHOD = { GET: 'get', POST: 'post', PUT: 'put', PATCH: 'patch', DELETE: 'delete' } as const;

/** Caller, the caller's role, query, body, `If-Match`, in that order; the first that fails is the answer. */
async function handle(route: HttpRoute, req: Request, callerOf: CallerResolver): Promise<HttpReply> {
  let caller: Principal | undefined;
  if (route.access === 'caller') {
    const who = await callerOf(req.get('Authorization'));
    if (!who.ok) return who;
    caller = who.value;
    const allowed = route.allow?.(caller);
    if (allowed && !allowed.ok) return allowed;
  }
  const query = route.query ? parseInput(route.query, req.query, 'The query') : ok<unknown>(req.query);
  if (!query.ok) return query;
  const body = route.body ? parseInput(route.body, req.body) : ok<unknown>(req.body);
  if (!body.ok) return body;
  const etag = route.ifMatch === undefined ? undefined : req.get('If-Match')?.trim();
  if (route.ifMatch !== undefined && !etag) return invalid(route.ifMatch);
  // `*` means "whatever is stored": it would overwrite a concurrent change, which If-Match is here to stop.
  if (route.ifMatch !== undefined && etag === '*') return invalid(`If-Match: * is not accepted. ${route.ifMatch}`);
  return route.handle({ params: req.params, query: query.value, body: body.value, etag, header: (name) => req.get(name) }, caller);
}

async function send(res: Response, reply: HttpReply, sendView: (view: VersionedView<unknown>) => Promise<void>): Promise<void> {
  if (!reply.ok) {
    sendError(res, reply.error);
    return;
  }
  const answer = reply.value;
  if (answer.kind === 'json') {
    res.status(answer.status).json(answer.body);
    return;
  }
  if (answer.kind === 'view') {
    await sendView(answer.view);
    return;
  }
  res.setHeader('Content-Type', answer.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${answer.fileName}"`);
  res.status(answer.status).send(answer.text);
}
