/**
 * The demo portfolio seeded on a fresh local start: four domains, nine objectives and 48
 * work items across every structure and delivery mode, with linked demo conversations.
 * Dates are relative to the seed time so that statuses age realistically.
 */
import type { ConversationLink, ConversationRef } from '../conversations';
import type { Domain, Health, Rag, StrategicObjective, Structure, DeliveryMode, WorkItem } from '../portfolio';
import type { User } from '../kernel/roles';
import { DEMO_TENANT, DEMO_USERS } from './demo-identities';
import { DEMO_SERVICE_URL } from './demo-conversations';

const T = DEMO_TENANT.tenantId;
const DAY = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export const DEMO_DOMAINS: readonly Omit<Domain, 'createdAt' | 'tenantId'>[] = [
  { id: 'dom-it', name: 'IT', description: 'Technology platforms, security and digital products.', freshnessDays: 14 },
  { id: 'dom-hr', name: 'HR', description: 'People, talent and workplace.', freshnessDays: 21 },
  { id: 'dom-fin', name: 'Finance', description: 'Finance transformation, reporting and controls.', freshnessDays: 14 },
  { id: 'dom-ops', name: 'Operations', description: 'Supply chain, facilities and sustainability.', freshnessDays: 14 },
];

const SAM = DEMO_USERS[1] ?? { userId: 'unknown', displayName: 'Strategy owner' };

export const DEMO_OBJECTIVES: readonly Omit<StrategicObjective, 'createdAt' | 'tenantId' | 'ownerId' | 'ownerName'>[] = [
  { id: 'obj-1', code: 'OBJ-1', title: 'Grow digital revenue 20% by FY27', description: 'New digital channels and products.', priority: 1 },
  { id: 'obj-2', code: 'OBJ-2', title: 'Cut cost to serve by 10%', description: 'Automation and simplification.', priority: 2 },
  { id: 'obj-3', code: 'OBJ-3', title: 'Zero critical security incidents', description: 'Security posture and resilience.', priority: 1 },
  { id: 'obj-4', code: 'OBJ-4', title: 'Become an employer of choice (eNPS +15)', description: 'Talent, culture and wellbeing.', priority: 3 },
  { id: 'obj-5', code: 'OBJ-5', title: 'Net-zero operations by 2030', description: 'Energy, fleet and supply chain emissions.', priority: 3 },
  { id: 'obj-6', code: 'OBJ-6', title: 'Retire legacy core platforms', description: 'Move off end-of-life ERP and mainframe.', priority: 2 },
  { id: 'obj-7', code: 'OBJ-7', title: 'Data-driven decisions everywhere', description: 'Trusted data and self-service analytics.', priority: 4 },
  { id: 'obj-8', code: 'OBJ-8', title: 'Meet CSRD and DORA obligations', description: 'Regulatory compliance on time.', priority: 1 },
  { id: 'obj-9', code: 'OBJ-9', title: 'Cut lead time to market by 30%', description: 'Faster delivery from idea to customer.', priority: 2 },
];

type H = `${'g' | 'a' | 'r' | 'u'}${'g' | 'a' | 'r' | 'u'}${'g' | 'a' | 'r' | 'u'}${'g' | 'a' | 'r' | 'u'}`;
/** id, domain, title, structure, mode, stage, owner, objectives, health (schedule cost scope benefit), status age in days, planned/realised benefit, unit, parent */
type Row = [string, string, string, Structure, DeliveryMode, string, string, string, H, number | null, number, number, string, string?];

