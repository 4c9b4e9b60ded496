/**
 * Creating, editing and importing work items: thin calls on the shell's transport, and the
 * server's answer turned into a failure the forms can show (message plus any row details).
 * A save refused because someone else changed the item first comes back as a `SaveConflict`
 * carrying the item as it is now, so the form can show what changed and keep the user's edit.
 */
import { useMemo } from 'react';
import { ApiRequestError, type ApiClient, errorMessage } from '../api/client';
import type { ImportResponse, ItemPanelResponse, StatusReport } from '../../../bot/api-contract/portfolio';
import type { Benefits, DeliveryMode, Health, ObjectiveAlignment, Person, Structure } from '../../../bot/portfolio/domain/portfolio';
import type { WorkItemView } from './types';

export interface WorkItemCreate {
  readonly domainId: string;
  readonly title: string;
  readonly structure: Structure;
  readonly mode: DeliveryMode;
  readonly stage: string;
  readonly owner: Person;
  readonly startDate: string;
  readonly endDate: string;
  readonly objectives: readonly ObjectiveAlignment[];
}

/** A PATCH body: only the fields the user changed. */
export interface WorkItemEdit {
  readonly stage?: string;
  readonly owner?: Person;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly objectives?: readonly ObjectiveAlignment[];
  readonly health?: Partial<Health>;
  readonly statusNote?: string;
  readonly benefits?: Benefits;
}

export interface MutationFailure {
  readonly title: string;
  readonly message: string;
  readonly details: readonly { readonly at: string; readonly message: string }[];
}

/** Someone saved the item after the user loaded it: the item as it is now, and its latest status report. */
export class SaveConflict extends Error {
  override readonly name = 'SaveConflict';
  constructor(
    readonly current: WorkItemView,
    /** The newest status report, when the server keeps history: who reported and when. */
    readonly latestReport: StatusReport | undefined,
  ) {
    super('Someone else changed this item since you opened it.');
  }
}

const isStale = (error: unknown): boolean => error instanceof ApiRequestError && (error.status === 412 || error.status === 409);

/** What a failed save or import says. */
export function toFailure(error: unknown): MutationFailure {
  if (error instanceof ApiRequestError) {
    if (error.status === 403) return { title: 'You may not do this', message: error.message, details: error.details };
    if (error.status === 400) return { title: 'Please check the details', message: error.message, details: error.details };
  }
  return { title: 'Could not save', message: errorMessage(error), details: [] };
}

export function useWorkItemMutations(api: ApiClient) {
  return useMemo(() => {
    const path = (id: string) => `/api/work-items/${encodeURIComponent(id)}`;
    /** The item now, with its latest report from the panel when the server offers one (else the item alone). */
    const current = async (id: string): Promise<SaveConflict> => {
      try {
        const panel = await api.transport.json<ItemPanelResponse>('GET', `${path(id)}/panel`);
        return new SaveConflict(panel.item, panel.history.at(-1));
      } catch {
        return new SaveConflict(await api.transport.json<WorkItemView>('GET', path(id)), undefined);
      }
    };
    return {
      create: (input: WorkItemCreate) => api.transport.json<WorkItemView>('POST', '/api/work-items', { body: input }),
      /** Saves with `If-Match`; throws `SaveConflict` when the item changed in between. */
      update: async (item: Pick<WorkItemView, 'id' | 'etag'>, patch: WorkItemEdit): Promise<WorkItemView> => {
        try {
          return await api.transport.json<WorkItemView>('PATCH', path(item.id), { body: patch, headers: { 'If-Match': item.etag } });
        } catch (error) {
          if (isStale(error)) throw await current(item.id);
          throw error;
        }
      },
      importCsv: (domainId: string, csv: string) =>
        api.transport.text<ImportResponse>('POST', `/api/domains/${encodeURIComponent(domainId)}/work-items/import`, csv, 'text/csv'),
    };
  }, [api]);
}

export type WorkItemMutations = ReturnType<typeof useWorkItemMutations>;
