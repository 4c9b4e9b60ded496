/**
 * Loopback addresses: only this machine reaches a server listening on one, and only this machine
 * answers a call to one. Used where trust depends on it (bot authentication off).
 */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
