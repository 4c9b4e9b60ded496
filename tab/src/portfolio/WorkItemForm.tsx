import { Button, Checkbox, Dropdown, Field, Input, Option, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { FailureBar } from '../shared/FailureBar';
import { type MutationFailure, type WorkItemCreate, type WorkItemEdit, toFailure } from './useWorkItemMutations';
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

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  objective: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  weight: { width: '88px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

type Submit = { readonly kind: 'create'; onSubmit(input: WorkItemCreate): Promise<void> } | { readonly kind: 'edit'; readonly item: WorkItemView; onSubmit(patch: WorkItemEdit): Promise<void> };

export type WorkItemFormProps = Submit & {
  readonly domainId: string;
  readonly objectives: readonly StrategicObjective[];
  onCancel(): void;
};

const num = (s: string): number => (s.trim() === '' ? NaN : Number(s));

/** Objectives as the EPMO ranks them: by priority, then by code (`OBJ-2` before `OBJ-10`). */
const byPriority = (a: StrategicObjective, b: StrategicObjective): number =>
  a.priority - b.priority || a.code.localeCompare(b.code, undefined, { numeric: true });

/** One form for a new work item (identity, plan, objectives) and for editing one (plan, health, note, benefits). */
export function WorkItemForm(props: WorkItemFormProps) {
  const styles = useStyles();
  const item = props.kind === 'edit' ? props.item : undefined;
  const [title, setTitle] = useState('');
  const [structure, setStructure] = useState<Structure>('project');
  const [mode, setMode] = useState<DeliveryMode>('traditional');
  const [stage, setStage] = useState(item?.stage ?? '');
  const [owner, setOwner] = useState(item?.owner.displayName ?? '');
  const [startDate, setStartDate] = useState(item?.startDate ?? '');
  const [endDate, setEndDate] = useState(item?.endDate ?? '');
  const [weights, setWeights] = useState<Readonly<Record<string, string>>>({});
  const [health, setHealth] = useState<Readonly<Record<HealthDimension, Rag>>>(item?.health ?? { schedule: 'unknown', cost: 'unknown', scope: 'unknown', benefit: 'unknown' });
  const [note, setNote] = useState(item?.statusNote ?? '');
  const [planned, setPlanned] = useState(item?.benefits ? String(item.benefits.planned.value) : '');
  const [realised, setRealised] = useState(item?.benefits ? String(item.benefits.realised.value) : '');
  const [unit, setUnit] = useState(item?.benefits?.planned.unit ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<MutationFailure>();

  const ownerPerson = () => (item && owner.trim() === item.owner.displayName ? item.owner : { displayName: owner.trim() });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      if (props.kind === 'create') {
        const objectives = Object.entries(weights).map(([objectiveId, w]) => ({ objectiveId, weight: num(w) }));
        await props.onSubmit({ domainId: props.domainId, title: title.trim(), structure, mode, stage: stage.trim(), owner: ownerPerson(), startDate, endDate, objectives });
      } else {
        const hasBenefits = planned.trim() !== '' || realised.trim() !== '';
        await props.onSubmit({
          stage: stage.trim(),
          owner: ownerPerson(),
          startDate,
          endDate,
          health,
          statusNote: note.trim(),
          ...(hasBenefits ? { benefits: { planned: { value: num(planned || '0'), unit: unit.trim() }, realised: { value: num(realised || '0'), unit: unit.trim() } } } : {}),
        });
      }
    } catch (error) {
      setFailure(toFailure(error));
    } finally {
      setBusy(false);
    }
  };

  const isCreate = props.kind === 'create';
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} aria-label={isCreate ? 'New work item' : 'Edit work item'}>
      {failure && <FailureBar failure={failure} />}
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
          <Input value={stage} onChange={(_e, d) => setStage(d.value)} />
        </Field>
        <Field label="Owner" required>
          <Input value={owner} onChange={(_e, d) => setOwner(d.value)} />
        </Field>
      </div>
      <div className={styles.row}>
        <Field label="Start date" required>
          <Input type="date" value={startDate} onChange={(_e, d) => setStartDate(d.value)} />
        </Field>
        <Field label="End date" required>
          <Input type="date" value={endDate} onChange={(_e, d) => setEndDate(d.value)} />
        </Field>
      </div>
      {isCreate && props.objectives.length > 0 && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.legend}>Objectives and contribution weights (%)</legend>
          {[...props.objectives].sort(byPriority).map((o) => {
            const weight = weights[o.id];
            return (
              <div key={o.id} className={styles.objective}>
                <Checkbox
                  label={`${o.code}: ${o.title}`}
                  checked={weight !== undefined}
                  onChange={(_e, d) =>
                    setWeights((w) => {
                      const { [o.id]: _drop, ...rest } = w;
                      return d.checked ? { ...rest, [o.id]: '100' } : rest;
                    })
                  }
                />
                {weight !== undefined && (
                  <Input className={styles.weight} type="number" min={1} max={100} aria-label={`Weight of ${o.code}`} value={weight} onChange={(_e, d) => setWeights((w) => ({ ...w, [o.id]: d.value }))} />
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      {!isCreate && (
        <>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Health</legend>
            <div className={styles.row}>
              {DIMENSIONS.map((dim) => (
                <Field key={dim} label={`${DIMENSION_LABELS[dim]} health`}>
                  <Dropdown value={RAG_LABELS[health[dim]]} selectedOptions={[health[dim]]} onOptionSelect={(_e, d) => d.optionValue && setHealth((h) => ({ ...h, [dim]: d.optionValue as Rag }))}>
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
            <Textarea value={note} onChange={(_e, d) => setNote(d.value)} resize="vertical" />
          </Field>
          <fieldset className={styles.fieldset}>
            <legend className={styles.legend}>Benefits</legend>
            <div className={styles.row}>
              <Field label="Planned benefit">
                <Input type="number" min={0} value={planned} onChange={(_e, d) => setPlanned(d.value)} />
              </Field>
              <Field label="Realised benefit">
                <Input type="number" min={0} value={realised} onChange={(_e, d) => setRealised(d.value)} />
              </Field>
            </div>
            <Field label="Benefit unit" hint="e.g. GBP k, hours/month">
              <Input value={unit} onChange={(_e, d) => setUnit(d.value)} />
            </Field>
          </fieldset>
        </>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? 'Saving…' : isCreate ? 'Create' : 'Save'}
        </Button>
        <Button onClick={props.onCancel} disabled={busy}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
