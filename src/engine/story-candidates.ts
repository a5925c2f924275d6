// The engine's story candidates, found the way StoryStream finds them: an in-memory inverted index from centroid
// terms to live stories, queried with the arriving article's top terms, so an arrival scores the stories that
// share its names and topic words rather than every story in the time window. The index is filled from the
// store on first use (a restarted process finds earlier stories) and kept in step as stories are saved and merged.
// Once the index holds more than its capacity, dated stories that fall behind the newest date seen by more than
// window + lateness leave it, so its memory follows the stream's rate, not the archive; a late article whose
// window reaches back into that range gets those stories from the store's time-range query instead.
import type { Store, StoredCentroid, StoryIndexEntry, StoryState } from '../store/store.ts';
import { recordedScore, storyScore, timeGap, type ArrivingArticle, type AssignSettings, type ScoredCandidate } from '../stories/assign.ts';
import { DEFAULT_IDLE_ARRIVALS, DEFAULT_LATENESS_MS, INDEX_TERMS, MAX_POSTING, MIN_SHARED_TERMS, QUERY_TERMS, reindexPostings, SCORED_CANDIDATES, sharedTermsFloor, type PostingEdits } from '../stories/stream.ts';
import { STORED_INDEX_TERMS } from '../store/rows.ts';
import { heaviestTermIds, IdWeightTable, sharedVocabulary, TermVector, topTermIds, type Vocabulary } from '../stories/vectors.ts';

export interface StoryCandidateSettings {
  /** Stories further than this in time from a dated article are not candidates for it. */
  windowMs: number;
  /** The article's highest-weighted terms looked up in the index (StoryStream's QUERY_TERMS). */
  queryTerms: number;
  /** Posting lists longer than this are skipped (StoryStream's MAX_POSTING). */
  maxPosting: number;
  /** Heaviest centroid terms a story is indexed under (StoryStream's INDEX_TERMS). */
  indexTerms: number;
  /** An undated article sees dated stories only this far behind the newest dated story (StoryStream's lateness). */
  latenessMs: number;
  /** An undated story idle for this many arrivals is no longer a candidate (StoryStream's idle retirement). */
  idleArrivals: number;
  /** Stories held before old dated ones are retired from the index (they stay in the store). */
  capacity: number;
  /** Stories scored per arrival: those sharing the most query terms, ties kept (StoryStream's SCORED_CANDIDATES). */
  scoredCandidates: number;
}

/**
 * Stories held before dated ones out of every in-order arrival's reach (behind the newest by more than window +
 * lateness) leave the index; stories in reach never do. An indexed story costs about 3.5 KB (centroid, postings;
 * measured on the stream benchmark), so 20,000 held 70 MB on a long ingest; a live feed of 10,000 articles a
 * day keeps 1,500 to 5,000 stories in reach (bench:stories-scale), and what is retired is still found by a
 * late article through the store's time-range query.
 */
export const STORY_INDEX_CAPACITY = 5_000;

export const DEFAULT_STORY_CANDIDATE_SETTINGS: Omit<StoryCandidateSettings, 'windowMs'> = {
  queryTerms: QUERY_TERMS,
  maxPosting: MAX_POSTING,
  indexTerms: INDEX_TERMS,
  latenessMs: DEFAULT_LATENESS_MS,
  idleArrivals: DEFAULT_IDLE_ARRIVALS,
  capacity: STORY_INDEX_CAPACITY,
  scoredCandidates: SCORED_CANDIDATES,
};

interface IndexedStory {
  /** Times and creation order: what reach and candidate order read. */
  head: StoryHead;
  /**
   * The full state, centroid included; undefined for a story loaded from the store's index entries until it is
   * first a candidate (then read from the store, which holds it as this index would: changes by this process
   * replace the entry, other writers' come in through catchUp).
   */
  state: StoryState | undefined;
  /**
   * Its centroid in the store's term ids, read (and kept) instead of the state while it only needs to be told
   * apart from the article's best story (see candidatesFor); replaced with the story when it changes.
   */
  stored?: StoredCentroid | undefined;
  /** Ids (ascending) of the centroid terms it is in the postings under. */
  indexed: Int32Array;
  /** `indexed` holds the store's term ids (loaded from an index entry, no term read), filed in loadedPostings. */
  byStoreTerms: boolean;
  /** Query terms it shares with the arrival being counted (candidatesFor; zero between arrivals). */
  shared: number;
  /** Its place in loadedPostings (a story loaded from an index entry, once the load has filed them all). */
  slot?: number;
  /** Arrival number when the story last grew (undated stories retire from candidacy when idle). */
  lastArrival: number;
  /** Day of its last time, the bucket it is filed under for retirement (dated stories). */
  day?: number;
}

type StoryHead = Pick<StoryState, 'id' | 'firstTime' | 'lastTime' | 'timed' | 'createdAt'>;

