/**
 * The architecture rules of .dependency-cruiser.cjs (run by `npm run lint`) catch what they are
 * there for. Probe files that each break one rule are written into the real tree for the length of
 * one check, so paths resolve exactly as they do for the code (a rule whose pattern silently
 * stopped matching would let violations in unnoticed); every probe must be refused by its rule,
 * by name, and the tree without probes must pass.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const TAG = `zz-probe-${randomUUID().slice(0, 8)}`;

interface Violation {
  readonly from: string;
  readonly to: string;
  readonly rule: { readonly name: string };
}

/** Probe files (path → text), named so the report can be read per probe. */
const probes: Record<string, string> = {
  [`bot/changes/domain/${TAG}-domain.ts`]: "import { linkKey } from '../../conversations';\nexport const probe = linkKey;\n",
  [`bot/signals/app/${TAG}-internals.ts`]: "import { portfolioKpis } from '../../portfolio/domain/portfolio';\nexport const probe = portfolioKpis;\n",
  [`bot/changes/${TAG}-express.ts`]: "import express from 'express';\nexport const probe = express;\n",
  [`bot/signals/${TAG}-botbuilder.ts`]: "import { TurnContext } from 'botbuilder';\nexport const probe = TurnContext;\n",
  [`bot/delivery/tables/${TAG}-azure.ts`]: "import { TableClient } from '@azure/data-tables';\nexport const probe = TableClient;\n",
  [`bot/platform/storage/${TAG}-graph.ts`]: "import { ClientSecretCredential } from '@azure/identity';\nexport const probe = ClientSecretCredential;\n",
  [`bot/signals/app/${TAG}-config.ts`]: "import { guardEnv } from '../../config/guards';\nexport const probe = guardEnv;\n",
  [`bot/${TAG}-demo.ts`]: "import { demoExtensions } from './demo/demo-extension';\nexport const probe = demoExtensions;\n",
  [`bot/kernel/${TAG}-kernel.ts`]: "import { linkKey } from '../conversations';\nexport const probe = linkKey;\n",
  [`bot/api-contract/${TAG}-contract.ts`]: "import { respondOnCard } from '../changes/app/respond';\nexport const probe = respondOnCard;\n",
  [`bot/changes/app/${TAG}-platform.ts`]: "import { createBotMessenger } from '../../platform/teams/messenger';\nexport const probe = createBotMessenger;\n",
  [`bot/signals/app/${TAG}-pino.ts`]: "import pino from 'pino';\nexport const probe = pino;\n",
  [`bot/people/app/${TAG}-jose.ts`]: "import { jwtVerify } from 'jose';\nexport const probe = jwtVerify;\n",
  [`tab/src/${TAG}-tab-server.ts`]: "import { respondOnCard } from '../../bot/changes/app/respond';\nexport const probe = respondOnCard;\n",
  [`tab/src/${TAG}-tab-sdk.ts`]: "import express from 'express';\nexport const probe = express;\n",
  [`bot/changes/app/${TAG}-cycle-a.ts`]: `import { b } from './${TAG}-cycle-b';\nexport const a = (): unknown => b;\n`,
  [`bot/changes/app/${TAG}-cycle-b.ts`]: `import { a } from './${TAG}-cycle-a';\nexport const b = (): unknown => a;\n`,
};

async function violations(): Promise<Violation[]> {
  // dependency-cruiser exits non-zero when it finds violations; its JSON report is on stdout either way.
  const { stdout } = await run(process.execPath, [CLI, 'bot', 'tab/src', '--output-type', 'json'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }).catch((e: { stdout: string }) => e);
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const rulesOf = (found: readonly Violation[], probe: string): string[] => [...new Set(found.filter((v) => v.from.includes(`${TAG}-${probe}`)).map((v) => v.rule.name))];

let found: Violation[] = [];

describe('the architecture rules', () => {
  beforeAll(async () => {
    try {
      for (const [path, text] of Object.entries(probes)) await writeFile(join(ROOT, path), text);
      found = await violations();
    } finally {
      await Promise.all(Object.keys(probes).map((path) => rm(join(ROOT, path), { force: true })));
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all(Object.keys(probes).map((path) => rm(join(ROOT, path), { force: true })));
  });

  it("refuse a domain that imports anything but the kernel and its own domain", () => {
    expect(rulesOf(found, 'domain')).toEqual(['domain-imports-only-kernel']);
  });

  it("refuse reaching into another feature's internals instead of its index", () => {
    expect(rulesOf(found, 'internals')).toEqual(['feature-internals']);
  });

  it('refuse each SDK outside its platform folder', () => {
    expect([rulesOf(found, 'express'), rulesOf(found, 'botbuilder'), rulesOf(found, 'azure'), rulesOf(found, 'graph')]).toEqual([['sdk-express'], ['sdk-botbuilder'], ['sdk-storage'], ['sdk-graph']]);
  });

  it('refuse production code that imports the demo, and a kernel that imports a feature', () => {
    expect([rulesOf(found, 'demo'), rulesOf(found, 'kernel')]).toEqual([['no-demo-in-production'], ['kernel-imports-no-feature']]);
  });

  it('refuse reading the configuration anywhere but through its door', () => {
    expect(rulesOf(found, 'config')).toEqual(['config-through-its-door']);
  });

  it('refuse a wire contract that names more than domain and kernel types', () => {
    expect(rulesOf(found, 'contract')).toEqual(['api-contract-is-types-of-the-domain']);
  });

  it('refuse a feature that reaches the Teams or web platform instead of going through composition', () => {
    expect(rulesOf(found, 'platform')).toEqual(['platform-reached-by-adapters']);
  });

  it('refuse the logging and token SDKs outside their platform homes', () => {
    expect([rulesOf(found, 'pino'), rulesOf(found, 'jose')]).toEqual([['sdk-logging'], ['sdk-tokens']]);
  });

  it('refuse tab code that imports server internals or a server SDK', () => {
    expect([rulesOf(found, 'tab-server'), rulesOf(found, 'tab-sdk')]).toEqual([['tab-reads-the-contract'], ['tab-no-server-sdk']]);
  });

  it('refuse an import cycle', () => {
    expect(rulesOf(found, 'cycle-a')).toEqual(['no-circular']);
  });

  it('find nothing else: the code itself keeps every rule', () => {
    expect(found.filter((v) => !v.from.includes(TAG)).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  });
});
