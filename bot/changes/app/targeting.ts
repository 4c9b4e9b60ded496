/**
 * Who a strategy change reaches (PRODUCT.md §3): the affected domains' PMO channels, the team
 * conversations of work items in those domains aligned to the affected objectives, a copy to
 * the EPMO channel — and which linked teams cannot be reached. Pure.
 */
import type { ConversationLink, ConversationRef } from '../../conversations';
import type { Domain, WorkItem } from '../../portfolio';
import type { ChangeRecipient, RecipientRole } from '../domain/strategy-change';

export interface TargetingInput {
  readonly objectiveIds: readonly string[];
  readonly domainIds: readonly string[];
  readonly domains: readonly Domain[];
  readonly workItems: readonly WorkItem[];
  readonly links: readonly ConversationLink[];
  readonly conversations: readonly ConversationRef[];
}

export interface UnreachableRecipient extends ChangeRecipient {
  /** `not-installed`: the app was removed; `missing`: never seen by the app. */
  readonly reason: 'not-installed' | 'missing';
}

export interface Targeting {
  /** Affected domains: explicit first, then implied by the objectives. */
  readonly domains: readonly { readonly domainId: string; readonly explicit: boolean }[];
  /** Reachable conversations, each once. */
  readonly recipients: readonly ChangeRecipient[];
  /** Linked conversations that cannot be reached. */
  readonly unreachable: readonly UnreachableRecipient[];
  /** Aligned work items in the affected domains with no team conversation linked. */
  readonly workItemsWithoutTeam: readonly WorkItem[];
}

/** Which role wins when a conversation is linked to several targets: a PMO channel stays a PMO channel. */
const ROLE_RANK: Readonly<Record<RecipientRole, number>> = { pmo: 0, team: 1, epmo: 2 };

/**
 * Who a change reaches (PRODUCT.md §3): each affected domain's PMO channel; the team
 * conversations of every work item in those domains that aligns to an affected objective; a
 * copy to the EPMO channel. Affected domains are the explicit ones plus those of the work
 * items aligned to the objectives. Conversations are deduplicated; linked conversations the
 * app is not installed in are reported, not targeted.
 */
export function targetChange(input: TargetingInput): Targeting {
  const objectives = new Set(input.objectiveIds);
  const knownDomains = new Set(input.domains.map((d) => d.id));
  const aligned = input.workItems.filter((w) => w.objectives.some((o) => objectives.has(o.objectiveId)));
  const domains: { domainId: string; explicit: boolean }[] = [];
  const seen = new Set<string>();
  for (const id of input.domainIds) {
    if (!seen.has(id) && knownDomains.has(id)) domains.push({ domainId: id, explicit: true });
    seen.add(id);
  }
  for (const w of aligned) {
    if (!seen.has(w.domainId)) domains.push({ domainId: w.domainId, explicit: false });
    seen.add(w.domainId);
  }
  const affected = new Set(domains.map((d) => d.domainId));
  const teamItems = new Map(aligned.filter((w) => affected.has(w.domainId)).map((w) => [w.id, w]));

  const candidates = new Map<string, { role: RecipientRole; domainId?: string; workItemIds: string[] }>();
  const add = (conversationId: string, role: RecipientRole, domainId?: string, workItemId?: string): void => {
    const existing = candidates.get(conversationId);
    if (!existing) {
      candidates.set(conversationId, { role, ...(domainId ? { domainId } : {}), workItemIds: workItemId ? [workItemId] : [] });
      return;
    }
    if (ROLE_RANK[role] < ROLE_RANK[existing.role]) {
      existing.role = role;
      if (domainId) existing.domainId = domainId;
    }
    if (!existing.domainId && domainId) existing.domainId = domainId;
    if (workItemId && !existing.workItemIds.includes(workItemId)) existing.workItemIds.push(workItemId);
  };
  const linkedItems = new Set<string>();
  for (const link of input.links) {
    const t = link.target;
    if (t.kind === 'pmo' && affected.has(t.domainId)) add(link.conversationId, 'pmo', t.domainId);
    else if (t.kind === 'team' && teamItems.has(t.workItemId)) {
      const item = teamItems.get(t.workItemId);
      linkedItems.add(t.workItemId);
      add(link.conversationId, 'team', item?.domainId, t.workItemId);
    } else if (t.kind === 'epmo') add(link.conversationId, 'epmo');
  }

  const refs = new Map(input.conversations.map((c) => [c.conversationId, c]));
  const recipients: ChangeRecipient[] = [];
  const unreachable: UnreachableRecipient[] = [];
  const ordered = [...candidates.entries()].sort(([a, x], [b, y]) => ROLE_RANK[x.role] - ROLE_RANK[y.role] || a.localeCompare(b));
  for (const [conversationId, c] of ordered) {
    const ref = refs.get(conversationId);
    const recipient: ChangeRecipient = {
      conversationId,
      role: c.role,
      ...(c.domainId ? { domainId: c.domainId } : {}),
      ...(c.workItemIds.length > 0 ? { workItemIds: c.workItemIds } : {}),
      title: ref?.title ?? conversationId,
    };
    if (ref?.active) recipients.push(recipient);
    else unreachable.push({ ...recipient, reason: ref ? 'not-installed' : 'missing' });
  }
  return {
    domains,
    recipients,
    unreachable,
    workItemsWithoutTeam: [...teamItems.values()].filter((w) => !linkedItems.has(w.id)),
  };
}