const DAY_MS = 24 * 3600 * 1000;

/**
 * The stories filed under a term: one story alone, or a set of them once there are two. Most terms of a
 * loaded index are held by one story (at 100,000 articles, most of some 100,000 terms), and a set each cost
 * more than filing the entries. A set stays one as it shrinks, so stories keep the order a set alone would give.
 * The indexed stories themselves, not their ids: a story met is counted without a lookup by id (one a story met,
 * in a map of every story held), so a story stays one object while it is filed here (see file).
 */
type Posting = IndexedStory | Set<IndexedStory>;

/** Takes `story` out of the posting of `term`. */
function leavePosting(postings: Map<number, Posting>, story: IndexedStory, term: number): void {
  const posting = postings.get(term);
  if (posting === story) postings.delete(term);
  else if (posting instanceof Set) {
    posting.delete(story);
    if (posting.size === 0) postings.delete(term);
  }
}

/** Files `story` in the posting of `term`. */
function joinPosting(postings: Map<number, Posting>, story: IndexedStory, term: number): void {
  const posting = postings.get(term);
  if (posting === undefined) postings.set(term, story);
  else if (!(posting instanceof Set)) {
    if (posting !== story) postings.set(term, new Set([posting, story]));
  } else posting.add(story);
}

/** The edits of the candidate index's postings (one story alone, or a set), for reindexPostings. */
const CANDIDATE_POSTINGS: PostingEdits<Map<number, Posting>, IndexedStory> = { leave: leavePosting, join: joinPosting };

const NO_TERMS = new Int32Array(0);

// candidatesFor's and contenders' callbacks as module functions (no closure per call: README, Development).
const hasNoState = (story: IndexedStory): boolean => story.state === undefined;
const hasNoCentroid = (story: IndexedStory): boolean => story.state === undefined && story.stored === undefined;
const hasStoredCentroidOnly = (story: IndexedStory): boolean => story.state === undefined && story.stored !== undefined;
const headId = (story: IndexedStory): string => story.head.id;

/** Scratch for inCreationOrder: the candidates' creation times and ids, each read once. */
let creationTimes = new Float64Array(256);
const creationIds: string[] = [];
/** Positions in creation order, then by id (a module function: no closure per call, README, Development). */
const byCreationAt = (x: number, y: number): number => {
  const xTime = creationTimes[x]!;
  const yTime = creationTimes[y]!;
  return xTime < yTime ? -1 : xTime > yTime ? 1 : creationIds[x]! < creationIds[y]! ? -1 : 1;
};

/**
 * `states` (distinct stories) in creation order, ties by id: what a sort comparing the states gives. Their times
 * are read once each: states come in several shapes, and a time read from one in a comparator was a new boxed
 * number a comparison (23 MB per 3,000 arrivals), besides the slower reads.
 */
export function inCreationOrder(states: readonly StoryState[]): StoryState[] {
  const count = states.length;
  if (creationTimes.length < count) creationTimes = new Float64Array(Math.max(count, creationTimes.length * 2));
  const order = new Array<number>(count);
  for (let at = 0; at < count; at++) {
    creationTimes[at] = states[at]!.createdAt;
    creationIds[at] = states[at]!.id;
    order[at] = at;
  }
  order.sort(byCreationAt);
  creationIds.length = 0;
  const sorted = new Array<StoryState>(count);
  for (let at = 0; at < count; at++) sorted[at] = states[order[at]!]!;
  return sorted;
}
const itself = (count: number): number => count;

/** Counts one more query term shared with `story`, filing it in `met` when first met. */
function countMet(story: IndexedStory, met: (IndexedStory | number)[]): void {
  if (story.shared === 0) met.push(story);
  story.shared++;
}

/**
 * How far a cosine from stored centroids may be from cosine() of the same vectors: the terms are summed in
 * another order and the norm recomputed, which moves the last few bits (about 150 terms times 2^-53); this is
 * ten million times that.
 */
export const STORED_COSINE_SLACK = 1e-7;

/**
 * An article's vector by store term id in an IdWeightTable (terms no story holds left out), so a stored centroid
 * is scored by looking its terms up in any order, with no sort of each centroid read. One kept per index, cleared
 * after each arrival. Products are summed in the centroid's stored order.
 */
export class SpreadVector {
  private readonly table = new IdWeightTable();
  private terms: Int32Array = NO_TERMS;
  norm = 0;

  /** Spreads an article's vector given `ids` (store.storyTermIdsOf of it, position by position; 0 for none). */
  spread(vector: TermVector, ids: Int32Array): void {
    this.table.reserve(ids.length);
    for (let at = 0; at < ids.length; at++) if (ids[at] !== 0) this.table.set(ids[at]!, vector.weights[at]!);
    this.terms = ids;
    this.norm = vector.norm;
  }

  clear(): void {
    this.table.clear(this.terms);
    this.terms = NO_TERMS;
  }

