import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { PeopleRegular, PersonDeleteRegular, PersonEditRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { EmptyState } from '../shared/EmptyState';
import { Loaded } from '../shared/Loaded';
import { useNotify } from '../shared/notify';
import { useLive } from '../shared/useLive';
import { useRestoreFocus } from '../shared/useRestoreFocus';
import type { AdminApi, PersonResponse } from './api';
import { ConfirmDelete } from './ConfirmDelete';
import { PersonSearch } from './PersonSearch';
import { RolesDialog } from './RolesDialog';
import { type RoleHolder, holderOfMatch, holderOfPerson } from './roles';

const useStyles = makeStyles({
  search: { maxWidth: '480px', marginBottom: tokens.spacingVerticalL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const never = (): undefined => undefined;

type Editing = { readonly kind: 'roles' | 'remove'; readonly person: RoleHolder } | undefined;

/** People and their roles: find anyone by name to give them roles; change or remove the roles of those who hold some. */
/**
 * Why removing every role of `person` would be refused: the server keeps at least one tenant admin
 * (CONFLICT.LAST_ONE). Said before the click; `meId` is who is signed in.
 */
function lastAdminNotice(person: RoleHolder, people: readonly PersonResponse[], meId: string | undefined): string | undefined {
  const isAdmin = (roles: readonly { readonly role: string }[]) => roles.some((r) => r.role === 'tenant_admin');
  if (!isAdmin(person.roles.map((r) => r.role)) || people.some((p) => p.userId !== person.userId && isAdmin(p.roles))) return undefined;
  const who = person.userId === meId ? 'You are' : `${person.displayName} is`;
  return `${who} the last tenant admin, so this would be refused. Make someone else a tenant admin first, then remove these roles.`;
}

export function PeopleSection({ api, meId }: { readonly api: AdminApi; readonly meId?: string | undefined }) {
  const styles = useStyles();
  const notify = useNotify();
  const load = useCallback(async (signal: AbortSignal) => {
    const [people, domains] = await Promise.all([api.people(signal), api.domains(signal)]);
    return { people: people.filter((p) => p.roles.length > 0), domains };
  }, [api]);
  const live = useLive(load, never);
  const [editing, setEditing] = useState<Editing>();
  useRestoreFocus(editing !== undefined);

  const saved = (p: PersonResponse) => {
    notify(p.roles.length === 0 ? `Removed every role of ${p.displayName}` : `Saved the roles of ${p.displayName}`, 'They apply from their next action.');
    setEditing(undefined);
    live.reload();
  };

  return (
    <Loaded state={live.state} loading="Loading people…" failed="Could not load the people" refreshFailed="Could not refresh the people" onRetry={live.reload}>
      {({ data: { people, domains } }) => (
        <>
          <div className={styles.search}>
            <PersonSearch api={api} onPick={(p) => setEditing({ kind: 'roles', person: holderOfMatch(p) })} />
          </div>
          {people.length === 0 ? (
            <EmptyState title="Nobody holds a role yet" icon={PeopleRegular}>
              Find a person by name above to give them their first role.
            </EmptyState>
          ) : (
            <Table aria-label="People with roles">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Name</TableHeaderCell>
                  <TableHeaderCell>Roles</TableHeaderCell>
                  <TableHeaderCell>Actions</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {people.map((p) => (
                  <TableRow key={p.userId}>
                    <TableCell>{p.displayName}</TableCell>
                    <TableCell>{p.roleLabels.join(', ')}</TableCell>
                    <TableCell>
                      <div className={styles.actions}>
                        <Button icon={<PersonEditRegular />} aria-label={`Change the roles of ${p.displayName}`} onClick={() => setEditing({ kind: 'roles', person: holderOfPerson(p) })}>
                          Change roles
                        </Button>
                        <Button icon={<PersonDeleteRegular />} aria-label={`Remove every role of ${p.displayName}`} onClick={() => setEditing({ kind: 'remove', person: holderOfPerson(p) })}>
                          Remove all roles
                        </Button>
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {editing?.kind === 'roles' && <RolesDialog api={api} person={editing.person} domains={domains} onClose={() => setEditing(undefined)} onSaved={saved} />}
          {editing?.kind === 'remove' && (
            <ConfirmDelete
              title={`Remove every role of ${editing.person.displayName}?`}
              confirmLabel="Remove all roles"
              blocked={lastAdminNotice(editing.person, people, meId)}
              onClose={() => setEditing(undefined)} onConfirm={async () => saved(await api.setRoles(editing.person, []))}>
              They keep signing in, but lose everything their roles allowed ({editing.person.roles.map((r) => r.label).join(', ')}) from their next action.
            </ConfirmDelete>
          )}
        </>
      )}
    </Loaded>
  );
}
