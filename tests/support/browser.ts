/**
 * Headless Chromium for end-to-end tests and bench:tab, driven by playwright-core. Playwright's
 * own browser download does not work on our machines, so the browser comes from, in order:
 * - `CHROMIUM_PATH`, when set (any Chromium you choose, e.g. Debian's `/usr/bin/chromium`);
 * - a system Chromium (`/usr/bin/chromium`, from `apt-get install -y chromium`), unless
 *   `CHROMIUM_BUNDLED=1` asks for the npm one;
 * - the Chromium shipped inside the npm package `@sparticuz/chromium`, so `npm ci && npm test`
 *   needs no apt step on a fresh machine. It unpacks to the temp folder once (~2 s; later runs
 *   reuse it) — jest's global setup does that before any test file runs.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium } from 'playwright-core';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Our flags for every Chromium; Playwright adds a fresh, empty user-data dir per launch. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Of @sparticuz/chromium's own `chromium.args` (made for AWS Lambda) we keep only font hinting off,
 * so text is measured the same everywhere. `--single-process` and `--no-zygote` are left out: a
 * Lambda needs them, our tests open several contexts and pages per browser, and one renderer
 * crash would take every page down.
 */
const BUNDLED_ARGS = ['--font-render-hinting=none'];

export interface ChromiumChoice {
  readonly executablePath: string;
  readonly source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
}

let choice: Promise<ChromiumChoice> | undefined;

/** Which Chromium the tests launch (unpacking the npm one the first time it is needed). */
export function findChromium(): Promise<ChromiumChoice> {
  choice ??= choose();
  return choice;
}

async function choose(): Promise<ChromiumChoice> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured)) {
      throw new Error(`CHROMIUM_PATH is ${configured}, which does not exist: point it at a Chromium, or unset it to use the one from @sparticuz/chromium.`);
    }
    return { executablePath: configured, source: 'CHROMIUM_PATH', args: ARGS };
  }
  const system = process.env.CHROMIUM_BUNDLED === '1' ? undefined : SYSTEM_CHROMIUM.find((path) => existsSync(path));
  if (system) return { executablePath: system, source: 'system', args: ARGS };
  const { executablePath, libraries } = await unpackBundledChromium();
  const libraryPath = [libraries, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  return {
    executablePath,
    source: '@sparticuz/chromium',
    args: [...ARGS, ...BUNDLED_ARGS],
    // Its own fonts (fonts.tar.br, unpacked beside it, with a fonts.conf naming that folder): text
    // renders on a machine with no fonts installed, and the same on every machine. Its own NSS
    // libraries, so it needs no system package.
    env: { ...process.env, FONTCONFIG_PATH: join(tmpdir(), 'fonts'), LD_LIBRARY_PATH: libraryPath },
  };
}

/**
 * Unpacks the npm Chromium (the binary, its fonts, and the NSS libraries it links against, which a
 * machine without a system Chromium may lack) and returns the binary's path and the folder of
 * those libraries. The package is ESM-only and jest runs our code as CommonJS, so a child Node
 * does it; each part is unpacked once and reused by later runs.
 */
async function unpackBundledChromium(): Promise<{ executablePath: string; libraries: string }> {
  const entry = require.resolve('@sparticuz/chromium');
  const script = [
    `const { default: chromium, inflate } = await import(${JSON.stringify(pathToFileURL(entry).href)});`,
    `const bin = ${JSON.stringify(join(dirname(entry), '..', 'bin', 'al2023.tar.br'))};`,
    'const [executablePath, libraries] = await Promise.all([chromium.executablePath(), inflate(bin)]);',
    'process.stdout.write(JSON.stringify({ executablePath, libraries: libraries + "/lib" }));',
  ].join('\n');
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  return JSON.parse(stdout) as { executablePath: string; libraries: string };
}

export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args, env } = await findChromium();
  return chromium.launch({ executablePath, args: [...args], ...(env ? { env } : {}) });
}

/**
 * Retries an assertion until it passes or `timeoutMs` runs out, then throws its last
 * failure: the jest counterpart of Playwright's web-first assertions.
 */
export async function until(assertion: () => Promise<void> | void, timeoutMs = 10_000, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
