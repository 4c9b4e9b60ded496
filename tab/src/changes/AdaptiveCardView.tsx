/**
 * An Adaptive Card rendered by the official `adaptivecards` renderer (the one Teams' web
 * client builds on) with Teams' host config, so what the author sees is what recipients get.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { AdaptiveCard, HostConfig, SerializationContext, Versions, type Action } from 'adaptivecards';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AdaptiveCard as CardJson } from '../../../bot/kernel/cards/adaptive-card';
import { teamsHostConfig } from './hostConfig';
import { renderMarkdown } from './markdown';

AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = renderMarkdown(text);
  result.didProcess = true;
};

const useStyles = makeStyles({
  // The renderer writes plain DOM with `ac-*` classes; these give it Teams' look.
  card: {
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground1,
    '& .ac-adaptiveCard': { outlineStyle: 'none' },
    '& p': { margin: 0 },
    '& ul, & ol': { margin: 0, paddingLeft: '20px' },
    '& a': { color: tokens.colorBrandForegroundLink },
    '& .ac-actionSet, & .ac-actionSet > div': { gap: tokens.spacingHorizontalS },
    '& .ac-pushButton': {
      flex: '0 1 auto !important',
      minHeight: '32px',
      padding: `0 ${tokens.spacingHorizontalM}`,
      fontFamily: tokens.fontFamilyBase,
      fontSize: tokens.fontSizeBase300,
      fontWeight: tokens.fontWeightSemibold,
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorNeutralBackground1,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusMedium,
      cursor: 'pointer',
      overflow: 'hidden',
      whiteSpace: 'nowrap',
      textOverflow: 'ellipsis',
      ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    },
    '& .ac-pushButton.style-positive': {
      color: tokens.colorNeutralForegroundOnBrand,
      backgroundColor: tokens.colorBrandBackground,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    },
    '& .ac-pushButton.style-positive:hover': { backgroundColor: tokens.colorBrandBackgroundHover },
    '& .ac-input': {
      fontFamily: tokens.fontFamilyBase,
      fontSize: tokens.fontSizeBase300,
      color: tokens.colorNeutralForeground1,
      backgroundColor: tokens.colorNeutralBackground1,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      borderRadius: tokens.borderRadiusMedium,
      padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
      boxSizing: 'border-box',
    },
    '& select.ac-input, & input.ac-input': { minHeight: '32px' },
    '& .ac-textInput.ac-multiline': { minHeight: '56px', resize: 'vertical' },
    '& .ac-input-container': { display: 'flex' },
  },
  problem: { padding: tokens.spacingHorizontalL, color: tokens.colorStatusDangerForeground1 },
});

export interface AdaptiveCardViewProps {
  readonly card: CardJson;
  /** Accessible name of the rendered card region. */
  readonly label: string;
  /** Called when a button on the card is pressed (the preview says nothing was sent). */
  onAction?(title: string): void;
}

export function AdaptiveCardView({ card, label, onAction }: AdaptiveCardViewProps) {
  const styles = useStyles();
  const host = useRef<HTMLDivElement>(null);
  const hostConfig = useMemo(() => new HostConfig(teamsHostConfig()), []);
  const [problem, setProblem] = useState<string>();
  const onActionRef = useRef(onAction);
  onActionRef.current = onAction;

  useEffect(() => {
    const target = host.current;
    if (!target) return;
    const adaptiveCard = new AdaptiveCard();
    adaptiveCard.hostConfig = hostConfig;
    adaptiveCard.onExecuteAction = (action: Action) => onActionRef.current?.(action.title ?? '');
    try {
      adaptiveCard.parse(card, new SerializationContext(Versions.v1_5));
      const rendered = adaptiveCard.render();
      if (!rendered) throw new Error('The renderer produced nothing.');
      target.replaceChildren(rendered);
      setProblem(undefined);
    } catch (error) {
      target.replaceChildren();
      setProblem(error instanceof Error ? error.message : 'The card could not be rendered.');
    }
  }, [card, hostConfig]);

  return (
    <div role="region" aria-label={label} className={styles.card}>
      <div ref={host} />
      {problem && <div className={styles.problem}>The card could not be rendered: {problem}</div>}
    </div>
  );
}
