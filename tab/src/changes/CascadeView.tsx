import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { formatDateTime, formatTime } from '../shared/dates';
import { Figure, FigureList } from '../shared/Figures';
import { SURFACE } from '../shared/surface';
import { ImpactBadge, ResponseProgress, StatusBadge } from './ChangeBadges';
import { deliveryText, domainRows, isFanOutRunning, recipientLabel } from './progress';
import { RollupTable } from './RollupTable';
import { DELIVERY_LABELS, type CascadeRecipient, type CascadeResponse } from './types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    ...SURFACE,
    overflowX: 'auto',
  },
  panelHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  h: { margin: 0 },
  subtle: { color: tokens.colorNeutralForeground3 },
  live: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
  dot: { width: '8px', height: '8px', borderRadius: '50%', backgroundColor: tokens.colorStatusSuccessBackground3 },
  comment: { maxWidth: '360px', whiteSpace: 'pre-wrap' },
  error: { color: tokens.colorStatusDangerForeground1 },
});

/** What each figure counts, said once, so the numbers read as parts of one whole. */
const FIGURES_EXPLAINED =
  'Recipients are the PMO channels and teams this version addresses; each has responded, is pending or is unreachable. Overdue counts pending recipients past the respond-by date. The EPMO copy is for information and is not counted.';

export interface CascadeViewProps {
  readonly cascade: CascadeResponse;
  readonly loadedAt: number;
  onRefresh(): void;
}

/** Who was reached and how they answered, per domain and per team, with roll-ups. */
export function CascadeView({ cascade, loadedAt, onRefresh }: CascadeViewProps) {
  const styles = useStyles();
  const { rollup, delivery } = cascade;
  const running = isFanOutRunning(delivery);
  return (
    <div className={styles.root}>
      <section className={styles.panel} aria-labelledby="cascade-progress">
        <div className={styles.panelHead}>
          <Title3 as="h2" id="cascade-progress" className={styles.h}>
            Cascade
          </Title3>
          <span className={styles.live}>
            {running && <span className={styles.dot} aria-hidden />}
            <Text role="status">
              {running ? 'Live · ' : ''}Updated {formatTime(loadedAt)}
            </Text>
            <Button appearance="subtle" size="small" icon={<ArrowClockwiseRegular />} onClick={onRefresh}>
              Refresh
            </Button>
          </span>
        </div>
        <ResponseProgress rollup={rollup} label="Responses to this change" size="large" />
        <Text className={styles.subtle}>{deliveryText(delivery, rollup.recipients)}</Text>
        <FigureList label="Response figures" minWidth="120px">
          <Figure look="inset" label="Recipients" value={rollup.recipients} />
          <Figure look="inset" label="Responded" value={rollup.responded} />
          <Figure look="inset" label="Pending" value={rollup.pending} />
          <Figure look="inset" label="Unreachable" value={rollup.unreachable} />
          <Figure look="inset" label="Overdue" value={rollup.overdue} />
          <Figure look="inset" label="Acknowledged" value={rollup.acknowledged} />
          <Figure look="inset" label="Impact assessed" value={rollup.assessed} />
        </FigureList>
        <Text className={styles.subtle}>{FIGURES_EXPLAINED}</Text>
      </section>

      {cascade.objectives.length > 0 && (
        <section className={styles.panel} aria-labelledby="by-objective">
          <Title3 as="h2" id="by-objective" className={styles.h}>
            Impact by objective
          </Title3>
          <RollupTable label="Impact by objective" firstColumn="Objective" rows={cascade.objectives.map((o) => ({ key: o.objectiveId, label: `${o.code} · ${o.title}`, rollup: o.rollup }))} />
          {/* A PMO channel answers for its domain, not for one objective, so only teams count here. */}
          <Text className={styles.subtle}>Counts the teams whose work aligns to each objective; PMO channels are counted by domain below.</Text>
        </section>
      )}

      <section className={styles.panel} aria-labelledby="by-domain">
        <Title3 as="h2" id="by-domain" className={styles.h}>
          Impact by domain
        </Title3>
        {cascade.domains.length === 0 ? (
          <Text className={styles.subtle}>No domain of yours is affected by this change.</Text>
        ) : (
          <RollupTable label="Impact by domain" firstColumn="Domain" rows={cascade.domains.map((d) => ({ key: d.domainId, label: d.name, rollup: d.rollup }))} />
        )}
      </section>

      {cascade.domains.map((d) => (
        <section key={d.domainId} className={styles.panel} aria-labelledby={`domain-${d.domainId}`}>
          <div className={styles.panelHead}>
            <Title3 as="h2" id={`domain-${d.domainId}`} className={styles.h}>
              {d.name}
            </Title3>
            <Text className={styles.subtle}>
              {d.rollup.responded} of {d.rollup.recipients} responded
            </Text>
          </div>
          <RecipientTable label={`${d.name} cascade`} rows={domainRows(d)} />
        </section>
      ))}

      {cascade.epmo && (
        <section className={styles.panel} aria-labelledby="epmo-copy">
          <Title3 as="h2" id="epmo-copy" className={styles.h}>
            EPMO copy
          </Title3>
          <RecipientTable label="EPMO copy" rows={[cascade.epmo]} informational />
        </section>
      )}
    </div>
  );
}

/** `informational`: the EPMO copy, which nobody is asked to answer, so it has no response status. */
function RecipientTable({ label, rows, informational = false }: { readonly label: string; readonly rows: readonly CascadeRecipient[]; readonly informational?: boolean }) {
  const styles = useStyles();
  return (
    <Table aria-label={label} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Conversation</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Impact</TableHeaderCell>
          <TableHeaderCell>Comment</TableHeaderCell>
          <TableHeaderCell>Responded</TableHeaderCell>
          <TableHeaderCell>Card</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const last = r.responses[r.responses.length - 1];
          return (
            <TableRow key={r.conversationId}>
              <TableCell>
                <TableCellLayout description={r.role === 'team' && r.workItems.length > 0 ? r.workItems.map((w) => w.title).join(', ') : undefined}>{recipientLabel(r)}</TableCellLayout>
              </TableCell>
              <TableCell>{informational ? <Text>For information</Text> : <StatusBadge status={r.status} />}</TableCell>
              <TableCell>
                <ImpactBadge impact={r.impact} />
              </TableCell>
              <TableCell className={styles.comment}>{r.comment ?? <span className={styles.subtle}>—</span>}</TableCell>
              <TableCell>
                {last ? (
                  <TableCellLayout description={formatDateTime(last.respondedAt)}>
                    {last.userName}
                    {r.responses.length > 1 ? ` +${r.responses.length - 1}` : ''}
                  </TableCellLayout>
                ) : (
                  <span className={styles.subtle}>—</span>
                )}
              </TableCell>
              <TableCell>
                <TableCellLayout description={r.deliveryError ? <span className={styles.error}>{r.deliveryError}</span> : undefined}>{DELIVERY_LABELS[r.delivery]}</TableCellLayout>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
