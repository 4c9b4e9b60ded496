import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, Text, Title3, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, WarningRegular } from '@fluentui/react-icons';
import { Figure, FigureList } from '../shared/Figures';
import { SURFACE } from '../shared/surface';
import type { DryRunState } from './useDryRun';
import type { DryRunResponse } from './types';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    ...SURFACE,
  },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  h: { margin: 0 },
  subtle: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  stale: { opacity: 0.6 },
});

/** The counts and gaps of a dry run, as the composer and the publish dialog show them. */
export function DryRunFigures({ data }: { readonly data: DryRunResponse }) {
  const styles = useStyles();
  return (
    <>
      <FigureList label="Reach" minWidth="100px">
        <Figure look="inset" label="PMO channels" value={data.pmoChannels} />
        <Figure look="inset" label="Team conversations" value={data.teamConversations} />
        <Figure look="inset" label="EPMO copy" value={data.epmoCopy ? 'Yes' : 'No'} />
        <Figure look="inset" label="Conversations in all" value={data.total} />
      </FigureList>
      {data.domains.length > 0 && (
        <Text className={styles.subtle}>
          Domains: {data.domains.map((d) => `${d.name}${d.explicit ? '' : ' (via objectives)'}${d.pmoReachable ? '' : ' — no reachable PMO channel'}`).join(', ')}
        </Text>
      )}
      {data.unreachable.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {data.unreachable.length} linked {data.unreachable.length === 1 ? 'conversation cannot' : 'conversations cannot'} be reached
            </MessageBarTitle>
            <ul className={styles.list} aria-label="Unreachable conversations">
              {data.unreachable.map((u) => (
                <li key={u.conversationId}>
                  {u.title}
                  {u.workItemIds.length > 0 ? ` (${u.workItemIds.length} ${u.workItemIds.length === 1 ? 'work item' : 'work items'})` : ''} —{' '}
                  {u.reason === 'not-installed' ? 'PMO Relay is not installed there' : 'PMO Relay has never been added there'}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {data.workItemsWithoutTeam.length > 0 && (
        <Text className={styles.subtle}>
          <WarningRegular aria-hidden /> {data.workItemsWithoutTeam.length} aligned {data.workItemsWithoutTeam.length === 1 ? 'work item has' : 'work items have'} no team conversation linked:{' '}
          {data.workItemsWithoutTeam
            .slice(0, 8)
            .map((w) => w.title)
            .join(', ')}
          {data.workItemsWithoutTeam.length > 8 ? '…' : ''}
        </Text>
      )}
    </>
  );
}

/** Who the change will reach, recomputed as the author picks objectives and domains. */
export function DryRunPanel({ dryRun }: { readonly dryRun: DryRunState & { retry(): void } }) {
  const styles = useStyles();
  const shown = dryRun.status === 'ready' ? dryRun.data : dryRun.status === 'loading' ? dryRun.previous : undefined;
  return (
    <section className={styles.panel} aria-labelledby="dry-run" aria-busy={dryRun.status === 'loading'}>
      <div className={styles.head}>
        <Title3 as="h2" id="dry-run" className={styles.h}>
          Who it will reach
        </Title3>
        {dryRun.status === 'loading' && <Spinner size="tiny" label="Checking targeting…" />}
      </div>
      {dryRun.status === 'idle' && <Text className={styles.subtle}>Choose affected objectives or domains to see which PMO channels and teams get the card.</Text>}
      {dryRun.status === 'error' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Could not check the targeting</MessageBarTitle>
            {dryRun.message}
          </MessageBarBody>
          <MessageBarActions>
            <Button icon={<ArrowClockwiseRegular />} onClick={dryRun.retry}>
              Retry
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {shown && (
        <div className={mergeClasses(styles.body, dryRun.status === 'loading' && styles.stale)}>
          <DryRunFigures data={shown} />
        </div>
      )}
    </section>
  );
}
