// Experiment (issue 4): StoryStream with a learned join decision. A copy of src/stories/stream.ts's class whose
// stories also keep one centroid per term subspace (title words, body words without entity terms, entity terms,
// each its own TF-IDF space) and whose decision can be replaced: by a logistic regression over features of
// (article, candidate story), or by a teacher that knows the gold stories (to collect training rows). With no
// model and no teacher it decides exactly as StoryStream does (checked by bench/learned-join.ts).
import type { StoryState } from '../../src/store/store.ts';
import {
  decideStory,
  growStory,
  mergeStories,
  startStory,
  storyIdFor,
  storyScore,
  timeGap,
  type ArrivingArticle,
  type CandidateStory,
  type LinkedStory,
  type StoryDecision,
} from '../../src/stories/assign.ts';
import { reindexPostings, type StreamArticle, type StreamDecision, type StreamSettings } from '../../src/stories/stream.ts';
import { addToCentroid, cosine, mergeCentroids, TermVector, DocumentFrequencies, internTerms, tfidfVectorOfInterned, topTermIds, type InternedTerms } from '../../src/stories/vectors.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Title, body (no entity terms), entities: the subspaces a story keeps a centroid of. */
export const SUBSPACES = 3;

export interface SubspaceArticle extends StreamArticle {
  /** Interned term frequencies per subspace (title, body, entity). */
  subspaces: readonly [InternedTerms, InternedTerms, InternedTerms];
  /** Gold story: read by the teacher only. */
  gold?: string;
}

/** Features of (article, candidate story): the order of the model's weights. */
export const FEATURE_NAMES = ['combined', 'title', 'body', 'entity', 'score', 'margin', 'logSize', 'logGapDays', 'titleBoth', 'entityBoth'] as const;

/** A linear model on FEATURE_NAMES (last weight: intercept); join the most probable candidate at or above threshold. */
export interface JoinModel {
  weights: readonly number[];
  threshold: number;
}

/** Cheap gate: a candidate whose combined cosine is below this is never scored by the model (nor collected). */
export const MODEL_MIN_COSINE = 0.05;

export interface LearnedOptions {
  model?: JoinModel;
  /** Teacher: join the candidate whose founding gold story is the article's (training rows collection). */
  teacher?: boolean;
  /**
   * Which candidates the model sees: `all` (gated ones; join the most probable) or `top` (only the one with the
   * highest combined cosine, as StoryStream picks it; the model decides join or not). Rows are collected the same way.
   */
  candidates?: 'all' | 'top';
  /** Called per arrival with the feature rows of the gated candidates and whether each is the article's gold story. */
  collect?: (rows: number[][], labels: number[]) => void;
}

export function probability(model: JoinModel, features: readonly number[]): number {
  let z = model.weights[model.weights.length - 1]!;
  for (let k = 0; k < features.length; k++) z += model.weights[k]! * features[k]!;
  return 1 / (1 + Math.exp(-z));
}

interface ActiveStory {
  state: StoryState;
  /** Vectors of the latest members (at most settings.memberVectors), newest last. */
  recent: TermVector[];
  headlineVector: TermVector;
  members: string[];
  /** Arrival number of the last member. */
  lastArrival: number;
  /** Day bucket the story is filed under for retirement (timed stories). */
  day: number;
  /** Centroid per subspace (title, body, entity), CENTROID_TERMS each like the combined one. */
  sub: TermVector[];
  /** Gold story of the founding article (teacher only). */
  gold: string | undefined;
}

export class LearnedStream {
  readonly settings: StreamSettings;
  private readonly documentFrequency = new DocumentFrequencies();
  private readonly active = new Map<string, ActiveStory>();
  /** Interned centroid term id -> active stories holding it. */
  private readonly postings = new Map<number, Set<string>>();
  /** Story of each article of an active story, for copy relations. */
  private readonly articleStory = new Map<string, string>();
  /** Timed stories by the day of their last time, for retirement. */
  private readonly byDay = new Map<number, Set<string>>();
  /** Undated stories, least recently grown first (Map keeps insertion order; a grown story is re-inserted). */
  private readonly undatedByIdle = new Map<string, true>();
  private oldestDay = Number.POSITIVE_INFINITY;
  /** Stories quiet beyond window + lateness, indexed in leanPostings by their top terms only. */
  private readonly dormant = new Set<string>();
  private readonly leanPostings = new Map<number, Set<string>>();
  /** Day buckets before this one have been made dormant. */
  private dormantCursorDay = Number.NEGATIVE_INFINITY;
  private newestTime = Number.NEGATIVE_INFINITY;
  private arrivals = 0;
  /** Final story of every article seen (merges followed lazily): what a harness scores. */
  private readonly assigned = new Map<string, string>();
  private readonly mergedInto = new Map<string, string>();
  retired = 0;
  readonly options: LearnedOptions;
  private readonly subFrequency = [new DocumentFrequencies(), new DocumentFrequencies(), new DocumentFrequencies()];

