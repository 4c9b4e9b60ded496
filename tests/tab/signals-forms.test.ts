/** The signals tab's forms: analysis draft and validation, triage, escalation and decision rules. */
import { describe, expect, it } from '@jest/globals';
import { EMPTY_DECISION, validateDecision } from '../../tab/src/epmo/decision-form';
import {
  type AnalysisDraft,
  MAX_OPTIONS,
  addOption,
  countErrors,
  draftFromSignal,
  errorsFromServer,
  hasErrors,
  isDirty,
  readyToEscalate,
  removeOption,
  toSaveRequest,
  updateOption,
  validateAnalysis,
} from '../../tab/src/signals/analysis';
import { parseSignalNumber, validateTriage, validateWorkingDays } from '../../tab/src/signals/triage';
import type { Signal } from '../../tab/src/signals/types';

const NOW = Date.parse('2026-03-11T12:00:00.000Z');
const blankSignal: Pick<Signal, 'context' | 'options' | 'recommendation'> = { options: [] };
const analysed: Pick<Signal, 'context' | 'options' | 'recommendation'> = {
  context: { objectiveIds: ['obj-1'], schedule: 'high', cost: 'medium', benefit: 'low', risk: 'none', narrative: 'Vendor may fail.' },
  options: [
    { id: 'o1', title: 'Dual-source', description: 'Add a second vendor', impact: '+£200k' },
    { id: 'o2', title: 'Accept the risk', description: '', impact: 'None now' },
  ],
  recommendation: { optionId: 'o1', rationale: 'Cheaper than an outage', authorId: 'u', authorName: 'Priya Patel', at: '2026-03-10T09:00:00.000Z' },
};

function complete(): AnalysisDraft {
  let d = draftFromSignal(blankSignal);
  const [a, b] = d.options;
  d = updateOption(d, a!.key, { title: 'Dual-source', impact: '+£200k' });
  d = updateOption(d, b!.key, { title: 'Accept', impact: 'None' });
  return { ...d, objectiveIds: ['obj-1'], impacts: { schedule: 'high', cost: 'low', benefit: 'none', risk: 'medium' }, narrative: 'A single supplier.', recommendedKey: a!.key, rationale: 'Because' };
}

describe('the analysis form', () => {
  it('starts with two blank options and no impact chosen, or from what the signal holds', () => {
    const blank = draftFromSignal(blankSignal);
    expect(blank.options).toHaveLength(2);
    expect(blank.impacts).toEqual({ schedule: '', cost: '', benefit: '', risk: '' });
    const saved = draftFromSignal(analysed);
    expect(saved.options.map((o) => o.id)).toEqual(['o1', 'o2']);
    expect(saved.recommendedKey).toBe('o1');
    expect(saved.impacts.schedule).toBe('high');
  });

  it('asks for objectives, every impact, the context, two titled options with impacts, a recommendation and its rationale', () => {
    const errors = validateAnalysis(draftFromSignal(blankSignal));
    expect(errors.objectives).toBeDefined();
    expect(Object.keys(errors.impacts ?? {})).toEqual(['schedule', 'cost', 'benefit', 'risk']);
    expect(errors.narrative).toBeDefined();
    expect(Object.values(errors.option ?? {})).toHaveLength(2);
    expect(errors.recommendation).toBeDefined();
    expect(errors.rationale).toBeDefined();
    expect(countErrors(errors)).toBe(1 + 4 + 1 + 4 + 1 + 1);
    expect(hasErrors(validateAnalysis(complete()))).toBe(false);
    // The server refuses a context without words, so the form asks for them before sending.
    expect(validateAnalysis({ ...complete(), narrative: '  ' })).toEqual({ narrative: expect.stringMatching(/what the EPMO needs to know/) });
  });

  it("puts the server's problems beside the fields they name, options by position", () => {
    const d = complete();
    const errors = errorsFromServer(d, [
      { at: 'context.narrative', message: 'Required.' },
      { at: 'context.risk', message: 'Invalid option' },
      { at: 'options.1.impact', message: 'Required.' },
      { at: 'options.0.description', message: 'contains control or text-direction characters' },
      { at: 'recommendation.rationale', message: 'At most 2000 characters.' },
      { at: 'somewhere.else', message: 'Not a field of the form.' },
    ]);
    expect(errors).toEqual({
      narrative: 'Required.',
      impacts: { risk: 'Invalid option' },
      option: { [d.options[1]!.key]: { impact: 'Required.' }, [d.options[0]!.key]: { description: 'contains control or text-direction characters' } },
      rationale: 'At most 2000 characters.',
    });
    expect(countErrors(errors)).toBe(5);
  });

  it('adds and removes options, never below two or above the maximum, and clears a removed recommendation', () => {
    let d = complete();
    expect(removeOption(d, d.options[0]!.key)).toBe(d);
    d = addOption(d);
    expect(d.options).toHaveLength(3);
    const third = d.options[2]!.key;
    expect(validateAnalysis(d).option?.[third]).toEqual({ title: 'Give this option a title.', impact: 'Describe the impact of this option.' });
    const withoutRecommended = removeOption(d, d.recommendedKey);
    expect(withoutRecommended.options).toHaveLength(2);
    expect(withoutRecommended.recommendedKey).toBe('');
    for (let i = 0; i < 10; i++) d = addOption(d);
    expect(d.options).toHaveLength(MAX_OPTIONS);
  });

  it('saves the whole analysis with the recommendation by position and existing option ids kept', () => {
    const d = { ...draftFromSignal(analysed), recommendedKey: 'o2', rationale: '  Cheaper  ' };
    const body = toSaveRequest(addOption(updateOption(d, 'o2', { title: ' Accept the risk ' })));
    expect(body.context).toEqual({ objectiveIds: ['obj-1'], schedule: 'high', cost: 'medium', benefit: 'low', risk: 'none', narrative: 'Vendor may fail.' });
    expect(body.options.map((o) => o.id)).toEqual(['o1', 'o2', undefined]);
    expect(body.options[1]?.title).toBe('Accept the risk');
    expect(body.recommendation).toEqual({ optionIndex: 1, rationale: 'Cheaper' });
  });

  it('knows when there are unsaved edits and when the saved analysis is ready to escalate', () => {
    const saved = draftFromSignal(analysed);
    expect(isDirty(draftFromSignal(analysed), saved)).toBe(false);
    expect(isDirty(updateOption(saved, 'o1', { impact: 'more' }), saved)).toBe(true);
    expect(isDirty({ ...saved, recommendedKey: 'o2' }, saved)).toBe(true);
    expect(readyToEscalate(analysed)).toBe(true);
    expect(readyToEscalate({ ...analysed, recommendation: undefined })).toBe(false);
    expect(readyToEscalate(blankSignal)).toBe(false);
  });
});

