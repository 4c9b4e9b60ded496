import { Dropdown, Field, Input, Option, Radio, RadioGroup, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import type { DomainsResponse, ObjectivesResponse } from '../../../bot/api-contract/portfolio';
import { utcDay } from '../shared/dates';
import type { Loadable } from '../shared/useLoad';
import { type ComposerForm, TITLE_MAX } from './composer';
import { CHANGE_KIND_LABELS, KINDS, REQUIRED_RESPONSES, REQUIRED_RESPONSE_LABELS, type ChangeKind, type RequiredResponse } from './types';

const useStyles = makeStyles({
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: tokens.spacingHorizontalL },
});

export interface ComposerFieldsProps {
  readonly form: ComposerForm;
  set<K extends keyof ComposerForm>(field: K, value: ComposerForm[K]): void;
  /** The field's error, once errors are on show. */
  fieldError(field: keyof ComposerForm): string | undefined;
  readonly disabled: boolean;
  /** The choices of the targeting fields. */
  readonly objectives: Loadable<ObjectivesResponse>;
  readonly domains: Loadable<DomainsResponse>;
}

/** The strategy change's fields: what it says, whom it targets, and what it asks of them. */
export function ComposerFields({ form, set, fieldError, disabled, objectives, domains }: ComposerFieldsProps) {
  const styles = useStyles();
  const objectiveList = objectives.status === 'ready' ? objectives.data : [];
  const domainList = domains.status === 'ready' ? domains.data : [];
  return (
    <>
      <Field label="Title" required validationMessage={fieldError('title')} hint={`${form.title.trim().length}/${TITLE_MAX}`}>
        <Input value={form.title} maxLength={TITLE_MAX + 20} onChange={(_e, d) => set('title', d.value)} disabled={disabled} />
      </Field>
      <div className={styles.row}>
        <Field label="Kind" required>
          <Dropdown value={CHANGE_KIND_LABELS[form.kind]} selectedOptions={[form.kind]} onOptionSelect={(_e, d) => d.optionValue && set('kind', d.optionValue as ChangeKind)} disabled={disabled}>
            {KINDS.map((k) => (
              <Option key={k} value={k}>
                {CHANGE_KIND_LABELS[k]}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Respond by" required validationMessage={fieldError('respondBy')}>
          <Input type="date" value={form.respondBy} min={utcDay(Date.now())} onChange={(_e, d) => set('respondBy', d.value)} disabled={disabled} />
        </Field>
      </div>
      <Field label="Summary" required validationMessage={fieldError('summary')} hint="Markdown: **bold**, _italics_, lists and links show on the card.">
        <Textarea value={form.summary} rows={7} resize="vertical" onChange={(_e, d) => set('summary', d.value)} disabled={disabled} />
      </Field>
      <div className={styles.row}>
        <Field label="Affected objectives" validationMessage={fieldError('objectiveIds') ?? (objectives.status === 'error' ? objectives.message : undefined)}>
          <Dropdown
            multiselect
            placeholder={objectives.status === 'loading' ? 'Loading objectives…' : 'Choose objectives'}
            value={form.objectiveIds.map((id) => objectiveList.find((o) => o.id === id)?.code ?? id).join(', ')}
            selectedOptions={[...form.objectiveIds]}
            onOptionSelect={(_e, d) => set('objectiveIds', d.selectedOptions)}
            disabled={disabled}
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
            disabled={disabled}
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
        <RadioGroup layout="horizontal" value={form.requiredResponse} onChange={(_e, d) => set('requiredResponse', d.value as RequiredResponse)} disabled={disabled}>
          {REQUIRED_RESPONSES.map((r) => (
            <Radio key={r} value={r} label={REQUIRED_RESPONSE_LABELS[r]} />
          ))}
        </RadioGroup>
      </Field>
    </>
  );
}
