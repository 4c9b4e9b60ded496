/**
 * The one place that reads the environment. It is validated once at start; a wrong value
 * stops the process with a message that names the variable. Names match `env/.env.*`.
 */
import { TEAMS_RATE_LIMITS } from './delivery';
import { isLoopback } from './kernel/loopback';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const csv = z
  .string()
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/**
 * Deployed means APP_ENV dev/prod, or NODE_ENV=production whatever APP_ENV says: a production
 * process must never fall back to local conveniences (dev sign-in, demo seed, Azurite).
 */
const isDeployed = (env: { APP_ENV?: string; NODE_ENV?: string | undefined }): boolean =>
  env.APP_ENV === 'dev' || env.APP_ENV === 'prod' || env.NODE_ENV === 'production';

/**
 * The storage emulator's development account (Azurite's): its key is published, so anyone can
 * sign requests for it. `UseDevelopmentStorage=true` means that account.
 */
const EMULATOR_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const usesEmulatorAccount = (connectionString: string): boolean =>
  connectionString.includes(EMULATOR_ACCOUNT_KEY) || /UseDevelopmentStorage=true/i.test(connectionString);

const schema = z
  .object({
    /** `local` (a developer's machine), `test` (automated tests), `dev`/`prod` (deployed). */
    APP_ENV: z.enum(['local', 'test', 'dev', 'prod']).default('local'),
    NODE_ENV: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Address to listen on; loopback by default for a developer's machine. */
    HOST: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** On SIGTERM/SIGINT: how long requests in flight may run before their connections are closed. */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),

    /** When unset, the app starts an embedded Azurite and uses it. */
    AZURE_STORAGE_CONNECTION_STRING: z.string().min(1).optional(),
    AZURITE_LOCATION: z.string().min(1).default('.localdata/azurite'),
    AZURITE_TABLE_PORT: z.coerce.number().int().min(0).max(65535).default(10002),
    AZURITE_QUEUE_PORT: z.coerce.number().int().min(0).max(65535).default(10001),
    /** Prefix of every table name, so several deployments or test runs can share an account. */
    TABLE_PREFIX: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,20}$/, 'letters and digits, starting with a letter, at most 21').default('pmo'),

    /** Bot Framework credentials; with no app id, bot authentication is off (local only). */
    MicrosoftAppId: z.string().min(1).optional(),
    MicrosoftAppPassword: z.string().min(1).optional(),
    MicrosoftAppTenantId: z.string().min(1).optional(),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    /**
     * With bot authentication off, the only service URLs besides loopback that activities may name
     * (the Agents Playground on another host, a dev tunnel): the bot calls them back, so anything
     * else would let a forged activity make it call any address.
     */
    ALLOWED_SERVICE_URLS: csv.pipe(z.array(z.string().url().regex(/^https?:\/\//i, 'http(s) URLs'))).optional(),

    /** One storage call (with its retry) is given up after this long: the caller gets a 503, not a wait. */
    STORAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    /** Consecutive failed storage calls after which calls fail at once for a cool-down (the circuit opens). */
    STORAGE_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
    /** How long calls fail at once before one call probes storage again. */
    STORAGE_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(600_000).default(5000),

    /** `sso`: validate Teams SSO tokens. `dev`: the server issues tokens for seeded demo users. */
    AUTH_MODE: z.enum(['sso', 'dev']).optional(),
    /** Entra app (client) id of the tab's SSO registration. */
    AAD_APP_CLIENT_ID: z.string().min(1).optional(),
    /** Accepted token audiences; defaults to the client id and `api://<TAB_DOMAIN>/<client id>`. */
    SSO_AUDIENCES: csv.optional(),
    /** Where Entra publishes its signing keys. */
    SSO_JWKS_URI: z.string().url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
    /** Issuer template; `{tenantid}` is replaced by the token's tenant. */
    SSO_ISSUER_TEMPLATE: z.string().default('https://login.microsoftonline.com/{tenantid}/v2.0'),
    /** Tenants allowed to use this deployment; empty means any tenant that installed the app. */
    SSO_ALLOWED_TENANTS: csv.optional(),
    /** Signs development tokens; generated at start when unset. */
    DEV_AUTH_SECRET: z.string().min(32, 'at least 32 characters').optional(),

    /**
     * Teams activity-feed notifications through Microsoft Graph, app-only, as the Entra app in the
     * manifest's `webApplicationInfo` (AAD_APP_CLIENT_ID): Graph accepts them only from that app.
     * Without its secret, notifications stay in the local log (GET /api/me/notifications).
     */
    AAD_APP_CLIENT_SECRET: z.string().min(1).optional(),
    AAD_APP_OAUTH_AUTHORITY_HOST: z.string().url().default('https://login.microsoftonline.com'),
    GRAPH_BASE_URL: z.string().url().default('https://graph.microsoft.com/v1.0'),
    /** The Teams app id (manifest `id`), for deep links from a notification into the app. */
    TEAMS_APP_ID: z.string().min(1).optional(),
    /**
     * Also search the tenant's directory (Graph `GET /users?$search`) when the tenant admin looks
     * people up to assign roles; needs the `User.ReadBasic.All` application permission.
     */
    GRAPH_PEOPLE_SEARCH: bool.optional(),

    /** Public host name of the tab and bot (e.g. `pmo-relay.azurewebsites.net`). */
    TAB_DOMAIN: z.string().min(1).optional(),
    /** Seed the demo tenant on a fresh local start. */
    SEED_DEMO: bool.optional(),
    /** `tenantId:objectId` pairs made tenant admins at start, so a new tenant can assign roles. */
    BOOTSTRAP_ADMINS: csv
      .pipe(z.array(z.string().regex(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/i, 'each entry is <tenant id>:<user object id>')))
      .optional(),
    /** Where the built tab lives. */
    TAB_DIST: z.string().min(1).default('dist/tab'),

    /** Signals (PRODUCT.md §4): working days for triage, for analysis (from triage to escalation), and the default for a decision. */
    SIGNAL_TRIAGE_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(2),
    SIGNAL_ANALYSIS_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(10),
    SIGNAL_DECISION_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
    /** Non-working days for signal due times, `YYYY-MM-DD`, comma-separated. */
    SIGNAL_HOLIDAYS: z
      .string()
      .regex(/^\s*(\d{4}-\d{2}-\d{2}(\s*,\s*\d{4}-\d{2}-\d{2})*)?\s*$/, 'YYYY-MM-DD dates, comma-separated')
      .default(''),

    /** Strategy changes: hours before respond-by that the one reminder goes out (fractions allowed). */
    CHANGE_REMINDER_LEAD_HOURS: z.coerce.number().min(0).max(24 * 30).default(24),

    /** Delivery (PRODUCT.md §7): Teams' per-app-per-tenant limit, shared by all processes. */
    DELIVERY_TENANT_RATE_PER_SEC: z.coerce.number().positive().default(TEAMS_RATE_LIMITS.perTenantPerSecond),
    /**
     * Share of that limit requests (throttled ones too) are paced at. The limit itself is held
     * where requests arrive, each counted late by as much as its round trip was slow; the
     * headroom leaves room for the slots a late wake-up catches up on (rate-limiter.ts).
     */
    DELIVERY_RATE_HEADROOM: z.coerce.number().gt(0).max(1).default(0.995),
    /** Per-conversation windows as `count/ms` pairs, comma-separated. */
    DELIVERY_CONVERSATION_LIMITS: z
      .string()
      .regex(/^\s*\d+\/\d+(\s*,\s*\d+\/\d+)*\s*$/, 'count/milliseconds pairs, e.g. 7/1000,8/2000')
      .default(TEAMS_RATE_LIMITS.perConversation.map(([count, ms]) => `${count}/${ms}`).join(',')),
    /** Attempts per delivery before it is marked failed. */
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
    DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().min(0).default(500),
    DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().min(0).default(60_000),
    /** Jobs packed in one queue message (fewer, cheaper queue operations). */
    DELIVERY_JOBS_PER_MESSAGE: z.coerce.number().int().min(1).max(256).default(32),
    /** Sends in flight at once per process. */
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
    /** How long a worker's claim on a job (and the job's queue invisibility) lasts. */
    DELIVERY_CLAIM_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
    /** Timeout of one call to the Bot Connector. */
    DELIVERY_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
    /** Wait before polling an empty queue again. */
    DELIVERY_IDLE_POLL_MS: z.coerce.number().int().min(10).default(1000),
    /** Heartbeat of worker processes (splitting the tenant budget between them). */
    DELIVERY_HEARTBEAT_MS: z.coerce.number().int().min(50).default(5000),
    /** Poll interval of the durable timers. */
    SCHEDULER_POLL_MS: z.coerce.number().int().min(10).default(5000),
    /** How often queued deliveries whose queue job was lost are looked for (bot/delivery/app/queued-sweeper.ts). */
    DELIVERY_SWEEP_MS: z.coerce.number().int().min(10).default(60_000),
    /** How long a batch with queued deliveries stays untouched before they count as stuck and are enqueued again. */
    DELIVERY_STALE_QUEUED_MS: z.coerce.number().int().min(10).default(300_000),
    /**
     * How long a card update waits before it is sent, so a burst of changes to one card sends one
     * update with the latest state (bot/delivery/app/delivery-service.ts). The queue counts whole seconds.
     */
    DELIVERY_UPDATE_COALESCE_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  })
  .superRefine((env, ctx) => {
    const deployed = isDeployed(env);
    if (deployed && env.AUTH_MODE === 'dev') {
      ctx.addIssue({ code: 'custom', path: ['AUTH_MODE'], message: 'development tokens are refused outside local use (APP_ENV=local or test)' });
    }
    if (deployed && !env.AZURE_STORAGE_CONNECTION_STRING) {
      ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: 'required when deployed; the embedded Azurite is for local use' });
    }
    if (deployed && !env.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'required when deployed; bot authentication must be on' });
    }
    if ((env.AUTH_MODE ?? (deployed ? 'sso' : 'dev')) === 'sso' && !env.AAD_APP_CLIENT_ID && !env.SSO_AUDIENCES) {
      ctx.addIssue({ code: 'custom', path: ['AAD_APP_CLIENT_ID'], message: 'required for SSO (or set SSO_AUDIENCES)' });
    }
    if (env.AAD_APP_CLIENT_SECRET && !env.AAD_APP_CLIENT_ID) {
      ctx.addIssue({ code: 'custom', path: ['AAD_APP_CLIENT_ID'], message: 'required with AAD_APP_CLIENT_SECRET (activity-feed notifications)' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'required with MicrosoftAppId' });
    }
    if (!env.MicrosoftAppId && !isLoopback(env.HOST ?? (deployed ? '0.0.0.0' : '127.0.0.1'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOST'],
        message: 'bot authentication is off (no MicrosoftAppId), so the app listens only on loopback (127.0.0.1, ::1, localhost); set MicrosoftAppId and MicrosoftAppPassword to listen on another address',
      });
    }
    if (env.APP_ENV === 'prod') {
      if (env.SEED_DEMO === true) ctx.addIssue({ code: 'custom', path: ['SEED_DEMO'], message: 'demo data is refused in production (APP_ENV=prod)' });
      if (env.AZURE_STORAGE_CONNECTION_STRING && usesEmulatorAccount(env.AZURE_STORAGE_CONNECTION_STRING)) {
        ctx.addIssue({ code: 'custom', path: ['AZURE_STORAGE_CONNECTION_STRING'], message: "the storage emulator's public development account is refused in production (APP_ENV=prod); use the storage account's own connection string" });
      }
      if (!/^https:\/\//i.test(env.SSO_JWKS_URI)) ctx.addIssue({ code: 'custom', path: ['SSO_JWKS_URI'], message: 'must be https in production (APP_ENV=prod): the keys that sign sign-in tokens must not be readable or changeable on the way' });
    }
  });

