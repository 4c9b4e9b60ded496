/**
 * The portfolio's landing: the roll-up for those who see every domain, otherwise one domain —
 * the one the URL names, or the caller's own — with a clear answer when that domain is unknown.
 */
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy } from 'react';
import type { MeResponse } from '../../../bot/api-contract/people';
import type { ApiClient } from '../api/client';
import { Loaded } from '../shared/Loaded';
import { Loading } from '../shared/Loading';
import { navigate, portfolioHash, rollupHash } from '../shared/route';
import { isEpmoMember, ledDomains, useMe } from '../shared/useMe';
import { DomainPortfolio } from './DomainPortfolio';
import { useDomains } from './useDomains';

const useStyles = makeStyles({
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

// The roll-up loads on first use, keeping the first download small.
const RollupPage = lazy(() => import('./RollupPage').then((m) => ({ default: m.RollupPage })));

export interface PortfolioPageProps {
  readonly api: ApiClient;
  /** A domain the URL names (a channel tab bound to it, a link, a drill-down). */
  readonly domainId?: string;
  /** The view's query string (filters, sort, columns…), see view-state.ts. */
  readonly query?: string;
  /** Every domain side by side (`#/rollup`), whoever asks; the server decides who may see it. */
  readonly rollup?: boolean;
}

function Rollup({ api }: { readonly api: ApiClient }) {
  return (
    <Suspense fallback={<Loading label="Loading the roll-up…" />}>
      <RollupPage api={api} />
    </Suspense>
  );
}

/**
 * The portfolio: the EPMO, asked for no domain in particular, lands on the roll-up of every
 * domain; anyone else (or the EPMO drilling down) sees one domain's portfolio, PMO leads
 * their own domain first.
 */
export function PortfolioPage({ api, domainId, query = '', rollup = false }: PortfolioPageProps) {
  if (rollup) return <Rollup api={api} />;
  return <LandingOrDomain api={api} domainId={domainId} query={query} />;
}

/** Who may see every domain side by side: the EPMO, and tenant admins (the server lets both read the roll-up). */
const seesRollup = (me: Pick<MeResponse, 'roles'>): boolean => isEpmoMember(me) || me.roles.some((r) => r.role === 'tenant_admin');

function LandingOrDomain({ api, domainId, query }: { readonly api: ApiClient; readonly domainId: string | undefined; readonly query: string }) {
  const me = useMe(api);
  return (
    <Loaded state={me} loading="Loading your portfolio…" failed="Could not find out who you are" onRetry={me.retry}>
      {({ data }) =>
        !domainId && seesRollup(data) ? <Rollup api={api} /> : <DomainPortfolioPicker api={api} domainId={domainId} query={query} led={ledDomains(data)} epmo={seesRollup(data)} />
      }
    </Loaded>
  );
}

interface DomainPortfolioPickerProps {
  readonly api: ApiClient;
  readonly domainId: string | undefined;
  readonly query: string;
  readonly led: readonly string[];
  readonly epmo: boolean;
}

function DomainPortfolioPicker({ api, domainId, query, led, epmo }: DomainPortfolioPickerProps) {
  const { domains, list, selected, fallback, unknownNamed, remember } = useDomains(api, domainId, led);
  return (
    <Loaded state={domains} loading="Loading domains…" failed="Could not load your domains" onRetry={domains.retry}>
      {() =>
        unknownNamed ? (
          <UnknownDomain fallbackId={fallback?.id} fallbackName={fallback?.name} query={query} epmo={epmo} />
        ) : selected ? (
          <DomainPortfolio
            key={selected.id}
            api={api}
            domain={selected}
            domains={list}
            query={query}
            epmo={epmo}
            onSelectDomain={(id) => {
              remember(id);
              // The view (filters, sort, columns) goes along: objectives are the tenant's, not the domain's.
              navigate(portfolioHash(id, query));
            }}
          />
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>No portfolio to show</MessageBarTitle>
              You do not lead a domain's PMO or belong to a delivery team yet. Ask your tenant admin for a role.
            </MessageBarBody>
          </MessageBar>
        )
      }
    </Loaded>
  );
}

interface UnknownDomainProps {
  readonly fallbackId: string | undefined;
  readonly fallbackName: string | undefined;
  readonly query: string;
  readonly epmo: boolean;
}

/**
 * A link names a domain the caller cannot see, or one that does not exist. Which of the two is
 * never said (that would reveal the domain), and no other domain is shown in its place under
 * the link's URL; the caller picks the way on.
 */
function UnknownDomain({ fallbackId, fallbackName, query, epmo }: UnknownDomainProps) {
  const styles = useStyles();
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>This domain doesn't exist or isn't yours to see</MessageBarTitle>
        The link you followed names a domain that is not in your portfolio. Ask whoever shared it, or go on to one you can see.
      </MessageBarBody>
      <MessageBarActions>
        <div className={styles.actions}>
          {fallbackId && fallbackName && (
            <Button appearance="primary" onClick={() => navigate(portfolioHash(fallbackId, query))}>
              Go to {fallbackName}
            </Button>
          )}
          {epmo && <Button onClick={() => navigate(rollupHash())}>All domains</Button>}
        </div>
      </MessageBarActions>
    </MessageBar>
  );
}
