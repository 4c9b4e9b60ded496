/** Storage port of the setup check: who signed in to the tab. */

/** A person who signed in to the tab (any authenticated API call), per tenant. */
export interface TabVisit {
  readonly tenantId: string;
  /** Entra object id. */
  readonly userId: string;
  readonly name: string;
  /** When an instance of PMO Relay last recorded the visit (ISO): at most once per instance and person. */
  readonly seenAt: string;
}

export interface TabVisitStore {
  /** Adds or refreshes the person's visit (a blind write: no read). */
  record(visit: TabVisit): Promise<void>;
  /** Everyone of the tenant who signed in to the tab (one partition read). */
  list(tenantId: string): Promise<TabVisit[]>;
}
