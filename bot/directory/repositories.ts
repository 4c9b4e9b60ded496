/**
 * The tenant's shared records every feature above the directory reads: tenants, the portfolio,
 * people, conversations and links. One Tables implementation (./tables.ts) and one in memory
 * (./memory-repositories.ts) satisfy it; each feature below declares only the part it uses.
 */
import type { ConversationStore, LinkRepository, RosterStore, TeamsUserStore } from '../conversations';
import type { TenantRepository } from '../kernel/tenant';
import type { UserDirectory } from '../people';
import type { PortfolioRepositories } from '../portfolio';

export interface Repositories extends PortfolioRepositories {
  readonly tenants: TenantRepository;
  readonly users: UserDirectory;
  readonly conversations: ConversationStore;
  readonly links: LinkRepository;
  /** Teams user ids (MRIs) next to Entra object ids. */
  readonly teamsUsers: TeamsUserStore;
  /** Rosters of linked teams and group chats. */
  readonly rosters: RosterStore;
  /** Confirms storage answers; used by `/healthz`. */
  ping(): Promise<void>;
}
