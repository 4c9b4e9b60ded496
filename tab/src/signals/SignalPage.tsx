import {
  Body1,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  Subtitle1,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeftRegular, OpenRegular, PlayRegular } from '@fluentui/react-icons';
import { type ReactNode, useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { type SignalsApi, createSignalsApi } from '../api/signals';
import { DecisionSummary } from '../decisions/DecisionSummary';
import { DecisionPanel } from '../epmo/DecisionPanel';
import { useLoad } from '../shared/useLoad';
import { formatDateTime } from '../shared/dates';
import { Loaded } from '../shared/Loaded';
import { Loading } from '../shared/Loading';
import { decisionsHash, signalsHash } from '../shared/route';
import { ActionFailureBar } from './ActionFailureBar';
import { AnalysisForm } from './AnalysisForm';
import { AnalysisView } from './AnalysisView';
import { type AnalysisDraft, draftFromSignal, isDirty, readyToEscalate, toSaveRequest } from './analysis';
import { EscalatePanel } from './EscalatePanel';
import { ImplementedPanel } from './ImplementedPanel';
import { DueBadge, KindBadge, StateBadge, UrgencyBadge } from './SignalBadges';
import { Timeline } from './Timeline';
import { type TriageSubmit, TriagePanel } from './TriagePanel';
import { CLOSE_REASON_LABELS, FINAL_OUTCOME_SET, STATE_LABELS, type SignalDetailResponse } from './types';
import { useNow } from '../shared/useNow';
import { useSignalDetail } from './useSignalDetail';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  back: { alignSelf: 'flex-start' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, overflowWrap: 'anywhere' },
  badges: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  meta: { color: tokens.colorNeutralForeground2 },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(260px, 340px)',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  cardHeading: { margin: 0 },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground3 },
  quote: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  decisions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

function Card({ title, children }: { readonly title: string; readonly children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.card} aria-labelledby={id}>
      <Subtitle1 as="h2" id={id} className={styles.cardHeading}>
        {title}
      </Subtitle1>
      {children}
    </section>
  );
}

export interface SignalPageProps {
  readonly api: ApiClient;
  readonly signalId: string;
}

/** One signal: details, origin and timeline, and the step the caller may take now. */
export function SignalPage({ api, signalId }: SignalPageProps) {
  const styles = useStyles();
  const signals = useMemo(() => createSignalsApi(api.transport), [api]);
  const { detail, reload, run, pending, failure, dismissFailure } = useSignalDetail(signals, signalId);
  const loadObjectives = useCallback((signal: AbortSignal) => api.objectives(signal), [api]);
  const objectives = useLoad(loadObjectives);

  return (
    <div className={styles.page}>
      <Link className={styles.back} href={signalsHash()}>
        <ArrowLeftRegular aria-hidden /> Signals
      </Link>
      <Loaded state={detail} loading="Loading the signal…" failed="Could not load the signal" onRetry={reload}>
        {({ data }) => (
          <SignalBody
            data={data}
            api={signals}
            objectives={objectives.status === 'ready' ? objectives.data : undefined}
            pending={pending}
            run={run}
            failure={failure && <ActionFailureBar failure={failure} onReload={reload} onDismiss={dismissFailure} />}
          />
        )}
      </Loaded>
    </div>
  );
}

interface SignalBodyProps {
  readonly data: SignalDetailResponse;
  readonly api: SignalsApi;
  readonly objectives: Parameters<typeof AnalysisForm>[0]['objectives'] | undefined;
  readonly pending: string | undefined;
  readonly failure: ReactNode;
  run(name: string, action: () => Promise<SignalDetailResponse>): Promise<boolean>;
}

