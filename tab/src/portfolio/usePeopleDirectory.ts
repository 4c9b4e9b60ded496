/**
 * The tenant's people by name (`GET /api/directory`), to choose a work item's owner from. Loaded
 * only while a form needs it; until it arrives (or if it cannot), the owner is typed as a name.
 */
import { useCallback } from 'react';
import type { ApiClient } from '../api/client';
import type { DirectoryResponse } from '../../../bot/api-contract/people';
import { useLoad } from '../shared/useLoad';

const NOBODY: DirectoryResponse = [];

export function usePeopleDirectory(api: ApiClient, needed: boolean): DirectoryResponse {
  const load = useCallback((signal: AbortSignal) => api.transport.json<DirectoryResponse>('GET', '/api/directory', { signal }), [api]);
  const people = useLoad(needed ? load : undefined);
  return people.status === 'ready' ? people.data : NOBODY;
}
