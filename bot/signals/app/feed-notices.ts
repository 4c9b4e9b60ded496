/**
 * Activity-feed notifications of signals (PRODUCT.md §5): the raiser hears of a decision on
 * their signal, and each strategy owner of a signal escalated to the EPMO that awaits them. They
 * go with the cards, not instead: a card is for the conversation, a notification for a person.
 * Keyed by the decision and by the escalation round, so each is sent once.
 */
import { type ActivityNotification, activityNotification } from '../../notifications';
import { OUTCOME_LABELS, signalLabel } from '../domain/signal';
import type { TransitionResult } from '../domain/transition-kit';
import type { SignalDeps } from './deps';

const signalUrl = (deps: Pick<SignalDeps, 'tabBaseUrl'>, id: string): string => `${deps.tabBaseUrl() ?? ''}#/signals/${encodeURIComponent(id)}`;

/** The notifications a committed transition calls for (none for most). */
export async function feedNotices(deps: Pick<SignalDeps, 'repos' | 'tabBaseUrl'>, change: TransitionResult): Promise<ActivityNotification[]> {
  const { signal, decision } = change;
  const label = signalLabel(signal);
  const topic = { text: `${label} ${signal.title}`, webUrl: signalUrl(deps, signal.id) };
  const notices: ActivityNotification[] = [];
  if (decision) {
    const outcome = decision.outcome === 'defer' ? `${OUTCOME_LABELS.defer} until ${decision.deferredUntil ?? '?'}` : OUTCOME_LABELS[decision.outcome];
    notices.push(
      activityNotification({
        tenantId: signal.tenantId,
        eventId: `signal:${signal.id}:decision:${decision.id}`,
        recipientUserId: signal.raisedBy.userId,
        activityType: 'signalDecided',
        templateParameters: { signalLabel: label, outcome },
        previewText: `${signal.title} — ${outcome}: ${decision.rationale}`,
        topic,
      }),
    );
  }
  const enteredEscalated = signal.state === 'escalated' && change.events.some((e) => e.to === 'escalated');
  if (enteredEscalated) {
    const [users, domain] = await Promise.all([deps.repos.users.list(signal.tenantId), deps.repos.domains.get(signal.tenantId, signal.domainId)]);
    const domainName = domain?.value.name ?? signal.domainId;
    for (const owner of users.filter((u) => u.roles.some((r) => r.role === 'strategy_owner'))) {
      notices.push(
        activityNotification({
          tenantId: signal.tenantId,
          eventId: `signal:${signal.id}:awaiting:${signal.decisionRound}`,
          recipientUserId: owner.userId,
          activityType: 'decisionAwaiting',
          templateParameters: { signalLabel: label, domainName },
          previewText: `${signal.title} — ${signal.recommendation ? `recommended: ${signal.options.find((o) => o.id === signal.recommendation?.optionId)?.title ?? 'see the options'}` : 'awaiting your decision'}`,
          topic,
        }),
      );
    }
  }
  return notices;
}
