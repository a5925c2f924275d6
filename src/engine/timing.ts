// Wall-clock time per pipeline stage, summed over a run: what the ingest benchmark reports.
import { performance } from 'node:perf_hooks';

/**
 * 'vectors' is the term frequencies (weighed against document frequencies in 'stories'); 'prepare (wait)' is the
 * time the applying thread waits for worker threads (zero with one job). With one job the stages add up to the
 * ingest's wall time; with workers, 'clean+text', 'sketch' and 'vectors' are the workers' thread time.
 */
export const STAGE_NAMES = ['read', 'clean+text', 'sketch', 'vectors', 'prepare (wait)', 'match', 'stories', 'store'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

export class StageClock {
  readonly totals: Record<StageName, number> = Object.fromEntries(STAGE_NAMES.map((name) => [name, 0])) as Record<StageName, number>;

  time<T>(stage: StageName, work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.totals[stage] += performance.now() - start;
    }
  }

  async timeAsync<T>(stage: StageName, work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await work();
    } finally {
      this.totals[stage] += performance.now() - start;
    }
  }

  /** Times only the waits for the next item, not the work done on each item by the consumer. */
  async *timeIterator<T>(stage: StageName, items: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = items[Symbol.asyncIterator]();
    for (;;) {
      const start = performance.now();
      const next = await iterator.next();
      this.totals[stage] += performance.now() - start;
      if (next.done === true) return;
      yield next.value;
    }
  }
}
