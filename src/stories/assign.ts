// Online story assignment: each article joins a story the moment it arrives, looking only at the stories
// active around its time. A copy relation decides first (a version of an article belongs to its story);
// otherwise the most similar story centroid, if similar enough; otherwise the article starts a story.
import { createHash } from 'node:crypto';
import type { Assignment, Relation, RelationKind } from '../model.ts';
import type { StoryState, TermVector } from '../store/store.ts';
import { isReportTitle, storyHeadline } from './headline.ts';
import { addToCentroid, cosine, mergeCentroids } from './vectors.ts';

/**
 * Score (cosine to the centroid, time-decayed) at or above which an article joins a story. Swept 0.06-0.3
 * on the development streams (bench/tune-stories.ts, BENCHMARKS.md "Stories"): 0.15 gave the best BCubed
 * F1 on the mixed DUC + Multi-News stream and on WikiRef220 (0.2 loses recall there: WikiRef F1 0.86 -> 0.66),
 * and MMDS2025 dev F1 within 0.02 of its best (0.2).
 */
export const STORY_JOIN_MIN_COSINE = 0.15;

const DAY_MS = 24 * 3600 * 1000;

/**
 * Stories whose time range is this far from an article's publication time are not considered: a news event
 * quiet for a week has ended. DUC 2006's topic clusters span years and want no window at all (BCubed F1 on
 * the mixed stream 0.50 at 7 days, 0.80 unbounded); the stories here are events, so the week stays.
 */
export const STORY_WINDOW_MS = 7 * DAY_MS;

/** Time distance that divides a story's score by e: a story quiet for days needs closer wording to grow. */
export const STORY_DECAY_MS = 7 * DAY_MS;

/**
 * Cosine (undecayed) at which an article joins a story whatever the time between them: a long-running story
 * (a trial, a war, a campaign) goes quiet and comes back with the same names and words, and a match this close
 * is the same story however old. Below it, time decays the score, and beyond the window only this counts.
 * Swept with bench/tune-stories.ts on the mixed DUC + Multi-News stream (BCubed F1; 0.506 without it), with a
 * 30-day / 365-day dormant horizon: 0.2 gave 0.576 / 0.736, 0.25 gave 0.561 / 0.688, 0.3 gave 0.548 / 0.642,
 * 0.4 gave 0.528 / 0.568. 0.2 is too near the join score (0.15) to be a different kind of evidence, so 0.25.
 * MMDS2025 and WikiRef220 (undated) do not change.
 */
export const STORY_STRONG_MIN_COSINE = 0.25;

/** Relations strong enough to pull two whole stories together: both articles tell the same text. */
const MERGING_KINDS: ReadonlySet<RelationKind> = new Set(['duplicate', 'version']);
const KIND_STRENGTH: Record<RelationKind, number> = { duplicate: 3, version: 2, reuse: 1, rewrite: 1 };

export interface LinkedStory {
  storyId: string;
  relation: Relation;
  /** The already-stored article on the other side of the relation. */
  otherArticleId: string;
  /** That article's time (publication where known), when the caller knows it: a far reuse link is ignored. */
  otherTime?: { time: number; timed: boolean };
}

/**
 * Publication times further apart than this keep a reuse or rewrite link from deciding the story: two press
 * releases months apart sharing a paragraph are two events (versions and duplicates still join: same text).
 */
export const REUSE_LINK_MAX_GAP_MS = STORY_WINDOW_MS;

