/**
 * Partition and row keys. Table Storage forbids `/ \ # ?` and control characters in keys, and
 * Teams ids are full of other punctuation (`19:abc@thread.tacv2`, `a:1xYz…;messageid=…`), so
 * every id we put in a key goes through `encodeKey`.
 *
 * The encoding keeps plain ids readable in Storage Explorer — GUID tenant ids and our own
 * `wi_…` ids pass through unchanged — and turns anything else into `~` + base64url(UTF-8).
 * `~` is outside both alphabets, so decoding is unambiguous; `.` is outside both too, which
 * makes it a safe separator for composite keys (see the link table).
 */

const PLAIN = /^[A-Za-z0-9_-]+$/;
const ENCODED_MARK = '~';

/** Reversible, key-safe form of any string. */
export function encodeKey(value: string): string {
  return PLAIN.test(value) ? value : ENCODED_MARK + Buffer.from(value, 'utf8').toString('base64url');
}

/** Inverse of `encodeKey`. */
export function decodeKey(key: string): string {
  return key.startsWith(ENCODED_MARK) ? Buffer.from(key.slice(1), 'base64url').toString('utf8') : key;
}

/** Joins encoded parts into a composite key; `.` never occurs inside an encoded part. */
export const SEPARATOR = '.';
export const compositeKey = (...parts: string[]): string => parts.map(encodeKey).join(SEPARATOR);

/**
 * The row-key range `[prefix, upper)` holding every composite key that starts with `parts`.
 * Row keys sort as strings and every such key begins `prefix` (ending in `.`), so the upper
 * bound replaces that final `.` with the next character, `/`. It is only compared, never stored.
 */
export function prefixRange(...parts: string[]): { readonly from: string; readonly to: string } {
  const from = compositeKey(...parts) + SEPARATOR;
  return { from, to: from.slice(0, -1) + String.fromCharCode(SEPARATOR.charCodeAt(0) + 1) };
}
