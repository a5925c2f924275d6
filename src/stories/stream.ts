// The stories stage as a stream processor kept in memory: each arriving article is scored only against the
// stories active around its time, found through an inverted index from centroid terms to stories, so the cost
// of an arrival depends on the stream's rate, not on the size of the archive. Stories that fall out of the
// time window (or, for undated articles, stay idle for too many arrivals) are retired and leave the index.
// The decision itself is assign.ts's, so this and the engine's store-backed path agree.
import type { Assignment } from '../model.ts';
import type { StoryState } from '../store/store.ts';
import {
  decideStory,
  DEFAULT_ASSIGN_SETTINGS,
  growStory,
  mergeStories,
  startStory,
  STORY_WINDOW_MS,
  timeGap,
  timeGapOf,
  type ArrivingArticle,
  type AssignSettings,
  type CandidateStory,
  type LinkedStory,
} from './assign.ts';
import { cosine, TermVector, DocumentFrequencies, internTerms, tfidfVectorOfInterned, topTermIds, heaviestTermIds, Vocabulary, type InternedTerms } from './vectors.ts';

const DAY_MS = 24 * 3600 * 1000;

export interface StreamSettings extends AssignSettings {
  /** Stories further than this from an article's time are candidates only for a strong match (dormant). */
  windowMs: number;
  /** Stories quiet for longer than this are not candidates at all, and retire (when longer than the window). */
  dormantHorizonMs: number;
  /** Query terms a dormant story must share with the article before its cosine is computed. */
  dormantMinSharedTerms: number;
  /** Centroid terms a dormant story stays indexed by: a lean index keeps the cost of a long horizon down. */
  dormantIndexTerms: number;
  /**
   * How late (behind the newest time seen) an article may still arrive and find its story. A timed story
   * retires once its last time is older than the newest time minus window minus lateness.
   */
  latenessMs: number;
  /** An undated story retires after this many arrivals without a new member: undated articles never scan the archive. */
  idleArrivals: number;
  /** The article's highest-weighted terms looked up in the inverted index. */
  queryTerms: number;
  /** Latest members' vectors kept per story and compared with each arrival (0: centroid only). */
  memberVectors: number;
  /** Two candidate stories whose centroids reach this cosine after an article joins one of them are merged (above 1: never). */
  mergeMinCosine: number;
  /** Keep every article's story for storyOf(): harnesses want it; a store-backed caller records assignments itself. */
  rememberAssignments: boolean;
  /** A term indexing more active stories than this is too common to find candidates by (a stopword of the moment). */
  maxPosting: number;
  /** Query terms an active story must share with the article to be scored at all. */
  minSharedTerms: number;
  /** Stories scored per arrival: those sharing the most query terms, this many and any tied with the last. */
  scoredCandidates: number;
  /** Heaviest centroid terms an awake story is indexed under (CENTROID_TERMS or more: all of them). */
  indexTerms: number;
  /** A term no active story holds and no arrival has used for this many arrivals is forgotten (its IDF count with it). */
  forgetAfterArrivals: number;
  /** Terms the vocabulary may hold before the first pass that forgets; each pass sets the next at twice what is left. */
  vocabularyFloor: number;
}

/**
 * Terms looked up per arrival: the article vector's heaviest hold its names and topic. With stories indexed under
 * all 150 centroid terms, 20 and all 80 clustered the dev streams the same. Under their 50 heaviest (INDEX_TERMS),
 * 20 / 25 / 30 / 40 gave WikiRef220 BCubed F1 0.853 / 0.862 / 0.873 / 0.873, MMDS2025 dev and the mixed stream
 * unchanged (0.854; 0.566-0.567 and 0.810). 30 finds what the 100 unindexed centroid terms used to.
 */
export const QUERY_TERMS = 30;
/**
 * Query terms an active story must share to be scored. Requiring 2 cut the mean candidates per arrival on the
 * mixed stream from 28 to 4.7 but cost BCubed F1 (WikiRef220 0.828 -> 0.798, mixed without a window 0.799 ->
 * 0.791), and the cosines it saves are not where an arrival's time goes; so any shared term will do.
 */
export const MIN_SHARED_TERMS = 1;
/** Posting lists longer than this are skipped: at 1M articles a few weak terms index most active stories. */
export const MAX_POSTING = 5000;
/**
 * Lateness allowed behind the newest time seen. Real feeds deliver within hours; a day covers time zones
 * and slow crawls. Harnesses replaying a shuffled multi-year corpus set it to the corpus's span instead.
 */
