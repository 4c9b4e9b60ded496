import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, EditRegular, OrganizationRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { EmptyState } from '../shared/EmptyState';
import { Loaded } from '../shared/Loaded';
import { useNotify } from '../shared/notify';
import { useLive } from '../shared/useLive';
import { useRestoreFocus } from '../shared/useRestoreFocus';
import type { AdminApi, DomainResponse } from './api';
import { DomainDialog } from './DomainDialog';
import { cadenceText } from './domain-form';

const useStyles = makeStyles({
  tools: { display: 'flex', justifyContent: 'flex-end', marginBottom: tokens.spacingVerticalM },
});

/** Loaded once, and again after each save: nobody else's edits are polled for. */
const never = (): undefined => undefined;

/** Editing: a domain, or `'new'`. */
type Editing = DomainResponse | 'new' | undefined;

/** The tenant's domains, each with its freshness window and check-in cadence; created and edited in a dialog. */
export function DomainsSection({ api }: { readonly api: AdminApi }) {
  const styles = useStyles();
  const notify = useNotify();
  const load = useCallback((signal: AbortSignal) => api.domains(signal), [api]);
  const domains = useLive(load, never);
  const [editing, setEditing] = useState<Editing>();
  useRestoreFocus(editing !== undefined);

  const saved = (d: DomainResponse) => {
    notify(editing === 'new' ? `Created ${d.name}` : `Saved ${d.name}`);
    setEditing(undefined);
    domains.reload();
  };

  const newButton = (
    <Button appearance="primary" icon={<AddRegular />} onClick={() => setEditing('new')}>
      New domain
    </Button>
  );
  return (
    <Loaded state={domains.state} loading="Loading domains…" failed="Could not load the domains" refreshFailed="Could not refresh the domains" onRetry={domains.reload}>
      {({ data }) => (
        <>
          {data.length === 0 ? (
            <EmptyState title="No domains yet" icon={OrganizationRegular} action={newButton}>
              A domain is a business area with its own PMO, such as IT, HR or Finance. Create the first one, then give it a PMO lead under People and roles.
            </EmptyState>
          ) : (
            <>
              <div className={styles.tools}>{newButton}</div>
              <Table aria-label="Domains">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Name</TableHeaderCell>
                    <TableHeaderCell>Description</TableHeaderCell>
                    <TableHeaderCell>Freshness window</TableHeaderCell>
                    <TableHeaderCell>Check-ins</TableHeaderCell>
                    <TableHeaderCell>Actions</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.map((d) => (
                    <TableRow key={d.id}>
                      <TableCell>{d.name}</TableCell>
                      <TableCell>{d.description}</TableCell>
                      <TableCell>{d.freshnessDays} days</TableCell>
                      <TableCell>{cadenceText(d.checkInCadence)}</TableCell>
                      <TableCell>
                        <Button icon={<EditRegular />} aria-label={`Edit ${d.name}`} onClick={() => setEditing(d)}>
                          Edit
                        </Button>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </>
          )}
          {editing !== undefined && (
            <DomainDialog
              api={api}
              {...(editing === 'new' ? {} : { domain: editing })}
              otherNames={data.filter((d) => editing === 'new' || d.id !== editing.id).map((d) => d.name)}
              onClose={() => setEditing(undefined)}
              onSaved={saved}
            />
          )}
        </>
      )}
    </Loaded>
  );
}
