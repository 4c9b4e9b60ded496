/**
 * localStorage that never throws: it is unavailable in some embedded browsers and in
 * private modes, and a remembered preference is never worth a crash.
 */
export function readSetting(key: string): string | undefined {
  try {
    return window.localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeSetting(key: string, value: string | undefined): void {
  try {
    if (value === undefined) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Not remembered; the default applies next time.
  }
}

export const SETTING_KEYS = {
  devUser: 'pmoRelay.devUser',
  devTheme: 'pmoRelay.devTheme',
  domain: 'pmoRelay.domain',
} as const;