  constructor(settings: StreamSettings, options: LearnedOptions = {}) {
    this.settings = settings;
    this.options = options;
  }

  get activeStories(): number {
    return this.active.size;
  }

  /** Assigns one article, updating IDF, the active stories and the index. */
  add(article: SubspaceArticle): StreamDecision {
    this.arrivals++;
    const terms = article.frequencies instanceof Map ? internTerms(article.frequencies) : (article.frequencies as InternedTerms);
    const vector = tfidfVectorOfInterned(terms, this.documentFrequency);
    this.documentFrequency.add(terms);
    const subVectors: TermVector[] = [];
    for (let k = 0; k < SUBSPACES; k++) {
      subVectors.push(tfidfVectorOfInterned(article.subspaces[k]!, this.subFrequency[k]!));
      this.subFrequency[k]!.add(article.subspaces[k]!);
    }
    if (article.timed && article.time > this.newestTime) this.newestTime = article.time;
    this.retireOld();

    const arriving: ArrivingArticle = { id: article.id, title: article.title, vector, time: article.time, timed: article.timed };
    const links: LinkedStory[] = [];
    for (const copy of article.copies ?? []) {
      const storyId = this.articleStory.get(copy);
      if (storyId !== undefined) {
        links.push({
          storyId,
          otherArticleId: copy,
          relation: { a: copy, b: article.id, kind: 'duplicate', score: 1, coverage: { a: 1, b: 1 }, direction: { known: false, reason: 'given' }, passages: [] },
        });
      }
    }
    const candidates = this.candidatesFor(arriving);
    const decision = this.decide(arriving, links, candidates, subVectors, article.gold);
    const storyId = decision.assignment.storyId;
    let story: ActiveStory;
    if (decision.created) {
      story = { state: startStory(storyId, arriving, 0), recent: [], headlineVector: vector, members: [], lastArrival: 0, day: Number.NaN, sub: subVectors, gold: article.gold };
      this.active.set(storyId, story);
    } else {
      story = this.active.get(storyId)!;
      this.wake(storyId, story);
      const before = story.state.headlineArticleId;
      const previousCentroid = story.state.centroid;
      for (let k = 0; k < SUBSPACES; k++) story.sub[k] = addToCentroid(story.sub[k]!, story.state.size, subVectors[k]!);
      story.state = growStory(story.state, arriving, story.headlineVector);
      if (story.state.headlineArticleId !== before) story.headlineVector = vector;
      reindexPostings(this.postings, storyId, previousCentroid, story.state.centroid);
    }
    for (const fromId of decision.merge) this.absorb(story, fromId);
    if (decision.created) reindexPostings(this.postings, storyId, TermVector.EMPTY, story.state.centroid);
    const merged = [...decision.merge];
    if (!decision.created && this.settings.mergeMinCosine <= 1) {
      // The article bridged its story to others it also resembles: fold those whose centroids now agree.
      for (const other of candidates) {
        if (other.id === storyId || !this.active.has(other.id)) continue;
        if (cosine(story.state.centroid, other.centroid) >= this.settings.mergeMinCosine && timeGap({ time: other.firstTime, timed: other.timed }, story.state) <= Math.max(this.settings.windowMs, this.settings.dormantHorizonMs)) {
          this.absorb(story, other.id);
          merged.push(other.id);
        }
      }
    }
    story.members.push(article.id);
    if (this.settings.memberVectors > 0) {
      story.recent.push(vector);
      if (story.recent.length > this.settings.memberVectors) story.recent.shift();
    }
    story.lastArrival = this.arrivals;
    this.articleStory.set(article.id, storyId);
    if (this.settings.rememberAssignments) this.assigned.set(article.id, storyId);
    this.file(storyId, story);
    return { assignment: decision.assignment, created: decision.created, merged, candidates: candidates.length };
  }

