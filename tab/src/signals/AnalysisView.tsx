import { Badge, Subtitle2, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { StarFilled } from '@fluentui/react-icons';
import type { ObjectivesResponse } from '../../../bot/api-contract/portfolio';
import { formatDateTime } from '../shared/dates';
import { IMPACT_DIMENSIONS, IMPACT_DIMENSION_LABELS } from './analysis';
import { IMPACT_LABELS, type Signal } from './types';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  block: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  impacts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))', gap: tokens.spacingHorizontalS, margin: 0 },
  impact: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, padding: tokens.spacingHorizontalS, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground2 },
  dt: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  dd: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  text: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  options: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  option: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  recommended: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  optionHead: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  label: { color: tokens.colorNeutralForeground3 },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface AnalysisViewProps {
  readonly signal: Pick<Signal, 'context' | 'options' | 'recommendation'>;
  readonly objectives: ObjectivesResponse | undefined;
  /** Marks the option the EPMO chose, when decided. */
  readonly chosenOptionId?: string | undefined;
}

/** The analysis as the EPMO reads it: context, options with impacts, the recommended one marked. */
export function AnalysisView({ signal, objectives, chosenOptionId }: AnalysisViewProps) {
  const styles = useStyles();
  const { context, options, recommendation } = signal;
  if (!context && options.length === 0) return <Text className={styles.muted}>No analysis yet.</Text>;
  const objective = (id: string) => objectives?.find((o) => o.id === id);
  return (
    <div className={styles.root}>
      {context && (
        <section className={styles.block} aria-label="Strategic context">
          <Subtitle2 as="h3">Strategic context</Subtitle2>
          <div className={styles.row} aria-label="Objectives touched">
            {context.objectiveIds.length === 0 ? (
              <Text className={styles.muted}>No objectives named.</Text>
            ) : (
              context.objectiveIds.map((id) => {
                const o = objective(id);
                return (
                  <Badge key={id} appearance="outline" color="brand" shape="rounded" title={o?.title ?? id}>
                    {o ? `${o.code} · ${o.title}` : id}
                  </Badge>
                );
              })
            )}
          </div>
          <dl className={styles.impacts}>
            {IMPACT_DIMENSIONS.map((d) => (
              <div key={d} className={styles.impact}>
                <dt className={styles.dt}>{IMPACT_DIMENSION_LABELS[d]} impact</dt>
                <dd className={styles.dd}>{IMPACT_LABELS[context[d]]}</dd>
              </div>
            ))}
          </dl>
          {context.narrative && <Text className={styles.text}>{context.narrative}</Text>}
        </section>
      )}
      {options.length > 0 && (
        <section className={styles.block} aria-label="Options">
          <Subtitle2 as="h3">Options</Subtitle2>
          <ol className={styles.options}>
            {options.map((o, i) => {
              const recommended = recommendation?.optionId === o.id;
              return (
                <li key={o.id} className={mergeClasses(styles.option, recommended && styles.recommended)}>
                  <span className={styles.optionHead}>
                    <Text weight="semibold">
                      Option {i + 1}: {o.title}
                    </Text>
                    {recommended && (
                      <Badge appearance="filled" color="brand" icon={<StarFilled />}>
                        Recommended
                      </Badge>
                    )}
                    {chosenOptionId === o.id && (
                      <Badge appearance="filled" color="success">
                        Chosen by the EPMO
                      </Badge>
                    )}
                  </span>
                  {o.description && <Text className={styles.text}>{o.description}</Text>}
                  <Text className={styles.text}>
                    <span className={styles.label}>Impact: </span>
                    {o.impact}
                  </Text>
                </li>
              );
            })}
          </ol>
        </section>
      )}
      {recommendation && (
        <section className={styles.block} aria-label="Recommendation">
          <Subtitle2 as="h3">Recommendation</Subtitle2>
          <Text className={styles.text}>{recommendation.rationale}</Text>
          <Text className={styles.muted}>
            {recommendation.authorName}, {formatDateTime(recommendation.at)}
          </Text>
        </section>
      )}
    </div>
  );
}
