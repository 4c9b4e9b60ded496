/**
 * The admin area's setup page (`#/admin/setup`): what the tenant has not set up yet. Tenant
 * admins only; the server refuses everyone else too.
 */
import { MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import { Loaded } from '../shared/Loaded';
import { PageHeader } from '../shared/PageHeader';
import { useMe } from '../shared/useMe';
import { SetupGaps } from './SetupGaps';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL, maxWidth: '960px' },
});

export function SetupPage({ api }: { readonly api: ApiClient }) {
  const styles = useStyles();
  const me = useMe(api);
  return (
    <div className={styles.page}>
      <PageHeader title="Set up PMO Relay" description="Channels, teams, objectives and roles: what is still missing." />
      <Loaded state={me} loading="Loading your roles…" failed="Could not load your roles" onRetry={me.retry}>
        {({ data }) =>
          data.roles.some((r) => r.role === 'tenant_admin') ? (
            <SetupGaps api={api} />
          ) : (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>For tenant admins</MessageBarTitle>
                Only a tenant admin can see what is not set up yet. Ask your tenant admin if something seems missing.
              </MessageBarBody>
            </MessageBar>
          )
        }
      </Loaded>
    </div>
  );
}
