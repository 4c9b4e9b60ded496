import { Button, Dropdown, Field, MessageBar, MessageBarBody, MessageBarTitle, Option, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, ArrowUploadRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { Domain } from '../../../bot/portfolio/domain/portfolio';
import type { ApiClient } from '../api/client';
import { EmptyState } from '../shared/EmptyState';
import { ClearFiltersButton, ShownCount } from '../shared/ListControls';
import { ListPage } from '../shared/ListPage';
import { Loaded } from '../shared/Loaded';
import { ColumnChooser } from './ColumnChooser';
import { DEFAULT_COLUMNS } from './columns';
import { ImportDialog } from './ImportDialog';
import { ItemPanel } from './ItemPanel';
import { KpiHeader } from './KpiHeader';
import { NewItemDrawer } from './NewItemDrawer';
import { PortfolioGrid, type PortfolioGridHandle } from './PortfolioGrid';
import { PortfolioToolbar } from './PortfolioToolbar';
import { useDomains } from './useDomains';
import { usePortfolio } from './usePortfolio';
import { useWorkItemMutations } from './useWorkItemMutations';

const useStyles = makeStyles({
  domain: { minWidth: '220px' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

export interface PortfolioPageProps {
  readonly api: ApiClient;
  /** A domain the tab is bound to (channel tab) or linked to; the picker still allows others. */
  readonly domainId?: string;
}

/** The portfolio of one domain: key figures, then a filterable, groupable grid of work items. */
export function PortfolioPage({ api, domainId }: PortfolioPageProps) {
  const { domains, list, selected, select } = useDomains(api, domainId);
  return (
    <Loaded state={domains} loading="Loading domains…" failed="Could not load your domains" onRetry={domains.retry}>
      {() =>
        selected ? (
          <DomainPortfolio api={api} domain={selected} domains={list} onSelectDomain={select} />
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>No portfolio to show</MessageBarTitle>
              You do not lead a domain's PMO or belong to a delivery team yet. Ask your tenant admin for a role.
            </MessageBarBody>
          </MessageBar>
        )
      }
    </Loaded>
  );
}

interface DomainPortfolioProps {
  readonly api: ApiClient;
  readonly domain: Domain;
  /** Every domain the caller may pick instead. */
  readonly domains: readonly Domain[];
  onSelectDomain(id: string): void;
}

function DomainPortfolio({ api, domain, domains, onSelectDomain }: DomainPortfolioProps) {
  const styles = useStyles();
  const { portfolio, refresh, view, filters, setFilters, clearFilters, groupBy, setGroupBy, sort, setSort } = usePortfolio(api, domain.id);
  const mutations = useWorkItemMutations(api);
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [columns, setColumns] = useState(DEFAULT_COLUMNS);
  const grid = useRef<PortfolioGridHandle>(null);

  return (
    <ListPage
      title={`${domain.name} portfolio`}
      description={domain.description}
      tools={
        <Field label="Domain">
          <Dropdown className={styles.domain} value={domain.name} selectedOptions={[domain.id]} onOptionSelect={(_e, data) => data.optionValue && onSelectDomain(data.optionValue)}>
            {domains.map((d) => (
              <Option key={d.id} value={d.id}>
                {d.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      }
      state={portfolio}
      loading="Loading portfolio…"
      failed="Could not load the portfolio"
      onRetry={portfolio.retry}
    >
      {({ data }) =>
        view && (
          <>
            <KpiHeader kpis={data.kpis} />
            <PortfolioToolbar filters={filters} groupBy={groupBy} onFiltersChange={setFilters} onGroupByChange={setGroupBy} />
            <div className={styles.actions}>
              {data.canEdit && (
                <>
                  <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)}>
                    New work item
                  </Button>
                  <Button icon={<ArrowUploadRegular />} onClick={() => setImporting(true)}>
                    Import CSV
                  </Button>
                </>
              )}
              <ColumnChooser columns={columns} onChange={setColumns} />
            </div>
            <ShownCount shown={view.visibleCount} total={data.items.length} noun="work items" />
            {data.items.length === 0 ? (
              <EmptyState title="No work items yet">{domain.name} has no work items in its portfolio yet.</EmptyState>
            ) : view.visibleCount === 0 ? (
              <EmptyState title="No work items match these filters" action={<ClearFiltersButton primary onClick={clearFilters} />}>
                Try other filters or a different search.
              </EmptyState>
            ) : (
              <PortfolioGrid
                ref={grid}
                groups={view.groups}
                groupBy={groupBy}
                objectives={view.objectives}
                sort={sort}
                onSortChange={setSort}
                onOpenItem={(item) => setOpenId(item.id)}
                columns={columns}
              />
            )}
            <ItemPanel
              item={data.items.find((i) => i.id === openId)}
              objectives={view.objectives}
              canEdit={data.canEdit}
              onClose={() => {
                setOpenId(undefined);
                // Back to the row the panel was opened from.
                if (openId) grid.current?.focusItem(openId);
              }}
              onSave={async (item, patch) => {
                // A conflict refreshes the grid too (the form keeps the user's edit meanwhile).
                try {
                  await mutations.update(item, patch);
                } finally {
                  await refresh();
                }
              }}
            />
            {data.canEdit && (
              <>
                <NewItemDrawer
                  open={creating}
                  domainId={domain.id}
                  objectives={data.objectives}
                  onClose={() => setCreating(false)}
                  onCreate={async (input) => {
                    const made = await mutations.create(input);
                    await refresh();
                    setCreating(false);
                    setOpenId(made.id);
                  }}
                />
                <ImportDialog open={importing} domainId={domain.id} domainName={domain.name} mutations={mutations} onClose={() => setImporting(false)} onImported={() => void refresh()} />
              </>
            )}
          </>
        )
      }
    </ListPage>
  );
}
