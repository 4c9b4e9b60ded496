/**
 * Concurrent reads of one key share a storage round trip, and no caller is ever answered with a
 * read that began before it asked (so a write it saw complete is in its answer): a caller that
 * arrives while a read of its key is under way waits for that read to end and then shares the
 * next one, which every caller waiting by then joins. Under load, N concurrent reads of a hot row
 * (a domain's figures, the catalogue version, a caller's roles) become at most two in flight.
 */
interface Slot<T> {
  readonly running: Promise<T>;
  readonly startedAt: number;
  queued?: Promise<T>;
}

/**
 * A read running longer than this is presumed stuck (a storage call that never answers): the
 * callers queued behind it start their read anyway, so one hung call holds up only those who
 * joined it, as it would without sharing.
 */
const STUCK_AFTER_MS = 5_000;

const ignore = (): void => undefined;

/** When the slot's read ends, or is presumed stuck, whichever comes first. */
function endedOrStuck(slot: Slot<unknown>): Promise<void> {
  const left = Math.max(0, slot.startedAt + STUCK_AFTER_MS - performance.now());
  return Promise.race([slot.running.then(ignore, ignore), new Promise<void>((resolve) => setTimeout(resolve, left).unref())]);
}

export class CoalescedReads<T> {
  private readonly slots = new Map<string, Slot<T>>();

  /** `load()`'s answer for `key`, from a read that started no earlier than this call. */
  read(key: string, load: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(key);
    if (slot === undefined) return this.begin(key, load);
    slot.queued ??= endedOrStuck(slot).then(() => this.begin(key, load));
    return slot.queued;
  }

  private begin(key: string, load: () => Promise<T>): Promise<T> {
    const slot: Slot<T> = { running: load(), startedAt: performance.now() };
    this.slots.set(key, slot);
    void slot.running.then(ignore, ignore).then(() => {
      // Nobody queued behind it: the key is idle again. Otherwise the queued read replaces the slot.
      if (this.slots.get(key) === slot && slot.queued === undefined) this.slots.delete(key);
    });
    return slot.running;
  }
}