  /** cosine() of the spread article and a story centroid, from their store term ids (within STORED_COSINE_SLACK). */
  cosine(centroid: StoredCentroid): number {
    if (this.norm === 0 || centroid.norm === 0) return 0;
    return this.table.dot(centroid.terms, centroid.weights) / (this.norm * centroid.norm);
  }
}

/** The store term ids of `terms` (ids of `vectorIds`, ascending), given `vectorStoreIds` position by position. */
function storeIdsOf(terms: readonly number[], vectorIds: Int32Array, vectorStoreIds: Int32Array): Int32Array {
  return Int32Array.from(terms, (term) => {
    let low = 0;
    let high = vectorIds.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (vectorIds[middle]! < term) low = middle + 1;
      else high = middle;
    }
    return vectorIds[low] === term ? vectorStoreIds[low]! : 0;
  });
}

function postingSize(posting: Posting | undefined): number {
  return posting === undefined ? 0 : posting instanceof Set ? posting.size : 1;
}

/**
 * Bits of a store term id sorted by one counting pass when loaded postings are filed: 2,048 counters stay in the
 * L1 cache, where 65,536 spread each pass's scattered increments over 256 KB; ids up to 2^22 (four million
 * story terms) take two passes, as 16 bits did.
 */
const RADIX_BITS = 11;

/** Writes the (term, slot) pairs of `stories` in slot order into `terms` and `slots`; returns the largest term. */
function pairsInSlotOrder(stories: readonly { indexed: Int32Array }[], terms: Int32Array, slots: Int32Array): number {
  let at = 0;
  let largest = 0;
  for (let slot = 0; slot < stories.length; slot++) {
    const indexed = stories[slot]!.indexed;
    for (let k = 0; k < indexed.length; k++) {
      const term = indexed[k]!;
      if (term > largest) largest = term;
      terms[at] = term;
      slots[at++] = slot;
    }
  }
  return largest;
}

/** One stable counting pass of the pairs by the RADIX_BITS of their term from `shift`, into `toTerms` and `toSlots`. */
function radixPass(terms: Int32Array, slots: Int32Array, toTerms: Int32Array, toSlots: Int32Array, shift: number): void {
  const buckets = 1 << RADIX_BITS;
  const mask = buckets - 1;
  const starts = new Int32Array(buckets + 1);
  const pairs = terms.length;
  for (let k = 0; k < pairs; k++) starts[((terms[k]! >>> shift) & mask) + 1]!++;
  for (let b = 1; b <= buckets; b++) starts[b]! += starts[b - 1]!;
  for (let k = 0; k < pairs; k++) {
    const to = starts[(terms[k]! >>> shift) & mask]!++;
    toTerms[to] = terms[k]!;
    toSlots[to] = slots[k]!;
  }
}

/**
 * The postings of the stories loaded from the store's index entries, by store term id, filed all at once when
 * the load ends: sorted arrays rather than a map entry per (term, story) pair, of which opening a store filed
 * some 500,000 one by one (the larger part of loading the index). Stories leave (changed, merged, retired) by a
 * mark and never come back; within a term they stay in load order, as the sets of the map form kept them.
 */
export class LoadedPostings<Story extends { indexed: Int32Array } = { indexed: Int32Array }> {
  /** Distinct store term ids, ascending; a term's stories are slots[starts[at]..starts[at + 1]). */
  private readonly terms: Int32Array;
  private readonly starts: Int32Array;
  private readonly slots: Int32Array;
  /** Stories still filed under each term. */
  private readonly live: Int32Array;
  private readonly gone: Uint8Array;
  /** The stories by slot: a slot still filed holds the story as loaded (one that changes leaves its slot, and is let go). */
  private readonly held: (Story | undefined)[];
  /** Query terms each story shares with the arrival being counted (zero between arrivals). */
  private readonly counts: Int32Array;
  /** Stories still filed. */
  stories: number;

