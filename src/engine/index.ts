// The engine composes the stages: ingest -> clean -> text -> sketch -> match -> stories, incrementally, into
// the Store it is given. Digests are computed when a story is read. Faces call this and nothing below it.
import { Readable } from 'node:stream';
import type { InputProblem } from '../errors.ts';
import { NewsfoldError } from '../errors.ts';
import type { IngestItem } from '../ingest/index.ts';
import { chooseCandidates, DEFAULT_SKETCH_SETTINGS, describeSketchSettings, sketchArticle, type ArticleSketch, type SketchSettings } from '../match/candidates.ts';
import { relatable, relate, type RelatableArticle } from '../match/relate.ts';
import { profileWords } from '../match/seed-extend.ts';
import { ParagraphSources, sourceOf, stockParagraphKeys } from '../match/stock.ts';
import type { Article, Relation } from '../model.ts';
import { SqliteStore } from '../store/sqlite.ts';
import { openStore, type OpenStoreOptions } from '../store/open.ts';
import type { Store, StoryState } from '../store/store.ts';
import { decideStory, DEFAULT_ASSIGN_SETTINGS, growStory, horizonTimes, mergeStories, startStory, type ArrivingArticle, type AssignSettings, type LinkedStory, type StoryHorizon } from '../stories/assign.ts';
import { shownStoryNames } from '../stories/names.ts';
import { addToCentroid, renewSharedVocabularyIfFull, SHARED_VOCABULARY_LIMIT, sharedVocabulary, termFrequencies, tfidfVector, tfidfVectorInOrder, type TermVector, type Vocabulary } from '../stories/vectors.ts';
import { withoutFutureDate } from './future-dates.ts';
import { prepareItems, type PreparedItem } from './pool.ts';
import { carriedProfile, type CarriedWords } from './prepare.ts';
import { DEFAULT_STORY_CANDIDATE_SETTINGS, StoryCandidateIndex } from './story-candidates.ts';
import { StageClock, type StageName } from './timing.ts';
import { checkedReference, findArticle, findStory, summarize, type ArticleSummary, type ArticleView, type DigestOptions, type StoryView } from './views.ts';
import { dupesPage, keptStoryView, keptViewById, searchArticles, storyPage, storyRowsOf, type DupesPage, type DupesRequest, type SearchPage, type SearchRequest, type StoryPage, type StoryPageRequest, type StoryRow } from './read-side.ts';

export type { ArticleSummary, ArticleView, DigestOptions, StoryView } from './views.ts';
export { STAGE_NAMES, StageClock, type StageName } from './timing.ts';
export { prepareForIngest, type PreparedForIngest } from './prepare.ts';
export type { PreparedItem } from './pool.ts';
export { enqueue, type EnqueueReport } from './enqueue.ts';
export { runWorker, type WorkerReport } from './queue.ts';
export { watchInputs } from './watch.ts';
/** A store's name fit to print (a PostgreSQL URL's password hidden). */
export { redacted as printableStoreName } from '../store/url.ts';
export { storyFamilies } from './views.ts';
export type { CopyFamily, FamilyMember } from '../match/groups.ts';
export type { MarkedWord } from '../match/word-diff.ts';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_CHARACTERS, MAX_SEARCH_HITS, STORY_SORTS } from './read-side.ts';
export type { DupesPage, DupesRequest, SearchHit, SearchPage, SearchRequest, StoryPage, StoryPageRequest, StoryRow } from './read-side.ts';
export type { StorySort } from '../store/store.ts';
export { articleJson, compareJson, dupesJson, ingestReportJson, storiesJson, storyJson } from './json.ts';

/** Input files under `paths`, for a progress bar. The readers (and their HTML, feed and WARC libraries) load on first use. */
export async function countInputFiles(paths: readonly string[]): Promise<number> {
  return (await import('../ingest/index.ts')).countInputFiles(paths);
}

/** Input bytes under `paths`, for a progress bar over bytes read. */
export async function countInputBytes(paths: readonly string[]): Promise<number> {
  return (await import('../ingest/index.ts')).countInputBytes(paths);
}

export interface EngineSettings {
  sketch: SketchSettings;
  /** Articles per transaction: a crash loses at most one batch, and commits stay cheap. */
  batchSize: number;
  /** Events (a time window, decayed scores) or topics (no window): see StoryHorizon. */
  storyHorizon: StoryHorizon;
  /** Word profiles of recently aligned articles kept in memory (least recently used leave); a cache, so results do not depend on it. */
  profileCacheSize: number;
  /** Terms the in-memory vocabulary may hold before it starts afresh (the story index is then rebuilt from the store). */
  vocabularyLimit: number;
}

/**
 * Word profiles kept for alignment. One holds its article and a stem per word, about 17 KB for a news-sized
 * article (measured on the stream benchmark), so 4,096 held 70 MB once a long ingest filled it; the candidates
 * that repeat are the recent copies of a wire story, which 512 least recently used entries keep (9 MB).
 */
export const PROFILE_CACHE_SIZE = 512;

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  sketch: DEFAULT_SKETCH_SETTINGS,
  batchSize: 256,
  storyHorizon: 'event',
  profileCacheSize: PROFILE_CACHE_SIZE,
  vocabularyLimit: SHARED_VOCABULARY_LIMIT,
};

export interface IngestProgress {
  path: string;
  read: number;
  stored: number;
  problems: number;
}

/** What became of one article read: stored (with the story it joined) or already in the store. */
export interface IngestedRecord {
  path: string;
  line?: number;
  id: string;
  status: 'stored' | 'already-stored';
  storyId?: string;
}

