/**
 * The composer's state: the form and its checks, the change as last saved, and saving a
 * draft or publishing it (one action at a time, its failure kept for display).
 */
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useNotify } from '../shared/notify';
import { changeHash, composeHash, navigate } from '../shared/route';
import type { ChangesApi } from './api';
import { type ComposerForm, changedFields, emptyForm, formFromChange, hasErrors, toDraftRequest, validateForm } from './composer';
import type { ChangeDetailResponse } from './types';

type Action = 'save' | 'publish';

export function useComposer(changes: ChangesApi, base: ChangeDetailResponse | undefined) {
  const [saved, setSaved] = useState<ChangeDetailResponse | undefined>(base);
  const [form, setForm] = useState<ComposerForm>(() => (base ? formFromChange(base.change) : emptyForm(Date.now())));
  const [showErrors, setShowErrors] = useState(false);
  const [pending, setPending] = useState<Action>();
  const [error, setError] = useState<string>();
  const [failedAction, setFailedAction] = useState<Action>();
  const [notice, setNotice] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const notify = useNotify();

  /** A published change is edited into its next version. */
  const superseding = saved?.change.state === 'published';
  const version = saved ? (superseding ? saved.change.version + 1 : saved.change.version) : 1;
  const errors = validateForm(form, Date.now());
  const fieldError = (field: keyof ComposerForm) => (showErrors ? errors[field] : undefined);
  const set = <K extends keyof ComposerForm>(field: K, value: ComposerForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setNotice(undefined);
  };

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

  const run = async (action: Action, work: () => Promise<void>) => {
    setPending(action);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setFailedAction(action);
      setError(errorMessage(e));
    } finally {
      setPending(undefined);
    }
  };

  const save = () => {
    setShowErrors(true);
    if (hasErrors(errors)) return;
    void run('save', async () => {
      await saveDraft();
      setNotice('Draft saved. Nothing has been sent yet.');
    });
  };

  /** Checks the form, then asks for confirmation (the dialog shows who it will reach). */
  const requestPublish = () => {
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
      notify(`Published “${published.change.title}”`, `Version ${published.change.version} is on its way to everyone it reaches; follow the cascade on this page.`);
      navigate(changeHash(published.change.id));
    });

  const cancelPublish = () => {
    setConfirming(false);
    setError(undefined);
  };

  return {
    form,
    set,
    fieldError,
    /** The form has errors and they are on show. */
    blocked: showErrors && hasErrors(errors),
    saved,
    superseding,
    version,
    pending,
    error,
    failedAction,
    notice,
    setNotice,
    confirming,
    save,
    requestPublish,
    confirmPublish,
    cancelPublish,
  };
}
