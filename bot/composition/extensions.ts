/**
 * What a caller of `startApp` may add to the product without the product knowing it: data to
 * write before the app serves, a wrapper around the messenger, and route tables of its own. The
 * local demo (bot/demo) is one; production code never imports it.
 */
import type { Config } from '../config';
import type { DeliveryRepository, Messenger } from '../delivery';
import type { Repositories } from '../directory';
import type { RouteTable } from '../kernel/http-routes';
import type { Logger } from '../kernel/logger';
import type { Clock } from '../kernel/runtime';
import type { ChangesFeature } from './changes';
import type { SignalsFeature } from './signals';

/** What an extension's `seed` may write through: the stores and the features' dependencies. */
export interface ExtensionContext {
  readonly config: Config;
  readonly repos: Repositories;
  readonly changes: ChangesFeature;
  readonly signals: SignalsFeature;
  /** The delivery records, for data seeded as already delivered. */
  readonly deliveries: DeliveryRepository;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface AppExtension {
  /** Runs once storage and every feature are ready, before the app serves or delivers. */
  readonly seed?: (context: ExtensionContext) => Promise<void>;
  /** Wraps the messenger cards go out through; `selfUrl()` is the app's own address once it listens. */
  readonly wrapMessenger?: (messenger: Messenger, selfUrl: () => string) => Messenger;
  /** Route tables served outside `/api`, each under its own path. */
  readonly routes?: (logger: Logger) => readonly { readonly path: string; readonly table: RouteTable }[];
}
