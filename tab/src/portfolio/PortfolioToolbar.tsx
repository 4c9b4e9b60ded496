import { Checkbox, Dropdown, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ClearFiltersButton, FilterBar, SearchField } from '../shared/ListControls';
import { MultiFilter } from '../shared/MultiFilter';
import { byPriority, hasActiveFilters, objectiveName } from './filters';
import {
  type GroupBy,
  type PortfolioFilters,
  type StrategicObjective,
  GROUP_BYS,
  GROUP_BY_LABELS,
  MODES,
  MODE_LABELS,
  NO_FILTERS,
  NO_OBJECTIVE,
  RAGS,
  RAG_LABELS,
  STRUCTURES,
  STRUCTURE_LABELS,
} from './types';

const useStyles = makeStyles({
  filter: { minWidth: '160px', maxWidth: '220px' },
  flags: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  tools: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS, marginInlineStart: 'auto' },
});

export interface PortfolioToolbarProps {
  readonly filters: PortfolioFilters;
  readonly objectives: readonly StrategicObjective[];
  /** Absent where grouping does not apply (the roadmap groups on its own). */
  readonly groupBy?: GroupBy;
  /** Saved views, export and the like, at the end of the bar. */
  readonly tools?: ReactNode;
  /** `replace` while the search is being typed, so each keystroke is not a history entry. */
  onFiltersChange(filters: PortfolioFilters, options?: { readonly replace?: boolean }): void;
  onGroupByChange(groupBy: GroupBy): void;
}

/** Filters, grouping and search above the grid or roadmap, then its tools. */
export function PortfolioToolbar({ filters, objectives, groupBy, tools, onFiltersChange, onGroupByChange }: PortfolioToolbarProps) {
  const styles = useStyles();
  const set = (patch: Partial<PortfolioFilters>) => onFiltersChange({ ...filters, ...patch });
  const ordered = byPriority(objectives);
  const objectiveIds = [...ordered.map((o) => o.id), NO_OBJECTIVE];
  const objectiveLabels: Record<string, string> = Object.fromEntries([...ordered.map((o) => [o.id, objectiveName(o)]), [NO_OBJECTIVE, 'No objective']]);
  return (
    <FilterBar label="Filter and group work items">
      <SearchField
        placeholder="Title, owner or stage"
        value={filters.search}
        // Typing on from a non-empty search replaces the history entry; the first letter adds one.
        onChange={(search) => onFiltersChange({ ...filters, search }, { replace: filters.search !== '' })}
      />
      <MultiFilter label="Structure" all="All structures" values={STRUCTURES} labels={STRUCTURE_LABELS} selected={filters.structures} onChange={(structures) => set({ structures })} />
      <MultiFilter label="Delivery mode" all="All modes" values={MODES} labels={MODE_LABELS} selected={filters.modes} onChange={(modes) => set({ modes })} />
      <MultiFilter label="Overall health" all="Any health" values={RAGS} labels={RAG_LABELS} selected={filters.health} onChange={(health) => set({ health })} />
      <MultiFilter label="Objective" all="Any objective" values={objectiveIds} labels={objectiveLabels} selected={filters.objectives} onChange={(picked) => set({ objectives: picked })} />
      {groupBy !== undefined && (
        <Field label="Group by">
          <Dropdown
            className={styles.filter}
            value={GROUP_BY_LABELS[groupBy]}
            selectedOptions={[groupBy]}
            onOptionSelect={(_e, data) => {
              const next = GROUP_BYS.find((g) => g === data.optionValue);
              if (next) onGroupByChange(next);
            }}
          >
            {GROUP_BYS.map((g) => (
              <Option key={g} value={g}>
                {GROUP_BY_LABELS[g]}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      <div className={styles.flags} role="group" aria-label="Show only">
        <Checkbox label="Stale" checked={filters.stale} onChange={(_e, d) => set({ stale: d.checked === true })} />
        <Checkbox label="With open signals" checked={filters.openSignals} onChange={(_e, d) => set({ openSignals: d.checked === true })} />
        <Checkbox label="Awaiting a response to a change" checked={filters.unanswered} onChange={(_e, d) => set({ unanswered: d.checked === true })} />
        <Checkbox label="Check-in overdue" checked={filters.checkInOverdue} onChange={(_e, d) => set({ checkInOverdue: d.checked === true })} />
      </div>
      <ClearFiltersButton disabled={!hasActiveFilters(filters)} onClick={() => onFiltersChange(NO_FILTERS)} />
      {tools && <div className={styles.tools}>{tools}</div>}
    </FilterBar>
  );
}
