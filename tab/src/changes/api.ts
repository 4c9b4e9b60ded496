/**
 * The strategy-changes endpoints, on the shell's authorized transport. Shapes are the
 * server's contract (types only), so a change on either side fails the type check.
 */
import type { Transport } from '../api/client';
import type {
  CascadeResponse,
  ChangeDetailResponse,
  ChangeDraftPatch,
  ChangeDraftRequest,
  ChangesListResponse,
  DryRunRequest,
  DryRunResponse,
  SupersedeRequest,
  WithdrawRequest,
} from '../../../bot/api-contract/changes';

export interface ChangesApi {
  list(signal?: AbortSignal): Promise<ChangesListResponse>;
  get(changeId: string, signal?: AbortSignal): Promise<ChangeDetailResponse>;
  cascade(changeId: string, signal?: AbortSignal): Promise<CascadeResponse>;
  create(draft: ChangeDraftRequest): Promise<ChangeDetailResponse>;
  /** `etag` of the latest version goes as `If-Match`, so a stale edit is refused, not applied. */
  update(changeId: string, etag: string, patch: ChangeDraftPatch): Promise<ChangeDetailResponse>;
  /** Targeting of fields not saved yet. */
  dryRun(request: DryRunRequest, signal?: AbortSignal): Promise<DryRunResponse>;
  publish(changeId: string, etag: string): Promise<ChangeDetailResponse>;
  supersede(changeId: string, etag: string, patch: SupersedeRequest): Promise<ChangeDetailResponse>;
  withdraw(changeId: string, etag: string, request: WithdrawRequest): Promise<ChangeDetailResponse>;
}

const path = (changeId: string, rest = ''): string => `/api/changes/${encodeURIComponent(changeId)}${rest}`;
const ifMatch = (etag: string) => ({ 'If-Match': etag });

export function changesApi(transport: Transport): ChangesApi {
  return {
    list: (signal) => transport.json('GET', '/api/changes', signal ? { signal } : {}),
    get: (id, signal) => transport.json('GET', path(id), signal ? { signal } : {}),
    cascade: (id, signal) => transport.json('GET', path(id, '/cascade'), signal ? { signal } : {}),
    create: (draft) => transport.json('POST', '/api/changes', { body: draft }),
    update: (id, etag, patch) => transport.json('PATCH', path(id), { body: patch, headers: ifMatch(etag) }),
    dryRun: (request, signal) => transport.json('POST', '/api/changes/dry-run', { body: request, ...(signal ? { signal } : {}) }),
    publish: (id, etag) => transport.json('POST', path(id, '/publish'), { body: {}, headers: ifMatch(etag) }),
    supersede: (id, etag, patch) => transport.json('POST', path(id, '/supersede'), { body: patch, headers: ifMatch(etag) }),
    withdraw: (id, etag, request) => transport.json('POST', path(id, '/withdraw'), { body: request, headers: ifMatch(etag) }),
  };
}
