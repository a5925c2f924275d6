// The embedded store: one SQLite file through better-sqlite3, no set-up. Schema versioned with
// PRAGMA user_version; batches are transactions, so an interrupted ingest loses nothing committed before.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { isReadOnlyStore, NewsfoldError, READ_ONLY_STORE_HINT } from '../errors.ts';
import { CopyIndex, decodeCopySketch, encodeCopySketch, type CopyIndexMark, type CopyKeys } from '../sketch/copy-index.ts';
import { COPY_SNAPSHOT_KEY, decodeSnapshotTail, encodeSnapshotTail, isOlderSnapshotFormat, SNAPSHOT_TAIL_PART, snapshotDue, snapshotFromPieces, snapshotPieces, SNAPSHOTS_SUPPORTED, type SnapshotHeader } from './copy-snapshot.ts';
import type { Article, Assignment, Relation, RelationKind, Story } from '../model.ts';
import { shownStoryNames } from '../stories/names.ts';
import { sharedVocabulary, TermVector, Vocabulary } from '../stories/vectors.ts';
import { StoryTermIds, type StoryTermRow } from './story-terms.ts';
import { MultiRowStatement, repeatedRows } from './multi-row.ts';
import type { ArticleIndexEntry, ArticleSearchHit, ArticleSearchQuery, IndexSettingsRecord, Store, StoredCentroid, StoryIndexEntry, StoryQuery, StoryState, StorySummary } from './store.ts';
import { urlKey } from '../ingest/url.ts';
import { MATCH_END, MATCH_START, MAX_SEARCH_WORDS, searchWords, SNIPPET_WORDS, snippetRanges } from './search-text.ts';
import { ARTICLE_COLUMNS, articleFromRow, NO_SIGNATURE, NO_TERMS, parseStored, CHANGE_SEQUENCE_KEY, COPY_DELETIONS_KEY, DOCUMENT_COUNT_KEY, MAX_MERGE_HOPS, relationFromRow, decodeCentroid, encodeCentroid, migratedStoryColumns, sourcesByParagraph, storyTermIdsOfRows, storedIndexTerms, storyRowValues, storyStatesInOrder, withShownNames, STORY_INDEX_COLUMNS_WITH_CENTROID, STORY_STATE_COLUMNS, storyIndexEntryFromRow, storedCentroidOf, storedCentroidsOfRows, untimedSince, type StoryStateRow, storyStateFromRow, type ArticleRow, type RelationRow, type StoryIndexRow, type StoryRow } from './rows.ts';

/** Tables a current database must have: one dropped or renamed is a damaged store, refused at open. */
function schemaTables(): string[] {
  // Schema 5's story_terms is folded into term_df by schema 7.
  return [...`${SCHEMA}${COPY_SKETCHES}${READ_SIDE}${PARAGRAPH_SOURCES}${SCHEMA_4}${SCHEMA_8}`.matchAll(/CREATE TABLE (\w+)/g)].map((match) => match[1] as string);
}

/** A story another process's commit changed (SqliteStore.committedStoryChanges). */
export interface CommittedStoryChange {
  id: string;
  headline: string;
  articles: number;
  /** Its articles ingested after the time asked about: all of them for a story that is new since. */
  added: number;
  mergedInto: string | null;
}

/** A story another process's deletions took articles from (SqliteStore.committedStoryChanges). */
export interface CommittedStoryRemoval {
  id: string;
  headline: string;
  /** Articles left in it now. */
  articles: number;
  /** Its articles deleted by the transactions looked at. */
  removed: number;
  /** The change sequence of the last of those deletions. */
  sequence: number;
}

export interface CommittedStoryChanges {
  sequence: number;
  newestIngest: number;
  stories: (CommittedStoryChange & { sequence: number })[];
  removals: CommittedStoryRemoval[];
}

