/**
 * The signals routes of the JSON API (PRODUCT.md §4), served under `/api`; shapes are in
 * bot/api-contract/signals.ts. Each parses, calls the use case and answers with the wire type;
 * a transition answers with the signal as the caller now sees it.
 */
import { z } from 'zod';
import type {
  DecideResponse,
  DecisionLogResponse,
  DecisionView,
  EscalationQueueResponse,
  SignalDetailResponse,
  SignalInboxResponse,
  StrategyChangeFromDecisionResponse,
} from '../api-contract/signals';
import { type HttpReply, type RouteTable, answer, download, json, route } from '../kernel/http-routes';
import type { Result } from '../kernel/result';
import type { Principal } from '../kernel/roles';
import { oneLine, plainText } from '../kernel/validation';
import type { SignalDeps } from './app/deps';
import { strategyChangeFromDecision } from './app/draft-from-decision';
import { decisionById, decisionLog, escalationQueue, inbox, signalDetail, signalWithDecision } from './app/queries';
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
import { CLOSE_REASONS, DECISION_OUTCOMES, IMPACT_LEVELS, SIGNAL_KINDS, SIGNAL_STATES, URGENCIES } from './domain/signal';
import { decisionsCsv } from './http-decisions-csv';

/** Free text people write: several lines allowed, control and text-direction characters not. */
const text = (max: number) => plainText(z.string().max(max));
const comment = text(2000).optional();
const schemas = {
  triage: z.object({ comment }).strict(),
  resolve: z.object({ resolution: plainText(z.string().trim().min(1, 'Give the resolution.').max(2000)) }).strict(),
  close: z.object({ reason: z.enum(CLOSE_REASONS), comment: plainText(z.string().trim().min(1, 'Give the reason.').max(2000)), duplicateOf: z.number().int().positive().optional() }).strict(),
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
          narrative: text(4000),
        })
        .strict()
        .optional(),
      options: z.array(z.object({ id: z.string().max(16).optional(), title: oneLine(z.string().max(200)), description: text(2000), impact: text(2000) }).strict()).max(6),
      recommendation: z.object({ optionIndex: z.number().int().nonnegative(), rationale: text(2000) }).strict().optional(),
    })
    .strict(),
  escalate: z.object({ decisionWorkingDays: z.number().int().min(1).max(60).optional(), comment }).strict(),
  decide: z
    .object({
      outcome: z.enum(DECISION_OUTCOMES),
      chosenOptionId: z.string().max(16).optional(),
      deferredUntil: z.string().max(10).optional(),
      rationale: plainText(z.string().trim().min(1, 'Give the rationale for the decision.').max(2000)),
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

/** The signals routes, for a server to serve under `/api`. */
export function signalRoutes(sd: SignalDeps): RouteTable {
  /** Answers a transition with the signal's detail as the caller now sees it. */
  const detailAfter = async (p: Principal, applied: Result<Applied>): Promise<HttpReply> =>
    applied.ok ? answer<SignalDetailResponse>(await signalDetail(sd, p, applied.value.signal.value.id)) : applied;

  return {
    jsonLimit: '256kb',
    routes: [
      route({
        method: 'GET',
        path: '/signals',
        query: listQuery,
        handle: async ({ query: q }, p) =>
          json<SignalInboxResponse>(
            await inbox(sd, p, {
              ...(q.state ? { states: q.state } : {}),
              ...(q.domainId ? { domainId: q.domainId } : {}),
              ...(q.kind ? { kind: q.kind } : {}),
              ...(q.urgency ? { urgency: q.urgency } : {}),
              ...(q.overdue === 'true' ? { overdue: true } : {}),
              ...(q.mine === 'true' ? { mine: true } : {}),
              ...(q.q ? { q: q.q } : {}),
            }),
          ),
      }),
      route({ method: 'GET', path: '/signals/:id', handle: async ({ params }, p) => answer<SignalDetailResponse>(await signalDetail(sd, p, params.id)) }),
      route({
        method: 'POST',
        path: '/signals/:id/triage',
        body: schemas.triage,
        handle: async ({ params, body }, p) => detailAfter(p, await triageSignal(sd, p, params.id, body.comment)),
      }),
      route({
        method: 'POST',
        path: '/signals/:id/resolve',
        body: schemas.resolve,
        handle: async ({ params, body }, p) => detailAfter(p, await resolveSignal(sd, p, params.id, body.resolution)),
      }),
      route({
        method: 'POST',
        path: '/signals/:id/close',
        body: schemas.close,
        handle: async ({ params, body }, p) =>
          detailAfter(p, await closeSignal(sd, p, params.id, { reason: body.reason, comment: body.comment, ...(body.duplicateOf ? { duplicateOf: body.duplicateOf } : {}) })),
      }),
      route({
        method: 'POST',
        path: '/signals/:id/start-analysis',
        body: schemas.start,
        handle: async ({ params, body }, p) => detailAfter(p, await startSignalAnalysis(sd, p, params.id, body.comment)),
      }),
      route({
        method: 'PUT',
        path: '/signals/:id/analysis',
        body: schemas.analysis,
        ifMatch: 'Send the version you edited in the If-Match header, so a concurrent edit is not overwritten.',
        handle: async ({ params, body, etag }, p) =>
          detailAfter(
            p,
            await saveSignalAnalysis(sd, p, params.id, { options: body.options, ...(body.context ? { context: body.context } : {}), ...(body.recommendation ? { recommendation: body.recommendation } : {}) }, etag),
          ),
      }),
      route({
        method: 'POST',
        path: '/signals/:id/escalate',
        body: schemas.escalate,
        handle: async ({ params, body }, p) => detailAfter(p, await escalateSignal(sd, p, params.id, body.decisionWorkingDays, body.comment)),
      }),
      route({
        method: 'POST',
        path: '/signals/:id/decide',
        body: schemas.decide,
        handle: async ({ params, body }, p) => {
          const decided = await decideSignal(sd, p, params.id, {
            outcome: body.outcome,
            rationale: body.rationale,
            ...(body.chosenOptionId ? { chosenOptionId: body.chosenOptionId } : {}),
            ...(body.deferredUntil ? { deferredUntil: body.deferredUntil } : {}),
          });
          if (!decided.ok) return decided;
          // 201 for a new decision; a repeat of the same one answers 200 with the decision recorded.
          return answer<DecideResponse>(await signalWithDecision(sd, p, params.id, decided.value.decision.id), decided.value.created ? 201 : 200);
        },
      }),
      route({ method: 'GET', path: '/escalations', handle: async (_req, p) => answer<EscalationQueueResponse>(await escalationQueue(sd, p)) }),
      route({
        method: 'GET',
        path: '/decisions',
        query: logQuery,
        handle: async ({ query }, p) => {
          const log = await decisionLog(sd, p, query);
          return log.ok ? json<DecisionLogResponse>({ items: log.value }) : log;
        },
      }),
      route({
        method: 'GET',
        path: '/decisions/export.csv',
        query: logQuery,
        handle: async ({ query }, p) => {
          const log = await decisionLog(sd, p, query);
          if (!log.ok) return log;
          return download(decisionsCsv(log.value), { contentType: 'text/csv; charset=utf-8', fileName: `decision-log-${sd.clock.now().toISOString().slice(0, 10)}.csv` });
        },
      }),
      route({ method: 'GET', path: '/decisions/:id', handle: async ({ params }, p) => answer<DecisionView>(await decisionById(sd, p, params.id)) }),
      route({
        method: 'POST',
        path: '/decisions/:id/strategy-change',
        handle: async ({ params }, p) => {
          const made = await strategyChangeFromDecision(sd, p, params.id);
          // 201 the first time; asking again answers 200 with the draft already made.
          return made.ok ? json<StrategyChangeFromDecisionResponse>(made.value.draft, made.value.created ? 201 : 200) : made;
        },
      }),
    ],
  };
}
