/**
 * Domains (PRODUCT.md §2): listed for whoever may see them, created and changed by the tenant
 * admin; a domain's check-in cadence also by its PMO lead. Names are unique in the tenant
 * (ignoring case), so people can tell domains apart in every list and card.
 */
import type { Domain } from '../domain/portfolio';
import { parseInput } from '../../kernel/validation';
import { domainInputSchema, domainPatchSchema } from './inputs';
import { type Result, fail, forbidden, notFound } from '../../kernel/result';
import { type Principal, can, ledDomains } from '../../kernel/roles';
import type { Versioned } from '../../kernel/versioned';
import { canViewDomain, teamDomainIds } from './access';
import type { PortfolioDeps } from './portfolio';


const byName = (a: Versioned<Domain>, b: Versioned<Domain>) => a.value.name.localeCompare(b.value.name);

/** Domains the caller may see, by name, with their version tokens. */
export async function listDomains(deps: PortfolioDeps, p: Principal): Promise<Versioned<Domain>[]> {
  const [domains, team] = await Promise.all([deps.repos.domains.list(p.tenantId), teamDomainIds(p, deps.repos.workItems)]);
  return domains.filter((d) => canViewDomain(p, d.value.id, team)).sort(byName);
}

/** A refusal when another domain of the tenant already has this name (ignoring case and spaces around it). */
async function nameTaken(deps: PortfolioDeps, tenantId: string, name: string, self?: string): Promise<Result<never> | undefined> {
  const wanted = name.trim().toLowerCase();
  const all = await deps.repos.domains.list(tenantId);
  const clash = all.find((d) => d.value.id !== self && d.value.name.trim().toLowerCase() === wanted);
  return clash ? fail('CONFLICT.ALREADY_EXISTS', `A domain named "${clash.value.name}" already exists. Choose another name.`) : undefined;
}

async function changed(deps: PortfolioDeps, saved: Result<Versioned<Domain>>): Promise<Result<Versioned<Domain>>> {
  if (saved.ok) await deps.onDomainChanged?.(saved.value.value.tenantId, saved.value.value.id);
  return saved;
}

/** A new domain with a name not yet used (tenant admins). */
export async function createDomain(deps: PortfolioDeps, p: Principal, body: unknown): Promise<Result<Versioned<Domain>>> {
  if (!can(p, 'domain.create')) return forbidden('Only a tenant admin can create domains.');
  const parsed = parseInput(domainInputSchema, body);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  const taken = await nameTaken(deps, p.tenantId, input.name);
  if (taken) return taken;
  const domain: Domain = {
    tenantId: p.tenantId,
    id: input.id ?? deps.ids.next('dom'),
    name: input.name,
    description: input.description,
    freshnessDays: input.freshnessDays,
    ...(input.checkInCadence ? { checkInCadence: input.checkInCadence } : {}),
    createdAt: deps.clock.now().toISOString(),
  };
  return changed(deps, await deps.repos.domains.create(domain));
}

/**
 * Changes a domain edited at version `etag`. Its name, description and freshness window are the
 * tenant admin's; its cadence is also its PMO lead's. The body is read only once the caller is
 * known to hold a right over some domain; which fields they may set is checked after.
 */
export async function updateDomain(deps: PortfolioDeps, p: Principal, domainId: string, body: unknown, etag: string): Promise<Result<Versioned<Domain>>> {
  // Who holds no right over this domain is refused before anything is read, with words that do not say whether it exists.
  if (!can(p, 'domain.create') && !ledDomains(p).includes(domainId)) return forbidden('Only a tenant admin, or for its check-in cadence the domain\'s PMO lead, can change a domain.');
  const existing = await deps.repos.domains.get(p.tenantId, domainId);
  if (!existing) return notFound(`Domain "${domainId}"`);
  const parsed = parseInput(domainPatchSchema, body);
  if (!parsed.ok) return parsed;
  const patch = parsed.value;
  const setsDetails = patch.name !== undefined || patch.description !== undefined || patch.freshnessDays !== undefined;
  if (setsDetails && !can(p, 'domain.create')) return forbidden('Only a tenant admin can change a domain\'s name, description or freshness window.');
  if (patch.checkInCadence !== undefined && !can(p, 'portfolio.edit', { domainId })) return forbidden(`Only a tenant admin or the ${existing.value.name} PMO lead can set its check-in cadence.`);
  if (existing.etag !== etag) return fail('CONFLICT.STALE', 'Someone else changed this domain since you loaded it. Reload and try again.');
  if (patch.name !== undefined) {
    const taken = await nameTaken(deps, p.tenantId, patch.name, domainId);
    if (taken) return taken;
  }
  return changed(deps, await deps.repos.domains.update({ ...existing.value, ...patch }, etag));
}
