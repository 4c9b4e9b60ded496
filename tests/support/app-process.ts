/**
 * The built local server (dist/bot/demo/main.js, as `npm start` runs it) as a real child process,
 * for tests of what a process does: start, stop on a signal, crash, start again.
 * Needs `npm run build` first (`npm test` builds before running jest).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const MAIN = join(__dirname, '../../dist/bot/demo/main.js');

export function requireBuiltMain(): void {
  if (!existsSync(MAIN)) throw new Error('dist/bot/demo/main.js is missing: run `npm run build` first (npm test does).');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface StartedApp {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>;
}

/** Starts the app and resolves once it says where it runs. */
export async function startMain(env: Record<string, string>): Promise<StartedApp> {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    };
    child.stdout?.on('data', () => {
      const m = /PMO Relay is running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(m[1]);
      }
    });
    child.once('exit', onExit);
  });
  return { child, url, output: () => out, exited };
}

/**
 * Waits for the process to end, or fails after `withinMs` (then kills it, so no test leaves a
 * process behind). The bound is far above what a working stop takes: it tells "stops" from "hangs".
 */
export async function exitOf(app: StartedApp, withinMs: number): Promise<number | string> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      app.child.kill('SIGKILL');
      reject(new Error(`the app did not exit within ${withinMs} ms:\n${app.output()}`));
    }, withinMs);
  });
  try {
    return await Promise.race([app.exited, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Sends SIGTERM and waits for the exit code. */
export async function stopMain(app: StartedApp, withinMs = 30_000): Promise<number | string> {
  app.child.kill('SIGTERM');
  return exitOf(app, withinMs);
}

/** Resolves once the app's output matches `pattern`. */
export async function outputMatches(app: StartedApp, pattern: RegExp, withinMs = 10_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!pattern.test(app.output())) {
    if (Date.now() > deadline) throw new Error(`output never matched ${pattern}:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The embedded Azurite process recorded in a data folder, if any (bot/platform/storage/azurite-process.ts). */
export function recordedAzurite(dataDir: string): { pid: number; tablePort: number; queuePort: number } | undefined {
  const file = join(dataDir, 'azurite-process.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as { pid: number; tablePort: number; queuePort: number };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Ends an embedded Azurite a test's app left running (after a crash test), so none outlives the run. */
export function killRecordedAzurite(dataDir: string): void {
  const record = recordedAzurite(dataDir);
  if (record && isAlive(record.pid)) process.kill(record.pid, 'SIGKILL');
}