export interface IngestOptions {
  stdin?: Readable;
  /** Worker threads that prepare articles (clean, text, sketch, term frequencies); 1 prepares in this thread. Results do not depend on it. */
  jobs?: number;
  onArticle?: (record: IngestedRecord) => void;
  onProblem?: (problem: InputProblem) => void;
  /** Called after each record (a progress display throttles itself). */
  onProgress?: (progress: IngestProgress) => void;
  /** Bytes of input read, as they are read. */
  onBytes?: (bytes: number) => void;
  /** A file a directory walk passed over, with why (for `--verbose`). */
  onSkip?: (path: string, reason: string) => void;
  /** False: leave the report's touchedStories empty (one id per story would grow with a long ingest that prints only counts). */
  touchedStories?: boolean;
}

/** What happened to a story in one committed batch, for clients following live (GET /events). */
export type StoryEvent =
  | { type: 'created'; storyId: string; headline: string; articles: number }
  | { type: 'grown'; storyId: string; headline: string; articles: number; added: number }
  | { type: 'merged'; storyId: string; into: string }
  /** Articles were deleted from it (`newsfold delete`): `articles` are those left, 0 when none is. */
  | { type: 'shrunk'; storyId: string; headline: string; articles: number; removed: number };

export type StoryEventListener = (event: StoryEvent) => void;

/** An article ready for the order-dependent stages, prepared in this process or by a queue worker. */
export interface PreparedArticle {
  article: Article;
  /** Made from the article when absent. */
  sketch?: ArticleSketch;
  /** Term frequencies; made from the article when absent. */
  frequencies?: Map<string, number>;
  /** The keys of its long paragraphs (stockParagraphKeys); made from the article when absent. */
  paragraphKeys?: string[];
  /** Its word profile (profileWords of its text), made where it was prepared; made from the article when absent. */
  words?: CarriedWords;
}

/** What applyBatch needs besides the batch. */
export interface ApplyOptions {
  ingest?: IngestOptions;
  /** Runs last inside the batch's transaction (a queue's cursor). */
  withinTransaction?: () => Promise<void>;
  /** Collects the ids of the stories the batch created or changed. */
  touched?: Set<string>;
}

/** An empty report, to be filled by ingest or by applyBatch. */
export function emptyIngestReport(clock: StageClock = new StageClock()): IngestReport {
  return { read: 0, stored: 0, alreadyStored: 0, problems: [], relations: 0, storiesCreated: 0, storiesMerged: 0, touchedStories: [], vocabularyRenewals: 0, stageMs: clock.totals };
}

export interface IngestReport {
  /** Articles read from the inputs. */
  read: number;
  /** Articles newly stored. */
  stored: number;
  /** Articles already in the store (same id), left as they were. */
  alreadyStored: number;
  problems: InputProblem[];
  relations: number;
  storiesCreated: number;
  storiesMerged: number;
  /** Live ids of the stories this ingest created or grew (after its own merges), in the order first touched. */
  touchedStories: string[];
  /** Times the in-memory vocabulary was full and started afresh (each reloads the story index from the store). */
  vocabularyRenewals: number;
  /** Milliseconds spent in each stage. */
  stageMs: Record<StageName, number>;
}

/** An article ready to be applied in stream order: what prepareForIngest made of it. */
interface ReadyArticle {
  article: Article;
  sketch: ArticleSketch;
  frequencies: Map<string, number>;
  paragraphKeys: string[];
  /** Read only when the article has candidates to align against. */
  words?: CarriedWords;
}

/** A stored article as the matcher reuses it across arrivals: its word profile and its long paragraphs' keys. */
interface CachedProfile extends RelatableArticle {
  paragraphKeys: readonly string[];
}

/**
 * Terms whose document frequencies this process keeps between batches (about 120 bytes each, so 12 MB): past
 * this the kept table starts afresh, so memory does not follow the archive's vocabulary. The stream corpus
 * brings about 10,000 new terms per 1,000 articles, so it starts afresh every 10,000 articles or so, and the next
 * batch reads its terms from the store; 300,000 held 30 MB of live heap on a long ingest (issue 19).
 */
export const KEPT_FREQUENCY_TERMS = 100_000;

/**
 * A term's document frequency as a batch sees it: the stored count plus the batch's articles applied so far
 * (`added` of them). One object per term, so an article's terms are looked up once for weighing and counting.
 */
interface TermCount {
  df: number;
  added: number;
  /**
   * The term's id in the vocabulary of its map (BatchFrequencies.vocabulary) once an article vector kept it, else
   * -1: the next vector that keeps it looks it up no more (the vocabulary's map of every term, a lookup that
   * missed the caches, was 2% of an ingest's CPU).
   */
  id: number;
}

/** Document frequencies as of this process's commit with change sequence `sequence` (every term it has read or written; `added` 0). */
interface KeptFrequencies {
  sequence: number;
  documents: number;
  frequencies: Map<string, TermCount>;
  vocabulary: Vocabulary;
}

/** A batch's document frequencies: the stored ones plus the batch's articles applied so far, and the terms they added to. */
interface BatchFrequencies {
  documents: number;
  frequencies: Map<string, TermCount>;
  /** What the counts' ids are of: when the shared vocabulary is renewed, they are forgotten. */
  vocabulary: Vocabulary;
  addedTerms: string[];
  /** The counts of addedTerms, in the same order. */
  addedCounts: TermCount[];
  addedDocuments: number;
  /** The count of each term of each article of the batch (in the order given), in its frequencies' order. */
  articleCounts: TermCount[][];
}

/** The stored document frequencies as counts a batch adds to. */
function termCounts(stored: ReadonlyMap<string, number>, into: Map<string, TermCount> = new Map()): Map<string, TermCount> {
  // forEach, not a destructured for-of: 10-20k entries a batch on a populated store, in code run once a batch
  // (unoptimized through a short ingest), where each destructured step walks two iterators.
  stored.forEach((df, term) => into.set(term, { df, added: 0, id: -1 }));
  return into;
}

