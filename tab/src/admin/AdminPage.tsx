/**
 * The tenant admin's area (PRODUCT.md §5 "Admin", issue #11): domains, objectives, people and
 * their roles, and the record of role changes, one section at a time (kept in the URL, so a
 * section can be linked to and Back returns to the one before). Loaded on first visit only.
 */
import { Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo } from 'react';
import type { ApiClient } from '../api/client';
import { ErrorState } from '../shared/ErrorState';
import { Loading } from '../shared/Loading';
import { PageHeader } from '../shared/PageHeader';
import { adminHash, navigate } from '../shared/route';
import { isTenantAdmin, useMe } from '../shared/useMe';
import { adminApi } from './api';
import { DomainsSection } from './DomainsSection';
import { ObjectivesSection } from './ObjectivesSection';
import { PeopleSection } from './PeopleSection';
import { RoleChangesSection } from './RoleChangesSection';
import { SetupGaps } from './SetupGaps';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** The sections: what is not set up yet first (where an admin starts), then in the order a tenant is set up. */
const SECTIONS = [
  { value: 'setup', label: 'Not set up yet' },
  { value: 'domains', label: 'Domains' },
  { value: 'objectives', label: 'Objectives' },
  { value: 'people', label: 'People and roles' },
  { value: 'role-changes', label: 'Role changes' },
] as const;
type Section = (typeof SECTIONS)[number]['value'];

const sectionOf = (value: string | undefined): Section => SECTIONS.find((s) => s.value === value)?.value ?? 'setup';

export function AdminPage({ api, section }: { readonly api: ApiClient; readonly section?: string | undefined }) {
  const styles = useStyles();
  const me = useMe(api);
  const admin = useMemo(() => adminApi(api), [api]);
  const current = sectionOf(section);
  const label = SECTIONS.find((s) => s.value === current)?.label ?? '';

  if (me.status === 'loading') return <Loading label="Loading…" />;
  if (me.status === 'ready' && !isTenantAdmin(me.data)) {
    return <ErrorState title="Admin" message="Only tenant admins can set up domains, objectives and roles." forbidden />;
  }
  return (
    <div className={styles.page}>
      <PageHeader title="Admin" description="Set up PMO Relay for your organisation: what is still missing, its domains, strategic objectives and who holds which role." />
      <nav aria-label="Admin sections">
        <TabList selectedValue={current} onTabSelect={(_e, d) => navigate(adminHash(String(d.value)))}>
          {SECTIONS.map((s) => (
            <Tab key={s.value} value={s.value}>
              {s.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      <section aria-label={label} className={styles.section}>
        <SectionBody api={admin} client={api} section={current} meId={me.status === 'ready' ? me.data.userId : undefined} />
      </section>
    </div>
  );
}

function SectionBody({ api, client, section, meId }: { readonly api: ReturnType<typeof adminApi>; readonly client: ApiClient; readonly section: Section; readonly meId: string | undefined }) {
  switch (section) {
    case 'setup':
      return <SetupGaps api={client} />;
    case 'domains':
      return <DomainsSection api={api} />;
    case 'objectives':
      return <ObjectivesSection api={api} />;
    case 'people':
      return <PeopleSection api={api} meId={meId} />;
    case 'role-changes':
      return <RoleChangesSection api={api} />;
  }
}
