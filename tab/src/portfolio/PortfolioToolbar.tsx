import { Dropdown, Field, Option, makeStyles } from '@fluentui/react-components';
import { ClearFiltersButton, FilterBar, SearchField } from '../shared/ListControls';
import { MultiFilter } from '../shared/MultiFilter';
import { hasActiveFilters } from './filters';
import {
  type GroupBy,
  type PortfolioFilters,
  GROUP_BY_LABELS,
  MODES,
  MODE_LABELS,
  NO_FILTERS,
  RAGS,
  RAG_LABELS,
  STRUCTURES,
  STRUCTURE_LABELS,
} from './types';

const useStyles = makeStyles({
  filter: { minWidth: '160px', maxWidth: '220px' },
});

const GROUP_BY: readonly GroupBy[] = ['none', 'structure', 'mode', 'objective'];

export interface PortfolioToolbarProps {
  readonly filters: PortfolioFilters;
  readonly groupBy: GroupBy;
  onFiltersChange(filters: PortfolioFilters): void;
  onGroupByChange(groupBy: GroupBy): void;
}

/** Filters, grouping and search above the grid. */
export function PortfolioToolbar({ filters, groupBy, onFiltersChange, onGroupByChange }: PortfolioToolbarProps) {
  const styles = useStyles();
  const set = (patch: Partial<PortfolioFilters>) => onFiltersChange({ ...filters, ...patch });
  return (
    <FilterBar label="Filter and group work items">
      <SearchField placeholder="Title, owner or stage" value={filters.search} onChange={(search) => set({ search })} />
      <MultiFilter label="Structure" all="All structures" values={STRUCTURES} labels={STRUCTURE_LABELS} selected={filters.structures} onChange={(structures) => set({ structures })} />
      <MultiFilter label="Delivery mode" all="All modes" values={MODES} labels={MODE_LABELS} selected={filters.modes} onChange={(modes) => set({ modes })} />
      <MultiFilter label="Overall health" all="Any health" values={RAGS} labels={RAG_LABELS} selected={filters.health} onChange={(health) => set({ health })} />
      <Field label="Group by">
        <Dropdown
          className={styles.filter}
          value={GROUP_BY_LABELS[groupBy]}
          selectedOptions={[groupBy]}
          onOptionSelect={(_e, data) => {
            const next = GROUP_BY.find((g) => g === data.optionValue);
            if (next) onGroupByChange(next);
          }}
        >
          {GROUP_BY.map((g) => (
            <Option key={g} value={g}>
              {GROUP_BY_LABELS[g]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <ClearFiltersButton disabled={!hasActiveFilters(filters)} onClick={() => onFiltersChange(NO_FILTERS)} />
    </FilterBar>
  );
}