export interface Config {
  readonly env: 'local' | 'test' | 'dev' | 'prod';
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a stop lets requests in flight finish before closing their connections (SHUTDOWN_DRAIN_MS). */
  readonly shutdownDrainMs: number;
  readonly storage:
    | { readonly kind: 'connectionString'; readonly connectionString: string; readonly tablePrefix: string }
    | {
        readonly kind: 'embeddedAzurite';
        readonly location: string;
        readonly tablePort: number;
        readonly queuePort: number;
        readonly tablePrefix: string;
      };
  readonly bot: {
    readonly appId?: string;
    readonly appPassword?: string;
    readonly appTenantId?: string;
    readonly appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    /**
     * With authentication off (no app id): service URLs other than loopback that activities may
     * name (ALLOWED_SERVICE_URLS). With authentication on, the token's `serviceurl` claim decides.
     */
    readonly allowedServiceUrls?: readonly string[];
  };
  /** Short timeouts and a circuit breaker on storage calls (bot/platform/storage/storage-guard.ts). */
  readonly storageGuard: StorageGuardConfig;
  readonly auth:
    | { readonly mode: 'dev'; readonly secret?: string }
    | {
        readonly mode: 'sso';
        readonly audiences: readonly string[];
        readonly jwksUri: string;
        readonly issuerTemplate: string;
        readonly allowedTenants: readonly string[];
      };
  readonly tabDomain?: string;
  /** Activity-feed notifications through Graph; absent: they stay in the local log, nothing leaves the machine. */
  readonly graph?: GraphConfig;
  readonly seedDemo: boolean;
  readonly bootstrapAdmins: readonly { readonly tenantId: string; readonly userId: string }[];
  readonly tabDist: string;
  readonly delivery: DeliveryConfig;
  /** Strategy changes (PRODUCT.md §3). */
  readonly changes: { readonly reminderLeadHours: number };
  /** Signals (PRODUCT.md §4): due times in working days. */
  readonly signals: { readonly triageDays: number; readonly analysisDays: number; readonly decisionDays: number; readonly holidays: readonly string[] };
}

