/**
 * HTTP routes as a feature declares them, free of any web framework: method and path, the
 * query and body shapes, whether `If-Match` is required, and a handler that calls a use case
 * and answers with a typed reply. bot/platform/web serves route tables; before a handler runs it
 * checks, in this order, the caller's bearer token, the caller's role (`allow`), the query, the
 * body and `If-Match`.
 */
import type { z } from 'zod';
import { type Result, ok } from './result';
import type { Principal } from './roles';
import type { VersionedView } from './versioned';

/** The methods routes use. */
type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The `:name` segments of a route path: `'/changes/:id/cascade'` → `'id'`. */
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** The query as it arrives: each value a string, a list of them, or nested. */
type RawQuery = Readonly<Record<string, unknown>>;

/** A request as a handler sees it; query and body are parsed when the route declares their schema. */
export interface RouteRequest<P extends string = string, Q = RawQuery, B = unknown, E = undefined> {
  readonly params: Readonly<Record<PathParams<P>, string>>;
  readonly query: Q;
  readonly body: B;
  /** The `If-Match` header, when the route requires it. */
  readonly etag: E;
  header(name: string): string | undefined;
}

/** A text body (a file upload) read instead of JSON. */
interface TextBody {
  readonly mediaTypes: readonly string[];
  /** Largest body accepted, e.g. `'2mb'`; larger ones get 413. */
  readonly limit: string;
}

/** A successful answer: JSON, a versioned JSON view, or a text file to download. */
type HttpAnswer =
  | { readonly kind: 'json'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'view'; readonly view: VersionedView<unknown> }
  | { readonly kind: 'download'; readonly status: number; readonly contentType: string; readonly fileName: string; readonly text: string };

/** What a handler returns: an answer, or a domain error that the server maps to its status. */
export type HttpReply = Result<HttpAnswer>;

/**
 * JSON with a status. `W` is the wire type (bot/api-contract), named at every call: the compiler
 * then checks that what a use case returned has the shape the tab expects.
 */
export const json = <W = never>(body: NoInfer<W>, status = 200): HttpReply => ok({ kind: 'json', status, body });

/** A use case's result: its value as JSON of wire type `W` with `status`, or its error. */
export const answer = <W = never>(result: Result<NoInfer<W>>, status = 200): HttpReply => (result.ok ? json<W>(result.value, status) : result);

/**
 * A use case's versioned view as JSON of wire type `W` (200): the server answers `If-None-Match`
 * with 304 and serves a version it already serialised without building it again.
 */
export const view = <W = never>(result: Result<VersionedView<NoInfer<W>>>): HttpReply => (result.ok ? ok({ kind: 'view', view: result.value }) : result);

/** A text file the browser saves under `fileName`. */
export const download = (text: string, file: { readonly contentType: string; readonly fileName: string }): HttpReply =>
  ok({ kind: 'download', status: 200, ...file, text });

/** The usual answer to an update without `If-Match`, naming whose etag to send. */
export const ifMatchNeeded = (what: string): string =>
  `Send the version you edited in the If-Match header (the ${what}'s etag), so a concurrent change is not overwritten.`;

type Parsed<S, Otherwise> = S extends z.ZodType ? z.output<S> : Otherwise;
type Schema = z.ZodType | undefined;

/** What a route declares; `C` is what its handler learns about the caller. */
interface RouteSpec<P extends string, QS extends Schema, BS extends Schema, M extends string | undefined, C> {
  readonly method: HttpMethod;
  /** Relative to where its table is served, with `:name` parameters (`/changes/:id`). */
  readonly path: P;
  /** A query that does not fit gets 400, naming each problem. */
  readonly query?: QS;
  /** A JSON body that does not fit gets 400, naming each problem; a missing body reads as `{}`. */
  readonly body?: BS;
  /** Reads a text body (a file) instead of JSON; the handler checks it is a string. */
  readonly textBody?: TextBody;
  /** Requires `If-Match`: the sentence that answers (400) a request without it. */
  readonly ifMatch?: M;
  handle(request: RouteRequest<P, Parsed<QS, RawQuery>, Parsed<BS, unknown>, M extends string ? string : undefined>, caller: C): Promise<HttpReply>;
}

/** A declared route, as the server reads it. */
export interface HttpRoute {
  readonly method: HttpMethod;
  readonly path: string;
  /** `caller`: only with a valid bearer token, and the handler gets the caller; `public`: anyone. */
  readonly access: 'caller' | 'public';
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly textBody?: TextBody;
  readonly ifMatch?: string;
  /** Caller routes: the roles that could ever allow it, checked before the query and body. */
  readonly allow?: RoleCheck;
  handle(request: RouteRequest<string, unknown, unknown, string | undefined>, caller: Principal | undefined): Promise<HttpReply>;
}

/**
 * Whether a caller's roles could ever allow a route, decided before their input is read, so
 * someone without the right is refused rather than told what is wrong with their body. The use
 * case still decides the right for the record concerned.
 */
export type RoleCheck = (caller: Principal) => Result<true>;

/** A route for a signed-in caller: tenant and user come from the token, roles from the directory. */
export function route<P extends string, QS extends Schema = undefined, BS extends Schema = undefined, M extends string | undefined = undefined>(
  spec: RouteSpec<P, QS, BS, M, Principal> & { readonly allow?: RoleCheck },
): HttpRoute {
  return { ...spec, access: 'caller' };
}

/** A route anyone may call (development sign-in, the demo connector). */
export function publicRoute<P extends string, QS extends Schema = undefined, BS extends Schema = undefined, M extends string | undefined = undefined>(
  spec: RouteSpec<P, QS, BS, M, undefined>,
): HttpRoute {
  return { ...spec, access: 'public' };
}

/** One feature's routes, served together under a base path (`/api`). */
export interface RouteTable {
  /** Largest JSON body its routes accept, e.g. `'256kb'`; larger ones get 413. */
  readonly jsonLimit: string;
  readonly routes: readonly HttpRoute[];
}
