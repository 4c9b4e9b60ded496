/** A labelled multi-select dropdown for list filters; an empty selection means "all". */
import { Dropdown, Field, Option, makeStyles } from '@fluentui/react-components';

const useStyles = makeStyles({
  filter: { minWidth: '150px', maxWidth: '220px' },
});

export interface MultiFilterProps<T extends string> {
  readonly label: string;
  /** Placeholder shown when nothing is selected, e.g. "All structures". */
  readonly all: string;
  readonly values: readonly T[];
  readonly labels: Readonly<Record<T, string>>;
  readonly selected: readonly T[];
  onChange(selected: T[]): void;
}

export function MultiFilter<T extends string>({ label, all, values, labels, selected, onChange }: MultiFilterProps<T>) {
  const styles = useStyles();
  return (
    <Field label={label}>
      <Dropdown
        className={styles.filter}
        multiselect
        placeholder={all}
        value={selected.map((v) => labels[v]).join(', ')}
        selectedOptions={[...selected]}
        onOptionSelect={(_e, data) => onChange(values.filter((v) => data.selectedOptions.includes(v)))}
      >
        {values.map((v) => (
          <Option key={v} value={v}>
            {labels[v]}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
