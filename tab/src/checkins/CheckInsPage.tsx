/**
 * The Check-ins page (PRODUCT.md §2): for one domain, its weekly cadence, asking its teams now,
 * and its rounds — who answered, what is overdue, what was left out and why. PMO leads and
 * tenant admins act here; the EPMO follows every domain read-only.
 */
import { Dropdown, Field, MessageBar, MessageBarBody, MessageBarTitle, Option, Subtitle1, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import type { MeResponse } from '../../../bot/api-contract/people';
import type { ApiClient } from '../api/client';
import { useDomains } from '../portfolio/useDomains';
import { formatDateTime } from '../shared/dates';
import { EmptyState } from '../shared/EmptyState';
import { Loaded } from '../shared/Loaded';
import { PageHeader } from '../shared/PageHeader';
import { checkInsHash, navigate } from '../shared/route';
import { SURFACE } from '../shared/surface';
import { useLoad } from '../shared/useLoad';
import { isEpmoMember, ledDomains, useMe } from '../shared/useMe';
import { createCheckInsApi } from './api';
import { CadenceForm } from './CadenceForm';
import { describeCadence } from './cadence-form';
import { RequestPanel } from './RequestPanel';
import { RoundList } from './RoundList';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`, ...SURFACE },
  picker: { minWidth: '220px' },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Roles = Pick<MeResponse, 'roles'>;
const isAdmin = (me: Roles): boolean => me.roles.some((r) => r.role === 'tenant_admin');

/** Who the page is for: PMO leads, tenant admins, and the EPMO (read-only). */
export const usesCheckIns = (me: Roles): boolean => ledDomains(me).length > 0 || isAdmin(me) || isEpmoMember(me);

export function CheckInsPage({ api, domainId }: { readonly api: ApiClient; readonly domainId?: string | undefined }) {
  const me = useMe(api);
  return (
    <Loaded state={me} loading="Loading your roles…" failed="Could not load your roles" onRetry={me.retry}>
      {({ data }) =>
        usesCheckIns(data) ? (
          <DomainCheckIns api={api} me={data} named={domainId} />
        ) : (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Check-ins are run by the PMO</MessageBarTitle>
              Your team answers check-ins in the card PMO Relay sends to its conversation. PMO leads, tenant admins and the EPMO follow them here.
            </MessageBarBody>
          </MessageBar>
        )
      }
    </Loaded>
  );
}

function DomainCheckIns({ api, me, named }: { readonly api: ApiClient; readonly me: Roles; readonly named: string | undefined }) {
  const styles = useStyles();
  const led = useMemo(() => ledDomains(me), [me]);
  const { domains, list, selected, unknownNamed } = useDomains(api, named, led);
  const checkIns = useMemo(() => createCheckInsApi(api.transport), [api]);
  const domainId = selected?.id;
  const load = useCallback((signal: AbortSignal) => checkIns.get(domainId as string, signal), [checkIns, domainId]);
  const state = useLoad(domainId ? load : undefined);
  const canAct = domainId !== undefined && (led.includes(domainId) || isAdmin(me));

  const picker = list.length > 1 && (
    <Field label="Domain">
      <Dropdown className={styles.picker} value={selected?.name ?? ''} selectedOptions={domainId ? [domainId] : []} onOptionSelect={(_e, d) => d.optionValue && navigate(checkInsHash(d.optionValue))}>
        {list.map((d) => (
          <Option key={d.id} value={d.id}>
            {d.name}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );

  return (
    <div className={styles.page}>
      <PageHeader title={selected ? `${selected.name} check-ins` : 'Check-ins'} description="Ask the domain's teams for their status in their own conversation, weekly or now, and see who answered." tools={picker} />
      <Loaded state={domains} loading="Loading domains…" failed="Could not load the domains" onRetry={domains.retry}>
        {() =>
          unknownNamed || !domainId ? (
            <EmptyState title={unknownNamed ? 'This domain is not one you can see' : 'No domains yet'}>
              {unknownNamed ? 'Choose one of your domains above.' : 'A tenant admin creates domains; then their check-ins show here.'}
            </EmptyState>
          ) : (
            <Loaded state={state} loading="Loading check-ins…" failed="Could not load the check-ins" onRetry={state.retry}>
              {({ data }) => (
                <>
                  {data.overdue > 0 && (
                    <MessageBar intent="warning" layout="multiline">
                      <MessageBarBody>
                        <MessageBarTitle>
                          {data.overdue} {data.overdue === 1 ? 'check-in is' : 'check-ins are'} overdue
                        </MessageBarTitle>
                        Their teams have not answered by the due time. The PMO channel got a digest of them.
                      </MessageBarBody>
                    </MessageBar>
                  )}
                  <section className={styles.section} aria-labelledby="checkins-cadence">
                    <Subtitle1 as="h2" id="checkins-cadence">
                      Weekly cadence
                    </Subtitle1>
                    <Text className={styles.muted}>
                      {data.cadence.enabled ? `${describeCadence(data.cadence)}; answers due within ${data.cadence.answerWithinHours} hours.` : 'Off: check-ins go out only when asked for.'}
                      {data.nextAt ? ` Next: ${formatDateTime(data.nextAt)}.` : ''}
                    </Text>
                    {canAct && <CadenceForm key={`${domainId}:${JSON.stringify(data.cadence)}`} api={checkIns} domainId={domainId} cadence={data.cadence} onSaved={state.retry} />}
                  </section>
                  {canAct && (
                    <section className={styles.section} aria-labelledby="checkins-now">
                      <Subtitle1 as="h2" id="checkins-now">
                        Ask now
                      </Subtitle1>
                      <RequestPanel key={domainId} api={api} checkIns={checkIns} domainId={domainId} onRequested={state.retry} />
                    </section>
                  )}
                  <section className={styles.page} aria-labelledby="checkins-rounds">
                    <Subtitle1 as="h2" id="checkins-rounds">
                      Rounds
                    </Subtitle1>
                    {data.rounds.length === 0 ? (
                      <EmptyState title="No check-ins yet">{canAct ? 'Ask for check-ins now, or wait for the weekly cadence.' : 'Rounds appear here once the PMO asks for check-ins.'}</EmptyState>
                    ) : (
                      <RoundList rounds={data.rounds} />
                    )}
                  </section>
                </>
              )}
            </Loaded>
          )
        }
      </Loaded>
    </div>
  );
}