export const DEFAULT_LATENESS_MS = DAY_MS;
/** Undated stories idle for this many arrivals retire (about a day of a 10,000-a-day stream). */
export const DEFAULT_IDLE_ARRIVALS = 10_000;

/**
 * Off: scoring the 5 or 20 latest members besides the centroid changed BCubed F1 by under 0.01 on the dev
 * streams (mixed 0.795 / 0.791 vs 0.800 without) and costs a cosine per member.
 */
export const MEMBER_VECTORS = 0;

/**
 * Centroid cosine at which two candidate stories are one. With an unbounded window 0.5 merged DUC topic
 * fragments (mixed stream F1 0.754 -> 0.761 at a 365-day window) and changed nothing on MMDS2025 or
 * WikiRef; 0.3 merged unrelated stories (mixed-stream BCubed precision 0.898 -> 0.869, unbounded window).
 */
export const STORY_MERGE_MIN_COSINE = 0.5;

/**
 * How long a quiet story can still be joined by a strong match (STORY_STRONG_MIN_COSINE). Mixed-stream BCubed F1
 * (strong 0.25): 7 / 30 / 365 days / unbounded gave 0.516 / 0.561 / 0.688 / 0.715 (0.506 without strong
 * matches). A month covers a story that pauses between hearings or rounds of talks; dormant stories stay
 * indexed (lean), so memory grows with rate x horizon, and a year of a 10,000-a-day feed is too much to hold.
 */
export const STORY_DORMANT_HORIZON_MS = 30 * DAY_MS;

/**
 * A strong match (cosine >= 0.25 to a 150-term centroid) shares several of the article's top terms; requiring
 * 3 of the query terms skips the cosine for dormant stories met through one common word. Mixed-stream BCubed F1 at a
 * 30-day horizon, 1 / 2 / 3 / 5 shared terms: 0.561 / 0.561 / 0.561 / 0.555 (365 days: 0.688 / 0.688 / 0.686 / 0.676).
 */
export const DORMANT_MIN_SHARED_TERMS = 3;

/**
 * Once quiet beyond window + lateness, a story is indexed by its 10 heaviest centroid terms only (its names and
 * topic words, not the background words every story shares), so dormant stories add short posting lists.
 */
export const DORMANT_INDEX_TERMS = 10;

/**
 * Heaviest centroid terms an awake story is indexed under (of its 150). Under all 150 a story sat in the postings
 * of background words it barely weighs, and its filing and unfiling on every change and on going dormant cost
 * 150 posting updates. With 20 query terms, 150 / 80 / 50 / 30 gave BCubed F1 0.868 / 0.853 / 0.853 / 0.848 on
 * WikiRef220, 0.854 / 0.854 / 0.854 / 0.855 on MMDS2025 dev (catch-all as singletons), 0.567 / 0.567 / 0.566 /
 * 0.566 on the mixed stream (0.810 at all four with the topic horizon); 30 query terms (QUERY_TERMS) win WikiRef
 * back. The cost per article at 1M against a 10k stream run beside it: 1.62x at 150 index terms and 20 query
 * terms, 1.41x at 50 and 20, 1.44x at 50 and 30 (BENCHMARKS.md, "Stories: cost per article", run 6).
 */
export const INDEX_TERMS = 50;

/**
 * Arrivals a term may go unused before the stream forgets it (when no active story holds it): ten days of a
 * 10,000-a-day feed, longer than any story stays awake (window + lateness). A forgotten term that comes back
 * counts as new, so its IDF rises from ln(N / df) to ln(N): at 1M articles and df 5, 12.0 -> 13.8. Without
 * forgetting, the vocabulary kept every term ever seen: at 1M articles 68 MB of a 106 MB heap (BENCHMARKS.md,
 * "Stories: cost per article").
 */
export const FORGET_AFTER_ARRIVALS = 100_000;
/** About 7 MB of terms: below this the vocabulary is left alone (the dev sets never reach it). */
export const VOCABULARY_FLOOR = 100_000;

const NO_TERMS = new Int32Array(0);

/**
 * Stories scored per arrival, those in reach sharing the most query terms (ties with the last kept, so slot order
 * cannot matter). On the dev streams 8 and 12 give the eval:stories table of scoring all, and the same mean over
 * 10 orders (4 lost up to 0.004 on the mixed stream). On the scale stream it cuts the stories scored at 100k from
 * 52.8 to 29.2 an arrival: there more live stories share a term or two with each article than at 10k.
 */
