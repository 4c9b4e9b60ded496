/** The typed settings from the parsed environment: defaults that depend on where the app runs, and values split into their parts. */
import { type Env, isDeployed } from './env-schema';
import type { Config } from './types';

/** The settings of a valid environment (the schema and its guards have passed). */
export function toAppConfig(e: Env): Config {
  const deployed = isDeployed(e);
  const authMode = e.AUTH_MODE ?? (deployed ? 'sso' : 'dev');
  const audiences =
    e.SSO_AUDIENCES ??
    [e.AAD_APP_CLIENT_ID, e.TAB_DOMAIN && e.AAD_APP_CLIENT_ID ? `api://${e.TAB_DOMAIN}/${e.AAD_APP_CLIENT_ID}` : undefined].filter(
      (a): a is string => Boolean(a),
    );
  return {
    env: e.APP_ENV,
    port: e.PORT,
    host: e.HOST ?? (deployed ? '0.0.0.0' : '127.0.0.1'),
    logLevel: e.LOG_LEVEL,
    shutdownDrainMs: e.SHUTDOWN_DRAIN_MS,
    storage: e.AZURE_STORAGE_CONNECTION_STRING
      ? { kind: 'connectionString', connectionString: e.AZURE_STORAGE_CONNECTION_STRING, tablePrefix: e.TABLE_PREFIX }
      : {
          kind: 'embeddedAzurite',
          location: e.AZURITE_LOCATION,
          tablePort: e.AZURITE_TABLE_PORT,
          queuePort: e.AZURITE_QUEUE_PORT,
          tablePrefix: e.TABLE_PREFIX,
        },
    bot: {
      ...(e.MicrosoftAppId ? { appId: e.MicrosoftAppId } : {}),
      ...(e.MicrosoftAppPassword ? { appPassword: e.MicrosoftAppPassword } : {}),
      ...(e.MicrosoftAppTenantId ? { appTenantId: e.MicrosoftAppTenantId } : {}),
      appType: e.MicrosoftAppType,
      allowedServiceUrls: e.ALLOWED_SERVICE_URLS ?? [],
    },
    storageGuard: { timeoutMs: e.STORAGE_TIMEOUT_MS, failureThreshold: e.STORAGE_BREAKER_FAILURES, coolDownMs: e.STORAGE_BREAKER_COOLDOWN_MS },
    auth:
      authMode === 'dev'
        ? { mode: 'dev', ...(e.DEV_AUTH_SECRET ? { secret: e.DEV_AUTH_SECRET } : {}) }
        : {
            mode: 'sso',
            audiences,
            jwksUri: e.SSO_JWKS_URI,
            issuerTemplate: e.SSO_ISSUER_TEMPLATE,
            allowedTenants: e.SSO_ALLOWED_TENANTS ?? [],
          },
    ...(e.TAB_DOMAIN ? { tabDomain: e.TAB_DOMAIN } : {}),
    ...(e.AAD_APP_CLIENT_ID && e.AAD_APP_CLIENT_SECRET
      ? {
          graph: {
            baseUrl: e.GRAPH_BASE_URL,
            authorityHost: e.AAD_APP_OAUTH_AUTHORITY_HOST,
            clientId: e.AAD_APP_CLIENT_ID,
            clientSecret: e.AAD_APP_CLIENT_SECRET,
            ...(e.TEAMS_APP_ID ? { teamsAppId: e.TEAMS_APP_ID } : {}),
            peopleSearch: e.GRAPH_PEOPLE_SEARCH ?? false,
          },
        }
      : {}),
    seedDemo: e.SEED_DEMO ?? !deployed,
    bootstrapAdmins: (e.BOOTSTRAP_ADMINS ?? []).map((pair) => {
      const [tenantId = '', userId = ''] = pair.toLowerCase().split(':');
      return { tenantId, userId };
    }),
    tabDist: e.TAB_DIST,
    delivery: {
      tenantLimitPerSecond: e.DELIVERY_TENANT_RATE_PER_SEC,
      rateHeadroom: e.DELIVERY_RATE_HEADROOM,
      perConversation: e.DELIVERY_CONVERSATION_LIMITS.split(',').map((pair) => {
        const [count, ms] = pair.trim().split('/').map(Number);
        return [count as number, ms as number] as const;
      }),
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      backoffBaseMs: e.DELIVERY_BACKOFF_BASE_MS,
      backoffMaxMs: e.DELIVERY_BACKOFF_MAX_MS,
      concurrency: e.DELIVERY_CONCURRENCY,
      jobsPerMessage: e.DELIVERY_JOBS_PER_MESSAGE,
      claimSeconds: e.DELIVERY_CLAIM_SECONDS,
      sendTimeoutMs: e.DELIVERY_SEND_TIMEOUT_MS,
      idlePollMs: e.DELIVERY_IDLE_POLL_MS,
      heartbeatMs: e.DELIVERY_HEARTBEAT_MS,
      schedulerPollMs: e.SCHEDULER_POLL_MS,
      sweepMs: e.DELIVERY_SWEEP_MS,
      staleQueuedMs: e.DELIVERY_STALE_QUEUED_MS,
      updateCoalesceMs: e.DELIVERY_UPDATE_COALESCE_MS,
    },
    changes: { reminderLeadHours: e.CHANGE_REMINDER_LEAD_HOURS },
    signals: {
      triageDays: e.SIGNAL_TRIAGE_WORKING_DAYS,
      analysisDays: e.SIGNAL_ANALYSIS_WORKING_DAYS,
      decisionDays: e.SIGNAL_DECISION_WORKING_DAYS,
      holidays: e.SIGNAL_HOLIDAYS.split(',').map((d) => d.trim()).filter(Boolean),
    },
  };
}
