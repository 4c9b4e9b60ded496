/** Serves the built tab from the same origin as the API, with an SPA fallback. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

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
 * The built tab at `/` with an SPA fallback to `index.html`, and headers that let only Teams
 * (and, locally, localhost) frame it.
 */
export function serveTab(distDir: string, options: { allowLocalFraming?: boolean } = {}): RequestHandler {
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');
  const ancestors = [...TEAMS_FRAME_ANCESTORS, ...(options.allowLocalFraming ? ['http://localhost:*', 'http://127.0.0.1:*'] : [])].join(' ');
  const router = Router();
  router.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', `frame-ancestors ${ancestors}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    next();
  });
  router.use(express.static(root, { index: 'index.html', maxAge: '1h', setHeaders: (res, file) => {
    if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
  } }));
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