export interface OpenOptions {
  /** For read commands: a missing file is an error naming it, and an older schema is not migrated. */
  mustExist?: boolean;
  /** For `newsfold upgrade`: a missing file is an error naming it, and an older schema is migrated. */
  upgradeOnly?: boolean;
  /** How long a writer waits for another process's lock before E_STORE_BUSY (default STORE_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
}

/** The hint for a database of an earlier schema: it is not damaged, only older. */
const OLDER_SCHEMA_HINT = 'The database is intact: upgrading adds what this version keeps and loses no article, relation or story. Keep a copy first if an older newsfold must still read it.';

/** Bump with a migration in `migrate` whenever the tables change. */
export const SCHEMA_VERSION = 8;

/**
 * How long a writer waits for another process's write transaction before giving up with E_STORE_BUSY. A batch
 * of HTML pages can hold the lock for several seconds on a slow machine; two minutes covers many such batches
 * queued ahead while still ending a run that waits on a hung process.
 */
export const STORE_BUSY_TIMEOUT_MS = 120_000;


/**
 * Schema 3: every story row carries the change sequence of the transaction that last wrote it, so a process
 * sharing the file can read what other writers changed since it last looked.
 */
const CHANGE_TRACKING = `
ALTER TABLE stories ADD COLUMN changed_seq INTEGER NOT NULL DEFAULT 0;
CREATE INDEX stories_changed_seq ON stories(changed_seq);
CREATE INDEX articles_ingested_at ON articles(ingested_at);
`;

/**
 * Schema 4: each story's index terms (rows.ts storedIndexTerms) beside its centroid, so opening a store for
 * ingest reads the stories an arrival can reach without parsing their centroids (storyIndexEntries); the
 * centroids themselves are rewritten in their packed form (rows.ts encodeCentroid), quicker to read. And the
 * copy index's snapshot (copy-snapshot.ts), written by the first ingest that loads the index.
 */
const SCHEMA_4 = `
ALTER TABLE stories ADD COLUMN index_terms TEXT;
CREATE TABLE copy_index_snapshot (part TEXT NOT NULL, piece INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (part, piece));
`;

/**
 * Schema 5: the terms of story centroids stored once (story-terms.ts), and stories' centroids and index terms
 * as their ids (rows.ts ID_FORM): opening a store for ingest interns each distinct term once, not once per story.
 */
const SCHEMA_5 = `
CREATE TABLE story_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
`;

/**
 * Schema 6: live stories by timed and last time. The newest dated story (what opening a store for ingest asks
 * first) was found by walking the last-time index down past every untimed story stamped later, half the
 * stories of the stream benchmark: 12 ms warm at 10,000 articles, growing with the archive; 0.02 ms with this.
 */
const SCHEMA_6 = `
CREATE INDEX stories_live_timed ON stories(timed, last_time) WHERE merged_into IS NULL;
`;

/**
 * Schema 7: fewer B-trees written per article. A batch writes keys scattered over these tables and indexes, so
 * once they are large each key dirties a page of its own (9,435 pages for 200 articles into a 100k store,
 * session 21): the fewer trees a key goes into, the fewer pages are read, written to the WAL and checkpointed.
 * - Document frequencies in one tree keyed by the term (WITHOUT ROWID): a rowid table with a unique term was
 *   two, the term index written for every new term and the table for every counted one.
 * - Story terms (schema 5) folded into it: a story term's id is a column of its term's row, which the batch's
 *   counts write anyway (a story's terms are its articles' terms), and the index by id takes new ids at its end;
 *   the table of story terms was a second tree keyed by term. A story term not counted (none at rest) has df 0.
 * - Story sources keyed WITHOUT ROWID by story, source, language, without the indexes by source and by language:
 *   a listing's source or language filter looks up the story's own rows (the key's prefix).
 * - No index of stories by last time alone: every query by last time is of live stories, which
 *   stories_live_recent and stories_live_timed answer.
 */
const SCHEMA_7 = `
CREATE TABLE term_df_7 (term TEXT PRIMARY KEY, df INTEGER NOT NULL, story_term INTEGER) WITHOUT ROWID;
INSERT INTO term_df_7 (term, df, story_term) SELECT term, df, (SELECT id FROM story_terms s WHERE s.term = t.term) FROM term_df t ORDER BY term;
INSERT INTO term_df_7 (term, df, story_term) SELECT term, 0, id FROM story_terms s WHERE NOT EXISTS (SELECT 1 FROM term_df t WHERE t.term = s.term);
DROP TABLE term_df;
DROP TABLE story_terms;
ALTER TABLE term_df_7 RENAME TO term_df;
CREATE UNIQUE INDEX term_df_story_term ON term_df(story_term) WHERE story_term IS NOT NULL;
CREATE TABLE story_sources_7 (
  story_id TEXT NOT NULL,
  source TEXT NOT NULL,
  language TEXT NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (story_id, source, language)
) WITHOUT ROWID;
INSERT INTO story_sources_7 (story_id, source, language, articles)
  SELECT story_id, source, language, articles FROM story_sources ORDER BY story_id, source, language;
DROP TABLE story_sources;
ALTER TABLE story_sources_7 RENAME TO story_sources;
DROP INDEX IF EXISTS stories_last_time;
`;

/**
 * Schema 8 (session 33):
 * - A tombstone per deleted article with the story it left, under its transaction's change sequence, so a
 *   process following the file's commits (`serve`) tells of another process's deletions; kept for
 *   DELETION_SEQUENCES_KEPT sequences.
 * - Each article's URL key (ingest/url.ts urlKey, as its identity uses it), indexed in place of the raw URL:
 *   `watch --feeds` asks whether a link's page is stored before fetching it, and a reference by URL finds its
 *   article whatever tracking parameters or scheme it is given with. One index still, so ingest writes no more.
 */
const SCHEMA_8 = `
CREATE TABLE article_deletions (seq INTEGER NOT NULL, article_id TEXT NOT NULL, story_id TEXT, PRIMARY KEY (seq, article_id)) WITHOUT ROWID;
ALTER TABLE articles ADD COLUMN url_key TEXT;
DROP INDEX IF EXISTS articles_url;
CREATE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL;
`;

/**
 * Deletion tombstones kept, in change sequences: a follower looks every second, so only the last few are ever
 * read; the table stays small however many articles are deleted over the years.
 */
export const DELETION_SEQUENCES_KEPT = 100_000;

/**
 * The copy index's persistent form (schema 2): one row per article holding its band keys and sampled
 * fingerprints as one blob, about 300 bytes, where schema 1 kept one indexed row per key (several KB).
 * The slot is never reused (AUTOINCREMENT), because the in-memory index tombstones deleted slots.
 */
const COPY_SKETCHES = `
CREATE TABLE copy_sketches (slot INTEGER PRIMARY KEY AUTOINCREMENT, article_id TEXT NOT NULL UNIQUE, sketch BLOB NOT NULL);
`;

/**
 * The read side (schema 3): each story's compact row kept as it changes (version, article count, top names),
 * its sources and languages for filters, its last computed view, and full-text search over articles (FTS5,
 * external content: the text is stored once, in articles). A listing reads these and computes nothing.
 */
const READ_SIDE = `
ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN top_names TEXT NOT NULL DEFAULT '[]';
CREATE INDEX stories_live_recent ON stories(last_time, id) WHERE merged_into IS NULL;
CREATE INDEX stories_live_size ON stories(article_count, id) WHERE merged_into IS NULL;
CREATE TABLE story_sources (
  story_id TEXT NOT NULL,
  source TEXT NOT NULL,
  language TEXT NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (story_id, source, language)
);
CREATE INDEX story_sources_source ON story_sources(source, story_id);
CREATE INDEX story_sources_language ON story_sources(language, story_id);
CREATE TABLE story_views (story_id TEXT PRIMARY KEY, version INTEGER NOT NULL, view TEXT NOT NULL);
CREATE INDEX articles_url ON articles(url);
CREATE VIRTUAL TABLE article_search USING fts5(title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
`;

/**
 * Schema 3: which sources carry each long paragraph (a hash of its normalised text), so that a paragraph
 * repeated under many sources is known as stock text by every writer (match/stock.ts).
 */
const PARAGRAPH_SOURCES = `
CREATE TABLE paragraph_sources (paragraph TEXT NOT NULL, source TEXT NOT NULL, PRIMARY KEY (paragraph, source)) WITHOUT ROWID;
`;

/** Fills the read side of a schema-2 database from what it holds. */
const READ_SIDE_FILL = `
INSERT INTO story_sources (story_id, source, language, articles)
  SELECT sa.story_id, coalesce(a.source, ''), a.language, count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
  GROUP BY sa.story_id, coalesce(a.source, ''), a.language;
UPDATE stories SET article_count = (SELECT count(*) FROM story_articles sa WHERE sa.story_id = stories.id) WHERE merged_into IS NULL;
INSERT INTO article_search (article_search) VALUES ('rebuild');
`;

const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
  id TEXT PRIMARY KEY,
  content_hash TEXT NOT NULL,
  path TEXT NOT NULL,
  line INTEGER,
  format TEXT NOT NULL,
  external_id TEXT,
  url TEXT,
  source TEXT,
  title TEXT NOT NULL,
  published TEXT,
  byline TEXT,
  dateline TEXT,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  paragraphs TEXT NOT NULL,
  sentences TEXT NOT NULL,
  dropped TEXT NOT NULL,
  ingested_at INTEGER NOT NULL,
  signature BLOB NOT NULL,
  terms TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE INDEX articles_path ON articles(path);
CREATE TABLE relations (
  a TEXT NOT NULL,
  b TEXT NOT NULL,
  kind TEXT NOT NULL,
  score REAL NOT NULL,
  coverage_a REAL NOT NULL,
  coverage_b REAL NOT NULL,
  direction_known INTEGER NOT NULL,
  direction_reason TEXT NOT NULL,
  passages TEXT NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE INDEX relations_b ON relations(b);
CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  headline TEXT NOT NULL,
  headline_article TEXT NOT NULL,
  first_time INTEGER NOT NULL,
  last_time INTEGER NOT NULL,
  timed INTEGER NOT NULL,
  size INTEGER NOT NULL,
  centroid TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  merged_into TEXT
);
CREATE INDEX stories_last_time ON stories(last_time);
CREATE TABLE story_articles (
  article_id TEXT PRIMARY KEY,
  story_id TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  score REAL NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);
`;

/** Bytes of UTF-8 a UTF-16 code unit can take, as written (3) or as JSON escapes it (a control character, 6). */
const MAX_BYTES_PER_UNIT = 6;
/** Bytes a count can take: a safe integer's 16 digits, or a number written by String. */
const MAX_COUNT_BYTES = 32;

/** Whether JSON.stringify(term) is `"${term}"`: no quote, backslash, control character or surrogate (lone ones are escaped). */
function plainJsonString(term: string): boolean {
  for (let i = 0; i < term.length; i++) {
    const c = term.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/**
 * The UTF-8 of `{"term":count,...}` for `terms` in their order, each with the count at its position in `counts`, as
 * `{${terms.map((t, i) => `${JSON.stringify(t)}:${counts[i]}`)}}` would encode. Counts by position, not looked up by
 * term: a batch's 25,000 lookups in a map of as many were most of this function's time.
 */
export function termCountsJson(terms: readonly string[], counts: readonly number[]): Buffer {
  // Indexed loops: this runs once a batch, unoptimised, where for...of makes an iterator result a term.
  let needed = 2;
  for (let i = 0; i < terms.length; i++) needed += MAX_BYTES_PER_UNIT * terms[i]!.length + 4 + MAX_COUNT_BYTES;
  // A buffer a batch (its bound is megabytes for a large batch: not kept between batches).
  const buffer = Buffer.allocUnsafe(needed);
  let at = 0;
  buffer[at++] = 0x7b; // {
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    if (at > 1) buffer[at++] = 0x2c; // ,
    if (plainJsonString(term)) {
      buffer[at++] = 0x22;
      at += buffer.write(term, at, 'utf8');
      buffer[at++] = 0x22;
    } else at += buffer.write(JSON.stringify(term), at, 'utf8');
    buffer[at++] = 0x3a; // :
    const count = counts[i]!;
    if (Number.isSafeInteger(count) && count >= 0) {
      // The digits of a whole count, written without making its string.
      let digits = 1;
      for (let power = 10; power <= count; power *= 10) digits++;
      let rest = count;
      for (let i = at + digits - 1; i >= at; i--) {
        buffer[i] = 0x30 + (rest % 10);
        rest = Math.floor(rest / 10);
      }
      at += digits;
    } else at += buffer.write(String(count), at, 'latin1');
  }
  buffer[at++] = 0x7d; // }
  return buffer.subarray(0, at);
}

/** How long an open answered SQLITE_BUSY at once sleeps before it tries again (a new file's WAL switch takes about a millisecond). */
const OPEN_RETRY_MS = 25;
const OPEN_RETRY_SLEEP = new Int32Array(new SharedArrayBuffer(4));

function busyError(what: string, timeoutMs: number): NewsfoldError {
  return new NewsfoldError('E_STORE_BUSY', `${what} stayed locked by another writer for ${timeoutMs / 1000} s`);
}

/** Runs `work`, turning SQLite's "database is locked" after the busy wait into E_STORE_BUSY. */
function busyAsError<T>(what: string, timeoutMs: number, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY') throw busyError(what, timeoutMs);
    throw error;
  }
}

export { MAX_SEARCH_WORDS };

/**
 * Plain words as an FTS5 query: each word quoted (so no operator, column filter or syntax error can come from
 * the user's text), all of them required. Undefined when the text has no word.
 */
export function ftsQuery(text: string): string | undefined {
  const words = searchWords(text);
  return words.length === 0 ? undefined : words.map((word) => `"${word}"`).join(' ');
}

/**
 * Matching articles a search ranks, the most recently stored first: ranking every match of a word found in half
 * the archive would make one request's cost grow with the archive (`npm run bench:serve` prints the cost).
 */
export const MAX_MATCHED_ARTICLES = 2000;
/**
 * Matching articles a story listing's text filter maps to their stories, most recently stored first. Each costs
 * two lookups (article row, story membership): on the bench store 2,000 took 42 ms for a word in most articles,
 * so a listing, which shows the most recent stories first anyway, looks at fewer.
 */
export const MAX_FILTER_ARTICLES = 500;

/** Why a kept view may go unwritten: the view is made again next time (a full disk too: a read must not fail for it). */
function isBusyOrReadOnly(error: unknown): boolean {
  const code = String((error as { code?: unknown }).code ?? '');
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_FULL';
}

/** An article reference may be the id the input gave, the input path or the URL: each column indexed. */
const ARTICLE_REFERENCE_LOOKUPS = [
  'SELECT id FROM articles WHERE external_id = ? LIMIT 20',
  'SELECT id FROM articles WHERE path = ? LIMIT 20',
];

/** The ids starting with `prefix` are those in [prefix, prefix + U+FFFF): a range the primary key index answers. */
function prefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\uffff`];
}

/** An embedded store never loses its connection. */
const NEVER_LOST: Promise<Error> = new Promise(() => undefined);