/** Microsoft Graph, app-only, for activity-feed notifications (bot/platform/graph). */
export interface GraphConfig {
  readonly baseUrl: string;
  readonly authorityHost: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly teamsAppId?: string;
  /** Search the tenant's directory when looking people up by name (GRAPH_PEOPLE_SEARCH). */
  readonly peopleSearch: boolean;
}

/** How storage calls fail when storage does not answer. */
export interface StorageGuardConfig {
  /** A call (with its retry) is given up after this long. */
  readonly timeoutMs: number;
  /** Consecutive failed calls that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit fails calls at once before a probe. */
  readonly coolDownMs: number;
}

/** Durable, rate-aware delivery and timers (bot/composition/delivery.ts). */
export interface DeliveryConfig {
  /** Teams' per-tenant limit, messages per second. */
  readonly tenantLimitPerSecond: number;
  /** Share of that limit requests, throttled ones too, are paced at (the limit itself is held where they arrive). */
  readonly rateHeadroom: number;
  /** [count, window ms] pairs. */
  readonly perConversation: readonly (readonly [number, number])[];
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly concurrency: number;
  readonly jobsPerMessage: number;
  readonly claimSeconds: number;
  readonly sendTimeoutMs: number;
  readonly idlePollMs: number;
  readonly heartbeatMs: number;
  readonly schedulerPollMs: number;
  readonly sweepMs: number;
  readonly staleQueuedMs: number;
  /** How long a card update waits on the queue so a burst of changes sends one. */
  readonly updateCoalesceMs: number;
}

/** Thrown when the environment is invalid; the message names each wrong variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Reads and validates the environment. Pure: pass `process.env` (only `main.ts` does). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as in .env files with `NAME=`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
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
