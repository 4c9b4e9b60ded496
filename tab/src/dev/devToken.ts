/**
 * Development tokens: the server issues them for seeded demo users when it runs in
 * development mode. One provider per chosen user; it fetches lazily and renews shortly
 * before expiry.
 */
import type { DevUser } from '../../../bot/api-contract/people';
import { type TokenProvider, devApi } from '../api/client';

const RENEW_BEFORE_MS = 60_000;

export function devTokenProvider(user: Pick<DevUser, 'tenantId' | 'userId'>, now: () => number = Date.now): TokenProvider {
  let current: Promise<{ token: string; expiresAt: number }> | undefined;
  return async () => {
    const cached = current ? await current.catch(() => undefined) : undefined;
    if (cached && cached.expiresAt - RENEW_BEFORE_MS > now()) return cached.token;
    current = devApi.token({ tenantId: user.tenantId, userId: user.userId }).then((r) => ({ token: r.token, expiresAt: Date.parse(r.expiresAt) }));
    return (await current).token;
  };
}