export class SqliteStore implements Store {
  readonly lost = NEVER_LOST;
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();
  /** The copy index in memory, loaded from copy_sketches on first use and kept in step after. */
  private copyIndex: CopyIndex | undefined;
  /** What this process knows of the story terms (term_df.story_term; ids <-> the vocabulary's ids). */
  private readonly storyTerms = new StoryTermIds();
  /** Highest copy_sketches slot in the in-memory index: other writers' later slots are read at the next transaction. */
  private copyIndexSlot = 0;
  /** copy_deletions when the index was loaded: another writer's deletion makes it load afresh. */
  private copyIndexDeletions = 0;
  /** Articles in the stored snapshot of the copy index, as this process last read or wrote it. */
  private snapshotArticles = 0;
  /** The stored snapshot was an older format (converted at open): rewritten at the next write, not at every open. */
  private snapshotOutdated = false;
  /**
   * Where the index's entries not yet in the stored snapshot or its tail begin, and the slot there: the next
   * commit stores them as a tail piece (copy-snapshot.ts SNAPSHOT_TAIL_PART). Undefined: no tail is written.
   */
  private tailMark: { mark: CopyIndexMark; slot: number } | undefined;
  /** Sketches decoded and added to the copy index by this process's loads and catch-ups (for tests and benches). */
  copySketchesReplayed = 0;
  /** The change sequence the open transaction's writes carry. */
  private transactionSequence: number | undefined;
  /**
   * Story term ids of the terms the last documentFrequencies read (term_df.story_term of the same rows), for
   * storyTermIdsOf and story reads: an arriving article's terms are the batch's, so they are not looked up in
   * term_df a second time (at 10,000 articles, for 200 arrivals, 9,095 of 10,840 lookups by term and 5,417 of
   * 9,987 by id). Only ids that were there: an id once given never changes, and a term without one is asked
   * for as before. Dropped with the transaction.
   */
  private batchStoryTermIds = new Map<string, number>();
  /** The same ids the other way, made when first needed (batchStoryTerms). */
  private batchTermsById: Map<number, string> | undefined;
  /**
   * The next story term id to give, inside the open write transaction: read from term_df by the transaction's
   * first story save, then counted here (no other writer gives ids while the lock is held). Read per save it was
   * 9,609 reads of max(story_term) for 10,000 articles (0.5 s of CPU). Dropped with the transaction.
   */
  private nextStoryTerm: number | undefined;
  /**
   * Articles stored by the open write transaction and not yet assigned to a story, with their source and
   * language: their assignment needs neither a read of a previous story (there is none) nor of the article's
   * facet (20,000 point reads for 10,000 articles). Dropped with the transaction.
   */
  private readonly unassigned = new Map<string, { source: string; language: string }>();
  /**
   * The open write transaction's articles not yet in article_search (rowid, title, text, in the order stored),
   * inserted together at the batch's end (addDocumentTermCounts, or the commit) and before any read or delete of
   * article_search: FTS5's inserts in a run of a batch cost a third less than each beside its article (0.37-0.40 s
   * against 0.57-0.68 s of SQL per 3,000, session 33). The same rows in the same order, written out by FTS5 at the
   * same savepoint (the batch's term_df upsert) as before, so its pages are the same bytes. Held, they also let a
   * statement that opens a savepoint (FTS5 writes out what it holds at each) run among the articles.
   */
  private pendingSearch: (number | bigint | string)[] = [];
  private paragraphSourceInsert: MultiRowStatement | undefined;

  private readonly busyTimeoutMs: number;

  private constructor(db: Database.Database, busyTimeoutMs: number) {
    this.db = db;
    this.busyTimeoutMs = busyTimeoutMs;
  }

  /** Opens (creating if needed, unless `mustExist`) the database at `path`; `:memory:` gives a throwaway store. */
  static open(path: string, options: OpenOptions = {}): SqliteStore {
    const readOnly = options.mustExist === true && path !== ':memory:';
    const mustExist = readOnly || (options.upgradeOnly === true && path !== ':memory:');
    if (mustExist && !existsSync(path)) {
      throw new NewsfoldError('E_STORE', `no database at ${path} (${readOnly ? 'read commands never create one' : '`newsfold upgrade` never creates one'})`);
    }
    const busyTimeoutMs = options.busyTimeoutMs ?? STORE_BUSY_TIMEOUT_MS;
    let db: Database.Database | undefined;
    const openedAt = Date.now();
    for (;;) {
      try {
        db = new Database(path, { timeout: busyTimeoutMs, fileMustExist: mustExist });
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('foreign_keys = ON');
        break;
      } catch (error) {
        db?.close();
        db = undefined;
        if ((error as { code?: string }).code === 'SQLITE_BUSY') {
          // Two processes opening a new file together may both hold a shared lock and want the exclusive one to turn on
          // WAL: SQLite then answers one at once, without its busy wait, to avoid a deadlock. Try again until the wait is spent.
          if (Date.now() - openedAt < busyTimeoutMs) {
            Atomics.wait(OPEN_RETRY_SLEEP, 0, 0, OPEN_RETRY_MS);
            continue;
          }
          throw busyError(path, busyTimeoutMs);
        }
        if (isReadOnlyStore(error)) throw new NewsfoldError('E_STORE', `cannot open database ${path}: it is read-only for this user (${(error as Error).message})`, READ_ONLY_STORE_HINT);
        throw new NewsfoldError('E_STORE', `cannot open database ${path}: ${(error as Error).message}`);
      }
    }
    const store = new SqliteStore(db, busyTimeoutMs);
    try {
      const version = store.schemaVersion(path);
      if (version !== SCHEMA_VERSION) {
        store.checkMigration(path, version, readOnly);
        // Under the write lock, so that processes opening a new file at once create its tables once; a current
        // file is not locked, so readers open it while a writer works.
        busyAsError(path, busyTimeoutMs, () => db.transaction(() => store.migrate(path)).immediate());
      }
      store.checkTables(path);
    } catch (error) {
      db.close();
      throw error;
    }
    return store;
  }

  private schemaVersion(path: string): number {
    try {
      return this.db.pragma('user_version', { simple: true }) as number;
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') throw busyError(path, this.busyTimeoutMs);
      throw new NewsfoldError('E_STORE', `${path} is not a newsfold database: ${(error as Error).message}`);
    }
  }

  /** Refuses, before taking any lock, a schema this newsfold cannot read and, for read commands, any migration. */
  private checkMigration(path: string, version: number, readOnly: boolean): void {
    if (version > SCHEMA_VERSION) {
      throw new NewsfoldError('E_STORE', `${path} has schema ${version}; this newsfold reads up to ${SCHEMA_VERSION}`);
    }
    if (!readOnly) return;
    if (version === 0) throw new NewsfoldError('E_STORE', `${path} is not a newsfold database (no schema version)`);
    throw new NewsfoldError('E_STORE', `${path} has schema ${version}, written by an earlier newsfold; run \`newsfold upgrade --db ${path}\` (or any ingest into it) to bring it to schema ${SCHEMA_VERSION} (read commands change nothing)`, OLDER_SCHEMA_HINT);
  }

