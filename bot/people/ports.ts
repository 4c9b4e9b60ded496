/** Storage ports of people: their roles, and their saved views. */
import type { User } from '../kernel/roles';
import type { SavedView } from './domain/saved-view';

/** People and their roles, per tenant. */
export interface UserDirectory {
  get(tenantId: string, userId: string): Promise<User | undefined>;
  list(tenantId: string): Promise<User[]>;
  upsert(user: User): Promise<void>;
  deleteTenant(tenantId: string): Promise<void>;
}

/** Each person's saved portfolio views, per tenant. */
export interface SavedViewStore {
  /** The person's views, in no particular order. */
  list(tenantId: string, userId: string): Promise<SavedView[]>;
  add(view: SavedView): Promise<void>;
  /** False when the person has no view with that id. */
  remove(tenantId: string, userId: string, id: string): Promise<boolean>;
}
