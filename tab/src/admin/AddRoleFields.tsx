import { Button, Combobox, Dropdown, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useCallback, useState } from 'react';
import { ROLES, ROLE_LABELS, type Role } from '../../../bot/kernel/roles';
import { useLoad } from '../shared/useLoad';
import type { AdminApi, DomainResponse } from './api';
import type { HeldRole } from './roles';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  field: { minWidth: '180px' },
});

/** Items offered while typing a title. */
const MAX_ITEMS = 50;

export interface AddRoleFieldsProps {
  readonly api: AdminApi;
  readonly domains: readonly DomainResponse[];
  readonly disabled: boolean;
  onAdd(role: HeldRole): void;
}

/** Picks one role to add: its kind, and for a PMO lead the domain, for a team member the domain and then the work item by title. */
export function AddRoleFields({ api, domains, disabled, onAdd }: AddRoleFieldsProps) {
  const styles = useStyles();
  const [kind, setKind] = useState<Role>();
  const [domainId, setDomainId] = useState<string>();
  const [itemText, setItemText] = useState('');
  const [itemId, setItemId] = useState<string>();
  const loadItems = useCallback((signal: AbortSignal) => api.workItems(domainId as string, signal), [api, domainId]);
  const items = useLoad(kind === 'team_member' && domainId ? loadItems : undefined);
  const domain = domains.find((d) => d.id === domainId);
  const itemList = items.status === 'ready' ? items.data : [];
  const typed = itemText.trim().toLowerCase();
  const itemMatches = itemList.filter((i) => i.id === itemId || i.title.toLowerCase().includes(typed)).slice(0, MAX_ITEMS);
  const item = itemList.find((i) => i.id === itemId);

  const role: HeldRole | undefined =
    kind === 'pmo_lead' && domain
      ? { role: { role: 'pmo_lead', domainId: domain.id }, label: `${ROLE_LABELS.pmo_lead} · ${domain.name}` }
      : kind === 'team_member' && item
        ? { role: { role: 'team_member', workItemId: item.id }, label: `${ROLE_LABELS.team_member} · ${item.title}` }
        : kind && kind !== 'pmo_lead' && kind !== 'team_member'
          ? { role: { role: kind }, label: ROLE_LABELS[kind] }
          : undefined;

  const add = () => {
    if (!role) return;
    onAdd(role);
    setItemId(undefined);
    setItemText('');
  };

  return (
    <div className={styles.row}>
      <Field label="Role" className={styles.field}>
        <Dropdown placeholder="Choose a role" value={kind ? ROLE_LABELS[kind] : ''} selectedOptions={kind ? [kind] : []} disabled={disabled} onOptionSelect={(_e, d) => setKind(d.optionValue as Role)}>
          {ROLES.map((r) => (
            <Option key={r} value={r}>
              {ROLE_LABELS[r]}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {(kind === 'pmo_lead' || kind === 'team_member') && (
        <Field label="Domain" className={styles.field} hint={domains.length === 0 ? 'Create a domain first.' : undefined}>
          <Dropdown
            placeholder="Choose a domain"
            value={domain?.name ?? ''}
            selectedOptions={domainId ? [domainId] : []}
            disabled={disabled}
            onOptionSelect={(_e, d) => {
              setDomainId(d.optionValue);
              setItemId(undefined);
              setItemText('');
            }}
          >
            {domains.map((d) => (
              <Option key={d.id} value={d.id}>
                {d.name}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {kind === 'team_member' && domainId && (
        <Field label="Work item" className={styles.field} hint={items.status === 'loading' ? 'Loading the domain’s work items…' : items.status === 'error' ? items.message : itemList.length === 0 ? 'This domain has no work items yet.' : undefined}>
          <Combobox
            freeform
            placeholder="Type a title"
            value={itemText}
            selectedOptions={itemId ? [itemId] : []}
            disabled={disabled || items.status !== 'ready'}
            onChange={(e) => {
              setItemText(e.target.value);
              setItemId(undefined);
            }}
            onOptionSelect={(_e, d) => {
              const picked = itemList.find((i) => i.id === d.optionValue);
              setItemId(picked?.id);
              setItemText(picked?.title ?? '');
            }}
          >
            {itemMatches.map((i) => (
              <Option key={i.id} value={i.id}>
                {i.title}
              </Option>
            ))}
          </Combobox>
        </Field>
      )}
      <Button icon={<AddRegular />} disabled={disabled || !role} onClick={add}>
        Add role
      </Button>
    </div>
  );
}
