// The evaluation streams' fixed settings, shared by the harness and the tuning sweep.
import type { Article } from '../../src/model.ts';

/** Shuffle seeds: the sets are stored grouped by story; a stream interleaves them. */
export const STREAM_SEEDS = { mmds: 2025, wikiref: 220, mixed: 2006 } as const;

/**
 * Lateness for the mixed stream: DUC 2006 spans 1996-2000 and the stream is shuffled, so an article may
 * arrive years behind the newest one. Allowing the corpus's whole date span keeps the replay honest about
 * what a shuffled archive is; live feeds use the default (a day).
 */
export function mixedStreamLateness(articles: readonly Article[]): number {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const article of articles) {
    if (article.published === undefined) continue;
    const time = Date.parse(article.published);
    if (Number.isNaN(time)) continue;
    first = Math.min(first, time);
    last = Math.max(last, time);
  }
  return Number.isFinite(first) ? last - first : 0;
}
