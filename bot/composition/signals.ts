/**
 * Composition of the signals feature (PRODUCT.md §4) for start-app.ts: its table, its use-case
 * dependencies (which the bot's signal turns take too), and its card renderers and timers on the
 * delivery registry.
 */
import type { Config } from '../config';
import { randomIds } from '../kernel/ids';
import { type SignalDeps, type StrategyChangeDrafter, createTableSignalStores, signalJobHandlers, signalRenderers } from '../signals';
import type { DeliveryRegistry, DeliveryService, Scheduler } from '../delivery';
import type { Logger } from '../kernel/logger';
import type { Repositories } from '../directory';
import type { Clock } from '../kernel/runtime';
import type { Notifier } from '../notifications';
import { type ActivityMarks, markingSignalStores } from './activity-marks';
import { type PersonalChatOpener, personalChatWith } from '../conversations';

const personalChatVia = (o: Pick<SignalsFeatureOptions, 'repos' | 'clock'>, opener: PersonalChatOpener) => (tenantId: string, userId: string) =>
  personalChatWith({ repos: o.repos, clock: o.clock, opener }, tenantId, userId);

export interface SignalsFeature {
  readonly deps: SignalDeps;
}

export interface SignalsFeatureOptions {
  readonly config: Config;
  readonly connectionString: string;
  readonly repos: Repositories;
  readonly delivery: DeliveryService;
  readonly scheduler: Scheduler;
  readonly registry: DeliveryRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly tabBaseUrl: () => string;
  /** Marks the portfolio's activity out of date after each write that changes it. */
  readonly marks: ActivityMarks;
  readonly drafter?: StrategyChangeDrafter;
  readonly notifier?: Notifier;
  /** Opens 1:1 chats with people (the Teams platform's). */
  readonly personalChats?: PersonalChatOpener;
}

export async function createSignalsFeature(o: SignalsFeatureOptions): Promise<SignalsFeature> {
  const stores = markingSignalStores(await createTableSignalStores({ connectionString: o.connectionString, tablePrefix: o.config.storage.tablePrefix }), o.marks);
  const s = o.config.signals;
  const deps: SignalDeps = {
    repos: o.repos,
    stores,
    delivery: o.delivery,
    scheduler: o.scheduler,
    clock: o.clock,
    ids: randomIds,
    policy: { triageDays: s.triageDays, analysisDays: s.analysisDays, decisionDays: s.decisionDays, holidays: new Set(s.holidays) },
    logger: o.logger.child({ component: 'signals' }),
    tabBaseUrl: o.tabBaseUrl,
    ...(o.drafter ? { drafter: o.drafter } : {}),
    ...(o.notifier ? { notifier: o.notifier } : {}),
    ...(o.personalChats ? { personalChat: personalChatVia(o, o.personalChats) } : {}),
  };
  o.registry.addRenderers(signalRenderers(deps));
  o.registry.addJobHandlers(signalJobHandlers(deps));
  return { deps };
}
