import {
  Badge,
  Button,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  OverlayDrawer,
  Persona,
  ProgressBar,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular, EditRegular } from '@fluentui/react-icons';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../api/client';
import { formatDate } from '../shared/dates';
import { Loaded } from '../shared/Loaded';
import { useLoad } from '../shared/useLoad';
import { alignedObjectives, byPriority, statusAgeText } from './filters';
import { DiscardChangesDialog } from './DiscardChangesDialog';
import { benefitSummary } from './history';
import { ItemActivity } from './ItemActivity';
import { RagBadge } from './RagBadge';
import { type StrategicObjective, type WorkItemView, DIMENSIONS, DIMENSION_LABELS, MODE_LABELS, STRUCTURE_LABELS } from './types';
import { usePeopleDirectory } from './usePeopleDirectory';
import type { WorkItemEdit } from './useWorkItemMutations';
import { WorkItemForm } from './WorkItemForm';

const useStyles = makeStyles({
  headerActions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, paddingBottom: tokens.spacingVerticalXL },
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS, margin: 0 },
  term: { color: tokens.colorNeutralForeground2 },
  def: { margin: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface ItemPanelProps {
  readonly api: ApiClient;
  readonly item: WorkItemView | undefined;
  readonly objectives: ReadonlyMap<string, StrategicObjective>;
  readonly canEdit: boolean;
  onClose(): void;
  onSave(item: WorkItemView, patch: WorkItemEdit): Promise<void>;
}

/**
 * A work item's details in a side drawer — with its health history, signals and strategy
 * changes (loaded when it opens) — and, for PMO leads, edited in place.
 */
export function ItemPanel({ api, item, objectives, canEdit, onClose, onSave }: ItemPanelProps) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  // Read when a close is asked for, whichever render's handler the drawer calls.
  const dirty = useRef(false);
  const editingNow = useRef(false);
  editingNow.current = editing;
  const [confirming, setConfirming] = useState(false);
  const people = usePeopleDirectory(api, editing);
  // After a save or a cancel the form goes; the Edit button that opened it takes focus back,
  // so keyboard and screen-reader users stay on the item (not on the page body).
  const editButton = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (!returnFocus || editing) return;
    editButton.current?.focus();
    setReturnFocus(false);
  }, [returnFocus, editing]);
  const stopEditing = () => {
    setEditing(false);
    dirty.current = false;
    setReturnFocus(true);
  };
  const close = () => {
    setEditing(false);
    dirty.current = false;
    setConfirming(false);
    onClose();
  };
  /** Escape, the close button or a click outside: an edit in progress is not thrown away unasked. */
  const requestClose = () => (editingNow.current && dirty.current ? setConfirming(true) : close());
  return (
    <>
      <OverlayDrawer position="end" size="medium" open={item !== undefined} onOpenChange={(_e, d) => !d.open && requestClose()}>
        {item && (
          <>
            <DrawerHeader>
              <DrawerHeaderTitle
                action={
                  // Edit sits in the header, not below the details: the history, signals and changes
                  // load after the panel opens and push everything under them down, so a button there
                  // moved out from under a pointer pressed on it (the press focused it; the click was lost).
                  <div className={styles.headerActions}>
                    {canEdit && !editing && (
                      <Button ref={editButton} icon={<EditRegular />} onClick={() => setEditing(true)}>
                        Edit
                      </Button>
                    )}
                    <Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={requestClose} />
                  </div>
                }
              >
                {item.title}
              </DrawerHeaderTitle>
            </DrawerHeader>
            <DrawerBody className={styles.body}>
              {editing ? (
                <WorkItemForm
                  kind="edit"
                  key={item.id}
                  item={item}
                  domainId={item.domainId}
                  objectives={byPriority([...objectives.values()])}
                  people={people}
                  onDirtyChange={(d) => {
                    dirty.current = d;
                  }}
                  onCancel={stopEditing}
                  onSubmit={async (patch, base) => {
                    await onSave(base, patch);
                    stopEditing();
                  }}
                />
              ) : (
                <>
                  <Details item={item} objectives={objectives} />
                  {/* Keyed by version: a saved edit adds a status report, so the history reloads. */}
                  <Activity key={`${item.id}-${item.etag}`} api={api} itemId={item.id} />
                </>
              )}
            </DrawerBody>
          </>
        )}
      </OverlayDrawer>
      {/* Beside the drawer, not in it: its Escape must not reach the drawer and ask again. */}
      <DiscardChangesDialog open={confirming} onKeep={() => setConfirming(false)} onDiscard={close} />
    </>
  );
}

