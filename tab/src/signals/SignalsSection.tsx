/** The signals pages (PRODUCT.md §4, §5 Tab): PMO inbox, one signal, EPMO queue, decision log. */
import { lazy } from 'react';
import type { ApiClient } from '../api/client';
import type { Route } from '../shared/route';

// Each page is its own chunk, loaded on first visit (App.tsx shows a spinner meanwhile).
const InboxPage = lazy(() => import('./InboxPage').then((m) => ({ default: m.InboxPage })));
const SignalPage = lazy(() => import('./SignalPage').then((m) => ({ default: m.SignalPage })));
const EpmoQueuePage = lazy(() => import('../epmo/EpmoQueuePage').then((m) => ({ default: m.EpmoQueuePage })));
const DecisionLogPage = lazy(() => import('../decisions/DecisionLogPage').then((m) => ({ default: m.DecisionLogPage })));

export type SignalsRoute = Extract<Route, { readonly page: 'signals' | 'signal' | 'epmo' | 'decisions' }>;

export const isSignalsRoute = (route: Route): route is SignalsRoute =>
  route.page === 'signals' || route.page === 'signal' || route.page === 'epmo' || route.page === 'decisions';

export function SignalsSection({ api, route }: { readonly api: ApiClient; readonly route: SignalsRoute }) {
  switch (route.page) {
    case 'signals':
      return <InboxPage api={api} />;
    case 'signal':
      // Keyed, so moving to another signal starts its page afresh.
      return <SignalPage key={route.signalId} api={api} signalId={route.signalId} />;
    case 'epmo':
      return <EpmoQueuePage api={api} signalId={route.signalId} />;
    case 'decisions':
      return <DecisionLogPage api={api} />;
  }
}
