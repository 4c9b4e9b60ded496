/** Page tokens of a domain's item list, bound to the partition they continue. */

/**
 * The page token handed to clients: the service's continuation (opaque; Azure and Azurite encode
 * it differently) bound to the partition it continues. The query itself is always confined to
 * the domain's partition, so a forged token cannot read elsewhere; the binding makes a token of
 * another domain, or garbage, a clear 400 instead of a silently wrong page.
 */
export function toPageToken(sdkToken: string | undefined, pk: string): string | undefined {
  return sdkToken ? Buffer.from(JSON.stringify({ p: pk, c: sdkToken })).toString('base64url') : undefined;
}

/** The service token of a page token issued for partition `pk`; `null` when it is not one. */
export function fromPageToken(token: string, pk: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,4000}$/.test(token)) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof decoded !== 'object' || decoded === null) return null;
    const { p, c } = decoded as Record<string, unknown>;
    return p === pk && typeof c === 'string' && /^[A-Za-z0-9+/=]{1,2000}$/.test(c) ? c : null;
  } catch {
    return null;
  }
}
