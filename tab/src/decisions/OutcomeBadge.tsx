import { Badge, type BadgeProps } from '@fluentui/react-components';
import { ArrowHookUpLeftRegular, CheckmarkCircle16Regular, DismissCircle16Regular, PauseCircle16Regular, QuestionCircle16Regular } from '@fluentui/react-icons';
import type { JSX } from 'react';
import { type DecisionOutcome, OUTCOME_LABELS } from '../signals/types';

const COLOR: Readonly<Record<DecisionOutcome, BadgeProps['color']>> = {
  approve_recommended: 'success',
  choose_other: 'brand',
  reject: 'danger',
  defer: 'informative',
  request_info: 'warning',
};

const ICON: Readonly<Record<DecisionOutcome, JSX.Element>> = {
  approve_recommended: <CheckmarkCircle16Regular />,
  choose_other: <ArrowHookUpLeftRegular />,
  reject: <DismissCircle16Regular />,
  defer: <PauseCircle16Regular />,
  request_info: <QuestionCircle16Regular />,
};

/** A decision's outcome as icon and words. */
export function OutcomeBadge({ outcome }: { readonly outcome: DecisionOutcome }) {
  return (
    <Badge appearance="tint" shape="rounded" color={COLOR[outcome]} icon={ICON[outcome]} style={{ whiteSpace: 'nowrap' }} data-outcome={outcome}>
      {OUTCOME_LABELS[outcome]}
    </Badge>
  );
}
