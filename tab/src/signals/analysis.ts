/**
 * The analysis form's pure logic: the editable draft, how it is built from a signal, and
 * what must be filled before saving and before escalating (PRODUCT.md §4, *Analysing*).
 */
import type { SaveAnalysisRequest } from '../../../bot/api-contract/signals';
import type { ImpactLevel, Signal } from './types';

export const IMPACT_DIMENSIONS = ['schedule', 'cost', 'benefit', 'risk'] as const;
export type ImpactDimension = (typeof IMPACT_DIMENSIONS)[number];

export const IMPACT_DIMENSION_LABELS: Readonly<Record<ImpactDimension, string>> = {
  schedule: 'Schedule',
  cost: 'Cost',
  benefit: 'Benefit',
  risk: 'Risk',
};

export interface OptionDraft {
  /** Local key for React and for the recommendation; the server's id when it has one. */
  readonly key: string;
  /** The server's option id, for options that were saved before. */
  readonly id?: string;
  readonly title: string;
  readonly description: string;
  readonly impact: string;
}

export interface AnalysisDraft {
  readonly objectiveIds: readonly string[];
  /** `''` until the PMO lead chooses a level: no silent "none". */
  readonly impacts: Readonly<Record<ImpactDimension, ImpactLevel | ''>>;
  readonly narrative: string;
  readonly options: readonly OptionDraft[];
  /** The key of the recommended option, or `''`. */
  readonly recommendedKey: string;
  readonly rationale: string;
}

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;

let nextKey = 0;
/** A fresh key for an option added in this session. */
const newOptionKey = (): string => `new-${++nextKey}`;

const emptyOption = (key: string = newOptionKey()): OptionDraft => ({ key, title: '', description: '', impact: '' });

/** The form's starting point: what the signal already holds, else two blank options. */
export function draftFromSignal(signal: Pick<Signal, 'context' | 'options' | 'recommendation'>): AnalysisDraft {
  const options: OptionDraft[] = signal.options.map((o) => ({ key: o.id, id: o.id, title: o.title, description: o.description, impact: o.impact }));
  while (options.length < MIN_OPTIONS) options.push(emptyOption());
  const ctx = signal.context;
  return {
    objectiveIds: ctx?.objectiveIds ?? [],
    impacts: {
      schedule: ctx?.schedule ?? '',
      cost: ctx?.cost ?? '',
      benefit: ctx?.benefit ?? '',
      risk: ctx?.risk ?? '',
    },
    narrative: ctx?.narrative ?? '',
    options,
    recommendedKey: signal.recommendation && options.some((o) => o.key === signal.recommendation?.optionId) ? signal.recommendation.optionId : '',
    rationale: signal.recommendation?.rationale ?? '',
  };
}

export interface OptionErrors {
  readonly title?: string;
  readonly description?: string;
  readonly impact?: string;
}

export interface AnalysisErrors {
  readonly objectives?: string;
  readonly impacts?: Partial<Record<ImpactDimension, string>>;
  readonly narrative?: string;
  readonly options?: string;
  /** Per option key. */
  readonly option?: Readonly<Record<string, OptionErrors>>;
  readonly recommendation?: string;
  readonly rationale?: string;
}

export const TITLE_MAX = 200;
export const TEXT_MAX = 4000;

const blank = (s: string): boolean => s.trim() === '';

/**
 * What is missing or wrong. Everything the PMO lead needs to escalate is required: at least
 * one objective, all four impacts, the context in words (the server refuses a context without
 * it), two or more options each with a title and an impact, and a recommendation with its
 * rationale.
 */
export function validateAnalysis(draft: AnalysisDraft): AnalysisErrors {
  const errors: { -readonly [K in keyof AnalysisErrors]: AnalysisErrors[K] } = {};
  if (draft.objectiveIds.length === 0) errors.objectives = 'Choose at least one objective this signal touches.';

  const impacts: Partial<Record<ImpactDimension, string>> = {};
  for (const d of IMPACT_DIMENSIONS) {
    if (draft.impacts[d] === '') impacts[d] = `Choose the impact on ${IMPACT_DIMENSION_LABELS[d].toLowerCase()}.`;
  }
  if (Object.keys(impacts).length > 0) errors.impacts = impacts;
  if (blank(draft.narrative)) errors.narrative = 'Say what the EPMO needs to know: why this matters now, what it depends on.';

  if (draft.options.length < MIN_OPTIONS) errors.options = `Add at least ${MIN_OPTIONS} options.`;
  const option: Record<string, OptionErrors> = {};
  for (const o of draft.options) {
    const e: { -readonly [K in keyof OptionErrors]: OptionErrors[K] } = {};
    if (blank(o.title)) e.title = 'Give this option a title.';
    else if (o.title.trim().length > TITLE_MAX) e.title = `Keep the title under ${TITLE_MAX} characters.`;
    if (blank(o.impact)) e.impact = 'Describe the impact of this option.';
    if (e.title || e.impact) option[o.key] = e;
  }
  if (Object.keys(option).length > 0) errors.option = option;

  if (draft.recommendedKey === '' || !draft.options.some((o) => o.key === draft.recommendedKey)) {
    errors.recommendation = 'Recommend one of the options.';
  }
  if (blank(draft.rationale)) errors.rationale = 'Explain why you recommend this option.';
  return errors;
}

