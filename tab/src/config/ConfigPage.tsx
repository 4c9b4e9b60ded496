import { Body1, Dropdown, Field, Link, MessageBar, MessageBarBody, Option, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import type { DomainsResponse } from '../../../bot/api-contract/portfolio';
import { ErrorState } from '../shared/ErrorState';
import { Loaded } from '../shared/Loaded';
import { portfolioHash } from '../shared/route';
import { useLoad } from '../shared/useLoad';
import { offerTabSettings } from '../teams/tab-config';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '560px' },
  heading: { margin: 0 },
  domain: { minWidth: '280px' },
});

export interface ConfigPageProps {
  readonly api: ApiClient;
  readonly inTeams: boolean;
}

/**
 * The channel tab's configuration page: pick the domain whose portfolio the tab shows.
 * In Teams, picking one enables Save, which stores a content URL bound to that domain.
 */
export function ConfigPage({ api, inTeams }: ConfigPageProps) {
  const styles = useStyles();
  const load = useCallback((signal: AbortSignal) => api.domains(signal), [api]);
  const domains = useLoad(load);
  const [domainId, setDomainId] = useState<string>();
  const [saveError, setSaveError] = useState<string>();

  const list: DomainsResponse = domains.status === 'ready' ? domains.data : [];
  const chosen = list.find((d) => d.id === domainId);
  const url = chosen ? `${window.location.origin}/${portfolioHash(chosen.id)}` : undefined;

  useEffect(() => {
    if (!inTeams) return;
    const settings = chosen && url ? { entityId: `portfolio-${chosen.id}`, contentUrl: url, websiteUrl: url, suggestedDisplayName: `${chosen.name} portfolio` } : undefined;
    offerTabSettings(settings).then(
      () => setSaveError(undefined),
      (error: unknown) => setSaveError(error instanceof Error ? error.message : String(error)),
    );
  }, [inTeams, chosen, url]);

  return (
    <Loaded state={domains} loading="Loading domains…" failed="Could not load your domains" onRetry={domains.retry}>
      {() => (
        <div className={styles.page}>
          <Title2 as="h1" className={styles.heading}>
            Set up the portfolio tab
          </Title2>
          <Body1>Choose the domain whose portfolio this channel tab shows. Everyone in the channel sees only what their own role allows.</Body1>
          <Field label="Domain for this tab" required>
            <Dropdown
              className={styles.domain}
              placeholder="Choose a domain"
              value={chosen?.name ?? ''}
              selectedOptions={chosen ? [chosen.id] : []}
              onOptionSelect={(_e, data) => setDomainId(data.optionValue)}
            >
              {list.map((d) => (
                <Option key={d.id} value={d.id}>
                  {d.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {saveError && <ErrorState title="Teams did not accept the tab settings" message={saveError} />}
          {!inTeams && (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>
                In Teams, choosing a domain here enables Save.{' '}
                {url ? (
                  <>
                    The tab will open <Link href={portfolioHash(chosen?.id)}>{url}</Link>.
                  </>
                ) : (
                  'Choose a domain to see the address the tab will open.'
                )}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}
    </Loaded>
  );
}
