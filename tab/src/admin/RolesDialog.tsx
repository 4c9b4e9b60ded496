import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner, Tag, TagGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { AddRoleFields } from './AddRoleFields';
import type { AdminApi, DomainResponse, PersonResponse } from './api';
import { type HeldRole, type RoleHolder, roleKey, sameRole } from './roles';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  none: { color: tokens.colorNeutralForeground2 },
});

export interface RolesDialogProps {
  readonly api: AdminApi;
  readonly person: RoleHolder;
  readonly domains: readonly DomainResponse[];
  onClose(): void;
  onSaved(person: PersonResponse): void;
}

/**
 * A person's roles: each held one can be dismissed, others added (by domain and work item for
 * the scoped ones); saving sends the whole set, which takes effect on their next request.
 * Mounted while open.
 */
export function RolesDialog({ api, person, domains, onClose, onSaved }: RolesDialogProps) {
  const styles = useStyles();
  const [roles, setRoles] = useState<readonly HeldRole[]>(person.roles);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const add = (r: HeldRole) => setRoles((held) => (held.some((h) => sameRole(h.role, r.role)) ? held : [...held, r]));
  const remove = (key: string) => setRoles((held) => held.filter((h) => roleKey(h.role) !== key));

  const save = async () => {
    setPending(true);
    setError(undefined);
    try {
      onSaved(await api.setRoles(person, roles.map((r) => r.role)));
    } catch (e) {
      setError(errorMessage(e));
      setPending(false);
    }
  };

  return (
    <Dialog open onOpenChange={(_e, d) => !d.open && !pending && onClose()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Roles of {person.displayName}</DialogTitle>
          <DialogContent className={styles.content}>
            {roles.length === 0 ? (
              <Text className={styles.none}>No roles: {person.displayName} can sign in but do nothing that needs a role.</Text>
            ) : (
              <TagGroup aria-label={`Roles of ${person.displayName}`} onDismiss={(_e, d) => remove(String(d.value))}>
                {roles.map((r) => (
                  <Tag key={roleKey(r.role)} value={roleKey(r.role)} dismissible={!pending} dismissIcon={{ 'aria-label': `Remove ${r.label}` }}>
                    {r.label}
                  </Tag>
                ))}
              </TagGroup>
            )}
            <AddRoleFields api={api} domains={domains} disabled={pending} onAdd={add} />
            {error && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button disabled={pending} onClick={onClose}>
              Cancel
            </Button>
            <Button appearance="primary" disabled={pending} icon={pending ? <Spinner size="tiny" /> : undefined} onClick={() => void save()}>
              Save roles
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