  private migrate(path: string): void {
    // Read again under the lock: another process may have migrated the file meanwhile.
    let version = this.schemaVersion(path);
    if (version === SCHEMA_VERSION) return;
    this.checkMigration(path, version, false);
    if (version === 0) {
      const tables = this.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0) throw new NewsfoldError('E_STORE', `${path} is an SQLite file but not a newsfold database`);
      this.db.exec(SCHEMA);
      this.db.exec(COPY_SKETCHES);
      this.db.exec(CHANGE_TRACKING);
      this.db.exec(READ_SIDE);
      this.db.exec(PARAGRAPH_SOURCES);
      this.db.exec(SCHEMA_4);
      this.db.exec(SCHEMA_5);
      this.db.exec(SCHEMA_6);
      this.db.exec(SCHEMA_7);
      this.db.exec(SCHEMA_8);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
      return;
    }
    if (version === 1) {
      // Schema 1's per-key rows were made with another winnowing window: the stored settings no longer
      // match, so the articles must be ingested again into a new database; the tables are replaced here.
      this.db.exec('DROP TABLE band_keys; DROP TABLE fingerprints;');
      this.db.exec(COPY_SKETCHES);
      version = 2;
    }
    if (version === 2) {
      this.db.exec(CHANGE_TRACKING);
      this.db.exec(READ_SIDE);
      this.db.exec(READ_SIDE_FILL);
      // Paragraphs of articles stored before this schema are not counted: they count from their next sighting.
      this.db.exec(PARAGRAPH_SOURCES);
      for (const row of this.db.prepare('SELECT id, centroid FROM stories WHERE merged_into IS NULL').all() as { id: string; centroid: string }[]) {
        // The names as the story's articles write them (shownStoryNames), as the engine keeps them from here on.
        const texts = this.db.prepare('SELECT a.text FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = ? ORDER BY a.id').all(row.id) as { text: string }[];
        const names = shownStoryNames(decodeCentroid(row.centroid), [], texts.map((article) => article.text).join('\n\n'));
        this.db.prepare('UPDATE stories SET top_names = ? WHERE id = ?').run(JSON.stringify(names), row.id);
      }
      version = 3;
    }
    if (version === 3) {
      this.db.exec(SCHEMA_4);
      // Once, in a vocabulary of its own: the process's shared one is not filled with every story's terms.
      const vocabulary = new Vocabulary();
      // The centroids are rewritten in their packed form (rows.ts encodeCentroid) in the same pass.
      const update = this.db.prepare('UPDATE stories SET centroid = ?, index_terms = ? WHERE id = ?');
      const page = this.db.prepare('SELECT rowid, id, centroid FROM stories WHERE merged_into IS NULL AND rowid > ? ORDER BY rowid LIMIT 1000');
      for (let after = -1, rows; (rows = page.all(after) as { rowid: number; id: string; centroid: string }[]).length > 0; after = rows[rows.length - 1]!.rowid) {
        for (const row of rows) {
          const centroid = decodeCentroid(row.centroid, vocabulary);
          update.run(encodeCentroid(centroid), storedIndexTerms(centroid), row.id);
        }
      }
      version = 4;
    }
    if (version === 4) {
      this.db.exec(SCHEMA_5);
      // Live stories' centroids and index terms in their id form; the table is new, so ids are given here.
      const vocabulary = new Vocabulary();
      const ids = new Map<string, number>();
      const insert = this.db.prepare('INSERT INTO story_terms (id, term) VALUES (?, ?)');
      const idOf = (term: string): number => {
        let id = ids.get(term);
        if (id === undefined) {
          id = ids.size + 1;
          ids.set(term, id);
          insert.run(id, term);
        }
        return id;
      };
      const update = this.db.prepare('UPDATE stories SET centroid = ?, index_terms = ? WHERE id = ?');
      const page = this.db.prepare('SELECT rowid, id, centroid FROM stories WHERE merged_into IS NULL AND rowid > ? ORDER BY rowid LIMIT 1000');
      for (let after = -1, rows; (rows = page.all(after) as { rowid: number; id: string; centroid: string }[]).length > 0; after = rows[rows.length - 1]!.rowid) {
        for (const row of rows) update.run(...migratedStoryColumns(row.centroid, vocabulary, idOf), row.id);
      }
      version = 5;
    }
    if (version === 5) {
      this.db.exec(SCHEMA_6);
      version = 6;
    }
    if (version === 6) {
      this.db.exec(SCHEMA_7);
      version = 7;
    }
    if (version === 7) {
      this.db.exec(SCHEMA_8);
      const update = this.db.prepare('UPDATE articles SET url_key = ? WHERE rowid = ?');
      const page = this.db.prepare('SELECT rowid, url FROM articles WHERE url IS NOT NULL AND rowid > ? ORDER BY rowid LIMIT 1000');
      for (let after = -1, rows; (rows = page.all(after) as { rowid: number; url: string }[]).length > 0; after = rows[rows.length - 1]!.rowid) {
        for (const row of rows) update.run(urlKey(row.url), row.rowid);
      }
    }
    this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }

  /** A table dropped or renamed is a damaged store: refused at open, not a crash in the middle of a command. */
  private checkTables(path: string): void {
    let present: Set<string>;
    try {
      present = new Set((this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((row) => row.name));
    } catch (error) {
      throw new NewsfoldError('E_STORE', `${path} cannot be read: ${(error as Error).message}`);
    }
    const missing = schemaTables().filter((table) => !present.has(table));
    if (missing.length > 0) throw new NewsfoldError('E_STORE', `${path} is damaged: table ${missing.join(', ')} is missing`);
  }

  private statement(sql: string): Database.Statement {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      prepared = this.db.prepare(sql);
      this.statements.set(sql, prepared);
    }
    return prepared;
  }

  /**
   * BEGIN IMMEDIATE takes the file's write lock (waiting up to STORE_BUSY_TIMEOUT_MS for other writers), so
   * transactions of all processes run one after another; the copy index then catches up with their commits.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    busyAsError('the database', this.busyTimeoutMs, () => this.db.exec('BEGIN IMMEDIATE'));
    try {
      this.transactionSequence = this.bumpChangeSequence();
      this.catchUpCopyIndex();
      const result = await work();
      this.writePendingSearch();
      this.snapshotCopyIndexIfDue();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      // The in-memory index may hold entries of the rolled-back articles: load it afresh when next needed.
      this.copyIndex = undefined;
      // Story term ids it added are void: another writer may give them to other terms.
      this.storyTerms.forget();
      throw error;
    } finally {
      this.transactionSequence = undefined;
      this.nextStoryTerm = undefined;
      this.unassigned.clear();
      this.pendingSearch = [];
      this.forgetBatchStoryTerms();
    }
  }

  /** Writes the open transaction's held search rows (see pendingSearch): one single-row statement each, as before. */
  private writePendingSearch(): void {
    const pending = this.pendingSearch;
    if (pending.length === 0) return;
    this.pendingSearch = [];
    const insert = this.statement('INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)');
    for (let at = 0; at < pending.length; at += 3) insert.run(pending[at], pending[at + 1], pending[at + 2]);
  }

  private bumpChangeSequence(): number {
    this.statement(`INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`).run(CHANGE_SEQUENCE_KEY);
    return this.metaNumber(CHANGE_SEQUENCE_KEY);
  }

  private metaNumber(key: string): number {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row === undefined ? 0 : Number(row.value);
  }

  /** The sequence a write carries: the open transaction's, or a sequence of its own outside one. */
  private writeSequence(): number {
    return this.transactionSequence ?? this.bumpChangeSequence();
  }

  async changeSequence(): Promise<number> {
    return this.transactionSequence ?? this.metaNumber(CHANGE_SEQUENCE_KEY);
  }

  async storiesChangedSince(sequence: number): Promise<{ saved: StoryState[]; merged: string[] }> {
    const rows = this.statement('SELECT * FROM stories WHERE changed_seq > ? ORDER BY changed_seq, created_at, id').all(sequence) as StoryRow[];
    const live = this.readStoryTerms(rows.filter((row) => row.merged_into === null));
    return {
      saved: live.map((row) => storyStateFromRow(row, this.storyTerms)),
      merged: rows.filter((row) => row.merged_into !== null).map((row) => row.id),
    };
  }

  /**
   * The stories committed by transactions above `sequence` but not in `skip` (this process's own, already told),
   * with how many of their articles were ingested after `ingestedAfter`, read in one snapshot with the sequence
   * and newest ingest time it reflects: how `serve` follows another process's ingest into the same file.
   * Undefined while this connection is inside a transaction of its own (its reads would see uncommitted rows).
   */
  committedStoryChanges(sequence: number, ingestedAfter: number, skip: ReadonlySet<number>): CommittedStoryChanges | undefined {
    if (this.db.inTransaction) return undefined;
    return this.db.transaction(() => {
      const now = this.statement('SELECT (SELECT value FROM meta WHERE key = ?) AS sequence, (SELECT max(ingested_at) FROM articles) AS newest').get(CHANGE_SEQUENCE_KEY) as { sequence: string | null; newest: number | null };
      const current = Number(now.sequence ?? 0);
      if (current <= sequence) return { sequence: current, newestIngest: now.newest ?? 0, stories: [], removals: [] };
      const stories = (this.statement(
        `SELECT s.id, s.headline, s.article_count AS articles, s.merged_into AS mergedInto, s.changed_seq AS sequence,
           (SELECT count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = s.id AND a.ingested_at > ?) AS added
         FROM stories s WHERE s.changed_seq > ? ORDER BY s.changed_seq, s.created_at, s.id`,
      ).all(ingestedAfter, sequence) as (CommittedStoryChange & { sequence: number })[]).filter((row) => !skip.has(row.sequence));
      const deleted = (this.statement(
        `SELECT d.seq AS sequence, s.id, s.headline, s.article_count AS articles FROM article_deletions d JOIN stories s ON s.id = d.story_id
         WHERE d.seq > ? ORDER BY d.seq, d.article_id`,
      ).all(sequence) as { sequence: number; id: string; headline: string; articles: number }[]).filter((row) => !skip.has(row.sequence));
      const removals = new Map<string, CommittedStoryRemoval>();
      for (const row of deleted) {
        const known = removals.get(row.id);
        if (known === undefined) removals.set(row.id, { ...row, removed: 1 });
        else {
          known.removed++;
          known.sequence = row.sequence;
        }
      }
      return { sequence: current, newestIngest: now.newest ?? 0, stories, removals: [...removals.values()] };
    }).deferred();
  }


  /** Adds the sketches other writers committed since this process last looked; reloads after their deletions. */
  private catchUpCopyIndex(): void {
    if (this.copyIndex === undefined) return;
    if (this.metaNumber(COPY_DELETIONS_KEY) !== this.copyIndexDeletions) {
      this.copyIndex = undefined;
      return;
    }
    this.addStoredSketches(this.copyIndex, this.copyIndexSlot);
  }

  private addStoredSketches(index: CopyIndex, afterSlot: number): void {
    const rows = this.statement('SELECT slot, article_id, sketch FROM copy_sketches WHERE slot > ? ORDER BY slot').iterate(afterSlot) as Iterable<{ slot: number; article_id: string; sketch: Buffer }>;
    for (const row of rows) {
      let sketch;
      try {
        sketch = decodeCopySketch(row.sketch);
      } catch (error) {
        throw new NewsfoldError('E_STORE', `the copy index entry of article ${row.article_id} is damaged: ${(error as Error).message}`);
      }
      index.add(row.slot, sketch.bandKeys, sketch.fingerprints);
      this.copyIndexSlot = row.slot;
      this.copySketchesReplayed++;
    }
  }

  /** Adds the stored snapshot's tail to an index just made from it: its pieces from copyIndexSlot on while they join up. */
  private addSnapshotTail(index: CopyIndex): void {
    const rows = this.statement('SELECT piece, data FROM copy_index_snapshot WHERE part = ? AND piece >= ? ORDER BY piece').iterate(SNAPSHOT_TAIL_PART, this.copyIndexSlot) as Iterable<{ piece: number; data: Buffer }>;
    for (const row of rows) {
      // A piece another writer's longer one replaced the start of is passed over; a gap ends the tail.
      if (row.piece < this.copyIndexSlot) continue;
      const tail = row.piece === this.copyIndexSlot ? decodeSnapshotTail(row.data) : undefined;
      if (tail === undefined || tail.from !== row.piece) break;
      index.addEntries(tail.entries);
      this.copyIndexSlot = tail.to;
    }
  }

  /** Inside a write transaction: stores the index's entries since the last snapshot or tail piece as a tail piece. */
  private storeSnapshotTail(index: CopyIndex): void {
    const tail = this.tailMark;
    if (tail === undefined || this.copyIndexSlot === tail.slot) return;
    const entries = index.entriesSince(tail.mark);
    // Packed or deleted since the mark: no tail until the next full snapshot.
    if (entries === undefined) {
      this.tailMark = undefined;
      return;
    }
    const bytes = encodeSnapshotTail({ from: tail.slot, to: this.copyIndexSlot, entries });
    this.statement('INSERT OR REPLACE INTO copy_index_snapshot (part, piece, data) VALUES (?, ?, ?)').run(SNAPSHOT_TAIL_PART, tail.slot, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.tailMark = { mark: index.mark(), slot: this.copyIndexSlot };
  }

  async close(): Promise<void> {
    this.db.close();
  }

  async checkIndexSettings(settings: IndexSettingsRecord): Promise<void> {
    const wanted = JSON.stringify(settings);
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get('index_settings') as { value: string } | undefined;
    if (row === undefined) {
      // OR IGNORE: another process opening a new file may record them first; then they are compared below.
      this.statement('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('index_settings', wanted);
      return this.checkIndexSettings(settings);
    }
    if (row.value !== wanted) {
      throw new NewsfoldError('E_SKETCH_MISMATCH', `database was indexed with ${row.value}; this run uses ${wanted}`);
    }
  }

  async hasArticle(id: string): Promise<boolean> {
    return this.statement('SELECT 1 FROM articles WHERE id = ?').get(id) !== undefined;
  }

  async storedArticleIds(ids: readonly string[]): Promise<Set<string>> {
    const check = this.statement('SELECT 1 FROM articles WHERE id = ?');
    return new Set(ids.filter((id) => check.get(id) !== undefined));
  }

  async storedArticleUrls(urls: readonly string[]): Promise<Set<string>> {
    // One indexed probe a URL: a feed lists tens of links, and `url_key = ?` is what the partial index answers.
    const check = this.statement('SELECT 1 FROM articles WHERE url_key = ? LIMIT 1');
    return new Set(urls.filter((url) => check.get(urlKey(url)) !== undefined));
  }

  async newestIngestTime(): Promise<number> {
    const row = this.statement('SELECT max(ingested_at) AS newest FROM articles').get() as { newest: number | null };
    return row.newest ?? 0;
  }

  async putArticle(article: Article, index: ArticleIndexEntry): Promise<void> {
    const { lastInsertRowid } = this.statement(
      `INSERT INTO articles (${ARTICLE_COLUMNS}, signature, terms, url_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      article.id,
      article.contentHash,
      article.origin.path,
      article.origin.line ?? null,
      article.origin.format,
      article.externalId ?? null,
      article.url ?? null,
      article.source ?? null,
      article.title,
      article.published ?? null,
      article.byline ?? null,
      article.dateline === undefined ? null : JSON.stringify(article.dateline),
      article.language,
      article.text,
      JSON.stringify(article.paragraphs),
      JSON.stringify(article.sentences),
      JSON.stringify(article.dropped),
      article.ingestedAt,
      NO_SIGNATURE,
      index.terms?.toJSONText() ?? NO_TERMS,
      article.url === undefined ? null : urlKey(article.url),
    );
    if (this.transactionSequence !== undefined) this.unassigned.set(article.id, { source: article.source ?? '', language: article.language });
    // The row's own values, not read back from it: its text is several pages long.
    if (this.transactionSequence !== undefined) this.pendingSearch.push(lastInsertRowid, article.title, article.text);
    else this.statement('INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)').run(lastInsertRowid, article.title, article.text);
    const slot = this.statement('INSERT INTO copy_sketches (article_id, sketch) VALUES (?, ?)').run(
      article.id,
      encodeCopySketch(index.bandKeys, index.fingerprints),
    ).lastInsertRowid;
    if (this.copyIndex !== undefined) {
      this.copyIndex.add(Number(slot), index.bandKeys, index.fingerprints);
      this.copyIndexSlot = Number(slot);
    }
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const row = this.statement(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ?`).get(id) as ArticleRow | undefined;
    return row === undefined ? undefined : articleFromRow(row);
  }

  async getArticles(ids: readonly string[]): Promise<Article[]> {
    // Most arrivals have no candidate to align against: no statement for them.
    if (ids.length === 0) return [];
    const rows = this.statement(
      `SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as ArticleRow[];
    const byId = new Map(rows.map((row) => [row.id, articleFromRow(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async getTermVectors(ids: readonly string[]): Promise<Map<string, TermVector>> {
    const rows = this.statement('SELECT id, terms FROM articles WHERE id IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(ids),
    ) as { id: string; terms: string }[];
    return new Map(rows.filter((row) => row.terms !== NO_TERMS).map((row) => [row.id, TermVector.fromRecord(parseStored(row.terms) as Record<string, number>)]));
  }

  async keepTermVector(articleId: string, terms: TermVector): Promise<void> {
    this.statement('UPDATE articles SET terms = ? WHERE id = ?').run(terms.toJSONText(), articleId);
  }

  async resolveArticle(reference: string): Promise<string[]> {
    if (await this.hasArticle(reference)) return [reference];
    // One indexed lookup per kind of reference (an OR of them would scan the table on every miss).
    const ids = new Set<string>();
    const [low, high] = prefixRange(reference);
    for (const row of this.statement('SELECT id FROM articles WHERE id >= ? AND id < ? ORDER BY id LIMIT 20').all(low, high) as { id: string }[]) ids.add(row.id);
    for (const sql of ARTICLE_REFERENCE_LOOKUPS) {
      for (const row of this.statement(sql).all(reference) as { id: string }[]) ids.add(row.id);
    }
    for (const row of this.statement('SELECT id FROM articles WHERE url_key = ? LIMIT 20').all(urlKey(reference)) as { id: string }[]) ids.add(row.id);
    return [...ids].sort().slice(0, 20);
  }

  /**
   * The in-memory copy index, loaded when first needed (a restarted process): from the stored snapshot when
   * one is usable, then the sketches stored after it; else from every sketch.
   */
  private loadedCopyIndex(): CopyIndex {
    if (this.copyIndex !== undefined) return this.copyIndex;
    this.copyIndexDeletions = this.metaNumber(COPY_DELETIONS_KEY);
    const stored = this.storedSnapshot(this.copyIndexDeletions);
    const index = stored?.index ?? new CopyIndex();
    this.copyIndexSlot = stored?.header.slot ?? 0;
    this.snapshotArticles = stored?.header.added ?? 0;
    this.snapshotOutdated = stored?.outdated ?? false;
    this.tailMark = undefined;
    if (stored !== undefined) {
      this.addSnapshotTail(index);
      this.tailMark = { mark: index.mark(), slot: this.copyIndexSlot };
    }
    this.addStoredSketches(index, this.copyIndexSlot);
    this.copyIndex = index;
    return index;
  }

  /** The stored snapshot, if there is one taken since the last deletion and whole; else undefined. */
  private storedSnapshot(deletions: number): { header: SnapshotHeader; index: CopyIndex; outdated: boolean } | undefined {
    if (!SNAPSHOTS_SUPPORTED) return undefined;
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(COPY_SNAPSHOT_KEY) as { value: string } | undefined;
    if (row === undefined) return undefined;
    const header = parseStored(row.value) as SnapshotHeader;
    if (header.deletions !== deletions) return undefined;
    // Each part's size first (length() reads no blob), then the pieces one at a time into their parts.
    const sizes = new Map((this.statement('SELECT part, sum(length(data)) AS bytes FROM copy_index_snapshot WHERE part <> ? GROUP BY part').all(SNAPSHOT_TAIL_PART) as { part: string; bytes: number }[]).map((row) => [row.part, row.bytes]));
    const rows = this.statement('SELECT part, data FROM copy_index_snapshot WHERE part <> ? ORDER BY part, piece').iterate(SNAPSHOT_TAIL_PART) as Iterable<{ part: string; data: Buffer }>;
    const snapshot = snapshotFromPieces(header, rows, sizes);
    // A snapshot is a cache of the sketches: one that does not read back whole is rebuilt from them, not trusted.
    if (snapshot === undefined) return undefined;
    try {
      return { header, index: CopyIndex.fromSnapshot(snapshot), outdated: isOlderSnapshotFormat(sizes.keys()) };
    } catch {
      return undefined;
    }
  }

  /** Inside a write transaction: stores a new snapshot of the loaded copy index when enough was added since the last. */
  private snapshotCopyIndexIfDue(): void {
    const index = this.copyIndex;
    if (index === undefined || !SNAPSHOTS_SUPPORTED) return;
    if (!this.snapshotOutdated && !snapshotDue(index.articlesAdded, this.snapshotArticles)) {
      this.storeSnapshotTail(index);
      return;
    }
    const { header, pieces } = snapshotPieces(index.snapshot(), this.copyIndexSlot, this.copyIndexDeletions);
    this.statement('DELETE FROM copy_index_snapshot').run();
    const insert = this.statement('INSERT INTO copy_index_snapshot (part, piece, data) VALUES (?, ?, ?)');
    for (const piece of pieces) insert.run(piece.part, piece.piece, Buffer.from(piece.data.buffer, piece.data.byteOffset, piece.data.byteLength));
    this.statement('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(COPY_SNAPSHOT_KEY, JSON.stringify(header));
    this.snapshotArticles = header.added;
    this.snapshotOutdated = false;
    // The snapshot holds everything (its rows' deletion took the tail with it): the tail starts afresh.
    this.tailMark = { mark: index.mark(), slot: this.copyIndexSlot };
  }

  private idsOfSlots(slots: readonly number[]): Map<number, string> {
    if (slots.length === 0) return new Map();
    const rows = this.statement('SELECT slot, article_id FROM copy_sketches WHERE slot IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(slots),
    ) as { slot: number; article_id: string }[];
    return new Map(rows.map((row) => [row.slot, row.article_id]));
  }

  async findByBandKeys(keys: CopyKeys): Promise<string[]> {
    const slots = this.loadedCopyIndex().query(keys, new Uint32Array(0)).lsh;
    const ids = this.idsOfSlots(slots);
    return slots.flatMap((slot) => ids.get(slot) ?? []);
  }

  async findByFingerprints(fingerprints: CopyKeys, probes?: CopyKeys): Promise<Map<string, number>> {
    const shared = this.loadedCopyIndex().query(new Uint32Array(0), fingerprints, probes).fingerprints;
    const ids = this.idsOfSlots([...shared.keys()]);
    const found = new Map<string, number>();
    for (const [slot, count] of shared) {
      const id = ids.get(slot);
      if (id !== undefined) found.set(id, count);
    }
    return found;
  }

  async copyIndexBytes(): Promise<{ articles: number; allocated: number; used: number }> {
    const index = this.loadedCopyIndex();
    return { articles: index.size, ...index.bytes() };
  }

  async deleteArticle(id: string): Promise<boolean> {
    // Its search row may be held still: FTS5's delete needs it written first.
    this.writePendingSearch();
    this.unassigned.delete(id);
    const row = this.statement('SELECT slot FROM copy_sketches WHERE article_id = ?').get(id) as { slot: number } | undefined;
    const storyId = await this.storyOfArticle(id);
    if (storyId !== undefined) {
      this.leaveStory(storyId, id);
      // The deleted article's title was still the story's headline, on the list and the story page.
      this.statement(
        `UPDATE stories SET (headline, headline_article) = (SELECT coalesce(max(title), ''), coalesce(max(id), '') FROM (
           SELECT a.title, a.id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
           WHERE sa.story_id = @story AND sa.article_id <> @id AND a.title <> '' ORDER BY a.ingested_at, a.id LIMIT 1))
         WHERE id = @story AND headline_article = @id`,
      ).run({ story: storyId, id });
    }
    this.statement(
      `INSERT INTO article_search (article_search, rowid, title, text) SELECT 'delete', rowid, title, text FROM articles WHERE id = ?`,
    ).run(id);
    const removed = this.statement('DELETE FROM articles WHERE id = ?').run(id).changes > 0;
    if (row !== undefined) {
      this.copyIndex?.delete(row.slot);
      this.statement('DELETE FROM copy_sketches WHERE slot = ?').run(row.slot);
      // Other processes' in-memory indexes still hold the slot: the counter tells them to reload.
      this.statement(`INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`).run(COPY_DELETIONS_KEY);
      if (this.copyIndex !== undefined) this.copyIndexDeletions++;
    }
    this.statement('DELETE FROM relations WHERE a = ? OR b = ?').run(id, id);
    this.statement('DELETE FROM story_articles WHERE article_id = ?').run(id);
    if (removed) {
      // Told to processes following the file's commits (committedStoryChanges), as an ingest's stories are.
      const sequence = this.writeSequence();
      this.statement('INSERT OR REPLACE INTO article_deletions (seq, article_id, story_id) VALUES (?, ?, ?)').run(sequence, id, storyId ?? null);
      this.statement('DELETE FROM article_deletions WHERE seq <= ?').run(sequence - DELETION_SEQUENCES_KEPT);
    }
    return removed;
  }

  async putRelations(relations: readonly Relation[]): Promise<void> {
    const insert = this.statement(
      `INSERT OR REPLACE INTO relations (a, b, kind, score, coverage_a, coverage_b, direction_known, direction_reason, passages)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of relations) {
      insert.run(r.a, r.b, r.kind, r.score, r.coverage.a, r.coverage.b, r.direction.known ? 1 : 0, r.direction.reason, JSON.stringify(r.passages));
    }
  }

  async relationsOf(articleId: string): Promise<Relation[]> {
    const rows = this.statement('SELECT * FROM relations WHERE a = ? OR b = ? ORDER BY score DESC, a, b').all(articleId, articleId) as RelationRow[];
    return rows.map(relationFromRow);
  }

  async relationsAmong(articleIds: readonly string[]): Promise<Relation[]> {
    const ids = JSON.stringify(articleIds);
    const rows = this.statement(
      `SELECT * FROM relations WHERE a IN (SELECT value FROM json_each(?)) AND b IN (SELECT value FROM json_each(?))
       ORDER BY a, b`,
    ).all(ids, ids) as RelationRow[];
    return rows.map(relationFromRow);
  }

  async relationsOfKinds(kinds: readonly RelationKind[]): Promise<Relation[]> {
    const rows = this.statement('SELECT * FROM relations WHERE kind IN (SELECT value FROM json_each(?)) ORDER BY a, b').all(JSON.stringify(kinds)) as RelationRow[];
    return rows.map(relationFromRow);
  }

  async documentFrequencies(terms: readonly string[]): Promise<{ documents: number; frequencies: Map<string, number> }> {
    const rows = this.statement('SELECT term, df, story_term FROM term_df WHERE term IN (SELECT value FROM json_each(?)) AND df > 0').all(
      JSON.stringify(terms),
    ) as { term: string; df: number; story_term: number | null }[];
    this.forgetBatchStoryTerms();
    for (const row of rows) if (row.story_term !== null) this.batchStoryTermIds.set(row.term, row.story_term);
    // The count is kept beside the frequencies: count(*) over articles would scan the table on every arrival.
    const counted = this.statement('SELECT value FROM meta WHERE key = ?').get(DOCUMENT_COUNT_KEY) as { value: string } | undefined;
    return { documents: counted === undefined ? 0 : Number(counted.value), frequencies: new Map(rows.map((row) => [row.term, row.df])) };
  }

  async addDocumentTerms(terms: readonly string[]): Promise<void> {
    const upsert = this.statement('INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT(term) DO UPDATE SET df = df + 1');
    for (const term of new Set(terms)) upsert.run(term);
    this.statement(
      `INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
    ).run(DOCUMENT_COUNT_KEY);
  }

  async paragraphSources(keys: readonly string[]): Promise<Map<string, Set<string>>> {
    if (keys.length === 0) return new Map();
    const rows = this.statement('SELECT paragraph, source FROM paragraph_sources WHERE paragraph IN (SELECT value FROM json_each(?))').all(
      JSON.stringify(keys),
    ) as { paragraph: string; source: string }[];
    return sourcesByParagraph(rows);
  }

  async addParagraphSources(keys: readonly string[], source: string): Promise<void> {
    if (keys.length === 0) return;
    // Several rows a statement: 25,217 single-row statements for 3,000 articles were 0.15 s of SQL, 0.10-0.12 so.
    const values: string[] = [];
    for (const key of keys) values.push(key, source);
    this.paragraphSourceInsert ??= new MultiRowStatement(this.db, (rows) => `INSERT OR IGNORE INTO paragraph_sources (paragraph, source) VALUES ${repeatedRows('(?, ?)', rows)}`, 2);
    this.paragraphSourceInsert.run(values);
  }

  async addDocumentTermCounts(terms: readonly string[], counts: readonly number[], documents: number): Promise<void> {
    this.writePendingSearch();
    // One statement for the batch (a JSON object of counts, its text written here so the key order holds and no
    // term is taken for an object's own property name): a batch's 25,000 single-row upserts cost 15% more CPU. In
    // key order (SQLite's sort, ORDER BY key): the B-tree's pages are then visited once each, in order (a fifth
    // less CPU than map order; sorted by SQLite, not in JavaScript, where the sort was 2-4% of an ingest, session 32). The
    // terms travel as JSON as documentFrequencies' do, so a term is found again in the form it was written.
    // The JSON is written as UTF-8 into a buffer and read back as text (CAST: a blob would be taken for
    // JSONB): as a string it was two strings a term and their join, 40 KB an article of the ingest's allocation.
    if (terms.length > 0) {
      const json = termCountsJson(terms, counts);
      this.statement(
        'INSERT INTO term_df (term, df) SELECT key, value FROM json_each(CAST(? AS TEXT)) WHERE true ORDER BY key ON CONFLICT(term) DO UPDATE SET df = df + excluded.df',
      ).run(json);
    }
    this.statement(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)`,
    ).run(DOCUMENT_COUNT_KEY, String(documents));
  }

  async storyOfArticle(articleId: string): Promise<string | undefined> {
    const row = this.statement('SELECT story_id FROM story_articles WHERE article_id = ?').get(articleId) as { story_id: string } | undefined;
    return row?.story_id;
  }

  async getStoryState(id: string): Promise<StoryState | undefined> {
    const row = this.statement('SELECT * FROM stories WHERE id = ? AND merged_into IS NULL').get(id) as StoryRow | undefined;
    return row === undefined ? undefined : withShownNames(this.storyStates([row])[0]!, row);
  }

  async activeStories(time: number, windowMs: number): Promise<StoryState[]> {
    if (!Number.isFinite(windowMs)) {
      const all = this.statement('SELECT * FROM stories WHERE merged_into IS NULL ORDER BY created_at').all() as StoryRow[];
      return this.storyStates(all);
    }
    const rows = this.statement(
      `SELECT * FROM stories WHERE merged_into IS NULL
       AND (timed = 0 OR (last_time >= ? AND first_time <= ?)) ORDER BY created_at`,
    ).all(time - windowMs, time + windowMs) as StoryRow[];
    return this.storyStates(rows);
  }

  async recentStories(datedSince: number, untimedLimit: number): Promise<StoryState[]> {
    const rows = this.statement(
      `SELECT * FROM (
         SELECT * FROM stories WHERE merged_into IS NULL AND timed = 1 AND last_time >= ?
         UNION ALL
         SELECT * FROM (SELECT * FROM stories WHERE merged_into IS NULL AND timed = 0 ORDER BY last_time DESC LIMIT ?)
       ) ORDER BY created_at`,
    ).all(datedSince, untimedLimit) as StoryRow[];
    return this.storyStates(rows);
  }

  async storyIndexEntries(datedSince: number, untimedArticles: number): Promise<StoryIndexEntry[]> {
    // The centroid column is read only where index_terms is missing.
    const recent = (this.statement('SELECT ingested_at FROM articles ORDER BY ingested_at DESC LIMIT ?').all(untimedArticles) as { ingested_at: number }[]).map((row) => row.ingested_at);
    const rows = this.statement(
      `SELECT ${STORY_INDEX_COLUMNS_WITH_CENTROID} FROM stories WHERE merged_into IS NULL AND timed = 1 AND last_time >= ?
       UNION ALL
       SELECT ${STORY_INDEX_COLUMNS_WITH_CENTROID} FROM stories WHERE merged_into IS NULL AND timed = 0 AND last_time >= ?
       ORDER BY created_at`,
    ).iterate(datedSince, untimedSince(recent, untimedArticles)) as Iterable<StoryIndexRow>;
    // A row with index terms in the id form is an entry at once (store term ids, no term read), its centroid kept
    // decoded, not as text: the rows' centroid strings (2.4 KB each) are never all held together. A row without
    // index terms has its centroid's terms read first (below), in row order as before.
    const entries: StoryIndexEntry[] = [];
    // The older rows and the positions their entries take, made once their terms are read.
    const older: StoryIndexRow[] = [];
    const olderAt: number[] = [];
    for (const row of rows) {
      if (row.index_terms === null) {
        older.push(row);
        olderAt.push(entries.length);
        entries.length++;
        continue;
      }
      const entry = storyIndexEntryFromRow(row, this.storyTerms, recent);
      const centroid = row.centroid === null ? undefined : storedCentroidOf(row.centroid);
      if (centroid !== undefined) entry.centroid = centroid;
      entries.push(entry);
    }
    if (older.length === 0) return entries;
    this.readStoryTerms(older);
    older.forEach((row, at) => (entries[olderAt[at]!] = storyIndexEntryFromRow(row, this.storyTerms, recent)));
    return entries;
  }

  async getStoryStates(ids: readonly string[]): Promise<StoryState[]> {
    if (ids.length === 0) return [];
    const rows = this.statement(`SELECT ${STORY_STATE_COLUMNS} FROM stories WHERE id IN (SELECT value FROM json_each(?)) AND merged_into IS NULL`).all(JSON.stringify(ids)) as StoryStateRow[];
    return storyStatesInOrder(ids, this.readStoryTerms(rows), this.storyTerms);
  }

  async storedCentroids(ids: readonly string[]): Promise<Map<string, StoredCentroid>> {
    const rows = this.statement('SELECT id, centroid FROM stories WHERE id IN (SELECT value FROM json_each(?)) AND merged_into IS NULL').all(JSON.stringify(ids)) as { id: string; centroid: string }[];
    return storedCentroidsOfRows(rows);
  }

  async internStoryTerms(terms: Int32Array): Promise<void> {
    const vocabulary = sharedVocabulary();
    this.readStoryTermIds([terms], vocabulary);
    for (const id of terms) this.storyTerms.toVocabulary(id, vocabulary);
  }

  async storyTermIdsOf(vector: TermVector): Promise<Int32Array> {
    const unknown = this.storyTerms.unknownTerms(vector.ids, vector.vocabulary);
    if (unknown.length > 0) {
      const known: StoryTermRow[] = [];
      const asked: string[] = [];
      for (const term of unknown) {
        const id = this.batchStoryTermIds.get(term);
        if (id === undefined) asked.push(term);
        else known.push({ id, term });
      }
      this.storyTerms.learnWritten(known, vector.vocabulary);
      if (asked.length > 0) this.storyTerms.learnWritten(this.storedTermRows(asked), vector.vocabulary);
    }
    return this.storyTerms.storeIdsOf(vector.ids, vector.vocabulary);
  }

  private storyStates(rows: StoryRow[]): StoryState[] {
    return this.readStoryTerms(rows).map((row) => storyStateFromRow(row, this.storyTerms));
  }

  /** Reads the story terms of `rows`' id-form columns this process has not met into the shared vocabulary. */
  private readStoryTerms<Row extends { centroid?: string | null; index_terms?: string | null }>(rows: Row[]): Row[] {
    this.readStoryTermIds(storyTermIdsOfRows(rows), sharedVocabulary());
    return rows;
  }

  /** Reads the terms of the store ids among `lists` that `vocabulary` has not met (learned, interned when decoded). */
  private readStoryTermIds(lists: readonly ArrayLike<number>[], vocabulary: Vocabulary): void {
    const unknown = this.storyTerms.unknownStoreIds(lists, vocabulary);
    if (unknown.length === 0) return;
    // A story's terms the batch's articles hold were read with their document frequencies (half of them, for the
    // best stories of 200 arrivals at 10,000 articles); the rest are looked up.
    const known: StoryTermRow[] = [];
    const asked: number[] = [];
    const batchTerms = this.batchStoryTerms();
    for (const id of unknown) {
      const term = batchTerms.get(id);
      if (term === undefined) asked.push(id);
      else known.push({ id, term });
    }
    this.storyTerms.learn(known, vocabulary);
    if (asked.length === 0) return;
    const found = this.statement('SELECT story_term AS id, term FROM term_df WHERE story_term IN (SELECT value FROM json_each(?))').all(JSON.stringify(asked)) as StoryTermRow[];
    if (found.length !== asked.length) throw new NewsfoldError('E_STORE', 'a story refers to a term the store does not hold: the database is damaged');
    this.storyTerms.learn(found, vocabulary);
  }

  private forgetBatchStoryTerms(): void {
    this.batchStoryTermIds = new Map();
    this.batchTermsById = undefined;
  }

  /** batchStoryTermIds the other way: story term id -> term (made when first asked in a transaction). */
  private batchStoryTerms(): Map<number, string> {
    if (this.batchTermsById === undefined) {
      const byId = new Map<number, string>();
      // forEach, not a destructured for-of: thousands of entries, once a batch (see termCounts in engine/index.ts).
      this.batchStoryTermIds.forEach((id, term) => byId.set(id, term));
      this.batchTermsById = byId;
    }
    return this.batchTermsById;
  }

  /** Gives every term of `centroid` a story term id (adding the new ones to term_df), known to `terms`. */
  private learnStoryTermsOf(centroid: TermVector): void {
    const terms = this.storyTerms;
    const unknown = terms.unknownTerms(centroid.ids, centroid.vocabulary);
    if (unknown.length === 0) return;
    // Added first, in the order given (the ids they get do not depend on which were stored already); most of a
    // story's unknown terms are new to the store, so only the few that were stored already (by another process,
    // or before this one read them) are then looked up, rather than every unknown term twice. One single-row
    // statement per term: several rows a statement (with the search rows held, see pendingSearch) cost the same
    // SQL time, a read of the ids first or RETURNING included (session 33; the B-tree's inserts are the cost).
    // Ids given in turn after the highest (as a table's rowids were); a term counted already only gains its id.
    const insert = this.statement('INSERT INTO term_df (term, df, story_term) VALUES (?, 0, ?) ON CONFLICT (term) DO UPDATE SET story_term = excluded.story_term WHERE story_term IS NULL');
    let next = this.nextStoryTerm ?? ((this.statement('SELECT max(story_term) AS id FROM term_df WHERE story_term IS NOT NULL').get() as { id: number | null }).id ?? 0) + 1;
    const added: StoryTermRow[] = [];
    for (const term of unknown) {
      if (insert.run(term, next).changes === 1) added.push({ id: next++, term });
    }
    if (this.transactionSequence !== undefined) this.nextStoryTerm = next;
    terms.learnWritten(added, centroid.vocabulary);
    if (added.length === unknown.length) return;
    const fresh = new Set(added.map((row) => row.term));
    terms.learnWritten(this.storedTermRows(unknown.filter((term) => !fresh.has(term))), centroid.vocabulary);
  }

  /** The story term rows (id, term) of those of `terms` that have an id, each under the term as given. */
  private storedTermRows(terms: readonly string[]): StoryTermRow[] {
    // Plain terms in one statement over a JSON list, matched back by position. A term with a surrogate is looked up
    // bound, as the insert bound it: JSON keeps a lone surrogate as an escape that matches no stored text (the
    // binding wrote U+FFFD), and a row found would carry the stored text rather than the term asked for.
    const plain: string[] = [];
    const rows: StoryTermRow[] = [];
    const lookUp = this.statement('SELECT story_term AS id FROM term_df WHERE term = ? AND story_term IS NOT NULL');
    for (const term of terms) {
      if (plainJsonString(term)) {
        plain.push(term);
        continue;
      }
      const row = lookUp.get(term) as { id: number } | undefined;
      if (row !== undefined) rows.push({ id: row.id, term });
    }
    if (plain.length === 0) return rows;
    const found = this.statement('SELECT CAST(j.key AS INTEGER) AS at, t.story_term AS id FROM json_each(?) j JOIN term_df t ON t.term = j.value WHERE t.story_term IS NOT NULL').all(JSON.stringify(plain)) as { at: number; id: number }[];
    for (const { at, id } of found) rows.push({ id, term: plain[at]! });
    return rows;
  }

  async newestStoryTime(): Promise<number | undefined> {
    const row = this.statement('SELECT last_time FROM stories WHERE merged_into IS NULL AND timed = 1 ORDER BY last_time DESC LIMIT 1').get() as { last_time: number } | undefined;
    return row?.last_time;
  }

  async saveStoryState(state: StoryState): Promise<void> {
    this.learnStoryTermsOf(state.centroid);
    this.statement(
      `INSERT INTO stories (id, headline, headline_article, first_time, last_time, timed, size, centroid, created_at, changed_seq, version, top_names, index_terms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT(id) DO UPDATE SET headline = excluded.headline, headline_article = excluded.headline_article, first_time = excluded.first_time,
         last_time = excluded.last_time, timed = excluded.timed, size = excluded.size, centroid = excluded.centroid, changed_seq = excluded.changed_seq,
         version = version + 1, top_names = excluded.top_names, index_terms = excluded.index_terms`,
    ).run(...storyRowValues(state, this.writeSequence(), this.storyTerms));
  }

  async assignArticle(assignment: Assignment): Promise<void> {
    const stored = this.unassigned.get(assignment.articleId);
    if (stored !== undefined) this.unassigned.delete(assignment.articleId);
    const previous = stored === undefined ? await this.storyOfArticle(assignment.articleId) : undefined;
    if (previous !== undefined && previous !== assignment.storyId) this.leaveStory(previous, assignment.articleId);
    this.statement(
      `INSERT OR REPLACE INTO story_articles (article_id, story_id, reason, detail, score) VALUES (?, ?, ?, ?, ?)`,
    ).run(assignment.articleId, assignment.storyId, assignment.reason, assignment.detail, assignment.score);
    if (previous === assignment.storyId) return;
    // The article's facet read first, then a single-row upsert: an INSERT ... SELECT would open a savepoint (see learnStoryTermsOf).
    const facet = stored ?? (this.statement(`SELECT coalesce(source, '') AS source, language FROM articles WHERE id = ?`).get(assignment.articleId) as { source: string; language: string } | undefined);
    if (facet !== undefined) {
      this.statement(
        `INSERT INTO story_sources (story_id, source, language, articles) VALUES (?, ?, ?, 1)
         ON CONFLICT (story_id, source, language) DO UPDATE SET articles = articles + 1`,
      ).run(assignment.storyId, facet.source, facet.language);
    }
    this.statement('UPDATE stories SET article_count = article_count + 1, version = version + 1 WHERE id = ?').run(assignment.storyId);
  }

  /** The compact row's side of an article leaving a story (deleted, or assigned elsewhere). */
  private leaveStory(storyId: string, articleId: string): void {
    const facet = this.statement(`SELECT coalesce(source, '') AS source, language FROM articles WHERE id = ?`).get(articleId) as { source: string; language: string } | undefined;
    if (facet !== undefined) {
      this.statement('UPDATE story_sources SET articles = articles - 1 WHERE story_id = ? AND source = ? AND language = ?').run(storyId, facet.source, facet.language);
      this.statement('DELETE FROM story_sources WHERE story_id = ? AND articles <= 0').run(storyId);
    }
    this.statement('UPDATE stories SET article_count = max(article_count - 1, 0), version = version + 1 WHERE id = ?').run(storyId);
  }

  async mergeStory(from: string, into: string): Promise<void> {
    this.statement('UPDATE story_articles SET story_id = ? WHERE story_id = ?').run(into, from);
    this.statement(
      `INSERT INTO story_sources (story_id, source, language, articles) SELECT ?, source, language, articles FROM story_sources WHERE story_id = ?
       ON CONFLICT (story_id, source, language) DO UPDATE SET articles = articles + excluded.articles`,
    ).run(into, from);
    this.statement('DELETE FROM story_sources WHERE story_id = ?').run(from);
    this.statement(
      'UPDATE stories SET article_count = article_count + (SELECT article_count FROM stories WHERE id = ?), version = version + 1 WHERE id = ?',
    ).run(from, into);
    const sequence = this.writeSequence();
    this.statement('UPDATE stories SET merged_into = ?, article_count = 0, changed_seq = ? WHERE id = ?').run(into, sequence, from);
    this.statement('UPDATE stories SET merged_into = ?, changed_seq = ? WHERE merged_into = ?').run(into, sequence, from);
    this.statement('DELETE FROM story_views WHERE story_id = ?').run(from);
  }

  private liveStoryId(id: string): string | undefined {
    let current = id;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const row = this.statement('SELECT merged_into FROM stories WHERE id = ?').get(current) as { merged_into: string | null } | undefined;
      if (row === undefined) return undefined;
      if (row.merged_into === null) return current;
      current = row.merged_into;
    }
    throw new NewsfoldError('E_STORE', `story ${id} has a merge chain longer than ${MAX_MERGE_HOPS}`);
  }

  async getStory(id: string): Promise<Story | undefined> {
    const live = this.liveStoryId(id);
    if (live === undefined) return undefined;
    const row = this.statement('SELECT * FROM stories WHERE id = ?').get(live) as StoryRow;
    const members = this.statement(
      `SELECT sa.article_id AS id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
       WHERE sa.story_id = ? ORDER BY coalesce(a.published, ''), a.ingested_at, sa.rowid`,
    ).all(live) as { id: string }[];
    const story: Story = {
      id: live,
      headline: row.headline,
      articleIds: members.map((member) => member.id),
      firstSeen: new Date(row.first_time).toISOString(),
      lastSeen: new Date(row.last_time).toISOString(),
      version: row.version,
    };
    if (live !== id) story.mergedInto = live;
    return story;
  }

  async resolveStory(reference: string): Promise<string[]> {
    if (this.statement('SELECT 1 FROM stories WHERE id = ?').get(reference) !== undefined) return [reference];
    const rows = this.statement('SELECT id FROM stories WHERE id >= ? AND id < ? ORDER BY id LIMIT 20').all(...prefixRange(reference)) as { id: string }[];
    const exact = rows.find((row) => row.id === reference);
    return exact === undefined ? rows.map((row) => row.id) : [exact.id];
  }

  async listStories(): Promise<Story[]> {
    const rows = this.statement('SELECT id FROM stories WHERE merged_into IS NULL ORDER BY size DESC, first_time, id').all() as { id: string }[];
    const stories: Story[] = [];
    for (const row of rows) {
      const story = await this.getStory(row.id);
      if (story !== undefined) stories.push(story);
    }
    return stories;
  }

  async assignmentsOf(storyId: string): Promise<Assignment[]> {
    const rows = this.statement(
      'SELECT article_id, story_id, reason, detail, score FROM story_articles WHERE story_id = ? ORDER BY rowid',
    ).all(storyId) as { article_id: string; story_id: string; reason: Assignment['reason']; detail: string; score: number }[];
    return rows.map((row) => ({ articleId: row.article_id, storyId: row.story_id, reason: row.reason, detail: row.detail, score: row.score }));
  }

  async counts(): Promise<{ articles: number; stories: number }> {
    const articles = (this.statement('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
    const stories = (this.statement('SELECT count(*) AS n FROM stories WHERE merged_into IS NULL').get() as { n: number }).n;
    return { articles, stories };
  }

  async storyRows(query: StoryQuery): Promise<StorySummary[]> {
    // The SQL is assembled from the constant fragments below only; every value the caller gave is a parameter.
    const sortColumn = query.sort === 'size' ? 's.article_count' : 's.last_time';
    // A story whose every article was deleted is no story to list (its headline was a deleted article's title).
    const where = ['s.merged_into IS NULL', 's.article_count > 0'];
    const params: Record<string, string | number> = { limit: query.limit };
    if (query.since !== undefined) {
      where.push('s.last_time >= @since');
      params.since = query.since;
    }
    if (query.until !== undefined) {
      where.push('s.first_time <= @until');
      params.until = query.until;
    }
    if (query.minArticles !== undefined) {
      where.push('s.article_count >= @minArticles');
      params.minArticles = query.minArticles;
    }
    if (query.source !== undefined) {
      where.push('EXISTS (SELECT 1 FROM story_sources f WHERE f.story_id = s.id AND f.source = @source)');
      params.source = query.source;
    }
    if (query.language !== undefined) {
      where.push('EXISTS (SELECT 1 FROM story_sources f WHERE f.story_id = s.id AND f.language = @language)');
      params.language = query.language;
    }
    if (query.text !== undefined) {
      const match = ftsQuery(query.text);
      if (match === undefined) return [];
      this.writePendingSearch();
      where.push(`s.id IN (SELECT sa.story_id FROM (SELECT rowid FROM article_search WHERE article_search MATCH @text ORDER BY rowid DESC LIMIT ${MAX_FILTER_ARTICLES}) m
        JOIN articles a ON a.rowid = m.rowid JOIN story_articles sa ON sa.article_id = a.id)`);
      params.text = match;
    }
    if (query.ids !== undefined) {
      where.push('s.id IN (SELECT value FROM json_each(@ids))');
      params.ids = JSON.stringify(query.ids);
    }
    if (query.after !== undefined) {
      where.push(`(${sortColumn}, s.id) < (@afterKey, @afterId)`);
      params.afterKey = query.after.key;
      params.afterId = query.after.id;
    }
    const rows = this.statement(
      `SELECT s.id, s.headline, s.first_time, s.last_time, s.article_count, s.top_names, s.version, ${sortColumn} AS sort_key,
         (SELECT count(DISTINCT f.source) FROM story_sources f WHERE f.story_id = s.id AND f.source <> '') AS sources
       FROM stories s WHERE ${where.join(' AND ')}
       ORDER BY ${sortColumn} DESC, s.id DESC LIMIT @limit`,
    ).all(params) as { id: string; headline: string; first_time: number; last_time: number; article_count: number; top_names: string; version: number; sort_key: number; sources: number }[];
    return rows.map((row) => ({
      id: row.id,
      headline: row.headline,
      firstSeen: new Date(row.first_time).toISOString(),
      lastSeen: new Date(row.last_time).toISOString(),
      articles: row.article_count,
      sources: row.sources,
      topNames: JSON.parse(row.top_names) as string[],
      version: row.version,
      sortKey: row.sort_key,
    }));
  }

  async storedView(storyId: string): Promise<{ version: number; view: string } | undefined> {
    return this.statement('SELECT version, view FROM story_views WHERE story_id = ?').get(storyId) as { version: number; view: string } | undefined;
  }

  async putStoredView(storyId: string, version: number, view: string): Promise<void> {
    // A reader must not wait for another process's write lock (better-sqlite3 waits synchronously): outside a
    // transaction of its own the write is tried once, and skipped when the lock is taken.
    const outsideTransaction = !this.db.inTransaction;
    const previousTimeout = outsideTransaction ? (this.db.pragma('busy_timeout', { simple: true }) as number) : 0;
    if (outsideTransaction) this.db.pragma('busy_timeout = 0');
    try {
      this.statement(
        `INSERT INTO story_views (story_id, version, view) VALUES (?, ?, ?)
         ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, view = excluded.view`,
      ).run(storyId, version, view);
    } catch (error) {
      // Another process holds the write lock, or the file is read-only: the view is simply made again next time.
      if (!isBusyOrReadOnly(error)) throw error;
    } finally {
      if (outsideTransaction) this.db.pragma(`busy_timeout = ${Number(previousTimeout)}`);
    }
  }

  async searchArticles(query: ArticleSearchQuery): Promise<ArticleSearchHit[]> {
    const match = ftsQuery(query.text);
    if (match === undefined) return [];
    this.writePendingSearch();
    // Rank only the most recent MAX_MATCHED_ARTICLES matches: the rowid of the last of them bounds the range.
    const cutoff = this.statement(`SELECT rowid FROM article_search WHERE article_search MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ${MAX_MATCHED_ARTICLES - 1}`).get(match) as { rowid: number } | undefined;
    const rows = this.statement(
      `SELECT a.id, a.title, a.source, a.published, sa.story_id, bm25(article_search, 2.0, 1.0) AS relevance,
         snippet(article_search, 1, ?, ?, '…', ${SNIPPET_WORDS}) AS snippet
       FROM article_search JOIN articles a ON a.rowid = article_search.rowid
       LEFT JOIN story_articles sa ON sa.article_id = a.id
       WHERE article_search MATCH ? AND article_search.rowid >= ? ORDER BY relevance, a.id LIMIT ? OFFSET ?`,
    ).all(MATCH_START, MATCH_END, match, cutoff?.rowid ?? 0, query.limit, query.offset) as { id: string; title: string; source: string | null; published: string | null; story_id: string | null; relevance: number; snippet: string }[];
    return rows.map((row) => {
      const hit: ArticleSearchHit = { id: row.id, title: row.title, score: -row.relevance, snippet: snippetRanges(row.snippet) };
      if (row.source !== null) hit.source = row.source;
      if (row.published !== null) hit.published = row.published;
      if (row.story_id !== null) hit.storyId = row.story_id;
      return hit;
    });
  }
}