  /** StoryStream's decision, or the teacher's, or the model's (copy relations decide first in every case). */
  private decide(arriving: ArrivingArticle, links: readonly LinkedStory[], candidates: readonly CandidateStory[], subVectors: readonly TermVector[], gold: string | undefined): StoryDecision {
    const { model, teacher, collect } = this.options;
    if ((model === undefined && teacher !== true && collect === undefined) || links.length > 0) return decideStory(arriving, links, candidates, this.settings);
    const combined = candidates.map((story) => cosine(arriving.vector, story.centroid));
    let first = 0;
    let second = 0;
    for (const value of combined) {
      if (value > first) [first, second] = [value, first];
      else if (value > second) second = value;
    }
    const gated: number[] = [];
    if (this.options.candidates === 'top') {
      let top = -1;
      for (let index = 0; index < candidates.length; index++) if (combined[index]! >= MODEL_MIN_COSINE && (top < 0 || combined[index]! > combined[top]!)) top = index;
      if (top >= 0) gated.push(top);
    } else for (let index = 0; index < candidates.length; index++) if (combined[index]! >= MODEL_MIN_COSINE) gated.push(index);
    const rows = gated.map((index) => {
      const story = candidates[index]!;
      const c = combined[index]!;
      return [c, 0, 0, 0, storyScore(arriving, story, this.settings), c - (c === first ? second : first), Math.log1p(story.size), Math.log1p(timeGap(arriving, story) / DAY_MS), 0, 0];
    });
    // One subspace at a time, so cosine keeps the article's subspace vector in its table across the candidates.
    for (let k = 0; k < SUBSPACES; k++) {
      gated.forEach((index, at) => {
        rows[at]![1 + k] = cosine(subVectors[k]!, this.active.get(candidates[index]!.id)!.sub[k]!);
      });
    }
    gated.forEach((index, at) => {
      const sub = this.active.get(candidates[index]!.id)!.sub;
      rows[at]![8] = subVectors[0]!.size > 0 && sub[0]!.size > 0 ? 1 : 0;
      rows[at]![9] = subVectors[2]!.size > 0 && sub[2]!.size > 0 ? 1 : 0;
    });
    if (collect !== undefined) collect(rows, gated.map((index) => (this.active.get(candidates[index]!.id)!.gold === gold ? 1 : 0)));
    // Collecting rows under StoryStream's own decision (on-policy): the rows, then the usual decision.
    if (model === undefined && teacher !== true) return decideStory(arriving, links, candidates, this.settings);
    let chosen: { index: number; score: number } | undefined;
    if (teacher === true) {
      candidates.forEach((story, index) => {
        if (this.active.get(story.id)!.gold === gold && (chosen === undefined || combined[index]! > chosen.score)) chosen = { index, score: combined[index]! };
      });
    } else {
      gated.forEach((index, at) => {
        const p = probability(model!, rows[at]!);
        if (p >= model!.threshold && (chosen === undefined || p > chosen.score)) chosen = { index, score: p };
      });
    }
    if (chosen !== undefined) {
      const score = Math.round(chosen.score * 1000) / 1000;
      return { assignment: { articleId: arriving.id, storyId: candidates[chosen.index]!.id, reason: 'similarity', detail: `join probability ${score}`, score }, merge: [], created: false };
    }
    return { assignment: { articleId: arriving.id, storyId: storyIdFor(arriving.id), reason: 'new-story', detail: 'no candidate probable enough', score: 0 }, merge: [], created: true };
  }

  /** The live story of an article seen by this stream (rememberAssignments), merges followed. */
  storyOf(articleId: string): string | undefined {
    const id = this.assigned.get(articleId);
    return id === undefined ? undefined : this.liveStory(id);
  }

  /** The story a (possibly merged) story id now lives in. */
  liveStory(storyId: string): string {
    let id = storyId;
    while (this.mergedInto.has(id)) id = this.mergedInto.get(id)!;
    return id;
  }

