/**
 * botbuilder's Bot Connector clients for proactive calls, one per service URL, with our bot
 * credentials (with no MicrosoftAppId, none is sent — local use only) and without the SDK's own
 * retries: the delivery worker owns retries (see messenger.ts for why).
 */
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AppCredentials, AuthenticationConstants, ClaimsIdentity, type ConnectorClient } from 'botframework-connector';
import type { Config } from '../../config';
import { botAuthOptions } from './bot-auth';

/** The retry policy core-rest-pipeline adds to every client pipeline. */
const SDK_RETRY_POLICY = 'defaultRetryPolicy';

/** The part of a core-rest-pipeline request and policy the timeout needs. */
interface TimedRequest {
  timeout: number;
}
interface Policy {
  readonly name: string;
  sendRequest(request: TimedRequest, next: (request: TimedRequest) => Promise<unknown>): Promise<unknown>;
}

interface PipelineHolder {
  readonly client?: {
    readonly pipeline?: { removePolicy(policy: { name: string }): unknown[]; getOrderedPolicies(): { name: string }[]; addPolicy(policy: Policy): void };
  };
}

const TIMEOUT_POLICY = 'pmoRelayRequestTimeout';

/**
 * Gives every call of the client a timeout unless the call set its own (the messenger's sends do):
 * the SDK's default is none, so a connector that never answers would hold the caller forever.
 */
export function withRequestTimeout(connector: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (connector as unknown as PipelineHolder).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder connector client has no pipeline to add a timeout to (botbuilder upgraded?)');
  if (pipeline.getOrderedPolicies().some((p) => p.name === TIMEOUT_POLICY)) return connector;
  pipeline.addPolicy({
    name: TIMEOUT_POLICY,
    sendRequest(request, next) {
      if (!request.timeout) request.timeout = timeoutMs;
      return next(request);
    },
  });
  return connector;
}

/** Removes the SDK's own retries; fails loudly if a botbuilder upgrade moved the pipeline. */
function withoutSdkRetries(connector: ConnectorClient): ConnectorClient {
  const pipeline = (connector as unknown as PipelineHolder).client?.pipeline;
  if (!pipeline) throw new Error('botbuilder connector client has no pipeline to remove its retry policy from (botbuilder upgraded?)');
  pipeline.removePolicy({ name: SDK_RETRY_POLICY });
  if (pipeline.getOrderedPolicies().some((p) => /retry/i.test(p.name))) throw new Error('botbuilder connector client still has a retry policy');
  return connector;
}

/** A connector client per service URL, made once and shared. */
export function connectorClients(bot: Config['bot']): (serviceUrl: string) => Promise<ConnectorClient> {
  const auth = new ConfigurationBotFrameworkAuthentication(botAuthOptions(bot));
  const appId = bot.appId ?? '';
  // The identity botbuilder itself uses for proactive messages (CloudAdapterBase.createClaimsIdentity).
  const identity = new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId },
    { type: AuthenticationConstants.AppIdClaim, value: appId },
  ]);
  const factory = auth.createConnectorFactory(identity);
  const clients = new Map<string, Promise<ConnectorClient>>();
  return (serviceUrl) => {
    let client = clients.get(serviceUrl);
    if (!client) {
      client = factory.create(serviceUrl).then(withoutSdkRetries);
      client.catch(() => clients.delete(serviceUrl));
      clients.set(serviceUrl, client);
    }
    return client;
  };
}

/** The token fetch under way per set of credentials: a fan-out's first sends share one. */
const fetching = new WeakMap<AppCredentials, Promise<unknown>>();

/**
 * Makes sure the client's access token is at hand, fetching it (MSAL, through botbuilder's
 * credentials) when botbuilder holds none that is still valid. botbuilder signs each request
 * with `credentials.getToken()`, which answers from its own cache (a token is taken as expired
 * five minutes early), so a send right after this does not wait for a token. Without an app id
 * (authentication off, local use only) no token is sent and there is nothing to fetch.
 * Gives up after `timeoutMs`: nothing else bounds a token request that is never answered.
 */
export async function tokenAtHand(connector: ConnectorClient, timeoutMs: number): Promise<void> {
  const { credentials } = connector;
  if (!(credentials instanceof AppCredentials) || !credentials.appId || credentials.appId === AuthenticationConstants.AnonymousSkillAppId) return;
  let pending = fetching.get(credentials);
  if (!pending) {
    // botbuilder does not share a fetch between concurrent callers: without this, every send of
    // a fan-out's first burst would ask the identity platform for a token of its own.
    const started: Promise<unknown> = credentials.getToken().finally(() => {
      if (fetching.get(credentials) === started) fetching.delete(credentials);
    });
    fetching.set(credentials, started);
    pending = started;
  }
  const shared = pending;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      // A fetch that hangs is not shared any longer: the next caller asks afresh.
      if (fetching.get(credentials) === shared) fetching.delete(credentials);
      reject(new Error(`no access token after ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    await Promise.race([shared, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
