/** The typed settings the app runs on, as `loadConfig` makes them from the environment. */

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