function Details({ item, objectives }: { readonly item: WorkItemView; readonly objectives: ReadonlyMap<string, StrategicObjective> }) {
  const styles = useStyles();
  const aligned = alignedObjectives(item, objectives);
  const fact = (term: string, value: ReactNode) => (
    <>
      <dt className={styles.term}>{term}</dt>
      <dd className={styles.def}>{value}</dd>
    </>
  );
  return (
    <>
      <dl className={styles.facts} aria-label="Details">
        {fact('Structure', STRUCTURE_LABELS[item.structure])}
        {fact('Mode', MODE_LABELS[item.mode])}
        {fact('Stage', item.stage)}
        {fact('Owner', <Persona size="small" name={item.owner.displayName} />)}
        {fact('Dates', `${formatDate(item.startDate)} to ${formatDate(item.endDate)}`)}
      </dl>
      <section className={styles.section} aria-label="Objectives">
        <Subtitle2 as="h3">Objectives</Subtitle2>
        {aligned.length === 0 ? (
          <Text className={styles.muted}>Not aligned to an objective</Text>
        ) : (
          <ul className={styles.list}>
            {aligned.map((o) => (
              <li key={o.objectiveId}>
                {o.code}: {o.title} — {o.weight}% contribution
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.section} aria-label="Health">
        <Subtitle2 as="h3">Health</Subtitle2>
        <dl className={styles.facts}>
          {DIMENSIONS.map((d) => fact(DIMENSION_LABELS[d], <RagBadge value={item.health[d]} dimension={DIMENSION_LABELS[d]} />))}
          {fact('Overall', <RagBadge value={item.overall} dimension="Overall" />)}
        </dl>
      </section>
      <section className={styles.section} aria-label="Status">
        <Subtitle2 as="h3">Status</Subtitle2>
        <Text>
          Reported: {statusAgeText(item)}
          {item.statusAgeDays !== undefined && item.statusAgeDays > 0 && ' ago'}{' '}
          {item.stale && (
            <Badge appearance="filled" color="warning">
              Stale
            </Badge>
          )}
        </Text>
        {item.statusNote ? <Text>{item.statusNote}</Text> : <Text className={styles.muted}>No status note</Text>}
      </section>
      <BenefitsSection item={item} />
    </>
  );
}

const fmt = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 2 });

function BenefitsSection({ item }: { readonly item: WorkItemView }) {
  const styles = useStyles();
  const b = item.benefits;
  const summary = benefitSummary(item);
  const share = summary.share;
  return (
    <section className={styles.section} aria-label="Benefits">
      <Subtitle2 as="h3">Benefits</Subtitle2>
      {/* The verdict is the team's benefit health; the figures, when there are any, back it up. */}
      <Text>
        Benefit health: <Text weight="semibold">{summary.verdict}</Text>
      </Text>
      {!b ? (
        <Text className={styles.muted}>{summary.noFigures}</Text>
      ) : (
        <>
          <dl className={styles.facts}>
            <dt className={styles.term}>Planned</dt>
            <dd className={styles.def}>
              {fmt(b.planned.value)} {b.planned.unit}
            </dd>
            <dt className={styles.term}>Realised</dt>
            <dd className={styles.def}>
              {fmt(b.realised.value)} {b.realised.unit}
            </dd>
          </dl>
          {share !== undefined && (
            <>
              <ProgressBar
                value={Math.min(share, 1)}
                thickness="large"
                color={item.health.benefit === 'green' ? 'success' : item.health.benefit === 'unknown' ? 'brand' : 'warning'}
                aria-label={`Benefits realised: ${Math.round(share * 100)}% of planned`}
              />
              <Text>{Math.round(share * 100)}% of planned benefit realised</Text>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** History, signals and changes: the panel endpoint, loaded when the panel opens. */
function Activity({ api, itemId }: { readonly api: ApiClient; readonly itemId: string }) {
  const load = useCallback((signal: AbortSignal) => api.itemPanel(itemId, signal), [api, itemId]);
  const panel = useLoad(load);
  return (
    <Loaded state={panel} loading="Loading history, signals and changes…" failed="Could not load the history, signals and changes" onRetry={panel.retry}>
      {({ data }) => <ItemActivity panel={data} />}
    </Loaded>
  );
}
