import { Button, Link, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { PlayRegular } from '@fluentui/react-icons';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { type SignalsApi, createSignalsApi } from '../api/signals';
import { DecisionSummary } from '../decisions/DecisionSummary';
import { DecisionPanel } from '../epmo/DecisionPanel';
import { BackLink } from '../shared/BackLink';
import { Loaded } from '../shared/Loaded';
import { Loading } from '../shared/Loading';
import { decisionsHash, signalsHash } from '../shared/route';
import { useLoad } from '../shared/useLoad';
import { useNow } from '../shared/useNow';
import { ActionFailureBar } from './ActionFailureBar';
import { AnalysisForm } from './AnalysisForm';
import { AnalysisView } from './AnalysisView';
import { type AnalysisDraft, type FieldProblem, draftFromSignal, isDirty, readyToEscalate, toSaveRequest } from './analysis';
import { EscalatePanel } from './EscalatePanel';
import { ImplementedPanel } from './ImplementedPanel';
import { SignalDetails, SignalOrigin } from './SignalDetails';
import { SignalHeader } from './SignalHeader';
import { Timeline } from './Timeline';
import { TitledCard } from './TitledCard';
import { type TriageSubmit, TriagePanel } from './TriagePanel';
import { FINAL_OUTCOME_SET, type SignalDetailResponse } from './types';
import { useSignalDetail } from './useSignalDetail';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(260px, 340px)',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
    '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  decisions: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

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
      <BackLink hash={signalsHash()} label="Signals" />
      <Loaded state={detail} loading="Loading the signal…" failed="Could not load the signal" onRetry={reload}>
        {({ data }) => (
          <SignalBody
            data={data}
            api={signals}
            objectives={objectives.status === 'ready' ? objectives.data : undefined}
            pending={pending}
            run={run}
            failure={failure && <ActionFailureBar failure={failure} onReload={reload} onDismiss={dismissFailure} />}
            refusedAnalysis={failure?.action === 'saveAnalysis' && failure.status === 400 ? failure.details : undefined}
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
  /** The server's problems with the analysis the PMO lead tried to save. */
  readonly refusedAnalysis: readonly FieldProblem[] | undefined;
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

function SignalBody({ data, api, objectives, pending, failure, refusedAnalysis, run }: SignalBodyProps) {
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
    <TitledCard title={signal.state === 'raised' ? 'Triage' : signal.state === 'triaged' ? 'Next step' : 'Resolve or close instead'}>
      {allowed.includes('startAnalysis') && (
        <div className={styles.row}>
          <Button appearance="primary" icon={<PlayRegular />} disabled={pending !== undefined} onClick={() => void act('startAnalysis', () => api.startAnalysis(signal.id, {}))}>
            {pending === 'startAnalysis' ? 'Starting…' : 'Start analysis'}
          </Button>
          <Text className={styles.muted}>Or resolve or close it without escalating:</Text>
        </div>
      )}
      <TriagePanel key={signal.etag} signal={signal} allowed={allowed.filter((a) => a !== 'triage' || signal.state === 'raised')} pending={pending !== undefined} onSubmit={triage} />
    </TitledCard>
  );

  return (
    <>
      <SignalHeader signal={signal} now={now} />
      {failure}
      {notice && !failure && (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.layout}>
        <div className={styles.column}>
          <TitledCard title="Details">
            <SignalDetails signal={signal} />
          </TitledCard>

          {signal.state === 'raised' && triageCard}

          {editing ? (
            <TitledCard title="Analysis">
              {objectives ? (
                <AnalysisForm
                  draft={draft}
                  objectives={objectives}
                  saving={pending === 'saveAnalysis'}
                  dirty={dirty}
                  hasSaved={hasAnalysis}
                  refused={refusedAnalysis}
                  onChange={setDraft}
                  onSave={(d) => void act('saveAnalysis', () => api.saveAnalysis(signal.id, signal.etag, toSaveRequest(d)))}
                />
              ) : (
                <Loading label="Loading objectives…" />
              )}
            </TitledCard>
          ) : (
            hasAnalysis && (
              <TitledCard title="Analysis">
                <AnalysisView signal={signal} objectives={objectives} chosenOptionId={latest?.chosenOptionId} />
              </TitledCard>
            )
          )}

          {allowed.includes('escalate') && (
            <TitledCard title="Escalate to the EPMO">
              <EscalatePanel
                pending={pending === 'escalate'}
                now={now}
                blockedBecause={dirty ? 'Save the analysis first.' : !readyToEscalate(signal) ? 'Complete and save the analysis first: context, two options and a recommendation.' : undefined}
                onEscalate={(body) => void act('escalate', () => api.escalate(signal.id, body))}
              />
            </TitledCard>
          )}

          {allowed.includes('decide') && (
            <TitledCard title="Decide">
              <DecisionPanel signal={signal} canDecide pending={pending === 'decide'} now={now} onDecide={(body) => void act('decide', () => api.decide(signal.id, body))} />
            </TitledCard>
          )}

          {signal.state !== 'raised' && triageCard}

          {decisions.length > 0 && (
            <TitledCard title={decisions.length === 1 ? 'Decision' : 'Decisions'}>
              <div className={styles.decisions}>
                {decisions.map((d) => (
                  <DecisionSummary key={d.id} decision={d} api={api} canDraft={d === latest && allowed.includes('createStrategyChange') && FINAL_OUTCOME_SET.has(d.outcome)} />
                ))}
                <Link href={decisionsHash()}>Open the decision log</Link>
              </div>
            </TitledCard>
          )}
          {signal.state === 'decided' && allowed.includes('close') && (
            <TitledCard title="Close when implemented">
              <ImplementedPanel pending={pending === 'close'} onClose={(comment) => void act('close', () => api.close(signal.id, { reason: 'decision_implemented', comment }))} />
            </TitledCard>
          )}
        </div>

        <div className={styles.column}>
          <TitledCard title="Origin">
            <SignalOrigin signal={signal} />
          </TitledCard>
          <TitledCard title="Timeline">
            <Timeline events={timeline} />
          </TitledCard>
        </div>
      </div>
    </>
  );
}