/** Whether a link may decide the story: a lifted passage alone does not join articles far apart in time. */
function linkDecides(article: Pick<ArrivingArticle, 'time' | 'timed'>, link: LinkedStory): boolean {
  if (MERGING_KINDS.has(link.relation.kind) || link.otherTime === undefined || !article.timed || !link.otherTime.timed) return true;
  return Math.abs(article.time - link.otherTime.time) <= REUSE_LINK_MAX_GAP_MS;
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

/** How similarity and time distance decide between joining a story and starting one. */
export interface AssignSettings {
  /** Score (cosine times time decay) at or above which an article joins its best story. */
  joinMinScore: number;
  /** Time distance over which the score decays by a factor e; a gap inside the story's range is 0. */
  decayMs: number;
  /** Factor on the cosine to a single member: one close article is weaker evidence than the whole story. */
  memberDiscount: number;
  /** Undecayed cosine at which time no longer matters; the only way to join a dormant story (above 1: never). */
  strongMinCosine: number;
}

/** Full weight; only used when the stream keeps member vectors (off by default: no gain measured). */
export const MEMBER_DISCOUNT = 1;

export const DEFAULT_ASSIGN_SETTINGS: AssignSettings = { joinMinScore: STORY_JOIN_MIN_COSINE, decayMs: STORY_DECAY_MS, memberDiscount: MEMBER_DISCOUNT, strongMinCosine: STORY_STRONG_MIN_COSINE };

/**
 * What a story is. `event` (the default, for live news): the stories active within STORY_WINDOW_MS of an
 * article's time, scores decayed by the gap. `topic` (for archives such as DUC's multi-year topic clusters):
 * no time window and no decay, so a subject that returns years later joins its story; the cost per arrival
 * still stays flat, because candidates come from the term index and idle stories retire by arrivals.
 */
export type StoryHorizon = 'event' | 'topic';
export const STORY_HORIZONS: readonly StoryHorizon[] = ['event', 'topic'];

/** The window and decay of a horizon. */
export function horizonTimes(horizon: StoryHorizon): { windowMs: number; decayMs: number } {
  return horizon === 'topic' ? { windowMs: Number.POSITIVE_INFINITY, decayMs: Number.POSITIVE_INFINITY } : { windowMs: STORY_WINDOW_MS, decayMs: STORY_DECAY_MS };
}

/** Milliseconds between an article's time and a story's time range (0 inside it, or when either is undated). */
export function timeGap(article: Pick<ArrivingArticle, 'time' | 'timed'>, story: Pick<StoryState, 'firstTime' | 'lastTime' | 'timed'>): number {
  return timeGapOf(article.time, article.timed, story.firstTime, story.lastTime, story.timed);
}

/** timeGap on plain numbers, for callers that keep story times in typed arrays. */
export function timeGapOf(time: number, timed: boolean, firstTime: number, lastTime: number, storyTimed: boolean): number {
  if (!timed || !storyTimed) return 0;
  if (time < firstTime) return firstTime - time;
  return time > lastTime ? time - lastTime : 0;
}

/** A story as a candidate; the stream also hands the vectors of its latest members. */
export type CandidateStory = StoryState & {
  recentMembers?: readonly TermVector[];
  /** Quiet for longer than the window: joined only by a strong match. */
  dormant?: boolean;
};

/** A score as an assignment records it (score and detail): three decimals. */
export function recordedScore(similarity: number): number {
  return Math.round(similarity * 1000) / 1000;
}

/**
 * A candidate whose score decideStory takes as given: the story index hands one instead of the story when its
 * score is known from its stored centroid closely enough that the choice, the join and the rounded score recorded
 * come out as the exact score would give (StoryCandidateIndex.candidatesFor), so its full state is not read.
 */
export interface ScoredCandidate {
  id: string;
  score: number;
}

/** Similarity of an article to a story: a strong match as it is; else the larger of the cosine to its centroid and (discounted) to its nearest recent member, to its centroid, decayed by the time between them. */
export function storyScore(article: ArrivingArticle, story: CandidateStory, settings: AssignSettings = DEFAULT_ASSIGN_SETTINGS): number {
  let similarity = cosine(article.vector, story.centroid);
  // No empty array and iterator made a candidate when there are no members (the engine's stories have none).
  const members = story.recentMembers;
  if (members !== undefined) for (let at = 0; at < members.length; at++) similarity = Math.max(similarity, cosine(article.vector, members[at]!) * settings.memberDiscount);
  if (similarity >= settings.strongMinCosine) return similarity;
  if (story.dormant === true) return 0;
  const gap = timeGap(article, story);
  return gap === 0 ? similarity : similarity * Math.exp(-gap / settings.decayMs);
}

export function decideStory(
  article: ArrivingArticle,
  links: readonly LinkedStory[],
  candidates: readonly (CandidateStory | ScoredCandidate)[],
  settings: AssignSettings = DEFAULT_ASSIGN_SETTINGS,
): StoryDecision {
  const link = strongestLink(links.filter((candidate) => linkDecides(article, candidate)));
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
  let best: { story: CandidateStory | ScoredCandidate; similarity: number } | undefined;
  for (const story of candidates) {
    const similarity = 'score' in story ? story.score : storyScore(article, story, settings);
    if (best === undefined || similarity > best.similarity || (similarity === best.similarity && story.id < best.story.id)) best = { story, similarity };
  }
  if (best !== undefined && best.similarity >= settings.joinMinScore) {
    const similarity = recordedScore(best.similarity);
    return {
      assignment: { articleId: article.id, storyId: best.story.id, reason: 'similarity', detail: `score ${similarity} to the story centroid (cosine, time-decayed)`, score: similarity },
      merge: [],
      created: false,
    };
  }
  const closest = best === undefined ? 'no active story' : `closest story ${best.story.id} at cosine ${recordedScore(best.similarity)}`;
  return {
    assignment: { articleId: article.id, storyId: storyIdFor(article.id), reason: 'new-story', detail: closest, score: 0 },
    merge: [],
    created: true,
  };
}

export function startStory(id: string, article: ArrivingArticle, now: number): StoryState {
  return {
    id,
    headline: storyHeadline(article.title),
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
 * the new centroid, the current headline's article (`headlineVector`) or the arriving one; a report's title
 * always beats a question's or an explainer's.
 */
export function growStory(story: StoryState, article: ArrivingArticle, headlineVector: TermVector | undefined): StoryState {
  const centroid = addToCentroid(story.centroid, story.size, article.vector);
  const grown: StoryState = { ...story, ...widenTimes(story, { firstTime: article.time, lastTime: article.time, timed: article.timed }), centroid, size: story.size + 1 };
  const currentFit = headlineVector === undefined ? 0 : cosine(headlineVector, centroid);
  // A report's title beats a question's or an explainer's whatever the fit; between like titles, the fit decides.
  const currentIsReport = story.headline.trim() !== '' && isReportTitle(story.headline);
  const arrivingIsReport = isReportTitle(article.title);
  const better = arrivingIsReport !== currentIsReport ? arrivingIsReport : cosine(article.vector, centroid) > currentFit;
  if (article.title !== '' && better) {
    Object.assign(grown, { headline: storyHeadline(article.title), headlineArticleId: article.id });
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
    // Both stories' shown names stay at hand for the merged story's (shownStoryNames).
    ...(into.names === undefined && from.names === undefined ? {} : { names: [...(into.names ?? []), ...(from.names ?? [])] }),
  };
}
