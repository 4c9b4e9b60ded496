/**
 * A tenant at enterprise scale for the benchmarks (bench:api, bench:tab): 20 domains, one of
 * them holding 5,000 work items and 20,000 in all, eight objectives, people in every role the
 * views need, and a few open signals per domain. Written through the repositories in bulk
 * transactions (each ~99 items with their domain's figures), domains in parallel: seconds, not
 * minutes. Deterministic, so runs compare.
 */
import type { AppExtension, ExtensionContext } from '../../bot/composition/extensions';
import type { Domain, Rag, StrategicObjective, WorkItem } from '../../bot/portfolio';
import { DEFAULT_DUE_POLICY, raise } from '../../bot/signals';
import type { User } from '../../bot/kernel/roles';

export interface BigTenantOptions {
  readonly tenantId?: string;
  readonly domains?: number;
  /** Items in the first (big) domain. */
  readonly bigDomainItems?: number;
  /** Items in all domains together. */
  readonly totalItems?: number;
  readonly signalsPerDomain?: number;
}

export interface BigTenant {
  readonly tenantId: string;
  readonly bigDomainId: string;
  readonly domainIds: readonly string[];
  /** User ids: an EPMO member, the big domain's PMO lead, a tenant admin. */
  readonly users: { readonly epmo: string; readonly lead: string; readonly admin: string };
  /** A spread of item ids across domains, for item panels. */
  readonly sampleItemIds: readonly string[];
}

export const BIG_TENANT_ID = 'b1000000-0000-4000-8000-0000000b1900';

const RAGS: readonly Rag[] = ['green', 'green', 'green', 'amber', 'amber', 'red', 'unknown'];
const STAGES = ['Discovery', 'Alpha', 'Beta', 'Build', 'Live', 'Done', 'Closed'];
const DAY_MS = 86_400_000;

/** What the tenant will hold, without writing it. */
export function planBigTenant(now: Date, opts: BigTenantOptions = {}) {
  const tenantId = opts.tenantId ?? BIG_TENANT_ID;
  const domainCount = opts.domains ?? 20;
  const big = opts.bigDomainItems ?? 5000;
  const total = opts.totalItems ?? 20_000;
  const at = new Date(now.getTime() - 400 * DAY_MS).toISOString();
  const domains: Domain[] = Array.from({ length: domainCount }, (_, d) => ({
    tenantId,
    id: `dom-${String(d).padStart(2, '0')}`,
    name: d === 0 ? 'Enterprise IT' : `Domain ${String(d).padStart(2, '0')}`,
    description: '',
    freshnessDays: 14,
    createdAt: at,
  }));
  const objectives: StrategicObjective[] = Array.from({ length: 8 }, (_, o) => ({
    tenantId,
    id: `obj-${o + 1}`,
    code: `OBJ-${o + 1}`,
    title: `Objective ${o + 1}`,
    description: '',
    ownerId: 'b1000000-0000-4000-8000-000000000002',
    ownerName: 'Sol Strategy',
    priority: o + 1,
    createdAt: at,
  }));
  const perOther = domainCount > 1 ? Math.floor((total - big) / (domainCount - 1)) : 0;
  const items: WorkItem[] = [];
  domains.forEach((domain, d) => {
    const count = d === 0 ? big : perOther;
    for (let n = 0; n < count; n += 1) items.push(item(tenantId, domain.id, d, n, now, at));
  });
  const users: User[] = [
    { tenantId, userId: 'b1000000-0000-4000-8000-000000000001', displayName: 'Ada Admin', roles: [{ role: 'tenant_admin' }] },
    { tenantId, userId: 'b1000000-0000-4000-8000-000000000002', displayName: 'Sol Strategy', roles: [{ role: 'epmo_member' }, { role: 'strategy_owner' }] },
    { tenantId, userId: 'b1000000-0000-4000-8000-000000000003', displayName: 'Lee Lead', roles: [{ role: 'pmo_lead', domainId: domains[0]?.id ?? 'dom-00' }] },
  ];
  return { tenantId, domains, objectives, items, users };
}

