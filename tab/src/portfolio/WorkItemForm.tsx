import { Button, Dropdown, Field, Input, Option, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { DirectoryPerson } from '../../../bot/api-contract/people';
import { FailureBar } from '../shared/FailureBar';
import { useNotify } from '../shared/notify';
import { byPriority } from './filters';
import { ObjectivesField } from './ObjectivesField';
import { OwnerPicker } from './OwnerPicker';
import { SaveConflictBar } from './SaveConflictBar';
import { type MutationFailure, SaveConflict, type WorkItemCreate, type WorkItemEdit, toFailure } from './useWorkItemMutations';
import {
  type DeliveryMode,
  type HealthDimension,
  type Rag,
  type StrategicObjective,
  type Structure,
  type WorkItemView,
  DIMENSIONS,
  DIMENSION_LABELS,
  MODES,
  MODE_LABELS,
  RAGS,
  RAG_LABELS,
  STRUCTURES,
  STRUCTURE_LABELS,
} from './types';
import { type EditValues, alignmentOf, alignmentProblems, differences, editValues, hasProblems, isDirty, reapply, toPatch } from './work-item-edit';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

/**
 * `edit` saves against `base`, the version the edit applies to: the item the form opened with,
 * or the newer version after a save conflict.
 */
type Submit = { readonly kind: 'create'; onSubmit(input: WorkItemCreate): Promise<void> } | { readonly kind: 'edit'; readonly item: WorkItemView; onSubmit(patch: WorkItemEdit, base: WorkItemView): Promise<void> };

export type WorkItemFormProps = Submit & {
  readonly domainId: string;
  readonly objectives: readonly StrategicObjective[];
  /** The tenant's people, to choose the owner from (empty: the owner is typed). */
  readonly people: readonly DirectoryPerson[];
  onCancel(): void;
  /** Told whenever the form starts or stops holding changes the user would lose by closing it. */
  onDirtyChange?(dirty: boolean): void;
};

const BLANK: EditValues = {
  stage: '',
  owner: { displayName: '' },
  startDate: '',
  endDate: '',
  health: { schedule: 'unknown', cost: 'unknown', scope: 'unknown', benefit: 'unknown' },
  note: '',
  planned: '',
  realised: '',
  unit: '',
  objectives: [],
};

/** One form for a new work item (identity, plan, objectives) and for editing one (plan, objectives, health, note, benefits). */
export function WorkItemForm(props: WorkItemFormProps) {
  const styles = useStyles();
  const notify = useNotify();
  const [base, setBase] = useState<WorkItemView | undefined>(props.kind === 'edit' ? props.item : undefined);
  const [title, setTitle] = useState('');
  const [structure, setStructure] = useState<Structure>('project');
  const [mode, setMode] = useState<DeliveryMode>('traditional');
  const [values, setValues] = useState<EditValues>(() => (base ? editValues(base) : BLANK));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<MutationFailure>();
  const [conflict, setConflict] = useState<SaveConflict>();
  const set = <K extends keyof EditValues>(field: K, value: EditValues[K]) => setValues((v) => ({ ...v, [field]: value }));
  const setHealth = (dim: HealthDimension, rag: Rag) => setValues((v) => ({ ...v, health: { ...v.health, [dim]: rag } }));

  // Whoever pressed Edit lands in the form's first field, not on the page body. (A new item's
  // form opens in a fresh drawer, which focuses its own first control.)
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const objectives = useMemo(() => byPriority(props.objectives), [props.objectives]);
  const problems = alignmentProblems(values.objectives, objectives);
  const formRef = useRef<HTMLFormElement>(null);
  const dirty = base ? isDirty(values, editValues(base)) : title.trim() !== '' || isDirty(values, BLANK);
  const { onDirtyChange } = props;
  // In the commit, not after paint: an Escape pressed right after typing must already know.
  useLayoutEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);

  const save = async (next: EditValues, on: WorkItemView | undefined) => {
    setBusy(true);
    setFailure(undefined);
    try {
      if (props.kind === 'create') {
        const owner = { ...(next.owner.userId ? { userId: next.owner.userId } : {}), displayName: next.owner.displayName.trim() };
        await props.onSubmit({ domainId: props.domainId, title: title.trim(), structure, mode, stage: next.stage.trim(), owner, startDate: next.startDate, endDate: next.endDate, objectives: alignmentOf(next.objectives) });
        notify(`Created “${title.trim()}”`);
      } else if (on) {
        await props.onSubmit(toPatch(next, on), on);
        notify(`Saved “${on.title}”`, 'The portfolio shows the new status.');
      }
    } catch (error) {
      if (error instanceof SaveConflict) setConflict(error);
      else setFailure(toFailure(error));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (hasProblems(problems)) {
      // The messages are on screen already; take the user to the first weight to fix.
      formRef.current?.querySelector<HTMLInputElement>('input[aria-invalid="true"], input[aria-label^="Weight of"]')?.focus();
      return;
    }
    void save(values, base);
  };

  /** The user's changes (made on `base`) on top of the newer version, saved against it. */
  const reapplyMine = () => {
    if (!conflict || !base) return;
    const merged = reapply(values, editValues(base), editValues(conflict.current));
    setValues(merged);
    setBase(conflict.current);
    setConflict(undefined);
    void save(merged, conflict.current);
  };

  const discardMine = () => {
    if (!conflict) return;
    setValues(editValues(conflict.current));
    setBase(conflict.current);
    setConflict(undefined);
    first.current?.focus();
  };

  const isCreate = props.kind === 'create';
  return (
    <form ref={formRef} className={styles.form} onSubmit={submit} aria-label={isCreate ? 'New work item' : 'Edit work item'}>
      {failure && <FailureBar failure={failure} />}
      {conflict && base && (
        <SaveConflictBar
          conflict={conflict}
          since={base.updatedAt}
          theirs={differences(editValues(base), editValues(conflict.current), objectives)}
          busy={busy}
          onReapply={reapplyMine}
          onDiscard={discardMine}
        />
      )}
      {isCreate && (
        <>
          <Field label="Title" required>
            <Input value={title} onChange={(_e, d) => setTitle(d.value)} />
          </Field>
          <div className={styles.row}>
            <Field label="Structure">
              <Dropdown value={STRUCTURE_LABELS[structure]} selectedOptions={[structure]} onOptionSelect={(_e, d) => d.optionValue && setStructure(d.optionValue as Structure)}>
                {STRUCTURES.map((s) => (
                  <Option key={s} value={s}>
                    {STRUCTURE_LABELS[s]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label="Mode">
              <Dropdown value={MODE_LABELS[mode]} selectedOptions={[mode]} onOptionSelect={(_e, d) => d.optionValue && setMode(d.optionValue as DeliveryMode)}>
                {MODES.map((m) => (
                  <Option key={m} value={m}>
                    {MODE_LABELS[m]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
          </div>
        </>
      )}
      <div className={styles.row}>
        <Field label="Stage" required>
          <Input ref={isCreate ? undefined : first} value={values.stage} onChange={(_e, d) => set('stage', d.value)} />
        </Field>
        <Field label="Owner" required>
          <OwnerPicker value={values.owner} people={props.people} onChange={(owner) => set('owner', owner)} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Start date" required>
          <Input type="date" value={values.startDate} onChange={(_e, d) => set('startDate', d.value)} />
        </Field>
        <Field label="End date" required>
          <Input type="date" value={values.endDate} onChange={(_e, d) => set('endDate', d.value)} />
        </Field>
      </div>
      {objectives.length > 0 && <ObjectivesField objectives={objectives} value={values.objectives} problems={problems} onChange={(next) => set('objectives', next)} />}
      {!isCreate && (
        <>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Health</legend>
            <div className={styles.row}>
              {DIMENSIONS.map((dim) => (
                <Field key={dim} label={`${DIMENSION_LABELS[dim]} health`}>
                  <Dropdown value={RAG_LABELS[values.health[dim]]} selectedOptions={[values.health[dim]]} onOptionSelect={(_e, d) => d.optionValue && setHealth(dim, d.optionValue as Rag)}>
                    {RAGS.map((r) => (
                      <Option key={r} value={r}>
                        {RAG_LABELS[r]}
                      </Option>
                    ))}
                  </Dropdown>
                </Field>
              ))}
            </div>
          </fieldset>
          <Field label="Status note">
            <Textarea value={values.note} onChange={(_e, d) => set('note', d.value)} resize="vertical" />
          </Field>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Benefits</legend>
            <div className={styles.row}>
              <Field label="Planned benefit">
                <Input type="number" min={0} value={values.planned} onChange={(_e, d) => set('planned', d.value)} />
              </Field>
              <Field label="Realised benefit">
                <Input type="number" min={0} value={values.realised} onChange={(_e, d) => set('realised', d.value)} />
              </Field>
            </div>
            <Field label="Benefit unit" hint="e.g. GBP k, hours/month">
              <Input value={values.unit} onChange={(_e, d) => set('unit', d.value)} />
            </Field>
          </fieldset>
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || conflict !== undefined}>
          {busy ? 'Saving…' : isCreate ? 'Create' : 'Save'}
        </Button>
        <Button onClick={props.onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
