/**
 * The domains the caller may see, and which one is shown: the one the URL names, else the
 * domain whose PMO the caller leads, else the one they last looked at, else the first. A named
 * domain the caller cannot see (or that does not exist) is not swapped for another silently:
 * `selected` is then undefined, `unknownNamed` true, and `fallback` the one they would get.
 */
import { useCallback, useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { SETTING_KEYS, readSetting, writeSetting } from '../shared/storage';
import type { Domain } from '../../../bot/portfolio/domain/portfolio';
import { useLoad } from '../shared/useLoad';

const NONE: readonly Domain[] = [];

export function useDomains(api: ApiClient, named: string | undefined, led: readonly string[]) {
  const load = useCallback((signal: AbortSignal) => api.domains(signal), [api]);
  const domains = useLoad(load);

  const list: readonly Domain[] = domains.status === 'ready' ? domains.data : NONE;
  const fallback = useMemo(() => {
    const remembered = readSetting(SETTING_KEYS.domain);
    // A remembered domain may no longer be visible to this identity: fall through.
    return list.find((d) => led.includes(d.id)) ?? list.find((d) => d.id === remembered) ?? list[0];
  }, [list, led]);
  const unknownNamed = named !== undefined && domains.status === 'ready' && !list.some((d) => d.id === named);
  const selected = named === undefined ? fallback : list.find((d) => d.id === named);

  const remember = useCallback((id: string) => writeSetting(SETTING_KEYS.domain, id), []);
  return { domains, list, selected, fallback, unknownNamed, remember };
}
