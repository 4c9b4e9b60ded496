/**
 * The signals part of the JSON API (PRODUCT.md §4): PMO inbox, signal page with its timeline,
 * triage and analysis, escalation, the EPMO queue, decisions, the decision log and its CSV
 * export. Types, and one constant: the columns of the decision log's CSV export. The tab
 * imports them, the server (bot/signals/routes.ts) implements them. Changes here are additive only.
 *
 * Every route needs `Authorization: Bearer <token>`; tenant and caller come from the token.
 * Errors are `ApiError` bodies (./common.ts):
 * - 400 `VALIDATION.INVALID` — a bad body or query, with `details` per field;
 * - 401 no or bad token; 403 `AUTH.FORBIDDEN` — the caller's role does not allow it (the
 *   message says which role would);
 * - 404 `NOT_FOUND` — no such signal or decision in the caller's tenant (other tenants' records
 *   are never visible, so they are "not found" too);
 * - 409 `SIGNAL.INVALID_TRANSITION` — not possible in the signal's state, with the reason
 *   ("A raised signal cannot be decided: it has to be triaged, analysed and escalated first.");
 * - 409 `SIGNAL.ALREADY_HANDLED` — somebody else acted first ("Already triaged by Dana Lee.");
 *   the body's `details` hold `state` and `by`;
 * - 409 `SIGNAL.ALREADY_DECIDED` — a decision was already recorded for this escalation;
 * - 412 `CONFLICT.STALE` — `If-Match` names an older version of the signal (analysis edits).
 *
 * Transitions answer with the updated `SignalDetailResponse` (fresh `etag`).
 */
import type {
  AuditEvent,
  CloseReason,
  Decision,
  DecisionOutcome,
  ImpactLevel,
  Signal,
  SignalKind,
  SignalState,
  Urgency,
} from '../signals/domain/signal';

/** Whose move it is in a state. */
export type SignalWaitingOn = 'pmo' | 'epmo' | 'nobody';

/** A signal as lists and pages show it: stored fields plus derived facts. */
export interface SignalView extends Signal {
  /** `S-12`. */
  readonly label: string;
  readonly domainName: string;
  readonly workItemTitle?: string;
  /** True when `dueAt` has passed and the state still waits on someone. */
  readonly overdue: boolean;
  readonly waitingOn: SignalWaitingOn;
  /** Version token; send it back as `If-Match` when saving the analysis. */
  readonly etag: string;
}

/** What the caller may do with a signal now (drives the buttons the tab shows). */
export type SignalActionName =
  | 'triage'
  | 'resolve'
  | 'close'
  | 'startAnalysis'
  | 'saveAnalysis'
  | 'escalate'
  | 'decide'
  | 'createStrategyChange';

/**
 * `GET /api/signals` — the PMO inbox. Scope: PMO leads see their domain(s), EPMO members and
 * strategy owners see every domain; anyone sees what they raised with `mine=true`.
 * Query (all optional): `state` (comma-separated `SignalState`s), `domainId`, `kind`,
 * `urgency`, `overdue=true`, `mine=true`, `q` (searches label, title and details).
 * Sorted by state (inbox order), then overdue first, then due time, then urgency.
 */
export interface SignalInboxResponse {
  readonly items: readonly SignalView[];
  /** Counts per state of the items in scope before the `state`/`overdue` filters. */
  readonly counts: Readonly<Record<SignalState, number>>;
  /** How many items in scope are overdue. */
  readonly overdue: number;
}

export interface SignalInboxQuery {
  readonly state?: string;
  readonly domainId?: string;
  readonly kind?: SignalKind;
  readonly urgency?: Urgency;
  readonly overdue?: 'true';
  readonly mine?: 'true';
  readonly q?: string;
}

/** `GET /api/signals/:id` and the answer of every transition. */
export interface SignalDetailResponse {
  readonly signal: SignalView;
  /** The audit trail, oldest first. */
  readonly timeline: readonly AuditEvent[];
  /** Every decision recorded for it (one per escalation round), oldest first. */
  readonly decisions: readonly DecisionView[];
  readonly allowedActions: readonly SignalActionName[];
}

/** `POST /api/signals/:id/triage` (PMO lead of the signal's domain): raised → triaged. */
export interface TriageRequest {
  readonly comment?: string;
}

/** `POST /api/signals/:id/resolve` (PMO lead): raised | triaged | analysing → resolved. */
export interface ResolveRequest {
  /** What was done locally; 1–2000 characters. */
  readonly resolution: string;
}

/**
 * `POST /api/signals/:id/close` (PMO lead): raised | triaged | analysing → closed as
 * `duplicate` (give `duplicateOf`, the other signal's number) or `not_actionable`;
 * decided → closed as `decision_implemented`. The reason's comment is required.
 */
export interface CloseRequest {
  readonly reason: CloseReason;
  readonly comment: string;
  readonly duplicateOf?: number;
}