export const hasErrors = (errors: AnalysisErrors): boolean => Object.keys(errors).length > 0;

/** How many problems, for the summary above the Save button. */
export function countErrors(errors: AnalysisErrors): number {
  let n = 0;
  if (errors.objectives) n++;
  n += Object.keys(errors.impacts ?? {}).length;
  if (errors.narrative) n++;
  if (errors.options) n++;
  for (const e of Object.values(errors.option ?? {})) n += (e.title ? 1 : 0) + (e.description ? 1 : 0) + (e.impact ? 1 : 0);
  if (errors.recommendation) n++;
  if (errors.rationale) n++;
  return n;
}

/** A problem the server found, where it found it: `context.narrative`, `options.1.impact`… */
export interface FieldProblem {
  readonly at: string;
  readonly message: string;
}

/**
 * The server's refusal of a save, as messages beside the form's fields. `at` is the path in the
 * request (toSaveRequest): options by position, the recommendation's option by its index.
 * Problems of no field the form shows are left out; the page says the server's message anyway.
 */
export function errorsFromServer(draft: AnalysisDraft, problems: readonly FieldProblem[]): AnalysisErrors {
  const errors: { -readonly [K in keyof AnalysisErrors]: AnalysisErrors[K] } = {};
  const impacts: Partial<Record<ImpactDimension, string>> = {};
  const option: Record<string, { -readonly [K in keyof OptionErrors]: OptionErrors[K] }> = {};
  for (const { at, message } of problems) {
    const [head, second, third] = at.split('.');
    if (at === 'context.narrative' || at === 'context') errors.narrative = message;
    else if (at.startsWith('context.objectiveIds')) errors.objectives = message;
    else if (head === 'context' && IMPACT_DIMENSIONS.includes(second as ImpactDimension)) impacts[second as ImpactDimension] = message;
    else if (at === 'options') errors.options = message;
    else if (head === 'options' && (third === 'title' || third === 'description' || third === 'impact')) {
      const key = draft.options[Number(second)]?.key;
      if (key) option[key] = { ...option[key], [third]: message };
    } else if (at === 'recommendation.rationale') errors.rationale = message;
    else if (head === 'recommendation') errors.recommendation = message;
  }
  if (Object.keys(impacts).length > 0) errors.impacts = impacts;
  if (Object.keys(option).length > 0) errors.option = option;
  return errors;
}

/** Adds a blank option (up to `MAX_OPTIONS`). */
export function addOption(draft: AnalysisDraft, key: string = newOptionKey()): AnalysisDraft {
  if (draft.options.length >= MAX_OPTIONS) return draft;
  return { ...draft, options: [...draft.options, emptyOption(key)] };
}

/** Removes an option (never below `MIN_OPTIONS`); a recommendation of it is cleared. */
export function removeOption(draft: AnalysisDraft, key: string): AnalysisDraft {
  if (draft.options.length <= MIN_OPTIONS) return draft;
  return {
    ...draft,
    options: draft.options.filter((o) => o.key !== key),
    recommendedKey: draft.recommendedKey === key ? '' : draft.recommendedKey,
  };
}

export function updateOption(draft: AnalysisDraft, key: string, patch: Partial<Omit<OptionDraft, 'key' | 'id'>>): AnalysisDraft {
  return { ...draft, options: draft.options.map((o) => (o.key === key ? { ...o, ...patch } : o)) };
}

/** Whether the draft differs from what the signal holds (so leaving would lose work). */
export function isDirty(draft: AnalysisDraft, saved: AnalysisDraft): boolean {
  const strip = (d: AnalysisDraft) => ({ ...d, options: d.options.map((o) => [o.id ?? '', o.title, o.description, o.impact]), recommendedKey: d.options.findIndex((o) => o.key === d.recommendedKey) });
  return JSON.stringify(strip(draft)) !== JSON.stringify(strip(saved));
}

/**
 * The request that saves a complete draft (call only when `validateAnalysis` finds nothing).
 * The recommendation points at its option by position, as the contract asks.
 */
export function toSaveRequest(draft: AnalysisDraft): SaveAnalysisRequest {
  const level = (d: ImpactDimension): ImpactLevel => draft.impacts[d] || 'none';
  const optionIndex = draft.options.findIndex((o) => o.key === draft.recommendedKey);
  return {
    context: {
      objectiveIds: [...draft.objectiveIds],
      schedule: level('schedule'),
      cost: level('cost'),
      benefit: level('benefit'),
      risk: level('risk'),
      narrative: draft.narrative.trim(),
    },
    options: draft.options.map((o) => ({
      ...(o.id ? { id: o.id } : {}),
      title: o.title.trim(),
      description: o.description.trim(),
      impact: o.impact.trim(),
    })),
    ...(optionIndex >= 0 ? { recommendation: { optionIndex, rationale: draft.rationale.trim() } } : {}),
  };
}

/** Whether the signal holds everything escalation needs (saved, not just typed). */
export function readyToEscalate(signal: Pick<Signal, 'context' | 'options' | 'recommendation'>): boolean {
  return signal.context !== undefined && signal.options.length >= MIN_OPTIONS && signal.recommendation !== undefined;
}
