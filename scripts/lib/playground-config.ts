/**
 * Builds the Microsoft 365 Agents Playground configuration (`.m365agentsplayground.yml`,
 * config schema 0.1.1) from the demo tenant, so the people and conversations the playground
 * sends to the bot are the seeded ones: the same tenant id, the same Entra object ids (which
 * the bot resolves to roles) and channels that the seed already linked to a PMO, the EPMO or a
 * delivery team.
 *
 * The playground holds exactly one current user plus five others, one team with its General
 * channel and one more channel. To try another role, regenerate with another current user.
 */
import type { ConversationLink, ConversationRef } from '../../bot/conversations/domain/conversation';
import type { RoleAssignment } from '../../bot/kernel/roles';
import { demoTeamsUserId } from '../../bot/demo/demo-identities';

/** The playground's config schema requires exactly this many users besides the current one. */
export const PLAYGROUND_OTHER_USERS = 5;

export interface PlaygroundPerson {
  readonly userId: string;
  readonly displayName: string;
  readonly email: string;
  readonly roles: readonly RoleAssignment[];
}

export interface PlaygroundUser {
  /** Bot Framework channel account id. */
  readonly id: string;
  readonly name: string;
  readonly userPrincipleName: string;
  /** Entra object id: the identity the bot authorizes (`from.aadObjectId`). */
  readonly aadObjectId: string;
  readonly givenName: string;
  readonly surname: string;
  readonly email: string;
}

/** The file's shape, as the playground validates it (property names are the playground's). */
export interface PlaygroundConfig {
  readonly version: '0.1.1';
  readonly tenantId: string;
  readonly bot: { readonly id: string; readonly name: string };
  readonly currentUser: PlaygroundUser;
  readonly users: readonly PlaygroundUser[];
  readonly personalChat: { readonly id: string };
  readonly groupChat: { readonly id: string; readonly name: string };
  readonly team: {
    readonly id: string;
    readonly name: string;
    readonly aadGroupId: string;
    readonly channels: readonly { readonly id: string; readonly name: string }[];
  };
}

export interface PlaygroundInput {
  readonly tenantId: string;
  readonly people: readonly PlaygroundPerson[];
  readonly currentUserId: string;
  readonly bot: { readonly id: string; readonly name: string };
  /** Seeded conversations and their links; the team's channels are chosen among them. */
  readonly conversations: readonly ConversationRef[];
  readonly links: readonly ConversationLink[];
  /** Work item → domain, to find a delivery team in a PMO lead's domain. */
  readonly workItemDomains: Readonly<Record<string, string>>;
}

/** Teams-like channel account id (MRI) for a demo person, as the demo seed records it. */
export const playgroundUserId = demoTeamsUserId;

function toPlaygroundUser(p: PlaygroundPerson): PlaygroundUser {
  const [givenName = p.displayName, ...rest] = p.displayName.split(' ');
  return {
    id: playgroundUserId(p.userId),
    name: p.displayName,
    userPrincipleName: p.email,
    aadObjectId: p.userId,
    givenName,
    surname: rest.join(' ') || givenName,
    email: p.email,
  };
}

const roleKey = (r: RoleAssignment): string =>
  r.role === 'pmo_lead' ? `pmo_lead:${r.domainId}` : r.role === 'team_member' ? 'team_member' : r.role;

/**
 * Five other people, chosen greedily so that together they hold every role (first) and as many
 * domains and teams as possible (then).
 */
export function pickOthers(people: readonly PlaygroundPerson[], current: PlaygroundPerson): PlaygroundPerson[] {
  const covered = new Set([...current.roles.map(roleKey), ...current.roles.map((r) => r.role)]);
  const pool = people.filter((p) => p.userId !== current.userId);
  const picked: PlaygroundPerson[] = [];
  while (picked.length < PLAYGROUND_OTHER_USERS && pool.length > 0) {
    let best = 0;
    let bestGain = -1;
    pool.forEach((p, i) => {
      const newRoles = new Set(p.roles.map((r) => r.role).filter((k) => !covered.has(k))).size;
      const newScopes = new Set(p.roles.map(roleKey).filter((k) => !covered.has(k))).size;
      const gain = newRoles * 100 + newScopes;
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
      }
    });
    const [person] = pool.splice(best, 1);
    if (!person) break;
    picked.push(person);
    person.roles.forEach((r) => {
      covered.add(roleKey(r));
      covered.add(r.role);
    });
  }
  if (picked.length < PLAYGROUND_OTHER_USERS) {
    throw new Error(`The Agents Playground needs ${PLAYGROUND_OTHER_USERS + 1} people; the demo tenant has ${people.length}`);
  }
  return picked;
}

/**
 * The two seeded conversations most useful to this person: where they work first (their PMO
 * channel, the EPMO channel, or their team's channel), then where their work goes next.
 */
