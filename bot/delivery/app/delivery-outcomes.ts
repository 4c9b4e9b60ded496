/**
 * What a delivery worker writes once it has its answer (delivery-worker.ts): the outcome over its
 * claim, a sent card's record retried while the claim holds, and what a delivered card shows.
 */
import type { Delivery } from '../domain/delivery';
import type { DeliveredCardStore, DeliveryRepository } from '../ports';
import type { Logger } from '../../kernel/logger';
import type { Versioned } from '../../kernel/versioned';
import type { Clock } from '../../kernel/runtime';

/** Recording a sent card: first retry after this long, doubling up to the max, stopping this long before the claim ends. */
const RECORD_RETRY_FIRST_MS = 250;
const RECORD_RETRY_MAX_MS = 2_000;
const RECORD_RETRY_SPARE_MS = 1_000;

export interface DeliveryOutcomesDeps {
  readonly deliveries: DeliveryRepository;
  readonly cards: DeliveredCardStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sleep: (ms: number) => Promise<void>;
}

export class DeliveryOutcomes {
  constructor(private readonly deps: DeliveryOutcomesDeps) {}

  /**
   * The fingerprint of what the update's card shows now, when known: recorded by the last update
   * sent to it, else — never updated yet — kept by the delivery that sent it (`sentBy`), if that
   * delivery did send this very card. Read after the update is rendered, on every try: an earlier
   * update of the card landing meanwhile (another process sending it) changes what it shows.
   */
  async shownOn(delivery: Delivery): Promise<string | undefined> {
    const { tenantId, conversationId, targetActivityId, sentBy } = delivery;
    const updated = (await this.deps.cards.get(tenantId, conversationId, targetActivityId as string))?.fingerprint;
    if (updated !== undefined || sentBy === undefined) return updated;
    try {
      const sent = await this.deps.deliveries.get(tenantId, sentBy);
      return sent?.value.activityId === targetActivityId && sent?.value.conversationId === conversationId ? sent?.value.fingerprint : undefined;
    } catch (error) {
      this.deps.logger.warn({ err: error, deliveryId: delivery.id, sentBy }, 'could not read the delivery that sent the card');
      return undefined;
    }
  }

  /**
   * Records what the card shows after an update went through (a send keeps it on its own
   * record). Best effort: without it the next update of the card is sent even if unchanged, and
   * one that renders what this update replaced is taken for unchanged.
   */
  async remember(delivery: Delivery, activityId: string, fingerprint: string | undefined): Promise<void> {
    if (!fingerprint) return;
    try {
      await this.deps.cards.shown(delivery.tenantId, delivery.conversationId, activityId, fingerprint);
    } catch (error) {
      this.deps.logger.warn({ err: error, deliveryId: delivery.id }, 'could not record what a delivered card shows');
    }
  }

  /**
   * Records a send Teams accepted. Storage failing now is the one way left to send a card twice
   * (the job comes back, finds the record still queued once the claim runs out, and sends
   * again), so the write is retried while the claim holds — nobody else sends meanwhile.
   */
  async recordSent(current: Versioned<Delivery>, change: Partial<Delivery>): Promise<void> {
    const claimEnds = Date.parse(current.value.claimedUntil as string) - RECORD_RETRY_SPARE_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.finish(current, change);
        return;
      } catch (error) {
        const delayMs = Math.min(RECORD_RETRY_MAX_MS, RECORD_RETRY_FIRST_MS * 2 ** attempt);
        if (this.deps.clock.now().getTime() + delayMs >= claimEnds) {
          // Out of claim: remember it here, so when the job comes back this process records the
          // send instead of sending again (another process would still send: it cannot know).
          this.unrecorded.set(current.value.id, change);
          throw error;
        }
        this.deps.logger.warn({ err: error, deliveryId: current.value.id, attempt }, 'could not record a sent card yet; retrying while the claim holds');
        await this.deps.sleep(delayMs);
      }
    }
  }

  /** Sends Teams accepted whose record could not be written within their claim, by delivery id. */
  private readonly unrecorded = new Map<string, Partial<Delivery>>();

  /**
   * A delivery this process sent but could not record: records it now over `found` (the record
   * as read again) — true: it needs no send. Forgets it once the record says anything but queued.
   */
  async recordIfSent(found: Versioned<Delivery>): Promise<boolean> {
    const change = this.unrecorded.get(found.value.id);
    if (!change) return false;
    if (found.value.state === 'queued') await this.finish(found, change);
    this.unrecorded.delete(found.value.id);
    return true;
  }

  /** Writes the outcome over our claim. A conflict means our claim expired and another took over. */
  async finish(current: Versioned<Delivery>, change: Partial<Delivery>): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const next: Delivery = { ...current.value, ...change, updatedAt: now };
    const cleaned = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as unknown as Delivery;
    const withoutClaim: Delivery = change.claimedUntil ? cleaned : dropClaim(cleaned);
    const res = await this.deps.deliveries.update(withoutClaim, current.etag);
    if (!res.ok) this.deps.logger.warn({ deliveryId: current.value.id, error: res.error }, 'could not record a delivery outcome: the record changed meanwhile');
  }
}

/** Ends the claim; `claimedBy` stays, naming the process that recorded the outcome. */
function dropClaim(d: Delivery): Delivery {
  const { claimedUntil: _until, ...rest } = d;
  return rest;
}
