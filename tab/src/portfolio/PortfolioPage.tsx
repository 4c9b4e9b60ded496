import {
  Body1,
  Button,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Text,
  Title2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, ArrowUploadRegular, FilterDismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiClient } from '../api/client';
import { ErrorState } from '../shared/ErrorState';
import { Loading } from '../shared/Loading';
import { ImportDialog } from './ImportDialog';
import { ItemPanel } from './ItemPanel';
import { KpiHeader } from './KpiHeader';
import { NewItemDrawer } from './NewItemDrawer';
import { PortfolioGrid } from './PortfolioGrid';
import { PortfolioToolbar } from './PortfolioToolbar';
import { useDomains } from './useDomains';
import { usePortfolio } from './usePortfolio';
import { useWorkItemMutations } from './useWorkItemMutations';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  heading: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
  domain: { minWidth: '220px' },
  count: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    textAlign: 'center',
  },
});

export interface PortfolioPageProps {
  readonly api: ApiClient;
  /** A domain the tab is bound to (channel tab) or linked to; the picker still allows others. */
  readonly domainId?: string;
}

/** The portfolio of one domain: key figures, then a filterable, groupable grid of work items. */
export function PortfolioPage({ api, domainId }: PortfolioPageProps) {
  const styles = useStyles();
  const { domains, list, selected, select } = useDomains(api, domainId);
  const { portfolio, refresh, view, filters, setFilters, clearFilters, groupBy, setGroupBy, sort, setSort } = usePortfolio(api, selected?.id);
  const mutations = useWorkItemMutations(api);
  const [openId, setOpenId] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  if (domains.status === 'loading') return <Loading label="Loading domains…" />;
  if (domains.status === 'error') return <ErrorState title="Could not load your domains" message={domains.message} onRetry={domains.retry} />;
  if (!selected) {
    return (
      <MessageBar intent="info" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>No portfolio to show</MessageBarTitle>
          You do not lead a domain's PMO or belong to a delivery team yet. Ask your tenant admin for a role.
        </MessageBarBody>
      </MessageBar>
    );
  }

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div className={styles.titles}>
          <Title2 as="h1" className={styles.heading}>
            {selected.name} portfolio
          </Title2>
          {selected.description && <Body1 className={styles.description}>{selected.description}</Body1>}
        </div>
        <Field label="Domain">
          <Dropdown
            className={styles.domain}
            value={selected.name}
            selectedOptions={[selected.id]}
            onOptionSelect={(_e, data) => data.optionValue && select(data.optionValue)}
          >
            {list.map((d) => (
              <Option key={d.id} value={d.id}>
                {d.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      </header>

      {portfolio.status === 'loading' && <Loading label="Loading portfolio…" />}
      {portfolio.status === 'error' && <ErrorState title="Could not load the portfolio" message={portfolio.message} onRetry={portfolio.retry} />}
      {portfolio.status === 'ready' && view && (
        <>
          <KpiHeader kpis={portfolio.data.kpis} />
          <PortfolioToolbar filters={filters} groupBy={groupBy} onFiltersChange={setFilters} onGroupByChange={setGroupBy} />
          {portfolio.data.canEdit && (
            <div className={styles.actions}>
              <Button appearance="primary" icon={<AddRegular />} onClick={() => setCreating(true)}>
                New work item
              </Button>
              <Button icon={<ArrowUploadRegular />} onClick={() => setImporting(true)}>
                Import CSV
              </Button>
            </div>
          )}
          <Text className={styles.count} role="status">
            Showing {view.visibleCount} of {portfolio.data.items.length} work items
          </Text>
          {portfolio.data.items.length === 0 ? (
            <div className={styles.empty}>
              <Title2 as="h2">No work items yet</Title2>
              <Body1>{selected.name} has no work items in its portfolio yet.</Body1>
            </div>
          ) : view.visibleCount === 0 ? (
            <div className={styles.empty}>
              <Title2 as="h2">No work items match these filters</Title2>
              <Body1>Try other filters or a different search.</Body1>
              <Button appearance="primary" icon={<FilterDismissRegular />} onClick={clearFilters}>
                Clear filters
              </Button>
            </div>
          ) : (
            <PortfolioGrid groups={view.groups} groupBy={groupBy} objectives={view.objectives} sort={sort} onSortChange={setSort} onOpenItem={(item) => setOpenId(item.id)} />
          )}
          <ItemPanel
            item={portfolio.data.items.find((i) => i.id === openId)}
            objectives={view.objectives}
            canEdit={portfolio.data.canEdit}
            onClose={() => setOpenId(undefined)}
            onSave={async (item, patch) => {
              await mutations.update(item, patch);
              await refresh();
            }}
          />
          {portfolio.data.canEdit && (
            <>
              <NewItemDrawer
                open={creating}
                domainId={selected.id}
                objectives={portfolio.data.objectives}
                onClose={() => setCreating(false)}
                onCreate={async (input) => {
                  const made = await mutations.create(input);
                  await refresh();
                  setCreating(false);
                  setOpenId(made.id);
                }}
              />
              <ImportDialog open={importing} domainId={selected.id} domainName={selected.name} mutations={mutations} onClose={() => setImporting(false)} onImported={() => void refresh()} />
            </>
          )}
        </>
      )}
    </div>
  );
}
