import {
  Body1,
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  Title2,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { EditRegular, SendRegular } from '@fluentui/react-icons';
import { useCallback, useMemo } from 'react';
import { BackLink } from '../shared/BackLink';
import { formatDateTime, relativeDay } from '../shared/dates';
import { ErrorState } from '../shared/ErrorState';
import { Loaded } from '../shared/Loaded';
import { Loading } from '../shared/Loading';
import { changesHash, composeHash, navigate } from '../shared/route';
import { SURFACE } from '../shared/surface';
import { useLive } from '../shared/useLive';
import type { ChangesApi } from './api';
import { CascadeView } from './CascadeView';
import { KindBadge, ResponseProgress, StateBadge, StatusBadge } from './ChangeBadges';
import { ChangeHistory } from './ChangeHistory';
import { renderMarkdown } from './markdown';
import { refreshInterval } from './progress';
import { REQUIRED_RESPONSE_LABELS, STATE_LABELS, type CascadeResponse, type ChangeDetailResponse } from './types';
import { WithdrawDialog } from './WithdrawDialog';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-start', justifyContent: 'space-between', gap: tokens.spacingHorizontalL },
  titles: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  heading: { margin: 0 },
  meta: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  columns: { display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(260px, 1fr)', gap: tokens.spacingHorizontalL, '@media (max-width: 900px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    ...SURFACE,
  },
  h: { margin: 0 },
  summary: { lineHeight: tokens.lineHeightBase400, '& p': { marginTop: 0 }, '& a': { color: tokens.colorBrandForegroundLink } },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXS, margin: 0 },
  factTitle: { color: tokens.colorNeutralForeground3 },
  factValue: { margin: 0 },
  versions: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface Viewer {
  readonly displayName: string;
  /** EPMO members and PMO leads see the cascade (leads: of their own domains). */
  readonly seesCascade: boolean;
}

export interface ChangeDetailPageProps {
  readonly changes: ChangesApi;
  readonly changeId: string;
  readonly viewer: Viewer;
}

/** One change: what it says, where it stands, and (for the EPMO and PMO leads) its cascade. */
export function ChangeDetailPage({ changes, changeId, viewer }: ChangeDetailPageProps) {
  const styles = useStyles();
  const loadDetail = useCallback((signal: AbortSignal) => changes.get(changeId, signal), [changes, changeId]);
  const detail = useLive(loadDetail, (d: ChangeDetailResponse) => refreshInterval(d.change.state, d.progress?.delivery));
  const current = detail.state.status === 'ready' ? detail.state.data : undefined;
  const wantsCascade = viewer.seesCascade && current !== undefined && current.change.state !== 'draft';

  if (detail.state.status === 'loading') return <Loading label="Loading the strategy change…" />;
  if (detail.state.status === 'error') {
    return (
      <div className={styles.page}>
        <BackLink hash={changesHash()} label="All strategy changes" />
        <ErrorState title="Could not load this strategy change" message={detail.state.message} onRetry={detail.reload} />
      </div>
    );
  }
  const data = detail.state.data;
  const { change } = data;
  const objectives = new Map(data.objectives.map((o) => [o.id, o]));
  const domains = new Map(data.domains.map((d) => [d.id, d.name]));

  const withdraw = async (reason: string) => {
    detail.replace(await changes.withdraw(change.id, data.etag, { reason }));
  };

  return (
    <div className={styles.page}>
      <BackLink hash={changesHash()} label="All strategy changes" />
      <header className={styles.header}>
        <div className={styles.titles}>
          <div className={styles.badges}>
            <KindBadge kind={change.kind} />
            <StateBadge state={change.state} />
            <Text className={styles.meta}>Version {change.version}</Text>
          </div>
          <Title2 as="h1" className={styles.heading}>
            {change.title}
          </Title2>
          <Body1 className={styles.meta}>
            From {change.authorName}
            {change.publishedAt ? ` · published ${formatDateTime(change.publishedAt)}` : ' · not published yet'}
          </Body1>
        </div>
        {data.canEdit && (
          <div className={styles.actions}>
            {change.state === 'draft' && (
              <Button appearance="primary" icon={<SendRegular />} onClick={() => navigate(composeHash(change.id))}>
                Edit and publish
              </Button>
            )}
            {change.state === 'published' && (
              <>
                <Button icon={<EditRegular />} onClick={() => navigate(composeHash(change.id))}>
                  Publish a new version
                </Button>
                <WithdrawDialog title={change.title} delivered={data.progress?.delivery.sent ?? 0} withdraw={withdraw} />
              </>
            )}
          </div>
        )}
      </header>

      {detail.state.refreshError && <ErrorState title="Could not refresh" message={detail.state.refreshError} onRetry={detail.reload} />}
      {change.state === 'withdrawn' && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Withdrawn</MessageBarTitle>
            {change.withdrawReason ?? 'The EPMO withdrew this change.'} Every delivered card now says so; no response is needed.
          </MessageBarBody>
        </MessageBar>
      )}
      {data.overdue && change.state === 'published' && (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Overdue</MessageBarTitle>
            The respond-by date has passed and some recipients have not responded.
          </MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.columns}>
        <section className={styles.panel} aria-labelledby="change-summary">
          <Title3 as="h2" id="change-summary" className={styles.h}>
            Summary
          </Title3>
          {/* markdown-it with raw HTML off: the output is escaped and safe. */}
          <div className={styles.summary} dangerouslySetInnerHTML={{ __html: renderMarkdown(change.summary) }} />
        </section>
        <section className={styles.panel} aria-labelledby="change-facts">
          <Title3 as="h2" id="change-facts" className={styles.h}>
            Details
          </Title3>
          <dl className={styles.facts}>
            <dt className={styles.factTitle}>Respond by</dt>
            <dd className={styles.factValue}>
              {formatDateTime(change.respondBy)}
              {change.state === 'published' ? ` (${relativeDay(change.respondBy, Date.now())})` : ''}
            </dd>
            <dt className={styles.factTitle}>Response</dt>
            <dd className={styles.factValue}>{REQUIRED_RESPONSE_LABELS[change.requiredResponse]}</dd>
            <dt className={styles.factTitle}>Objectives</dt>
            <dd className={styles.factValue}>{change.objectiveIds.map((id) => (objectives.get(id) ? `${objectives.get(id)?.code} ${objectives.get(id)?.title}` : id)).join('; ') || '—'}</dd>
            {/* Once published, the domains it reached (named or through its objectives), as the cascade counts them. */}
            <dt className={styles.factTitle}>{data.progress ? 'Domains reached' : 'Domains'}</dt>
            <dd className={styles.factValue}>
              {(data.progress ? data.progress.reachedDomainIds : change.domainIds).map((id) => domains.get(id) ?? id).join(', ') || 'Implied by the objectives'}
            </dd>
            {data.mine && (
              <>
                <dt className={styles.factTitle}>Your status</dt>
                <dd className={styles.factValue}>
                  <StatusBadge status={data.mine.status} />
                </dd>
              </>
            )}
          </dl>
          {data.progress && !wantsCascade && <ResponseProgress rollup={data.progress.rollup} delivery={data.progress.delivery} label="Responses to this change" />}
          {data.versions.length > 1 && (
            <>
              <Title3 as="h3" className={styles.h}>
                Versions
              </Title3>
              <ol className={styles.versions} aria-label="Versions">
                {data.versions.map((v) => (
                  <li key={v.version}>
                    v{v.version} · {STATE_LABELS[v.state]}
                    {v.publishedAt ? ` · ${formatDateTime(v.publishedAt)}` : ''}
                  </li>
                ))}
              </ol>
            </>
          )}
        </section>
      </div>

      {wantsCascade && <LiveCascade key={`${change.version}:${change.state}`} changes={changes} changeId={change.id} />}
      {!viewer.seesCascade && change.state !== 'draft' && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>Respond to this change on its card in your team's Teams conversation. PMO leads and the EPMO follow every team's answer here.</MessageBarBody>
        </MessageBar>
      )}
      <ChangeHistory events={data.history} />
    </div>
  );
}

function LiveCascade({ changes, changeId }: { readonly changes: ChangesApi; readonly changeId: string }) {
  const load = useCallback((signal: AbortSignal) => changes.cascade(changeId, signal), [changes, changeId]);
  const interval = useMemo(() => (c: CascadeResponse) => refreshInterval(c.state, c.delivery), []);
  const cascade = useLive(load, interval);
  return (
    <Loaded state={cascade.state} loading="Loading the cascade…" failed="Could not load the cascade" refreshFailed="Could not refresh the cascade" onRetry={cascade.reload}>
      {({ data, loadedAt }) => <CascadeView cascade={data} loadedAt={loadedAt} onRefresh={cascade.reload} />}
    </Loaded>
  );
}
