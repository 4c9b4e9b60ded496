import { utcDay } from '../shared/dates';

/** Saves a Blob as a file: the way to download what needs a bearer token, which a plain link cannot send. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `decision-log-2026-03-12.csv` */
export const csvFileName = (now: Date): string => `decision-log-${utcDay(now.getTime())}.csv`;