  constructor(stories: readonly Story[] = []) {
    const count = stories.length;
    let pairs = 0;
    for (let slot = 0; slot < count; slot++) pairs += stories[slot]!.indexed.length;
    // The (term, slot) pairs in slot order, then sorted by term (store ids are positive) by stable counting
    // passes over RADIX_BITS of the id each: slots stay ascending within a term, and no comparison sort of half
    // a million pairs. Indexed loops in small functions: this runs once a process, before the JIT has warmed to
    // it, and the first form (for-of, 16-bit passes inline) cost 4-5 times as much cold as warm.
    let terms = new Int32Array(pairs);
    let slots = new Int32Array(pairs);
    const largest = pairsInSlotOrder(stories, terms, slots);
    let spareTerms = new Int32Array(pairs);
    let spareSlots = new Int32Array(pairs);
    for (let shift = 0; shift < 32 && largest >>> shift > 0; shift += RADIX_BITS) {
      radixPass(terms, slots, spareTerms, spareSlots, shift);
      [terms, spareTerms] = [spareTerms, terms];
      [slots, spareSlots] = [spareSlots, slots];
    }
    // Distinct terms, and each term's slots once (a term twice in one story counts once).
    const distinct = new Int32Array(pairs);
    const starts = new Int32Array(pairs + 1);
    let termCount = 0;
    let filed = 0;
    for (let k = 0; k < pairs; k++) {
      const term = terms[k]!;
      if (termCount > 0 && distinct[termCount - 1] === term) {
        if (slots[k] === slots[filed - 1]) continue;
      } else {
        distinct[termCount] = term;
        starts[termCount++] = filed;
      }
      slots[filed++] = slots[k]!;
    }
    starts[termCount] = filed;
    this.terms = distinct.slice(0, termCount);
    this.starts = starts.slice(0, termCount + 1);
    this.slots = slots.slice(0, filed);
    this.live = new Int32Array(termCount);
    for (let t = 0; t < termCount; t++) this.live[t] = this.starts[t + 1]! - this.starts[t]!;
    this.gone = new Uint8Array(count);
    this.counts = new Int32Array(count);
    this.held = [...stories];
    this.stories = count;
  }

  private find(term: number): number {
    let low = 0;
    let high = this.terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.terms[middle]! < term) low = middle + 1;
      else high = middle;
    }
    return this.terms[low] === term ? low : -1;
  }

  /** Stories filed under `term`. */
  size(term: number): number {
    const at = this.find(term);
    return at < 0 ? 0 : this.live[at]!;
  }

  /** Counts one more shared term for each story filed under `term` (load order); slots met the first time go to `met`. */
  count<Key>(term: number, met: (Key | number)[]): void {
    const at = this.find(term);
    if (at < 0 || this.live[at] === 0) return;
    for (let k = this.starts[at]!; k < this.starts[at + 1]!; k++) {
      const slot = this.slots[k]!;
      if (this.gone[slot] !== 0) continue;
      if (this.counts[slot] === 0) met.push(slot);
      this.counts[slot]!++;
    }
  }

  /** The terms counted for `slot` since the last clear. */
  shared(slot: number): number {
    return this.counts[slot]!;
  }

  /** The story in `slot` (one still filed: counted by `count`, not removed since). */
  story(slot: number): Story {
    return this.held[slot]!;
  }

  /** Zeroes the counts of the slots among `met`. */
  clear(met: readonly unknown[]): void {
    for (let at = 0; at < met.length; at++) {
      const key = met[at];
      if (typeof key === 'number') this.counts[key] = 0;
    }
  }

  /** The story in `slot`, filed under `indexed`, leaves. */
  remove(slot: number, indexed: Int32Array): void {
    if (this.gone[slot] !== 0) return;
    this.gone[slot] = 1;
    this.held[slot] = undefined;
    this.stories--;
    let previous = -1;
    for (const term of indexed) {
      if (term === previous) continue;
      previous = term;
      const at = this.find(term);
      if (at >= 0) this.live[at]!--;
    }
  }
}

export class StoryCandidateIndex {
  readonly settings: StoryCandidateSettings;
  private loaded = false;
  /** The vocabulary the indexed centroids were read into: when the shared one is renewed, the index reloads. */
  private vocabulary: Vocabulary | undefined;
  private readonly stories = new Map<string, IndexedStory>();
  /** Interned centroid term id -> stories holding it. */
  private readonly postings = new Map<number, Posting>();
  /**
   * Store term id -> stories loaded from index entries and not changed since: opening a store files them by
   * the ids it keeps, so no term of theirs is read or interned; an arrival's query terms are looked up in both.
   */
  private loadedPostings = new LoadedPostings<IndexedStory>();
  private readonly spreadVector = new SpreadVector();
  private arrivals = 0;
  /** Latest lastTime of any dated story: the "now" undated articles are bounded by. */
  private newestTime = Number.NEGATIVE_INFINITY;
  /** Dated stories by the day of their last time, for retirement. */
  private readonly byDay = new Map<number, Set<string>>();
  private oldestDay = Number.POSITIVE_INFINITY;
  /**
   * Undated stories, least recently grown first (a Map keeps insertion order; a save moves a story to the end).
   * One idle for more than idleArrivals is no candidate for anyone again until it grows, so it leaves the index:
   * half a stream is undated, and these would otherwise pile up with the archive.
   */
  private readonly undatedByArrival = new Map<string, number>();
  /** Dated stories whose last time is before this have left the index (they are only in the store). */
  private retiredBefore = Number.NEGATIVE_INFINITY;
  /** Candidate stories handed out for scoring since this index was made (a seam for tests and benchmarks). */
  scored = 0;
  /** Indexed stories that shared enough query terms to be considered, handed out or told apart from the best. */
  considered = 0;
  /** Arrivals whose best story was told by its stored centroid alone (handed out as a ScoredCandidate, its state not read). */
  settled = 0;
  /** Stories retired from the index so far. */
  retired = 0;

