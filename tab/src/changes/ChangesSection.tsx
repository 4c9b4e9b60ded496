/** The strategy-changes pages: the list, one change's cascade, and the EPMO composer. */
import { Title2 } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import type { Route } from '../shared/route';

export type ChangesRoute = Extract<Route, { readonly page: 'changes' | 'change' | 'compose' }>;

export interface ChangesSectionProps {
  readonly api: ApiClient;
  readonly route: ChangesRoute;
}

export function ChangesSection({ route }: ChangesSectionProps) {
  return (
    <Title2 as="h1">
      {route.page === 'compose' ? 'New strategy change' : 'Strategy changes'}
    </Title2>
  );
}
