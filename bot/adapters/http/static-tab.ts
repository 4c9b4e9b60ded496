/** Serves the built tab from the same origin as the API, with an SPA fallback. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

export function serveTab(distDir: string): RequestHandler {
  const root = path.resolve(distDir);
  const index = path.join(root, 'index.html');
  const router = Router();
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
