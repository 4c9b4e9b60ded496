import { Badge, Field, ProgressBar, Text, makeStyles, tokens } from '@fluentui/react-components';
import { deliveryText, isFanOutRunning, respondedRatio, respondedText } from './progress';
import {
  CHANGE_KIND_LABELS,
  type ChangeKind,
  type ChangeState,
  type DeliveryProgress,
  IMPACT_COLORS,
  IMPACT_LABELS,
  type Impact,
  type ImpactRollup,
  KIND_COLORS,
  type RecipientStatus,
  STATE_COLORS,
  STATE_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from './types';

export const KindBadge = ({ kind }: { readonly kind: ChangeKind }) => (
  <Badge appearance="tint" color={KIND_COLORS[kind]} shape="rounded">
    {CHANGE_KIND_LABELS[kind]}
  </Badge>
);

export const StateBadge = ({ state }: { readonly state: ChangeState }) => (
  <Badge appearance={state === 'published' ? 'filled' : 'outline'} color={STATE_COLORS[state]} shape="rounded">
    {STATE_LABELS[state]}
  </Badge>
);

export const StatusBadge = ({ status }: { readonly status: RecipientStatus }) => (
  <Badge appearance="tint" color={STATUS_COLORS[status]}>
    {STATUS_LABELS[status]}
  </Badge>
);

export const ImpactBadge = ({ impact }: { readonly impact: Impact | undefined }) =>
  impact ? (
    <Badge appearance="tint" color={IMPACT_COLORS[impact]}>
      {IMPACT_LABELS[impact]}
    </Badge>
  ) : (
    <Text aria-label="No impact reported">—</Text>
  );

const useStyles = makeStyles({
  progress: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: '160px' },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface ResponseProgressProps {
  readonly rollup: ImpactRollup;
  readonly delivery?: DeliveryProgress;
  /** Accessible name of the bar, e.g. "Responses to Cloud-first freeze". */
  readonly label: string;
  readonly size?: 'small' | 'medium' | 'large';
}

/** Responses as a bar and in words; while cards are still going out, the delivery too. */
export function ResponseProgress({ rollup, delivery, label, size = 'medium' }: ResponseProgressProps) {
  const styles = useStyles();
  const ratio = respondedRatio(rollup);
  const text = respondedText(rollup);
  return (
    <div className={styles.progress}>
      <Field validationMessage={text} validationState="none" size={size === 'large' ? 'large' : 'small'}>
        <ProgressBar
          value={ratio}
          max={1}
          thickness={size === 'large' ? 'large' : 'medium'}
          color={rollup.overdue > 0 ? 'warning' : ratio >= 1 ? 'success' : 'brand'}
          aria-label={label}
          aria-valuetext={text}
        />
      </Field>
      {delivery && (isFanOutRunning(delivery) || delivery.failed > 0 || delivery.unreachable > 0) && <Text className={styles.hint}>{deliveryText(delivery, rollup.recipients)}</Text>}
    </div>
  );
}
