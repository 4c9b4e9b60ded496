/**
 * The tenant's shared records (tenants, portfolio, people, conversations, links) as one set of
 * stores, with its Tables implementation. This file is its one door.
 */
export type { Repositories } from './repositories';
export { createTableRepositories } from './tables';