  /** Stories the index holds now. */
  get held(): number {
    return this.stories.size;
  }

  constructor(settings: StoryCandidateSettings) {
    this.settings = settings;
  }

  /** The store's change sequence the index reflects: later changes are other writers', read by catchUp. */
  private syncedTo = 0;

  /**
   * Inside a write transaction whose changes carry `sequence`: takes in the stories other writers saved or
   * merged since this index last looked, so it sees every commit before it is queried.
   */
  async catchUp(store: Store, sequence: number): Promise<void> {
    if (this.loaded && this.syncedTo < sequence - 1) {
      const changes = await store.storiesChangedSince(this.syncedTo);
      for (const id of changes.merged) this.merged(id);
      for (const state of changes.saved) this.saved(state);
    }
    this.syncedTo = sequence;
  }

  /** Forgets everything; the next query reloads from the store (after a rolled-back transaction). */
  reset(): void {
    this.loaded = false;
    this.stories.clear();
    this.postings.clear();
    this.loadedPostings = new LoadedPostings<IndexedStory>();
    this.byDay.clear();
    this.undatedByArrival.clear();
    this.oldestDay = Number.POSITIVE_INFINITY;
    this.retiredBefore = Number.NEGATIVE_INFINITY;
    this.newestTime = Number.NEGATIVE_INFINITY;
  }

  /**
   * The shared vocabulary was renewed: the stories held are re-read into the new one from their own centroids,
   * creation order first (as a load from the store would), keeping their idle clocks, days and retirements.
   * Reloading from the store instead read up to idleArrivals undated stories at once, idle ones included,
   * which then counted as fresh: the index after a renewal is the one before it, not a larger one.
   */
  private rehome(vocabulary: Vocabulary): void {
    const previous = this.vocabulary;
    this.vocabulary = vocabulary;
    this.postings.clear();
    const held = [...this.stories.values()].sort((x, y) => x.head.createdAt - y.head.createdAt || (x.head.id < y.head.id ? -1 : 1));
    for (const story of held) {
      if (story.state !== undefined) story.state = { ...story.state, centroid: TermVector.fromRecord(story.state.centroid.toJSON(), vocabulary) };
      // Store term ids mean the same terms in every vocabulary: such a story stays filed as it is.
      if (story.byStoreTerms) continue;
      if (story.state !== undefined) {
        story.indexed = heaviestTermIds(story.state.centroid, this.settings.indexTerms);
      } else if (previous !== undefined) {
        // Loaded from an index entry and never a candidate: its index terms carry over by name.
        story.indexed = Int32Array.from(story.indexed, (id) => vocabulary.intern(previous.name(id))).sort();
      }
      reindexPostings(CANDIDATE_POSTINGS, this.postings, story, NO_TERMS, story.indexed);
    }
  }

