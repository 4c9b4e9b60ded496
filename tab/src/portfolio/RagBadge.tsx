import { Badge, type BadgeProps } from '@fluentui/react-components';
import { CheckmarkCircle12Filled, DismissCircle12Filled, QuestionCircle12Regular, Warning12Filled } from '@fluentui/react-icons';
import type { JSX } from 'react';
import { RAG_LABELS, type Rag } from './types';

const COLOR: Readonly<Record<Rag, BadgeProps['color']>> = {
  green: 'success',
  amber: 'warning',
  red: 'danger',
  unknown: 'informative',
};

// A distinct shape per value, beside the word, so health never depends on colour alone.
const ICON: Readonly<Record<Rag, JSX.Element>> = {
  green: <CheckmarkCircle12Filled />,
  amber: <Warning12Filled />,
  red: <DismissCircle12Filled />,
  unknown: <QuestionCircle12Regular />,
};

export interface RagBadgeProps {
  readonly value: Rag;
  /** What the value is about, e.g. `Schedule`; read by screen readers before the value. */
  readonly dimension?: string;
}

/** A red/amber/green health value as icon, word and colour. */
export function RagBadge({ value, dimension }: RagBadgeProps) {
  return (
    <Badge
      appearance={value === 'unknown' ? 'outline' : 'tint'}
      color={COLOR[value]}
      icon={ICON[value]}
      shape="rounded"
      {...(dimension ? { title: `${dimension}: ${RAG_LABELS[value]}` } : {})}
      data-rag={value}
    >
      {RAG_LABELS[value]}
    </Badge>
  );
}
