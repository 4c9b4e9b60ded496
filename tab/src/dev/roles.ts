/** How a demo identity's roles read in the picker. */
import type { DevUser } from '../../../bot/api-contract/people';
import type { RoleAssignment } from '../../../bot/kernel/roles';

/** E.g. `PMO lead · IT` or `Strategy owner, EPMO member`; `No roles` when none. */
export const describeRoles = (user: Pick<DevUser, 'roleNames'>): string => (user.roleNames.length > 0 ? user.roleNames.join(', ') : 'No roles');

export const isPmoLead = (roles: readonly RoleAssignment[]): boolean => roles.some((r) => r.role === 'pmo_lead');