/**
 * The counts `counts` holds for an article's terms (in `frequencies`' order, undefined where it holds none, those
 * terms added to `unread`). A module function called per article, so V8 optimises it after a few articles: inlined
 * in batchFrequencies, which runs once a batch, the loop ran in slower code (280 against 171 samples in profiles of 3,000 articles).
 */
function knownCounts(frequencies: ReadonlyMap<string, number>, counts: ReadonlyMap<string, TermCount>, unread: Set<string>): (TermCount | undefined)[] {
  const counted: (TermCount | undefined)[] = [];
  for (const term of frequencies.keys()) {
    const count = counts.get(term);
    if (count === undefined) unread.add(term);
    counted.push(count);
  }
  return counted;
}

/** Fills the gaps of `found` (an article's counts in `frequencies`' order) from `counts`; a term new to the store gets one at 0. */
function fillCounts(frequencies: ReadonlyMap<string, number>, found: (TermCount | undefined)[], counts: Map<string, TermCount>): TermCount[] {
  let at = 0;
  for (const term of frequencies.keys()) {
    if (found[at] === undefined) {
      let count = counts.get(term);
      if (count === undefined) {
        count = { df: 0, added: 0, id: -1 };
        counts.set(term, count);
      }
      found[at] = count;
    }
    at++;
  }
  return found as TermCount[];
}

/**
 * An article's vector with the batch's document frequencies (`counts`, in `frequencies`' order). A module
 * function (no closure per call: README, Development).
 */
function batchTfidfVector(frequencies: ReadonlyMap<string, number>, counts: readonly TermCount[], df: BatchFrequencies): TermVector {
  const vocabulary = sharedVocabulary();
  if (df.vocabulary !== vocabulary) {
    df.frequencies.forEach(forgetId);
    df.vocabulary = vocabulary;
  }
  // A plain loop: TypedArray.from with a mapping function costs several times more.
  const stored = new Float64Array(counts.length);
  const ids = new Int32Array(counts.length);
  for (let at = 0; at < counts.length; at++) {
    stored[at] = counts[at]!.df;
    ids[at] = counts[at]!.id;
  }
  const vector = tfidfVectorInOrder(frequencies, df.documents + df.addedDocuments, stored, ids);
  for (let at = 0; at < counts.length; at++) counts[at]!.id = ids[at]!;
  return vector;
}

/** A count's id forgotten (its vocabulary was renewed). */
const forgetId = (count: TermCount): void => {
  count.id = -1;
};

/** What a batch added to the document frequency of each of its addedTerms, in their order, for the store. */
function addedCounts(frequencies: BatchFrequencies): number[] {
  // An array beside the terms, not a map of them (25,000 entries a batch, 21 MB of 1.2 GB allocated per 3k articles).
  const counts = frequencies.addedCounts;
  const added = new Array<number>(counts.length);
  for (let at = 0; at < counts.length; at++) added[at] = counts[at]!.added;
  return added;
}

function articleTime(article: Article): { time: number; timed: boolean } {
  const published = article.published === undefined ? Number.NaN : Date.parse(article.published);
  return Number.isNaN(published) ? { time: article.ingestedAt, timed: false } : { time: published, timed: true };
}

/** Members read at once when a story is made again after a delete: bounds memory for a story of thousands. */
const REBUILD_ARTICLES_AT_ONCE = 256;

// Callbacks as module functions (no closure per call: README, Development).
const memberId = (assignment: { articleId: string }): string => assignment.articleId;
const articleById = (article: Article): [string, Article] => [article.id, article];

/** Stream order within a batch: by publication time where known, else as read. */
function streamOrder<T extends { article: Article }>(batch: T[]): T[] {
  return batch
    .map((entry, position) => ({ entry, position, time: articleTime(entry.article) }))
    .sort((x, y) => {
      if (x.time.timed && y.time.timed && x.time.time !== y.time.time) return x.time.time - y.time.time;
      return x.position - y.position;
    })
    .map((ordered) => ordered.entry);
}

export class Engine {
  readonly store: Store;
  readonly settings: EngineSettings;
  private readonly profiles = new Map<string, CachedProfile>();
  private settingsChecked = false;
  /** Live stories by centroid term: where an arriving article's story candidates come from. */
  readonly storyCandidates: StoryCandidateIndex;
  private readonly assignSettings: AssignSettings;
  private readonly listeners = new Set<StoryEventListener>();
  /** The change sequences of this process's commits not yet passed by a follower of the store's commits (SQLite). */
  private ownCommits: Set<number> | undefined;
  /** Following the PostgreSQL story channel (followOtherWriters): what this engine announces there comes back by it. */
  private followingChannel = false;
  /** Stories changed by the batch being written: published as events once it commits. */
  private batchChanges = new Map<string, { created: boolean; added: number; headline: string; articles: number }>();
  private batchMerges: { from: string; into: string }[] = [];
  /** Kept while no other writer commits in between: a batch then reads from the store only terms new to it. */
  private keptFrequencies: KeptFrequencies | undefined;

