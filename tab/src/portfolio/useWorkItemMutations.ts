/**
 * Creating, editing and importing work items: thin calls on the shell's transport, and the
 * server's answer turned into a failure the forms can show (message plus any row details).
 */
import { useMemo } from 'react';
import { ApiRequestError, type ApiClient, errorMessage } from '../api/client';
import type { ImportResponse } from '../../../bot/api-contract/portfolio';
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

export interface WorkItemEdit {
  readonly stage: string;
  readonly owner: Person;
  readonly startDate: string;
  readonly endDate: string;
  readonly health: Health;
  readonly statusNote: string;
  readonly benefits?: Benefits;
}

export interface MutationFailure {
  readonly title: string;
  readonly message: string;
  readonly details: readonly { readonly at: string; readonly message: string }[];
}

/** What a failed save or import says, with the stale-version case in plain words. */
export function toFailure(error: unknown): MutationFailure {
  if (error instanceof ApiRequestError) {
    if (error.status === 412 || error.status === 409) {
      return { title: 'Someone else changed this item — reload', message: error.message, details: error.details };
    }
    if (error.status === 403) return { title: 'You may not do this', message: error.message, details: error.details };
    if (error.status === 400) return { title: 'Please check the details', message: error.message, details: error.details };
  }
  return { title: 'Could not save', message: errorMessage(error), details: [] };
}

export function useWorkItemMutations(api: ApiClient) {
  return useMemo(
    () => ({
      create: (input: WorkItemCreate) => api.transport.json<WorkItemView>('POST', '/api/work-items', { body: input }),
      update: (item: Pick<WorkItemView, 'id' | 'etag'>, patch: WorkItemEdit) =>
        api.transport.json<WorkItemView>('PATCH', `/api/work-items/${encodeURIComponent(item.id)}`, { body: patch, headers: { 'If-Match': item.etag } }),
      importCsv: (domainId: string, csv: string) =>
        api.transport.text<ImportResponse>('POST', `/api/domains/${encodeURIComponent(domainId)}/work-items/import`, csv, 'text/csv'),
    }),
    [api],
  );
}

export type WorkItemMutations = ReturnType<typeof useWorkItemMutations>;
