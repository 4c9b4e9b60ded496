/**
 * The signals API for the tab (PRODUCT.md §4), under `/api`. Thin: authenticate, parse with
 * zod, call a use case, map the result. Shapes are in bot/http/contract-signals.ts.
 */
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { SignalDeps } from './app/deps';
import { decisionById, decisionLog, decisionsCsv, escalationQueue, inbox, signalDetail } from './app/queries';
import { strategyChangeFromDecision } from './app/draft-from-decision';
import {
  type Applied,
  closeSignal,
  decideSignal,
  escalateSignal,
  resolveSignal,
  saveSignalAnalysis,
  startSignalAnalysis,
  triageSignal,
} from './app/transitions';
import { type Result, invalid } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import { CLOSE_REASONS, DECISION_OUTCOMES, IMPACT_LEVELS, SIGNAL_KINDS, SIGNAL_STATES, URGENCIES } from './domain/signal';
import type { DecideResponse } from '../api-contract/signals';
import type { Authenticator } from '../platform/web/auth';
import { sendError } from '../platform/web/errors';
import { authenticated, parseBody, reply } from '../platform/web/route-kit';

export interface SignalsApiDeps {
  readonly signals: SignalDeps;
  readonly auth: Authenticator;
}

const comment = z.string().max(2000).optional();
const schemas = {
  triage: z.object({ comment }).strict(),
  resolve: z.object({ resolution: z.string().trim().min(1, 'Give the resolution.').max(2000) }).strict(),
  close: z.object({ reason: z.enum(CLOSE_REASONS), comment: z.string().trim().min(1, 'Give the reason.').max(2000), duplicateOf: z.number().int().positive().optional() }).strict(),
  start: z.object({ comment }).strict(),
  analysis: z
    .object({
      context: z
        .object({
          objectiveIds: z.array(z.string().max(128)).max(20),
          schedule: z.enum(IMPACT_LEVELS),
          cost: z.enum(IMPACT_LEVELS),
          benefit: z.enum(IMPACT_LEVELS),
          risk: z.enum(IMPACT_LEVELS),
          narrative: z.string().max(4000),
        })
        .strict()
        .optional(),
      options: z.array(z.object({ id: z.string().max(16).optional(), title: z.string().max(200), description: z.string().max(2000), impact: z.string().max(2000) }).strict()).max(6),
      recommendation: z.object({ optionIndex: z.number().int().nonnegative(), rationale: z.string().max(2000) }).strict().optional(),
    })
    .strict(),
  escalate: z.object({ decisionWorkingDays: z.number().int().min(1).max(60).optional(), comment }).strict(),
  decide: z
    .object({
      outcome: z.enum(DECISION_OUTCOMES),
      chosenOptionId: z.string().max(16).optional(),
      deferredUntil: z.string().max(10).optional(),
      rationale: z.string().trim().min(1, 'Give the rationale for the decision.').max(2000),
    })
    .strict(),
};

const listQuery = z.object({
  state: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const states = v.split(',').map((s) => s.trim()).filter(Boolean);
      const bad = states.filter((s) => !(SIGNAL_STATES as readonly string[]).includes(s));
      if (bad.length > 0) {
        ctx.addIssue({ code: 'custom', message: `Unknown state ${bad.join(', ')}; use ${SIGNAL_STATES.join(', ')}.` });
        return z.NEVER;
      }
      return states as (typeof SIGNAL_STATES)[number][];
    }),
  domainId: z.string().max(128).optional(),
  kind: z.enum(SIGNAL_KINDS).optional(),
  urgency: z.enum(URGENCIES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
});

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date, YYYY-MM-DD.');
const logQuery = z.object({ q: z.string().max(200).optional(), domainId: z.string().max(128).optional(), outcome: z.enum(DECISION_OUTCOMES).optional(), from: date.optional(), to: date.optional() });