export function pickChannels(input: PlaygroundInput, person: PlaygroundPerson): ConversationRef[] {
  const byTarget = (match: (l: ConversationLink) => boolean): ConversationRef | undefined => {
    const link = input.links.find(match);
    return link && input.conversations.find((c) => c.conversationId === link.conversationId);
  };
  const pmoOf = (domainId: string | undefined) => byTarget((l) => l.target.kind === 'pmo' && l.target.domainId === domainId);
  const teamIn = (domainId: string | undefined) =>
    byTarget((l) => l.target.kind === 'team' && input.workItemDomains[l.target.workItemId] === domainId);
  const teamOf = (workItemId: string) => byTarget((l) => l.target.kind === 'team' && l.target.workItemId === workItemId);
  const epmo = byTarget((l) => l.target.kind === 'epmo');
  const anyPmo = byTarget((l) => l.target.kind === 'pmo');

  const lead = person.roles.find((r) => r.role === 'pmo_lead');
  const member = person.roles.find((r) => r.role === 'team_member');
  const isEpmo = person.roles.some((r) => r.role === 'epmo_member' || r.role === 'strategy_owner');
  let candidates: (ConversationRef | undefined)[];
  if (lead?.role === 'pmo_lead') candidates = [pmoOf(lead.domainId), teamIn(lead.domainId), epmo];
  else if (member?.role === 'team_member') {
    const domainId = input.workItemDomains[member.workItemId];
    candidates = [teamOf(member.workItemId), pmoOf(domainId), epmo];
  } else if (isEpmo) candidates = [epmo, anyPmo];
  else candidates = [epmo, anyPmo]; // tenant admin: sets up links in both kinds of channel
  const unique = candidates.filter((c): c is ConversationRef => c !== undefined).filter((c, i, all) => all.findIndex((d) => d.conversationId === c.conversationId) === i);
  if (unique.length < 2) throw new Error(`The demo tenant has too few linked channels for ${person.displayName}`);
  return unique.slice(0, 2);
}

/** The whole configuration for one current user. */
export function buildPlaygroundConfig(input: PlaygroundInput): PlaygroundConfig {
  const current = input.people.find((p) => p.userId === input.currentUserId);
  if (!current) throw new Error(`No demo user with id ${input.currentUserId}`);
  const others = pickOthers(input.people, current);
  const [home, second] = pickChannels(input, current) as [ConversationRef, ConversationRef];
  return {
    version: '0.1.1',
    tenantId: input.tenantId,
    bot: { id: input.bot.id, name: input.bot.name },
    currentUser: toPlaygroundUser(current),
    users: others.map(toPlaygroundUser),
    // Stable ids per person, so a restart shows the same personal chat history in the bot's store.
    personalChat: { id: `a:playground-${current.userId}` },
    groupChat: { id: `19:playground-group-${current.userId}@thread.v2`, name: 'PMO Relay demo chat' },
    team: {
      // The playground uses the team id as its General channel's conversation id.
      id: home.conversationId,
      name: home.teamName ?? home.title,
      aadGroupId: '00000000-0000-4000-8000-00000000d3e0',
      channels: [{ id: second.conversationId, name: second.title.slice(0, 256) }],
    },
  };
}

const q = (s: string): string => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

const userYaml = (u: PlaygroundUser, indent: string, first: string): string =>
  [
    `${first}id: ${q(u.id)}`,
    `name: ${q(u.name)}`,
    `userPrincipleName: ${q(u.userPrincipleName)}`,
    `aadObjectId: ${q(u.aadObjectId)}`,
    `givenName: ${q(u.givenName)}`,
    `surname: ${q(u.surname)}`,
    `email: ${q(u.email)}`,
  ].join(`\n${indent}`);

/** YAML text of the configuration, with a header saying where it comes from. */
export function playgroundConfigYaml(config: PlaygroundConfig, header: readonly string[] = []): string {
  const lines = [
    '# yaml-language-server: $schema=https://aka.ms/teams-app-test-tool-config/0.1.1/config.schema.json',
    '# Generated by `npm run playground` from bot/demo/demo-identities.ts — do not edit; rerun it instead.',
    ...header.map((h) => `# ${h}`),
    `version: ${q(config.version)}`,
    `tenantId: ${q(config.tenantId)}`,
    'bot:',
    `  id: ${q(config.bot.id)}`,
    `  name: ${q(config.bot.name)}`,
    'currentUser:',
    `  ${userYaml(config.currentUser, '  ', '')}`,
    'users:',
    ...config.users.map((u) => `  ${userYaml(u, '    ', '- ')}`),
    'personalChat:',
    `  id: ${q(config.personalChat.id)}`,
    'groupChat:',
    `  id: ${q(config.groupChat.id)}`,
    `  name: ${q(config.groupChat.name)}`,
    'team:',
    `  id: ${q(config.team.id)}`,
    `  name: ${q(config.team.name)}`,
    `  aadGroupId: ${q(config.team.aadGroupId)}`,
    '  channels:',
    ...config.team.channels.map((c) => `    - id: ${q(c.id)}\n      name: ${q(c.name)}`),
  ];
  return `${lines.join('\n')}\n`;
}
