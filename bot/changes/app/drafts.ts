/**
 * Drafting strategy changes (EPMO members): a new draft, and edits to it at the version the
 * caller loaded. Objectives and domains a change names must exist.
 */
import { type Result, fail, ok } from '../../kernel/result';
import type { Principal } from '../../kernel/roles';
import { type ChangeFields, draftChange, editDraft } from '../domain/change-rules';
import type { ChangeDetail } from './read-models';
import type { ChangeDeps } from './deps';
import { actor, mustDraft, staleEtag } from './epmo-actions';
import { loadChange } from './versions';
import { getChange } from './queries';

/** A new draft from the fields (EPMO members); objectives and domains named must exist. */
export async function createDraft(deps: ChangeDeps, p: Principal, fields: ChangeFields): Promise<Result<ChangeDetail>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  const known = await checkReferences(deps, p.tenantId, fields);
  if (!known.ok) return known;
  const drafted = draftChange(fields, { tenantId: p.tenantId, id: deps.ids.next('chg'), author: actor(p), now: deps.clock.now() });
  if (!drafted.ok) return drafted;
  const created = await deps.stores.changes.create(drafted.value);
  if (!created.ok) return created;
  deps.logger?.info({ tenantId: p.tenantId, changeId: created.value.value.id, by: p.userId }, 'strategy change drafted');
  return getChange(deps, p, created.value.value.id);
}

/** Edits the draft at version `etag` (`*` for any). */
export async function updateDraft(deps: ChangeDeps, p: Principal, id: string, etag: string, patch: Partial<ChangeFields>): Promise<Result<ChangeDetail>> {
  const allowed = mustDraft(p);
  if (!allowed.ok) return allowed;
  const loaded = await loadChange(deps, p.tenantId, id);
  if (!loaded.ok) return loaded;
  const { latest } = loaded.value;
  const edited = editDraft(latest.value, patch, actor(p), deps.clock.now());
  if (!edited.ok) return edited;
  const known = await checkReferences(deps, p.tenantId, edited.value.value);
  if (!known.ok) return known;
  if (etag !== latest.etag) return staleEtag(latest.value.title);
  const saved = await deps.stores.changes.update(edited.value, etag);
  if (!saved.ok) return saved;
  return getChange(deps, p, id);
}

/** Objectives and domains named must exist in the tenant. */
export async function checkReferences(deps: ChangeDeps, tenantId: string, f: Pick<ChangeFields, 'objectiveIds' | 'domainIds'>): Promise<Result<true>> {
  const [objectives, domains] = await Promise.all([deps.repos.objectives.list(tenantId), deps.repos.domains.list(tenantId)]);
  const oIds = new Set(objectives.map((o) => o.value.id));
  const dIds = new Set(domains.map((d) => d.value.id));
  const details = [
    ...f.objectiveIds.filter((o) => !oIds.has(o)).map((o) => ({ at: 'objectiveIds', message: `unknown objective ${o}` })),
    ...f.domainIds.filter((d) => !dIds.has(d)).map((d) => ({ at: 'domainIds', message: `unknown domain ${d}` })),
  ];
  return details.length > 0 ? fail('VALIDATION.INVALID', 'The change names objectives or domains that do not exist.', details) : ok(true);
}
