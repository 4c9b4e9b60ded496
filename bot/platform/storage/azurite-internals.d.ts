/**
 * Types for the parts of Azurite we start in process. Azurite ships no declarations and its
 * package entry point (`require('azurite')`) pulls in `vscode`, so we load its servers from
 * `dist/src` directly and describe only what `embedded-azurite.ts` uses. Checked against
 * azurite 3.35; the constructors take positional arguments, hence the long signatures.
 */

declare module 'azurite/dist/src/table/TableConfiguration' {
  export default class TableConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      enableDebugLog?: boolean,
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
    );
  }
}

declare module 'azurite/dist/src/queue/QueueConfiguration' {
  export interface PersistenceLocation {
    locationId: string;
    locationPath: string;
    maxConcurrency: number;
  }
  export default class QueueConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      extentDBPath?: string,
      persistencePathArray?: PersistenceLocation[],
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      enableDebugLog?: boolean,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
    );
  }
}

declare module 'azurite/dist/src/common/ServerBase' {
  import type { Server } from 'node:http';
  export default abstract class ServerBase {
    readonly httpServer: Server;
    getHttpServerAddress(): string;
    getStatus(): 'Closed' | 'Starting' | 'Running' | 'Closing';
    start(): Promise<void>;
    close(): Promise<void>;
    /**
     * Closes the data stores. Protected in Azurite's source; `close()` calls it, and we call it
     * ourselves after a failed `start()`, which leaves the stores open.
     */
    afterClose(): Promise<void>;
  }
}

declare module 'azurite/dist/src/table/TableServer' {
  import ServerBase from 'azurite/dist/src/common/ServerBase';
  import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
  export default class TableServer extends ServerBase {
    constructor(configuration?: TableConfiguration);
  }
}

declare module 'azurite/dist/src/queue/QueueServer' {
  import ServerBase from 'azurite/dist/src/common/ServerBase';
  import QueueConfiguration from 'azurite/dist/src/queue/QueueConfiguration';
  export default class QueueServer extends ServerBase {
    constructor(configuration?: QueueConfiguration);
  }
}

declare module 'azurite/dist/src/common/Telemetry' {
  export class AzuriteTelemetryClient {
    static init(location: string, enableTelemetry: boolean, env?: unknown): void;
  }
}
