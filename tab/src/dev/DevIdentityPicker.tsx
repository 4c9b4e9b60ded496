import { Dropdown, Field, Option, makeStyles, tokens } from '@fluentui/react-components';
import type { DevUser } from '../../../bot/api-contract/people';
import { describeRoles } from './roles';
import { devUserKey } from './useDevIdentity';

const useStyles = makeStyles({
  dropdown: { minWidth: '360px' },
  option: { display: 'flex', flexDirection: 'column' },
  roles: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface DevIdentityPickerProps {
  readonly users: readonly DevUser[];
  readonly user: DevUser;
  onSelect(key: string): void;
}

/** Chooses whom the tab acts as in development mode. */
export function DevIdentityPicker({ users, user, onSelect }: DevIdentityPickerProps) {
  const styles = useStyles();
  const manyTenants = new Set(users.map((u) => u.tenantId)).size > 1;
  const selected = devUserKey(user);
  return (
    <Field label="Demo identity" orientation="horizontal">
      <Dropdown
        className={styles.dropdown}
        value={`${user.displayName} · ${describeRoles(user)}`}
        selectedOptions={[selected]}
        onOptionSelect={(_e, data) => {
          if (data.optionValue && data.optionValue !== selected) onSelect(data.optionValue);
        }}
      >
        {users.map((u) => (
          <Option key={devUserKey(u)} value={devUserKey(u)} text={u.displayName}>
            <span className={styles.option}>
              <span>{u.displayName}</span>
              <span className={styles.roles}>
                {describeRoles(u)}
                {manyTenants ? ` · ${u.tenantName}` : ''}
              </span>
            </span>
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
