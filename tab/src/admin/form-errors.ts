/** A refused save, split into what belongs beside a field of the form and what the form says as a whole. */
import { ApiRequestError, errorMessage } from '../api/client';

export interface SaveFailure<F extends string> {
  /** Server problems of fields the form shows, by field. */
  readonly fields: Partial<Record<F, string>>;
  /** The server's message, and any problem of a field the form does not show. */
  readonly message: string;
}

export function saveFailure<F extends string>(error: unknown, fields: readonly F[]): SaveFailure<F> {
  const byField: Partial<Record<F, string>> = {};
  const rest: string[] = [];
  const details = error instanceof ApiRequestError ? error.details : [];
  for (const d of details) {
    const field = fields.find((f) => f === d.at);
    if (field) byField[field] = d.message;
    else rest.push(`${d.at}: ${d.message}`);
  }
  return { fields: byField, message: [errorMessage(error), ...rest].join(' ') };
}
