/**
 * What one client of `npm run bench:load` does, one operation at a time: portfolio reads, card
 * invokes to /api/messages (acknowledge, impact, triage, decide — real `adaptiveCard/action`
 * activities) and API writes (new work items). It keeps what was acknowledged — each 2xx write,
 * each invoke answered "recorded" — so that `verifyStored` can check afterwards that all of it
 * is readable: a response the app acknowledged and then lost is the failure this looks for.
 */
import { cardAction, execute } from '../../tests/bot/teams-activities';
import type { AckTarget } from '../ack-setup';
import type { BigTenant } from '../lib/big-tenant';

export type OpKind = 'read: portfolio' | 'read: roll-up' | 'read: item panel' | 'invoke: acknowledge' | 'invoke: impact' | 'invoke: triage' | 'invoke: decide' | 'write: new item';

export interface LoadTargets {
  readonly url: string;
  readonly serviceUrl: string;
  readonly tenant: BigTenant;
  readonly cards: AckTarget;
  /** A raised signal to triage and an escalated one to decide, in the big domain. */
  readonly triageSignalId: string;
  readonly decideSignalId: string;
  readonly tokens: { readonly epmo: string; readonly lead: string };
}

/** What the app acknowledged during the load. */
export interface Acknowledged {
  readonly items: Set<string>;
  /** Team conversations whose acknowledgement / assessment was answered "recorded". */
  readonly acked: Set<string>;
  readonly assessed: Set<string>;
  triaged: boolean;
  decided: boolean;
}

export const newAcknowledged = (): Acknowledged => ({ items: new Set(), acked: new Set(), assessed: new Set(), triaged: false, decided: false });

const READS: readonly OpKind[] = ['read: portfolio', 'read: roll-up', 'read: item panel'];
const INVOKES: readonly OpKind[] = ['invoke: acknowledge', 'invoke: impact', 'invoke: triage', 'invoke: decide'];

/** 50% reads, 30% invokes, 20% writes. */
export function pickOp(r: number, n: number): OpKind {
  if (r < 0.5) return READS[n % READS.length] as OpKind;
  if (r < 0.8) return INVOKES[n % INVOKES.length] as OpKind;
  return 'write: new item';
}

async function ok(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (res.status >= 300 && res.status !== 304) throw new Error(`${what}: ${res.status}`);
  return text ? JSON.parse(text) : undefined;
}

async function invoke(t: LoadTargets, activity: object, what: string): Promise<string> {
  const res = await fetch(`${t.url}/api/messages`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(activity) });
  const body = (await ok(res, what)) as { statusCode?: number; value?: unknown } | undefined;
  if (body?.statusCode !== undefined && body.statusCode >= 400) throw new Error(`${what}: invoke answered ${body.statusCode}`);
  return JSON.stringify(body?.value ?? '');
}