const ROWS: readonly Row[] = [
  ['wi-001', 'dom-it', 'Customer Portal Replatform', 'program', 'agile', 'Beta', 'Tara Team', '1:60;9:40', 'gagg', 3, 2400, 900, 'GBP k'],
  ['wi-002', 'dom-it', 'Mobile App 3.0', 'product', 'agile', 'Live', 'Tara Team', '1:70;9:30', 'gggg', 5, 1200, 1150, 'GBP k', 'wi-001'],
  ['wi-003', 'dom-it', 'Identity & Access Modernisation', 'project', 'traditional', 'Execution', 'Ravi Rao', '3:80;6:20', 'aaga', 9, 0, 0, 'incidents avoided'],
  ['wi-004', 'dom-it', 'Zero Trust Network Rollout', 'project', 'traditional', 'Planning', 'Ravi Rao', '3:100', 'rrag', 16, 0, 0, 'incidents avoided'],
  ['wi-005', 'dom-it', 'Cloud Landing Zone', 'capability', 'agile', 'Live', 'Lena Lund', '6:50;2:30', 'gggg', 2, 800, 640, 'GBP k/yr'],
  ['wi-006', 'dom-it', 'Mainframe Exit', 'program', 'traditional', 'Execution', 'Lena Lund', '6:70;2:30', 'arra', 12, 3100, 400, 'GBP k/yr'],
  ['wi-007', 'dom-it', 'Payments API Gateway', 'project', 'agile', 'Alpha', 'Chen Wei', '1:50;9:50', 'gagu', 4, 600, 0, 'GBP k', 'wi-001'],
  ['wi-008', 'dom-it', 'Service Desk Chatbot', 'product', 'lightweight', 'In progress', 'Chen Wei', '2:100', 'gggr', 20, 150, 20, 'GBP k/yr'],
  ['wi-009', 'dom-it', 'Data Platform Lakehouse', 'capability', 'agile', 'Beta', 'Nadia Novak', '7:80;6:20', 'agaa', 7, 900, 250, 'GBP k/yr'],
  ['wi-010', 'dom-it', 'Laptop Refresh 2026', 'project', 'lightweight', 'Done', 'Ravi Rao', '4:40;3:60', 'gggg', 30, 0, 0, 'devices'],
  ['wi-011', 'dom-it', 'DORA Resilience Testing', 'project', 'traditional', 'Execution', 'Nadia Novak', '8:100', 'gaga', 6, 0, 0, 'findings closed'],
  ['wi-012', 'dom-it', 'API Developer Portal', 'product', 'agile', 'Discovery', 'Chen Wei', '9:100', 'uuuu', null, 300, 0, 'GBP k'],
  ['wi-013', 'dom-it', 'Observability Platform', 'capability', 'agile', 'Live', 'Diego Delivery', '3:40;9:60', 'gggg', 1, 200, 210, 'GBP k/yr'],
  ['wi-014', 'dom-it', 'Legacy CRM Decommission', 'project', 'traditional', 'Closing', 'Lena Lund', '6:100', 'gggg', 15, 450, 380, 'GBP k/yr', 'wi-006'],
  ['wi-015', 'dom-hr', 'Workday HCM Migration', 'program', 'traditional', 'Execution', 'Hannah Hughes', '6:60;4:40', 'aaag', 8, 700, 120, 'GBP k/yr'],
  ['wi-016', 'dom-hr', 'Hybrid Work Policy Refresh', 'project', 'lightweight', 'In progress', 'Grace Green', '4:100', 'gggu', 4, 10, 0, 'eNPS points'],
  ['wi-017', 'dom-hr', 'Leadership Academy', 'capability', 'traditional', 'Execution', 'Grace Green', '4:100', 'ggga', 11, 8, 3, 'eNPS points'],
  ['wi-018', 'dom-hr', 'Recruiting Experience Revamp', 'product', 'agile', 'Beta', 'Ivan Ivanov', '4:70;9:30', 'gagg', 3, 20, 14, 'days time-to-hire'],
  ['wi-019', 'dom-hr', 'Payroll Consolidation', 'project', 'traditional', 'Planning', 'Ivan Ivanov', '2:80;6:20', 'raaa', 25, 350, 0, 'GBP k/yr', 'wi-015'],
  ['wi-020', 'dom-hr', 'Wellbeing App', 'product', 'lightweight', 'Proposed', 'Grace Green', '4:100', 'uuuu', null, 5, 0, 'eNPS points'],
  ['wi-021', 'dom-hr', 'Skills Taxonomy', 'capability', 'agile', 'Alpha', 'Hannah Hughes', '4:50;7:50', 'gggg', 6, 0, 0, 'skills mapped'],
  ['wi-022', 'dom-hr', 'Onboarding Automation', 'project', 'agile', 'Live', 'Ivan Ivanov', '2:60;4:40', 'gggg', 2, 120, 130, 'GBP k/yr', 'wi-015'],
  ['wi-023', 'dom-hr', 'Pay Transparency Readiness', 'project', 'traditional', 'Initiation', 'Hannah Hughes', '8:100', 'agua', 18, 0, 0, 'obligations met'],
  ['wi-024', 'dom-hr', 'Internal Mobility Marketplace', 'product', 'agile', 'Discovery', 'Grace Green', '4:100', 'gguu', 9, 4, 0, 'eNPS points'],
  ['wi-025', 'dom-fin', 'S/4HANA Finance Transformation', 'program', 'traditional', 'Execution', 'Mia Maker', '6:60;2:40', 'arag', 5, 5200, 600, 'GBP k/yr'],
  ['wi-026', 'dom-fin', 'Close Acceleration', 'project', 'agile', 'Beta', 'Felix Fischer', '2:50;7:50', 'gggg', 4, 300, 260, 'GBP k/yr', 'wi-025'],
  ['wi-027', 'dom-fin', 'CSRD Sustainability Reporting', 'project', 'traditional', 'Execution', 'Felix Fischer', '8:70;5:30', 'raga', 10, 0, 0, 'disclosures'],
  ['wi-028', 'dom-fin', 'Procure-to-Pay Automation', 'capability', 'agile', 'Live', 'Olga Olsen', '2:100', 'gggg', 3, 900, 820, 'GBP k/yr', 'wi-025'],
  ['wi-029', 'dom-fin', 'Treasury Cash Forecasting', 'product', 'lightweight', 'In progress', 'Olga Olsen', '7:100', 'ggga', 13, 150, 40, 'GBP k/yr'],
  ['wi-030', 'dom-fin', 'Expense Policy Update', 'project', 'lightweight', 'Done', 'Felix Fischer', '2:100', 'gggg', 40, 60, 65, 'GBP k/yr'],
  ['wi-031', 'dom-fin', 'FP&A Planning Platform', 'product', 'agile', 'Alpha', 'Mia Maker', '7:60;9:40', 'agau', 6, 400, 0, 'GBP k/yr'],
  ['wi-032', 'dom-fin', 'Revenue Assurance Analytics', 'capability', 'agile', 'Beta', 'Olga Olsen', '1:50;7:50', 'gaga', 8, 700, 210, 'GBP k'],
  ['wi-033', 'dom-fin', 'DORA Third-Party Register', 'project', 'traditional', 'Planning', 'Felix Fischer', '8:100', 'aagu', 4, 0, 0, 'contracts registered'],
  ['wi-034', 'dom-fin', 'Intercompany Simplification', 'project', 'traditional', 'Initiation', 'Mia Maker', '2:100', 'uuuu', null, 250, 0, 'GBP k/yr', 'wi-025'],
  ['wi-035', 'dom-fin', 'Controls Automation', 'capability', 'lightweight', 'In progress', 'Olga Olsen', '8:50;2:50', 'ggrg', 17, 180, 90, 'GBP k/yr'],
  ['wi-036', 'dom-fin', 'Investor Relations Site', 'product', 'lightweight', 'Proposed', 'Felix Fischer', '1:100', 'gggu', 2, 0, 0, 'visits/month'],
  ['wi-037', 'dom-ops', 'Net-Zero Fleet', 'program', 'traditional', 'Execution', 'Omar Okafor', '5:100', 'aaar', 6, 12000, 2100, 't CO2e/yr'],
  ['wi-038', 'dom-ops', 'EV Charging at Depots', 'project', 'traditional', 'Execution', 'Zoe Zhang', '5:100', 'rarg', 9, 3000, 0, 't CO2e/yr', 'wi-037'],
  ['wi-039', 'dom-ops', 'Warehouse Robotics Pilot', 'project', 'agile', 'Alpha', 'Bruno Bianchi', '2:70;9:30', 'gagg', 4, 800, 90, 'GBP k/yr'],
  ['wi-040', 'dom-ops', 'Demand Sensing', 'capability', 'agile', 'Beta', 'Zoe Zhang', '7:60;2:40', 'gggg', 3, 1100, 950, 'GBP k/yr'],
  ['wi-041', 'dom-ops', 'Supplier Portal', 'product', 'agile', 'Live', 'Bruno Bianchi', '2:50;9:50', 'ggag', 7, 400, 380, 'GBP k/yr'],
  ['wi-042', 'dom-ops', 'Facilities Energy Retrofit', 'project', 'traditional', 'Planning', 'Omar Okafor', '5:80;2:20', 'agga', 22, 1800, 0, 't CO2e/yr', 'wi-037'],
  ['wi-043', 'dom-ops', 'Health & Safety Reporting App', 'product', 'lightweight', 'In progress', 'Bruno Bianchi', '8:100', 'gggg', 5, 0, 0, 'reports/month'],
  ['wi-044', 'dom-ops', 'Route Optimisation', 'capability', 'agile', 'Live', 'Zoe Zhang', '2:60;5:40', 'gggg', 1, 650, 700, 'GBP k/yr'],
  ['wi-045', 'dom-ops', 'Packaging Reduction', 'project', 'lightweight', 'Done', 'Omar Okafor', '5:100', 'gggg', 35, 400, 420, 't CO2e/yr'],
  ['wi-046', 'dom-ops', 'Plant Maintenance IoT', 'capability', 'traditional', 'Execution', 'Bruno Bianchi', '2:60;7:40', 'arga', 11, 900, 150, 'GBP k/yr'],
  ['wi-047', 'dom-ops', 'Returns Process Redesign', 'project', 'lightweight', 'Proposed', 'Zoe Zhang', '9:60;2:40', 'uuuu', null, 200, 0, 'GBP k/yr'],
  ['wi-048', 'dom-ops', 'Supply Chain Control Tower', 'program', 'agile', 'Discovery', 'Omar Okafor', '7:50;9:50', 'ggau', 8, 1500, 0, 'GBP k/yr'],
];

