/**
 * Serves versioned JSON views (bot/kernel/http-routes.ts `view`). A view's version names
 * everything its body is made of, so:
 * - a caller who sends the version it holds (`If-None-Match`) gets 304 and no body;
 * - a version this instance already serialised is sent as the bytes it kept, compressed once
 *   (brotli or gzip, as the caller accepts), instead of being built, serialised and compressed
 *   again for every reader of an unchanged portfolio.
 * Concurrent requests for a version not yet kept share one build. Bounded in bytes; the least
 * recently used versions go first. Safe with several instances: each keeps its own copies, and
 * a version can only name one body.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Request, Response } from 'express';
import type { VersionedView } from '../../kernel/versioned';

type Encoding = 'br' | 'gzip';

interface Kept {
  readonly json: Buffer;
  readonly encoded: Map<Encoding, Promise<Buffer>>;
  /** Bytes counted against the bound: the JSON and each compressed copy once made. */
  bytes: number;
  evicted: boolean;
}

/** Below this many bytes compressing costs more than it saves (the `compression` package's default threshold). */
const COMPRESS_FROM_BYTES = 1024;

const compressors: Readonly<Record<Encoding, (json: Buffer) => Promise<Buffer>>> = {
  // Quality 5 of 11: most of brotli's gain on JSON at a small part of its top quality's cost.
  br: (json) => promisify(brotliCompress)(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } }),
  gzip: (json) => promisify(gzip)(json),
};

/** The tag as `If-None-Match` compares it: weakly, so `W/"x"` and `"x"` match (RFC 9110 §13.1.2). */
const opaque = (tag: string): string => tag.trim().replace(/^W\//, '');

/** Whether `If-None-Match` names `etag`, or is `*`. */
function held(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/** Each coding's quality in an `Accept-Encoding` header (RFC 9110 §12.5.3); `*` stands for any coding not named. */
function qualities(header: string): (coding: string) => number {
  const named = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name) named.set(name, q === undefined ? 1 : Number(q));
  }
  return (coding) => named.get(coding) ?? named.get('*') ?? 0;
}

/** The coding the caller rates highest among ours, brotli on a tie (smaller), if the body is worth compressing. */
function encodingFor(req: Request, size: number): Encoding | undefined {
  if (size < COMPRESS_FROM_BYTES) return undefined;
  const q = qualities(req.get('Accept-Encoding') ?? '');
  const [br, gz] = [q('br'), q('gzip')];
  if (br > 0 && br >= gz) return 'br';
  return gz > 0 ? 'gzip' : undefined;
}

export class ViewCache {
  private readonly kept = new Map<string, Kept>();
  private readonly building = new Map<string, Promise<Kept>>();
  private heldBytes = 0;

  /** @param maxBytes the most bytes kept, serialised and compressed copies together */
  constructor(private readonly maxBytes: number) {}

  /** Answers `req` with `view`: 304 when the caller holds its version, else its JSON. `route` tells views of different routes apart. */
  async send(req: Request, res: Response, route: string, view: VersionedView<unknown>): Promise<void> {
    // Weak: the brotli, gzip and plain bodies of a version are the same JSON, not the same bytes (RFC 9110 §8.8.3).
    const etag = `W/"${view.version}"`;
    if (held(req.get('If-None-Match'), etag)) {
      this.validators(res, etag);
      res.status(304).end();
      return;
    }
    const kept = await this.keep(`${route}|${view.version}`, view);
    const encoding = encodingFor(req, kept.json.length);
    const body = encoding === undefined ? kept.json : await this.encoded(kept, encoding);
    // Only once the body exists: a failed build answers 500 without a tag a browser could keep and revalidate.
    this.validators(res, etag);
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    // Already encoded: the `compression` middleware leaves a body with a Content-Encoding alone.
    if (encoding !== undefined) res.setHeader('Content-Encoding', encoding);
    res.status(200).end(body);
  }

  private validators(res: Response, etag: string): void {
    res.setHeader('ETag', etag);
    // Stored by the browser only to be revalidated on every use; never by a shared cache.
    res.setHeader('Cache-Control', 'private, no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
  }

  private keep(key: string, view: VersionedView<unknown>): Promise<Kept> {
    const found = this.kept.get(key);
    if (found) {
      // Most recently used last, so eviction takes the oldest first.
      this.kept.delete(key);
      this.kept.set(key, found);
      return Promise.resolve(found);
    }
    const underway = this.building.get(key);
    if (underway) return underway;
    const build = Promise.resolve()
      .then(() => this.store(key, Buffer.from(JSON.stringify(view.build()))))
      .finally(() => this.building.delete(key));
    this.building.set(key, build);
    return build;
  }

  private store(key: string, json: Buffer): Kept {
    const kept: Kept = { json, encoded: new Map(), bytes: json.length, evicted: json.length > this.maxBytes };
    if (kept.evicted) return kept;
    this.kept.set(key, kept);
    this.heldBytes += kept.bytes;
    this.evict();
    return kept;
  }

  private encoded(kept: Kept, encoding: Encoding): Promise<Buffer> {
    let body = kept.encoded.get(encoding);
    if (body === undefined) {
      body = compressors[encoding](kept.json);
      kept.encoded.set(encoding, body);
      // Counted once made, unless its view was evicted meanwhile.
      void body.then(
        (b) => {
          if (kept.evicted) return;
          kept.bytes += b.length;
          this.heldBytes += b.length;
          this.evict();
        },
        () => kept.encoded.delete(encoding),
      );
    }
    return body;
  }

  private evict(): void {
    for (const [key, kept] of this.kept) {
      if (this.heldBytes <= this.maxBytes) break;
      this.kept.delete(key);
      this.heldBytes -= kept.bytes;
      kept.evicted = true;
    }
  }
}
