import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { SaveRegular, SendRegular } from '@fluentui/react-icons';
import { useCallback, useMemo } from 'react';
import { changeCard } from '../../../bot/changes/cards/change-card';
import type { ApiClient } from '../api/client';
import { BackLink } from '../shared/BackLink';
import { ErrorState } from '../shared/ErrorState';
import { Loaded } from '../shared/Loaded';
import { PageHeader } from '../shared/PageHeader';
import { changeHash, changesHash } from '../shared/route';
import { SURFACE } from '../shared/surface';
import { useLoad } from '../shared/useLoad';
import { AdaptiveCardView } from './AdaptiveCardView';
import type { ChangesApi } from './api';
import { previewModel } from './composer';
import { ComposerFields } from './ComposerFields';
import { DryRunPanel } from './DryRunPanel';
import { PublishDialog } from './PublishDialog';
import type { ChangeDetailResponse } from './types';
import { useComposer } from './useComposer';
import { useDryRun } from './useDryRun';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(340px, 480px)',
    gap: tokens.spacingHorizontalXXL,
    alignItems: 'start',
    '@media (max-width: 1000px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    ...SURFACE,
  },
  preview: { position: 'sticky', top: tokens.spacingVerticalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  h: { margin: 0 },
  subtle: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

export interface ComposerViewer {
  readonly displayName: string;
  readonly canDraft: boolean;
}

export interface ComposePageProps {
  readonly api: ApiClient;
  readonly changes: ChangesApi;
  /** A draft to edit, or a published change to prepare the next version of. */
  readonly changeId?: string | undefined;
  readonly viewer: ComposerViewer;
}

/** The EPMO composer: the change's fields, who it will reach, and the card exactly as Teams shows it. */
export function ComposePage({ api, changes, changeId, viewer }: ComposePageProps) {
  const styles = useStyles();
  if (!viewer.canDraft) {
    return (
      <div className={styles.page}>
        <BackLink hash={changesHash()} label="All strategy changes" />
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Only the EPMO drafts strategy changes</MessageBarTitle>
            You can follow the changes that reach your domain or your teams in the list of strategy changes.
          </MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return changeId ? <ExistingChange api={api} changes={changes} changeId={changeId} viewer={viewer} /> : <Composer key="new" api={api} changes={changes} viewer={viewer} />;
}

function ExistingChange({ api, changes, changeId, viewer }: ComposePageProps & { readonly changeId: string }) {
  const load = useCallback((signal: AbortSignal) => changes.get(changeId, signal), [changes, changeId]);
  const detail = useLoad(load);
  return (
    <Loaded state={detail} loading="Loading the strategy change…" failed="Could not load this strategy change" onRetry={detail.retry}>
      {({ data: base }) =>
        base.change.state === 'superseded' || base.change.state === 'withdrawn' || !base.canEdit ? (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>This change cannot be edited</MessageBarTitle>
              {base.canEdit ? `It is ${base.change.state}.` : 'You may not edit it.'} <Link href={changeHash(base.change.id)}>Open the change</Link>
            </MessageBarBody>
          </MessageBar>
        ) : (
          <Composer key={`${base.change.id}:${base.change.version}`} api={api} changes={changes} viewer={viewer} base={base} />
        )
      }
    </Loaded>
  );
}

interface ComposerProps {
  readonly api: ApiClient;
  readonly changes: ChangesApi;
  readonly viewer: ComposerViewer;
  readonly base?: ChangeDetailResponse;
}

function Composer({ api, changes, viewer, base }: ComposerProps) {
  const styles = useStyles();
  const composer = useComposer(changes, base);
  const { form, saved, superseding, version, pending } = composer;
  const loadObjectives = useCallback((signal: AbortSignal) => api.objectives(signal), [api]);
  const loadDomains = useCallback((signal: AbortSignal) => api.domains(signal), [api]);
  const objectives = useLoad(loadObjectives);
  const domains = useLoad(loadDomains);
  const dryRun = useDryRun(changes, form.objectiveIds, form.domainIds, true);

  const objectiveList = objectives.status === 'ready' ? objectives.data : undefined;
  const domainList = domains.status === 'ready' ? domains.data : undefined;
  // The dry run names every domain the change reaches; until it answers, the chosen ones.
  const domainNames = useMemo(() => {
    if (dryRun.status === 'ready') return dryRun.data.domains.map((d) => d.name);
    const byId = new Map((domainList ?? []).map((d) => [d.id, d.name]));
    return form.domainIds.map((id) => byId.get(id) ?? id);
  }, [dryRun, domainList, form.domainIds]);
  const card = useMemo(
    () =>
      changeCard({
        ...previewModel(form, {
          objectives: objectiveList ?? [],
          domainNames,
          authorName: superseding ? viewer.displayName : (saved?.change.authorName ?? viewer.displayName),
          version,
          ...(saved ? { changeId: saved.change.id } : {}),
        }),
        ...(saved ? { openUrl: saved.url } : {}),
      }),
    [form, objectiveList, domainNames, viewer.displayName, version, saved, superseding],
  );

  const verb = superseding ? `Publish version ${version}` : 'Publish';
  const busy = pending !== undefined;

  return (
    <div className={styles.page}>
      <BackLink hash={changesHash()} label="All strategy changes" />
      <PageHeader
        title={superseding && saved ? `New version of “${saved.change.title}”` : saved ? 'Edit draft' : 'New strategy change'}
        description={
          superseding && saved
            ? `Version ${version} replaces version ${saved.change.version} on every card already delivered, and goes to everyone it reaches.`
            : 'Every PMO and team whose work it touches gets it in Teams as a card they can acknowledge and assess.'
        }
      />

      <div className={styles.layout}>
        <div className={styles.column}>
          <form
            className={styles.form}
            aria-label="Strategy change"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              composer.requestPublish();
            }}
          >
            <ComposerFields form={form} set={composer.set} fieldError={composer.fieldError} disabled={busy} objectives={objectives} domains={domains} />
            {composer.error && !composer.confirming && (
              <ErrorState title={composer.failedAction === 'publish' ? 'Could not publish' : 'Could not save the draft'} message={composer.error} />
            )}
            {composer.notice && (
              <MessageBar intent="success">
                <MessageBarBody>{composer.notice}</MessageBarBody>
              </MessageBar>
            )}
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" icon={<SendRegular />} disabled={busy}>
                {verb}…
              </Button>
              {!superseding && (
                <Button icon={pending === 'save' ? <Spinner size="tiny" /> : <SaveRegular />} onClick={composer.save} disabled={busy}>
                  {pending === 'save' ? 'Saving…' : 'Save draft'}
                </Button>
              )}
              {composer.blocked && <Text className={styles.subtle}>Fix the marked fields first.</Text>}
            </div>
          </form>
          <DryRunPanel dryRun={dryRun} />
        </div>

        <aside className={styles.preview} aria-labelledby="card-preview">
          <Title3 as="h2" id="card-preview" className={styles.h}>
            Card preview
          </Title3>
          <Text className={styles.subtle}>Exactly what Teams shows, rendered with the Adaptive Cards renderer. Buttons do nothing here.</Text>
          <AdaptiveCardView card={card} label="Card preview" onAction={(title) => composer.setNotice(`Preview only: “${title}” sends nothing from here.`)} />
        </aside>
      </div>

      <PublishDialog
        open={composer.confirming}
        title={form.title.trim()}
        verb={verb}
        dryRun={dryRun}
        pending={pending === 'publish'}
        error={composer.error}
        onConfirm={composer.confirmPublish}
        onCancel={composer.cancelPublish}
      />
    </div>
  );
}
