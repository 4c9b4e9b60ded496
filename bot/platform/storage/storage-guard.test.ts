import { describe, expect, it } from '@jest/globals';
import { StorageUnavailable } from '../../kernel/storage-unavailable';
import { StorageGuard } from './storage-guard';

const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:10002'), { code: 'ECONNREFUSED' }));
const answered = (statusCode: number) => () => Promise.reject(Object.assign(new Error('storage said no'), { statusCode }));

function guard() {
  let now = 1_000_000;
  const g = new StorageGuard({ timeoutMs: 50, failureThreshold: 3, coolDownMs: 5000, now: () => now });
  let calls = 0;
  const counted = <T>(fn: () => Promise<T>) => () => {
    calls += 1;
    return fn();
  };
  return { g, advance: (ms: number) => (now += ms), calls: () => calls, counted };
}

describe('storage guard', () => {
  it('turns a call that gets no answer into StorageUnavailable, and one that hangs too', async () => {
    const { g } = guard();
    await expect(g.run(refused)).rejects.toBeInstanceOf(StorageUnavailable);
    await expect(g.run((signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))))).rejects.toBeInstanceOf(StorageUnavailable);
  });

  it('opens after N consecutive failures: calls then fail at once, with the cool-down left as Retry-After', async () => {
    const { g, calls, counted, advance } = guard();
    for (let i = 0; i < 3; i++) await expect(g.run(counted(refused))).rejects.toBeInstanceOf(StorageUnavailable);
    expect(g.isOpen).toBe(true);
    advance(1500);
    const fast = await g.run(counted(() => Promise.resolve('never'))).catch((e: unknown) => e);
    expect(fast).toBeInstanceOf(StorageUnavailable);
    expect((fast as StorageUnavailable).retryAfterSeconds).toBe(4);
    expect(calls()).toBe(3);
  });

  it('lets one probe through after the cool-down: a failed probe opens it again, a good one closes it', async () => {
    const { g, advance } = guard();
    for (let i = 0; i < 3; i++) await g.run(refused).catch(() => undefined);
    advance(5000);
    await expect(g.run(refused)).rejects.toBeInstanceOf(StorageUnavailable);
    expect(g.isOpen).toBe(true);
    advance(5000);
    await expect(g.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(g.isOpen).toBe(false);
  });

  it('counts an HTTP answer of any status as storage being up, and passes it on unchanged', async () => {
    const { g } = guard();
    for (let i = 0; i < 10; i++) {
      await g.run(refused).catch(() => undefined);
      await expect(g.run(answered(i % 2 ? 404 : 412))).rejects.toMatchObject({ statusCode: i % 2 ? 404 : 412 });
    }
    expect(g.isOpen).toBe(false);
  });

  it('stays closed while storage answers other calls: calls timing out under load fail alone', async () => {
    const { g } = guard();
    const hang = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    // Overloaded: many calls hang past the timeout while others are answered meanwhile.
    const slow = Array.from({ length: 10 }, () => g.run(hang).catch((e: unknown) => e));
    await expect(g.run(() => Promise.resolve('served'))).resolves.toBe('served');
    // Each says storage is busy, not unreachable, and that a retry in a second may do.
    for (const failed of await Promise.all(slow)) expect(failed).toMatchObject({ code: 'STORAGE.BUSY', slow: true, retryAfterSeconds: 1, userMessage: expect.stringContaining('very busy') });
    expect(g.isOpen).toBe(false);
    await expect(g.run(() => Promise.resolve('still served'))).resolves.toBe('still served');
    // Down: nothing is answered while the calls fail, so the circuit opens.
    for (let i = 0; i < 3; i++) await g.run(hang).catch(() => undefined);
    expect(g.isOpen).toBe(true);
  });

  it('opens in an outage that answers some calls with 503 while the rest time out: a 5xx is not storage serving', async () => {
    const { g, advance } = guard();
    const hang = (signal: AbortSignal) => new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    for (let round = 0; round < 5 && !g.isOpen; round++) {
      const slow = Array.from({ length: 10 }, () => g.run(hang).catch(() => undefined));
      await g.run(answered(503)).catch(() => undefined);
      await Promise.all(slow);
      advance(100);
    }
    expect(g.isOpen).toBe(true);
  });

  it("does not count the caller's own abort against storage", async () => {
    const { g } = guard();
    for (let i = 0; i < 5; i++) {
      const caller = new AbortController();
      caller.abort();
      await expect(g.run((signal) => (signal.aborted ? Promise.reject(new Error('aborted')) : Promise.resolve(1)), caller.signal)).rejects.toThrow('aborted');
    }
    expect(g.isOpen).toBe(false);
  });
});
