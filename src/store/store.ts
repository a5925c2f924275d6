// The Store contract: the only way any stage's results reach the database. SQLite implements it today;
// the contract is asynchronous so that a networked backend (PostgreSQL) can implement it unchanged.
import type { Article, Assignment, Relation, RelationKind, Story } from '../model.ts';
import type { CopyKeys } from '../sketch/copy-index.ts';

/** Sparse term weights, L2-normalised where it is a document vector; stored in its record form (term -> weight). */
import type { TermVector, Vocabulary } from '../stories/vectors.ts';

export type { TermVector };

/**
 * Everything the index keeps for one article besides the article itself. Not the MinHash signature: its band
 * keys are what the copy index finds an article by, and nothing read the signature back (the articles'
 * `signature` column, 512 bytes an article, is written empty since session 26).
 */
export interface ArticleIndexEntry {
  /** One LSH key per band (40-bit copy-index keys, see sketch/copy-index.ts). */
  bandKeys: CopyKeys;
  /** Sampled passage fingerprints: winnowed shingle hashes with check tags (positions are recomputed when aligning). */
  fingerprints: CopyKeys;
  /**
   * The article's TF-IDF vector at arrival, read back (getTermVectors) only while the article heads a story of
   * two or more: the engine gives none here and keeps it with keepTermVector when that happens (session 26:
   * 2.5 KB an article of the store's 14 KB, nearly all never read). Absent, the column is written empty.
   */
  terms?: TermVector;
}

/** What story assignment reads and writes about one story. */
export interface StoryState {
  id: string;
  headline: string;
  /** The article whose title is the headline: the member nearest the centroid when it last changed. */
  headlineArticleId: string;
  /** Milliseconds since the epoch; publication times where known, else ingest times. */
  firstTime: number;
  lastTime: number;
  /** True when the times above come from publication dates, not ingest times. */
  timed: boolean;
  size: number;
  centroid: TermVector;
  createdAt: number;
  /**
   * The names its compact row shows, as articles write them (shownStoryNames). Read back by getStoryState only, for
   * the engine to keep them as the story grows; where absent the row's names are made from the centroid's terms.
   */
  names?: readonly string[];
}

/**
 * A live story as the engine's candidate index first holds it: its times and the terms it is indexed under (its
 * centroid's STORED_INDEX_TERMS heaviest, ties by term, kept beside the centroid as it changes), without the
 * centroid itself, which is read (getStoryStates) only when the story becomes a candidate.
 */
export interface StoryIndexEntry {
  id: string;
  firstTime: number;
  lastTime: number;
  timed: boolean;
  createdAt: number;
  /**
   * The index terms, ascending: the store's term ids (as storyTermIdsOf gives them: no term is read), or ids of
   * `vocabulary` where one is given (a row stored in an older form).
   */
  indexTerms: Int32Array;
  vocabulary?: Vocabulary;
  /** An untimed story: the articles stored after the one it last grew by (how long it has been idle, in arrivals). */
  idleArticles?: number;
  /**
   * Its stored centroid, where the store read it with the entry (as storedCentroids would give it): a candidate
   * search then reads it no more. Absent where the store does not (PostgreSQL) or the row is in an older form.
   */
  centroid?: StoredCentroid;
}

/**
 * A story's centroid as the store keeps it: the store's own ids of its terms (in no set order) with their weights,
 * and its norm. Scoring one against a vector whose terms are given the same ids (Store.storyTermIdsOf) reads no
 * term: what a candidate search needs to tell the stories that cannot be an article's best from those that can.
 */
export interface StoredCentroid {
  terms: Int32Array;
  weights: Float64Array;
  norm: number;
}

/** How a story listing is ordered: by last activity, or by size (both newest/largest first, ties by id). */
export type StorySort = 'recent' | 'size';

/** Where a page of stories continues: the sort key and id of the last row of the page before. */
export interface StoryKey {
  key: number;
  id: string;
}

/** A bounded, filtered story listing (GET /stories, `newsfold stories`). Every filter is optional. */
export interface StoryQuery {
  /** Stories active at or after this time (their last time), milliseconds since the epoch. */
  since?: number;
  /** Stories begun at or before this time (their first time). */
  until?: number;
  /** Stories with at least one article from this source (exact match). */
  source?: string;
  /** Stories with at least one article in this language. */
  language?: string;
  /** Stories with at least one article matching all these words (full-text search). */
  text?: string;
  minArticles?: number;
  /** Only these story ids (live ids). */
  ids?: readonly string[];
  sort: StorySort;
  /** Rows after this key in the sort order (keyset paging: the cost of a page does not grow with its depth). */
  after?: StoryKey;
  limit: number;
}

/** A story's compact row: what a listing shows, kept up to date as the story changes, never recomputed per listing. */
export interface StorySummary {
  id: string;
  headline: string;
  firstSeen: string;
  lastSeen: string;
  /** Articles now in the story. */
  articles: number;
  /** Distinct sources (outlets) among them. */
  sources: number;
  /** The heaviest names of its centroid (src/stories/names.ts). */
  topNames: string[];
  /** Bumped on every change of the story: the key its stored view is kept under. */
  version: number;
  /** The row's sort key for the query's order (last time, or articles), for the next page's cursor. */
  sortKey: number;
}

