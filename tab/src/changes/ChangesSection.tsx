/** The strategy-changes pages: the list, one change's cascade, and the EPMO composer. */
import { useCallback, useMemo } from 'react';
import type { RoleAssignment } from '../../../bot/kernel/roles';
import type { ApiClient } from '../api/client';
import { useLoad } from '../shared/useLoad';
import { ErrorState } from '../shared/ErrorState';
import { Loading } from '../shared/Loading';
import type { Route } from '../shared/route';
import { changesApi } from './api';
import { ChangeDetailPage } from './ChangeDetailPage';
import { ChangesPage } from './ChangesPage';
import { ComposePage } from './ComposePage';

export type ChangesRoute = Extract<Route, { readonly page: 'changes' | 'change' | 'compose' }>;

export interface ChangesSectionProps {
  readonly api: ApiClient;
  readonly route: ChangesRoute;
}

/** EPMO members (strategy owners are EPMO members) draft; they and PMO leads see cascades. The server checks again. */
export const isEpmoRole = (roles: readonly RoleAssignment[]): boolean => roles.some((r) => r.role === 'epmo_member' || r.role === 'strategy_owner');
export const seesCascade = (roles: readonly RoleAssignment[]): boolean => isEpmoRole(roles) || roles.some((r) => r.role === 'pmo_lead');

export function ChangesSection({ api, route }: ChangesSectionProps) {
  const changes = useMemo(() => changesApi(api.transport), [api]);
  const loadMe = useCallback((signal: AbortSignal) => api.me(signal), [api]);
  const me = useLoad(loadMe);

  if (route.page === 'changes') return <ChangesPage changes={changes} />;
  if (me.status === 'loading') return <Loading label="Loading…" />;
  if (me.status === 'error') return <ErrorState title="Could not load your profile" message={me.message} onRetry={me.retry} />;
  const { displayName, roles } = me.data;
  if (route.page === 'change') return <ChangeDetailPage changes={changes} changeId={route.changeId} viewer={{ displayName, seesCascade: seesCascade(roles) }} />;
  return <ComposePage api={api} changes={changes} changeId={route.changeId} viewer={{ displayName, canDraft: isEpmoRole(roles) }} />;
}
