/**
 * `npm run playground [-- --as <who>] [-- --list]`: opens the Microsoft 365 Agents Playground
 * (a Teams-like web client) on the local bot, signed in as one of the seeded demo people.
 *
 *   npm start                         # first, in another terminal: the app with its demo data
 *   npm run playground                # as the IT PMO lead, on http://localhost:56150
 *   npm run playground -- --as strategy   # as a strategy owner; also admin, epmo, pmo-it,
 *                                          # pmo-hr, pmo-fin, pmo-ops, team, a first name or email
 *   npm run playground -- --list      # who is who
 *
 * Switching user: the playground signs in one person per run (its config holds a current user
 * and five others), so stop it (Ctrl+C) and start it again with another `--as`.
 * The config file is written to `.playground/m365agentsplayground.yml` each run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoTenant } from '../bot/demo/demo-data';
import { DEFAULT_DEMO_USER, DEMO_TENANT, DEMO_USERS } from '../bot/demo/demo-identities';
import { describeRoles, findDemoPerson, ROLE_SHORTCUTS } from './lib/demo-people';
import { readEnvironment } from './lib/env-files';
import { buildPlaygroundConfig, playgroundConfigYaml, type PlaygroundConfig } from './lib/playground-config';

const root = join(__dirname, '..');

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The playground config for the demo tenant with `who` as the signed-in person. */
export function demoPlaygroundConfig(who: string | undefined): { config: PlaygroundConfig; yaml: string } {
  const person = who ? findDemoPerson(DEMO_USERS, who) : DEFAULT_DEMO_USER;
  if (!person) {
    throw new Error(`No demo person matches "${who}". Try one of: ${Object.keys(ROLE_SHORTCUTS).join(', ')}, or run with --list.`);
  }
  const demo = buildDemoTenant(new Date());
  const bot = demo.conversations[0];
  const config = buildPlaygroundConfig({
    tenantId: DEMO_TENANT.tenantId,
    people: DEMO_USERS,
    currentUserId: person.userId,
    bot: { id: bot?.botId ?? '28:pmo-relay-demo-bot', name: bot?.botName ?? 'PMO Relay' },
    conversations: demo.conversations,
    links: demo.links,
    workItemDomains: Object.fromEntries(demo.workItems.map((w) => [w.id, w.domainId])),
  });
  const yaml = playgroundConfigYaml(config, [`Signed in as ${person.displayName}: ${describeRoles(person.roles)}.`]);
  return { config, yaml };
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(3000) });
    return true; // any HTTP answer means something is listening
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    for (const p of DEMO_USERS) console.log(`${p.displayName.padEnd(16)} ${p.email.padEnd(32)} ${describeRoles(p.roles)}`);
    console.log(`\nRole shortcuts for --as: ${Object.keys(ROLE_SHORTCUTS).join(', ')}`);
    return;
  }
  const env = readEnvironment(join(root, 'env'), 'playground');
  const botEndpoint = env.BOT_ENDPOINT || 'http://localhost:3978/api/messages';
  const port = env.PLAYGROUND_PORT || '56150';
  const { config, yaml } = demoPlaygroundConfig(option(args, '--as'));

  const health = new URL('/healthz', botEndpoint).toString();
  if (!(await reachable(health))) {
    console.error(`The bot is not reachable at ${botEndpoint}.\nStart the app with npm start (in another terminal), then run npm run playground again.`);
    process.exit(1);
  }

  const dir = join(root, '.playground');
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'm365agentsplayground.yml');
  writeFileSync(configPath, yaml);

  console.log(`Agents Playground: http://localhost:${port}  (bot: ${botEndpoint})`);
  console.log(`Signed in as ${config.currentUser.name} in ${DEMO_TENANT.name}; team "${config.team.name}".`);
  console.log('To act as someone else: Ctrl+C, then npm run playground -- --as <admin|strategy|epmo|pmo-it|pmo-hr|pmo-fin|pmo-ops|team|name>.');

  const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'agentsplayground.cmd' : 'agentsplayground');
  const child = spawn(bin, ['-c', 'msteams', '-p', port, '--disable-telemetry'], {
    cwd: dir,
    stdio: 'inherit',
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none', // else it exits trying to open a browser
      BOT_ENDPOINT: botEndpoint,
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log'),
    },
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
