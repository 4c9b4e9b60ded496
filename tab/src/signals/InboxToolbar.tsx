import { Switch } from '@fluentui/react-components';
import { ClearFiltersButton, FilterBar, SearchField } from '../shared/ListControls';
import { MultiFilter } from '../shared/MultiFilter';
import { type InboxFilters, hasActiveInboxFilters } from './filters';
import type { DomainChoice } from './useInbox';
import { KIND_LABELS, SIGNAL_KINDS, SIGNAL_STATES, STATE_LABELS, URGENCIES, URGENCY_LABELS } from './types';

export interface InboxToolbarProps {
  readonly filters: InboxFilters;
  /** Offered when the inbox spans more than one domain (the EPMO's view). */
  readonly domains: readonly DomainChoice[];
  readonly includeFinished: boolean;
  onFiltersChange(filters: InboxFilters): void;
  onIncludeFinishedChange(include: boolean): void;
}

/** Search and filters above the inbox. */
export function InboxToolbar({ filters, domains, includeFinished, onFiltersChange, onIncludeFinishedChange }: InboxToolbarProps) {
  const set = (patch: Partial<InboxFilters>) => onFiltersChange({ ...filters, ...patch });
  const domainIds = domains.map((d) => d.id);
  const domainLabels = Object.fromEntries(domains.map((d) => [d.id, d.name])) as Record<string, string>;
  return (
    <FilterBar label="Filter signals">
      <SearchField placeholder="S-12, title, details or raiser" value={filters.search} onChange={(search) => set({ search })} />
      <MultiFilter label="Kind" all="All kinds" values={SIGNAL_KINDS} labels={KIND_LABELS} selected={filters.kinds} onChange={(kinds) => set({ kinds })} />
      <MultiFilter label="Urgency" all="Any urgency" values={URGENCIES} labels={URGENCY_LABELS} selected={filters.urgencies} onChange={(urgencies) => set({ urgencies })} />
      <MultiFilter label="State" all="Any state" values={SIGNAL_STATES} labels={STATE_LABELS} selected={filters.states} onChange={(states) => set({ states })} />
      {domains.length > 1 && <MultiFilter label="Domain" all="All domains" values={domainIds} labels={domainLabels} selected={filters.domains} onChange={(d) => set({ domains: d })} />}
      <Switch label="Include finished" checked={includeFinished} onChange={(_e, data) => onIncludeFinishedChange(data.checked)} />
      <ClearFiltersButton disabled={!hasActiveInboxFilters(filters)} onClick={() => onFiltersChange({ kinds: [], urgencies: [], states: [], domains: [], search: '' })} />
    </FilterBar>
  );
}
