/**
 * "What is not set up yet" (PRODUCT.md §5, "Setup without help"): each kind of gap in plain
 * words with its fix beside it — the bot command to type in Teams, or the admin section that
 * fixes it — and "All set" when nothing is missing. A section: the admin area places it.
 */
import { Body1, Button, Caption1, CounterBadge, Link, Subtitle2, Text, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowRightRegular, CheckmarkCircleRegular } from '@fluentui/react-icons';
import { useCallback } from 'react';
import type { SetupGap, SetupGapEntry } from '../../../bot/api-contract/setup';
import type { ApiClient } from '../api/client';
import { EmptyState } from '../shared/EmptyState';
import { Loaded } from '../shared/Loaded';
import { useLoad } from '../shared/useLoad';
import { setupGaps } from './setup-api';
import { entryLink, sectionLink } from './setup-links';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  gap: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingVerticalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  gapTitle: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, margin: 0 },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, paddingLeft: 0, listStyleType: 'none' },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingTop: tokens.spacingVerticalS,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
  },
  entryTop: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  command: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusMedium,
    userSelect: 'all',
  },
  action: { alignSelf: 'flex-start' },
  group: { paddingTop: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}` },
  summary: { cursor: 'pointer', paddingBottom: tokens.spacingVerticalXS },
});

export interface SetupGapsProps {
  readonly api: ApiClient;
}

export function SetupGaps({ api }: SetupGapsProps) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => setupGaps(api.transport, signal), [api]);
  const state = useLoad(load);
  return (
    <section className={styles.section} aria-labelledby="setup-gaps-heading">
      <div className={styles.header}>
        <div className={styles.titles}>
          <h2 id="setup-gaps-heading" className={styles.heading}>
            What is not set up yet
          </h2>
          <Body1 className={styles.muted}>What PMO Relay still needs before everyone hears what they should, with how to fix each.</Body1>
        </div>
        <Button icon={<ArrowClockwiseRegular />} onClick={state.retry} disabled={state.status === 'loading'}>
          Refresh
        </Button>
      </div>
      <Loaded state={state} loading="Checking the setup…" failed="Could not check the setup" onRetry={state.retry}>
        {({ data }) =>
          data.gaps.length === 0 ? (
            <EmptyState title="All set" icon={CheckmarkCircleRegular}>
              Every domain has a PMO lead and a PMO channel, the EPMO has its channel, every work item&apos;s team can be reached, every objective has work aligned to it, and everyone who uses PMO Relay has a role.
            </EmptyState>
          ) : (
            <>
              <Text role="status">{summary(data.gaps)}</Text>
              {data.gaps.map((gap) => (
                <GapCard key={gap.kind} gap={gap} />
              ))}
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function summary(gaps: readonly SetupGap[]): string {
  const total = gaps.reduce((n, g) => n + g.total, 0);
  return `${total} ${total === 1 ? 'thing' : 'things'} to set up, in ${gaps.length} ${gaps.length === 1 ? 'area' : 'areas'}.`;
}

function GapCard({ gap }: { readonly gap: SetupGap }) {
  const styles = useStyles();
  const headingId = `setup-gap-${gap.kind}`;
  const section = sectionLink(gap);
  const more = gap.total - gap.entries.length;
  return (
    <section className={styles.gap} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.gapTitle}>
        <Subtitle2>{gap.title}</Subtitle2>
        <CounterBadge count={gap.total} overflowCount={9999} appearance="filled" color="informative" aria-label={`${gap.total} to fix`} />
      </h3>
      <Body1>{gap.fix}</Body1>
      {section && (
        <Button as="a" href={section.hash} appearance="primary" icon={<ArrowRightRegular />} iconPosition="after" className={styles.action}>
          {section.label}
        </Button>
      )}
      {gap.domains ? (
        // A long list of items reads per domain, each folded until opened.
        gap.domains.map((d) => {
          const entries = gap.entries.filter((e) => e.domainId === d.id);
          return (
            <details key={d.id} className={styles.group}>
              <summary className={styles.summary}>
                <Text weight="semibold">{d.name}</Text> <Caption1 className={styles.muted}>({d.total})</Caption1>
              </summary>
              <EntryList label={`${gap.title}: ${d.name}`} entries={entries} />
              {d.total > entries.length && (
                <Caption1 className={styles.muted}>
                  And {d.total - entries.length} more. Fix these, then Refresh to see the rest.
                </Caption1>
              )}
            </details>
          );
        })
      ) : (
        <>
          <EntryList label={gap.title} entries={gap.entries} />
          {more > 0 && (
            <Caption1 className={styles.muted}>
              And {more} more. Fix these, then Refresh to see the rest.
            </Caption1>
          )}
        </>
      )}
    </section>
  );
}

function EntryList({ label, entries }: { readonly label: string; readonly entries: readonly SetupGapEntry[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {entries.map((entry) => {
        const href = entryLink(entry);
        return (
          <li key={entry.id} className={styles.entry}>
            <span className={styles.entryTop}>
              <Text weight="semibold">{entry.name}</Text>
              {href && (
                <Link href={href} aria-label={`Find ${entry.name} in its portfolio`}>
                  Find in portfolio
                </Link>
              )}
            </span>
            <Caption1 className={styles.muted}>{entry.detail}</Caption1>
            {entry.command && (
              <Caption1>
                Type <code className={styles.command}>{entry.command}</code>
              </Caption1>
            )}
          </li>
        );
      })}
    </ul>
  );
}