const RAG: Readonly<Record<string, Rag>> = { g: 'green', a: 'amber', r: 'red', u: 'unknown' };
const health = (h: H): Health => ({ schedule: RAG[h[0] ?? 'u'] ?? 'unknown', cost: RAG[h[1] ?? 'u'] ?? 'unknown', scope: RAG[h[2] ?? 'u'] ?? 'unknown', benefit: RAG[h[3] ?? 'u'] ?? 'unknown' });

const STATUS_NOTES: Readonly<Record<Rag, string>> = {
  green: 'On track.',
  amber: 'Watching closely; mitigation in place.',
  red: 'Needs PMO attention; recovery plan due.',
  unknown: '',
};

export interface DemoTenantData {
  readonly tenantId: string;
  readonly tenantName: string;
  readonly users: User[];
  readonly domains: Domain[];
  readonly objectives: StrategicObjective[];
  readonly workItems: WorkItem[];
  readonly conversations: ConversationRef[];
  readonly links: ConversationLink[];
}

/** Demo Teams conversations: one PMO channel per domain, the EPMO channel and team channels. */
const channel = (id: string, teamName: string, channelName: string) => ({ id, teamName, channelName });
const PMO_CHANNELS = {
  'dom-it': channel('19:it-pmo@thread.tacv2', 'IT PMO', 'General'),
  'dom-hr': channel('19:hr-pmo@thread.tacv2', 'HR PMO', 'General'),
  'dom-fin': channel('19:fin-pmo@thread.tacv2', 'Finance PMO', 'General'),
  'dom-ops': channel('19:ops-pmo@thread.tacv2', 'Operations PMO', 'General'),
} as const;
const EPMO_CHANNEL = channel('19:epmo@thread.tacv2', 'Strategy Office', 'Strategy changes');
const TEAM_CHANNELS: readonly [string, ReturnType<typeof channel>][] = [
  ['wi-001', channel('19:portal-team@thread.tacv2', 'Customer Portal', 'Delivery')],
  ['wi-002', channel('19:mobile-team@thread.tacv2', 'Mobile App', 'General')],
  ['wi-004', channel('19:zerotrust-team@thread.tacv2', 'Zero Trust', 'General')],
  ['wi-006', channel('19:mainframe-exit@thread.tacv2', 'Mainframe Exit', 'General')],
  ['wi-013', channel('19:observability@thread.tacv2', 'Observability', 'General')],
  ['wi-015', channel('19:workday@thread.tacv2', 'Workday Migration', 'General')],
  ['wi-025', channel('19:s4-finance@thread.tacv2', 'S/4 Finance', 'Programme')],
  ['wi-027', channel('19:csrd@thread.tacv2', 'CSRD Reporting', 'General')],
  ['wi-037', channel('19:net-zero-fleet@thread.tacv2', 'Net-Zero Fleet', 'General')],
  ['wi-040', channel('19:demand-sensing@thread.tacv2', 'Demand Sensing', 'General')],
];

