import { Button, Dropdown, Field, Option, SearchBox, makeStyles, tokens } from '@fluentui/react-components';
import { FilterDismissRegular } from '@fluentui/react-icons';
import { MultiFilter } from '../shared/MultiFilter';
import { hasActiveFilters } from './filters';
import {
  type GroupBy,
  type PortfolioFilters,
  GROUP_BY_LABELS,
  MODES,
  MODE_LABELS,
  RAGS,
  RAG_LABELS,
  STRUCTURES,
  STRUCTURE_LABELS,
} from './types';

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  filter: { minWidth: '160px', maxWidth: '220px' },
  search: { minWidth: '240px', flexGrow: 1, maxWidth: '360px' },
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
    <section aria-label="Filter and group work items" className={styles.bar}>
      <Field label="Search">
        <SearchBox
          className={styles.search}
          placeholder="Title, owner or stage"
          value={filters.search}
          onChange={(_e, data) => set({ search: data.value })}
        />
      </Field>
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
      <Button
        icon={<FilterDismissRegular />}
        disabled={!hasActiveFilters(filters)}
        onClick={() => onFiltersChange({ structures: [], modes: [], health: [], search: '' })}
      >
        Clear filters
      </Button>
    </section>
  );
}