export const SCORED_CANDIDATES = 8;

export const DEFAULT_STREAM_SETTINGS: StreamSettings = {
  ...DEFAULT_ASSIGN_SETTINGS,
  mergeMinCosine: STORY_MERGE_MIN_COSINE,
  memberVectors: MEMBER_VECTORS,
  windowMs: STORY_WINDOW_MS,
  dormantHorizonMs: STORY_DORMANT_HORIZON_MS,
  dormantMinSharedTerms: DORMANT_MIN_SHARED_TERMS,
  dormantIndexTerms: DORMANT_INDEX_TERMS,
  latenessMs: DEFAULT_LATENESS_MS,
  idleArrivals: DEFAULT_IDLE_ARRIVALS,
  queryTerms: QUERY_TERMS,
  maxPosting: MAX_POSTING,
  minSharedTerms: MIN_SHARED_TERMS,
  scoredCandidates: SCORED_CANDIDATES,
  indexTerms: INDEX_TERMS,
  forgetAfterArrivals: FORGET_AFTER_ARRIVALS,
  vocabularyFloor: VOCABULARY_FLOOR,
  rememberAssignments: true,
};

export interface StreamArticle {
  id: string;
  title: string;
  /**
   * Weighted term frequencies (termFrequencies), or the same interned ahead by this stream's `intern` (the text
   * stage's work) and added within forgetAfterArrivals arrivals: the vector is made here, with the stream's IDF.
   */
  frequencies: ReadonlyMap<string, number> | InternedTerms;
  /** Publication time in ms where known (timed), else arrival time. */
  time: number;
  timed: boolean;
  /** Earlier articles this one is a duplicate or version of (copy relations): they decide its story. */
  copies?: readonly string[];
}

export interface StreamDecision {
  assignment: Assignment;
  created: boolean;
  /** Story ids folded into the assigned one. */
  merged: string[];
  /** Candidate stories scored for this article. */
  candidates: number;
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
  /** Ids (ascending) of the centroid terms the story is in the postings under while awake: its heaviest ones. */
  indexed: Int32Array;
  /** Small integer naming the story in the postings: counting shared terms indexes an array, not a map of ids. */
  slot: number;
  /** Its candidate form beyond the window, built once per state (states are replaced, never changed), not per arrival. */
  dormantCandidate: { state: StoryState; candidate: CandidateStory } | undefined;
}

