/**
 * Strategy changes of the demo tenant, in various states: a draft, a published change with some
 * responses, a v2 that superseded v1, and a withdrawn one. Built with the same domain
 * transitions and targeting as real use, so each has the audit trail those transitions raise;
 * delivery records are written as already `sent` (with
 * made-up activity ids) because the demo conversations point at a Teams service that cannot be
 * reached — nothing is dispatched.
 */
import { type Delivery, type DeliveryRepository, deliveryIdFor } from '../delivery';
import {
  CHANGE_CONTENT_KIND,
  type ChangeAuditEvent,
  type ChangeDeps,
  type ChangeFields,
  type ChangeRecipientRecord,
  type ChangeResponse,
  type StrategyChange,
  type Transition,
  changeBatchId,
  computeTargeting,
  draftChange,
  editDraft,
  publishChange,
  recipientRecords,
  supersedeChange,
  withdrawChange,
} from '../changes';
import type { Result } from '../kernel/result';
import { DEMO_TENANT, DEMO_USERS } from './demo-identities';

const T = DEMO_TENANT.tenantId;
const HOUR = 3_600_000;
const user = (name: string) => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  if (!u) throw new Error(`no demo user ${name}`);
  return { userId: u.userId, displayName: u.displayName };
};

/**
 * A real demo person who answers for a recipient conversation: its domain's PMO lead, or a
 * member of the team of one of its work items. The cascade names people, never roles.
 */
function demoResponder(r: { readonly role: string; readonly domainId?: string; readonly workItemIds?: readonly string[] }) {
  return DEMO_USERS.find((u) =>
    u.roles.some((role) => (r.role === 'pmo' ? role.role === 'pmo_lead' && role.domainId === r.domainId : role.role === 'team_member' && (r.workItemIds ?? []).includes(role.workItemId))),
  );
}

/** Applies transitions as a user would, keeping the audit events they raise. */
function recorder() {
  const history: ChangeAuditEvent[] = [];
  const must = <T>(r: Result<Transition<T>>): T => {
    if (!r.ok) throw new Error(`demo change: ${r.error.message}`);
    history.push(...r.value.events);
    return r.value.value;
  };
  return { history, must };
}

