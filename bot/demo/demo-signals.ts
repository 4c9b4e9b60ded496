/**
 * Demo signals for the demo tenant (PRODUCT.md §6: "a few signals in various states"): raised,
 * triaged, analysing with options, escalated awaiting a decision, and decided with its record
 * in the decision log. Built through the real state machine, so every one has a true audit
 * trail. Pure; the seed writes them without delivering any cards.
 */
import type { Principal } from '../kernel/roles';
import {
  DEFAULT_DUE_POLICY,
  type DuePolicy,
  type Signal,
  type SignalRepository,
  type TransitionResult,
  addOption,
  decide,
  escalate,
  raise,
  recommend,
  setContext,
  startAnalysis,
  triage,
} from '../signals';
import { DEMO_TENANT, DEMO_USERS } from './demo-identities';

const T = DEMO_TENANT.tenantId;
const user = (name: string): Principal => {
  const u = DEMO_USERS.find((d) => d.displayName === name);
  if (!u) throw new Error(`no demo user ${name}`);
  return { tenantId: T, userId: u.userId, displayName: u.displayName, roles: u.roles };
};

function must(r: { ok: true; value: TransitionResult } | { ok: false; error: { message: string } }): TransitionResult {
  if (!r.ok) throw new Error(`demo signal: ${r.error.message}`);
  return r.value;
}

/** Applies steps in order, collecting every audit event and decision. */
function chain(first: TransitionResult, ...steps: ((s: Signal) => TransitionResult)[]): TransitionResult {
  let acc = first;
  for (const step of steps) {
    const next = step(acc.signal);
    acc = { signal: next.signal, events: [...acc.events, ...next.events], ...(next.decision ?? acc.decision ? { decision: next.decision ?? acc.decision } : {}) };
  }
  return acc;
}

export interface DemoSignals {
  readonly changes: readonly TransitionResult[];
  readonly lastNumber: number;
}

export function buildDemoSignals(now: Date, policy: DuePolicy = DEFAULT_DUE_POLICY): DemoSignals {
  const day = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const tara = user('Tara Team');
  const diego = user('Diego Delivery');
  const mia = user('Mia Maker');
  const priya = user('Priya Patel');
  const felix = user('Felix Fischer');
  const sam = user('Sam Strategy');
  const portal = { conversationId: '19:portal-team@thread.tacv2' };
  const ctx = (narrative: string, objectiveIds: string[]) => ({ objectiveIds, schedule: 'high', cost: 'medium', benefit: 'medium', risk: 'high', narrative }) as const;

  const s1 = must(raise({ tenantId: T, id: 'sig-demo-1', number: 1, kind: 'risk', title: 'Identity provider contract ends before the portal launch', details: 'The SSO vendor contract runs out in May; the new portal launches in June.', urgency: 'high', domainId: 'dom-it', workItemId: 'wi-001', origin: portal }, tara, day(1), policy));

  const s2 = chain(
    must(raise({ tenantId: T, id: 'sig-demo-2', number: 2, kind: 'opportunity', title: 'Reuse the observability stack for the mobile app', details: 'Our tracing could cut mobile incident time in half.', urgency: 'normal', domainId: 'dom-it', workItemId: 'wi-013', origin: { conversationId: '19:observability@thread.tacv2' } }, diego, day(6), policy)),
    (s) => must(triage(s, priya, day(5), policy, 'Worth a look with the mobile team.')),
  );

  const s3 = chain(
    must(raise({ tenantId: T, id: 'sig-demo-3', number: 3, kind: 'issue', title: 'Legacy GL interface breaks month-end close', details: 'The old interface drops journals over 10k lines.', urgency: 'critical', domainId: 'dom-fin', workItemId: 'wi-025', origin: { conversationId: '19:s4-finance@thread.tacv2' } }, mia, day(9), policy)),
    (s) => must(triage(s, felix, day(8), policy)),
    (s) => must(startAnalysis(s, felix, day(7))),
    (s) => must(setContext(s, felix, day(6), ctx('Month-end close slips two days each time; audit is watching.', ['obj-6', 'obj-2']))),
    (s) => must(addOption(s, felix, day(6), { title: 'Patch the legacy interface', description: 'Split large journals.', impact: '£30k, 3 weeks' })),
    (s) => must(addOption(s, felix, day(6), { title: 'Bring the S/4 GL cut-over forward', description: 'Move GL first.', impact: '£180k, 2 months earlier' })),
  );

  const s4 = chain(
    must(raise({ tenantId: T, id: 'sig-demo-4', number: 4, kind: 'risk', title: 'Payments gateway vendor may miss PSD3 deadline', details: 'Their roadmap puts PSD3 support after the regulatory date.', urgency: 'high', domainId: 'dom-it', workItemId: 'wi-001', origin: portal }, tara, day(12), policy)),
    (s) => must(triage(s, priya, day(11), policy)),
    (s) => must(startAnalysis(s, priya, day(10))),
    (s) => must(setContext(s, priya, day(9), ctx('A miss blocks card payments in the new portal.', ['obj-1', 'obj-8']))),
    (s) => must(addOption(s, priya, day(9), { title: 'Add a second gateway', description: 'Dual-run with Contoso Pay.', impact: '+£90k/yr, no delay' })),
    (s) => must(addOption(s, priya, day(9), { title: 'Accept the risk and monitor', description: '', impact: 'No cost now; possible 2-month payment outage' })),
    (s) => must(recommend(s, priya, day(8), 'o1', 'A payment outage costs far more than the second gateway.')),
    (s) => must(escalate(s, priya, day(2), policy)),
  );

  const s5 = chain(
    must(raise({ tenantId: T, id: 'sig-demo-5', number: 5, kind: 'opportunity', title: 'Mobile app can take card payments in-app', details: 'The new SDK lowers fees by 0.3%.', urgency: 'normal', domainId: 'dom-it', workItemId: 'wi-002', origin: { conversationId: '19:mobile-team@thread.tacv2' } }, tara, day(20), policy)),
    (s) => must(triage(s, priya, day(19), policy)),
    (s) => must(startAnalysis(s, priya, day(18))),
    (s) => must(setContext(s, priya, day(17), { objectiveIds: ['obj-1'], schedule: 'low', cost: 'low', benefit: 'high', risk: 'low', narrative: 'Fee savings of ~£120k/yr.' })),
    (s) => must(addOption(s, priya, day(17), { title: 'Adopt the SDK in 3.1', description: '', impact: '£25k, one sprint' })),
    (s) => must(addOption(s, priya, day(17), { title: 'Wait for 4.0', description: '', impact: 'No cost, savings start a year later' })),
    (s) => must(recommend(s, priya, day(16), 'o1', 'Pays back in three months.')),
    (s) => must(escalate(s, priya, day(15), policy)),
    (s) => must(decide(s, sam, day(13), policy, { outcome: 'approve_recommended', rationale: 'Clear payback; fits OBJ-1.' })),
  );

  return { changes: [s1, s2, s3, s4, s5], lastNumber: 5 };
}

/**
 * Writes the demo signals when the demo tenant has none yet, so restarts keep people's work.
 * Called at start-up when the demo seed is on (./demo-extension.ts); no card is delivered.
 */
export async function seedDemoSignalsIfEmpty(signals: SignalRepository, now: Date, policy?: DuePolicy): Promise<boolean> {
  if ((await signals.list(T)).length > 0) return false;
  const demo = buildDemoSignals(now, policy);
  await signals.importMany(T, demo.changes, demo.lastNumber);
  return true;
}