  constructor(store: Store, settings: EngineSettings = DEFAULT_ENGINE_SETTINGS) {
    this.store = store;
    this.settings = settings;
    this.assignSettings = { ...DEFAULT_ASSIGN_SETTINGS, decayMs: horizonTimes(settings.storyHorizon).decayMs };
    this.storyCandidates = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: horizonTimes(settings.storyHorizon).windowMs });
  }

  /** Opens the store named by `db` (see openStore: a SQLite file path, or a postgres:// URL) and an engine on it. */
  static async open(db: string, settings: EngineSettings = DEFAULT_ENGINE_SETTINGS, storeOptions: OpenStoreOptions = {}): Promise<Engine> {
    return new Engine(await openStore(db, storeOptions), settings);
  }

  /** Opens the embedded store at `dbPath` (created if absent, unless `storeOptions.mustExist`: read commands) and an engine on it. */
  static openSqlite(dbPath: string, settings: EngineSettings = DEFAULT_ENGINE_SETTINGS, storeOptions: OpenStoreOptions = {}): Engine {
    return new Engine(SqliteStore.open(dbPath, storeOptions), settings);
  }

  async close(): Promise<void> {
    await this.store.close();
  }

  /** Settles with an E_STORE error if the store's connection is lost for good (see Store.lost). */
  storeLost(): Promise<Error> {
    return this.store.lost;
  }

  /** Calls `listener` with every story created, grown or merged, after the batch that did it commits. */
  onStoryEvent(listener: StoryEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Articles and live stories in the store. */
  async counts(): Promise<{ articles: number; stories: number }> {
    return this.store.counts();
  }

  /** Every live story's view, largest first: for small stores and tests; faces page with storyPage. */
  async stories(options: DigestOptions = {}): Promise<StoryView[]> {
    const views: StoryView[] = [];
    for (const story of await this.store.listStories()) views.push(await keptStoryView(this.store, story, options));
    return views;
  }

  /** One page of compact story rows (no digest is made for a listing), filtered, with a cursor to the next. */
  async storyPage(request: StoryPageRequest = {}): Promise<StoryPage> {
    return storyPage(this.store, request);
  }

  /** Compact rows of the given live stories, in listing order. */
  async storyRows(ids: readonly string[]): Promise<StoryRow[]> {
    return storyRowsOf(this.store, ids);
  }

  /**
   * One story by id or unique id prefix; a merged story's old id leads to the story it was merged into. The
   * view (digest, facts, headline) is made once per version of the story and kept in the store.
   */
  async story(reference: string, options: DigestOptions = {}): Promise<StoryView> {
    if (options.words === undefined) {
      const [id, ...others] = await this.store.resolveStory(checkedReference('story', reference));
      const kept = id === undefined || others.length > 0 ? undefined : await keptViewById(this.store, id);
      if (kept !== undefined) return kept;
    }
    return keptStoryView(this.store, await findStory(this.store, reference), options);
  }

  /** Ranked full-text search over articles, each hit with its story. */
  async search(request: SearchRequest): Promise<SearchPage> {
    return searchArticles(this.store, request);
  }

  /** One page of groups of copies and versions. */
  async dupes(request: DupesRequest = {}): Promise<DupesPage> {
    return dupesPage(this.store, request);
  }

  /** Two articles aligned afresh: the relation between them (undefined when they share nothing worth one). */
  async compare(first: string, second: string): Promise<{ x: Article; y: Article; relation: Relation | undefined }> {
    const x = (await this.article(first)).article;
    const y = (await this.article(second)).article;
    // An article aligned with itself is no relation: it would read as a duplicate of itself.
    if (x.id === y.id) throw new NewsfoldError('E_USAGE', `compare needs two different articles: ${first === second ? `"${first}" is given twice` : `"${first}" and "${second}" are both article ${x.id}`}`);
    return { x, y, relation: relate(relatable(x), relatable(y)) };
  }

  /** Title, source and dates of the given articles (ids as stored), in the order given; unknown ids are left out. */
  async articleSummaries(ids: readonly string[]): Promise<ArticleSummary[]> {
    const byId = new Map((await this.store.getArticles(ids)).map((article) => [article.id, article]));
    return ids.flatMap((id) => {
      const article = byId.get(id);
      return article === undefined ? [] : [summarize(article)];
    });
  }

  /** Those of `urls` a stored article has as its URL, compared as article identity compares URLs (Store.storedArticleUrls). */
  async storedArticleUrls(urls: readonly string[]): Promise<Set<string>> {
    return this.store.storedArticleUrls(urls);
  }

  /** One article by id, unique id prefix, external id, path or URL. */
  async article(reference: string): Promise<ArticleView> {
    return findArticle(this.store, reference);
  }

  /**
   * Removes one article (by id, unique prefix, external id, path or URL) from the store and the copy index,
   * with its relations and story membership; returns its id. Other articles and stories are left as they are.
   */
  async deleteArticle(reference: string): Promise<string> {
    const { article, storyId } = await findArticle(this.store, reference);
    let sequence = 0;
    try {
      await this.store.transaction(async () => {
        sequence = await this.store.changeSequence();
        await this.store.deleteArticle(article.id);
        if (storyId !== undefined) await this.rebuildStoryAfterDelete(storyId);
        // Told below once committed: a follower of the file's commits leaves this sequence alone.
        this.ownCommits?.add(sequence);
      });
    } catch (error) {
      if (sequence !== 0) this.ownCommits?.delete(sequence);
      // Rolled back: the story index may hold the rebuilt story the store no longer has.
      if (storyId !== undefined) this.storyCandidates.reset();
      throw error;
    }
    this.profiles.delete(article.id);
    if (storyId !== undefined) await this.announceShrunk(storyId);
    return article.id;
  }

  /**
   * A story an article was deleted from, made again from the members left: its centroid (and so its index
   * terms and names) the mean of their vectors, weighed by the stored document frequencies, and its size their
   * count, so the deleted article's words no longer draw arrivals to it; with none left its centroid is empty,
   * so it draws none. The running sum cannot be undone exactly: it is truncated and renormalised at each arrival.
   */
  private async rebuildStoryAfterDelete(storyId: string): Promise<void> {
    const { store } = this;
    const state = await store.getStoryState(storyId);
    if (state === undefined) return;
    const members = (await store.assignmentsOf(storyId)).map(memberId);
    let centroid = tfidfVector(new Map(), 0, new Map());
    let size = 0;
    let headlineVector: TermVector | undefined;
    let lastText = '';
    let lastLanguage: string | undefined;
    for (let at = 0; at < members.length; at += REBUILD_ARTICLES_AT_ONCE) {
      const chunk = members.slice(at, at + REBUILD_ARTICLES_AT_ONCE);
      const byId = new Map((await store.getArticles(chunk)).map(articleById));
      const frequencies = chunk.map((id) => { const member = byId.get(id); return member === undefined ? undefined : termFrequencies(member); });
      const terms = new Set<string>();
      for (const counts of frequencies) if (counts !== undefined) for (const term of counts.keys()) terms.add(term);
      const df = await store.documentFrequencies([...terms]);
      for (let index = 0; index < chunk.length; index++) {
        const counts = frequencies[index];
        if (counts === undefined) continue;
        const vector = tfidfVector(counts, df.documents, df.frequencies);
        centroid = size === 0 ? vector : addToCentroid(centroid, size, vector);
        size++;
        if (chunk[index] === state.headlineArticleId) headlineVector = vector;
        lastText = byId.get(chunk[index]!)!.text;
        lastLanguage = byId.get(chunk[index]!)!.language;
      }
    }
    const rebuilt: StoryState = { ...state, centroid, size, names: size === 0 ? [] : shownStoryNames(centroid, state.names ?? [], lastText, lastLanguage) };
    await store.saveStoryState(rebuilt);
    // The headline's vector is read back once its story holds two or more (addArticle keeps it the same way).
    if (size >= 2 && headlineVector !== undefined) await store.keepTermVector(state.headlineArticleId, headlineVector);
    this.storyCandidates.saved(rebuilt);
  }

  /**
   * Tells of a story an article was deleted from, as other writers' deletions are told (followOtherWriters): to
   * this engine's listeners and, on PostgreSQL, on the schema's story channel, which every `serve` on it follows.
   */
  private async announceShrunk(storyId: string): Promise<void> {
    const [row] = await this.store.storyRows({ ids: [storyId], sort: 'recent', limit: 1 });
    const event: StoryEvent = { type: 'shrunk', storyId, headline: row?.headline ?? '', articles: row?.articles ?? 0, removed: 1 };
    if (!(this.store instanceof SqliteStore)) {
      const { announceToFollowers } = await import('./queue.ts');
      await announceToFollowers(this.store, [event]);
      // This engine follows the channel: its own announcement comes back by it, so it is not told twice.
      if (this.followingChannel) return;
    }
    this.emitStoryEvent(event);
  }

  /** Reads, cleans, indexes, relates and assigns every article under `paths`. Bad inputs are reported, not fatal. */
  async ingest(paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
    const { readInputs } = await import('../ingest/index.ts');
    const readOptions = { ...(options.onBytes === undefined ? {} : { onBytes: options.onBytes }), ...(options.onSkip === undefined ? {} : { onSkip: options.onSkip }) };
    return this.ingestItems(readInputs(paths, options.stdin, readOptions), options);
  }

  /** Ingests JSON Lines given as text or bytes (an HTTP body, decoded per record): problems name their line numbers. */
  async ingestJsonLines(text: string | Uint8Array, options: Omit<IngestOptions, 'stdin'> = {}): Promise<IngestReport> {
    const { readInputs, STDIN_PATH } = await import('../ingest/index.ts');
    return this.ingestItems(readInputs([STDIN_PATH], Readable.from([text])), options);
  }

  async ingestItems(items: AsyncIterable<IngestItem>, options: IngestOptions = {}): Promise<IngestReport> {
    const jobs = options.jobs ?? 1;
    if (!Number.isInteger(jobs) || jobs < 1) throw new NewsfoldError('E_USAGE', `jobs must be a whole number of at least 1, got ${jobs}`);
    const clock = new StageClock();
    // One thread: each stage timed here. Workers: they time their stages (in parallel, so those times are
    // thread time); this thread's wait for the next prepared article is the 'prepare (wait)' stage.
    const prepared = prepareItems(clock.timeIterator('read', items), this.settings.sketch, jobs, { onWait: (ms) => (clock.totals['prepare (wait)'] += ms) });
    return this.ingestPrepared(prepared, options, clock);
  }

  /**
   * Applies prepared articles (prepareForIngest's payloads, made in this process or any other with the same
   * sketch settings) in the order given: relations, stories, store. What ingestItems does after preparing.
   */
  async ingestPrepared(prepared: AsyncIterable<PreparedItem>, options: IngestOptions = {}, clock: StageClock = new StageClock()): Promise<IngestReport> {
    await this.ensureSettings();
    const report = emptyIngestReport(clock);
    const touched = options.touchedStories === false ? undefined : new Set<string>();
    const problem = (found: InputProblem) => {
      report.problems.push(found);
      options.onProblem?.(found);
    };
    let batch: ReadyArticle[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const articles = batch;
      batch = [];
      await this.applyBatch(articles, report, clock, { ingest: options, ...(touched === undefined ? {} : { touched }) });
    };
    for await (const item of prepared) {
      let path: string;
      if (item.kind === 'problem') {
        problem(item.problem);
        path = item.problem.path;
      } else {
        report.read++;
        path = item.path;
        const { timings } = item.prepared;
        clock.totals['clean+text'] += timings.cleanText;
        clock.totals.sketch += timings.sketch;
        clock.totals.vectors += timings.vectors;
        if (item.prepared.ok) batch.push({ article: item.prepared.article, sketch: item.prepared.sketch, frequencies: item.prepared.frequencies, paragraphKeys: item.prepared.paragraphKeys, words: item.prepared.words });
        else problem(item.prepared.problem);
      }
      options.onProgress?.({ path, read: report.read, stored: report.stored, problems: report.problems.length });
      if (batch.length >= this.settings.batchSize) await flush();
    }
    await flush();
    report.touchedStories = touched === undefined ? [] : [...touched];
    return report;
  }

  /**
   * The stored document frequencies of every term of the batch, to be counted up as it is applied: those this
   * process kept from its previous batch when no other writer has committed since (the batch's transaction
   * carries `sequence`, the previous one sequence - 1), the rest read from the store at once.
   */
  private async batchFrequencies(articles: readonly ReadyArticle[], sequence: number): Promise<BatchFrequencies> {
    let kept = this.keptFrequencies;
    this.keptFrequencies = undefined;
    if (kept !== undefined && (kept.sequence !== sequence - 1 || kept.frequencies.size > KEPT_FREQUENCY_TERMS)) kept = undefined;
    const counts = kept?.frequencies ?? new Map<string, TermCount>();
    // Each article's terms looked up once here (the kept ones found at once, the rest once read from the store),
    // not once to find what to read and again as the article is applied.
    const found: (TermCount | undefined)[][] = [];
    const unread = new Set<string>();
    for (const ready of articles) found.push(knownCounts(ready.frequencies, counts, unread));
    const stored = await this.store.documentFrequencies([...unread]);
    termCounts(stored.frequencies, counts);
    const articleCounts = articles.map((ready, index) => fillCounts(ready.frequencies, found[index]!, counts));
    return { documents: kept?.documents ?? stored.documents, frequencies: counts, vocabulary: kept?.vocabulary ?? sharedVocabulary(), addedTerms: [], addedCounts: [], addedDocuments: 0, articleCounts };
  }

  /** After a commit: the batch's story changes become events, and touched stories are noted for the report. */
  private publishBatch(touched: Set<string>): void {
    const events: StoryEvent[] = [];
    const merged = new Map(this.batchMerges.map((merge) => [merge.from, merge.into]));
    for (const [storyId, change] of this.batchChanges) {
      if (!merged.has(storyId)) touched.add(storyId);
      events.push(change.created
        ? { type: 'created', storyId, headline: change.headline, articles: change.articles }
        : { type: 'grown', storyId, headline: change.headline, articles: change.articles, added: change.added });
    }
    for (const { from, into } of this.batchMerges) {
      touched.delete(from);
      touched.add(into);
      events.push({ type: 'merged', storyId: from, into });
    }
    for (const event of events) this.emitStoryEvent(event);
  }

  private emitStoryEvent(event: StoryEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /**
   * Follows the story events of other processes writing to this engine's store and passes them to this engine's
   * listeners, so `serve` tells GET /events and the live page of them (before, only its own POSTs did): on
   * PostgreSQL those queue workers announce, on SQLite the commits of any other process (`ingest`, `watch`),
   * looked for every `intervalMs`. Resolves with the function that stops it.
   */
  async followOtherWriters(intervalMs?: number): Promise<() => Promise<void>> {
    if (this.store instanceof SqliteStore) {
      const { followSqliteCommits } = await import('./follow-sqlite.ts');
      const own = new Set<number>();
      this.ownCommits = own;
      const stop = followSqliteCommits(this.store, own, (event) => this.emitStoryEvent(event), intervalMs);
      return async () => {
        this.ownCommits = undefined;
        await stop();
      };
    }
    const { followStoryEvents } = await import('./queue.ts');
    const stop = await followStoryEvents(this.store, (event) => this.emitStoryEvent(event));
    this.followingChannel = true;
    return async () => {
      this.followingChannel = false;
      await stop();
    };
  }

  /**
   * The order-dependent stages for one batch of prepared articles, in one write transaction: in stream order,
   * each is matched against every stored article, weighted by the stored document frequencies, stored and
   * assigned to a story. Used by ingest and by queue workers (engine/queue.ts).
   */
  async applyBatch(batch: readonly PreparedArticle[], report: IngestReport, clock: StageClock = new StageClock(), apply: ApplyOptions = {}): Promise<void> {
    await this.ensureSettings();
    const ready: ReadyArticle[] = streamOrder(
      batch.map((entry) => ({
        article: this.datedAsStored(entry.article, report, apply.ingest),
        sketch: entry.sketch ?? clock.time('sketch', () => sketchArticle(entry.article, this.settings.sketch)),
        frequencies: entry.frequencies ?? clock.time('vectors', () => termFrequencies(entry.article)),
        paragraphKeys: entry.paragraphKeys ?? clock.time('match', () => stockParagraphKeys(entry.article.text)),
        ...(entry.words === undefined ? {} : { words: entry.words }),
      })),
    );
    this.batchChanges = new Map();
    this.batchMerges = [];
    let batchSequence = 0;
    let batchFrequencies: BatchFrequencies | undefined;
    try {
      await this.store.transaction(async () => {
        // Other writers may have committed since this process's last batch: the story index takes that in.
        const sequence = await this.store.changeSequence();
        await this.storyCandidates.catchUp(this.store, sequence);
        const frequencies = await clock.timeAsync('store', () => this.batchFrequencies(ready, sequence));
        // Ingest times are stamped here, under the write lock, strictly increasing in the order articles are
        // stored: "first ingest" (a relation's direction without evidence) then means the same whichever
        // process or host prepared an article, and whatever its clock.
        let stamp = await this.store.newestIngestTime();
        // Which of the batch are stored already, in one read; the batch's own articles join the set as they are stored.
        const stored = await clock.timeAsync('store', () => this.store.storedArticleIds(ready.map((entry) => entry.article.id)));
        for (let index = 0; index < ready.length; index++) {
          const entry = ready[index]!;
          stamp = Math.max(Date.now(), stamp + 1);
          await this.addArticle({ ...entry, article: { ...entry.article, ingestedAt: stamp } }, frequencies.articleCounts[index]!, frequencies, stored, report, clock, apply.ingest ?? {});
        }
        await clock.timeAsync('store', () => this.store.addDocumentTermCounts(frequencies.addedTerms, addedCounts(frequencies), frequencies.addedDocuments));
        await apply.withinTransaction?.();
        batchSequence = sequence;
        batchFrequencies = frequencies;
        // Told by publishBatch once committed: a follower of the file's commits leaves this sequence alone.
        this.ownCommits?.add(sequence);
      });
      // Committed: the batch's counts (added in place as it was applied) are now the store's.
      if (batchFrequencies !== undefined) {
        for (const count of batchFrequencies.addedCounts) count.added = 0;
        this.keptFrequencies = { sequence: batchSequence, documents: batchFrequencies.documents + batchFrequencies.addedDocuments, frequencies: batchFrequencies.frequencies, vocabulary: batchFrequencies.vocabulary };
      }
    } catch (error) {
      // Rolled back: the sequence is free for another writer's commit, which a follower must tell.
      if (batchSequence !== 0) this.ownCommits?.delete(batchSequence);
      // The transaction rolled back: the in-memory index may hold stories the store no longer has, and the
      // profiles articles that were never stored (or are stamped anew when the batch is applied again).
      this.storyCandidates.reset();
      this.profiles.clear();
      throw error;
    }
    this.publishBatch(apply.touched ?? new Set());
  }

  /** The article with a publication date that has not come yet taken as unknown, reported as its record's problem. */
  private datedAsStored(article: Article, report: IngestReport, options: IngestOptions | undefined): Article {
    const checked = withoutFutureDate(article, Date.now());
    if (checked.problem !== undefined) {
      report.problems.push(checked.problem);
      options?.onProblem?.(checked.problem);
    }
    return checked.article;
  }

  private async ensureSettings(): Promise<void> {
    if (this.settingsChecked) return;
    await this.store.checkIndexSettings(describeSketchSettings(this.settings.sketch));
    this.settingsChecked = true;
  }

  /** The cached profile of a stored article, made most recently used; undefined when not cached. */
  private cachedProfileOf(id: string): CachedProfile | undefined {
    const profiles = this.profiles.get(id);
    if (profiles === undefined) return undefined;
    // Most recently used last: the first key is the one to evict.
    this.profiles.delete(id);
    this.profiles.set(id, profiles);
    return profiles;
  }

  /** The article's cached profile (made and cached when absent); `paragraphKeys` and `words` when already known. */
  private profilesOf(article: Article, paragraphKeys?: readonly string[], words?: CarriedWords): CachedProfile {
    let profiles = this.cachedProfileOf(article.id);
    if (profiles === undefined) {
      const carried = words === undefined ? undefined : carriedProfile(words);
      profiles = { article, words: carried ?? profileWords(article.text), paragraphKeys: paragraphKeys ?? stockParagraphKeys(article.text) };
      if (this.profiles.size >= this.settings.profileCacheSize) {
        const oldest = this.profiles.keys().next().value;
        if (oldest !== undefined) this.profiles.delete(oldest);
      }
      this.profiles.set(article.id, profiles);
    }
    return profiles;
  }

  private async addArticle(ready: ReadyArticle, counts: readonly TermCount[], df: BatchFrequencies, stored: Set<string>, report: IngestReport, clock: StageClock, options: IngestOptions): Promise<void> {
    const { store } = this;
    const { article, frequencies } = ready;
    const record = (status: IngestedRecord['status'], storyId?: string) => {
      if (options.onArticle === undefined) return;
      const outcome: IngestedRecord = { path: article.origin.path, id: article.id, status };
      if (article.origin.line !== undefined) outcome.line = article.origin.line;
      if (storyId !== undefined) outcome.storyId = storyId;
      options.onArticle(outcome);
    };
    if (stored.has(article.id)) {
      report.alreadyStored++;
      record('already-stored', await store.storyOfArticle(article.id));
      return;
    }
    // No vector of the previous article is held past here but the story index's, which notices and reloads.
    if (renewSharedVocabularyIfFull(this.settings.vocabularyLimit)) report.vocabularyRenewals++;

    const relations = await clock.timeAsync('match', () => this.relationsOf(ready));

    // Document frequencies as they would be had every earlier article of the batch been written one by one.
    const vector = clock.time('stories', () => batchTfidfVector(frequencies, counts, df));

    await clock.timeAsync('store', () => this.storeArticle(ready, relations, stored));
    let at = 0;
    for (const term of frequencies.keys()) {
      const count = counts[at++]!;
      if (count.added === 0) {
        df.addedTerms.push(term);
        df.addedCounts.push(count);
      }
      count.df++;
      count.added++;
    }
    df.addedDocuments++;
    report.stored++;
    report.relations += relations.length;

    const storyId = await clock.timeAsync('stories', () => this.assignStory(article, vector, relations, report));
    record('stored', storyId);
  }

  // The match and store steps are methods, not closures made per article (no closure per call: README, Development).

  /** The arriving article's relations to the stored articles its sketch finds. */
  private async relationsOf(ready: ReadyArticle): Promise<Relation[]> {
    const { store } = this;
    const { article, sketch, paragraphKeys, words } = ready;
    const lshHits = await store.findByBandKeys(sketch.bandKeys);
    const fingerprintHits = await store.findByFingerprints(sketch.fingerprints, sketch.probeKeys);
    const candidateIds = chooseCandidates(lshHits, fingerprintHits, article.id);
    // A candidate whose profile is cached holds its stored article already: only the others are read. Taken
    // out first, since caching the rest may evict them.
    const cached = new Map<string, CachedProfile>();
    for (const id of candidateIds) {
      const profiles = this.cachedProfileOf(id);
      if (profiles !== undefined) cached.set(id, profiles);
    }
    const read = new Map((await store.getArticles(candidateIds.filter((id) => !cached.has(id)))).map((other) => [other.id, other]));
    const found = candidateIds.filter((id) => cached.has(id) || read.has(id));
    // Word profiles only for an article with something to align against.
    if (found.length === 0) return [];
    const arriving = this.profilesOf(article, paragraphKeys, words);
    const others = found.map((id) => cached.get(id) ?? this.profilesOf(read.get(id)!));
    // Long paragraphs seen under many sources (a company block, a disclaimer) make no reuse (match/stock.ts).
    const stock = await this.paragraphSourcesFor(article, paragraphKeys, others);
    return others.flatMap((other) => relate(other, arriving, stock) ?? []);
  }

  /** Writes the article (without its vector), its paragraphs' source and its relations. */
  private async storeArticle(ready: ReadyArticle, relations: readonly Relation[], stored: Set<string>): Promise<void> {
    const { store } = this;
    const { article, sketch, paragraphKeys } = ready;
    // Without its vector: that is kept only for an article that heads a story of two or more (assignStory).
    await store.putArticle(article, { bandKeys: sketch.bandKeys, fingerprints: sketch.fingerprints });
    stored.add(article.id);
    await store.addParagraphSources(paragraphKeys, sourceOf(article));
    await store.putRelations(relations);
  }

  /**
   * How widely the paragraphs of an arriving article and its candidates are seen, from the store (so every
   * writer judges alike), counting the arriving article's own source as if already stored.
   */
  private async paragraphSourcesFor(article: Article, paragraphKeys: readonly string[], candidates: readonly CachedProfile[]): Promise<ParagraphSources> {
    const keys = new Set(paragraphKeys);
    for (const candidate of candidates) for (const key of candidate.paragraphKeys) keys.add(key);
    const sources = await this.store.paragraphSources([...keys]);
    const arrivingSource = sourceOf(article);
    for (const key of paragraphKeys) {
      const known = sources.get(key);
      if (known === undefined) sources.set(key, new Set([arrivingSource]));
      else known.add(arrivingSource);
    }
    return new ParagraphSources(sources);
  }

  /** Assigns the article to a story (new, joined or merged) and returns the story's id. */
  private async assignStory(article: Article, vector: TermVector, relations: readonly Relation[], report: IngestReport): Promise<string> {
    const { store } = this;
    const { time, timed } = articleTime(article);
    const arriving: ArrivingArticle = { id: article.id, title: article.title, vector, time, timed };
    const links: LinkedStory[] = [];
    for (const relation of relations) {
      const other = relation.a === article.id ? relation.b : relation.a;
      const storyId = await store.storyOfArticle(other);
      if (storyId === undefined) continue;
      // A lifted passage joins only articles near in time (stories/assign.ts, REUSE_LINK_MAX_GAP_MS).
      const otherArticle = relation.kind === 'reuse' || relation.kind === 'rewrite' ? (this.profiles.get(other)?.article ?? (await store.getArticles([other]))[0]) : undefined;
      links.push({ storyId, relation, otherArticleId: other, ...(otherArticle === undefined ? {} : { otherTime: articleTime(otherArticle) }) });
    }
    const decision = decideStory(arriving, links, await this.storyCandidates.candidatesFor(store, arriving, this.assignSettings), this.assignSettings);
    const storyId = decision.assignment.storyId;
    let state;
    let current: StoryState | undefined;
    if (decision.created) {
      state = startStory(storyId, arriving, Date.now());
      report.storiesCreated++;
    } else {
      current = await store.getStoryState(storyId);
      if (current === undefined) throw new NewsfoldError('E_STORE', `story ${storyId} vanished while assigning ${article.id}`);
      // A story of one article is headed by it, and its centroid is that article's vector (startStory); none
      // when that article was deleted, as when its vector is read.
      const headline = current.headlineArticleId;
      const headlineVector = current.size === 1 ? ((await store.hasArticle(headline)) ? current.centroid : undefined) : (await store.getTermVectors([headline])).get(headline);
      state = growStory(current, arriving, headlineVector);
    }
    for (const fromId of decision.merge) {
      const from = await store.getStoryState(fromId);
      if (from === undefined) continue;
      state = mergeStories(state, from);
      await store.mergeStory(fromId, storyId);
      this.storyCandidates.merged(fromId);
      this.batchMerges.push({ from: fromId, into: storyId });
      report.storiesMerged++;
    }
    // The headline's vector is read back only once its story holds two articles or more (above): it is kept
    // from then on, the arriving article's or, heading a story of one until now, the old centroid.
    if (state.size >= 2) {
      if (state.headlineArticleId === article.id) await store.keepTermVector(article.id, vector);
      else if (current !== undefined && current.size === 1 && state.headlineArticleId === current.headlineArticleId) await store.keepTermVector(current.headlineArticleId, current.centroid);
    }
    // The names its row shows, as the articles write them: the names shown till now, else the arriving one's spelling.
    state = { ...state, names: shownStoryNames(state.centroid, state.names ?? [], article.text, article.language) };
    const change = this.batchChanges.get(storyId) ?? { created: decision.created, added: 0, headline: state.headline, articles: 0 };
    change.added++;
    change.headline = state.headline;
    change.articles = state.size;
    this.batchChanges.set(storyId, change);
    await store.saveStoryState(state);
    this.storyCandidates.saved(state);
    await store.assignArticle(decision.assignment);
    return storyId;
  }
}
