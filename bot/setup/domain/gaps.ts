/**
 * What a tenant has not set up yet (PRODUCT.md §5, "Setup without help"), in plain words with
 * the fix next to each: the rules, on facts the setup reads gathered. Pure: no storage, no clock.
 */

/** What a conversation can be linked to, as the setup check sees it (bot/conversations' `LinkTarget`). */
export type Reach = { readonly kind: 'pmo'; readonly domainId: string } | { readonly kind: 'epmo' } | { readonly kind: 'team'; readonly workItemId: string };

/** A person who used PMO Relay: talked to the bot, or signed in to the tab. */
export interface AppUser {
  readonly userId: string;
  readonly name?: string;
  readonly via: 'bot' | 'tab';
}

export interface SetupFacts {
  readonly domains: readonly { readonly id: string; readonly name: string }[];
  readonly objectives: readonly { readonly id: string; readonly code: string; readonly title: string }[];
  /** Objectives some work item is aligned to. */
  readonly objectivesInUse: ReadonlySet<string>;
  readonly items: readonly { readonly id: string; readonly title: string; readonly domainId: string }[];
  /** What the tenant's conversations are linked to, counting only conversations PMO Relay is still in. */
  readonly reached: readonly Reach[];
  /** Targets linked to a conversation PMO Relay was removed from (said so, since the fix differs). */
  readonly lost: readonly Reach[];
  readonly appUsers: readonly AppUser[];
  /** People holding at least one role. */
  readonly withRoles: ReadonlySet<string>;
  /** Domains someone holds the PMO lead role for. */
  readonly ledDomains: ReadonlySet<string>;
}

export type SetupGapKind = 'pmoLead' | 'pmoChannel' | 'epmoChannel' | 'teamConversation' | 'objectiveItems' | 'personRole';

/** One thing to fix: what it is, why, and the bot command that fixes it (when the fix is in Teams). */
export interface SetupGapEntry {
  readonly id: string;
  readonly name: string;
  readonly detail: string;
  readonly command?: string;
  /** The domain it belongs to (work items), for a link to its portfolio. */
  readonly domainId?: string;
}

/** One kind of gap: its plain-words title and fix, and the first entries of `total`. */
export interface SetupGap {
  readonly kind: SetupGapKind;
  readonly title: string;
  readonly fix: string;
  /** Where in the tab it is fixed, when it is fixed there rather than in Teams. */
  readonly fixIn?: 'people' | 'objectives';
  readonly total: number;
  readonly entries: readonly SetupGapEntry[];
  /** Work items' gaps: how many per domain (all of them, not only the entries listed), by domain name. */
  readonly domains?: readonly { readonly id: string; readonly name: string; readonly total: number }[];
}

/** At most this many entries per gap: the rest are counted, and the list shrinks as they are fixed. */
export const MAX_GAP_ENTRIES = 50;

const BOT = '@PMO Relay';

const key = (r: Reach): string => (r.kind === 'pmo' ? `pmo:${r.domainId}` : r.kind === 'team' ? `team:${r.workItemId}` : 'epmo');

function gap(kind: SetupGapKind, text: Pick<SetupGap, 'title' | 'fix' | 'fixIn' | 'domains'>, entries: readonly SetupGapEntry[]): SetupGap[] {
  if (entries.length === 0) return [];
  return [{ kind, ...text, total: entries.length, entries: entries.slice(0, MAX_GAP_ENTRIES) }];
}

/** Entries counted per domain, in the order the entries come (sorted by domain name already). */
function perDomain(entries: readonly SetupGapEntry[], names: ReadonlyMap<string, string>): { id: string; name: string; total: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) if (e.domainId) counts.set(e.domainId, (counts.get(e.domainId) ?? 0) + 1);
  return [...counts].map(([id, total]) => ({ id, name: names.get(id) ?? 'Unknown domain', total }));
}

const byName = <T extends { readonly name: string }>(a: T, b: T): number => a.name.localeCompare(b.name);

