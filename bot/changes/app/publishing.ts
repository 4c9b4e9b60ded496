/**
 * The EPMO's actions on a change's life: publish, supersede, withdraw. Each checks the role,
 * applies a domain transition, writes it with its audit events through the ports (etag-guarded,
 * nothing half-written) and only then asks DeliveryService to send or update cards
 * (version-deliveries.ts). When that dispatch fails, the state is already committed: the same
 * request retried finishes the sending (dispatch is idempotent) instead of answering 409.
 */
import { type Result, forbidden } from '../../kernel/result';
import { type Principal, can } from '../../kernel/roles';
import type { Versioned } from '../../kernel/versioned';
import type { StrategyChange } from '../domain/strategy-change';
import { type ChangeFields, publishChange, supersedeChange, withdrawChange } from '../domain/change-rules';
import type { ChangeDetail } from './read-models';
import type { ChangeDeps } from './deps';
import { checkReferences } from './drafts';
import { actor, staleEtag } from './epmo-actions';
import { sendVersion, updateDelivered } from './version-deliveries';
import { loadChange } from './versions';
import { getChange } from './queries';

/** Draft → published; sends the card to every targeted conversation. */
export async function publish(deps: ChangeDeps, p: Principal, id: string, etag: string): Promise<Result<ChangeDetail>> {
  if (!can(p, 'change.publish')) return forbidden('Only EPMO members publish strategy changes.');
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest } = loaded.value;
  const published = publishChange(latest.value, actor(p), deps.clock.now());
  if (!published.ok) {
    // A retry of the publish that made it published (it carries the draft's etag, not the
    // published one) whose dispatch failed: finish sending — dispatch is idempotent — not 409.
    if (latest.value.state === 'published' && etag !== latest.etag) {
      await sendVersion(deps, latest.value);
      return getChange(deps, p, id);
    }
    return published;
  }
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const change = published.value.value;
  const saved = await deps.stores.changes.update(published.value, latest.etag);
  if (!saved.ok) return saved;
  await sendVersion(deps, change);
  return getChange(deps, p, id);
}

/**
 * When the latest version is what this supersede request would have made of the one before it
 * (same author, the previous closed at its publishing, the same fields), the request is a
 * retry of the one that made it: the pair, so the caller can finish its deliveries.
 */
function supersededBy(
  p: Principal,
  versions: readonly Versioned<StrategyChange>[],
  patch: Partial<ChangeFields>,
  now: Date,
): { readonly previous: StrategyChange; readonly next: StrategyChange } | undefined {
  const next = versions[0]?.value;
  const previous = versions[1]?.value;
  if (!next || !previous || next.state !== 'published' || previous.state !== 'superseded') return undefined;
  if (next.authorId !== p.userId || previous.closedAt !== next.publishedAt) return undefined;
  const again = supersedeChange({ ...previous, state: 'published' }, patch, actor(p), now);
  if (!again.ok) return undefined;
  const made = again.value.value.next;
  const same =
    made.title === next.title &&
    made.summary === next.summary &&
    made.kind === next.kind &&
    made.requiredResponse === next.requiredResponse &&
    made.respondBy === next.respondBy &&
    JSON.stringify(made.objectiveIds) === JSON.stringify(next.objectiveIds) &&
    JSON.stringify(made.domainIds) === JSON.stringify(next.domainIds);
  return same ? { previous, next } : undefined;
}

/** Publishes version n+1 from edited fields: every delivered v n card becomes "Superseded by vn+1"; v n+1 is sent. */
export async function supersede(deps: ChangeDeps, p: Principal, id: string, etag: string, patch: Partial<ChangeFields>): Promise<Result<ChangeDetail>> {
  if (!can(p, 'change.publish')) return forbidden('Only EPMO members publish new versions of strategy changes.');
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest, versions } = loaded.value;
  const retried = etag !== latest.etag ? supersededBy(p, versions, patch, deps.clock.now()) : undefined;
  if (retried) {
    // The same supersede again, after one whose card updates or sends failed: finish them.
    await updateDelivered(deps, retried.previous, 'superseded');
    await sendVersion(deps, retried.next);
    return getChange(deps, p, id);
  }
  const made = supersedeChange(latest.value, patch, actor(p), deps.clock.now());
  if (!made.ok) return made;
  const known = await checkReferences(deps, p.tenantId, made.value.value.next);
  if (!known.ok) return known;
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const { previous, next } = made.value.value;
  const saved = await deps.stores.changes.supersede(made.value, latest.etag);
  if (!saved.ok) return saved;
  const updated = await updateDelivered(deps, previous, 'superseded');
  await sendVersion(deps, next);
  deps.logger?.info({ tenantId: p.tenantId, changeId: id, version: previous.version, updated }, 'strategy change superseded');
  return getChange(deps, p, id);
}

/** Published → withdrawn: every delivered card becomes "Withdrawn". */
export async function withdraw(deps: ChangeDeps, p: Principal, id: string, etag: string, reason: string): Promise<Result<ChangeDetail>> {
  if (!can(p, 'change.publish')) return forbidden('Only EPMO members withdraw strategy changes.');
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest } = loaded.value;
  if (latest.value.state === 'withdrawn' && latest.value.withdrawReason === reason.trim()) {
    // The same withdrawal again, after one whose card updates failed: finish them (idempotent).
    await updateDelivered(deps, latest.value, 'withdrawn');
    return getChange(deps, p, id);
  }
  const done = withdrawChange(latest.value, reason, actor(p), deps.clock.now());
  if (!done.ok) return done;
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const saved = await deps.stores.changes.update(done.value, latest.etag);
  if (!saved.ok) return saved;
  const updated = await updateDelivered(deps, done.value.value, 'withdrawn');
  deps.logger?.info({ tenantId: p.tenantId, changeId: id, updated }, 'strategy change withdrawn');
  return getChange(deps, p, id);
}
