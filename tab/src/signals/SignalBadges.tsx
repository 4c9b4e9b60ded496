/** Small badges for a signal's state, kind, urgency and due time: icon and word, never colour alone. */
import { Badge, type BadgeProps, Text, makeStyles } from '@fluentui/react-components';
import {
  AlertUrgent16Regular,
  ArrowUp16Regular,
  Bug16Regular,
  Clock16Regular,
  Info16Regular,
  Lightbulb16Regular,
  ShieldError16Regular,
  Warning16Filled,
} from '@fluentui/react-icons';
import type { JSX } from 'react';
import { type DueInfo, DUE_STEP, dueInfo } from './due';
import { type SignalKind, type SignalState, type SignalView, type Urgency, KIND_LABELS, STATE_LABELS, URGENCY_LABELS } from './types';

const useStyles = makeStyles({
  nowrap: { whiteSpace: 'nowrap' },
  // Read by screen readers, not shown.
  srOnly: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
});

const STATE_COLOR: Readonly<Record<SignalState, BadgeProps['color']>> = {
  raised: 'warning',
  triaged: 'brand',
  analysing: 'brand',
  escalated: 'important',
  deferred: 'informative',
  decided: 'success',
  resolved: 'success',
  closed: 'subtle',
};

export function StateBadge({ state }: { readonly state: SignalState }) {
  const styles = useStyles();
  return (
    <Badge className={styles.nowrap} appearance="tint" shape="rounded" color={STATE_COLOR[state]} data-state={state}>
      {STATE_LABELS[state]}
    </Badge>
  );
}

const KIND_ICON: Readonly<Record<SignalKind, JSX.Element>> = {
  opportunity: <Lightbulb16Regular />,
  issue: <Bug16Regular />,
  risk: <ShieldError16Regular />,
  information: <Info16Regular />,
};

export function KindBadge({ kind }: { readonly kind: SignalKind }) {
  const styles = useStyles();
  return (
    <Badge className={styles.nowrap} appearance="outline" shape="rounded" color="informative" icon={KIND_ICON[kind]}>
      {KIND_LABELS[kind]}
    </Badge>
  );
}

export function UrgencyBadge({ urgency }: { readonly urgency: Urgency }) {
  const styles = useStyles();
  const icon = urgency === 'critical' ? <AlertUrgent16Regular /> : urgency === 'high' ? <ArrowUp16Regular /> : undefined;
  const color: BadgeProps['color'] = urgency === 'critical' ? 'danger' : urgency === 'high' ? 'warning' : 'informative';
  return (
    <Badge className={styles.nowrap} appearance={urgency === 'critical' || urgency === 'high' ? 'tint' : 'outline'} shape="rounded" color={color} icon={icon} title={`Urgency: ${URGENCY_LABELS[urgency]}`}>
      {URGENCY_LABELS[urgency]}
    </Badge>
  );
}

export interface DueBadgeProps {
  readonly signal: Pick<SignalView, 'state' | 'dueAt' | 'deferredUntil'>;
  readonly now: number;
}

/** `Overdue by 2 days` (with a warning icon), `Due in 3 days`; nothing when no step is due. */
export function DueBadge({ signal, now }: DueBadgeProps) {
  const info: DueInfo | undefined = dueInfo(signal, now);
  const styles = useStyles();
  if (!info) return null;
  const step = DUE_STEP[signal.state] ?? 'Step';
  return (
    <Badge
      className={styles.nowrap}
      appearance={info.tone === 'later' ? 'outline' : 'filled'}
      shape="rounded"
      color={info.tone === 'overdue' ? 'danger' : info.tone === 'soon' ? 'warning' : 'informative'}
      icon={info.overdue ? <Warning16Filled /> : <Clock16Regular />}
      title={info.label}
      data-due={info.tone}
    >
      <span className={styles.srOnly}>{step} </span>
      {info.text}
    </Badge>
  );
}

/** Where a signal stands at a glance: its label, then state, kind, urgency and due badges. */
export function SignalBadges({ signal, now }: { readonly signal: SignalView; readonly now: number }) {
  return (
    <>
      <Text weight="semibold">{signal.label}</Text>
      <StateBadge state={signal.state} />
      <KindBadge kind={signal.kind} />
      <UrgencyBadge urgency={signal.urgency} />
      <DueBadge signal={signal} now={now} />
    </>
  );
}