export function createSignalsRouter(deps: SignalsApiDeps): Router {
  const { signals: sd, auth } = deps;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  const authed = authenticated(auth, sd.repos.users);
  const id = (req: Request): string => String(req.params['id'] ?? '');

  /** Answers a transition with the signal's detail as the caller now sees it. */
  const afterTransition = async (res: Response, p: Principal, applied: Result<Applied>): Promise<void> => {
    if (!applied.ok) return sendError(res, applied.error);
    reply(res, await signalDetail(sd, p, applied.value.signal.value.id));
  };

  router.get(
    '/signals',
    authed(async (req, res, p) => {
      const q = parseBody(listQuery, req.query, res, 'The query');
      if (!q) return;
      res.json(
        await inbox(sd, p, {
          ...(q.state ? { states: q.state } : {}),
          ...(q.domainId ? { domainId: q.domainId } : {}),
          ...(q.kind ? { kind: q.kind } : {}),
          ...(q.urgency ? { urgency: q.urgency } : {}),
          ...(q.overdue === 'true' ? { overdue: true } : {}),
          ...(q.mine === 'true' ? { mine: true } : {}),
          ...(q.q ? { q: q.q } : {}),
        }),
      );
    }),
  );
  router.get('/signals/:id', authed(async (req, res, p) => reply(res, await signalDetail(sd, p, id(req)))));

  router.post(
    '/signals/:id/triage',
    authed(async (req, res, p) => {
      const body = parseBody(schemas.triage, req.body, res);
      if (body) await afterTransition(res, p, await triageSignal(sd, p, id(req), body.comment));
    }),
  );
  router.post(
    '/signals/:id/resolve',
    authed(async (req, res, p) => {
      const body = parseBody(schemas.resolve, req.body, res);
      if (body) await afterTransition(res, p, await resolveSignal(sd, p, id(req), body.resolution));
    }),
  );
  router.post(
    '/signals/:id/close',
    authed(async (req, res, p) => {
      const body = parseBody(schemas.close, req.body, res);
      if (body) await afterTransition(res, p, await closeSignal(sd, p, id(req), { reason: body.reason, comment: body.comment, ...(body.duplicateOf ? { duplicateOf: body.duplicateOf } : {}) }));
    }),
  );
  router.post(
    '/signals/:id/start-analysis',
    authed(async (req, res, p) => {
      const body = parseBody(schemas.start, req.body, res);
      if (body) await afterTransition(res, p, await startSignalAnalysis(sd, p, id(req), body.comment));
    }),
  );
  router.put(
    '/signals/:id/analysis',
    authed(async (req, res, p) => {
      const body = parseBody(schemas.analysis, req.body, res);
      if (!body) return;
      const etag = req.get('If-Match');
      if (!etag) {
        const bad = invalid('Send the version you edited in the If-Match header, so a concurrent edit is not overwritten.');
        if (!bad.ok) sendError(res, bad.error);
        return;
      }
      await afterTransition(res, p, await saveSignalAnalysis(sd, p, id(req), { options: body.options, ...(body.context ? { context: body.context } : {}), ...(body.recommendation ? { recommendation: body.recommendation } : {}) }, etag));
    }),
  );
  router.post(
    '/signals/:id/escalate',
    authed(async (req, res, p) => {
      const body = parseBody(schemas.escalate, req.body, res);
      if (body) await afterTransition(res, p, await escalateSignal(sd, p, id(req), body.decisionWorkingDays, body.comment));
    }),
  );
  router.post(
    '/signals/:id/decide',
    authed(async (req, res, p) => {
      const body = parseBody(schemas.decide, req.body, res);
      if (!body) return;
      const decided = await decideSignal(sd, p, id(req), {
        outcome: body.outcome,
        rationale: body.rationale,
        ...(body.chosenOptionId ? { chosenOptionId: body.chosenOptionId } : {}),
        ...(body.deferredUntil ? { deferredUntil: body.deferredUntil } : {}),
      });
      if (!decided.ok) return sendError(res, decided.error);
      const detail = await signalDetail(sd, p, id(req));
      if (!detail.ok) return sendError(res, detail.error);
      const decision = detail.value.decisions.find((d) => d.id === decided.value.decision.id);
      if (!decision) throw new Error('the recorded decision is missing from the signal detail');
      const response: DecideResponse = { ...detail.value, decision };
      res.status(decided.value.created ? 201 : 200).json(response);
    }),
  );

  router.get('/escalations', authed(async (_req, res, p) => reply(res, await escalationQueue(sd, p))));

  router.get(
    '/decisions',
    authed(async (req, res, p) => {
      const q = parseBody(logQuery, req.query, res, 'The query');
      if (!q) return;
      const log = await decisionLog(sd, p, q);
      reply(res, log.ok ? { ok: true, value: { items: log.value } } : log);
    }),
  );
  router.get(
    '/decisions/export.csv',
    authed(async (req, res, p) => {
      const q = parseBody(logQuery, req.query, res, 'The query');
      if (!q) return;
      const log = await decisionLog(sd, p, q);
      if (!log.ok) return sendError(res, log.error);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="decision-log-${sd.clock.now().toISOString().slice(0, 10)}.csv"`);
      res.send(decisionsCsv(log.value));
    }),
  );
  router.get('/decisions/:id', authed(async (req, res, p) => reply(res, await decisionById(sd, p, id(req)))));
  router.post(
    '/decisions/:id/strategy-change',
    authed(async (req, res, p) => {
      const made = await strategyChangeFromDecision(sd, p, id(req));
      if (!made.ok) return sendError(res, made.error);
      res.status(made.value.created ? 201 : 200).json(made.value.response);
    }),
  );

  return router;
}
