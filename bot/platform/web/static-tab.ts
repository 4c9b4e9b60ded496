/**
 * Serves the built tab from the same origin as the API, with an SPA fallback, the build's
 * precompressed files, long-lived caching for hashed assets and no source maps.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';

/**
 * Teams shows tabs in an iframe on these hosts (Teams, Outlook and the Microsoft 365 app);
 * no other site may frame the tab.
 */
const TEAMS_FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://*.microsoft365.com',
];

/**
 * What the tab may load: its own scripts, styles, images and API only. Scripts come from the
 * build's files (no inline script, no eval); teams-js talks to Teams by postMessage, which CSP
 * does not govern. Styles allow 'unsafe-inline' because Fluent UI (Griffel) inserts its CSS as
 * <style> rules at run time and the page's base style is inline; styles cannot run script.
 */
const TAB_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** Vite puts content-hashed files here: a changed file gets a new name, so they never go stale. */
const HASHED_DIR = '/assets/';
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Other files keep their names across builds (icons): cached briefly. */
const SHORT = 'public, max-age=3600';

/** Files the build writes `.br` and `.gz` copies of (tab/vite.config.mts). */
const PRECOMPRESSED = /\.(js|css|html|svg|json)$/;
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

function cacheControl(urlPath: string): string {
  if (urlPath.endsWith('.html') || urlPath === '/') return 'no-cache';
  return urlPath.startsWith(HASHED_DIR) ? IMMUTABLE : SHORT;
}

/** The file a URL path names inside `root`, or undefined when it would leave it. */
function fileFor(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const file = path.resolve(root, `.${decoded}`);
  return file.startsWith(root + path.sep) ? file : undefined;
}

const isFile = (file: string): Promise<boolean> => stat(file).then((s) => s.isFile(), () => false);

/**
 * Sends the build's `.br` or `.gz` copy of a file when the browser accepts it; the copy is made
 * once at build time, at the strongest setting, so no request spends CPU compressing.
 */
function precompressed(root: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !PRECOMPRESSED.test(req.path)) return next();
    const file = fileFor(root, req.path);
    // Our preference (brotli is smaller), not the order the browser happens to list them in.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name);
    if (!file || !encoding) return next();
    void isFile(file + encoding.suffix).then((found) => {
      if (!found) return next();
      res.setHeader('Content-Encoding', encoding.name);
      res.setHeader('Vary', 'Accept-Encoding');
      res.setHeader('Cache-Control', cacheControl(req.path));
      res.type(path.extname(file));
      res.sendFile(file + encoding.suffix, { cacheControl: false }, (err) => err && next(err));
    }, next);
  };
}

const notFound = (_req: Request, res: Response) => {
  res.status(404).type('text/plain').send('Not found');
};

/**
 * The built tab at `/` with an SPA fallback to `index.html`, and headers that let only Teams
 * (and, locally, localhost) frame it.
 */
export function serveTab(distDir: string, options: { allowLocalFraming?: boolean } = {}): RequestHandler {
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');
  const ancestors = [...TEAMS_FRAME_ANCESTORS, ...(options.allowLocalFraming ? ['http://localhost:*', 'http://127.0.0.1:*'] : [])].join(' ');
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', `${TAB_POLICY}; frame-ancestors ${ancestors}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });
  // Source maps stay on the server (for decoding error reports), never public.
  router.get(/\.map$/, notFound);
  router.use(precompressed(root));
  // Files without a precompressed copy are under 1 KB or already compressed (images): sent as they are.
  router.use(
    express.static(root, {
      index: 'index.html',
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControl(`/${path.relative(root, file).split(path.sep).join('/')}`)),
    }),
  );
  // A hashed asset that is not there (an old build's) is a 404, not the app's HTML.
  router.get(/^\/assets\//, notFound);
  router.get(/^\/(?!api\/|healthz).*/, (_req, res, next) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The tab has not been built. Run `npm run build` (or `npm start`, which builds first).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (err) => err && next(err));
  });
  return router;
}