/** A full-text search over articles: all the words, any order, ranked best first. */
export interface ArticleSearchQuery {
  text: string;
  /** Hits to skip (search pages are few: the offset is capped by the caller). */
  offset: number;
  limit: number;
}

export interface ArticleSearchHit {
  id: string;
  title: string;
  source?: string;
  published?: string;
  /** The article's live story. */
  storyId?: string;
  /** Higher is better; comparable within one query only. */
  score: number;
  /** A stretch of the text around the matches, with the matched words as character ranges into it. */
  snippet: { text: string; matches: { start: number; end: number }[] };
}

/** The settings a database was created with; opening it with others is refused. */
export interface IndexSettingsRecord {
  [key: string]: string | number;
}

/** What other writers changed in the stories since a change sequence (see Store.changeSequence). */
export interface StoryChanges {
  /** Live stories created or changed, in the order they were changed. */
  saved: StoryState[];
  /** Stories merged into others: their ids. */
  merged: string[];
}

export interface Store {
  /**
   * Runs `work` in one transaction: all of it is stored, or none of it. Write transactions of every process
   * sharing the store run one after another (a store-wide write lock, waited for a bounded time, then
   * E_STORE_BUSY), and whatever the store keeps in memory (the copy index) has caught up with every commit
   * of other writers when `work` starts.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * Settles with an E_STORE error when the store's connection is lost for good (a database server restarted or
   * the session was ended): a long-lived process then stops with it rather than answer errors, or crash, ever
   * after. An embedded store never loses it.
   */
  readonly lost: Promise<Error>;

  /**
   * The change sequence: it grows with every committed write transaction of any process. Inside a
   * transaction it is the value this transaction's changes carry, larger than any committed before it.
   */
  changeSequence(): Promise<number>;
  /** Stories written by transactions whose sequence is above `sequence`: how an in-memory story index catches up. */
  storiesChangedSince(sequence: number): Promise<StoryChanges>;

  /** Records the index settings on first use; throws E_SKETCH_MISMATCH when they differ from the stored ones. */
  checkIndexSettings(settings: IndexSettingsRecord): Promise<void>;

  hasArticle(id: string): Promise<boolean>;
  /** Those of `ids` that are stored (in the open transaction too): a batch's "is it stored" in one read. */
  storedArticleIds(ids: readonly string[]): Promise<Set<string>>;
  /**
   * Those of `urls` (as given) that a stored article has as its URL, compared as article identity compares them
   * (ingest/url.ts urlKey: scheme, host case, default port, trailing slash, fragment, tracking parameters do not
   * count); an indexed look-up, so `watch --feeds` asks before fetching a link's page.
   */
  storedArticleUrls(urls: readonly string[]): Promise<Set<string>>;
  /** The latest `ingestedAt` of any stored article (0 when none): ingest times are stamped after it, in arrival order. */
  newestIngestTime(): Promise<number>;
  putArticle(article: Article, index: ArticleIndexEntry): Promise<void>;
  getArticle(id: string): Promise<Article | undefined>;
  getArticles(ids: readonly string[]): Promise<Article[]>;
  getTermVectors(ids: readonly string[]): Promise<Map<string, TermVector>>;
  /** Keeps a stored article's TF-IDF vector (putArticle given none), so getTermVectors reads it. */
  keepTermVector(articleId: string, terms: TermVector): Promise<void>;
  /** Ids matching a full id, a unique prefix, an external id or a path. */
  resolveArticle(reference: string): Promise<string[]>;

  /** Articles sharing at least one LSH band key with the given keys. */
  findByBandKeys(keys: CopyKeys): Promise<string[]>;
  /**
   * Articles sharing fingerprints with the given ones, with the number of distinct shared fingerprints.
   * `probes` (optional, issue 21) are keys looked up but never stored (an arriving article's denser query
   * sample): a probe counts only when at most MAX_PROBE_POSTINGS (sketch/copy-index.ts) articles hold it,
   * and a probe equal to one of the fingerprints counts once. Shared caps, as CopyIndex.query applies them:
   * a fingerprint held by more than 64 articles is ignored, a skeleton key (tag top bit set) by more than 8.
   */
  findByFingerprints(fingerprints: CopyKeys, probes?: CopyKeys): Promise<Map<string, number>>;
  /** Articles in the copy index and the bytes of RAM it holds (allocated with room to grow, and in use). */
  copyIndexBytes(): Promise<{ articles: number; allocated: number; used: number }>;
  /**
   * Removes the article, its copy-index entry, its relations and its story membership; false when absent.
   * The story's stored size and centroid are left as they were: the engine makes them again from the members left
   * (Engine.deleteArticle) and saves them with saveStoryState in the same transaction.
   */
  deleteArticle(id: string): Promise<boolean>;

