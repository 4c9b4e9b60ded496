/**
 * The embedded Azurite of a local run, in a process of its own (azurite-child.ts), so a developer
 * still starts everything with `npm start`, and a crash of the app (`kill -9`, an out-of-memory
 * kill) loses nothing Azurite acknowledged: Azurite keeps running, detached in its own process
 * group, and the next start finds it through the record it keeps in the data folder and reuses it.
 * A normal stop of the app stops it. What a crash of Azurite itself can lose: README "Storage".
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { extname, join, resolve } from 'node:path';
import type { ChildReport } from './azurite-child';
import { AZURITE_HOST, type AzuriteRecord, azuriteEndpoints, isAlive, readRecord } from './azurite-record';
import type { EmbeddedAzurite, EmbeddedAzuriteOptions } from './embedded-azurite';

export interface AzuriteProcess extends EmbeddedAzurite {
  /** True when a live Azurite left by an earlier run (one that crashed) was reused. */
  readonly reused: boolean;
}

/** How long a start waits for Azurite to be ready, and a stop for it to save and end. */
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;
const PORT_CHECK_TIMEOUT_MS = 1_000;
const LOG_FILE = 'azurite-process.log';

/** Starts (or reuses) the embedded Azurite process for `opts.location`. */
export async function startAzuriteProcess(opts: EmbeddedAzuriteOptions): Promise<AzuriteProcess> {
  const location = resolve(opts.location);
  await mkdir(location, { recursive: true });
  const found = readRecord(location);
  if (found && found.location === location && isAlive(found.pid) && (await answers(found.tablePort)) && (await answers(found.queuePort))) {
    if (wants(opts.tablePort, found.tablePort) && wants(opts.queuePort, found.queuePort)) {
      opts.logger?.info(`Embedded Azurite: reusing the one still running (pid ${found.pid}) on ${location}`);
      return handle(found, true, opts);
    }
    // Still running on other ports than configured now: end it, two must never share the data files.
    await stopPid(found.pid);
  }
  return handle(await spawnChild(location, opts), false, opts);
}

/** A configured port of 0 takes whatever port the running one has. */
const wants = (configured: number, actual: number): boolean => configured === 0 || configured === actual;

function handle(record: AzuriteRecord, reused: boolean, opts: EmbeddedAzuriteOptions): AzuriteProcess {
  const endpoints = azuriteEndpoints(record.tablePort, record.queuePort);
  opts.logger?.info(`Embedded Azurite (pid ${record.pid}): tables at ${endpoints.tableEndpoint}, queues at ${endpoints.queueEndpoint}, data in ${record.location}`);
  let stopping: Promise<void> | undefined;
  return {
    ...endpoints,
    reused,
    stop() {
      stopping ??= stopPid(record.pid).then(() => opts.logger?.info('Embedded Azurite stopped'));
      return stopping;
    },
  };
}

async function spawnChild(location: string, opts: EmbeddedAzuriteOptions): Promise<AzuriteRecord> {
  const script = join(__dirname, `azurite-child${extname(__filename)}`);
  // Run from TypeScript (npm run dev, tests), the child needs the same loader.
  const loader = extname(__filename) === '.ts' ? ['--import', 'tsx'] : [];
  const log = openSync(join(location, LOG_FILE), 'a');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, [...loader, script, location, String(opts.tablePort), String(opts.queuePort)], {
      detached: true,
      stdio: ['ignore', log, log, 'ipc'],
    });
  } finally {
    closeSync(log);
  }
  try {
    return await new Promise<AzuriteRecord>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`The embedded Azurite did not start within ${START_TIMEOUT_MS / 1000} s; see ${join(location, LOG_FILE)}.`)), START_TIMEOUT_MS);
      child.once('message', (message: ChildReport) => {
        clearTimeout(timer);
        if ('ready' in message) done(message.ready);
        else fail(new Error(message.error));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`The embedded Azurite exited (code ${code}) before it was ready; see ${join(location, LOG_FILE)}.`));
      });
    });
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGKILL');
    throw err;
  } finally {
    child.removeAllListeners();
    // Neither the child nor its channel keeps the app alive: the child outlives the app by design.
    child.unref();
    child.channel?.unref();
  }
}

/** True when something accepts connections on the loopback port. */
function answers(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: AZURITE_HOST, port, timeout: PORT_CHECK_TIMEOUT_MS });
    const end = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => end(true));
    socket.once('error', () => end(false));
    socket.once('timeout', () => end(false));
  });
}

/** Asks the process to save and end; kills it when it has not ended in time. */
async function stopPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}
