/**
 * Concurrent reads of one key share a storage round trip, and no caller is ever answered with a
 * read that began before it asked (so a write it saw complete is in its answer): a caller that
 * arrives while a read of its key is under way waits for that read to end and then shares the
 * next one, which every caller waiting by then joins. Under load, N concurrent reads of a hot row
 * (a domain's figures, the catalogue version, a caller's roles) become at most two in flight.
 */
interface Slot<T> {
  readonly running: Promise<T>;
  queued?: Promise<T>;
}

const ignore = (): void => undefined;

export class CoalescedReads<T> {
  private readonly slots = new Map<string, Slot<T>>();

  /** `load()`'s answer for `key`, from a read that started no earlier than this call. */
  read(key: string, load: () => Promise<T>): Promise<T> {
    const slot = this.slots.get(key);
    if (slot === undefined) return this.begin(key, load);
    slot.queued ??= slot.running.then(ignore, ignore).then(() => this.begin(key, load));
    return slot.queued;
  }

  private begin(key: string, load: () => Promise<T>): Promise<T> {
    const slot: Slot<T> = { running: load() };
    this.slots.set(key, slot);
    void slot.running.then(ignore, ignore).then(() => {
      // Nobody queued behind it: the key is idle again. Otherwise the queued read replaces the slot.
      if (this.slots.get(key) === slot && slot.queued === undefined) this.slots.delete(key);
    });
    return slot.running;
  }
}