  putRelations(relations: readonly Relation[]): Promise<void>;
  relationsOf(articleId: string): Promise<Relation[]>;
  relationsAmong(articleIds: readonly string[]): Promise<Relation[]>;
  /** Every stored relation of the given kinds, ordered by its articles' ids. */
  relationsOfKinds(kinds: readonly RelationKind[]): Promise<Relation[]>;

  /** Document frequencies of the given terms, and the number of documents whose terms were added. */
  documentFrequencies(terms: readonly string[]): Promise<{ documents: number; frequencies: Map<string, number> }>;
  /** One document's terms: each term's frequency and the document count go up by one. */
  addDocumentTerms(terms: readonly string[]): Promise<void>;
  /**
   * Many documents' terms at once (the engine counts a batch in memory and writes it once): the document
   * frequency of each of `terms` (distinct) goes up by the count at its position in `counts`, and the document
   * count by `documents`. Two arrays, not a map: the engine holds them so, and the store writes them in order.
   */
  addDocumentTermCounts(terms: readonly string[], counts: readonly number[], documents: number): Promise<void>;

  /**
   * The sources known to carry each of the given paragraph keys (match/stock.ts: a paragraph under many sources is
   * stock text). Kept in the store so that every writer, and every restart, judges a paragraph alike.
   */
  paragraphSources(keys: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Records that `source` carries each paragraph key; a pair already known is left as it is. */
  addParagraphSources(keys: readonly string[], source: string): Promise<void>;

  storyOfArticle(articleId: string): Promise<string | undefined>;
  getStoryState(id: string): Promise<StoryState | undefined>;
  /** Live stories whose time range comes within `windowMs` of `time`, plus every untimed story. */
  activeStories(time: number, windowMs: number): Promise<StoryState[]>;
  /**
   * The live stories an in-memory candidate index starts from, in creation order: dated stories whose last time
   * is at or after `datedSince`, and the `untimedLimit` untimed stories that grew last.
   */
  recentStories(datedSince: number, untimedLimit: number): Promise<StoryState[]>;
  /**
   * What opening a store for ingest reads, as index entries (no centroid parsed), in creation order: the dated
   * stories of recentStories, and the untimed stories that grew by one of the last `untimedArticles` articles
   * stored (an untimed story's last time is the ingest time of its last article), each with its idleArticles.
   * By articles, not by stories: a process opening the store then holds the untimed stories one kept open
   * since the first article would hold, with the same idle clocks.
   */
  storyIndexEntries(datedSince: number, untimedArticles: number): Promise<StoryIndexEntry[]>;
  /** The live stories among `ids` (merged or unknown ids left out), in the order of `ids`. */
  getStoryStates(ids: readonly string[]): Promise<StoryState[]>;
  /** The centroids of the live stories among `ids` in the store's term ids (those stored in an older form left out). */
  storedCentroids(ids: readonly string[]): Promise<Map<string, StoredCentroid>>;
  /**
   * Interns the terms of a stored centroid's `terms` (store term ids, in its stored order) into the shared
   * vocabulary, as getStoryStates would in decoding it: a story told from its stored centroid alone, not read,
   * leaves the vocabulary's ids, and so the bits of every later sum over them, as reading it would.
   */
  internStoryTerms(terms: Int32Array): Promise<void>;
  /** The store's ids of `vector`'s terms, position by position (0 for a term no story centroid has held). */
  storyTermIdsOf(vector: TermVector): Promise<Int32Array>;
  /** The latest last time of any live dated story; undefined when there is none. */
  newestStoryTime(): Promise<number | undefined>;
  saveStoryState(state: StoryState): Promise<void>;
  assignArticle(assignment: Assignment): Promise<void>;
  /** Moves every article of `from` into `into` and records the merge so `from` can be followed. */
  mergeStory(from: string, into: string): Promise<void>;
  /** The story, following merges to the live id. */
  getStory(id: string): Promise<Story | undefined>;
  resolveStory(reference: string): Promise<string[]>;
  listStories(): Promise<Story[]>;
  assignmentsOf(storyId: string): Promise<Assignment[]>;

  /** Articles and live (unmerged) stories: cheap enough for a health check. */
  counts(): Promise<{ articles: number; stories: number }>;

  // The read side. saveStoryState, assignArticle, mergeStory and deleteArticle keep each story's compact row
  // (version, article count, sources and languages, top names: the state's shown names, else storyNames of its centroid) in step.

  /** One page of compact story rows, filtered and in order; at most `limit` rows. */
  storyRows(query: StoryQuery): Promise<StorySummary[]>;
  /** The story's view as last stored (opaque JSON text) and the version it was made at. */
  storedView(storyId: string): Promise<{ version: number; view: string } | undefined>;
  /** Keeps a story's view for `version`; may skip it (a busy or read-only store) since views can be made again. */
  putStoredView(storyId: string, version: number, view: string): Promise<void>;
  /** Ranked full-text search over articles' titles and cleaned text. */
  searchArticles(query: ArticleSearchQuery): Promise<ArticleSearchHit[]>;
}
