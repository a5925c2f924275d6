// Online story assignment: each article joins a story the moment it arrives, looking only at the stories
// active around its time. A copy relation decides first (a version of an article belongs to its story);
// otherwise the most similar story centroid, if similar enough; otherwise the article starts a story.
import { createHash } from 'node:crypto';
import type { Assignment, Relation, RelationKind } from '../model.ts';
import type { StoryState, TermVector } from '../store/store.ts';
import { addToCentroid, cosine, mergeCentroids } from './vectors.ts';

/**
 * Cosine between an article and a story centroid at or above which the article joins the story. Articles
 * on one event share its names and places (cosine 0.25-0.6 on the bundled examples and the seed articles),
 * unrelated stories share little (below 0.1). A first setting; the clustering issue tunes it on MMDS2025.
 */
export const STORY_JOIN_MIN_COSINE = 0.2;

/** Stories whose time range is this far from an article's publication time are not considered. */
export const STORY_WINDOW_MS = 7 * 24 * 3600 * 1000;

/** Relations strong enough to pull two whole stories together: both articles tell the same text. */
const MERGING_KINDS: ReadonlySet<RelationKind> = new Set(['duplicate', 'version']);
const KIND_STRENGTH: Record<RelationKind, number> = { duplicate: 3, version: 2, reuse: 1, rewrite: 1 };

export interface LinkedStory {
  storyId: string;
  relation: Relation;
  /** The already-stored article on the other side of the relation. */
  otherArticleId: string;
}

export interface ArrivingArticle {
  id: string;
  title: string;
  vector: TermVector;
  /** Publication time where known, else ingest time, in ms. */
  time: number;
  timed: boolean;
}

export interface StoryDecision {
  assignment: Assignment;
  /** Stories to fold into the chosen one (ids other than the chosen). */
  merge: string[];
  /** Set when the article starts a story. */
  created: boolean;
}

/** A story id is stable: derived from the article that started it. */
export function storyIdFor(foundingArticleId: string): string {
  return `s${createHash('sha256').update(foundingArticleId).digest('hex').slice(0, 11)}`;
}

function strongestLink(links: readonly LinkedStory[]): LinkedStory | undefined {
  let best: LinkedStory | undefined;
  for (const link of links) {
    if (
      best === undefined ||
      KIND_STRENGTH[link.relation.kind] > KIND_STRENGTH[best.relation.kind] ||
      (KIND_STRENGTH[link.relation.kind] === KIND_STRENGTH[best.relation.kind] && link.relation.score > best.relation.score)
    ) {
      best = link;
    }
  }
  return best;
}

export function decideStory(article: ArrivingArticle, links: readonly LinkedStory[], candidates: readonly StoryState[]): StoryDecision {
  const link = strongestLink(links);
  if (link !== undefined) {
    const merge = new Set<string>();
    for (const other of links) {
      if (other.storyId !== link.storyId && MERGING_KINDS.has(other.relation.kind)) merge.add(other.storyId);
    }
    const detail = `${link.relation.kind} of ${link.otherArticleId} (score ${link.relation.score})`;
    return {
      assignment: { articleId: article.id, storyId: link.storyId, reason: 'relation', detail, score: link.relation.score },
      merge: [...merge],
      created: false,
    };
  }
  let best: { story: StoryState; similarity: number } | undefined;
  for (const story of candidates) {
    const similarity = cosine(article.vector, story.centroid);
    if (best === undefined || similarity > best.similarity) best = { story, similarity };
  }
  if (best !== undefined && best.similarity >= STORY_JOIN_MIN_COSINE) {
    const similarity = Math.round(best.similarity * 1000) / 1000;
    return {
      assignment: { articleId: article.id, storyId: best.story.id, reason: 'similarity', detail: `cosine ${similarity} to the story centroid`, score: similarity },
      merge: [],
      created: false,
    };
  }
  const closest = best === undefined ? 'no active story' : `closest story ${best.story.id} at cosine ${Math.round(best.similarity * 1000) / 1000}`;
  return {
    assignment: { articleId: article.id, storyId: storyIdFor(article.id), reason: 'new-story', detail: closest, score: 0 },
    merge: [],
    created: true,
  };
}

export function startStory(id: string, article: ArrivingArticle, now: number): StoryState {
  return {
    id,
    headline: article.title,
    headlineArticleId: article.id,
    firstTime: article.time,
    lastTime: article.time,
    timed: article.timed,
    size: 1,
    centroid: article.vector,
    createdAt: now,
  };
}

/**
 * The story after `article` joined it: centroid, time range, and as headline the title of whichever is nearer
 * the new centroid, the current headline's article (`headlineVector`) or the arriving one.
 */
export function growStory(story: StoryState, article: ArrivingArticle, headlineVector: TermVector | undefined): StoryState {
  const centroid = addToCentroid(story.centroid, story.size, article.vector);
  const grown: StoryState = { ...story, ...widenTimes(story, { firstTime: article.time, lastTime: article.time, timed: article.timed }), centroid, size: story.size + 1 };
  const currentFit = headlineVector === undefined ? 0 : cosine(headlineVector, centroid);
  if (article.title !== '' && cosine(article.vector, centroid) > currentFit) {
    Object.assign(grown, { headline: article.title, headlineArticleId: article.id });
  }
  return grown;
}

type TimeRange = Pick<StoryState, 'firstTime' | 'lastTime' | 'timed'>;

/** The time range covering both; publication times, once a story has any, outrank ingest times. */
function widenTimes(range: TimeRange, added: TimeRange): TimeRange {
  if (added.timed !== range.timed) return added.timed ? added : range;
  return { timed: range.timed, firstTime: Math.min(range.firstTime, added.firstTime), lastTime: Math.max(range.lastTime, added.lastTime) };
}

/** `into` after absorbing `from`. */
export function mergeStories(into: StoryState, from: StoryState): StoryState {
  return {
    ...into,
    ...widenTimes(into, from),
    centroid: mergeCentroids(into.centroid, into.size, from.centroid, from.size),
    size: into.size + from.size,
  };
}
