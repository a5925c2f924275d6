// The Store contract: the only way any stage's results reach the database. SQLite implements it today;
// the contract is asynchronous so that a networked backend (PostgreSQL) can implement it unchanged.
import type { Article, Assignment, Relation, RelationKind, Story } from '../model.ts';
import type { CopyKeys } from '../sketch/copy-index.ts';

/** Sparse term weights, L2-normalised where it is a document vector; stored in its record form (term -> weight). */
import type { TermVector } from '../stories/vectors.ts';

export type { TermVector };

/** Everything the index keeps for one article besides the article itself. */
export interface ArticleIndexEntry {
  /** MinHash values, serialised by the sketch stage. */
  signature: Uint8Array;
  /** One LSH key per band (40-bit copy-index keys, see sketch/copy-index.ts). */
  bandKeys: CopyKeys;
  /** Sampled passage fingerprints: winnowed shingle hashes with check tags (positions are recomputed when aligning). */
  fingerprints: CopyKeys;
  /** The article's TF-IDF vector at arrival, for story assignment. */
  terms: TermVector;
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
   * The change sequence: it grows with every committed write transaction of any process. Inside a
   * transaction it is the value this transaction's changes carry, larger than any committed before it.
   */
  changeSequence(): Promise<number>;
  /** Stories written by transactions whose sequence is above `sequence`: how an in-memory story index catches up. */
  storiesChangedSince(sequence: number): Promise<StoryChanges>;

  /** Records the index settings on first use; throws E_SKETCH_MISMATCH when they differ from the stored ones. */
  checkIndexSettings(settings: IndexSettingsRecord): Promise<void>;

  hasArticle(id: string): Promise<boolean>;
  /** The latest `ingestedAt` of any stored article (0 when none): ingest times are stamped after it, in arrival order. */
  newestIngestTime(): Promise<number>;
  putArticle(article: Article, index: ArticleIndexEntry): Promise<void>;
  getArticle(id: string): Promise<Article | undefined>;
  getArticles(ids: readonly string[]): Promise<Article[]>;
  getTermVectors(ids: readonly string[]): Promise<Map<string, TermVector>>;
  /** Ids matching a full id, a unique prefix, an external id or a path. */
  resolveArticle(reference: string): Promise<string[]>;

  /** Articles sharing at least one LSH band key with the given keys. */
  findByBandKeys(keys: CopyKeys): Promise<string[]>;
  /** Articles sharing fingerprints with the given ones, with the number of distinct shared fingerprints. */
  findByFingerprints(fingerprints: CopyKeys): Promise<Map<string, number>>;
  /** Articles in the copy index and the bytes of RAM it holds (allocated with room to grow, and in use). */
  copyIndexBytes(): Promise<{ articles: number; allocated: number; used: number }>;
  /**
   * Removes the article, its copy-index entry, its relations and its story membership; false when absent.
   * The story's stored size and centroid are left as they were (they are running sums).
   */
  deleteArticle(id: string): Promise<boolean>;

  putRelations(relations: readonly Relation[]): Promise<void>;
  relationsOf(articleId: string): Promise<Relation[]>;
  relationsAmong(articleIds: readonly string[]): Promise<Relation[]>;
  /** Every stored relation of the given kinds, ordered by its articles' ids. */
  relationsOfKinds(kinds: readonly RelationKind[]): Promise<Relation[]>;

  /** Document frequencies of the given terms, and the number of documents whose terms were added. */
  documentFrequencies(terms: readonly string[]): Promise<{ documents: number; frequencies: Map<string, number> }>;
  addDocumentTerms(terms: readonly string[]): Promise<void>;

  storyOfArticle(articleId: string): Promise<string | undefined>;
  getStoryState(id: string): Promise<StoryState | undefined>;
  /** Live stories whose time range comes within `windowMs` of `time`, plus every untimed story. */
  activeStories(time: number, windowMs: number): Promise<StoryState[]>;
  saveStoryState(state: StoryState): Promise<void>;
  assignArticle(assignment: Assignment): Promise<void>;
  /** Moves every article of `from` into `into` and records the merge so `from` can be followed. */
  mergeStory(from: string, into: string): Promise<void>;
  /** The story, following merges to the live id. */
  getStory(id: string): Promise<Story | undefined>;
  resolveStory(reference: string): Promise<string[]>;
  listStories(): Promise<Story[]>;
  assignmentsOf(storyId: string): Promise<Assignment[]>;
}
