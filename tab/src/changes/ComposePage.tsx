import {
  Body1,
  Button,
  Dropdown,
  Field,
  Input,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  Text,
  Textarea,
  Title2,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowLeftRegular, SaveRegular, SendRegular } from '@fluentui/react-icons';
import { useCallback, useMemo, useState } from 'react';
import { changeCard } from '../../../bot/changes/cards/change-card';
import { type ApiClient, errorMessage } from '../api/client';
import { useLoad } from '../shared/useLoad';
import { utcDay } from '../shared/dates';
import { ErrorState } from '../shared/ErrorState';
import { Loaded } from '../shared/Loaded';
import { changeHash, changesHash, composeHash, navigate } from '../shared/route';
import { AdaptiveCardView } from './AdaptiveCardView';
import type { ChangesApi } from './api';
import { type ComposerForm, TITLE_MAX, changedFields, emptyForm, formFromChange, hasErrors, previewModel, toDraftRequest, validateForm } from './composer';
import { DryRunPanel } from './DryRunPanel';
import { PublishDialog } from './PublishDialog';
import { CHANGE_KIND_LABELS, KINDS, REQUIRED_RESPONSES, REQUIRED_RESPONSE_LABELS, type ChangeDetailResponse, type ChangeKind, type RequiredResponse } from './types';
import { useDryRun } from './useDryRun';
import { useLive } from '../shared/useLive';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  back: { alignSelf: 'flex-start' },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
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
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: tokens.spacingHorizontalL },
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
        <BackLink />
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
  const detail = useLive(load, () => undefined);
  return (
    <Loaded state={detail.state} loading="Loading the strategy change…" failed="Could not load this strategy change" onRetry={detail.reload}>
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

type Pending = 'save' | 'publish' | undefined;

interface ComposerProps {
  readonly api: ApiClient;
  readonly changes: ChangesApi;
  readonly viewer: ComposerViewer;
  readonly base?: ChangeDetailResponse;
}

function Composer({ api, changes, viewer, base }: ComposerProps) {
  const styles = useStyles();
  const [saved, setSaved] = useState<ChangeDetailResponse | undefined>(base);
  const superseding = saved?.change.state === 'published';
  const [form, setForm] = useState<ComposerForm>(() => (base ? formFromChange(base.change) : emptyForm(Date.now())));
  const [showErrors, setShowErrors] = useState(false);
  const [pending, setPending] = useState<Pending>();
  const [error, setError] = useState<string>();
  const [failedAction, setFailedAction] = useState<Pending>();
  const [notice, setNotice] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  const loadObjectives = useCallback((signal: AbortSignal) => api.objectives(signal), [api]);
  const loadDomains = useCallback((signal: AbortSignal) => api.domains(signal), [api]);
  const objectives = useLoad(loadObjectives);
  const domains = useLoad(loadDomains);
  const dryRun = useDryRun(changes, form.objectiveIds, form.domainIds, true);

  const errors = validateForm(form, Date.now());
  const fieldError = (field: keyof ComposerForm) => (showErrors ? errors[field] : undefined);
  const set = <K extends keyof ComposerForm>(field: K, value: ComposerForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setNotice(undefined);
  };

  const objectiveList = objectives.status === 'ready' ? objectives.data : [];
  const domainList = domains.status === 'ready' ? domains.data : [];
  const domainNames = useMemo(() => {
    if (dryRun.status === 'ready') return dryRun.data.domains.map((d) => d.name);
    const byId = new Map(domainList.map((d) => [d.id, d.name]));
    return form.domainIds.map((id) => byId.get(id) ?? id);
  }, [dryRun, domainList, form.domainIds]);

  const version = saved ? (superseding ? saved.change.version + 1 : saved.change.version) : 1;
  const card = useMemo(
    () =>
      changeCard({
        ...previewModel(form, {
          objectives: objectiveList,
          domainNames,
          authorName: superseding ? viewer.displayName : (saved?.change.authorName ?? viewer.displayName),
          version,
          ...(saved ? { changeId: saved.change.id } : {}),
        }),
        ...(saved ? { openUrl: saved.url } : {}),
      }),
    [form, objectiveList, domainNames, viewer.displayName, version, saved, superseding],
  );

  /** Saves the form as a draft (creating it the first time); returns the saved change. */
  const saveDraft = async (): Promise<ChangeDetailResponse> => {
    if (!saved) {
      const created = await changes.create(toDraftRequest(form));
      setSaved(created);
      // The address now names the draft, so a reload edits it rather than starting afresh.
      window.history.replaceState(null, '', composeHash(created.change.id));
      return created;
    }
    const patch = changedFields(form, saved.change);
    if (Object.keys(patch).length === 0) return saved;
    const updated = await changes.update(saved.change.id, saved.etag, patch);
    setSaved(updated);
    return updated;
  };

  const run = async (kind: Exclude<Pending, undefined>, action: () => Promise<void>) => {
    setPending(kind);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setFailedAction(kind);
      setError(errorMessage(e));
    } finally {
      setPending(undefined);
    }
  };

  const onSave = () => {
    setShowErrors(true);
    if (hasErrors(errors)) return;
    void run('save', async () => {
      await saveDraft();
      setNotice('Draft saved. Nothing has been sent yet.');
    });
  };

  const onPublish = () => {
    setShowErrors(true);
    if (hasErrors(errors)) return;
    setError(undefined);
    setConfirming(true);
  };

  const confirmPublish = () =>
    void run('publish', async () => {
      let published: ChangeDetailResponse;
      if (saved && superseding) published = await changes.supersede(saved.change.id, saved.etag, changedFields(form, saved.change));
      else {
        const draft = await saveDraft();
        published = await changes.publish(draft.change.id, draft.etag);
      }
      setConfirming(false);
      navigate(changeHash(published.change.id));
    });

  const verb = superseding ? `Publish version ${version}` : 'Publish';
  const busy = pending !== undefined;

  return (
    <div className={styles.page}>
      <BackLink />
      <header className={styles.titles}>
        <Title2 as="h1" className={styles.heading}>
          {superseding ? `New version of “${saved.change.title}”` : saved ? 'Edit draft' : 'New strategy change'}
        </Title2>
        <Body1 className={styles.description}>
          {superseding
            ? `Version ${version} replaces version ${saved.change.version} on every card already delivered, and goes to everyone it reaches.`
            : 'Every PMO and team whose work it touches gets it in Teams as a card they can acknowledge and assess.'}
        </Body1>
      </header>

      <div className={styles.layout}>
        <div className={styles.column}>
          <form
            className={styles.form}
            aria-label="Strategy change"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              onPublish();
            }}
          >
            <Field label="Title" required validationMessage={fieldError('title')} hint={`${form.title.trim().length}/${TITLE_MAX}`}>
              <Input value={form.title} maxLength={TITLE_MAX + 20} onChange={(_e, d) => set('title', d.value)} disabled={busy} />
            </Field>
            <div className={styles.row}>
              <Field label="Kind" required>
                <Dropdown value={CHANGE_KIND_LABELS[form.kind]} selectedOptions={[form.kind]} onOptionSelect={(_e, d) => d.optionValue && set('kind', d.optionValue as ChangeKind)} disabled={busy}>
                  {KINDS.map((k) => (
                    <Option key={k} value={k}>
                      {CHANGE_KIND_LABELS[k]}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Field label="Respond by" required validationMessage={fieldError('respondBy')}>
                <Input type="date" value={form.respondBy} min={utcDay(Date.now())} onChange={(_e, d) => set('respondBy', d.value)} disabled={busy} />
              </Field>
            </div>
            <Field label="Summary" required validationMessage={fieldError('summary')} hint="Markdown: **bold**, _italics_, lists and links show on the card.">
              <Textarea value={form.summary} rows={7} resize="vertical" onChange={(_e, d) => set('summary', d.value)} disabled={busy} />
            </Field>
            <div className={styles.row}>
              <Field label="Affected objectives" validationMessage={fieldError('objectiveIds') ?? (objectives.status === 'error' ? objectives.message : undefined)}>
                <Dropdown
                  multiselect
                  placeholder={objectives.status === 'loading' ? 'Loading objectives…' : 'Choose objectives'}
                  value={form.objectiveIds.map((id) => objectiveList.find((o) => o.id === id)?.code ?? id).join(', ')}
                  selectedOptions={[...form.objectiveIds]}
                  onOptionSelect={(_e, d) => set('objectiveIds', d.selectedOptions)}
                  disabled={busy}
                >
                  {objectiveList.map((o) => (
                    <Option key={o.id} value={o.id} text={`${o.code} ${o.title}`}>
                      {`${o.code} · ${o.title}`}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Field label="Affected domains" hint="Domains of the chosen objectives are included anyway." validationMessage={domains.status === 'error' ? domains.message : undefined}>
                <Dropdown
                  multiselect
                  placeholder={domains.status === 'loading' ? 'Loading domains…' : 'Choose domains'}
                  value={form.domainIds.map((id) => domainList.find((d) => d.id === id)?.name ?? id).join(', ')}
                  selectedOptions={[...form.domainIds]}
                  onOptionSelect={(_e, d) => set('domainIds', d.selectedOptions)}
                  disabled={busy}
                >
                  {domainList.map((d) => (
                    <Option key={d.id} value={d.id}>
                      {d.name}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
            </div>
            <Field label="Required response">
              <RadioGroup layout="horizontal" value={form.requiredResponse} onChange={(_e, d) => set('requiredResponse', d.value as RequiredResponse)} disabled={busy}>
                {REQUIRED_RESPONSES.map((r) => (
                  <Radio key={r} value={r} label={REQUIRED_RESPONSE_LABELS[r]} />
                ))}
              </RadioGroup>
            </Field>

            {error && !confirming && <ErrorState title={failedAction === 'publish' ? 'Could not publish' : 'Could not save the draft'} message={error} />}
            {notice && (
              <MessageBar intent="success">
                <MessageBarBody>{notice}</MessageBarBody>
              </MessageBar>
            )}
            <div className={styles.actions}>
              <Button type="submit" appearance="primary" icon={<SendRegular />} disabled={busy}>
                {verb}…
              </Button>
              {!superseding && (
                <Button icon={pending === 'save' ? <Spinner size="tiny" /> : <SaveRegular />} onClick={onSave} disabled={busy}>
                  {pending === 'save' ? 'Saving…' : 'Save draft'}
                </Button>
              )}
              {showErrors && hasErrors(errors) && <Text className={styles.subtle}>Fix the marked fields first.</Text>}
            </div>
          </form>
          <DryRunPanel dryRun={dryRun} />
        </div>

        <aside className={styles.preview} aria-labelledby="card-preview">
          <Title3 as="h2" id="card-preview" className={styles.h}>
            Card preview
          </Title3>
          <Text className={styles.subtle}>Exactly what Teams shows, rendered with the Adaptive Cards renderer. Buttons do nothing here.</Text>
          <AdaptiveCardView card={card} label="Card preview" onAction={(title) => setNotice(`Preview only: “${title}” sends nothing from here.`)} />
        </aside>
      </div>

      <PublishDialog
        open={confirming}
        title={form.title.trim()}
        verb={verb}
        dryRun={dryRun}
        pending={pending === 'publish'}
        error={error}
        onConfirm={confirmPublish}
        onCancel={() => {
          setConfirming(false);
          setError(undefined);
        }}
      />
    </div>
  );
}

function BackLink() {
  const styles = useStyles();
  return (
    <Link
      className={styles.back}
      href={changesHash()}
      onClick={(e) => {
        e.preventDefault();
        navigate(changesHash());
      }}
    >
      <ArrowLeftRegular aria-hidden /> All strategy changes
    </Link>
  );
}
