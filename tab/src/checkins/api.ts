/**
 * The check-ins part of the API (PRODUCT.md §2, §5): a domain's cadence and rounds, asking its
 * teams now, and setting the cadence. Shapes come from the server's contract.
 */
import type { CheckInCadenceBody, CheckInCadenceResponse, CheckInRequestBody, CheckInRoundResponse, CheckInsResponse } from '../../../bot/api-contract/checkins';
import type { Transport } from '../api/client';

export interface CheckInsApi {
  get(domainId: string, signal?: AbortSignal): Promise<CheckInsResponse>;
  /** Asks the domain's teams now: every item that is due, or the chosen ones. */
  request(domainId: string, body: CheckInRequestBody): Promise<CheckInRoundResponse>;
  setCadence(domainId: string, body: CheckInCadenceBody): Promise<CheckInCadenceResponse>;
}

const at = (domainId: string, what: string): string => `/api/domains/${encodeURIComponent(domainId)}/${what}`;

export function createCheckInsApi(t: Transport): CheckInsApi {
  return {
    get: (domainId, signal) => t.json('GET', at(domainId, 'check-ins'), signal ? { signal } : {}),
    request: (domainId, body) => t.json('POST', at(domainId, 'check-ins'), { body }),
    setCadence: (domainId, body) => t.json('PUT', at(domainId, 'check-in-cadence'), { body }),
  };
}
