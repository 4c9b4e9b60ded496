/**
 * Turns an authenticated identity (tenant + Entra object id, from a validated token or a
 * bot activity) into a Principal with the roles stored for that person. Roles never come
 * from the request itself.
 */
import type { Principal } from '../../kernel/roles';
import type { UserDirectory } from '../ports';

/** Who a validated token or activity says is calling. */
export interface Identity {
  readonly tenantId: string;
  readonly userId: string;
  /** Name from the token or activity; used when the directory has none. */
  readonly displayName?: string;
}

/** People unknown to the directory are principals with no roles: they can do nothing gated. */
export async function resolvePrincipal(users: UserDirectory, identity: Identity): Promise<Principal> {
  const user = await users.get(identity.tenantId, identity.userId);
  return {
    tenantId: identity.tenantId,
    userId: identity.userId,
    displayName: user?.displayName ?? identity.displayName ?? 'Unknown user',
    roles: user?.roles ?? [],
  };
}
