/**
 * A domain's check-in rounds, newest first: who asked (a person or the cadence), when they are
 * due, and per item whether its team answered (who, when), is still open, is overdue, or was
 * asked again by a newer round; then the items left out and why.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Caption1, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import type { CheckInItemView, CheckInRoundView } from '../../../bot/api-contract/checkins';
import { formatDateTime } from '../shared/dates';
import { SURFACE } from '../shared/surface';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  round: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`, ...SURFACE },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground3 },
  skipped: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

const STATE_BADGE: Readonly<Record<CheckInItemView['state'], { readonly label: string; readonly color: 'success' | 'informative' | 'danger' | 'subtle' | 'warning' }>> = {
  answered: { label: 'Answered', color: 'success' },
  open: { label: 'Waiting', color: 'informative' },
  overdue: { label: 'Overdue', color: 'danger' },
  superseded: { label: 'Asked again later', color: 'subtle' },
  undelivered: { label: 'Not delivered', color: 'warning' },
};

export const SKIP_REASONS: Readonly<Record<CheckInRoundView['skipped'][number]['reason'], string>> = {
  'reported-recently': 'reported recently',
  finished: 'finished',
  'no-team-conversation': 'no linked team conversation',
};

function who(round: CheckInRoundView): string {
  return round.trigger === 'cadence' ? 'by the weekly cadence' : `by ${round.requestedBy ?? 'a PMO lead'}`;
}

function counts(items: readonly CheckInItemView[]): string {
  const n = (s: CheckInItemView['state']) => items.filter((i) => i.state === s).length;
  const lost = n('undelivered');
  return [`${n('answered')} answered`, `${n('open')} waiting`, `${n('overdue')} overdue`, ...(lost > 0 ? [`${lost} not delivered`] : [])].join(' · ');
}

export function RoundList({ rounds }: { readonly rounds: readonly CheckInRoundView[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label="Check-in rounds">
      {rounds.map((round) => (
        <li key={round.id} className={styles.round} aria-label={`Check-ins requested ${formatDateTime(round.requestedAt)}`}>
          <div className={styles.head}>
            <Subtitle2 as="h3">
              Requested {formatDateTime(round.requestedAt)} {who(round)}
            </Subtitle2>
            <Caption1 className={styles.muted}>
              Due {formatDateTime(round.dueAt)}
              {round.remindedAt ? ` · reminded ${formatDateTime(round.remindedAt)}` : ''} · {counts(round.items)}
            </Caption1>
          </div>
          {round.items.length > 0 && (
            <Table size="small" aria-label={`Items asked ${formatDateTime(round.requestedAt)}`}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Item</TableHeaderCell>
                  <TableHeaderCell>State</TableHeaderCell>
                  <TableHeaderCell>Answered</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {round.items.map((item) => (
                  <TableRow key={item.workItemId}>
                    <TableCell>{item.title}</TableCell>
                    <TableCell>
                      <Badge appearance="tint" color={STATE_BADGE[item.state].color}>
                        {STATE_BADGE[item.state].label}
                      </Badge>
                    </TableCell>
                    <TableCell>{item.state === 'undelivered' ? "The card reached none of the team's conversations: check the team's channel link." : item.answeredBy ? `${item.answeredBy}${item.answeredAt ? `, ${formatDateTime(item.answeredAt)}` : ''}` : '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {round.skipped.length > 0 && (
            // Folded: with a weekly cadence the same list repeats in every round.
            <Accordion collapsible>
              <AccordionItem value="skipped">
                <AccordionHeader size="small">Not asked ({round.skipped.length})</AccordionHeader>
                <AccordionPanel>
                  <ul className={styles.skipped}>
                    {round.skipped.map((s) => (
                      <li key={s.workItemId}>
                        {s.title}: {SKIP_REASONS[s.reason]}
                      </li>
                    ))}
                  </ul>
                </AccordionPanel>
              </AccordionItem>
            </Accordion>
          )}
        </li>
      ))}
    </ul>
  );
}