  private candidatesFor(article: ArrivingArticle): CandidateStory[] {
    const terms = topTermIds(article.vector, this.settings.queryTerms);
    // Query terms each story shares with the article: a dormant story must share several to be scored.
    const shared = new Map<string, number>();
    for (const term of terms) {
      const posting = this.postings.get(term);
      if (posting === undefined || posting.size > this.settings.maxPosting) continue;
      for (const id of posting) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    for (const term of terms) {
      const posting = this.leanPostings.get(term);
      if (posting === undefined || posting.size > this.settings.maxPosting) continue;
      for (const id of posting) shared.set(id, (shared.get(id) ?? 0) + 1);
    }
    const candidates: CandidateStory[] = [];
    for (const [id, count] of shared) {
      const story = this.active.get(id)!;
      const gap = timeGap(article, story.state);
      if (count < this.settings.minSharedTerms) continue;
      if (gap <= this.settings.windowMs) candidates.push(story.recent.length === 0 ? story.state : { ...story.state, recentMembers: story.recent });
      else if (gap <= this.settings.dormantHorizonMs && count >= this.settings.dormantMinSharedTerms) candidates.push({ ...story.state, dormant: true, recentMembers: story.recent });
    }
    return candidates;
  }

  private leanTerms(centroid: TermVector): number[] {
    return topTermIds(centroid, this.settings.dormantIndexTerms);
  }

  private setLean(storyId: string, centroid: TermVector, present: boolean): void {
    for (const term of this.leanTerms(centroid)) {
      let posting = this.leanPostings.get(term);
      if (present) {
        if (posting === undefined) {
          posting = new Set();
          this.leanPostings.set(term, posting);
        }
        posting.add(storyId);
      } else {
        posting?.delete(storyId);
        if (posting?.size === 0) this.leanPostings.delete(term);
      }
    }
  }

  /** Moves a story from the full index to the lean one. */
  private makeDormant(storyId: string): void {
    const story = this.active.get(storyId);
    if (story === undefined || this.dormant.has(storyId)) return;
    reindexPostings(this.postings, storyId, story.state.centroid, TermVector.EMPTY);
    this.setLean(storyId, story.state.centroid, true);
    this.dormant.add(storyId);
  }

  /** A dormant story that grows goes back to the full index. */
  private wake(storyId: string, story: ActiveStory): void {
    if (!this.dormant.delete(storyId)) return;
    this.setLean(storyId, story.state.centroid, false);
    reindexPostings(this.postings, storyId, TermVector.EMPTY, story.state.centroid);
  }

  private absorb(into: ActiveStory, fromId: string): void {
    const from = this.active.get(fromId);
    if (from === undefined || fromId === into.state.id) return;
    const previousCentroid = into.state.centroid;
    for (let k = 0; k < SUBSPACES; k++) into.sub[k] = mergeCentroids(into.sub[k]!, into.state.size, from.sub[k]!, from.state.size);
    into.state = mergeStories(into.state, from.state);
    reindexPostings(this.postings, into.state.id, previousCentroid, into.state.centroid);
    for (const member of from.members) {
      into.members.push(member);
      this.articleStory.set(member, into.state.id);
    }
    this.mergedInto.set(fromId, into.state.id);
    this.drop(fromId, from);
  }

  /** Files a story under its retirement key: the day of its last time, or its last arrival when undated. */
  private file(storyId: string, story: ActiveStory): void {
    if (story.state.timed) {
      const day = Math.floor(story.state.lastTime / DAY_MS);
      if (day === story.day) return;
      this.byDay.get(story.day)?.delete(storyId);
      story.day = day;
      let bucket = this.byDay.get(day);
      if (bucket === undefined) {
        bucket = new Set();
        this.byDay.set(day, bucket);
      }
      bucket.add(storyId);
      if (day < this.oldestDay) this.oldestDay = day;
      this.undatedByIdle.delete(storyId);
    } else {
      this.undatedByIdle.delete(storyId);
      this.undatedByIdle.set(storyId, true);
    }
  }

  private drop(storyId: string, story: ActiveStory): void {
    if (this.dormant.delete(storyId)) this.setLean(storyId, story.state.centroid, false);
    else reindexPostings(this.postings, storyId, story.state.centroid, TermVector.EMPTY);
    this.active.delete(storyId);
    this.byDay.get(story.day)?.delete(storyId);
    this.undatedByIdle.delete(storyId);
    for (const member of story.members) if (this.articleStory.get(member) === storyId) this.articleStory.delete(member);
  }

  private retireOld(): void {
    if (Number.isFinite(this.newestTime)) {
      const quietDay = Math.floor((this.newestTime - this.settings.windowMs - this.settings.latenessMs) / DAY_MS);
      for (let day = Math.max(this.dormantCursorDay, this.oldestDay); day < quietDay; day++) {
        for (const id of this.byDay.get(day) ?? []) this.makeDormant(id);
      }
      if (quietDay > this.dormantCursorDay) this.dormantCursorDay = quietDay;
      const reach = Math.max(this.settings.windowMs, this.settings.dormantHorizonMs);
      const cutoffDay = Math.floor((this.newestTime - reach - this.settings.latenessMs) / DAY_MS);
      while (this.oldestDay < cutoffDay) {
        const bucket = this.byDay.get(this.oldestDay);
        if (bucket !== undefined) {
          for (const id of bucket) this.retire(id);
          this.byDay.delete(this.oldestDay);
        }
        this.oldestDay = this.byDay.size === 0 ? Number.POSITIVE_INFINITY : this.oldestDay + 1;
      }
    }
    for (const [id] of this.undatedByIdle) {
      const story = this.active.get(id);
      if (story !== undefined && this.arrivals - story.lastArrival <= this.settings.idleArrivals) break;
      if (story !== undefined) this.retire(id);
      else this.undatedByIdle.delete(id);
    }
  }

  private retire(storyId: string): void {
    const story = this.active.get(storyId);
    if (story === undefined) return;
    this.drop(storyId, story);
    this.retired++;
  }
}

