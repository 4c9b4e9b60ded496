import { CoalescedReads } from './coalesced-reads';

/** A load whose answers the test releases one at a time; counts how many reads began. */
function controlledLoad() {
  const pending: ((value: string) => void)[] = [];
  let began = 0;
  return {
    load: () =>
      new Promise<string>((resolve) => {
        began += 1;
        pending.push(resolve);
      }),
    release: (value: string) => pending.shift()?.(value),
    began: () => began,
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescedReads', () => {
  it('answers callers that arrive during a read from the next read, shared, never from the one already under way', async () => {
    const reads = new CoalescedReads<string>();
    const store = controlledLoad();
    const first = reads.read('k', store.load);
    const second = reads.read('k', store.load);
    const third = reads.read('k', store.load);
    expect(store.began()).toBe(1);
    store.release('before the write');
    await settle();
    // The second read began only after the first ended, and the two later callers share it.
    expect(store.began()).toBe(2);
    store.release('after the write');
    await expect(first).resolves.toBe('before the write');
    await expect(second).resolves.toBe('after the write');
    await expect(third).resolves.toBe('after the write');
  });

  it('reads each key on its own, and reads again once a key is idle', async () => {
    const reads = new CoalescedReads<string>();
    const store = controlledLoad();
    const a = reads.read('a', store.load);
    const b = reads.read('b', store.load);
    expect(store.began()).toBe(2);
    store.release('A');
    store.release('B');
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('B');
    await settle();
    const again = reads.read('a', store.load);
    expect(store.began()).toBe(3);
    store.release('A2');
    await expect(again).resolves.toBe('A2');
  });

  it('passes a failed read to its callers only; the queued read still runs', async () => {
    const reads = new CoalescedReads<string>();
    let calls = 0;
    const load = () => (++calls === 1 ? Promise.reject(new Error('storage down')) : Promise.resolve('back'));
    const first = reads.read('k', load);
    const second = reads.read('k', load);
    await expect(first).rejects.toThrow('storage down');
    await expect(second).resolves.toBe('back');
  });

  it('does not hold callers behind a read that never answers for longer than a few seconds', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    try {
      const reads = new CoalescedReads<string>();
      const hung = reads.read('k', () => new Promise<string>(() => undefined));
      void hung;
      const later = reads.read('k', () => Promise.resolve('answered'));
      jest.advanceTimersByTime(6_000);
      await expect(later).resolves.toBe('answered');
    } finally {
      jest.useRealTimers();
    }
  });
});
