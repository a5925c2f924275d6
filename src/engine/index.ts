// The engine composes the stages: ingest -> clean -> text -> sketch -> match -> stories, incrementally, into
// the Store it is given. Digests are computed when a story is read. Faces call this and nothing below it.
import { Readable } from 'node:stream';
import type { InputProblem } from '../errors.ts';
import { NewsfoldError } from '../errors.ts';
import { readInputs, STDIN_PATH, type IngestItem } from '../ingest/index.ts';
import { chooseCandidates, DEFAULT_SKETCH_SETTINGS, describeSketchSettings, sketchArticle, type SketchSettings } from '../match/candidates.ts';
import { relatable, relate, type RelatableArticle } from '../match/relate.ts';
import type { Article, Relation } from '../model.ts';
import { SqliteStore } from '../store/sqlite.ts';
import type { Store } from '../store/store.ts';
import { decideStory, DEFAULT_ASSIGN_SETTINGS, growStory, horizonTimes, mergeStories, startStory, type ArrivingArticle, type AssignSettings, type LinkedStory, type StoryHorizon } from '../stories/assign.ts';
import { renewSharedVocabularyIfFull, SHARED_VOCABULARY_LIMIT, termFrequencies, tfidfVector, type TermVector } from '../stories/vectors.ts';
import { prepareArticle } from './prepare.ts';
import { DEFAULT_STORY_CANDIDATE_SETTINGS, StoryCandidateIndex } from './story-candidates.ts';
import { StageClock, type StageName } from './timing.ts';
import { findArticle, findStory, summarize, type ArticleSummary, type ArticleView, type DigestOptions, type StoryView } from './views.ts';
import { dupesPage, keptStoryView, keptViewById, searchArticles, storyPage, storyRowsOf, type DupesPage, type DupesRequest, type SearchPage, type SearchRequest, type StoryPage, type StoryPageRequest, type StoryRow } from './read-side.ts';
import { copyGroups, GROUPING_KINDS, type CopyGroup } from '../match/groups.ts';

export type { ArticleSummary, ArticleView, DigestOptions, StoryView } from './views.ts';
export { storyFamilies } from './views.ts';
export type { CopyFamily, FamilyMember } from '../match/groups.ts';
export type { MarkedWord } from '../match/word-diff.ts';
export { STAGE_NAMES, type StageName } from './timing.ts';
export { countInputFiles } from '../ingest/index.ts';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_CHARACTERS, MAX_SEARCH_HITS, STORY_SORTS } from './read-side.ts';
export type { DupesPage, DupesRequest, SearchHit, SearchPage, SearchRequest, StoryPage, StoryPageRequest, StoryRow } from './read-side.ts';
export type { StorySort } from '../store/store.ts';
export { articleJson, compareJson, dupesJson, ingestReportJson, storiesJson, storyJson } from './json.ts';

export interface EngineSettings {
  sketch: SketchSettings;
  /** Articles per transaction: a crash loses at most one batch, and commits stay cheap. */
  batchSize: number;
  /** Events (a time window, decayed scores) or topics (no window): see StoryHorizon. */
  storyHorizon: StoryHorizon;
  /** Word profiles of recently aligned articles kept in memory; a cache, so results do not depend on it. */
  profileCacheSize: number;
  /** Terms the in-memory vocabulary may hold before it starts afresh (the story index is then rebuilt from the store). */
  vocabularyLimit: number;
}

export const DEFAULT_ENGINE_SETTINGS: EngineSettings = {
  sketch: DEFAULT_SKETCH_SETTINGS,
  batchSize: 256,
  storyHorizon: 'event',
  profileCacheSize: 4096,
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
  onArticle?: (record: IngestedRecord) => void;
  onProblem?: (problem: InputProblem) => void;
  onProgress?: (progress: IngestProgress) => void;
}

/** What happened to a story in one committed batch, for clients following live (GET /events). */
export type StoryEvent =
  | { type: 'created'; storyId: string; headline: string; articles: number }
  | { type: 'grown'; storyId: string; headline: string; articles: number; added: number }
  | { type: 'merged'; storyId: string; into: string };

export type StoryEventListener = (event: StoryEvent) => void;

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

function articleTime(article: Article): { time: number; timed: boolean } {
  const published = article.published === undefined ? Number.NaN : Date.parse(article.published);
  return Number.isNaN(published) ? { time: article.ingestedAt, timed: false } : { time: published, timed: true };
}

