import { Badge, Body1, Button, Subtitle2, Text, Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { FilterDismissRegular } from '@fluentui/react-icons';
import { useId, useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { createSignalsApi } from '../api/signals';
import { ErrorState } from '../shared/ErrorState';
import { Loading } from '../shared/Loading';
import { isEpmoMember, ledDomains, useMe, worksInbox } from '../shared/useMe';
import type { StateGroup } from './filters';
import { InboxToolbar } from './InboxToolbar';
import { SignalTable } from './SignalTable';
import { STATE_DESCRIPTIONS, STATE_LABELS, type SignalView } from './types';
import { useInbox } from './useInbox';
import { useNow } from '../shared/useNow';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
  summary: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(128px, 1fr))', gap: tokens.spacingHorizontalM, listStyleType: 'none', margin: 0, padding: 0 },
  tile: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    borderTop: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke2}`,
  },
  alert: { borderTopColor: tokens.colorPaletteRedBorderActive },
  value: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  label: { color: tokens.colorNeutralForeground2 },
  count: { color: tokens.colorNeutralForeground2 },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalS },
  groupHeading: { margin: 0, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    textAlign: 'center',
  },
});

export interface InboxPageProps {
  readonly api: ApiClient;
}

/** The PMO inbox (or, for people who do not work it, the signals they raised). */
export function InboxPage({ api }: InboxPageProps) {
  const me = useMe(api);
  if (me.status === 'loading') return <Loading label="Loading your roles…" />;
  if (me.status === 'error') return <ErrorState title="Could not load your roles" message={me.message} onRetry={me.retry} />;
  const works = worksInbox(me.data);
  const scope = isEpmoMember(me.data) ? 'every domain' : ledDomains(me.data).length > 1 ? 'your domains' : 'your domain';
  return <Inbox api={api} mine={!works} scope={scope} />;
}

function Inbox({ api, mine, scope }: { readonly api: ApiClient; readonly mine: boolean; readonly scope: string }) {
  const styles = useStyles();
  const signals = useMemo(() => createSignalsApi(api.transport), [api]);
  const { inbox, view, filters, setFilters, clearFilters, includeFinished, setIncludeFinished } = useInbox(signals, mine);
  const now = useNow();

  return (
    <div className={styles.page}>
      <header className={styles.titles}>
        <Title2 as="h1" className={styles.heading}>
          {mine ? 'My signals' : 'PMO inbox'}
        </Title2>
        <Body1 className={styles.description}>
          {mine
            ? 'Signals you raised with your PMO, and where each one stands. Raise new ones from Teams with the PMO Relay bot or the "Raise with PMO" message action.'
            : `Opportunities, issues, risks and information raised by delivery teams in ${scope}: triage them, analyse them and escalate what the EPMO must decide.`}
        </Body1>
      </header>

      {inbox.status === 'loading' && <Loading label="Loading signals…" />}
      {inbox.status === 'error' && <ErrorState title="Could not load the signals" message={inbox.message} onRetry={inbox.retry} />}
      {inbox.status === 'ready' && view && (
        <>
          {!mine && (
            <section aria-label="Signal counts">
              <ul className={styles.summary}>
                {(['raised', 'triaged', 'analysing', 'escalated'] as const).map((s) => (
                  <li key={s} className={styles.tile} aria-label={`${STATE_LABELS[s]}: ${inbox.data.counts[s]}`}>
                    <Text className={styles.value} aria-hidden>
                      {inbox.data.counts[s]}
                    </Text>
                    <Text className={styles.label} aria-hidden>
                      {STATE_LABELS[s]}
                    </Text>
                  </li>
                ))}
                <li className={mergeClasses(styles.tile, inbox.data.overdue > 0 && styles.alert)} aria-label={`Overdue: ${inbox.data.overdue}`}>
                  <Text className={styles.value} aria-hidden>
                    {inbox.data.overdue}
                  </Text>
                  <Text className={styles.label} aria-hidden>
                    Overdue
                  </Text>
                </li>
              </ul>
            </section>
          )}
          <InboxToolbar filters={filters} domains={view.domains} includeFinished={includeFinished} onFiltersChange={setFilters} onIncludeFinishedChange={setIncludeFinished} />
          <Text className={styles.count} role="status">
            Showing {view.visible} of {view.total} signals
          </Text>
          {inbox.data.items.length === 0 ? (
            <div className={styles.empty}>
              <Title2 as="h2">No signals yet</Title2>
              <Body1>{mine ? 'You have not raised any signals yet.' : 'Nothing has been raised in your domain yet. New signals from delivery teams appear here.'}</Body1>
            </div>
          ) : view.visible === 0 ? (
            <div className={styles.empty}>
              <Title2 as="h2">No signals match these filters</Title2>
              <Body1>{includeFinished ? 'Try other filters or a different search.' : 'Try other filters, or include finished signals.'}</Body1>
              <Button appearance="primary" icon={<FilterDismissRegular />} onClick={clearFilters}>
                Clear filters
              </Button>
            </div>
          ) : (
            <div className={styles.groups}>
              {view.groups.map((g) => (
                <Group key={g.state} group={g} showDomain={view.domains.length > 1} now={now} />
              ))}
            </div>
          )}
        </>
      )}
    </div>
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
