/** The domains the caller may see, and which one is shown (remembered across visits). */
import { useCallback, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { SETTING_KEYS, readSetting, writeSetting } from '../shared/storage';
import type { Domain } from '../../../bot/portfolio/domain/portfolio';
import { useLoad } from '../shared/useLoad';

const NONE: readonly Domain[] = [];

export function useDomains(api: ApiClient, preferred: string | undefined) {
  const load = useCallback((signal: AbortSignal) => api.domains(signal), [api]);
  const domains = useLoad(load);
  const [chosen, setChosen] = useState<string | undefined>(() => preferred ?? readSetting(SETTING_KEYS.domain));

  const list: readonly Domain[] = domains.status === 'ready' ? domains.data : NONE;
  // The remembered choice may not be visible to this identity: fall back to the first domain.
  const selected = useMemo(() => list.find((d) => d.id === chosen) ?? list[0], [list, chosen]);

  const select = useCallback((id: string) => {
    writeSetting(SETTING_KEYS.domain, id);
    setChosen(id);
  }, []);

  return { domains, list, selected, select };
}