/** `POST /api/signals/:id/start-analysis` (PMO lead): triaged → analysing. */
export interface StartAnalysisRequest {
  readonly comment?: string;
}

export interface StrategicContextInput {
  readonly objectiveIds: readonly string[];
  readonly schedule: ImpactLevel;
  readonly cost: ImpactLevel;
  readonly benefit: ImpactLevel;
  readonly risk: ImpactLevel;
  /** Up to 4000 characters. */
  readonly narrative: string;
}

export interface OptionInput {
  /** Keep the id of an existing option; new options get one (`o3`…). */
  readonly id?: string;
  readonly title: string;
  readonly description: string;
  readonly impact: string;
}

/**
 * `PUT /api/signals/:id/analysis` (PMO lead, state `analysing`, header `If-Match: <etag>`):
 * saves the whole analysis. A draft may be incomplete; escalation needs the context, at least
 * two options and a recommendation. `recommendation.optionIndex` points into `options`.
 */
export interface SaveAnalysisRequest {
  readonly context?: StrategicContextInput;
  readonly options: readonly OptionInput[];
  readonly recommendation?: { readonly optionIndex: number; readonly rationale: string };
}

/**
 * `POST /api/signals/:id/escalate` (PMO lead): analysing → escalated; the EPMO card is sent.
 * The decision is due `decisionWorkingDays` working days later (default from configuration, 5).
 */
export interface EscalateRequest {
  readonly decisionWorkingDays?: number;
  readonly comment?: string;
}

/**
 * `POST /api/signals/:id/decide` (strategy owners, state `escalated`): the same decision the
 * EPMO card offers. `chosenOptionId` is required for `choose_other`; `deferredUntil`
 * (`YYYY-MM-DD`, in the future) for `defer`. The rationale is always required.
 * Answers 201 with the signal and the new decision; a repeat of the same decision by the same
 * person answers 200 with the decision already recorded (nothing is recorded twice).
 */
export interface DecideRequest {
  readonly outcome: DecisionOutcome;
  readonly chosenOptionId?: string;
  readonly deferredUntil?: string;
  readonly rationale: string;
}

export interface DecideResponse extends SignalDetailResponse {
  readonly decision: DecisionView;
}

/**
 * `GET /api/escalations` (EPMO members and strategy owners): escalated signals awaiting a
 * decision, and deferred ones with their date, oldest due first.
 */
export interface EscalationQueueResponse {
  readonly items: readonly SignalView[];
  /** Whether the caller may decide (strategy owner). */
  readonly canDecide: boolean;
}

/** A decision as the log shows it. */
export interface DecisionView extends Decision {
  /** The signal's label, `S-12`. */
  readonly signalLabel: string;
  readonly domainName: string;
  readonly chosenOptionTitle?: string;
  readonly recommendedOptionTitle?: string;
  /** The strategy-change draft made from it, if any (kept beside the record, which never changes). */
  readonly strategyChangeId?: string;
}

/**
 * `GET /api/decisions` — the decision log, newest first. EPMO members and strategy owners see
 * every domain, PMO leads their domain(s). Query (optional): `q` (searches signal label and
 * title, question, options, rationale and who decided), `domainId`, `outcome`, `from` and `to`
 * (`YYYY-MM-DD`, inclusive, on `decidedAt`).
 * `GET /api/decisions/export.csv` — the same rows (same query) as `text/csv` with the header
 * row `DECISION_CSV_COLUMNS`, RFC 4180 quoting.
 * `GET /api/decisions/:id` → `DecisionView`.
 */
export interface DecisionLogResponse {
  readonly items: readonly DecisionView[];
}

export interface DecisionLogQuery {
  readonly q?: string;
  readonly domainId?: string;
  readonly outcome?: DecisionOutcome;
  readonly from?: string;
  readonly to?: string;
}

/** The header row of `GET /api/decisions/export.csv`, in column order. */
export const DECISION_CSV_COLUMNS = [
  'decisionId',
  'signal',
  'signalTitle',
  'kind',
  'domain',
  'round',
  'question',
  'context',
  'options',
  'recommendedOption',
  'recommendationRationale',
  'recommendedBy',
  'outcome',
  'chosenOption',
  'deferredUntil',
  'rationale',
  'decidedBy',
  'decidedAt',
  'strategyChangeId',
] as const;

/**
 * `POST /api/decisions/:id/strategy-change` (strategy owners) — turns a decision into a
 * strategy-change draft that the EPMO then edits and publishes (PRODUCT.md §3), closing the
 * loop. Answers 201 the first time; again, 200 with the same draft.
 */
export interface StrategyChangeFromDecisionResponse {
  readonly changeId: string;
  readonly version: number;
  readonly title: string;
  /** The tab route of the draft: `#/changes/<id>`. */
  readonly tabPath: string;
}
