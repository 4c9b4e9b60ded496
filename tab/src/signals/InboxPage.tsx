import { Badge, Subtitle2, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { createSignalsApi } from '../api/signals';
import { EmptyState } from '../shared/EmptyState';
import { Figure, FigureList } from '../shared/Figures';
import { ClearFiltersButton, ShownCount } from '../shared/ListControls';
import { ListPage } from '../shared/ListPage';
import { Loaded } from '../shared/Loaded';
import { isEpmoMember, ledDomains, useMe, worksInbox } from '../shared/useMe';
import { useNow } from '../shared/useNow';
import type { StateGroup } from './filters';
import { InboxToolbar } from './InboxToolbar';
import { SignalTable } from './SignalTable';
import { STATE_DESCRIPTIONS, STATE_LABELS, type SignalView } from './types';
import { useInbox } from './useInbox';

const useStyles = makeStyles({
  description: { color: tokens.colorNeutralForeground2 },
  // The inbox's tiles stand out from the portfolio's: a brand edge, red when something is overdue.
  tile: { border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`, borderTop: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke2}` },
  alert: { borderTopColor: tokens.colorPaletteRedBorderActive },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  groupHeading: { margin: 0, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export interface InboxPageProps {
  readonly api: ApiClient;
}

/** The PMO inbox (or, for people who do not work it, the signals they raised). */
export function InboxPage({ api }: InboxPageProps) {
  const me = useMe(api);
  return (
    <Loaded state={me} loading="Loading your roles…" failed="Could not load your roles" onRetry={me.retry}>
      {({ data }) => {
        const scope = isEpmoMember(data) ? 'every domain' : ledDomains(data).length > 1 ? 'your domains' : 'your domain';
        return <Inbox api={api} mine={!worksInbox(data)} scope={scope} />;
      }}
    </Loaded>
  );
}

function Inbox({ api, mine, scope }: { readonly api: ApiClient; readonly mine: boolean; readonly scope: string }) {
  const styles = useStyles();
  const signals = useMemo(() => createSignalsApi(api.transport), [api]);
  const { inbox, view, filters, setFilters, clearFilters, includeFinished, setIncludeFinished } = useInbox(signals, mine);
  const now = useNow();

  return (
    <ListPage
      title={mine ? 'My signals' : 'PMO inbox'}
      description={
        mine
          ? 'Signals you raised with your PMO, and where each one stands. Raise new ones from Teams with the PMO Relay bot or the "Raise with PMO" message action.'
          : `Opportunities, issues, risks and information raised by delivery teams in ${scope}: triage them, analyse them and escalate what the EPMO must decide.`
      }
      state={inbox}
      loading="Loading signals…"
      failed="Could not load the signals"
      onRetry={inbox.retry}
    >
      {({ data }) =>
        view && (
          <>
            {!mine && (
              <section aria-label="Signal counts">
                <FigureList minWidth="128px">
                  {(['raised', 'triaged', 'analysing', 'escalated'] as const).map((s) => (
                    <Figure key={s} look="tile" className={styles.tile} label={STATE_LABELS[s]} value={data.counts[s]} />
                  ))}
                  <Figure look="tile" className={mergeClasses(styles.tile, data.overdue > 0 && styles.alert)} label="Overdue" value={data.overdue} />
                </FigureList>
              </section>
            )}
            <InboxToolbar filters={filters} domains={view.domains} includeFinished={includeFinished} onFiltersChange={setFilters} onIncludeFinishedChange={setIncludeFinished} />
            <ShownCount shown={view.visible} total={view.total} noun="signals" />
            {data.items.length === 0 ? (
              <EmptyState title="No signals yet">{mine ? 'You have not raised any signals yet.' : 'Nothing has been raised in your domain yet. New signals from delivery teams appear here.'}</EmptyState>
            ) : view.visible === 0 ? (
              <EmptyState title="No signals match these filters" action={<ClearFiltersButton primary onClick={clearFilters} />}>
                {includeFinished ? 'Try other filters or a different search.' : 'Try other filters, or include finished signals.'}
              </EmptyState>
            ) : (
              <div className={styles.groups}>
                {view.groups.map((g) => (
                  <Group key={g.state} group={g} showDomain={view.domains.length > 1} now={now} />
                ))}
              </div>
            )}
          </>
        )
      }
    </ListPage>
  );
}

function Group({ group, showDomain, now }: { readonly group: StateGroup<SignalView>; readonly showDomain: boolean; readonly now: number }) {
  const styles = useStyles();
  const headingId = useId();
  const count = group.signals.length;
  return (
    <section className={styles.group} aria-labelledby={headingId}>
      <div className={styles.groupHead}>
        <h2 id={headingId} className={styles.groupHeading}>
          <Subtitle2>{STATE_LABELS[group.state]}</Subtitle2>
          <Badge appearance="tint" color="brand" aria-label={`${count} ${count === 1 ? 'signal' : 'signals'}`}>
            {count}
          </Badge>
        </h2>
        <Text className={styles.description}>{STATE_DESCRIPTIONS[group.state]}</Text>
      </div>
      <SignalTable label={`Signals: ${STATE_LABELS[group.state]}`} signals={group.signals} showDomain={showDomain} now={now} />
    </section>
  );
}
