/**
 * Setting a domain's check-in cadence (PMO lead of the domain, or a tenant admin): stored on the
 * domain's record, and its timer moved to the new next occurrence (or removed while it is off).
 */
import type { CheckInCadenceResponse } from '../../api-contract/checkins';
import { type Result, forbidden, notFound, ok } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { Clock } from '../../kernel/runtime';
import type { Repositories } from '../../directory';
import { validateCadence } from '../../portfolio';
import type { CadenceTimers } from './cadence-deps';
import { nextCadenceAt } from './cadence-timers';

export interface SetCadenceDeps {
  readonly repos: Pick<Repositories, 'domains'>;
  readonly clock: Clock;
  readonly timers: CadenceTimers;
}

/** Who may set a domain's cadence: whoever may ask its teams for a check-in (its PMO lead, a tenant admin). */
export const canSetCadence = (p: Principal, domainId: string): boolean => can(p, 'checkin.request', { domainId });

export async function setCadence(deps: SetCadenceDeps, p: Principal, domainId: string, body: unknown): Promise<Result<CheckInCadenceResponse>> {
  // Authorize first: another domain's lead learns nothing of this one, not even whether it exists.
  if (!canSetCadence(p, domainId)) return forbidden("Only the domain's PMO lead or a tenant admin can set its check-in cadence.");
  const valid = validateCadence(body);
  if (!valid.ok) return valid;
  const cadence = valid.value;
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.repos.domains.get(p.tenantId, domainId);
    if (!current) return notFound('The domain');
    const saved = await deps.repos.domains.update({ ...current.value, checkInCadence: cadence }, current.etag);
    if (saved.ok) {
      await deps.timers.changed(p.tenantId, domainId);
      const next = nextCadenceAt(saved.value.value, deps.clock.now());
      return ok({ cadence, ...(next ? { nextAt: next.toISOString() } : {}) });
    }
    if (saved.error.code !== 'CONFLICT.STALE') return saved;
  }
  throw new Error(`could not store the check-in cadence of domain ${domainId}: it kept changing`);
}
