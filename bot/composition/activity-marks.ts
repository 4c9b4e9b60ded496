/**
 * The signals', changes' and check-ins' stores, each write followed by marking the domains whose activity
 * it can change (their activity projection is then out of date: portfolio-activity.ts). The
 * record is written first and the mark after, so a reader that sees the new generation also
 * sees the record. Changes are rare and reach many domains: their publishing, withdrawal and
 * supersession mark every domain of the tenant. Reads pass through untouched.
 */
import type { ChangeRecipientRecord, ChangeStores } from '../changes';
import type { CheckInStore } from '../checkins';
import type { Logger } from '../kernel/logger';
import type { PortfolioRepositories } from '../portfolio';
import type { SignalDeps } from '../signals';

type SignalStores = SignalDeps['stores'];

export interface ActivityMarks {
  domains(tenantId: string, domainIds: readonly string[]): Promise<void>;
  /** Every domain of the tenant (from the cached catalogue). */
  tenant(tenantId: string): Promise<void>;
}

/**
 * Marks on the portfolio's activity rows. A mark that fails does not fail the write already
 * made: it is logged, and the projection's maximum age (ACTIVITY_MAX_AGE_MS) bounds how long
 * the domain's counts lag.
 */
export function activityMarks(portfolio: Pick<PortfolioRepositories, 'domains' | 'activity'>, logger: Logger): ActivityMarks {
  const domains = async (tenantId: string, domainIds: readonly string[]): Promise<void> => {
    if (domainIds.length === 0) return;
    try {
      await portfolio.activity.markChanged(tenantId, domainIds);
    } catch (err) {
      logger.warn({ err, tenantId, domainIds }, 'could not mark the portfolio activity out of date; it catches up within minutes');
    }
  };
  return {
    domains,
    async tenant(tenantId) {
      const all = await portfolio.domains.list(tenantId).catch((err: unknown) => {
        logger.warn({ err, tenantId }, 'could not list the domains to mark their portfolio activity out of date');
        return [];
      });
      await domains(tenantId, all.map((d) => d.value.id));
    },
  };
}

const domainsOf = (records: readonly Pick<ChangeRecipientRecord, 'tenantId' | 'domainId'>[]): Map<string, string[]> => {
  const byTenant = new Map<string, string[]>();
  for (const r of records) if (r.domainId) byTenant.set(r.tenantId, [...(byTenant.get(r.tenantId) ?? []), r.domainId]);
  return byTenant;
};

/**
 * Signal writes mark the signal's domain. A transition keeps the signal's domain (it is set
 * when raised and no transition moves it), so the domain written is the only one affected.
 */
export function markingSignalStores(stores: SignalStores, marks: ActivityMarks): SignalStores {
  const s = stores.signals;
  return {
    ...stores,
    signals: {
      get: (tenantId, id) => s.get(tenantId, id),
      list: (tenantId) => s.list(tenantId),
      find: (tenantId, where) => s.find(tenantId, where),
      timeline: (tenantId, id) => s.timeline(tenantId, id),
      deleteTenant: (tenantId) => s.deleteTenant(tenantId),
      async createNumbered(tenantId, make) {
        const made = await s.createNumbered(tenantId, make);
        if (made.created) await marks.domains(tenantId, [made.value.domainId]);
        return made;
      },
      async commit(change, etag) {
        const saved = await s.commit(change, etag);
        if (saved.ok) await marks.domains(saved.value.value.tenantId, [saved.value.value.domainId]);
        return saved;
      },
      async importMany(tenantId, changes, lastNumber) {
        await s.importMany(tenantId, changes, lastNumber);
        await marks.domains(tenantId, [...new Set(changes.map((c) => c.signal.domainId))]);
      },
    },
  };
}

