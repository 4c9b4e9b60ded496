import { Link, MessageBar, MessageBarBody, MessageBarTitle, Subtitle1, Subtitle2, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useMemo, useState } from 'react';
import type { ObjectivesResponse } from '../../../bot/api-contract/portfolio';
import type { ApiClient } from '../api/client';
import { type SignalsApi, createSignalsApi } from '../api/signals';
import { DecisionSummary } from '../decisions/DecisionSummary';
import { formatDate, formatDateTime } from '../shared/dates';
import { EmptyState } from '../shared/EmptyState';
import { ListPage } from '../shared/ListPage';
import { Loaded } from '../shared/Loaded';
import { epmoHash, signalHash } from '../shared/route';
import { SURFACE } from '../shared/surface';
import { useLoad } from '../shared/useLoad';
import { isEpmoMember, useMe } from '../shared/useMe';
import { useNow } from '../shared/useNow';
import { ActionFailureBar } from '../signals/ActionFailureBar';
import { AnalysisView } from '../signals/AnalysisView';
import { compareSignals } from '../signals/filters';
import { DueBadge, SignalBadges, StateBadge, UrgencyBadge } from '../signals/SignalBadges';
import { FINAL_OUTCOME_SET, type SignalView } from '../signals/types';
import { useSignalDetail } from '../signals/useSignalDetail';
import { DecisionPanel } from './DecisionPanel';
import { lastEscalation } from './escalation';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(280px, 380px) minmax(0, 1fr)',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    ...SURFACE,
    borderLeft: `${tokens.strokeWidthThickest} solid transparent`,
  },
  // Selection shows as a brand edge and outline on the card's own background: a "selected"
  // background (Highlight in high contrast) left the card's muted text and badges unreadable.
  selected: {
    borderLeftColor: tokens.colorBrandStroke1,
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    outlineOffset: `-${tokens.strokeWidthThin}`,
  },
  itemTitle: { fontWeight: tokens.fontWeightSemibold },
  badges: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground3 },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    ...SURFACE,
    minWidth: 0,
  },
  panelHead: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

export interface EpmoQueuePageProps {
  readonly api: ApiClient;
  /** The escalation opened in the decision panel. */
  readonly signalId?: string | undefined;
}

/** Escalations awaiting the EPMO's decision, with the decision panel for strategy owners. */
export function EpmoQueuePage({ api, signalId }: EpmoQueuePageProps) {
  const me = useMe(api);
  return (
    <Loaded state={me} loading="Loading your roles…" failed="Could not load your roles" onRetry={me.retry}>
      {({ data }) =>
        isEpmoMember(data) ? (
          <Queue api={api} signalId={signalId} />
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>The EPMO queue is for the EPMO</MessageBarTitle>
              Escalations awaiting decision are visible to EPMO members and strategy owners. Follow your domain's signals in the Signals page.
            </MessageBarBody>
          </MessageBar>
        )
      }
    </Loaded>
  );
}

function Queue({ api, signalId }: { readonly api: ApiClient; readonly signalId: string | undefined }) {
  const styles = useStyles();
  const signals = useMemo(() => createSignalsApi(api.transport), [api]);
  const load = useCallback((signal: AbortSignal) => signals.escalations(signal), [signals]);
  const queue = useLoad(load);
  const loadObjectives = useCallback((signal: AbortSignal) => api.objectives(signal), [api]);
  const objectives = useLoad(loadObjectives);
  const now = useNow();
  // Signals decided here: the list shows their new state until the next visit, rather than
  // reloading under the strategy owner's eyes (and losing the confirmation).
  const [updated, setUpdated] = useState<ReadonlyMap<string, SignalView>>(new Map());
  const items = useMemo(() => (queue.status === 'ready' ? queue.data.items.map((s) => updated.get(s.id) ?? s).sort(compareSignals) : []), [queue, updated]);
  const selectedId = signalId ?? items[0]?.id;

  return (
    <ListPage
      title="EPMO queue"
      description="Escalations from every domain awaiting a decision, oldest due first, and deferred ones with their date."
      state={queue}
      loading="Loading escalations…"
      failed="Could not load the EPMO queue"
      onRetry={queue.retry}
    >
      {({ data }) =>
        items.length === 0 ? (
          <EmptyState title="Nothing awaits a decision">Escalations from the PMOs appear here.</EmptyState>
        ) : (
          <div className={styles.layout}>
            <nav aria-label="Escalations">
              <ul className={styles.list}>
                {items.map((s) => (
                  <QueueItem key={s.id} signal={s} selected={s.id === selectedId} now={now} />
                ))}
              </ul>
            </nav>
            {selectedId && (
              <EscalationPanel
                key={selectedId}
                api={signals}
                signalId={selectedId}
                canDecide={data.canDecide}
                objectives={objectives.status === 'ready' ? objectives.data : undefined}
                onDecided={(s) => setUpdated((m) => new Map(m).set(s.id, s))}
              />
            )}
          </div>
        )
      }
    </ListPage>
  );
}