/** Builds the whole demo tenant for a given seed time. Pure. */
export function buildDemoTenant(now: Date): DemoTenantData {
  const at = now.toISOString();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const users: User[] = DEMO_USERS.map((u) => ({ tenantId: T, userId: u.userId, displayName: u.displayName, email: u.email, roles: u.roles }));
  const byName = new Map(users.map((u) => [u.displayName, u.userId]));
  const domains: Domain[] = DEMO_DOMAINS.map((d) => ({ ...d, tenantId: T, createdAt: at }));
  const objectives: StrategicObjective[] = DEMO_OBJECTIVES.map((o) => ({ ...o, tenantId: T, ownerId: SAM.userId, ownerName: SAM.displayName, createdAt: at }));

  const workItems: WorkItem[] = ROWS.map((r, index) => {
    const [id, domainId, title, structure, mode, stage, owner, objs, h, age, planned, realised, unit, parentId] = r;
    const start = ago(400 - index * 7);
    const end = new Date(start.getTime() + (180 + (index % 5) * 90) * DAY);
    const itemHealth = health(h);
    const ownerId = byName.get(owner);
    return {
      tenantId: T,
      id,
      domainId,
      title,
      structure,
      mode,
      stage,
      owner: { displayName: owner, ...(ownerId ? { userId: ownerId } : {}) },
      ...(parentId ? { parentId } : {}),
      startDate: isoDay(start),
      endDate: isoDay(end),
      objectives: objs.split(';').map((pair) => {
        const [n, w] = pair.split(':');
        return { objectiveId: `obj-${n}`, weight: Number(w) };
      }),
      health: itemHealth,
      ...(age !== null ? { statusReportedAt: ago(age).toISOString(), statusNote: STATUS_NOTES[itemHealth.schedule] || 'Status reported.' } : {}),
      ...(planned > 0 ? { benefits: { planned: { value: planned, unit }, realised: { value: realised, unit } } } : {}),
      createdAt: ago(400 - index * 7).toISOString(),
      updatedAt: ago(age ?? 30).toISOString(),
    };
  });

  const ref = (c: ReturnType<typeof channel>): ConversationRef => ({
    tenantId: T,
    conversationId: c.id,
    kind: 'channel',
    serviceUrl: DEMO_SERVICE_URL,
    channelId: 'msteams',
    botId: '28:pmo-relay-demo-bot',
    botName: 'PMO Relay',
    teamId: c.id,
    teamName: c.teamName,
    channelName: c.channelName,
    title: `${c.teamName} › ${c.channelName}`,
    installedAt: at,
    updatedAt: at,
    active: true,
  });
  const admin = users[0]?.userId ?? 'seed';
  // Each demo channel is its team's first (its id is the team's), so its roster is the team's: `rosterIdOf`.
  const link = (conversationId: string, target: ConversationLink['target']): ConversationLink => ({ tenantId: T, conversationId, rosterId: conversationId, target, linkedBy: admin, linkedAt: at });
  const conversations = [...Object.values(PMO_CHANNELS), EPMO_CHANNEL, ...TEAM_CHANNELS.map(([, c]) => c)].map(ref);
  const links = [
    ...Object.entries(PMO_CHANNELS).map(([domainId, c]) => link(c.id, { kind: 'pmo', domainId })),
    link(EPMO_CHANNEL.id, { kind: 'epmo' }),
    ...TEAM_CHANNELS.map(([workItemId, c]) => link(c.id, { kind: 'team', workItemId })),
  ];
  return { tenantId: T, tenantName: DEMO_TENANT.name, users, domains, objectives, workItems, conversations, links };
}