  /**
   * Live stories that share one of the article's top terms and are within its time window; with `assign`, only
   * those of them that can be the best for decideStory with those settings (the others' centroids are not read),
   * and the best as a ScoredCandidate where its stored centroid settles decideStory's choice (its state not read).
   */
  async candidatesFor(store: Store, article: ArrivingArticle): Promise<StoryState[]>;
  async candidatesFor(store: Store, article: ArrivingArticle, assign: AssignSettings | undefined): Promise<(StoryState | ScoredCandidate)[]>;
  async candidatesFor(store: Store, article: ArrivingArticle, assign?: AssignSettings): Promise<(StoryState | ScoredCandidate)[]> {
    if (this.loaded && article.vector.vocabulary !== this.vocabulary) this.rehome(article.vector.vocabulary);
    await this.load(store);
    this.arrivals++;
    this.retireIdle();
    const terms = topTermIds(article.vector, this.settings.queryTerms);
    let vectorStoreIds: Int32Array | undefined;
    const storeIdsOfVector = async () => (vectorStoreIds ??= await store.storyTermIdsOf(article.vector));
    const loaded = this.loadedPostings;
    const storeIds = loaded.stories === 0 ? undefined : storeIdsOf(terms, article.vector.ids, await storeIdsOfVector());
    // Stories met, in the order first met (the stories, counted on themselves; slots of loadedPostings, whose
    // counts it keeps in an array): no map of counts by id an arrival.
    const met: (IndexedStory | number)[] = [];
    // Indexed loops here and in contenders: an entries() iterator makes a pair and a result a step until the
    // loop is optimized, and most of a 200-article batch on a freshly opened store runs before it is.
    for (let at = 0; at < terms.length; at++) {
      const term = terms[at]!;
      const posting = this.postings.get(term);
      const storeId = storeIds?.[at] ?? 0;
      const stored = storeId === 0 ? 0 : loaded.size(storeId);
      // One list of the stories holding the term, filed in two places.
      if (postingSize(posting) + stored > this.settings.maxPosting) continue;
      if (posting instanceof Set) for (const story of posting) countMet(story, met);
      else if (posting !== undefined) countMet(posting, met);
      if (stored > 0) loaded.count(storeId, met);
    }
    // Loops, not callbacks capturing this arrival's counts (no closure per call: README, Development).
    const inReach: IndexedStory[] = [];
    const inReachShared: number[] = [];
    for (let at = 0; at < met.length; at++) {
      const key = met[at]!;
      // A slot met is still filed, so it holds the story the index holds under its id (no lookup by id string).
      const story = typeof key === 'number' ? loaded.story(key) : key;
      const count = typeof key === 'number' ? loaded.shared(key) : key.shared;
      if (typeof key !== 'number') key.shared = 0;
      if (!this.inReach(article, story)) continue;
      inReach.push(story);
      inReachShared.push(count);
    }
    const floor = sharedTermsFloor(inReachShared, itself, MIN_SHARED_TERMS, this.settings.scoredCandidates);
    const chosen: IndexedStory[] = [];
    for (let at = 0; at < inReach.length; at++) if (inReachShared[at]! >= floor) chosen.push(inReach[at]!);
    loaded.clear(met);
    this.considered += chosen.length;
    // A late article also gets stories from the store, scored exactly: then no story is settled by its bounds.
    const late = article.timed && article.time - this.settings.windowMs < this.retiredBefore;
    const told = assign === undefined ? { contenders: chosen } : await this.contenders(store, article, chosen, assign, storeIdsOfVector, !late);
    const unread = told.contenders.filter(hasNoState).map(headId);
    if (unread.length > 0) {
      for (const state of await store.getStoryStates(unread)) {
        const story = this.stories.get(state.id);
        if (story !== undefined && story.state === undefined) story.state = state;
      }
    }
    // A story the store no longer holds live (nothing in the engine does this) cannot be scored; one told apart
    // from the best by its stored centroid is not handed out.
    // A loop: flatMap took 200 ns an element.
    const candidates: StoryState[] = [];
    for (let at = 0; at < chosen.length; at++) {
      const state = chosen[at]!.state;
      if (state !== undefined) candidates.push(state);
    }
    if (late) {
      // A late article: its window reaches stories retired from the index. The store has them; those sharing
      // a query term are candidates, as if they were still indexed. Only dated stories can be: they are asked
      // for alone (activeStories would also read and parse every undated story, per late arrival).
      const queried = new Set(terms);
      for (const state of await store.recentStories(article.time - this.settings.windowMs, 0)) {
        if (state.firstTime > article.time + this.settings.windowMs) continue;
        if (!state.timed || state.lastTime >= this.retiredBefore || this.stories.has(state.id)) continue;
        if (heaviestTermIds(state.centroid, this.settings.indexTerms).some((term) => queried.has(term))) candidates.push(state);
      }
    }
    // Creation order, as the store returns them: ties in decideStory then break the same way.
    const ordered = inCreationOrder(candidates);
    this.scored += candidates.length;
    if (told.settled === undefined) return ordered;
    // Scores above every other candidate's: where it comes in the order cannot matter.
    this.scored++;
    this.settled++;
    return [...ordered, told.settled];
  }

