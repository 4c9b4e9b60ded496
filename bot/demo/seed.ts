/** Seeding the demo tenant: on a fresh local start, or rebuilt on request. */
import type { Repositories } from '../directory';
import type { Clock } from '../kernel/runtime';
import { buildDemoTenant } from './demo-data';
import { demoHistory } from './demo-history';
import { demoTeamsUserId } from './demo-identities';

export interface SeedResult {
  readonly tenantId: string;
  readonly workItems: number;
}

/** Writes the demo tenant. Parents are written before children so reads stay consistent. */
export async function seedDemo(repos: Repositories, clock: Clock): Promise<SeedResult> {
  const data = buildDemoTenant(clock.now());
  for (const u of data.users) await repos.users.upsert(u);
  const seenAt = clock.now().toISOString();
  await repos.teamsUsers.saveMany(data.users.map((u) => ({ tenantId: u.tenantId, userId: u.userId, mri: demoTeamsUserId(u.userId), name: u.displayName, updatedAt: seenAt })));
  await repos.domains.createMany(data.domains);
  await repos.objectives.createMany(data.objectives);
  await repos.workItems.createMany(data.workItems, demoHistory(data.workItems));
  for (const c of data.conversations) await repos.conversations.save(c);
  for (const l of data.links) await repos.links.put(l);
  // Written last: its presence means the seed completed, so an interrupted seed is redone.
  await repos.tenants.upsert({ tenantId: data.tenantId, displayName: data.tenantName, createdAt: clock.now().toISOString() });
  return { tenantId: data.tenantId, workItems: data.workItems.length };
}

/** Seeds only when the demo tenant does not exist yet, so restarts keep people's changes. */
export async function seedDemoIfEmpty(repos: Repositories, clock: Clock): Promise<SeedResult | undefined> {
  const data = buildDemoTenant(clock.now());
  if (await repos.tenants.get(data.tenantId)) return undefined;
  // Clears what an interrupted earlier seed may have left, then seeds.
  return resetDemo(repos, clock);
}

/** Removes the demo tenant's records and seeds it again. */
export async function resetDemo(repos: Repositories, clock: Clock): Promise<SeedResult> {
  const tenantId = buildDemoTenant(clock.now()).tenantId;
  await repos.tenants.delete(tenantId);
  await Promise.all([
    repos.users.deleteTenant(tenantId),
    repos.domains.deleteTenant(tenantId),
    repos.objectives.deleteTenant(tenantId),
    repos.workItems.deleteTenant(tenantId),
    repos.conversations.deleteTenant(tenantId),
    repos.links.deleteTenant(tenantId),
    repos.teamsUsers.deleteTenant(tenantId),
    repos.rosters.deleteTenant(tenantId),
  ]);
  return seedDemo(repos, clock);
}
