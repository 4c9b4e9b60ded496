import { describe, expect, it } from '@jest/globals';

import type { Delivery, DeliveryJob } from '../domain/delivery';
import type { DeliveryQueue, DeliveryRepository } from '../ports';
import type { Logger } from '../../kernel/logger';
import { createDeliveryService } from './delivery-service';
import { MemoryCards } from '../../../tests/support/delivery-fakes';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => silent };
const clock = { now: () => new Date('2026-11-27T10:00:00Z') };

/** Records in memory; every call is logged in one timeline shared with the queue. */
function fakes(options: { readonly failEnqueueAt?: number } = {}) {
  const rows = new Map<string, Delivery>();
  const timeline: string[] = [];
  const enqueued: DeliveryJob[] = [];
  const recordedWhenEnqueued: boolean[] = [];
  const deliveries: DeliveryRepository = {
    async createMany(ds) {
      timeline.push(`create ${ds.length}`);
      for (const d of ds) if (!rows.has(d.id)) rows.set(d.id, d);
    },
    async get() {
      return undefined;
    },
    async update() {
      throw new Error('not used');
    },
    async listByBatch(tenantId, batchId) {
      return [...rows.values()].filter((d) => d.tenantId === tenantId && d.batchId === batchId);
    },
    async listQueuedInBatch() {
      return [];
    },
  };
  let enqueues = 0;
  const queue: DeliveryQueue = {
    async enqueue(jobs) {
      enqueues += 1;
      timeline.push(`enqueue ${jobs.length}`);
      if (enqueues === options.failEnqueueAt) throw new Error('queue unavailable');
      for (const job of jobs) {
        recordedWhenEnqueued.push(rows.has(job.deliveryId));
        enqueued.push(job);
      }
    },
  };
  return { rows, timeline, enqueued, recordedWhenEnqueued, service: createDeliveryService({ deliveries, queue, clock, logger: silent, cards: new MemoryCards(), updateCoalesceMs: 2000 }) };
}

const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ conversationId: `19:c${i}@thread.tacv2`, operation: 'send' as const, content: { kind: 'change', ref: 'chg-1' } }));

describe('DeliveryService.dispatch', () => {
  it('starts enqueueing a large fan-out after its first records, never a job before its record', async () => {
    const f = fakes();
    const result = await f.service.dispatch('t1', 'change:chg-1:v1', requests(2500));

    expect(result).toHaveLength(2500);
    expect(f.enqueued).toHaveLength(2500);
    expect(new Set(f.enqueued.map((j) => j.deliveryId)).size).toBe(2500);
    expect(f.recordedWhenEnqueued.every(Boolean)).toBe(true);
    // The first jobs go out before the last records are written.
    expect(f.timeline.indexOf('enqueue 1000')).toBeLessThan(f.timeline.lastIndexOf('create 500'));
  });

  it('re-enqueues records still queued and creates none twice when dispatched again', async () => {
    const f = fakes();
    await f.service.dispatch('t1', 'b1', requests(3));
    f.enqueued.length = 0;
    await f.service.dispatch('t1', 'b1', requests(4));
    expect(f.rows.size).toBe(4);
    expect(f.enqueued).toHaveLength(4);
  });

  it('writes every record even when an enqueue fails, reports the failure, and a retry enqueues the rest', async () => {
    const f = fakes({ failEnqueueAt: 1 });
    await expect(f.service.dispatch('t1', 'b2', requests(3500))).rejects.toThrow('queue unavailable');
    // All records exist (the sweep, or a repeated dispatch, enqueues them); none was enqueued without one.
    expect(f.rows.size).toBe(3500);
    expect(f.recordedWhenEnqueued.every(Boolean)).toBe(true);

    f.enqueued.length = 0;
    await f.service.dispatch('t1', 'b2', requests(3500));
    expect(new Set(f.enqueued.map((j) => j.deliveryId)).size).toBe(3500);
  });
});
