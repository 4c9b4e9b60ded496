import {
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, SaveRegular } from '@fluentui/react-icons';
import { useEffect, useId, useState } from 'react';
import type { ObjectivesResponse } from '../../../bot/api-contract/portfolio';
import { useFocusFirstInvalid } from '../shared/useFocusFirstInvalid';
import {
  type AnalysisDraft,
  type AnalysisErrors,
  type FieldProblem,
  type OptionErrors,
  IMPACT_DIMENSIONS,
  IMPACT_DIMENSION_LABELS,
  MAX_OPTIONS,
  MIN_OPTIONS,
  TEXT_MAX,
  TITLE_MAX,
  addOption,
  countErrors,
  errorsFromServer,
  hasErrors,
  removeOption,
  updateOption,
  validateAnalysis,
} from './analysis';
import { IMPACT_LABELS, IMPACT_LEVELS, type ImpactLevel } from './types';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalS },
  impacts: { display: 'grid', gridTemplateColumns: 'repeat(2, minmax(0, 1fr))', gap: tokens.spacingVerticalS, '@media (max-width: 1100px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  option: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  optionHead: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  optionFields: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: tokens.spacingHorizontalM },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  objectives: { maxWidth: '560px' },
});

export interface AnalysisFormProps {
  readonly draft: AnalysisDraft;
  readonly objectives: ObjectivesResponse;
  readonly saving: boolean;
  readonly dirty: boolean;
  /** Whether an analysis was saved before (so "all changes saved" is true). */
  readonly hasSaved: boolean;
  /** The server's problems with the last save, when it refused it (a new array for each refusal). */
  readonly refused?: readonly FieldProblem[] | undefined;
  onChange(draft: AnalysisDraft): void;
  onSave(draft: AnalysisDraft): void;
}

/**
 * The PMO lead's analysis: strategic context, two or more options with their impact, and the
 * recommendation. Checked on Save; messages appear beside the fields they are about.
 */
