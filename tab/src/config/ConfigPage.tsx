import { Body1, Dropdown, Field, Link, MessageBar, MessageBarBody, Option, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiClient } from '../api/client';
import { ErrorState } from '../shared/ErrorState';
import { Loaded } from '../shared/Loaded';
import { useLoad } from '../shared/useLoad';
import { useMe } from '../shared/useMe';
import { offerTabSettings } from '../teams/tab-config';
import { type BindingChoice, type BindingOption, bindingOptions, tabSettingsFor } from './binding';
import { type InitialBinding, useInitialBinding } from './useInitialBinding';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '560px' },
  heading: { margin: 0 },
  choice: { minWidth: '280px' },
});

export interface ConfigPageProps {
  readonly api: ApiClient;
  readonly inTeams: boolean;
}

/**
 * The channel tab's configuration page: pick the portfolio the tab shows — a domain's, or the
 * EPMO roll-up for those who see it. In Teams, a choice enables Save, which stores a content URL
 * that opens it. Reconfiguring starts from the tab's binding; a new tab in a linked PMO channel
 * starts from that PMO's domain.
 */
export function ConfigPage({ api, inTeams }: ConfigPageProps) {
  const load = useCallback((signal: AbortSignal) => api.domains(signal), [api]);
  const domains = useLoad(load);
  const me = useMe(api);
  const initial = useInitialBinding(api, inTeams);
  const retry = () => [domains, me, initial].forEach((s) => s.status === 'error' && s.retry());
  const failed = [domains, me, initial].find((s) => s.status === 'error');
  const state =
    failed?.status === 'error' ? failed : domains.status === 'ready' && me.status === 'ready' && initial.status === 'ready' ? ({ status: 'ready' } as const) : ({ status: 'loading' } as const);

  return (
    <Loaded state={state} loading="Loading your portfolios…" failed="Could not load your portfolios" onRetry={retry}>
      {() =>
        domains.status === 'ready' && me.status === 'ready' && initial.status === 'ready' ? (
          <BindingForm options={bindingOptions(me.data, domains.data)} initial={initial.data} inTeams={inTeams} />
        ) : null
      }
    </Loaded>
  );
}

function BindingForm({ options, initial, inTeams }: { readonly options: readonly BindingOption[]; readonly initial: InitialBinding; readonly inTeams: boolean }) {
  const styles = useStyles();
  const start = options.some((o) => o.value === initial.choice) ? initial.choice : undefined;
  const [choice, setChoice] = useState<BindingChoice | undefined>(start);
  const [saveError, setSaveError] = useState<string>();
  const chosen = options.find((o) => o.value === choice);
  const settings = useMemo(() => (chosen ? tabSettingsFor(chosen, `${window.location.origin}${window.location.pathname}`) : undefined), [chosen]);

  useEffect(() => {
    if (!inTeams) return;
    offerTabSettings(settings).then(
      () => setSaveError(undefined),
      (error: unknown) => setSaveError(error instanceof Error ? error.message : String(error)),
    );
  }, [inTeams, settings]);

  const hint =
    start === undefined || choice !== start
      ? undefined
      : initial.reason === 'saved'
        ? 'This is what the tab shows now.'
        : 'Suggested: this channel is linked to it in PMO Relay.';

  return (
    <div className={styles.page}>
      <Title2 as="h1" className={styles.heading}>
        Set up the portfolio tab
      </Title2>
      <Body1>Choose the portfolio this channel tab shows: a domain&apos;s, or the EPMO roll-up of every domain. Everyone in the channel sees only what their own role allows.</Body1>
      {options.length === 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>You can see no portfolio yet, so there is nothing to show here. Ask your tenant admin for a role in PMO Relay.</MessageBarBody>
        </MessageBar>
      ) : (
        <Field label="Portfolio for this tab" required hint={hint}>
          <Dropdown
            className={styles.choice}
            placeholder="Choose a portfolio"
            value={chosen?.label ?? ''}
            selectedOptions={chosen ? [chosen.value] : []}
            onOptionSelect={(_e, data) => setChoice(data.optionValue as BindingChoice | undefined)}
          >
            {options.map((o) => (
              <Option key={o.value} value={o.value}>
                {o.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}
      {saveError && <ErrorState title="Teams did not accept the tab settings" message={saveError} />}
      {!inTeams && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            In Teams, choosing a portfolio here enables Save.{' '}
            {settings ? (
              <>
                The tab will open <Link href={settings.contentUrl}>{settings.contentUrl}</Link>.
              </>
            ) : (
              'Choose a portfolio to see the address the tab will open.'
            )}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