/** Seeds the demo changes unless the demo tenant has changes already. Returns whether it seeded. */
export async function seedDemoChangesIfEmpty(deps: Pick<ChangeDeps, 'repos' | 'stores'> & { readonly deliveries: DeliveryRepository }, now: Date): Promise<boolean> {
  if (!(await deps.repos.tenants.get(T))) return false;
  if ((await deps.stores.changes.list(T)).length > 0) return false;
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * HOUR);
  const { history, must } = recorder();
  const erin = user('Erin Epmo');
  const sam = user('Sam Strategy');
  const draft = (id: string, fields: ChangeFields, author: { userId: string; displayName: string }, when: Date) =>
    must(draftChange(fields, { tenantId: T, id, author, now: when }));

  const changes: StrategyChange[] = [];
  const published: StrategyChange[] = [];

  const analytics = draft(
    'chg-demo-data',
    {
      title: 'Self-service analytics becomes the default',
      summary: 'From next quarter, new reporting requests go through the self-service platform first.\n\n- Teams: check which reports you still build by hand\n- PMOs: plan the migration of recurring reports',
      kind: 'policy',
      objectiveIds: ['obj-7'],
      domainIds: [],
      requiredResponse: 'acknowledge',
      respondBy: new Date(now.getTime() + 14 * 24 * HOUR).toISOString(),
    },
    erin,
    at(3),
  );
  // Sam's edit shows in the draft's history.
  changes.push(must(editDraft(analytics, { respondBy: new Date(now.getTime() + 21 * 24 * HOUR).toISOString() }, sam, at(1))));

  const portal = must(
    publishChange(
      draft(
        'chg-demo-digital',
        {
          title: 'Accelerate digital revenue: portal and app first',
          summary: 'Digital revenue is **behind plan**. Work that grows it (OBJ-1) takes priority for funding and people over the next two quarters.\n\n- Tell us how this affects your plan\n- Flag anything that must stop to make room',
          kind: 'reprioritisation',
          objectiveIds: ['obj-1'],
          domainIds: [],
          requiredResponse: 'assess',
          respondBy: new Date(now.getTime() + 5 * 24 * HOUR).toISOString(),
        },
        sam,
        at(50),
      ),
      sam,
      at(48),
    ),
  );
  changes.push(portal);
  published.push(portal);

  const securityV1 = must(
    publishChange(
      draft(
        'chg-demo-security',
        {
          title: 'Critical supplier vulnerability: freeze releases',
          summary: 'A critical vulnerability in a shared component affects internet-facing systems. Freeze releases until patched.',
          kind: 'threat',
          objectiveIds: ['obj-3'],
          domainIds: [],
          requiredResponse: 'acknowledge',
          respondBy: new Date(now.getTime() + 2 * 24 * HOUR).toISOString(),
        },
        erin,
        at(30),
      ),
      erin,
      at(28),
    ),
  );
  const superseded = must(
    supersedeChange(
      securityV1,
      {
        title: 'Critical supplier vulnerability: patch, then release',
        summary: 'The supplier shipped a patch. Apply it before your next release; no freeze is needed once patched.',
        respondBy: new Date(now.getTime() + 3 * 24 * HOUR).toISOString(),
      },
      erin,
      at(6),
    ),
  );
  changes.push(superseded.previous, superseded.next);
  published.push(superseded.previous, superseded.next);

  const fleet = must(
    publishChange(
      draft(
        'chg-demo-fleet',
        {
          title: 'Fund electric fleet pilots from the transformation budget',
          summary: 'Pilots for electric vans move to the central transformation budget.',
          kind: 'funding',
          objectiveIds: ['obj-5'],
          domainIds: [],
          requiredResponse: 'acknowledge',
          respondBy: new Date(now.getTime() + 10 * 24 * HOUR).toISOString(),
        },
        sam,
        at(100),
      ),
      sam,
      at(96),
    ),
  );
  const withdrawn = must(withdrawChange(fleet, 'Covered by the new sustainability programme; no action needed.', sam, at(20)));
  changes.push(withdrawn);
  published.push(withdrawn);

  const records: ChangeRecipientRecord[] = [];
  const deliveries: Delivery[] = [];
  const responses: ChangeResponse[] = [];
  let activity = 1;
  for (const change of published) {
    const { targeting } = await computeTargeting(deps, T, change);
    records.push(...recipientRecords(change, targeting));
    const sentAt = change.publishedAt ?? now.toISOString();
    for (const r of targeting.recipients) {
      const request = { conversationId: r.conversationId, operation: 'send' as const, content: { kind: CHANGE_CONTENT_KIND, ref: change.id, variant: String(change.version) } };
      const batchId = changeBatchId(change.id, change.version);
      deliveries.push({
        tenantId: T,
        id: deliveryIdFor(batchId, request),
        batchId,
        ...request,
        state: 'sent',
        activityId: `demo-activity-${activity++}`,
        attempts: 1,
        createdAt: sentAt,
        updatedAt: sentAt,
        sentAt,
      });
    }
    // Some teams have answered the live versions already.
    if (change.state === 'published') {
      const counted = targeting.recipients.filter((r) => r.role !== 'epmo');
      counted.slice(0, Math.ceil(counted.length / 2)).forEach((r, i) => {
        const responder = demoResponder(r) ?? user('Diego Delivery');
        const impact = (['low', 'medium', 'high', 'none'] as const)[i % 4];
        responses.push({
          tenantId: T,
          changeId: change.id,
          version: change.version,
          conversationId: r.conversationId,
          userId: responder.userId,
          userName: responder.displayName,
          acknowledged: true,
          ...(change.requiredResponse === 'assess' ? { impact, ...(impact === 'high' ? { comment: 'Two milestones move; we need another developer.' } : {}) } : {}),
          respondedAt: new Date(Date.parse(sentAt) + (i + 1) * HOUR).toISOString(),
        });
      });
    }
  }
  await deps.deliveries.createMany(deliveries);
  await deps.stores.recipients.putMany(records);
  await deps.stores.responses.createMany(responses);
  // Written last: their presence means the seed completed.
  await deps.stores.changes.createMany(changes, history);
  return true;
}
