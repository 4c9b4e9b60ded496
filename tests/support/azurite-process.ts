/**
 * A real Azurite in its own processes (table and queue services, as the CLI runs them), that a
 * test can stop and start again on the same ports and data folder: a storage outage and its end.
 * And a TCP forwarder in front of a port that counts the connections made through it, so a test
 * can tell whether the app called storage at all.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ACCOUNT = 'devstoreaccount1';
/** Azurite's well-known development key (public by design). */
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`Azurite did not listen on port ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface AzuriteProcess {
  readonly tablePort: number;
  readonly queuePort: number;
  /** A connection string naming these services; `tablePort` overrides where tables are reached (a forwarder). */
  connectionString(tablePort?: number): string;
  /** Stops both services as Ctrl+C does (they save their data), and waits for them to exit. */
  stop(): Promise<void>;
  /** Starts them again on the same ports and data. */
  start(): Promise<void>;
}

export async function startAzuriteProcess(): Promise<AzuriteProcess> {
  const location = await mkdtemp(join(tmpdir(), 'pmo-relay-outage-'));
  const [tablePort, queuePort] = [await freePort(), await freePort()];
  let children: ChildProcess[] = [];
  const common = ['--location', location, '--silent', '--disableTelemetry', '--skipApiVersionCheck', '--loose'];
  const start = async () => {
    children = [
      spawn(process.execPath, [require.resolve('azurite/dist/src/table/main.js'), ...common, '--tableHost', '127.0.0.1', '--tablePort', String(tablePort)], { stdio: 'ignore' }),
      spawn(process.execPath, [require.resolve('azurite/dist/src/queue/main.js'), ...common, '--queueHost', '127.0.0.1', '--queuePort', String(queuePort)], { stdio: 'ignore' }),
    ];
    await Promise.all([waitForPort(tablePort), waitForPort(queuePort)]);
  };
  await start();
  return {
    tablePort,
    queuePort,
    connectionString: (port = tablePort) =>
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${KEY};` +
      `TableEndpoint=http://127.0.0.1:${port}/${ACCOUNT};QueueEndpoint=http://127.0.0.1:${queuePort}/${ACCOUNT};`,
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
              child.once('exit', () => {
                clearTimeout(killer);
                resolve();
              });
              child.kill('SIGINT');
            }),
        ),
      );
    },
    start,
  };
}

export interface CountingForwarder {
  readonly port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** Forwards TCP connections to `targetPort`; when nothing answers there, the caller's connection is dropped. */
export async function startCountingForwarder(targetPort: number): Promise<CountingForwarder> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    connections += 1;
    sockets.add(client);
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.once('error', drop).once('close', drop);
    upstream.once('error', drop).once('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
