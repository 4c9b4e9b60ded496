/** The strategy-changes pages: the list, one change's cascade, and the EPMO composer. */
import { useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { Loaded } from '../shared/Loaded';
import type { Route } from '../shared/route';
import { isEpmoMember, ledDomains, useMe } from '../shared/useMe';
import { changesApi } from './api';
import { ChangeDetailPage } from './ChangeDetailPage';
import { ChangesPage } from './ChangesPage';
import { ComposePage } from './ComposePage';

type ChangesRoute = Extract<Route, { readonly page: 'changes' | 'change' | 'compose' }>;

export interface ChangesSectionProps {
  readonly api: ApiClient;
  readonly route: ChangesRoute;
}

/** EPMO members (strategy owners are EPMO members) draft; they and PMO leads see cascades. The server checks again. */
export function ChangesSection({ api, route }: ChangesSectionProps) {
  const changes = useMemo(() => changesApi(api.transport), [api]);
  const me = useMe(api);

  if (route.page === 'changes') return <ChangesPage changes={changes} />;
  return (
    <Loaded state={me} loading="Loading…" failed="Could not load your profile" onRetry={me.retry}>
      {({ data }) => {
        const epmo = isEpmoMember(data);
        if (route.page === 'change') return <ChangeDetailPage changes={changes} changeId={route.changeId} viewer={{ displayName: data.displayName, seesCascade: epmo || ledDomains(data).length > 0 }} />;
        return <ComposePage api={api} changes={changes} changeId={route.changeId} viewer={{ displayName: data.displayName, canDraft: epmo }} />;
      }}
    </Loaded>
  );
}
