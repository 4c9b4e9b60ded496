/**
 * A stand-in for Teams' Bot Connector for the seeded demo conversations, served by the app
 * itself in local and test runs only. It accepts what the bot sends (201 with an activity id,
 * 200 for an update) and keeps nothing; the cascade and delivery views then show the demo as
 * delivered.
 */
import { randomUUID } from 'node:crypto';
import express, { Router } from 'express';
import type { Logger } from '../kernel/logger';

export const DEMO_CONNECTOR_PATH = '/_demo/connector';

export function demoConnectorRouter(logger: Logger): Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.post(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/, (req, res) => {
    logger.debug({ conversationId: req.params[0] }, 'demo connector: message delivered');
    res.status(201).json({ id: `demo-${randomUUID()}` });
  });
  router.put(/^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, (req, res) => {
    logger.debug({ conversationId: req.params[0], activityId: req.params[1] }, 'demo connector: message updated');
    res.status(200).json({ id: req.params[1] });
  });
  return router;
}
