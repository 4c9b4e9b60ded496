/**
 * Runs Azurite (the Azure Storage emulator) inside this process: the app runs it in a process of
 * its own (azurite-child.ts, started by azurite-process.ts); the tests' global setup runs it here.
 *
 * Only the table and queue services start: blob is unused. We load the servers from
 * `azurite/dist/src` because the package entry point requires `vscode`.
 */
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

import type ServerBase from 'azurite/dist/src/common/ServerBase';
import { AzuriteTelemetryClient } from 'azurite/dist/src/common/Telemetry';
import QueueConfiguration from 'azurite/dist/src/queue/QueueConfiguration';
import QueueServer from 'azurite/dist/src/queue/QueueServer';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';

import { AZURITE_HOST, azuriteEndpoints } from './azurite-record';

export interface EmbeddedAzuriteOptions {
  /** Folder for Azurite's data; created when missing. Relative paths resolve against the cwd. */
  readonly location: string;
  /** Port of the table service; 0 picks a free one. */
  readonly tablePort: number;
  /** Port of the queue service; 0 picks a free one. */
  readonly queuePort: number;
  readonly logger?: { info(msg: string): void };
}

export interface EmbeddedAzurite {
  /** Connection string with the actual ports, usable by `@azure/data-tables` and `@azure/storage-queue`. */
  readonly connectionString: string;
  /** e.g. `http://127.0.0.1:10002/devstoreaccount1`. */
  readonly tableEndpoint: string;
  readonly queueEndpoint: string;
  /** Stops both services and flushes their data to `location`. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = AZURITE_HOST;
const KEEP_ALIVE_SECONDS = 5;
/** How long `stop()` waits for open connections to end before giving up on them. */
const CLOSE_TIMEOUT_MS = 5000;

// File names match what the Azurite CLI uses, so `azurite --location <dir>` can open the same data.
const TABLE_DB_FILE = '__azurite_db_table__.json';
const QUEUE_DB_FILE = '__azurite_db_queue__.json';
const QUEUE_EXTENT_DB_FILE = '__azurite_db_queue_extent__.json';
const QUEUE_DATA_DIR = '__queuestorage__';

/**
 * Starts Azurite's table and queue services on 127.0.0.1, persisting under `opts.location`.
 * Throws a message naming the port and its variable when a port is taken.
 */
export async function startEmbeddedAzurite(opts: EmbeddedAzuriteOptions): Promise<EmbeddedAzurite> {
  const location = resolve(opts.location);
  await mkdir(location, { recursive: true });
  // Azurite sends usage data unless told not to (and tries a cloud metadata address doing so).
  AzuriteTelemetryClient.init(location, false);

  // `loose` and `skipApiVersionCheck`: current SDKs send headers and API versions newer than
  // this Azurite release knows; a local emulator should serve them rather than refuse.
  const loose = true;
  const skipApiVersionCheck = true;
  // Each server is built just before it starts: building one opens its LokiJS stores, whose
  // autosave timers run until the server is closed, so a server built but never started
  // (because the other one failed) would keep the process alive.
  const table = new TableServer(
    new TableConfiguration(HOST, opts.tablePort, KEEP_ALIVE_SECONDS, join(location, TABLE_DB_FILE), false, false, undefined, undefined, loose, skipApiVersionCheck),
  );
  const tablePort = await listen(table, opts.tablePort, 'table', 'AZURITE_TABLE_PORT');

  let queuePort: number;
  let queue: QueueServer;
  try {
    queue = new QueueServer(
      new QueueConfiguration(
        HOST,
        opts.queuePort,
        KEEP_ALIVE_SECONDS,
        join(location, QUEUE_DB_FILE),
        join(location, QUEUE_EXTENT_DB_FILE),
        [{ locationId: 'Default', locationPath: join(location, QUEUE_DATA_DIR), maxConcurrency: 1 }],
        false,
        undefined,
        false,
        undefined,
        loose,
        skipApiVersionCheck,
      ),
    );
    queuePort = await listen(queue, opts.queuePort, 'queue', 'AZURITE_QUEUE_PORT');
  } catch (err) {
    await closeServer(table);
    throw err;
  }

  const { connectionString, tableEndpoint, queueEndpoint } = azuriteEndpoints(tablePort, queuePort);
  opts.logger?.info(`Embedded Azurite: tables at ${tableEndpoint}, queues at ${queueEndpoint}, data in ${location}`);

  let stopping: Promise<void> | undefined;
  return {
    connectionString,
    tableEndpoint,
    queueEndpoint,
    stop() {
      stopping ??= Promise.all([closeServer(table), closeServer(queue)]).then(() => {
        opts.logger?.info('Embedded Azurite stopped');
      });
      return stopping;
    },
  };
}

/** Starts one service and returns the port it actually listens on (port 0 lets the OS choose). */
async function listen(server: ServerBase, port: number, service: string, variable: string): Promise<number> {
  try {
    await server.start();
  } catch (err) {
    // `start()` opened the data stores before `listen` failed; close them, or their autosave
    // timers keep the process alive and hold the files.
    await server.afterClose().catch(() => undefined);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      const why = code === 'EADDRINUSE' ? 'is already in use' : 'cannot be opened (permission denied)';
      throw new Error(
        `Cannot start the embedded Azurite ${service} service: port ${port} on ${HOST} ${why}. ` +
          `Set ${variable} to a free port (0 picks one), stop whatever holds it, or set AZURE_STORAGE_CONNECTION_STRING to use another storage account.`,
        { cause: err },
      );
    }
    throw err;
  }
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address || typeof address !== 'object') throw new Error(`Azurite ${service} service started but reports no address`);
  return address.port;
}

/** Closes a running service and waits until its socket is released, within a bound. */
async function closeServer(server: ServerBase): Promise<void> {
  if (server.getStatus() !== 'Running') return;
  const released = new Promise<void>((done) => {
    const timer = setTimeout(done, CLOSE_TIMEOUT_MS);
    timer.unref();
    server.httpServer.once('close', () => {
      clearTimeout(timer);
      done();
    });
  });
  await server.close();
  await released;
}
