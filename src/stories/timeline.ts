// A story's timeline: when it was first and last seen, and how many of its articles fell on each day (UTC). As
// for the story's own time range (widenTimes), publication times outrank ingest times: once any article has one,
// the days are publication days and the articles without one are counted apart, not on the day they were read.
import type { Article } from '../model.ts';

export interface StoryDay {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  articles: number;
}

export interface StoryTimeline {
  /** ISO 8601 of the earliest and latest article counted in perDay; undefined for a story with no articles. */
  firstSeen?: string;
  lastSeen?: string;
  /** Days with at least one article, earliest first: publication days, or ingest days when no article has a publication time. */
  perDay: StoryDay[];
  /** Articles with a publication time. */
  dated: number;
  /** Articles left out of perDay: those without a publication time, when others have one. */
  undated: number;
}

function publishedTime(article: Article): number | undefined {
  const published = article.published === undefined ? Number.NaN : Date.parse(article.published);
  return Number.isNaN(published) ? undefined : published;
}

export function storyTimeline(articles: readonly Article[]): StoryTimeline {
  const published = articles.map(publishedTime);
  const dated = published.filter((time) => time !== undefined).length;
  const times = dated > 0 ? published.filter((time): time is number => time !== undefined) : articles.map((article) => article.ingestedAt).filter(Number.isFinite);
  const counts = new Map<string, number>();
  for (const time of times) {
    const day = new Date(time).toISOString().slice(0, 10);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  const perDay = [...counts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0)).map(([day, count]) => ({ day, articles: count }));
  const timeline: StoryTimeline = { perDay, dated, undated: dated > 0 ? articles.length - dated : 0 };
  if (times.length > 0) {
    // A loop, not Math.min(...times): a long-running story can hold more articles than a call takes arguments.
    let first = times[0]!;
    let last = first;
    for (const time of times) {
      if (time < first) first = time;
      if (time > last) last = time;
    }
    timeline.firstSeen = new Date(first).toISOString();
    timeline.lastSeen = new Date(last).toISOString();
  }
  return timeline;
}