const NOTICES: Readonly<Record<string, string>> = {
  triage: 'Accepted. Start the analysis when you are ready.',
  resolve: 'Resolved locally. The raiser has been told.',
  close: 'Closed. The raiser has been told.',
  startAnalysis: 'Analysis started. Add the context, the options and your recommendation, then escalate.',
  saveAnalysis: 'Analysis saved.',
  escalate: 'Escalated to the EPMO. The strategy owners have been sent the escalation card.',
  decide: 'Decision recorded. Everyone involved is being told.',
};

function SignalBody({ data, api, objectives, pending, failure, run }: SignalBodyProps) {
  const styles = useStyles();
  const now = useNow();
  const { signal, timeline, decisions, allowedActions: allowed } = data;
  const [notice, setNotice] = useState<string | undefined>();

  // The form starts from what is saved, and starts over whenever a new version is saved.
  const saved = useMemo(() => draftFromSignal(signal), [signal]);
  const [draft, setDraft] = useState<AnalysisDraft>(saved);
  useEffect(() => setDraft(saved), [saved]);
  const dirty = isDirty(draft, saved);

  const act = async (name: string, action: () => Promise<SignalDetailResponse>) => {
    setNotice(undefined);
    if (await run(name, action)) setNotice(NOTICES[name]);
  };

  const triage = (t: TriageSubmit) => {
    if (t.action === 'triage') void act('triage', () => api.triage(signal.id, t.comment ? { comment: t.comment } : {}));
    else if (t.action === 'resolve') void act('resolve', () => api.resolve(signal.id, { resolution: t.resolution }));
    else void act('close', () => api.close(signal.id, t.body));
  };

  const canTriage = allowed.some((a) => a === 'triage' || a === 'resolve' || a === 'close');
  const editing = allowed.includes('saveAnalysis');
  const latest = decisions.at(-1);
  const hasAnalysis = signal.context !== undefined || signal.options.length > 0;
  const triageCard = canTriage && signal.state !== 'decided' && (
    <Card title={signal.state === 'raised' ? 'Triage' : signal.state === 'triaged' ? 'Next step' : 'Resolve or close instead'}>
      {allowed.includes('startAnalysis') && (
        <div className={styles.row}>
          <Button appearance="primary" icon={<PlayRegular />} disabled={pending !== undefined} onClick={() => void act('startAnalysis', () => api.startAnalysis(signal.id, {}))}>
            {pending === 'startAnalysis' ? 'Starting…' : 'Start analysis'}
          </Button>
          <Text className={styles.muted}>Or resolve or close it without escalating:</Text>
        </div>
      )}
      <TriagePanel key={signal.etag} signal={signal} allowed={allowed.filter((a) => a !== 'triage' || signal.state === 'raised')} pending={pending !== undefined} onSubmit={triage} />
    </Card>
  );

  return (
    <>
      <header className={styles.header}>
        <Title2 as="h1" className={styles.heading}>
          {signal.title}
        </Title2>
        <div className={styles.badges}>
          <Text weight="semibold">{signal.label}</Text>
          <StateBadge state={signal.state} />
          <KindBadge kind={signal.kind} />
          <UrgencyBadge urgency={signal.urgency} />
          <DueBadge signal={signal} now={now} />
        </div>
        <Body1 className={styles.meta}>
          {signal.domainName}
          {signal.workItemTitle ? ` · ${signal.workItemTitle}` : ''} · raised by {signal.raisedBy.displayName}, {formatDateTime(signal.createdAt)}
          {' · '}
          {`${STATE_LABELS[signal.state].toLowerCase()} since ${formatDateTime(signal.stateChangedAt)} (${signal.stateChangedBy.displayName})`}
        </Body1>
      </header>
      {failure}
      {notice && !failure && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.layout}>
        <div className={styles.column}>
          <Card title="Details">
            <Text className={styles.text}>{signal.details || 'No details given.'}</Text>
            {signal.resolution && (
              <Text className={styles.text}>
                <strong>Resolution: </strong>
                {signal.resolution}
              </Text>
            )}
            {signal.closeReason && (
              <Text className={styles.text}>
                <strong>Closed as {CLOSE_REASON_LABELS[signal.closeReason].toLowerCase()}</strong>
                {signal.duplicateOf ? ` of S-${signal.duplicateOf}` : ''}
                {signal.closeComment ? `: ${signal.closeComment}` : ''}
              </Text>
            )}
            {signal.infoRequest && signal.state === 'analysing' && (
              <MessageBar intent="warning" layout="multiline">
                <MessageBarBody>
                  <strong>The EPMO asked for more information: </strong>
                  {signal.infoRequest}
                </MessageBarBody>
              </MessageBar>
            )}
          </Card>

          {signal.state === 'raised' && triageCard}

          {editing ? (
            <Card title="Analysis">
              {objectives ? (
                <AnalysisForm
                  draft={draft}
                  objectives={objectives}
                  saving={pending === 'saveAnalysis'}
                  dirty={dirty}
                  hasSaved={hasAnalysis}
                  onChange={setDraft}
                  onSave={(d) => void act('saveAnalysis', () => api.saveAnalysis(signal.id, signal.etag, toSaveRequest(d)))}
                />
              ) : (
                <Loading label="Loading objectives…" />
              )}
            </Card>
          ) : (
            hasAnalysis && (
              <Card title="Analysis">
                <AnalysisView signal={signal} objectives={objectives} chosenOptionId={latest?.chosenOptionId} />
              </Card>
            )
          )}

          {allowed.includes('escalate') && (
            <Card title="Escalate to the EPMO">
              <EscalatePanel
                pending={pending === 'escalate'}
                now={now}
                blockedBecause={dirty ? 'Save the analysis first.' : !readyToEscalate(signal) ? 'Complete and save the analysis first: context, two options and a recommendation.' : undefined}
                onEscalate={(body) => void act('escalate', () => api.escalate(signal.id, body))}
              />
            </Card>
          )}

          {allowed.includes('decide') && (
            <Card title="Decide">
              <DecisionPanel signal={signal} canDecide pending={pending === 'decide'} now={now} onDecide={(body) => void act('decide', () => api.decide(signal.id, body))} />
            </Card>
          )}

          {signal.state !== 'raised' && triageCard}

          {decisions.length > 0 && (
            <Card title={decisions.length === 1 ? 'Decision' : 'Decisions'}>
              <div className={styles.decisions}>
                {decisions.map((d) => (
                  <DecisionSummary key={d.id} decision={d} api={api} canDraft={d === latest && allowed.includes('createStrategyChange') && FINAL_OUTCOME_SET.has(d.outcome)} />
                ))}
                <Link href={decisionsHash()}>Open the decision log</Link>
              </div>
            </Card>
          )}
          {signal.state === 'decided' && allowed.includes('close') && (
            <Card title="Close when implemented">
              <ImplementedPanel pending={pending === 'close'} onClose={(comment) => void act('close', () => api.close(signal.id, { reason: 'decision_implemented', comment }))} />
            </Card>
          )}
        </div>

        <div className={styles.column}>
          <Card title="Origin">
            <Origin data={data} />
          </Card>
          <Card title="Timeline">
            <Timeline events={timeline} />
          </Card>
        </div>
      </div>
    </>
  );
}

function Origin({ data }: { readonly data: SignalDetailResponse }) {
  const styles = useStyles();
  const { origin, raisedBy } = data.signal;
  return (
    <>
      <Text>
        Raised by {raisedBy.displayName} {origin.messageId ? 'from a Teams message' : 'in Teams'}.
      </Text>
      {origin.messagePreview && <blockquote className={styles.quote}>{origin.messagePreview}</blockquote>}
      {origin.messageLink ? (
        <Link href={origin.messageLink} target="_blank" rel="noreferrer">
          Open the message in Teams <OpenRegular aria-hidden />
        </Link>
      ) : (
        <Text className={styles.muted}>No link back to a Teams message.</Text>
      )}
    </>
  );
}