  /**
   * The chosen stories that may be the article's best by decideStory's score (all with a state, and those whose
   * score from their stored centroid comes within STORED_COSINE_SLACK of it), so only their centroids are read
   * into the vocabulary: the others score below some other story's least possible score, and decideStory's
   * choice and the score it records come out the same without them. Most stories met on opening a large store
   * share a word or two with an arrival and are far from its best.
   */
  private async contenders(store: Store, article: ArrivingArticle, chosen: IndexedStory[], assign: AssignSettings, storeIdsOfVector: () => Promise<Int32Array>, settle: boolean): Promise<{ contenders: IndexedStory[]; settled?: ScoredCandidate }> {
    const unread = chosen.filter(hasNoCentroid).map(headId);
    if (unread.length > 0) {
      const read = await store.storedCentroids(unread);
      for (const [id, centroid] of read) {
        const story = this.stories.get(id);
        if (story !== undefined && story.state === undefined) story.stored = centroid;
      }
    }
    if (!chosen.some(hasStoredCentroidOnly)) return { contenders: chosen };
    const vector = this.spreadVector;
    vector.spread(article.vector, await storeIdsOfVector());
    const low = new Float64Array(chosen.length);
    const high = new Float64Array(chosen.length);
    let floor = Number.NEGATIVE_INFINITY;
    for (let at = 0; at < chosen.length; at++) {
      const story = chosen[at]!;
      if (story.state !== undefined) {
        low[at] = high[at] = storyScore(article, story.state, assign);
      } else if (story.stored !== undefined) {
        const cosine = vector.cosine(story.stored);
        const gap = timeGap(article, story.head);
        const decay = gap === 0 ? 1 : Math.exp(-gap / assign.decayMs);
        const least = cosine - STORED_COSINE_SLACK;
        const most = cosine + STORED_COSINE_SLACK;
        // storyScore: the cosine as it is from strongMinCosine up, else decayed.
        low[at] = least >= assign.strongMinCosine ? least : Math.min(least, least * decay);
        high[at] = most < assign.strongMinCosine ? most * decay : Math.max(most, most * decay);
      } else {
        // Stored in an older form: read and scored as before.
        low[at] = Number.NEGATIVE_INFINITY;
        high[at] = Number.POSITIVE_INFINITY;
      }
      if (low[at]! > floor) floor = low[at]!;
    }
    vector.clear();
    const contenders = chosen.filter((_, at) => high[at]! >= floor);
    // One contender known only by its stored centroid: it is the best (its least score is the floor, above every
    // other's most). decideStory needs no more of it than its score, when both ends of its bounds fall on the
    // same side of the join and record the same rounded score; a story it joins is read by the engine anyway.
    if (settle && contenders.length === 1 && contenders[0]!.state === undefined && contenders[0]!.stored !== undefined) {
      const at = chosen.indexOf(contenders[0]!);
      const least = low[at]!;
      const most = high[at]!;
      if ((most < assign.joinMinScore || least >= assign.joinMinScore) && recordedScore(least) === recordedScore(most)) {
        // Its terms come into the vocabulary as reading it would bring them, in the same order.
        await store.internStoryTerms(contenders[0]!.stored.terms);
        return { contenders: [], settled: { id: contenders[0]!.head.id, score: (least + most) / 2 } };
      }
    }
    return { contenders };
  }

  /** Records a story's new state (created or grown): its index terms follow its centroid. */
  saved(state: StoryState): void {
    if (!this.loaded) return;
    this.file(state, state, heaviestTermIds(state.centroid, this.settings.indexTerms));
  }

  /** Files a story from the store's index entry: its stored index terms, its centroid read when it is first a candidate. */
  private loadedEntry(entry: StoryIndexEntry, vocabulary: Vocabulary): void {
    const from = entry.vocabulary;
    const indexed = from === undefined || from === vocabulary ? entry.indexTerms : Int32Array.from(entry.indexTerms, (id) => vocabulary.intern(from.name(id))).sort();
    // An untimed story keeps the idle clock it would have had in a process that stored every article.
    this.file(entry, undefined, indexed, this.arrivals - (entry.idleArticles ?? 0), from === undefined, entry.centroid);
  }

  /** Takes a story out of the postings it is filed in (one loaded from an index entry is filed when the load ends). */
  private unfile(story: IndexedStory): void {
    if (!story.byStoreTerms) reindexPostings(CANDIDATE_POSTINGS, this.postings, story, story.indexed, NO_TERMS);
    else if (story.slot !== undefined) this.loadedPostings.remove(story.slot, story.indexed);
  }

  /**
   * `byStoreTerms`: a story loaded from an index entry, filed in loadedPostings when the load ends; `stored`: its
   * stored centroid where the store read it with the entry (see contenders).
   */
  private file(from: StoryHead, state: StoryState | undefined, indexed: Int32Array, lastArrival = this.arrivals, byStoreTerms = false, stored?: StoredCentroid): void {
    const head: StoryHead = { id: from.id, firstTime: from.firstTime, lastTime: from.lastTime, timed: from.timed, createdAt: from.createdAt };
    const previous = this.stories.get(head.id);
    const previousDay = previous?.day;
    let story: IndexedStory;
    if (previous !== undefined && !previous.byStoreTerms && !byStoreTerms) {
      // Filed by its terms before and again: the same object, which the postings it stays in hold, made anew.
      story = previous;
      const gone = story.indexed;
      story.head = head;
      story.state = state;
      story.stored = stored;
      story.indexed = indexed;
      story.lastArrival = lastArrival;
      story.day = undefined;
      reindexPostings(CANDIDATE_POSTINGS, this.postings, story, gone, indexed);
    } else {
      story = { head, state, stored, indexed, lastArrival, byStoreTerms, shared: 0 };
      this.stories.set(head.id, story);
      if (previous !== undefined) this.unfile(previous);
      if (!byStoreTerms) reindexPostings(CANDIDATE_POSTINGS, this.postings, story, NO_TERMS, indexed);
    }
    if (previousDay !== undefined) this.byDay.get(previousDay)?.delete(head.id);
    this.undatedByArrival.delete(head.id);
    if (!head.timed) this.undatedByArrival.set(head.id, story.lastArrival);
    if (head.timed) {
      story.day = Math.floor(head.lastTime / DAY_MS);
      let bucket = this.byDay.get(story.day);
      if (bucket === undefined) {
        bucket = new Set();
        this.byDay.set(story.day, bucket);
      }
      bucket.add(head.id);
      if (story.day < this.oldestDay) this.oldestDay = story.day;
      if (head.lastTime > this.newestTime) this.newestTime = head.lastTime;
      this.retireOld();
    }
  }

