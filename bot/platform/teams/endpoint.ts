/**
 * The Bot Framework endpoint (`POST /api/messages`). All botbuilder imports live in this
 * folder, so moving to the Teams SDK or the Microsoft 365 Agents SDK later touches only it.
 */
import {
  type Activity,
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type InvokeResponse,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorFactory } from 'botframework-connector';
import type { Config } from '../../config';
import type { Chat } from '../../chat';
import type { Logger } from '../../kernel/logger';
import { activityProblem } from './activity';
import { type ChannelTokenAuthority, botAuthOptions } from './bot-auth';
import { withRequestTimeout } from './connector-clients';
import { serviceUrlRefusal } from './service-url';
import { PmoRelayBot, TAB_URL_KEY, cardInvokeResponse, turnErrorCard } from './relay-bot';
import { storageUnavailableIn } from '../../kernel/storage-unavailable';

/** What the endpoint needs: credentials, the chat that answers each turn, and where the tab is. */
export interface TeamsEndpointDeps {
  readonly bot: Config['bot'];
  /** Answers every turn; composition builds it from the features. */
  readonly chat: Chat;
  /** Logs bot turns; composition hands the same one to the chat. */
  readonly logger: Logger;
  /** Public host of the tab; without it the tab's URL is taken from the request. */
  readonly tabDomain?: string;
  /** How long one call to the activity's connector (a reply) may take. */
  readonly replyTimeoutMs: number;
  /** Who signs channel tokens, when not the Bot Framework itself (tests' stand-in). */
  readonly channelTokenAuthority?: ChannelTokenAuthority;
}

/** The parts of the HTTP request to `/api/messages` the endpoint reads. */
export interface BotHttpRequest {
  /** The activity, already parsed as JSON. */
  readonly body: unknown;
  readonly headers: { readonly authorization?: string | undefined; readonly host?: string | undefined };
  /** `http` or `https`, as the client used it (behind a proxy, as forwarded). */
  readonly protocol: string;
}

/** How the endpoint answers: a status with a JSON body, or with none. */
export interface BotHttpResponse {
  status(code: number): { json(body: unknown): unknown; end(): unknown };
}

export interface BotEndpoint {
  /** Handles one POST to `/api/messages`; the web server hands over its own request and response. */
  handle(req: BotHttpRequest, res: BotHttpResponse): Promise<void>;
}

/**
 * `CloudAdapter.process` writes failures to `console.error` and answers with the raw error
 * text; going one level down lets the endpoint log through our logger and answer in our
 * error format, while botbuilder still does authentication and the turn.
 */
class RelayCloudAdapter extends CloudAdapter {
  run(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * botbuilder's authentication, whose connector clients (the turn's replies) time out: with none,
 * a connector that never answers holds the request, and a stop of the app, forever.
 */
class TimedBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    return result.connectorFactory ? { ...result, connectorFactory: timedFactory(result.connectorFactory, this.timeoutMs) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return timedFactory(super.createConnectorFactory(claimsIdentity), this.timeoutMs);
  }
}

function timedFactory(factory: ConnectorFactory, timeoutMs: number): ConnectorFactory {
  return { create: async (serviceUrl, audience) => withRequestTimeout(await factory.create(serviceUrl, audience), timeoutMs) };
}

/** As botbuilder's own `process` does: timestamps arrive as strings, the SDK works with dates. */
function toActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[`raw${field[0]?.toUpperCase()}${field.slice(1)}`] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

const isAuthError = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 401;

/** The Bot Framework endpoint over a chat: authentication, the turn, errors in our format. */
export function createTeamsEndpoint(deps: TeamsEndpointDeps): BotEndpoint {
  const { logger } = deps;
  const adapter = new RelayCloudAdapter(new TimedBotFrameworkAuthentication(botAuthOptions(deps.bot, deps.channelTokenAuthority), deps.replyTimeoutMs));
  const bot = new PmoRelayBot(deps.chat, logger);
  const serviceUrls = { authenticated: Boolean(deps.bot.appId), allowed: deps.bot.allowedServiceUrls ?? [] };

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const unavailable = storageUnavailableIn(error);
    const where = { err: error, type: context.activity.type, conversationId: context.activity.conversation?.id };
    if (unavailable) logger.warn(where, 'storage unavailable during a bot turn');
    else logger.error(where, 'unhandled error in a bot turn');
    const card = turnErrorCard(error);
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: cardInvokeResponse(card) });
      } else if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity({ type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
      }
    } catch (sendError) {
      logger.error({ err: sendError }, 'could not tell the user about the error');
    }
  };

  return {
    async handle(req, res) {
      const problem = activityProblem(req.body);
      if (problem) {
        logger.info({ problem }, 'rejected a malformed activity');
        res.status(400).json({ error: { code: 'HTTP.BAD_REQUEST', message: problem } });
        return;
      }
      // Before botbuilder: it would call the service URL back even to say the turn failed.
      const refusal = serviceUrlRefusal((req.body as { serviceUrl?: unknown }).serviceUrl, serviceUrls);
      if (refusal) {
        logger.warn({ serviceUrl: String((req.body as { serviceUrl?: unknown }).serviceUrl).slice(0, 200) }, 'refused an activity naming a service URL it may not use');
        res.status(refusal.status).json({ error: { code: refusal.status === 400 ? 'HTTP.BAD_REQUEST' : 'AUTH.FORBIDDEN', message: refusal.message } });
        return;
      }
      const tabUrl = deps.tabDomain ? `https://${deps.tabDomain}/` : `${req.protocol}://${req.headers.host ?? 'localhost'}/`;
      const header = req.headers.authorization ?? '';
      let response: InvokeResponse | undefined;
      try {
        response = await adapter.run(header, toActivity(req.body as Record<string, unknown>), async (context) => {
          context.turnState.set(TAB_URL_KEY, tabUrl);
          await bot.run(context);
        });
      } catch (error) {
        if (!isAuthError(error)) throw error;
        logger.warn({ err: error }, 'refused a bot call without a valid Bot Framework token');
        res.status(401).json({ error: { code: 'AUTH.UNAUTHENTICATED', message: 'A valid Bot Framework token is required.' } });
        return;
      }
      if (response?.body === undefined) {
        res.status(response?.status ?? 200).end();
      } else {
        res.status(response.status).json(response.body);
      }
    },
  };
}
