/** A Microsoft Entra tenant. Every record belongs to exactly one; nothing crosses tenants. */
export interface Tenant {
  readonly tenantId: string;
  readonly displayName: string;
  readonly createdAt: string;
}

/** Entra ids are GUIDs; tenant ids in tests and demos follow the same shape. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isEntraId = (value: string): boolean => GUID.test(value);

/**
 * Entra ids are case-insensitive GUIDs; every id that comes in (API paths, SSO token claims, Teams
 * activities, rosters) is stored and compared in lower case, so `ABC…` and `abc…` are one person.
 */
export const normaliseEntraId = (value: string): string => value.trim().toLowerCase();

/** The tenants PMO Relay has met. */
export interface TenantRepository {
  get(tenantId: string): Promise<Tenant | undefined>;
  upsert(tenant: Tenant): Promise<void>;
  list(): Promise<Tenant[]>;
  delete(tenantId: string): Promise<void>;
}