/** Stream order within a batch: by publication time where known, else as read. */
function streamOrder(batch: Article[]): Article[] {
  return batch
    .map((article, position) => ({ article, position, time: articleTime(article) }))
    .sort((x, y) => {
      if (x.time.timed && y.time.timed && x.time.time !== y.time.time) return x.time.time - y.time.time;
      return x.position - y.position;
    })
    .map((entry) => entry.article);
}

export class Engine {
  readonly store: Store;
  readonly settings: EngineSettings;
  private readonly profiles = new Map<string, RelatableArticle>();
  private settingsChecked = false;
  /** Live stories by centroid term: where an arriving article's story candidates come from. */
  readonly storyCandidates: StoryCandidateIndex;
  private readonly assignSettings: AssignSettings;
  private readonly listeners = new Set<StoryEventListener>();
  /** Stories changed by the batch being written: published as events once it commits. */
  private batchChanges = new Map<string, { created: boolean; added: number; headline: string; articles: number }>();
  private batchMerges: { from: string; into: string }[] = [];

  constructor(store: Store, settings: EngineSettings = DEFAULT_ENGINE_SETTINGS) {
    this.store = store;
    this.settings = settings;
    this.assignSettings = { ...DEFAULT_ASSIGN_SETTINGS, decayMs: horizonTimes(settings.storyHorizon).decayMs };
    this.storyCandidates = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: horizonTimes(settings.storyHorizon).windowMs });
  }

  /** Opens the embedded store at `dbPath` (created if absent) and an engine on it. */
  static openSqlite(dbPath: string, settings: EngineSettings = DEFAULT_ENGINE_SETTINGS): Engine {
    return new Engine(SqliteStore.open(dbPath), settings);
  }

  async close(): Promise<void> {
    await this.store.close();
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
      const [id, ...others] = await this.store.resolveStory(reference);
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

  /** Every group of copies and versions, largest first, then by earliest member. */
  async allCopyGroups(): Promise<CopyGroup[]> {
    const relations = await this.store.relationsOfKinds(GROUPING_KINDS);
    const ids = [...new Set(relations.flatMap((r) => [r.a, r.b]))];
    const articles = new Map((await this.store.getArticles(ids)).map((article) => [article.id, article]));
    return copyGroups(relations, articles);
  }

  /** Two articles aligned afresh: the relation between them (undefined when they share nothing worth one). */
  async compare(first: string, second: string): Promise<{ x: Article; y: Article; relation: Relation | undefined }> {
    const x = (await this.article(first)).article;
    const y = (await this.article(second)).article;
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

  /** One article by id, unique id prefix, external id, path or URL. */
  async article(reference: string): Promise<ArticleView> {
    return findArticle(this.store, reference);
  }

  /**
   * Removes one article (by id, unique prefix, external id, path or URL) from the store and the copy index,
   * with its relations and story membership; returns its id. Other articles and stories are left as they are.
   */
  async deleteArticle(reference: string): Promise<string> {
    const { article } = await findArticle(this.store, reference);
    await this.store.transaction(() => this.store.deleteArticle(article.id));
    this.profiles.delete(article.id);
    return article.id;
  }

  /** Reads, cleans, indexes, relates and assigns every article under `paths`. Bad inputs are reported, not fatal. */
  async ingest(paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
    return this.ingestItems(readInputs(paths, options.stdin), options);
  }

  /** Ingests JSON Lines given as text (an HTTP body): problems name their line numbers. */
  async ingestJsonLines(text: string, options: Omit<IngestOptions, 'stdin'> = {}): Promise<IngestReport> {
    return this.ingestItems(readInputs([STDIN_PATH], Readable.from([text])), options);
  }

  async ingestItems(items: AsyncIterable<IngestItem>, options: IngestOptions = {}): Promise<IngestReport> {
    await this.ensureSettings();
    const clock = new StageClock();
    const report: IngestReport = { read: 0, stored: 0, alreadyStored: 0, problems: [], relations: 0, storiesCreated: 0, storiesMerged: 0, touchedStories: [], vocabularyRenewals: 0, stageMs: clock.totals };
    const touched = new Set<string>();
    const problem = (found: InputProblem) => {
      report.problems.push(found);
      options.onProblem?.(found);
    };
    let batch: Article[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const articles = streamOrder(batch);
      batch = [];
      this.batchChanges = new Map();
      this.batchMerges = [];
      try {
        await this.store.transaction(async () => {
          for (const article of articles) await this.addArticle(article, report, clock, options);
        });
      } catch (error) {
        // The transaction rolled back: the in-memory index may hold stories the store no longer has.
        this.storyCandidates.reset();
        throw error;
      }
      this.publishBatch(touched);
    };
    let lastPath = '';
    for await (const item of clock.timeIterator('read', items)) {
      if (item.kind === 'problem') {
        problem(item.problem);
      } else {
        report.read++;
        const prepared = clock.time('clean+text', () => prepareArticle(item.raw, Date.now()));
        if (prepared.ok) batch.push(prepared.article);
        else problem(prepared.problem);
      }
      const path = item.kind === 'problem' ? item.problem.path : item.raw.origin.path;
      if (path !== lastPath) {
        lastPath = path;
        options.onProgress?.({ path, read: report.read, stored: report.stored, problems: report.problems.length });
      }
      if (batch.length >= this.settings.batchSize) await flush();
    }
    await flush();
    report.touchedStories = [...touched];
    return report;
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
    for (const event of events) for (const listener of this.listeners) listener(event);
  }

  private async ensureSettings(): Promise<void> {
    if (this.settingsChecked) return;
    await this.store.checkIndexSettings(describeSketchSettings(this.settings.sketch));
    this.settingsChecked = true;
  }

  private profilesOf(article: Article): RelatableArticle {
    let profiles = this.profiles.get(article.id);
    if (profiles === undefined) {
      profiles = relatable(article);
      if (this.profiles.size >= this.settings.profileCacheSize) {
        const oldest = this.profiles.keys().next().value;
        if (oldest !== undefined) this.profiles.delete(oldest);
      }
      this.profiles.set(article.id, profiles);
    }
    return profiles;
  }

  private async addArticle(article: Article, report: IngestReport, clock: StageClock, options: IngestOptions): Promise<void> {
    const { store } = this;
    const record = (status: IngestedRecord['status'], storyId?: string) => {
      if (options.onArticle === undefined) return;
      const outcome: IngestedRecord = { path: article.origin.path, id: article.id, status };
      if (article.origin.line !== undefined) outcome.line = article.origin.line;
      if (storyId !== undefined) outcome.storyId = storyId;
      options.onArticle(outcome);
    };
    if (await store.hasArticle(article.id)) {
      report.alreadyStored++;
      record('already-stored', await store.storyOfArticle(article.id));
      return;
    }
    const sketch = clock.time('sketch', () => sketchArticle(article, this.settings.sketch));
    // No vector of the previous article is held past here but the story index's, which notices and reloads.
    if (renewSharedVocabularyIfFull(this.settings.vocabularyLimit)) report.vocabularyRenewals++;

    const relations = await clock.timeAsync('match', async () => {
      const lshHits = await store.findByBandKeys(sketch.bandKeys);
      const fingerprintHits = await store.findByFingerprints(sketch.fingerprints);
      const candidates = await store.getArticles(chooseCandidates(lshHits, fingerprintHits, article.id));
      const arriving = this.profilesOf(article);
      return candidates.flatMap((other) => relate(this.profilesOf(other), arriving) ?? []);
    });

    const frequencies = termFrequencies(article);
    const terms = [...frequencies.keys()];
    const vector = await clock.timeAsync('stories', async () => {
      const { documents, frequencies: df } = await store.documentFrequencies(terms);
      return tfidfVector(frequencies, documents, df);
    });

    await clock.timeAsync('store', async () => {
      await store.putArticle(article, { ...sketch, terms: vector });
      await store.addDocumentTerms(terms);
      await store.putRelations(relations);
    });
    report.stored++;
    report.relations += relations.length;

    const storyId = await clock.timeAsync('stories', () => this.assignStory(article, vector, relations, report));
    record('stored', storyId);
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
      if (storyId !== undefined) links.push({ storyId, relation, otherArticleId: other });
    }
    const decision = decideStory(arriving, links, await this.storyCandidates.candidatesFor(store, arriving), this.assignSettings);
    const storyId = decision.assignment.storyId;
    let state;
    if (decision.created) {
      state = startStory(storyId, arriving, Date.now());
      report.storiesCreated++;
    } else {
      const current = await store.getStoryState(storyId);
      if (current === undefined) throw new NewsfoldError('E_STORE', `story ${storyId} vanished while assigning ${article.id}`);
      const headlineVector = (await store.getTermVectors([current.headlineArticleId])).get(current.headlineArticleId);
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