  /** Over capacity: dated stories older than window + lateness behind the newest time leave the index, oldest day first. */
  private retireOld(): void {
    if (!Number.isFinite(this.settings.windowMs)) return;
    const cutoffDay = Math.floor((this.newestTime - this.settings.windowMs - this.settings.latenessMs) / DAY_MS);
    while (this.oldestDay < cutoffDay && this.stories.size > this.settings.capacity) {
      for (const id of this.byDay.get(this.oldestDay) ?? []) {
        const story = this.stories.get(id);
        if (story === undefined) continue;
        this.unfile(story);
        this.stories.delete(id);
        this.retired++;
      }
      this.byDay.delete(this.oldestDay);
      this.oldestDay++;
      this.retiredBefore = Math.max(this.retiredBefore, this.oldestDay * DAY_MS);
      if (this.byDay.size === 0) this.oldestDay = cutoffDay;
    }
  }

  /** Undated stories idle beyond the limit leave the index (inReach would never pass them); growing brings one back. */
  private retireIdle(): void {
    for (const [id, lastArrival] of this.undatedByArrival) {
      if (this.arrivals - lastArrival <= this.settings.idleArrivals) return;
      this.undatedByArrival.delete(id);
      const story = this.stories.get(id);
      if (story === undefined) continue;
      this.unfile(story);
      this.stories.delete(id);
      this.retired++;
    }
  }

  /** A story merged into another leaves the index. */
  merged(fromId: string): void {
    const story = this.stories.get(fromId);
    if (story === undefined) return;
    this.unfile(story);
    if (story.day !== undefined) this.byDay.get(story.day)?.delete(fromId);
    this.undatedByArrival.delete(fromId);
    this.stories.delete(fromId);
  }

  private inReach(article: ArrivingArticle, story: IndexedStory): boolean {
    // An undated story has no time to measure: it stays a candidate until idle too long, as in StoryStream.
    if (!story.head.timed) return this.arrivals - story.lastArrival <= this.settings.idleArrivals;
    // A dated article: dated stories within the window of its time, as the store's activeStories gave.
    if (article.timed) return timeGap(article, story.head) <= this.settings.windowMs;
    // An undated article: dated stories near the newest date seen, as StoryStream keeps them active.
    return story.head.lastTime >= this.newestTime - this.settings.windowMs - this.settings.latenessMs;
  }

  private async load(store: Store): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    this.vocabulary = sharedVocabulary();
    // On first use (and after a rolled-back transaction), oldest first. Without a time window (topics): every
    // live story. With one: only what an arrival can reach, whatever the archive's size: dated stories within
    // window + lateness of the newest, and the untimed stories that grew by one of the last idleArrivals
    // articles stored, each as idle as it would be in a process that had stored them all (read from index
    // entries; the stored stories path counts them as fresh); a late article finds the older dated stories
    // through the store, as if they had been retired.
    if (!Number.isFinite(this.settings.windowMs)) {
      for (const state of await store.activeStories(0, Number.POSITIVE_INFINITY)) this.saved(state);
      return;
    }
    const newest = await store.newestStoryTime();
    const since = newest === undefined ? Number.NEGATIVE_INFINITY : newest - this.settings.windowMs - this.settings.latenessMs;
    if (this.settings.indexTerms === STORED_INDEX_TERMS) {
      // The stored index terms are the ones saved() would take from the centroid: no centroid is parsed here.
      const vocabulary = this.vocabulary;
      for (const entry of await store.storyIndexEntries(since, this.settings.idleArrivals)) this.loadedEntry(entry, vocabulary);
      // Filed at once, in load order: the stories loaded by store term ids and still held.
      const byStoreTerms = [...this.stories.values()].filter((story) => story.byStoreTerms);
      // Indexed, not destructured: this runs once, on code not yet optimized (see candidatesFor).
      for (let slot = 0; slot < byStoreTerms.length; slot++) byStoreTerms[slot]!.slot = slot;
      this.loadedPostings = new LoadedPostings(byStoreTerms);
      // Filed in creation order; retireIdle reads the untimed ones least recently grown first.
      const untimed = [...this.undatedByArrival].sort((x, y) => x[1] - y[1]);
      this.undatedByArrival.clear();
      for (let at = 0; at < untimed.length; at++) this.undatedByArrival.set(untimed[at]![0], untimed[at]![1]);
    } else {
      for (const state of await store.recentStories(since, this.settings.idleArrivals)) this.saved(state);
    }
    this.retiredBefore = Math.max(this.retiredBefore, since);
  }
}
