/**
 * The signals part of the API (PRODUCT.md §4): inbox, signal page and its transitions, the
 * EPMO queue, decisions and the decision log. Shapes come from the server's contract.
 */
import type {
  CloseRequest,
  DecideRequest,
  DecideResponse,
  DecisionLogQuery,
  DecisionLogResponse,
  EscalateRequest,
  EscalationQueueResponse,
  ResolveRequest,
  SaveAnalysisRequest,
  SignalDetailResponse,
  SignalInboxQuery,
  SignalInboxResponse,
  StartAnalysisRequest,
  StrategyChangeFromDecisionResponse,
  TriageRequest,
} from '../../../bot/api-contract/signals';
import type { Transport } from './client';

export interface SignalsApi {
  inbox(query: SignalInboxQuery, signal?: AbortSignal): Promise<SignalInboxResponse>;
  get(id: string, signal?: AbortSignal): Promise<SignalDetailResponse>;
  triage(id: string, body: TriageRequest): Promise<SignalDetailResponse>;
  resolve(id: string, body: ResolveRequest): Promise<SignalDetailResponse>;
  close(id: string, body: CloseRequest): Promise<SignalDetailResponse>;
  startAnalysis(id: string, body: StartAnalysisRequest): Promise<SignalDetailResponse>;
  /** Saves the whole analysis; `etag` guards against overwriting someone else's edit. */
  saveAnalysis(id: string, etag: string, body: SaveAnalysisRequest): Promise<SignalDetailResponse>;
  escalate(id: string, body: EscalateRequest): Promise<SignalDetailResponse>;
  decide(id: string, body: DecideRequest): Promise<DecideResponse>;
  escalations(signal?: AbortSignal): Promise<EscalationQueueResponse>;
  decisions(query: DecisionLogQuery, signal?: AbortSignal): Promise<DecisionLogResponse>;
  /** The decision log as CSV (same query as `decisions`). */
  decisionsCsv(query: DecisionLogQuery): Promise<Blob>;
  strategyChangeFromDecision(decisionId: string): Promise<StrategyChangeFromDecisionResponse>;
}

/** `?a=1&b=2` of the defined, non-empty values; `''` when there are none. */
function queryString(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const at = (id: string, action = ''): string => `/api/signals/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function createSignalsApi(t: Transport): SignalsApi {
  const opts = (signal?: AbortSignal) => (signal ? { signal } : {});
  return {
    inbox: (query, signal) => t.json('GET', `/api/signals${queryString(query)}`, opts(signal)),
    get: (id, signal) => t.json('GET', at(id), opts(signal)),
    triage: (id, body) => t.json('POST', at(id, 'triage'), { body }),
    resolve: (id, body) => t.json('POST', at(id, 'resolve'), { body }),
    close: (id, body) => t.json('POST', at(id, 'close'), { body }),
    startAnalysis: (id, body) => t.json('POST', at(id, 'start-analysis'), { body }),
    saveAnalysis: (id, etag, body) => t.json('PUT', at(id, 'analysis'), { body, headers: { 'If-Match': etag } }),
    escalate: (id, body) => t.json('POST', at(id, 'escalate'), { body }),
    decide: (id, body) => t.json('POST', at(id, 'decide'), { body }),
    escalations: (signal) => t.json('GET', '/api/escalations', opts(signal)),
    decisions: (query, signal) => t.json('GET', `/api/decisions${queryString(query)}`, opts(signal)),
    decisionsCsv: (query) => t.blob(`/api/decisions/export.csv${queryString(query)}`),
    strategyChangeFromDecision: (id) => t.json('POST', `/api/decisions/${encodeURIComponent(id)}/strategy-change`, {}),
  };
}
