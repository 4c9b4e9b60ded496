/** The PMO lead's triage and escalation forms: pure validation. */
export type TriageChoice = 'accept' | 'resolve' | 'duplicate' | 'not_actionable';

export interface TriageDraft {
  readonly choice: TriageChoice;
  /** How it was resolved locally. */
  readonly resolution: string;
  /** Why it is closed (duplicate or not actionable). */
  readonly comment: string;
  /** For a duplicate: the number of the signal it duplicates (`12` or `S-12`). */
  readonly duplicateOf: string;
}

export interface TriageErrors {
  readonly resolution?: string;
  readonly comment?: string;
  readonly duplicateOf?: string;
}

/** `S-12`, `s12` or `12` → 12. */
export function parseSignalNumber(text: string): number | undefined {
  const m = /^\s*(?:s-?)?(\d+)\s*$/i.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function validateTriage(draft: TriageDraft, ownNumber: number): TriageErrors {
  if (draft.choice === 'resolve' && draft.resolution.trim() === '') return { resolution: 'Say how it was resolved.' };
  if (draft.choice === 'duplicate') {
    const errors: { comment?: string; duplicateOf?: string } = {};
    if (draft.duplicateOf.trim() !== '') {
      const n = parseSignalNumber(draft.duplicateOf);
      if (n === undefined) errors.duplicateOf = 'Enter a signal number, like S-12.';
      else if (n === ownNumber) errors.duplicateOf = 'A signal cannot duplicate itself.';
    }
    if (draft.comment.trim() === '' && draft.duplicateOf.trim() === '') errors.comment = 'Say which signal it duplicates, or why it is a duplicate.';
    return errors;
  }
  if (draft.choice === 'not_actionable' && draft.comment.trim() === '') return { comment: 'Give the reason it is not actionable.' };
  return {};
}

export const MAX_DECISION_DAYS = 60;

/** `''` (the server's default) or a whole number of working days from 1 to 60. */
export function validateWorkingDays(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DECISION_DAYS) return `Enter a whole number of working days from 1 to ${MAX_DECISION_DAYS}, or leave it empty.`;
  return undefined;
}
