/** Storage port of people and their roles. */
import type { User } from '../kernel/roles';

/** People and their roles, per tenant. */
export interface UserDirectory {
  get(tenantId: string, userId: string): Promise<User | undefined>;
  list(tenantId: string): Promise<User[]>;
  upsert(user: User): Promise<void>;
  deleteTenant(tenantId: string): Promise<void>;
}