/** Runs one operation; throws when it failed (anything but a 2xx/304, or an invoke answering an error). */
export async function runOp(t: LoadTargets, kind: OpKind, client: number, n: number, acknowledged: Acknowledged): Promise<void> {
  const { tenant, cards } = t;
  const auth = (bearer: string) => ({ Authorization: `Bearer ${bearer}` });
  const others = tenant.domainIds.filter((d) => d !== tenant.bigDomainId);
  const team = cards.teams[(client + n) % cards.teams.length];
  if (!team) throw new Error('no team channels were set up');
  const inTeam = { serviceUrl: t.serviceUrl, tenantId: tenant.tenantId, kind: 'channel' as const, conversationId: team.conversationId, team: { id: `team-${team.conversationId}` } };
  const inPmo = { serviceUrl: t.serviceUrl, tenantId: tenant.tenantId, kind: 'channel' as const, conversationId: `19:big-${tenant.bigDomainId}@thread.tacv2`, team: { id: 'team-pmo' } };
  switch (kind) {
    case 'read: portfolio': {
      const path = `/api/domains/${others[(client + n) % others.length]}/portfolio`;
      let page = (await ok(await fetch(`${t.url}${path}`, { headers: auth(t.tokens.epmo) }), kind)) as { continuation?: string };
      while (page.continuation) page = (await ok(await fetch(`${t.url}${path}?continuation=${encodeURIComponent(page.continuation)}`, { headers: auth(t.tokens.epmo) }), kind)) as { continuation?: string };
      return;
    }
    case 'read: roll-up':
      await ok(await fetch(`${t.url}/api/portfolio/rollup`, { headers: auth(t.tokens.epmo) }), kind);
      return;
    case 'read: item panel':
      await ok(await fetch(`${t.url}/api/work-items/${tenant.sampleItemIds[(client * 31 + n) % tenant.sampleItemIds.length]}/panel`, { headers: auth(t.tokens.epmo) }), kind);
      return;
    case 'invoke: acknowledge': {
      const text = await invoke(t, cardAction(inTeam, { aadObjectId: team.userId, name: team.name }, execute('change.ack', { changeId: cards.changeId, version: cards.version, conversationId: team.conversationId })), kind);
      if (/response is recorded|already recorded/.test(text)) acknowledged.acked.add(team.conversationId);
      return;
    }
    case 'invoke: impact': {
      const assess = cards.assess;
      if (!assess) throw new Error('no change asking for an assessment was set up');
      const data = { changeId: assess.changeId, version: assess.version, conversationId: team.conversationId, impact: 'medium', comment: `Load client ${client}` };
      const text = await invoke(t, cardAction(inTeam, { aadObjectId: team.userId, name: team.name }, execute('change.assess', data)), kind);
      if (/recorded/.test(text)) acknowledged.assessed.add(team.conversationId);
      return;
    }
    case 'invoke: triage': {
      const text = await invoke(t, cardAction(inPmo, { aadObjectId: tenant.users.lead, name: 'Lee Lead' }, execute('signal.triage', { signalId: t.triageSignalId, comment: 'On it' })), kind);
      if (text.includes('Accepted: triaged')) acknowledged.triaged = true;
      return;
    }
    case 'invoke: decide': {
      const data = { signalId: t.decideSignalId, round: 1, outcome: 'approve_recommended', rationale: 'Keep the date', deferredUntil: '', chosenOptionId: '' };
      const text = await invoke(t, cardAction(inPmo, { aadObjectId: tenant.users.epmo, name: 'Sol Strategy' }, execute('signal.decide', data)), kind);
      if (text.includes('Your decision is recorded')) acknowledged.decided = true;
      return;
    }
    case 'write: new item': {
      const body = { domainId: tenant.bigDomainId, title: `Load item ${client}-${n}`, structure: 'project', mode: 'agile', stage: 'Discovery', owner: { displayName: 'Load' }, startDate: '2027-01-04', endDate: '2027-06-30', objectives: [{ objectiveId: 'obj-1', weight: 100 }], health: { schedule: 'green' } };
      const created = (await ok(await fetch(`${t.url}/api/work-items`, { method: 'POST', headers: { ...auth(t.tokens.lead), 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), kind)) as { id: string };
      acknowledged.items.add(created.id);
      return;
    }
  }
}

/** Every `{ conversationId, acknowledged, impact }` entry of a cascade answer, wherever it sits. */
function recipientsIn(value: unknown, out: Map<string, { acknowledged?: boolean; impact?: string }> = new Map()): Map<string, { acknowledged?: boolean; impact?: string }> {
  if (Array.isArray(value)) for (const v of value) recipientsIn(v, out);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.conversationId === 'string' && 'acknowledged' in o && 'delivery' in o) out.set(o.conversationId, { acknowledged: o.acknowledged as boolean, ...(typeof o.impact === 'string' ? { impact: o.impact } : {}) });
    for (const v of Object.values(o)) recipientsIn(v, out);
  }
  return out;
}

/** What was acknowledged but cannot be read back, one line each (empty: nothing lost). */
export async function verifyStored(t: LoadTargets, acknowledged: Acknowledged): Promise<{ checked: number; lost: string[] }> {
  const lost: string[] = [];
  const get = async (path: string, bearer: string) => {
    const res = await fetch(`${t.url}${path}`, { headers: { Authorization: `Bearer ${bearer}` } });
    return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined };
  };
  for (const id of acknowledged.items) if ((await get(`/api/work-items/${id}`, t.tokens.lead)).status !== 200) lost.push(`work item ${id}`);
  const cascade = async (changeId: string) => recipientsIn((await get(`/api/changes/${changeId}/cascade`, t.tokens.epmo)).body);
  const acks = await cascade(t.cards.changeId);
  for (const c of acknowledged.acked) if (!acks.get(c)?.acknowledged) lost.push(`acknowledgement from ${c}`);
  const assessments = t.cards.assess ? await cascade(t.cards.assess.changeId) : new Map();
  for (const c of acknowledged.assessed) if (!assessments.get(c)?.impact) lost.push(`assessment from ${c}`);
  const state = async (id: string) => ((await get(`/api/signals/${id}`, t.tokens.epmo)).body?.signal as { state?: string } | undefined)?.state;
  if (acknowledged.triaged && (await state(t.triageSignalId)) === 'raised') lost.push(`triage of ${t.triageSignalId}`);
  if (acknowledged.decided && (await state(t.decideSignalId)) !== 'decided') lost.push(`decision on ${t.decideSignalId}`);
  const checked = acknowledged.items.size + acknowledged.acked.size + acknowledged.assessed.size + Number(acknowledged.triaged) + Number(acknowledged.decided);
  return { checked, lost };
}