export class StoryStream {
  readonly settings: StreamSettings;
  /** The stream's own terms: it forgets those gone idle, so its vectors are only comparable with each other. */
  readonly vocabulary = new Vocabulary();
  private readonly documentFrequency = new DocumentFrequencies(this.vocabulary);
  /** Vocabulary size at which the next pass forgets idle terms. */
  private nextForgetAt: number;
  /** Terms forgotten so far. */
  forgotten = 0;
  private readonly active = new Map<string, ActiveStory>();
  /** Interned centroid term id -> slots of the active stories holding it. */
  private readonly postings = new Map<number, Set<number>>();
  /** Active stories by slot; a retired story's slot is reused. */
  private readonly slots: (ActiveStory | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Query terms shared with the arriving article, by slot; zeroed again after each arrival. */
  private sharedCounts = new Int32Array(1024);
  /**
   * Each slot's story time range, kept beside the counts: the reach test of the tens of stories an arrival
   * touches then reads two typed arrays instead of two scattered objects each (at 100k articles that test
   * cost 57 µs an arrival, more than any other step of finding candidates).
   */
  private slotFirstTime = new Float64Array(1024);
  private slotLastTime = new Float64Array(1024);
  private slotTimed = new Uint8Array(1024);
  /** Scratch for one arrival: the touched slots in reach, and whether each is dormant. */
  private reachable = new Int32Array(1024);
  private reachableDormant = new Uint8Array(1024);
  /** Story of each article of an active story, for copy relations. */
  private readonly articleStory = new Map<string, string>();
  /** Timed stories by the day of their last time, for retirement. */
  private readonly byDay = new Map<number, Set<string>>();
  /** Undated stories, least recently grown first (Map keeps insertion order; a grown story is re-inserted). */
  private readonly undatedByIdle = new Map<string, true>();
  private oldestDay = Number.POSITIVE_INFINITY;
  /** Stories quiet beyond window + lateness, indexed in leanPostings by their top terms only. */
  private readonly dormant = new Set<string>();
  private readonly leanPostings = new Map<number, Set<number>>();
  /** Day buckets before this one have been made dormant. */
  private dormantCursorDay = Number.NEGATIVE_INFINITY;
  private newestTime = Number.NEGATIVE_INFINITY;
  private arrivals = 0;
  /** Final story of every article seen (merges followed lazily): what a harness scores. */
  private readonly assigned = new Map<string, string>();
  private readonly mergedInto = new Map<string, string>();
  retired = 0;

  constructor(settings: StreamSettings = DEFAULT_STREAM_SETTINGS) {
    this.settings = settings;
    this.nextForgetAt = settings.vocabularyFloor;
  }

  get activeStories(): number {
    return this.active.size;
  }

  /** Assigns one article, updating IDF, the active stories and the index. */
  add(article: StreamArticle): StreamDecision {
    const interned = article.frequencies instanceof Map ? undefined : this.checkedTerms(article);
    this.arrivals++;
    if (this.vocabulary.size >= this.nextForgetAt) this.forgetIdleTerms();
    this.vocabulary.clock = this.arrivals;
    const terms = interned ?? internTerms(article.frequencies as ReadonlyMap<string, number>, this.vocabulary);
    const vector = tfidfVectorOfInterned(terms, this.documentFrequency);
    this.documentFrequency.add(terms);
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
    const decision = decideStory(arriving, links, candidates, this.settings);
    const storyId = decision.assignment.storyId;
    let story: ActiveStory;
    if (decision.created) {
      story = { state: startStory(storyId, arriving, 0), recent: [], headlineVector: vector, members: [], lastArrival: 0, day: Number.NaN, indexed: NO_TERMS, slot: this.takeSlot(), dormantCandidate: undefined };
      this.slots[story.slot] = story;
      this.active.set(storyId, story);
    } else {
      story = this.active.get(storyId)!;
      this.wake(storyId, story);
      const before = story.state.headlineArticleId;
      story.state = growStory(story.state, arriving, story.headlineVector);
      if (story.state.headlineArticleId !== before) story.headlineVector = vector;
      this.reindex(story);
    }
    for (const fromId of decision.merge) this.absorb(story, fromId);
    if (decision.created) this.reindex(story);
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

  /**
   * Interns an article's terms ahead of `add`, in this stream's vocabulary. Every id is stamped with the current
   * arrival, so no pass forgets it for forgetAfterArrivals arrivals: add the article before then.
   */
  intern(frequencies: ReadonlyMap<string, number>): InternedTerms {
    return internTerms(frequencies, this.vocabulary);
  }

  private checkedTerms(article: StreamArticle): InternedTerms {
    const terms = article.frequencies as InternedTerms;
    if (terms.vocabulary !== this.vocabulary) throw new Error(`article ${article.id}: its terms were interned in another vocabulary (use this stream's intern)`);
    const age = this.arrivals + 1 - terms.internedAt;
    if (age > this.settings.forgetAfterArrivals) {
      throw new Error(`article ${article.id}: its terms were interned ${age} arrivals ago, more than forgetAfterArrivals; some may have been forgotten`);
    }
    return terms;
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
    // Query terms each story shares with the article (a dormant story must share several to be scored),
    // counted by slot; `touched` keeps the slots in the order first met, so candidates come in a fixed order.
    const counts = this.sharedCounts;
    const touched: number[] = [];
    for (const index of [this.postings, this.leanPostings]) {
      for (const term of terms) {
        const posting = index.get(term);
        if (posting === undefined || posting.size > this.settings.maxPosting) continue;
        for (const slot of posting) if (counts[slot]!++ === 0) touched.push(slot);
      }
    }
    // Stories in reach (awake within the window; dormant within the horizon sharing enough), by slot. The counts
    // stay set until the floor is known, then are zeroed for the next arrival.
    if (touched.length > this.reachable.length) {
      this.reachable = new Int32Array(touched.length * 2);
      this.reachableDormant = new Uint8Array(touched.length * 2);
    }
    const { reachable, reachableDormant } = this;
    let inReach = 0;
    for (const slot of touched) {
      const shared = counts[slot]!;
      if (shared < this.settings.minSharedTerms) continue;
      const gap = timeGapOf(article.time, article.timed, this.slotFirstTime[slot]!, this.slotLastTime[slot]!, this.slotTimed[slot] === 1);
      if (gap <= this.settings.windowMs) reachableDormant[inReach] = 0;
      else if (gap <= this.settings.dormantHorizonMs && shared >= this.settings.dormantMinSharedTerms) reachableDormant[inReach] = 1;
      else continue;
      reachable[inReach++] = slot;
    }
    const floor = sharedTermsFloor(reachable.subarray(0, inReach), (slot) => counts[slot]!, this.settings.minSharedTerms, this.settings.scoredCandidates);
    const candidates: CandidateStory[] = [];
    for (let at = 0; at < inReach; at++) {
      const slot = reachable[at]!;
      if (counts[slot]! < floor) continue;
      const story = this.slots[slot]!;
      if (reachableDormant[at] === 1) candidates.push(this.dormantCandidate(story));
      else candidates.push(story.recent.length === 0 ? story.state : { ...story.state, recentMembers: story.recent });
    }
    for (const slot of touched) counts[slot] = 0;
    return candidates;
  }

  private dormantCandidate(story: ActiveStory): CandidateStory {
    if (story.dormantCandidate?.state !== story.state) story.dormantCandidate = { state: story.state, candidate: { ...story.state, dormant: true, recentMembers: story.recent } };
    return story.dormantCandidate.candidate;
  }

  /** Files an awake story in the postings under its centroid's heaviest terms, moving it from the ones it had. */
  private reindex(story: ActiveStory): void {
    const indexed = heaviestTermIds(story.state.centroid, this.settings.indexTerms);
    reindexPostings(SET_POSTINGS, this.postings, story.slot, story.indexed, indexed);
    story.indexed = indexed;
  }

  /** A free slot for a new story, growing the shared-term counts with the slots. */
  private takeSlot(): number {
    const slot = this.freeSlots.pop() ?? this.slots.length;
    if (slot >= this.sharedCounts.length) {
      const size = this.sharedCounts.length * 2;
      const grow = <T extends Int32Array | Float64Array | Uint8Array>(from: T, to: T): T => {
        to.set(from);
        return to;
      };
      this.sharedCounts = grow(this.sharedCounts, new Int32Array(size));
      this.slotFirstTime = grow(this.slotFirstTime, new Float64Array(size));
      this.slotLastTime = grow(this.slotLastTime, new Float64Array(size));
      this.slotTimed = grow(this.slotTimed, new Uint8Array(size));
    }
    return slot;
  }

  private setLean(slot: number, centroid: TermVector, present: boolean): void {
    for (const term of heaviestTermIds(centroid, this.settings.dormantIndexTerms)) {
      if (present) addToPosting(this.leanPostings, slot, term);
      else removeFromPosting(this.leanPostings, slot, term);
    }
  }

  /** Moves a story from the full index to the lean one. */
  private makeDormant(storyId: string): void {
    const story = this.active.get(storyId);
    if (story === undefined || this.dormant.has(storyId)) return;
    reindexPostings(SET_POSTINGS, this.postings, story.slot, story.indexed, NO_TERMS);
    this.setLean(story.slot, story.state.centroid, true);
    this.dormant.add(storyId);
  }

  /** A dormant story that grows goes back to the full index. */
  private wake(storyId: string, story: ActiveStory): void {
    if (!this.dormant.delete(storyId)) return;
    this.setLean(story.slot, story.state.centroid, false);
    reindexPostings(SET_POSTINGS, this.postings, story.slot, NO_TERMS, story.indexed);
  }

  private absorb(into: ActiveStory, fromId: string): void {
    const from = this.active.get(fromId);
    if (from === undefined || fromId === into.state.id) return;
    into.state = mergeStories(into.state, from.state);
    this.reindex(into);
    for (const member of from.members) {
      into.members.push(member);
      this.articleStory.set(member, into.state.id);
    }
    this.mergedInto.set(fromId, into.state.id);
    this.drop(fromId, from);
  }

  /** Files a story under its retirement key: the day of its last time, or its last arrival when undated. */
  private file(storyId: string, story: ActiveStory): void {
    // Every change to a story's state (start, growth, merges) ends here within add: its slot's times follow.
    this.slotFirstTime[story.slot] = story.state.firstTime;
    this.slotLastTime[story.slot] = story.state.lastTime;
    this.slotTimed[story.slot] = story.state.timed ? 1 : 0;
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
    if (this.dormant.delete(storyId)) this.setLean(story.slot, story.state.centroid, false);
    else reindexPostings(SET_POSTINGS, this.postings, story.slot, story.indexed, NO_TERMS);
    this.active.delete(storyId);
    this.slots[story.slot] = undefined;
    this.freeSlots.push(story.slot);
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

  /**
   * Forgets the terms that no active story's vectors hold and no arrival has used for forgetAfterArrivals. Runs
   * when the vocabulary has doubled since the last pass, so its cost (a walk over the ids and the active stories'
   * terms) is spread over as many new terms as it walks.
   */
  private forgetIdleTerms(): void {
    const held = new Uint8Array(this.vocabulary.idLimit);
    const hold = (vector: TermVector) => {
      for (const id of vector.ids) held[id] = 1;
    };
    for (const story of this.active.values()) {
      hold(story.state.centroid);
      hold(story.headlineVector);
      for (const vector of story.recent) hold(vector);
    }
    const idleBefore = this.arrivals - this.settings.forgetAfterArrivals;
    for (let id = 0; id < held.length; id++) {
      if (held[id] === 1 || !this.vocabulary.holds(id) || this.vocabulary.lastUsedAt(id) >= idleBefore) continue;
      this.vocabulary.forget(id);
      this.documentFrequency.forget(id);
      this.forgotten++;
    }
    this.nextForgetAt = Math.max(this.settings.vocabularyFloor, 2 * this.vocabulary.size);
  }

  private retire(storyId: string): void {
    const story = this.active.get(storyId);
    if (story === undefined) return;
    this.drop(storyId, story);
    this.retired++;
  }
}

/**
 * The fewest query terms a candidate must share to be scored: as many as the `scored`-th most sharing candidate
 * shares (so ties with it are scored too, whatever the order), and never fewer than `minShared`.
 */
export function sharedTermsFloor<Candidate>(candidates: ArrayLike<Candidate>, sharedOf: (candidate: Candidate) => number, minShared: number, scored: number): number {
  if (candidates.length <= scored) return minShared;
  // Shared counts are small (at most a query term each, in each index searched): a histogram, not a sort.
  const histogram: number[] = [];
  for (let at = 0; at < candidates.length; at++) {
    const shared = sharedOf(candidates[at]!);
    histogram[shared] = (histogram[shared] ?? 0) + 1;
  }
  let kept = 0;
  for (let shared = histogram.length - 1; shared > minShared; shared--) {
    kept += histogram[shared] ?? 0;
    if (kept >= scored) return shared;
  }
  return minShared;
}

/** How one kind of term id -> stories index files a story under a term and takes it out: what reindexPostings edits. */
export interface PostingEdits<Postings, Story> {
  leave(postings: Postings, story: Story, term: number): void;
  join(postings: Postings, story: Story, term: number): void;
}

/**
 * Moves a story's entries in a term id -> stories index from the terms `gone` to the terms `come` (both
 * ascending): one walk of the two, leaving the terms only in `gone` and joining those only in `come`. The edits
 * are a module-level object of the index's kind, not closures made a call (README, Development).
 */
export function reindexPostings<Postings, Story>(edits: PostingEdits<Postings, Story>, postings: Postings, story: Story, gone: Int32Array, come: Int32Array): void {
  let i = 0;
  let j = 0;
  while (i < gone.length || j < come.length) {
    const left = i < gone.length ? gone[i]! : Number.POSITIVE_INFINITY;
    const right = j < come.length ? come[j]! : Number.POSITIVE_INFINITY;
    if (left === right) {
      i++;
      j++;
    } else if (left < right) {
      edits.leave(postings, story, left);
      i++;
    } else {
      edits.join(postings, story, right);
      j++;
    }
  }
}

/** The edits of an index whose postings are sets (StoryStream's, by slot). */
const SET_POSTINGS: PostingEdits<Map<number, Set<number>>, number> = { leave: removeFromPosting, join: addToPosting };

function addToPosting<Story>(postings: Map<number, Set<Story>>, story: Story, term: number): void {
  let posting = postings.get(term);
  if (posting === undefined) {
    posting = new Set();
    postings.set(term, posting);
  }
  posting.add(story);
}

function removeFromPosting<Story>(postings: Map<number, Set<Story>>, story: Story, term: number): void {
  const posting = postings.get(term);
  posting?.delete(story);
  if (posting?.size === 0) postings.delete(term);
}
