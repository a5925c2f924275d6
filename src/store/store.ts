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

export interface Store {
  /** Runs `work` in one transaction: all of it is stored, or none of it. */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;

  /** Records the index settings on first use; throws E_SKETCH_MISMATCH when they differ from the stored ones. */
  checkIndexSettings(settings: IndexSettingsRecord): Promise<void>;

  hasArticle(id: string): Promise<boolean>;
  putArticle(article: Article, index: ArticleIndexEntry): Promise<void>;
  getArticle(id: string): Promise<Article | undefined>;
  getArticles(ids: readonly string[]): Promise<Article[]>;
  getTermVectors(ids: readonly string[]): Promise<Map<string, TermVector>>;
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
