// A story's timeline: when it was first and last seen, and how many of its articles fell on each day, by
// publication time where an article has one and ingest time otherwise (UTC days).
import type { Article } from '../model.ts';

export interface StoryDay {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  articles: number;
}

export interface StoryTimeline {
  /** ISO 8601 of the earliest and latest article; undefined for a story with no articles. */
  firstSeen?: string;
  lastSeen?: string;
  /** Days with at least one article, earliest first. */
  perDay: StoryDay[];
  /** Articles dated by publication time (the rest by ingest time). */
  dated: number;
}

function articleTime(article: Article): { time: number; dated: boolean } {
  const published = article.published === undefined ? Number.NaN : Date.parse(article.published);
  return Number.isNaN(published) ? { time: article.ingestedAt, dated: false } : { time: published, dated: true };
}

export function storyTimeline(articles: readonly Article[]): StoryTimeline {
  const counts = new Map<string, number>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let dated = 0;
  for (const article of articles) {
    const { time, dated: isDated } = articleTime(article);
    if (!Number.isFinite(time)) continue;
    if (isDated) dated++;
    first = Math.min(first, time);
    last = Math.max(last, time);
    const day = new Date(time).toISOString().slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const perDay = [...counts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([day, count]) => ({ day, articles: count }));
  const timeline: StoryTimeline = { perDay, dated };
  if (Number.isFinite(first)) {
    timeline.firstSeen = new Date(first).toISOString();
    timeline.lastSeen = new Date(last).toISOString();
  }
  return timeline;
}
