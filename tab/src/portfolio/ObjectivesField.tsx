import { Checkbox, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { StrategicObjective } from './types';
import { type AlignmentProblems, type AlignmentValue, inPriorityOrder } from './work-item-edit';

const useStyles = makeStyles({
  fieldset: { border: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalXS },
  objective: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  weight: { width: '88px' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface ObjectivesFieldProps {
  /** The tenant's objectives, by priority. */
  readonly objectives: readonly StrategicObjective[];
  readonly value: readonly AlignmentValue[];
  readonly problems: AlignmentProblems;
  onChange(next: AlignmentValue[]): void;
}

/** Which objectives an item serves and how much (%), listed by the objectives' priority. */
export function ObjectivesField({ objectives, value, problems, onChange }: ObjectivesFieldProps) {
  const styles = useStyles();
  const weightOf = new Map(value.map((a) => [a.objectiveId, a.weight]));
  const used = value.reduce((n, a) => n + (Number(a.weight) || 0), 0);
  const toggle = (id: string, on: boolean) => {
    const rest = value.filter((a) => a.objectiveId !== id);
    // A newly ticked objective starts with what is left of 100%, so the total stays valid when it can.
    onChange(on ? inPriorityOrder([...rest, { objectiveId: id, weight: String(Math.max(1, 100 - used)) }], objectives) : rest);
  };
  const setWeight = (id: string, weight: string) => onChange(value.map((a) => (a.objectiveId === id ? { ...a, weight } : a)));
  // A retired objective takes no new alignment; an item already aligned to it keeps showing it.
  const offered = objectives.filter((o) => o.status !== 'retired' || weightOf.has(o.id));
  return (
    <fieldset className={styles.fieldset} aria-describedby={problems.total ? 'alignment-total' : undefined}>
      <legend className={styles.legend}>Objectives and contribution weights (%)</legend>
      {offered.map((o) => {
        const weight = weightOf.get(o.id);
        const problem = problems.byObjective.get(o.id);
        return (
          <div key={o.id} className={styles.objective}>
            <Checkbox label={`${o.code}: ${o.title}${o.status === 'retired' ? ' (retired)' : ''}`} checked={weight !== undefined} onChange={(_e, d) => toggle(o.id, d.checked === true)} />
            {weight !== undefined && (
              <Field validationState={problem ? 'error' : 'none'} validationMessage={problem}>
                <Input className={styles.weight} type="number" min={1} max={100} step={1} aria-label={`Weight of ${o.code}`} value={weight} onChange={(_e, d) => setWeight(o.id, d.value)} />
              </Field>
            )}
          </div>
        );
      })}
      {problems.total && (
        <Text id="alignment-total" role="alert" className={styles.error}>
          {problems.total}
        </Text>
      )}
    </fieldset>
  );
}