function item(tenantId: string, domainId: string, d: number, n: number, now: Date, at: string): WorkItem {
  const seed = d * 100_003 + n * 7919;
  const pick = <T>(xs: readonly T[], k: number): T => xs[(seed >> k) % xs.length] as T;
  const reportedDaysAgo = seed % 45;
  const objectiveCount = seed % 3;
  return {
    tenantId,
    id: `wi-${String(d).padStart(2, '0')}-${String(n).padStart(5, '0')}`,
    domainId,
    title: `${pick(['Customer', 'Payments', 'Data', 'Network', 'Identity', 'Mobile', 'Analytics'], 1)} ${pick(['platform', 'migration', 'rollout', 'upgrade', 'portal'], 2)} ${d}-${n}`,
    structure: pick(['project', 'project', 'product', 'capability'] as const, 3),
    mode: pick(['agile', 'traditional', 'lightweight'] as const, 4),
    stage: pick(STAGES, 5),
    owner: { displayName: `Owner ${seed % 97}` },
    startDate: new Date(now.getTime() - (seed % 300) * DAY_MS).toISOString().slice(0, 10),
    endDate: new Date(now.getTime() + (30 + (seed % 500)) * DAY_MS).toISOString().slice(0, 10),
    objectives: Array.from({ length: objectiveCount }, (_, k) => ({ objectiveId: `obj-${((seed >> k) % 8) + 1}`, weight: 40 })).filter((o, i, all) => all.findIndex((x) => x.objectiveId === o.objectiveId) === i),
    health: { schedule: pick(RAGS, 1), cost: pick(RAGS, 2), scope: pick(RAGS, 6), benefit: pick(RAGS, 7) },
    ...(seed % 11 === 0 ? {} : { statusReportedAt: new Date(now.getTime() - reportedDaysAgo * DAY_MS).toISOString() }),
    createdAt: at,
    updatedAt: at,
  };
}

/** Writes the tenant (the app's stores and the signals feature) and says what it holds. */
export async function seedBigTenant(context: Pick<ExtensionContext, 'repos' | 'signals' | 'clock'>, opts: BigTenantOptions = {}): Promise<BigTenant> {
  const now = context.clock.now();
  const plan = planBigTenant(now, opts);
  const { repos } = context;
  await repos.tenants.upsert({ tenantId: plan.tenantId, displayName: 'Big Corp', createdAt: now.toISOString() });
  for (const u of plan.users) await repos.users.upsert(u);
  await repos.domains.createMany(plan.domains);
  await repos.objectives.createMany(plan.objectives);
  await repos.workItems.createMany(plan.items);

  const raiser = plan.users[2];
  if (!raiser) throw new Error('the big tenant has no PMO lead');
  const perDomain = opts.signalsPerDomain ?? 3;
  const signals = plan.domains.flatMap((domain, d) =>
    Array.from({ length: perDomain }, (_, k) => {
      const number = d * perDomain + k + 1;
      const made = raise(
        {
          tenantId: plan.tenantId,
          id: `sig-big-${number}`,
          number,
          kind: k % 2 === 0 ? 'risk' : 'issue',
          title: `Signal ${number} on ${domain.name}`,
          details: 'Seeded for the benchmark.',
          urgency: 'normal',
          domainId: domain.id,
          workItemId: plan.items.find((i) => i.domainId === domain.id)?.id ?? '',
          origin: { conversationId: `19:big-${domain.id}@thread.tacv2` },
        },
        raiser,
        now,
        DEFAULT_DUE_POLICY,
      );
      if (!made.ok) throw new Error(made.error.message);
      return made.value;
    }),
  );
  await context.signals.deps.stores.signals.importMany(plan.tenantId, signals, signals.length);

  const step = Math.max(1, Math.floor(plan.items.length / 200));
  return {
    tenantId: plan.tenantId,
    bigDomainId: plan.domains[0]?.id ?? 'dom-00',
    domainIds: plan.domains.map((d) => d.id),
    users: { admin: plan.users[0]?.userId ?? '', epmo: plan.users[1]?.userId ?? '', lead: plan.users[2]?.userId ?? '' },
    sampleItemIds: plan.items.filter((_, i) => i % step === 0).map((i) => i.id),
  };
}

/** An app extension that seeds the tenant before the app serves; `seeded` resolves with what it holds. */
export function bigTenantExtension(opts: BigTenantOptions = {}): { readonly extension: AppExtension; readonly seeded: Promise<BigTenant> } {
  let resolve: (t: BigTenant) => void = () => undefined;
  const seeded = new Promise<BigTenant>((r) => (resolve = r));
  return { extension: { seed: async (context) => resolve(await seedBigTenant(context, opts)) }, seeded };
}
