/** Dates in cards, shared by every feature's cards so they read alike. */

/**
 * A date-time Teams formats in the reader's locale and time zone (`{{DATE()}}`/`{{TIME()}}`
 * want RFC 3339 without fractions). Falls back to the raw text when it is not a date.
 */
export function cardDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${t}, SHORT)}} {{TIME(${t})}}`;
}
