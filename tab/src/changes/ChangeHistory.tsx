import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Text, Title3, makeStyles, tokens } from '@fluentui/react-components';
import { formatDateTime } from '../shared/dates';
import { SURFACE } from '../shared/surface';
import { type ChangeAction, type ChangeAuditEvent, STATE_LABELS } from './types';

const useStyles = makeStyles({
  panel: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    ...SURFACE,
  },
  heading: { margin: 0 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    position: 'relative',
    paddingLeft: tokens.spacingHorizontalXL,
    paddingBottom: tokens.spacingVerticalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke2}`,
    marginLeft: tokens.spacingHorizontalXS,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  dot: {
    position: 'absolute',
    left: '-6px',
    top: '4px',
    width: '10px',
    height: '10px',
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorBrandBackground,
  },
  what: { fontWeight: tokens.fontWeightSemibold },
  when: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  comment: { color: tokens.colorNeutralForeground2, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});

/** What each transition reads as; drafts are always version 1. */
const ACTION_TEXT: Readonly<Record<ChangeAction, (version: number) => string>> = {
  draft: () => 'drafted the change',
  edit: () => 'edited the draft',
  publish: (v) => `published version ${v}`,
  supersede: (v) => `superseded version ${v}`,
  withdraw: (v) => `withdrew version ${v}`,
};

/** `Sam Strategy published version 1 (Draft → Published)`: who did what, and how the state moved. */
function describeEvent(e: ChangeAuditEvent): string {
  const move = e.from && e.from !== e.to ? ` (${STATE_LABELS[e.from]} → ${STATE_LABELS[e.to]})` : '';
  return `${e.actorName} ${ACTION_TEXT[e.action](e.version)}${move}`;
}

/**
 * The audit trail of a change, every version, oldest first: who, what, when and why. Folded
 * until asked for: the page leads with what the change says and how it cascades, and the
 * withdrawal's reason already shows at the top.
 */
export function ChangeHistory({ events }: { readonly events: readonly ChangeAuditEvent[] }) {
  const styles = useStyles();
  return (
    <section className={styles.panel} aria-label="Change history">
      <Accordion collapsible>
        <AccordionItem value="history">
          <AccordionHeader as="h2" expandIconPosition="end" className={styles.heading}>
            <Title3 as="span">History ({events.length})</Title3>
          </AccordionHeader>
          <AccordionPanel>
            {events.length === 0 ? (
              // Changes stored before the history was kept show what happens to them from now on.
              <Text>No history recorded for this change yet.</Text>
            ) : (
              <ol className={styles.list} aria-label="History">
                {events.map((e) => (
                  <li key={`${e.version}.${e.seq}`} className={styles.item}>
                    <span className={styles.dot} aria-hidden />
                    <Text className={styles.what}>{describeEvent(e)}</Text>
                    <Text className={styles.when}>
                      <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                    </Text>
                    {e.comment && <Text className={styles.comment}>{e.comment}</Text>}
                  </li>
                ))}
              </ol>
            )}
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