export function AnalysisForm({ draft, objectives, saving, dirty, hasSaved, refused, onChange, onSave }: AnalysisFormProps) {
  const styles = useStyles();
  const [errors, setErrors] = useState<AnalysisErrors | undefined>();
  const { formRef, refused: focusFirstInvalid } = useFocusFirstInvalid();
  const shown = errors ?? {};
  const objectiveLabel = (id: string) => {
    const o = objectives.find((x) => x.id === id);
    return o ? `${o.code} · ${o.title}` : id;
  };

  const change = (next: AnalysisDraft) => {
    onChange(next);
    // Once the user has tried to save, keep the messages in step with what they type.
    if (errors) setErrors(validateAnalysis(next));
  };

  const submit = () => {
    const found = validateAnalysis(draft);
    setErrors(found);
    if (hasErrors(found)) focusFirstInvalid();
    else onSave(draft);
  };

  // A refusal by the server is shown as the form's own checks are: beside each field it names,
  // the first of them focused. Run for each new refusal only; the draft it was about is the one on screen.
  useEffect(() => {
    if (!refused || refused.length === 0) return;
    const found = errorsFromServer(draft, refused);
    if (!hasErrors(found)) return;
    setErrors(found);
    focusFirstInvalid();
  }, [refused]);

  return (
    <form
      ref={formRef}
      className={styles.form}
      aria-label="Analysis"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <fieldset className={styles.section}>
        <legend className={styles.legend}>
          <Subtitle2>Strategic context</Subtitle2>
        </legend>
        <Field label="Objectives touched" required validationMessage={shown.objectives} hint="The strategic objectives this signal affects.">
          <Dropdown
            className={styles.objectives}
            multiselect
            placeholder="Choose objectives"
            value={draft.objectiveIds.map(objectiveLabel).join(', ')}
            selectedOptions={[...draft.objectiveIds]}
            onOptionSelect={(_e, data) => change({ ...draft, objectiveIds: objectives.filter((o) => data.selectedOptions.includes(o.id)).map((o) => o.id) })}
          >
            {objectives.map((o) => (
              <Option key={o.id} value={o.id} text={`${o.code} · ${o.title}`}>
                {o.code} · {o.title}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <div className={styles.impacts}>
          {IMPACT_DIMENSIONS.map((d) => (
            <Field key={d} label={`Impact on ${IMPACT_DIMENSION_LABELS[d].toLowerCase()}`} required validationMessage={shown.impacts?.[d]}>
              <RadioGroup
                layout="horizontal"
                value={draft.impacts[d]}
                onChange={(_e, data) => change({ ...draft, impacts: { ...draft.impacts, [d]: data.value as ImpactLevel } })}
              >
                {IMPACT_LEVELS.map((level) => (
                  <Radio key={level} value={level} label={IMPACT_LABELS[level]} />
                ))}
              </RadioGroup>
            </Field>
          ))}
        </div>
        <Field label="Context" required validationMessage={shown.narrative} hint="What the EPMO needs to know: why this matters now, what it depends on.">
          <Textarea resize="vertical" rows={3} maxLength={TEXT_MAX} value={draft.narrative} onChange={(_e, data) => change({ ...draft, narrative: data.value })} />
        </Field>
      </fieldset>

      <fieldset className={styles.section}>
        <legend className={styles.legend}>
          <Subtitle2>Options</Subtitle2>
        </legend>
        <Text className={styles.hint}>
          At least {MIN_OPTIONS} alternative courses of action, each with its impact (up to {MAX_OPTIONS}).
        </Text>
        {shown.options && (
          <MessageBar intent="error">
            <MessageBarBody>{shown.options}</MessageBarBody>
          </MessageBar>
        )}
        {draft.options.map((o, i) => (
          <OptionEditor
            key={o.key}
            index={i}
            option={o}
            errors={shown.option?.[o.key]}
            canRemove={draft.options.length > MIN_OPTIONS}
            onChange={(patch) => change(updateOption(draft, o.key, patch))}
            onRemove={() => change(removeOption(draft, o.key))}
          />
        ))}
        <div>
          <Button icon={<AddRegular />} disabled={draft.options.length >= MAX_OPTIONS} onClick={() => change(addOption(draft))}>
            Add option
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.section}>
        <legend className={styles.legend}>
          <Subtitle2>Recommendation</Subtitle2>
        </legend>
        <Field label="Recommended option" required validationMessage={shown.recommendation}>
          <RadioGroup value={draft.recommendedKey} onChange={(_e, data) => change({ ...draft, recommendedKey: data.value })}>
            {draft.options.map((o, i) => (
              <Radio key={o.key} value={o.key} label={o.title.trim() ? `Option ${i + 1}: ${o.title.trim()}` : `Option ${i + 1} (no title yet)`} />
            ))}
          </RadioGroup>
        </Field>
        <Field label="Rationale" required validationMessage={shown.rationale}>
          <Textarea resize="vertical" rows={3} maxLength={TEXT_MAX} value={draft.rationale} onChange={(_e, data) => change({ ...draft, rationale: data.value })} />
        </Field>
      </fieldset>

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" icon={<SaveRegular />} disabled={saving || !dirty}>
          {saving ? 'Saving…' : 'Save analysis'}
        </Button>
        <Text className={styles.hint} role="status">
          {errors && hasErrors(errors) ? `${countErrors(errors)} ${countErrors(errors) === 1 ? 'thing needs' : 'things need'} your attention.` : dirty ? 'Unsaved changes.' : hasSaved ? 'All changes saved.' : 'Not saved yet.'}
        </Text>
      </div>
    </form>
  );
}

interface OptionEditorProps {
  readonly index: number;
  readonly option: AnalysisDraft['options'][number];
  readonly errors: OptionErrors | undefined;
  readonly canRemove: boolean;
  onChange(patch: { title?: string; description?: string; impact?: string }): void;
  onRemove(): void;
}

function OptionEditor({ index, option, errors, canRemove, onChange, onRemove }: OptionEditorProps) {
  const styles = useStyles();
  const headingId = useId();
  const name = `Option ${index + 1}`;
  return (
    <section className={styles.option} aria-labelledby={headingId}>
      <div className={styles.optionHead}>
        <Subtitle2 id={headingId} as="h3">
          {name}
        </Subtitle2>
        <Button appearance="subtle" icon={<DeleteRegular />} disabled={!canRemove} onClick={onRemove} aria-label={`Remove ${name}`} title={canRemove ? `Remove ${name}` : `At least ${MIN_OPTIONS} options are needed`}>
          Remove
        </Button>
      </div>
      <Field label={`${name} title`} required validationMessage={errors?.title}>
        <Input maxLength={TITLE_MAX} value={option.title} onChange={(_e, data) => onChange({ title: data.value })} />
      </Field>
      <div className={styles.optionFields}>
        <Field label={`${name} description`} validationMessage={errors?.description}>
          <Textarea resize="vertical" rows={2} maxLength={TEXT_MAX} value={option.description} onChange={(_e, data) => onChange({ description: data.value })} />
        </Field>
        <Field label={`${name} impact`} required validationMessage={errors?.impact}>
          <Textarea resize="vertical" rows={2} maxLength={TEXT_MAX} value={option.impact} onChange={(_e, data) => onChange({ impact: data.value })} />
        </Field>
      </div>
    </section>
  );
}
