/**
 * Which service URLs an activity may name. The bot records the service URL with the
 * conversation and calls it back (replies, proactive cards, rosters), so a forged one would
 * make it call anywhere and let anyone speak for Teams.
 *
 * With bot authentication on, botbuilder checks that the token's `serviceurl` claim names the
 * activity's service URL (tests/bot/forged-activities.test.ts); with it off, nothing vouches for
 * the activity, so only this machine and the service URLs configured for local tools are served.
 */
import { isLoopback } from '../../kernel/loopback';

export interface ServiceUrlPolicy {
  /** Bot authentication is on: the token vouches for the service URL. */
  readonly authenticated: boolean;
  /** With authentication off, service URLs besides loopback that are served (ALLOWED_SERVICE_URLS). */
  readonly allowed: readonly string[];
}

export interface ServiceUrlRefusal {
  readonly status: 400 | 403;
  readonly message: string;
}

const parse = (value: string): URL | undefined => {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
};

/** An allowed entry covers URLs on its origin under its path. */
function covers(entry: string, url: URL): boolean {
  const allowed = parse(entry);
  if (!allowed || allowed.origin !== url.origin) return false;
  const path = allowed.pathname.endsWith('/') ? allowed.pathname : `${allowed.pathname}/`;
  return `${url.pathname}/`.startsWith(path);
}

/** Why an activity's service URL is refused, or undefined when it is served. An absent one is left to the activity checks. */
export function serviceUrlRefusal(serviceUrl: unknown, policy: ServiceUrlPolicy): ServiceUrlRefusal | undefined {
  if (serviceUrl === undefined) return undefined;
  const url = typeof serviceUrl === 'string' ? parse(serviceUrl) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    return { status: 400, message: 'The activity is malformed: serviceUrl must be an http or https URL.' };
  }
  if (policy.authenticated || isLoopback(url.hostname) || policy.allowed.some((entry) => covers(entry, url))) return undefined;
  return {
    status: 403,
    message: 'Bot authentication is off, so PMO Relay serves only service URLs on this machine or listed in ALLOWED_SERVICE_URLS; set MicrosoftAppId to serve Teams.',
  };
}
