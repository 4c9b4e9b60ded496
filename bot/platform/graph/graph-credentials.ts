/**
 * App-only Microsoft Graph tokens (OAuth 2.0 client credentials) for the app registration named
 * in the manifest's `webApplicationInfo`: Graph accepts activity-feed notifications only from
 * that app. One credential per tenant, since an app-only token is issued by the recipient's
 * tenant; each caches and refreshes its token.
 *
 * `@azure/identity`, not `@microsoft/teamsfx`: teamsfx's `AppCredential` builds its MSAL client
 * without `knownAuthorities` or instance-discovery settings, so for any authority host Entra does
 * not list it first asks `login.microsoftonline.com` (a hard-coded address) to validate it. It
 * cannot be pointed at a local token endpoint without traffic leaving the machine, and is
 * deprecated upstream (README, "Dependencies").
 */
import { ClientSecretCredential } from '@azure/identity';

export interface GraphCredentialSettings {
  /** e.g. `https://login.microsoftonline.com`. */
  readonly authorityHost: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Extra trusted certificate authorities (PEM), for a token endpoint with a private certificate. */
  readonly ca?: string;
}

/** Bearer tokens for `scope` (`<graph origin>/.default`), per tenant. */
export interface GraphTokens {
  token(tenantId: string, scope: string): Promise<string>;
}

export function graphTokens(s: GraphCredentialSettings): GraphTokens {
  const byTenant = new Map<string, ClientSecretCredential>();
  const credential = (tenantId: string): ClientSecretCredential => {
    let found = byTenant.get(tenantId);
    if (!found) {
      found = new ClientSecretCredential(tenantId, s.clientId, s.clientSecret, {
        authorityHost: s.authorityHost,
        // The authority is the configured host itself: no lookup at Entra's instance discovery.
        disableInstanceDiscovery: true,
        ...(s.ca ? { tlsOptions: { ca: s.ca } } : {}),
      });
      byTenant.set(tenantId, found);
    }
    return found;
  };
  return {
    async token(tenantId, scope) {
      const got = await credential(tenantId).getToken(scope);
      return got.token;
    },
  };
}
