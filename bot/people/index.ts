/**
 * People and roles (PRODUCT.md §1): who someone is and what they may do. This file is the feature's
 * one door: what other features, platform adapters and composition may use.
 */

export { type Identity, resolvePrincipal } from './app/identity';
export { bootstrapAdmins, listEveryone } from './app/people';
export type { DirectoryEntry, TenantDirectory, UserDirectory } from './ports';
export { TableUserDirectory } from './tables/user-directory';
export { createSavedViewStore } from './tables/saved-view-store';
export { createRoleChangeLog } from './tables/role-change-log';