/** The gaps of a tenant, in the order a new tenant fixes them; none when all is set up. */
export function setupGaps(facts: SetupFacts): SetupGap[] {
  const reached = new Set(facts.reached.map(key));
  const lost = new Set(facts.lost.filter((r) => !reached.has(key(r))).map(key));
  const why = (r: Reach, never: string): string => (lost.has(key(r)) ? 'Its linked conversation no longer has PMO Relay (the app was removed from it).' : never);
  const domainNames = new Map(facts.domains.map((d) => [d.id, d.name]));

  const leads = facts.domains
    .filter((d) => !facts.ledDomains.has(d.id))
    .map((d) => ({ id: d.id, name: d.name, detail: `Give someone the PMO lead role for ${d.name}.` }))
    .sort(byName);

  const pmo = facts.domains
    .filter((d) => !reached.has(key({ kind: 'pmo', domainId: d.id })))
    .map((d) => ({ id: d.id, name: d.name, detail: why({ kind: 'pmo', domainId: d.id }, 'No channel is linked as its PMO.'), command: `${BOT} link pmo ${d.name}` }))
    .sort(byName);

  const epmo = reached.has('epmo') ? [] : [{ id: 'epmo', name: 'The EPMO channel', detail: why({ kind: 'epmo' }, 'No channel is linked as the EPMO.'), command: `${BOT} link epmo` }];

  // Titles name items in the command; a title two items share would be refused, so those use the id.
  const titleCount = new Map<string, number>();
  for (const i of facts.items) titleCount.set(i.title.toLowerCase(), (titleCount.get(i.title.toLowerCase()) ?? 0) + 1);
  const teams = facts.items
    .filter((i) => !reached.has(key({ kind: 'team', workItemId: i.id })))
    .map((i) => ({
      id: i.id,
      name: i.title,
      detail: why({ kind: 'team', workItemId: i.id }, `${domainNames.get(i.domainId) ?? 'Its domain'}: no team channel or chat is linked to it.`),
      command: `${BOT} link team ${titleCount.get(i.title.toLowerCase()) === 1 ? i.title : i.id}`,
      domainId: i.domainId,
      order: `${domainNames.get(i.domainId) ?? ''}\u0000${i.title}`,
    }))
    .sort((a, b) => a.order.localeCompare(b.order))
    .map(({ order: _order, ...entry }) => entry);

  const objectives = facts.objectives
    .filter((o) => !facts.objectivesInUse.has(o.id))
    .map((o) => ({ id: o.id, name: `${o.code} ${o.title}`, detail: 'No work item is aligned to it.' }))
    .sort(byName);

  const seen = new Map<string, AppUser & { readonly vias: Set<AppUser['via']> }>();
  for (const u of facts.appUsers) {
    if (facts.withRoles.has(u.userId)) continue;
    const known = seen.get(u.userId);
    if (known) known.vias.add(u.via);
    else seen.set(u.userId, { ...u, ...(u.name === undefined ? {} : { name: u.name }), vias: new Set([u.via]) });
  }
  const people = [...seen.values()]
    .map((u) => ({ id: u.userId, name: u.name ?? 'Someone without a name', detail: usedVia(u.vias) }))
    .sort(byName);

  return [
    ...gap('pmoLead', { title: 'Domains without a PMO lead', fix: "Give someone the PMO lead role for each domain: until then nobody keeps its portfolio, and its check-ins and escalations have no one to go to.", fixIn: 'people' }, leads),
    ...gap('pmoChannel', { title: 'Domains without a PMO channel', fix: "In each domain's PMO channel, type the command shown (or type \"@PMO Relay link\" and choose the domain's PMO). If PMO Relay was removed from the channel, add the app to it again first." }, pmo),
    ...gap('epmoChannel', { title: 'No EPMO channel', fix: "In the EPMO's channel, type the command shown (or \"@PMO Relay link\" and choose the EPMO). Escalations and strategy-change progress go there." }, epmo),
    ...gap('teamConversation', { title: 'Work items whose team cannot be reached', fix: "In each team's channel or group chat, type the command shown (or \"@PMO Relay link\" and choose the work item). Until then, strategy changes and check-ins cannot reach the team.", domains: perDomain(teams, domainNames) }, teams),
    ...gap('objectiveItems', { title: 'Strategic objectives without work items', fix: "Align work items to each objective (a work item's Objectives, in its domain's portfolio), or retire the objective if it is no longer pursued.", fixIn: 'objectives' }, objectives),
    ...gap('personRole', { title: 'People who use PMO Relay without a role', fix: 'Give each a role (PMO lead, team member, EPMO member…); until then they see nothing in the tab and can link nothing.', fixIn: 'people' }, people),
  ];
}

function usedVia(vias: ReadonlySet<AppUser['via']>): string {
  if (vias.has('bot') && vias.has('tab')) return 'Talked to the bot and signed in to the tab.';
  return vias.has('bot') ? 'Talked to the bot.' : 'Signed in to the tab.';
}
