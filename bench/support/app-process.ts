/**
 * The app under a benchmark in a node process of its own (so its memory and CPU are its own, not
 * the load generator's), started from a bench script under tsx with `--expose-gc` and an IPC
 * channel; the script tells the parent where it serves and what it holds on one JSON line of
 * stdout starting `{"url"`. Also: a process's memory and CPU from /proc, and development tokens.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface AppProcess<T> {
  readonly child: ChildProcess;
  readonly url: string;
  /** The rest of the script's first line. */
  readonly info: T;
  /** Stops it with SIGTERM and waits until it has exited. */
  stop(): Promise<void>;
}

export async function startAppProcess<T>(script: string, env: Record<string, string>): Promise<AppProcess<T>> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  // The app's own log lines share stdout; ours is the one naming the url.
  const first = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve(line);
      else process.stderr.write(`app: ${line}\n`);
    });
    child.once('exit', (code) => reject(new Error(`the app exited with ${code} before it served`)));
  });
  const { url, ...info } = JSON.parse(first) as { url: string } & T;
  return {
    child,
    url,
    info: info as T,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resident memory (MB) and CPU seconds used so far of a process (Linux /proc). */
export async function usage(pid: number): Promise<{ rssMb: number; cpuSeconds: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { rssMb: rssKb / 1024, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / 100 };
}

/** A development-mode bearer token for a user (the app runs with APP_ENV=test). */
export async function token(url: string, tenantId: string, userId: string): Promise<string> {
  const res = await fetch(`${url}/api/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ tenantId, userId }) });
  if (!res.ok) throw new Error(`no token for ${userId}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
