/** Small figures the benchmarks share: percentiles, rates over event times, bounded parallelism. */

export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Runs `work` over `items` with at most `lanes` at a time. */
export async function inParallel<T>(items: readonly T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/**
 * Events per second over ascending event times (ms): from the first to the last (`whole`), and
 * between the 10% and 90% marks (`steady`: without the start and the tail of late retries).
 */
export function ratesOf(times: readonly number[]): { readonly whole: number; readonly steady: number } {
  const n = times.length;
  const whole = n > 1 ? (n - 1) / (((times[n - 1] as number) - (times[0] as number)) / 1000) : NaN;
  const [from, to] = [Math.floor(n * 0.1), Math.floor(n * 0.9)];
  const steady = to > from ? (to - from) / (((times[to] as number) - (times[from] as number)) / 1000) : NaN;
  return { whole, steady };
}
