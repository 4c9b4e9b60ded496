/**
 * Composition of the bot: the chat (commands, card actions, message actions, conversation
 * updates) built from the features, behind the Teams endpoint at `/api/messages`.
 */
import type { ChangeDeps } from '../changes';
import type { CheckInDeps } from '../checkins';
import { createChat } from '../chat';
import type { Config } from '../config';
import type { Repositories } from '../directory';
import type { Logger } from '../kernel/logger';
import type { Clock } from '../kernel/runtime';
import type { ChannelTokenAuthority } from '../platform/teams/bot-auth';
import { type BotEndpoint, createTeamsEndpoint } from '../platform/teams/endpoint';
import type { SignalDeps } from '../signals';

export interface BotEndpointDeps {
  readonly bot: Config['bot'];
  readonly repos: Repositories;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Public host of the tab; without it the tab's URL is taken from the request. */
  readonly tabDomain?: string;
  /** Strategy changes' use-case dependencies (PRODUCT.md §3). */
  readonly changes?: ChangeDeps;
  /** Signals' use-case dependencies (PRODUCT.md §4): `raise`, `my signals`, signal card actions, the Raise with PMO message action. */
  readonly signals?: SignalDeps;
  /** Check-ins' use-case dependencies (PRODUCT.md §5): `check-in`, the check-in card's actions. */
  readonly checkIns?: CheckInDeps;
  /** How long a reply to Teams may take before the turn gives up on it (DELIVERY_SEND_TIMEOUT_MS); 15 s, its default, when absent. */
  readonly replyTimeoutMs?: number;
  /** Who signs channel tokens, when not the Bot Framework itself (tests' stand-in). */
  readonly channelTokenAuthority?: ChannelTokenAuthority;
}

/** The bot's endpoint: a chat over the features' use cases, served by the Teams platform. */
export function createBotEndpoint(deps: BotEndpointDeps): BotEndpoint {
  const logger = deps.logger.child({ component: 'bot' });
  const chat = createChat({ repos: deps.repos, clock: deps.clock, logger, ...(deps.changes ? { changes: deps.changes } : {}), ...(deps.signals ? { signals: deps.signals } : {}), ...(deps.checkIns ? { checkIns: deps.checkIns } : {}) });
  return createTeamsEndpoint({ bot: deps.bot, chat, logger, replyTimeoutMs: deps.replyTimeoutMs ?? 15_000, ...(deps.tabDomain ? { tabDomain: deps.tabDomain } : {}), ...(deps.channelTokenAuthority ? { channelTokenAuthority: deps.channelTokenAuthority } : {}) });
}