describe('triage and escalation', () => {
  const draft = { choice: 'accept' as const, resolution: '', comment: '', duplicateOf: '' };

  it('needs a resolution to resolve locally and a reason to close', () => {
    expect(validateTriage(draft, 5)).toEqual({});
    expect(validateTriage({ ...draft, choice: 'resolve' }, 5).resolution).toBeDefined();
    expect(validateTriage({ ...draft, choice: 'resolve', resolution: 'Fixed in sprint 4' }, 5)).toEqual({});
    expect(validateTriage({ ...draft, choice: 'not_actionable' }, 5).comment).toBeDefined();
    expect(validateTriage({ ...draft, choice: 'duplicate' }, 5).comment).toBeDefined();
    expect(validateTriage({ ...draft, choice: 'duplicate', duplicateOf: 'S-3' }, 5)).toEqual({});
    expect(validateTriage({ ...draft, choice: 'duplicate', duplicateOf: 'S-5' }, 5).duplicateOf).toMatch(/itself/);
    expect(validateTriage({ ...draft, choice: 'duplicate', duplicateOf: 'three' }, 5).duplicateOf).toBeDefined();
  });

  it('reads signal numbers as people write them', () => {
    expect(parseSignalNumber('S-12')).toBe(12);
    expect(parseSignalNumber(' s12 ')).toBe(12);
    expect(parseSignalNumber('12')).toBe(12);
    expect(parseSignalNumber('0')).toBeUndefined();
    expect(parseSignalNumber('S-')).toBeUndefined();
  });

  it('takes the default decision time when empty, else 1 to 60 working days', () => {
    expect(validateWorkingDays('')).toBeUndefined();
    expect(validateWorkingDays('5')).toBeUndefined();
    expect(validateWorkingDays('0')).toBeDefined();
    expect(validateWorkingDays('2.5')).toBeDefined();
    expect(validateWorkingDays('61')).toBeDefined();
  });
});

describe('the decision panel', () => {
  const options = [{ id: 'o1' }, { id: 'o2' }];

  it('always asks for an outcome and a rationale', () => {
    expect(validateDecision(EMPTY_DECISION, options, 'o1', NOW)).toEqual({ outcome: 'Choose an outcome.', rationale: 'Give the rationale for this decision.' });
    expect(validateDecision({ ...EMPTY_DECISION, outcome: 'approve_recommended', rationale: 'Go' }, options, 'o1', NOW)).toEqual({});
    expect(validateDecision({ ...EMPTY_DECISION, outcome: 'reject', rationale: ' ' }, options, 'o1', NOW).rationale).toBeDefined();
  });

  it('needs another option to choose another option, and a future date to defer', () => {
    const other = { ...EMPTY_DECISION, outcome: 'choose_other' as const, rationale: 'Cheaper' };
    expect(validateDecision(other, options, 'o1', NOW).chosenOptionId).toBeDefined();
    expect(validateDecision({ ...other, chosenOptionId: 'o1' }, options, 'o1', NOW).chosenOptionId).toMatch(/recommended/);
    expect(validateDecision({ ...other, chosenOptionId: 'o2' }, options, 'o1', NOW)).toEqual({});
    const defer = { ...EMPTY_DECISION, outcome: 'defer' as const, rationale: 'Budget round' };
    expect(validateDecision(defer, options, 'o1', NOW).deferUntil).toBeDefined();
    expect(validateDecision({ ...defer, deferUntil: '2026-03-01' }, options, 'o1', NOW).deferUntil).toMatch(/future/);
    expect(validateDecision({ ...defer, deferUntil: '2026-04-01' }, options, 'o1', NOW)).toEqual({});
  });
});