/** Check-in writes mark their domain: a round opens requests (and supersedes older ones), an answer closes one. */
export function markingCheckInStore(store: CheckInStore, marks: ActivityMarks): CheckInStore {
  // Delegated one by one: the store is a class instance, whose methods a spread would not copy.
  return {
    getRound: (tenantId, domainId, roundId) => store.getRound(tenantId, domainId, roundId),
    updateRound: (round, etag) => store.updateRound(round, etag),
    listRounds: (tenantId, domainId, since) => store.listRounds(tenantId, domainId, since),
    getRequest: (tenantId, domainId, roundId, workItemId) => store.getRequest(tenantId, domainId, roundId, workItemId),
    listRequests: (tenantId, domainId, roundId) => store.listRequests(tenantId, domainId, roundId),
    listOpen: (tenantId, domainId) => store.listOpen(tenantId, domainId),
    deleteTenant: (tenantId, domainIds) => store.deleteTenant(tenantId, domainIds),
    async createRound(round) {
      await store.createRound(round);
      await marks.domains(round.tenantId, [round.domainId]);
    },
    async updateRequest(request, etag) {
      const saved = await store.updateRequest(request, etag);
      if (saved.ok) await marks.domains(request.tenantId, [request.domainId]);
      return saved;
    },
  };
}

/**
 * Change writes that can move a domain's activity mark it: a version leaving or entering the
 * active state (the tenant's domains), recipients written (their domains), a response (the
 * domain of the conversation that answered).
 */
export function markingChangeStores(stores: ChangeStores, marks: ActivityMarks): ChangeStores {
  const { changes: c, recipients: r, responses: a } = stores;
  /** A draft counts nowhere: its writes change no domain's activity. */
  const markIfLive = async (tenantId: string, state: string): Promise<void> => (state === 'draft' ? undefined : marks.tenant(tenantId));
  const markResponder = async (response: { readonly tenantId: string; readonly changeId: string; readonly version: number; readonly conversationId: string }): Promise<void> => {
    const records = await r.listByVersion(response.tenantId, response.changeId, response.version).catch(() => undefined);
    // The recipients unread: every domain, rather than none.
    if (!records) return marks.tenant(response.tenantId);
    const domainId = records.find((x) => x.value.conversationId === response.conversationId)?.value.domainId;
    if (domainId) await marks.domains(response.tenantId, [domainId]);
  };
  return {
    changes: {
      get: (tenantId, id, version) => c.get(tenantId, id, version),
      versions: (tenantId, id) => c.versions(tenantId, id),
      list: (tenantId) => c.list(tenantId),
      listActive: (tenantId) => c.listActive(tenantId),
      history: (tenantId, id) => c.history(tenantId, id),
      deleteTenant: (tenantId) => c.deleteTenant(tenantId),
      async create(drafted) {
        const made = await c.create(drafted);
        if (made.ok) await markIfLive(made.value.value.tenantId, made.value.value.state);
        return made;
      },
      async update(moved, etag) {
        const saved = await c.update(moved, etag);
        if (saved.ok) await markIfLive(saved.value.value.tenantId, saved.value.value.state);
        return saved;
      },
      async supersede(made, etag) {
        const saved = await c.supersede(made, etag);
        if (saved.ok) await marks.tenant(saved.value.next.value.tenantId);
        return saved;
      },
      async createMany(versions, history) {
        await c.createMany(versions, history);
        for (const tenantId of new Set(versions.filter((v) => v.state !== 'draft').map((v) => v.tenantId))) await marks.tenant(tenantId);
      },
    },
    recipients: {
      listByVersion: (tenantId, changeId, version, domainId) => r.listByVersion(tenantId, changeId, version, domainId),
      deleteTenant: (tenantId) => r.deleteTenant(tenantId),
      async putMany(records) {
        await r.putMany(records);
        await Promise.all([...domainsOf(records)].map(([tenantId, domainIds]) => marks.domains(tenantId, [...new Set(domainIds)])));
      },
      async update(record, etag) {
        const saved = await r.update(record, etag);
        if (saved.ok) await marks.domains(record.tenantId, domainsOf([record]).get(record.tenantId) ?? []);
        return saved;
      },
    },
    responses: {
      get: (tenantId, changeId, version, conversationId, userId) => a.get(tenantId, changeId, version, conversationId, userId),
      listByVersion: (tenantId, changeId, version) => a.listByVersion(tenantId, changeId, version),
      deleteTenant: (tenantId) => a.deleteTenant(tenantId),
      async create(response) {
        const made = await a.create(response);
        if (made.ok) await markResponder(response);
        return made;
      },
      async update(response, etag) {
        const saved = await a.update(response, etag);
        if (saved.ok) await markResponder(response);
        return saved;
      },
      async createMany(responses) {
        await a.createMany(responses);
        for (const tenantId of new Set(responses.map((x) => x.tenantId))) await marks.tenant(tenantId);
      },
    },
  };
}
