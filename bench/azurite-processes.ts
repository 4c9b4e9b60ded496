/**
 * Azurite's table and queue services as two child processes, for benchmarks: storage then runs
 * out of the app's process, as Azure Storage does in production, and the app reaches it
 * through AZURE_STORAGE_CONNECTION_STRING like any deployed instance. In-memory (no LokiJS
 * autosave to disk), loopback only, telemetry off, free ports.
 *
 * Why: the app's default local mode embeds Azurite in its own process (one command to start
 * everything). Azurite's LokiJS table store is CPU-heavy (filters scan every row of a table),
 * so embedded, a large fan-out measures Azurite competing with the app for one core — not
 * the app. `npm start` keeps the embedded mode; only the benchmark runs storage apart.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const HOST = '127.0.0.1';
const ACCOUNT = 'devstoreaccount1';
/** Azurite's well-known development key; public by design, it only works against the emulator. */
const ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteProcesses {
  readonly connectionString: string;
  readonly pids: { readonly table: number; readonly queue: number };
  /** CPU seconds (user + system) each process has used so far (Linux /proc). */
  cpuSeconds(): Promise<{ table: number; queue: number }>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function cpuOf(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line (12 and 13 after the name).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function start(service: 'table' | 'queue', port: number, location: string, nodeArgs: readonly string[]): Promise<ChildProcess> {
  const main = join(process.cwd(), 'node_modules', 'azurite', 'dist', 'src', service, 'main.js');
  const child = spawn(
    process.execPath,
    [...nodeArgs, main, `--${service}Host`, HOST, `--${service}Port`, String(port), '--inMemoryPersistence', '--disableTelemetry', '--silent', '--loose', '--skipApiVersionCheck'],
    // In memory, so no --location (Azurite refuses both); its cwd takes anything it writes.
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: location },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/successfully (started|listens)/.test(output)) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`Azurite ${service} exited with ${code} before starting: ${output}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT'); // Azurite closes its server; the process then ends (and writes --cpu-prof).
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** `nodeArgs` go to each child's node (e.g. `--cpu-prof --cpu-prof-dir=…`). */
export async function startAzuriteProcesses(location: string, nodeArgs: readonly string[] = []): Promise<AzuriteProcesses> {
  const [tablePort, queuePort] = [await freePort(), await freePort()];
  const table = await start('table', tablePort, location, nodeArgs);
  let queue: ChildProcess;
  try {
    queue = await start('queue', queuePort, location, nodeArgs);
  } catch (err) {
    await stopChild(table);
    throw err;
  }
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
      `TableEndpoint=http://${HOST}:${tablePort}/${ACCOUNT};QueueEndpoint=http://${HOST}:${queuePort}/${ACCOUNT};`,
    pids: { table: table.pid as number, queue: queue.pid as number },
    async cpuSeconds() {
      return { table: await cpuOf(table.pid as number), queue: await cpuOf(queue.pid as number) };
    },
    async stop() {
      await Promise.all([stopChild(table), stopChild(queue)]);
    },
  };
}