function QueueItem({ signal, selected, now }: { readonly signal: SignalView; readonly selected: boolean; readonly now: number }) {
  const styles = useStyles();
  return (
    <li className={mergeClasses(styles.item, selected && styles.selected)}>
      <Link className={styles.itemTitle} href={epmoHash(signal.id)} aria-current={selected ? 'true' : undefined}>
        {signal.title}
      </Link>
      <Text className={styles.muted}>
        {signal.label} · {signal.domainName} · escalated {formatDate(signal.stateChangedAt)}
      </Text>
      <span className={styles.badges}>
        <StateBadge state={signal.state} />
        <UrgencyBadge urgency={signal.urgency} />
        <DueBadge signal={signal} now={now} />
      </span>
    </li>
  );
}

interface EscalationPanelProps {
  readonly api: SignalsApi;
  readonly signalId: string;
  readonly canDecide: boolean;
  readonly objectives: ObjectivesResponse | undefined;
  onDecided(signal: SignalView): void;
}

function EscalationPanel({ api, signalId, canDecide, objectives, onDecided }: EscalationPanelProps) {
  const styles = useStyles();
  const { detail, reload, run, pending, failure, dismissFailure } = useSignalDetail(api, signalId);
  const now = useNow();
  const [decided, setDecided] = useState<string | undefined>();

  return (
    <Loaded state={detail} loading="Loading the escalation…" failed="Could not load the escalation" onRetry={reload}>
      {({ data }) => {
        const { signal, allowedActions } = data;
        const latest = data.decisions.at(-1);
        const escalation = lastEscalation(data.timeline);

        return (
          <section className={styles.panel} aria-label={`Escalation ${signal.label}`}>
            <div className={styles.panelHead}>
              <Subtitle1 as="h2">{signal.title}</Subtitle1>
              <span className={styles.badges}>
                <SignalBadges signal={signal} now={now} />
              </span>
              <Text className={styles.muted}>
                {signal.domainName} · raised by {signal.raisedBy.displayName}
                {escalation && ` · escalated by ${escalation.actorName} on ${formatDateTime(escalation.at)}`} ·{' '}
                <Link href={signalHash(signal.id)}>Open the signal</Link>
              </Text>
            </div>
            <Text className={styles.text}>{signal.details}</Text>
            <AnalysisView signal={signal} objectives={objectives} chosenOptionId={latest?.chosenOptionId} />
            {failure && <ActionFailureBar failure={failure} onReload={reload} onDismiss={dismissFailure} />}
            {decided && !failure && (
              <MessageBar intent="success" role="status">
                <MessageBarBody>{decided}</MessageBarBody>
              </MessageBar>
            )}
            {latest && signal.state !== 'escalated' && (
              <>
                <Subtitle2 as="h3">Decision</Subtitle2>
                <DecisionSummary decision={latest} api={api} canDraft={allowedActions.includes('createStrategyChange') && FINAL_OUTCOME_SET.has(latest.outcome)} />
              </>
            )}
            {signal.state === 'escalated' && (allowedActions.includes('decide') || !canDecide) && (
              <>
                <Subtitle2 as="h3">Decision</Subtitle2>
                <DecisionPanel
                  signal={signal}
                  canDecide={canDecide && allowedActions.includes('decide')}
                  pending={pending === 'decide'}
                  now={now}
                  onDecide={async (body) => {
                    let answer: SignalView | undefined;
                    const ok = await run('decide', async () => {
                      const response = await api.decide(signal.id, body);
                      answer = response.signal;
                      return response;
                    });
                    if (ok && answer) {
                      setDecided('Decision recorded. The PMO, the raiser and the EPMO channel are being told.');
                      onDecided(answer);
                    }
                  }}
                />
              </>
            )}
          </section>
        );
      }}
    </Loaded>
  );
}
