// The server store: PostgreSQL through node-postgres, for deployments with several workers or hosts. Same
// columns and answers as the SQLite store; write transactions of every process are serialised by one advisory
// lock, so the order-dependent stages see every earlier commit, and the in-memory copy index catches up with
// other writers' sketches when a transaction starts. Migrations are numbered and recorded in the database.
// The URL may name a schema (`?schema=name`): each test run and each deployment can keep its own.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { NewsfoldError } from '../errors.ts';
import { CopyIndex, decodeCopySketch, encodeCopySketch, type CopyKeys } from '../sketch/copy-index.ts';
import type { Article, Assignment, Relation, RelationKind, Story } from '../model.ts';
import { shownStoryNames } from '../stories/names.ts';
import { sharedVocabulary, TermVector, Vocabulary } from '../stories/vectors.ts';
import { StoryTermIds, type StoryTermRow } from './story-terms.ts';
import { MATCH_END, MATCH_START, searchWords, SNIPPET_WORDS, snippetRanges } from './search-text.ts';
import type { ArticleIndexEntry, ArticleSearchHit, ArticleSearchQuery, IndexSettingsRecord, Store, StoredCentroid, StoryChanges, StoryIndexEntry, StoryKey, StoryQuery, StoryState, StorySummary } from './store.ts';
import { ARTICLE_COLUMNS, articleFromRow, inCodeUnitOrder, NO_SIGNATURE, NO_TERMS, CHANGE_SEQUENCE_KEY, COPY_DELETIONS_KEY, DOCUMENT_COUNT_KEY, MAX_MERGE_HOPS, relationFromRow, decodeCentroid, encodeCentroid, migratedStoryColumns, sourcesByParagraph, storyTermIdsOfRows, storedIndexTerms, storyRowValues, storyStatesInOrder, withShownNames, STORY_INDEX_COLUMNS, STORY_STATE_COLUMNS, storyIndexEntryFromRow, storedCentroidsOfRows, untimedSince, type StoryStateRow, storyStateFromRow, type ArticleRow, type RelationRow, type StoryIndexRow, type StoryRow } from './rows.ts';
import { redacted } from './url.ts';
import { urlKey } from '../ingest/url.ts';

/** Wait for another process's write transaction, as the SQLite store's busy timeout (STORE_BUSY_TIMEOUT_MS). */
export const POSTGRES_LOCK_TIMEOUT_MS = 120_000;

/**
 * Advisory lock keys (two int4 keys: a class, then what is locked). Advisory locks are the database's, not a
 * schema's: the locks of one store (writing, applying, enqueueing) take the class of its schema
 * (schemaLockClass), so stores in other schemas of the same database neither wait for its writers nor keep its
 * workers from leading. Creating a schema and migrating take newsfold's own class, shared by every version.
 */
export const ADVISORY_LOCK_CLASS = 0x6e66; // "nf"
export const WRITE_LOCK = 1;
const MIGRATION_LOCK = 2;
const SCHEMA_LOCK = 5;
/** Held while a run's jobs are numbered, so one run's jobs get consecutive numbers. */
export const ENQUEUE_LOCK = 4;

/** The advisory lock class of a schema's store: a 32-bit FNV-1a hash of its name (a collision only serializes two stores). */
export function schemaLockClass(schema: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(`newsfold:${schema}`, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
}

/** Text compared bytewise, as SQLite compares it: ids and ISO dates order the same in both stores. */
const BYTEWISE = 'COLLATE "C"';

/**
 * The text search configuration: `simple` lower-cases and splits words without stemming or stop words, the
 * nearest to the SQLite store's FTS5 unicode61 tokenizer (which also folds diacritics; `simple` keeps them).
 */
const SEARCH_CONFIG = 'simple';
/** An article's search vector from its title and text (SQL expressions): the title weighted A, the text B. */
export function searchVectorSql(title: string, text: string): string {
  return `setweight(to_tsvector('${SEARCH_CONFIG}', ${title}), 'A') || setweight(to_tsvector('${SEARCH_CONFIG}', ${text}), 'B')`;
}
/**
 * The key under which a search vector made ahead of the insert is found (staged_items.search_key): a digest of
 * exactly the title and text it is made of, so a vector is used only for the words it was made from.
 */
export function searchKey(title: string, text: string): string {
  return createHash('sha256').update(`${title.length}:${title}`).update(text).digest('base64');
}
/**
 * ts_rank weights for D, C, B, A: the title (A) counts twice the text (B), as bm25(2.0, 1.0) weighs them in
 * the SQLite store.
 */
const SEARCH_WEIGHTS = '{0.1, 0.2, 0.5, 1.0}';
/**
 * ts_headline options: one fragment of about SNIPPET_WORDS words around the matches, marked as snippetRanges
 * reads; short words at its ends are kept (ShortWord=0), as FTS5's snippet keeps them.
 */
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=${SNIPPET_WORDS}, MinWords=${SNIPPET_WORDS / 2}, ShortWord=0, MaxFragments=1`;
/** Marks a snippet cut from a longer text, at either end, as FTS5's snippet does. */
const SNIPPET_ELLIPSIS = '…';

/** Terms sent in one statement by migration 7 (a parameter array each). */
const MIGRATION_TERMS_PER_INSERT = 10_000;

/** One numbered migration: its SQL, and work SQL alone cannot do (run after it, in the same transaction). */
export interface Migration {
  sql: string;
  after?: (client: pg.Client) => Promise<void>;
}

/** Numbered migrations: each runs once, in order, in one transaction, and is recorded in newsfold_migrations. */
/** Percent of a term_df page filled by inserts: the rest is room for its rows' updated versions (HOT updates). */
const TERM_DF_FILLFACTOR = 70;

/** Articles read and updated at once by migration 12: a bounded slice of a large table in memory. */
const MIGRATION_ROWS_PER_UPDATE = 10_000;

/** The articles' columns long enough to be compressed (migration 8). */
const ARTICLE_LZ4_COLUMNS = ['text', 'paragraphs', 'sentences', 'dropped', 'terms', 'search'];

export const MIGRATIONS: readonly Migration[] = [
  {
    sql: `
CREATE TABLE meta (key TEXT ${BYTEWISE} PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
  id TEXT ${BYTEWISE} PRIMARY KEY,
  arrival BIGSERIAL NOT NULL,
  content_hash TEXT NOT NULL,
  path TEXT ${BYTEWISE} NOT NULL,
  line INTEGER,
  format TEXT NOT NULL,
  external_id TEXT ${BYTEWISE},
  url TEXT ${BYTEWISE},
  source TEXT,
  title TEXT NOT NULL,
  published TEXT ${BYTEWISE},
  byline TEXT,
  dateline TEXT,
  language TEXT NOT NULL,
  text TEXT NOT NULL,
  paragraphs TEXT NOT NULL,
  sentences TEXT NOT NULL,
  dropped TEXT NOT NULL,
  ingested_at DOUBLE PRECISION NOT NULL,
  signature BYTEA NOT NULL,
  terms TEXT NOT NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_external_id ON articles(external_id);
CREATE INDEX articles_path ON articles(path);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_ingested_at ON articles(ingested_at);
CREATE TABLE relations (
  a TEXT ${BYTEWISE} NOT NULL,
  b TEXT ${BYTEWISE} NOT NULL,
  kind TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  coverage_a DOUBLE PRECISION NOT NULL,
  coverage_b DOUBLE PRECISION NOT NULL,
  direction_known INTEGER NOT NULL,
  direction_reason TEXT NOT NULL,
  passages TEXT NOT NULL,
  PRIMARY KEY (a, b)
);
CREATE INDEX relations_b ON relations(b);
CREATE TABLE term_df (term TEXT ${BYTEWISE} PRIMARY KEY, df INTEGER NOT NULL);
CREATE TABLE stories (
  id TEXT ${BYTEWISE} PRIMARY KEY,
  headline TEXT NOT NULL,
  headline_article TEXT NOT NULL,
  first_time DOUBLE PRECISION NOT NULL,
  last_time DOUBLE PRECISION NOT NULL,
  timed INTEGER NOT NULL,
  size INTEGER NOT NULL,
  centroid TEXT NOT NULL,
  created_at DOUBLE PRECISION NOT NULL,
  merged_into TEXT ${BYTEWISE},
  changed_seq BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX stories_last_time ON stories(last_time);
CREATE INDEX stories_changed_seq ON stories(changed_seq);
CREATE INDEX stories_merged_into ON stories(merged_into);
CREATE TABLE story_articles (
  article_id TEXT ${BYTEWISE} PRIMARY KEY,
  story_id TEXT ${BYTEWISE} NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  arrival BIGSERIAL NOT NULL
);
CREATE INDEX story_articles_story ON story_articles(story_id);
CREATE TABLE copy_sketches (slot BIGSERIAL PRIMARY KEY, article_id TEXT ${BYTEWISE} NOT NULL UNIQUE, sketch BYTEA NOT NULL);
INSERT INTO meta (key, value) VALUES ('${CHANGE_SEQUENCE_KEY}', '0'), ('${COPY_DELETIONS_KEY}', '0'), ('${DOCUMENT_COUNT_KEY}', '0');
`,
  },
  {
    // 2. The read side, as the SQLite store's schema 3: each story's compact row kept as it changes (version,
    // article count, top names), its sources and languages for filters, its last computed view, and full-text
    // search over articles (a generated tsvector, title weighted A and text B, under a GIN index). Filled from
    // what the database already holds.
    sql: `
ALTER TABLE stories ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN article_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE stories ADD COLUMN top_names TEXT NOT NULL DEFAULT '[]';
CREATE INDEX stories_live_recent ON stories(last_time, id) WHERE merged_into IS NULL;
CREATE INDEX stories_live_size ON stories(article_count, id) WHERE merged_into IS NULL;
CREATE TABLE story_sources (
  story_id TEXT ${BYTEWISE} NOT NULL,
  source TEXT ${BYTEWISE} NOT NULL,
  language TEXT ${BYTEWISE} NOT NULL,
  articles INTEGER NOT NULL,
  PRIMARY KEY (story_id, source, language)
);
CREATE INDEX story_sources_source ON story_sources(source, story_id);
CREATE INDEX story_sources_language ON story_sources(language, story_id);
CREATE TABLE story_views (story_id TEXT ${BYTEWISE} PRIMARY KEY, version INTEGER NOT NULL, view TEXT NOT NULL);
ALTER TABLE articles ADD COLUMN search tsvector GENERATED ALWAYS AS (${searchVectorSql('title', 'text')}) STORED;
CREATE INDEX articles_search ON articles USING GIN (search);
INSERT INTO story_sources (story_id, source, language, articles)
  SELECT sa.story_id, coalesce(a.source, ''), a.language, count(*) FROM story_articles sa JOIN articles a ON a.id = sa.article_id
  GROUP BY sa.story_id, coalesce(a.source, ''), a.language;
UPDATE stories SET article_count = (SELECT count(*) FROM story_articles sa WHERE sa.story_id = stories.id) WHERE merged_into IS NULL;
`,
    after: async (client) => {
      const live = await client.query<{ id: string; centroid: string }>('SELECT id, centroid FROM stories WHERE merged_into IS NULL');
      for (const row of live.rows) {
        // The names as the story's articles write them (shownStoryNames), as the engine keeps them from here on.
        const texts = await client.query<{ text: string }>('SELECT a.text FROM story_articles sa JOIN articles a ON a.id = sa.article_id WHERE sa.story_id = $1 ORDER BY a.id', [row.id]);
        const names = shownStoryNames(decodeCentroid(row.centroid), [], texts.rows.map((article) => article.text).join('\n\n'));
        await client.query('UPDATE stories SET top_names = $1 WHERE id = $2', [JSON.stringify(names), row.id]);
      }
    },
  },
  {
    // 3. Which sources carry each long paragraph (a hash of its normalised text): a paragraph repeated under
    // many sources is stock text for every worker alike (match/stock.ts), as the SQLite store's schema 3.
    sql: `
CREATE TABLE paragraph_sources (paragraph TEXT ${BYTEWISE} NOT NULL, source TEXT ${BYTEWISE} NOT NULL, PRIMARY KEY (paragraph, source));
`,
  },
  {
    // 4. The ingest queue's own records (engine/queue.ts): runs of numbered jobs, what workers staged for them, and
    // the position up to which they are applied (the next job, and the next article in it).
    sql: `
CREATE TABLE ingest_runs (run BIGSERIAL PRIMARY KEY, jobs INTEGER NOT NULL, enqueued_at TIMESTAMPTZ NOT NULL DEFAULT now());
CREATE TABLE ingest_jobs (
  seq BIGSERIAL PRIMARY KEY,
  run BIGINT NOT NULL REFERENCES ingest_runs(run),
  last_of_run BOOLEAN NOT NULL,
  spec TEXT NOT NULL,
  prepared_at TIMESTAMPTZ,
  applied_at TIMESTAMPTZ
);
CREATE INDEX ingest_jobs_pending ON ingest_jobs(seq) WHERE applied_at IS NULL;
CREATE TABLE staged_items (
  seq BIGINT NOT NULL,
  position INTEGER NOT NULL,
  run BIGINT NOT NULL,
  page_url TEXT ${BYTEWISE},
  feed_url TEXT ${BYTEWISE},
  payload TEXT NOT NULL,
  PRIMARY KEY (seq, position)
);
CREATE INDEX staged_items_page_url ON staged_items(run, page_url);
INSERT INTO meta (key, value) VALUES ('applied_job', '0'), ('applied_position', '0');
`,
  },
  {
    // 5. Each story's index terms beside its centroid (rows.ts storedIndexTerms), and the centroid in its packed
    // form (rows.ts encodeCentroid), as the SQLite store's schema 4: opening a store for ingest reads the stories
    // an arrival can reach without parsing their centroids, and a candidate's centroid quicker.
    sql: `
ALTER TABLE stories ADD COLUMN index_terms TEXT;
`,
    after: async (client) => {
      // In a vocabulary of its own: the process's shared one is not filled with every story's terms.
      const vocabulary = new Vocabulary();
      const live = await client.query<{ id: string; centroid: string }>('SELECT id, centroid FROM stories WHERE merged_into IS NULL');
      for (const row of live.rows) {
        const centroid = decodeCentroid(row.centroid, vocabulary);
        await client.query('UPDATE stories SET centroid = $1, index_terms = $2 WHERE id = $3', [encodeCentroid(centroid), storedIndexTerms(centroid), row.id]);
      }
    },
  },
  {
    // 6. Cheaper for the server, which shares the workers' cores. A staged payload (about 18 KB of JSON a page,
    // written once, read once, deleted at the end of its run) is stored uncompressed: compressing it cost the
    // server more than the bytes saved (pglz, about 0.3 ms a page). Document-frequency rows leave room on their
    // page, so a batch's counts are updated in place (HOT updates) instead of adding an index entry per term.
    sql: `
ALTER TABLE staged_items ALTER COLUMN payload SET STORAGE EXTERNAL;
ALTER TABLE term_df SET (fillfactor = ${TERM_DF_FILLFACTOR});
`,
  },
  {
    // 7. The terms of story centroids stored once (story-terms.ts), and stories' centroids and index terms as
    // their ids (rows.ts ID_FORM), as the SQLite store's schema 5: opening a store for ingest interns each
    // distinct term once, not once per story.
    sql: `
CREATE TABLE story_terms (id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, term TEXT ${BYTEWISE} NOT NULL UNIQUE);
`,
    after: async (client) => {
      // The table is new, so ids are given here (and the identity moved past them).
      const vocabulary = new Vocabulary();
      const ids = new Map<string, number>();
      const idOf = (term: string): number => {
        let id = ids.get(term);
        if (id === undefined) ids.set(term, (id = ids.size + 1));
        return id;
      };
      const live = await client.query<{ id: string; centroid: string }>('SELECT id, centroid FROM stories WHERE merged_into IS NULL');
      const updates = live.rows.map((row) => [...migratedStoryColumns(row.centroid, vocabulary, idOf), row.id]);
      const terms = [...ids.keys()];
      for (let from = 0; from < terms.length; from += MIGRATION_TERMS_PER_INSERT) {
        const slice = terms.slice(from, from + MIGRATION_TERMS_PER_INSERT);
        await client.query('INSERT INTO story_terms (id, term) SELECT * FROM unnest($1::int[], $2::text[])', [slice.map((term) => ids.get(term)), slice]);
      }
      if (terms.length > 0) await client.query("SELECT setval(pg_get_serial_sequence('story_terms', 'id'), $1)", [terms.length]);
      for (const values of updates) await client.query('UPDATE stories SET centroid = $1, index_terms = $2 WHERE id = $3', values);
    },
  },
  {
    // 8 (articles' lz4). An article's long columns (text, paragraphs, sentences, dropped lines, terms, its search
    // vector) compressed with lz4 instead of pglz: the articles insert, the applier's costliest statement, ran on
    // the workers' cores at 1.36 ms of server CPU an article with pglz and 1.20 with lz4 (bench section, issue 16,
    // session 18); nearly all the rest is the search vector. Rows written before keep pglz (both are read). A
    // server built without lz4 keeps pglz.
    sql: `
DO $$ BEGIN
  EXECUTE 'ALTER TABLE articles ${ARTICLE_LZ4_COLUMNS.map((column) => `ALTER COLUMN ${column} SET COMPRESSION lz4`).join(', ')}';
EXCEPTION WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN NULL;
END $$;
`,
  },
  {
    // 9 (live stories by timed and last time). The newest dated story, asked first when a store is opened for
    // ingest, was found by walking stories_live_recent down past every untimed story stamped later (half the
    // stories of the stream benchmark, growing with the archive).
    sql: `CREATE INDEX stories_live_timed ON stories(timed, last_time) WHERE merged_into IS NULL;`,
  },
  {
    // 10 (search vectors made ahead). An article's search vector is no longer generated by its insert: the insert
    // takes the vector a queue worker made while staging the article (staged_items.search, found by searchKey),
    // and makes it only when none was staged. Making it (to_tsvector of title and text) was the largest part of
    // the articles insert, which the applier runs in the serialized stages; staging runs on every worker at once.
    // Staged vectors are stored uncompressed, as the payload (written once, read once).
    sql: `
ALTER TABLE articles ALTER COLUMN search DROP EXPRESSION;
ALTER TABLE staged_items ADD COLUMN search_key TEXT ${BYTEWISE}, ADD COLUMN search tsvector;
ALTER TABLE staged_items ALTER COLUMN search SET STORAGE EXTERNAL;
CREATE INDEX staged_items_search_key ON staged_items(search_key);
`,
  },
  {
    // 11 (advisory locks by schema). Writers, the applier and enqueue lock in the schema's own class
    // (schemaLockClass), no longer in one class for the whole database. Nothing in the tables changes: the
    // migration is recorded so that a newsfold from before it, which would lock in the old class and so not
    // exclude these writers, refuses the schema (stop old workers before starting new ones).
    sql: `INSERT INTO meta (key, value) VALUES ('advisory_locks', 'by schema') ON CONFLICT (key) DO NOTHING;`,
  },
  {
    // 12 (URL keys, session 33). Each article's URL key (ingest/url.ts urlKey, as its identity uses it), indexed
    // in place of the raw URL, as the SQLite store's schema 8: `watch --feeds` asks whether a link's page is
    // stored before fetching it, and a reference by URL finds its article whatever tracking parameters or scheme
    // it is given with. One index still, so the applier's insert writes no more.
    // Safe to run again over its own result (a store whose record of it was lost is upgraded again).
    sql: `ALTER TABLE articles ADD COLUMN IF NOT EXISTS url_key TEXT ${BYTEWISE};`,
    after: async (client) => {
      for (let after = ''; ;) {
        const { rows } = await client.query<{ id: string; url: string }>('SELECT id, url FROM articles WHERE url IS NOT NULL AND url_key IS NULL AND id > $1 ORDER BY id LIMIT $2', [after, MIGRATION_ROWS_PER_UPDATE]);
        if (rows.length === 0) break;
        await client.query('UPDATE articles SET url_key = v.key FROM unnest($1::text[], $2::text[]) AS v(id, key) WHERE articles.id = v.id', [rows.map((row) => row.id), rows.map((row) => urlKey(row.url))]);
        after = rows[rows.length - 1]!.id;
      }
      await client.query('CREATE INDEX IF NOT EXISTS articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL; DROP INDEX IF EXISTS articles_url;');
    },
  },
];

export interface PostgresTarget {
  /** The connection string without newsfold's own parameters. */
  connectionString: string;
  schema: string;
}

/** PostgreSQL's identifier length (NAMEDATALEN - 1). */
const MAX_SCHEMA_NAME_LENGTH = 63;

/** Splits `?schema=name` off a postgres:// URL; the default schema is `newsfold`. */
export function postgresTarget(url: string): PostgresTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? 'newsfold';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
    throw new NewsfoldError('E_USAGE', `schema name ${JSON.stringify(schema)} must be lower-case letters, digits and _, not starting with a digit`);
  }
  // PostgreSQL cuts longer names to 63 bytes: two long names would share one schema. Said, not "lower-case letters".
  if (schema.length > MAX_SCHEMA_NAME_LENGTH) {
    throw new NewsfoldError('E_USAGE', `schema name "${schema.slice(0, 20)}..." has ${schema.length} characters; PostgreSQL allows ${MAX_SCHEMA_NAME_LENGTH}`);
  }
  // The system's own schemas: pg_* cannot be created ("unacceptable schema name", reported as a connection
  // fault), and tables put in information_schema are left out by pg_dump, so a backup silently lacks the store.
  if (schema.startsWith('pg_') || schema === 'information_schema') {
    throw new NewsfoldError('E_USAGE', `schema name "${schema}" is PostgreSQL's own; choose another, like newsfold (the default)`);
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** Connects a client with the schema as its search path; connection failures become E_STORE with the reason. */
export async function connectPostgres(url: string, options: { create?: boolean } = {}): Promise<{ client: pg.Client; target: PostgresTarget }> {
  const target = postgresTarget(url);
  const client = new pg.Client({ connectionString: target.connectionString });
  try {
    await client.connect();
    if (options.create !== false) {
      // Under a lock: CREATE SCHEMA IF NOT EXISTS by two processes at once can still collide on the catalogue.
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASS}, ${SCHEMA_LOCK})`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${target.schema}`);
      await client.query('COMMIT');
    }
    await client.query(`SET search_path TO ${target.schema}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new NewsfoldError('E_STORE', `cannot open PostgreSQL store ${redacted(url)}: ${(error as Error).message}`, POSTGRES_CONNECT_HINT);
  }
  return { client, target };
}

/**
 * Settles when `client` loses its connection (pg emits 'error' on an idle client: unheard, it crashed the
 * process with a trace). The session's state (search path, advisory locks) went with it, so no reconnecting.
 */
export function connectionLost(client: pg.Client, target: PostgresTarget): Promise<Error> {
  return new Promise((resolve) => {
    client.on('error', (error) => resolve(lostConnection(error, target)));
  });
}

/** The E_STORE a command ends with once its session is gone. */
function lostConnection(error: Error, target: PostgresTarget): NewsfoldError {
  return new NewsfoldError('E_STORE', `lost the connection to the PostgreSQL store (schema ${target.schema}): ${error.message}`, POSTGRES_LOST_HINT);
}

/** SQLSTATE of a session the server ended: an administrator's command, a crash of another backend, a shutdown. */
const SESSION_ENDED = /^57P0[1-3]$/;

/**
 * A query's error that says the session is gone, as that E_STORE; undefined for any other error. A query running
 * when the server ends the session is rejected with the server's message, and the client then emits no 'error'
 * for connectionLost to hear: without this, a worker met that way ended with an internal error (exit 3).
 */
export function sessionEndedError(error: unknown, target: PostgresTarget): NewsfoldError | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const ended = (typeof code === 'string' && SESSION_ENDED.test(code)) || error.message.startsWith('Connection terminated');
  return ended ? lostConnection(error, target) : undefined;
}

/** What to do once the connection is lost: start the command again when the server answers. */
const POSTGRES_LOST_HINT = 'The PostgreSQL server restarted, or ended this session; run the command again once it answers (a service manager can restart it on failure).';

/** The catalogue's E_STORE hint speaks of a damaged file: a server that cannot be reached needs another. */
const POSTGRES_CONNECT_HINT = 'Check that the PostgreSQL server is running and that the --db URL (host, port, user, password, database) is right.';

/** A read command's schema holds no store: most often a mistyped `?schema=` (the default is `newsfold`). */
const POSTGRES_MISSING_HINT = 'Check the --db URL and its ?schema= (default newsfold); ingest, run, enqueue, worker and serve create a store, read commands never do.';

/** The URL without its password, for messages. */

const LOCK_NOT_AVAILABLE = '55P03';
/** SQLSTATE of a write refused by a read-only transaction (a hot standby, or default_transaction_read_only). */
const READ_ONLY_TRANSACTION = '25006';

function isLockTimeout(error: unknown): boolean {
  return (error as { code?: string }).code === LOCK_NOT_AVAILABLE;
}

const NUL = '\u0000';
/** A read statement: its string parameters are values looked up (see PostgresStore.query). */
const READ = /^\s*SELECT\b/i;

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  return Array.isArray(value) && value.some((item) => typeof item === 'string' && item.includes(NUL));
}

/** A JSON string escape PostgreSQL's text cannot take (NUL) or that json refuses (a lone surrogate). */
const UNTEXTUAL_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/**
 * A long list of strings (a batch's terms: 10^4-10^5 of them) as one parameter: as a JSON array, which the
 * client writes 10-20x faster than pg's text[] literal (an escaping pass per element), or as text[] when a
 * string holds what JSON would carry differently (NUL, a lone surrogate), so the values reach the server alike.
 */
function termList(values: readonly string[]): { value: string | readonly string[]; sql: (parameter: number) => string } {
  const json = JSON.stringify(values);
  if (UNTEXTUAL_ESCAPE.test(json)) return { value: values, sql: (parameter) => `$${parameter}::text[]` };
  return { value: json, sql: (parameter) => `ARRAY(SELECT json_array_elements_text($${parameter}::json))` };
}

const INT4_MAX = 2 ** 31 - 1;
const INT4_MIN = -(2 ** 31);

/**
 * A size cursor as an int4 bound selecting the same rows (a cursor comes from the client: its key may be any
 * number, which PostgreSQL would refuse to compare with an int4 parameter). For a fractional key k,
 * (count, id) < (k, id) holds exactly when count < floor(k) + 1, that is (count, id) < (floor(k) + 1, '').
 */
function sizeKeyAfter(after: StoryKey): StoryKey | 'all' | 'none' {
  const key = Number.isInteger(after.key) ? after : { key: Math.floor(after.key) + 1, id: '' };
  if (key.key > INT4_MAX) return 'all';
  if (key.key < INT4_MIN) return 'none';
  return key;
}

/** Copy-sketch slots reserved from the sequence per round trip while a transaction stores articles. */
const SLOT_RESERVATION = 64;
/** Articles per insert statement when pending writes are flushed: one statement's size stays bounded (21,000 parameters, under PostgreSQL's 65,535). */
const FLUSH_ROWS = 1000;

/** The columns of the articles insert, one scalar parameter a row each, with their types; the last is the search key. */
const ARTICLE_INSERT_COLUMNS: readonly [string, string][] = [
  ...ARTICLE_COLUMNS.split(', ').map((column): [string, string] => [column, column === 'line' ? 'int' : column === 'ingested_at' ? 'float8' : 'text']),
  ['signature', 'bytea'],
  ['terms', 'text'],
  ['url_key', 'text'],
  ['search_key', 'text'],
];
/**
 * Articles in one statement, in arrival order (a VALUES list's), each with its staged search vector or one made
 * here. Rows go as scalar parameters, not one array a column: pg would escape every text, paragraphs and
 * sentences value into an array literal (a copy of each) and the server parse it back, on the applier's chain.
 */
function articlesInsert(rows: number): string {
  const width = ARTICLE_INSERT_COLUMNS.length;
  const values = Array.from({ length: rows }, (_, row) => `(${ARTICLE_INSERT_COLUMNS.map(([, type], at) => `$${row * width + at + 1}::${type}`).join(', ')})`);
  return `INSERT INTO articles (${ARTICLE_COLUMNS}, signature, terms, url_key, search)
  SELECT ${ARTICLE_INSERT_COLUMNS.slice(0, -1).map(([column]) => `v.${column}`).join(', ')}, ${searchOfRow('v.title', 'v.text', 'v.search_key')}
  FROM (VALUES ${values.join(', ')}) AS v(${ARTICLE_INSERT_COLUMNS.map(([column]) => column).join(', ')})`;
}

/** A copy-sketch insert of this many rows, scalar parameters in the same order as the articles insert's. */
function copySketchesInsert(rows: number): string {
  const values = Array.from({ length: rows }, (_, row) => `($${row * 3 + 1}::bigint, $${row * 3 + 2}::text, $${row * 3 + 3}::bytea)`);
  return `INSERT INTO copy_sketches (slot, article_id, sketch) SELECT * FROM (VALUES ${values.join(', ')}) AS v(slot, article_id, sketch)`;
}

/** An article's values for articlesInsert, in ARTICLE_INSERT_COLUMNS' order. */
function articleInsertValues(row: ArticleRow, terms: string): unknown[] {
  return [row.id, row.content_hash, row.path, row.line, row.format, row.external_id, row.url, row.source, row.title, row.published,
    row.byline, row.dateline, row.language, row.text, row.paragraphs, row.sentences, row.dropped, row.ingested_at, NO_SIGNATURE, terms,
    row.url === null ? null : urlKey(row.url), searchKey(row.title, row.text)];
}

/** An inserted article's search vector: the one staged under its key (migration 10), else made from its title and text. */
function searchOfRow(title: string, text: string, key: string): string {
  return `coalesce((SELECT s.search FROM staged_items s WHERE s.search_key = ${key} AND s.search IS NOT NULL LIMIT 1), ${searchVectorSql(title, text)})`;
}

/** An article stored in the open transaction but not yet sent: its row as it will be read back. */
interface PendingArticle {
  row: ArticleRow;
  terms: string;
  slot: number;
  sketch: Buffer;
}

/**
 * Writes of the open transaction held back and sent at commit (or before any read that could see them), a
 * statement per table instead of a round trip per article: the applier's round trips were its cost. Reads
 * that the engine makes while it applies a batch (articles by id, term vectors, paragraph sources) merge these.
 */
interface PendingWrites {
  articles: Map<string, PendingArticle>;
  paragraphSources: Map<string, Set<string>>;
  relations: Map<string, Relation>;
  /** The story of each article stored or assigned in the transaction (none yet: undefined), known without a read. */
  memberships: Map<string, string | undefined>;
  /** Story states saved, the last of each story, with how many saves it stands for (each adds one to its version). */
  stories: Map<string, { state: StoryState; saves: number }>;
  /** First assignments of articles (each adds one to its story's count and version), with the article's facet. */
  joins: PendingJoin[];
}

/** An article's first assignment to a story, held back with what its story's source facet needs. */
interface PendingJoin {
  assignment: Assignment;
  source: string;
  language: string;
}

function noPendingWrites(): PendingWrites {
  return { articles: new Map(), paragraphSources: new Map(), relations: new Map(), memberships: new Map(), stories: new Map(), joins: [] };
}

function articleRowOf(article: Article): ArticleRow {
  return {
    id: article.id,
    content_hash: article.contentHash,
    path: article.origin.path,
    line: article.origin.line ?? null,
    format: article.origin.format,
    external_id: article.externalId ?? null,
    url: article.url ?? null,
    source: article.source ?? null,
    title: article.title,
    published: article.published ?? null,
    byline: article.byline ?? null,
    dateline: article.dateline === undefined ? null : JSON.stringify(article.dateline),
    language: article.language,
    text: article.text,
    paragraphs: JSON.stringify(article.paragraphs),
    sentences: JSON.stringify(article.sentences),
    dropped: JSON.stringify(article.dropped),
    ingested_at: article.ingestedAt,
  };
}

/**
 * Paragraphs whose sources a writer keeps between its transactions (a batch reads 2,000-3,000; about 200 bytes
 * each, so 10 MB): past it the next transaction starts afresh, so memory does not follow the archive.
 */
const KNOWN_PARAGRAPHS = 50_000;

export class PostgresStore implements Store {
  readonly client: pg.Client;
  readonly target: PostgresTarget;
  /** The advisory lock class of this store's schema (schemaLockClass). */
  readonly lockClass: number;
  private readonly lockTimeoutMs: number;
  private copyIndex: CopyIndex | undefined;
  /** What this process knows of story_terms (ids <-> the vocabulary's ids). */
  private readonly storyTerms = new StoryTermIds();
  /** Article id of each slot in the loaded copy index (what its queries return). */
  private copyIndexIds = new Map<number, string>();
  private copyIndexSlot = 0;
  private copyIndexDeletions = 0;
  private transactionSequence: number | undefined;
  private inTransaction = false;
  private pending = noPendingWrites();
  /** Slots taken from the sequence in this transaction and not yet used (dropped at its end: later ones may be another writer's). */
  private reservedSlots: number[] = [];
  /** Paragraph keys to read at once at the transaction's first paragraph-sources read (readAheadParagraphSources). */
  private paragraphKeysAhead: readonly string[] = [];
  /**
   * The whole source set of each paragraph read so far (stored, and added by this process): under the write lock
   * no other writer adds any, so a later read of the same paragraph needs no round trip. Kept from one
   * transaction to the next only when no other writer committed between them (the change sequence is the next).
   */
  private knownParagraphSources = new Map<string, Set<string>>();
  /** The change sequence of the last transaction knownParagraphSources holds the writes of. */
  private knownParagraphsSequence: number | undefined;

  readonly lost: Promise<Error>;

  private constructor(client: pg.Client, target: PostgresTarget, lockTimeoutMs: number) {
    this.client = client;
    this.target = target;
    this.lockClass = schemaLockClass(target.schema);
    this.lockTimeoutMs = lockTimeoutMs;
    this.lost = connectionLost(client, target);
  }

  /**
   * Opens the store in the URL's schema, creating and migrating it, unless `mustExist` (read commands: a schema
   * with no newsfold store, or one an earlier newsfold wrote, is refused and nothing is created or migrated) or
   * `upgradeOnly` (`newsfold upgrade`: a missing store is refused, an older one migrated), as SQLite does.
   */
  static async open(url: string, options: { lockTimeoutMs?: number; mustExist?: boolean; upgradeOnly?: boolean } = {}): Promise<PostgresStore> {
    const existing = options.mustExist === true || options.upgradeOnly === true;
    const { client, target } = await connectPostgres(url, { create: !existing });
    const store = new PostgresStore(client, target, options.lockTimeoutMs ?? POSTGRES_LOCK_TIMEOUT_MS);
    try {
      if (existing) await store.checkExisting(url, options.mustExist === true);
      if (options.mustExist !== true) await store.migrate();
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return store;
  }

  /** A statement, after the transaction's held-back writes are sent (it may read them). */
  private async query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<R[]> {
    await this.flush();
    return this.direct<R>(sql, values);
  }

  /** A statement that reads none of the held-back tables, or whose caller merges the held-back rows itself. */
  private async direct<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<R[]> {
    if (READ.test(sql) && values.some(holdsNul)) {
      // PostgreSQL text cannot hold NUL, so no stored value equals or begins with one that does (SQLite compares
      // and finds nothing; PostgreSQL would refuse the parameter). Reads look values up by ids, names and
      // prefixes, all in conjunction: a scalar with NUL matches nothing, and in a list it matches no row.
      if (values.some((value) => typeof value === 'string' && value.includes(NUL))) return [];
      values = values.map((value) => (Array.isArray(value) ? value.filter((item) => !(typeof item === 'string' && item.includes(NUL))) : value));
    }
    return (await this.client.query<R>(sql, values)).rows;
  }

  /** Refuses a schema holding no newsfold store and, for read commands, one this newsfold would migrate. */
  private async checkExisting(url: string, readOnly: boolean): Promise<void> {
    const where = `schema ${this.target.schema} of ${redacted(url)}`;
    const [table] = await this.direct<{ found: string | null }>('SELECT to_regclass($1)::text AS found', [`${this.target.schema}.newsfold_migrations`]);
    if (table?.found === null || table?.found === undefined) {
      throw new NewsfoldError('E_STORE', `no newsfold store in ${where} (${readOnly ? 'read commands never create one' : '`newsfold upgrade` never creates one'})`, POSTGRES_MISSING_HINT);
    }
    const [row] = await this.direct<{ version: number | null }>('SELECT max(version) AS version FROM newsfold_migrations');
    const applied = row?.version ?? 0;
    if (applied > MIGRATIONS.length) throw new NewsfoldError('E_STORE', `${where} has migration ${applied}; this newsfold knows up to ${MIGRATIONS.length}`);
    if (readOnly && applied < MIGRATIONS.length) {
      throw new NewsfoldError('E_STORE', `${where} has migration ${applied}, written by an earlier newsfold; run \`newsfold upgrade --db ${redacted(url)}\` (or any ingest into it) to bring it to migration ${MIGRATIONS.length} (read commands change nothing)`);
    }
  }

  private async migrate(): Promise<void> {
    await this.client.query('BEGIN');
    try {
      await this.client.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASS}, ${MIGRATION_LOCK})`);
      await this.client.query('CREATE TABLE IF NOT EXISTS newsfold_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())');
      const [row] = await this.query<{ version: number | null }>('SELECT max(version) AS version FROM newsfold_migrations');
      const applied = row?.version ?? 0;
      if (applied > MIGRATIONS.length) {
        throw new NewsfoldError('E_STORE', `schema ${this.target.schema} has migration ${applied}; this newsfold knows up to ${MIGRATIONS.length}`);
      }
      for (let version = applied + 1; version <= MIGRATIONS.length; version++) {
        const migration = MIGRATIONS[version - 1]!;
        await this.client.query(migration.sql);
        await migration.after?.(this.client);
        await this.client.query('INSERT INTO newsfold_migrations (version) VALUES ($1)', [version]);
      }
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /**
   * One transaction holding the store-wide write lock (an advisory lock released at commit), waited for up to
   * the lock timeout; then the copy index takes in other writers' sketches.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) throw new NewsfoldError('E_STORE', 'nested transactions are not supported');
    this.inTransaction = true;
    await this.client.query('BEGIN');
    try {
      await this.client.query(`SET LOCAL lock_timeout = ${this.lockTimeoutMs}`);
      try {
        await this.client.query(`SELECT pg_advisory_xact_lock(${this.lockClass}, ${WRITE_LOCK})`);
      } catch (error) {
        if (isLockTimeout(error)) throw new NewsfoldError('E_STORE_BUSY', `the store stayed locked by another writer for ${this.lockTimeoutMs / 1000} s`);
        throw error;
      }
      await this.client.query('SET LOCAL lock_timeout = 0');
      this.transactionSequence = await this.bumpChangeSequence();
      if (this.knownParagraphsSequence !== this.transactionSequence - 1 || this.knownParagraphSources.size > KNOWN_PARAGRAPHS) this.knownParagraphSources = new Map();
      await this.catchUpCopyIndex();
      const result = await work();
      await this.flush();
      await this.client.query('COMMIT');
      this.knownParagraphsSequence = this.transactionSequence;
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      this.knownParagraphSources = new Map();
      this.knownParagraphsSequence = undefined;
      this.copyIndex = undefined;
      // Story term ids it added are void: another writer may give them to other terms.
      this.storyTerms.forget();
      this.copyIndexIds = new Map();
      throw error;
    } finally {
      this.pending = noPendingWrites();
      this.reservedSlots = [];
      this.paragraphKeysAhead = [];
      this.transactionSequence = undefined;
      this.inTransaction = false;
    }
  }

  /**
   * Sends the open transaction's held-back writes now: the queue's applier, before it deletes a finished run's
   * staged items, whose search vectors the articles insert takes.
   */
  async sendHeldWrites(): Promise<void> {
    await this.flush();
  }

  /** Sends the transaction's held-back writes: articles and their copy sketches, paragraph sources, relations. */
  private async flush(): Promise<void> {
    const { articles, paragraphSources, relations, memberships, stories, joins } = this.pending;
    if (articles.size === 0 && paragraphSources.size === 0 && relations.size === 0 && stories.size === 0 && joins.length === 0) return;
    this.pending = { ...noPendingWrites(), memberships, stories, joins };
    const rows = [...articles.values()];
    for (let from = 0; from < rows.length; from += FLUSH_ROWS) {
      const chunk = rows.slice(from, from + FLUSH_ROWS);
      await this.direct(articlesInsert(chunk.length), chunk.flatMap(({ row, terms }) => articleInsertValues(row, terms)));
      await this.direct(copySketchesInsert(chunk.length), chunk.flatMap((pending) => [pending.slot, pending.row.id, pending.sketch]));
    }
    const paragraphs: string[] = [];
    const sources: string[] = [];
    for (const [paragraph, holders] of paragraphSources) {
      for (const source of holders) {
        paragraphs.push(paragraph);
        sources.push(source);
      }
    }
    if (paragraphs.length > 0) {
      await this.direct('INSERT INTO paragraph_sources (paragraph, source) SELECT * FROM unnest($1::text[], $2::text[]) ON CONFLICT DO NOTHING', [paragraphs, sources]);
    }
    await this.writeRelations([...relations.values()]);
    await this.flushStories();
  }

  /**
   * Sends the held-back story rows and first memberships only (what a read of a story needs; a membership carries
   * its article's facet, so its article need not be sent): stories first, as a membership counts itself into its
   * story's row.
   */
  private async flushStories(): Promise<void> {
    const { stories, joins } = this.pending;
    if (stories.size === 0 && joins.length === 0) return;
    this.pending.stories = new Map();
    this.pending.joins = [];
    await this.writeStories([...stories.values()]);
    await this.writeJoins(joins);
  }

  /** A copy-sketch slot from the sequence, reserved a few at a time: slots grow in the order articles are stored. */
  private async nextSlot(): Promise<number> {
    if (this.reservedSlots.length === 0) {
      const rows = await this.direct<{ slot: string }>(
        `SELECT nextval(pg_get_serial_sequence('copy_sketches', 'slot')) AS slot FROM generate_series(1, $1)`,
        [SLOT_RESERVATION],
      );
      this.reservedSlots = rows.map((row) => Number(row.slot)).sort((x, y) => y - x);
    }
    return this.reservedSlots.pop()!;
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async bumpChangeSequence(): Promise<number> {
    const [row] = await this.direct<{ value: string }>(
      `UPDATE meta SET value = (value::bigint + 1)::text WHERE key = $1 RETURNING value`,
      [CHANGE_SEQUENCE_KEY],
    );
    return Number(row!.value);
  }

  private async metaNumber(key: string): Promise<number> {
    const [row] = await this.direct<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key]);
    return row === undefined ? 0 : Number(row.value);
  }

  private async writeSequence(): Promise<number> {
    return this.transactionSequence ?? this.bumpChangeSequence();
  }

  async changeSequence(): Promise<number> {
    return this.transactionSequence ?? this.metaNumber(CHANGE_SEQUENCE_KEY);
  }

  async storiesChangedSince(sequence: number): Promise<StoryChanges> {
    const rows = await this.query<StoryRow>('SELECT * FROM stories WHERE changed_seq > $1 ORDER BY changed_seq, created_at, id', [sequence]);
    return {
      saved: await this.storyStates(rows.filter((row) => row.merged_into === null)),
      merged: rows.filter((row) => row.merged_into !== null).map((row) => row.id),
    };
  }

  async checkIndexSettings(settings: IndexSettingsRecord): Promise<void> {
    const wanted = JSON.stringify(settings);
    await this.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', ['index_settings', wanted]);
    const [row] = await this.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', ['index_settings']);
    if (row!.value !== wanted) {
      throw new NewsfoldError('E_SKETCH_MISMATCH', `database was indexed with ${row!.value}; this run uses ${wanted}`);
    }
  }

  async hasArticle(id: string): Promise<boolean> {
    if (this.pending.articles.has(id)) return true;
    return (await this.direct('SELECT 1 FROM articles WHERE id = $1', [id])).length > 0;
  }

  async storedArticleIds(ids: readonly string[]): Promise<Set<string>> {
    const stored = new Set(ids.filter((id) => this.pending.articles.has(id)));
    const unsent = ids.filter((id) => !stored.has(id));
    if (unsent.length === 0) return stored;
    for (const row of await this.direct<{ id: string }>('SELECT id FROM articles WHERE id = ANY($1::text[])', [unsent])) stored.add(row.id);
    return stored;
  }

  async storedArticleUrls(urls: readonly string[]): Promise<Set<string>> {
    const keys = new Map<string, string[]>();
    for (const url of urls) {
      const key = urlKey(url);
      keys.set(key, [...(keys.get(key) ?? []), url]);
    }
    const found = new Set<string>();
    for (const held of this.pending.articles.values()) if (held.row.url !== null) found.add(urlKey(held.row.url));
    if (keys.size > 0) {
      for (const row of await this.direct<{ url_key: string }>('SELECT DISTINCT url_key FROM articles WHERE url_key = ANY($1::text[])', [[...keys.keys()]])) found.add(row.url_key);
    }
    return new Set([...keys].flatMap(([key, given]) => (found.has(key) ? given : [])));
  }

  async newestIngestTime(): Promise<number> {
    const [row] = await this.query<{ newest: number | null }>('SELECT max(ingested_at) AS newest FROM articles');
    return row?.newest ?? 0;
  }

  async putArticle(article: Article, index: ArticleIndexEntry): Promise<void> {
    const row = articleRowOf(article);
    const terms = index.terms?.toJSONText() ?? NO_TERMS;
    const sketch = encodeCopySketch(index.bandKeys, index.fingerprints);
    let slot: number;
    if (this.inTransaction) {
      if (this.pending.articles.has(article.id)) throw new NewsfoldError('E_STORE', `article ${article.id} is already stored`);
      slot = await this.nextSlot();
      this.pending.articles.set(article.id, { row, terms, slot, sketch });
      this.pending.memberships.set(article.id, undefined);
    } else {
      await this.direct(articlesInsert(1), articleInsertValues(row, terms));
      const [inserted] = await this.direct<{ slot: string }>('INSERT INTO copy_sketches (article_id, sketch) VALUES ($1, $2) RETURNING slot', [article.id, sketch]);
      slot = Number(inserted!.slot);
    }
    if (this.copyIndex !== undefined) {
      this.copyIndex.add(slot, index.bandKeys, index.fingerprints);
      this.copyIndexIds.set(slot, article.id);
      this.copyIndexSlot = slot;
    }
  }

  async getArticle(id: string): Promise<Article | undefined> {
    const [row] = await this.query<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = $1`, [id]);
    return row === undefined ? undefined : articleFromRow(row);
  }

  async getArticles(ids: readonly string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const { articles: pending } = this.pending;
    const stored = ids.filter((id) => !pending.has(id));
    const rows = stored.length === 0 ? [] : await this.direct<ArticleRow>(`SELECT ${ARTICLE_COLUMNS} FROM articles WHERE id = ANY($1)`, [stored]);
    const byId = new Map(rows.map((row) => [row.id, articleFromRow(row)]));
    return ids.flatMap((id) => {
      const held = pending.get(id);
      return held === undefined ? (byId.get(id) ?? []) : [articleFromRow(held.row)];
    });
  }

  async getTermVectors(ids: readonly string[]): Promise<Map<string, TermVector>> {
    if (ids.length === 0) return new Map();
    const { articles: pending } = this.pending;
    const stored = ids.filter((id) => !pending.has(id));
    const rows = stored.length === 0 ? [] : await this.direct<{ id: string; terms: string }>('SELECT id, terms FROM articles WHERE id = ANY($1)', [stored]);
    for (const id of ids) {
      const held = pending.get(id);
      if (held !== undefined) rows.push({ id, terms: held.terms });
    }
    return new Map(rows.filter((row) => row.terms !== NO_TERMS).map((row) => [row.id, TermVector.fromRecord(JSON.parse(row.terms) as Record<string, number>)]));
  }

  async keepTermVector(articleId: string, terms: TermVector): Promise<void> {
    const held = this.pending.articles.get(articleId);
    if (held !== undefined) held.terms = terms.toJSONText();
    else await this.direct('UPDATE articles SET terms = $1 WHERE id = $2', [terms.toJSONText(), articleId]);
  }

  async resolveArticle(reference: string): Promise<string[]> {
    if (await this.hasArticle(reference)) return [reference];
    const rows = await this.query<{ id: string }>(
      `SELECT id FROM articles WHERE id LIKE $1 ESCAPE '\\' OR external_id = $2 OR path = $2 OR url_key = $3 ORDER BY id LIMIT 20`,
      [`${reference.replace(/[\\%_]/g, '\\$&')}%`, reference, urlKey(reference)],
    );
    return rows.map((row) => row.id);
  }

  private async loadedCopyIndex(): Promise<CopyIndex> {
    if (this.copyIndex !== undefined) return this.copyIndex;
    await this.flush();
    const index = new CopyIndex();
    this.copyIndexIds = new Map();
    this.copyIndexDeletions = await this.metaNumber(COPY_DELETIONS_KEY);
    this.copyIndexSlot = 0;
    await this.addStoredSketches(index, 0);
    this.copyIndex = index;
    return index;
  }

  private async catchUpCopyIndex(): Promise<void> {
    if (this.copyIndex === undefined) return;
    if ((await this.metaNumber(COPY_DELETIONS_KEY)) !== this.copyIndexDeletions) {
      this.copyIndex = undefined;
      this.copyIndexIds = new Map();
      return;
    }
    await this.addStoredSketches(this.copyIndex, this.copyIndexSlot);
  }

  /** Sketches stored after `afterSlot`, in slot order. */
  private async addStoredSketches(index: CopyIndex, afterSlot: number): Promise<void> {
    const rows = await this.query<{ slot: string; article_id: string; sketch: Buffer }>(
      'SELECT slot, article_id, sketch FROM copy_sketches WHERE slot > $1 ORDER BY slot',
      [afterSlot],
    );
    for (const row of rows) {
      let sketch;
      try {
        sketch = decodeCopySketch(row.sketch);
      } catch (error) {
        throw new NewsfoldError('E_STORE', `the copy index entry of article ${row.article_id} is damaged: ${(error as Error).message}`);
      }
      index.add(Number(row.slot), sketch.bandKeys, sketch.fingerprints);
      this.copyIndexIds.set(Number(row.slot), row.article_id);
      this.copyIndexSlot = Number(row.slot);
    }
  }

  async findByBandKeys(keys: CopyKeys): Promise<string[]> {
    const slots = (await this.loadedCopyIndex()).query(keys, new Uint32Array(0)).lsh;
    return slots.flatMap((slot) => this.copyIndexIds.get(slot) ?? []);
  }

  async findByFingerprints(fingerprints: CopyKeys, probes?: CopyKeys): Promise<Map<string, number>> {
    const shared = (await this.loadedCopyIndex()).query(new Uint32Array(0), fingerprints, probes).fingerprints;
    const found = new Map<string, number>();
    for (const [slot, count] of shared) {
      const id = this.copyIndexIds.get(slot);
      if (id !== undefined) found.set(id, count);
    }
    return found;
  }

  async copyIndexBytes(): Promise<{ articles: number; allocated: number; used: number }> {
    const index = await this.loadedCopyIndex();
    return { articles: index.size, ...index.bytes() };
  }

  async deleteArticle(id: string): Promise<boolean> {
    const [row] = await this.query<{ slot: string }>('SELECT slot FROM copy_sketches WHERE article_id = $1', [id]);
    const storyId = await this.storyOfArticle(id);
    if (storyId !== undefined) {
      await this.leaveStory(storyId, id);
      // The deleted article's title was still the story's headline, on the list and the story page.
      await this.query(
        `UPDATE stories SET (headline, headline_article) = (SELECT coalesce(max(title), ''), coalesce(max(id), '') FROM (
           SELECT a.title, a.id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
           WHERE sa.story_id = $1 AND sa.article_id <> $2 AND a.title <> '' ORDER BY a.ingested_at, a.id LIMIT 1) AS first)
         WHERE id = $1 AND headline_article = $2`,
        [storyId, id],
      );
    }
    const removed = (await this.client.query('DELETE FROM articles WHERE id = $1', [id])).rowCount! > 0;
    if (row !== undefined) {
      this.copyIndex?.delete(Number(row.slot));
      this.copyIndexIds.delete(Number(row.slot));
      await this.query('DELETE FROM copy_sketches WHERE slot = $1', [row.slot]);
      await this.query(`UPDATE meta SET value = (value::bigint + 1)::text WHERE key = $1`, [COPY_DELETIONS_KEY]);
      if (this.copyIndex !== undefined) this.copyIndexDeletions++;
    }
    await this.query('DELETE FROM relations WHERE a = $1 OR b = $1', [id]);
    await this.query('DELETE FROM story_articles WHERE article_id = $1', [id]);
    this.pending.memberships.delete(id);
    return removed;
  }

  /** In a transaction, held back to its end; else one statement for all the relations. */
  async putRelations(relations: readonly Relation[]): Promise<void> {
    // A pair given twice keeps its last relation, as repeated single upserts would.
    const byPair = this.inTransaction ? this.pending.relations : new Map<string, Relation>();
    for (const relation of relations) {
      const pair = `${relation.a}\u0000${relation.b}`;
      byPair.delete(pair);
      byPair.set(pair, relation);
    }
    if (!this.inTransaction) await this.writeRelations([...byPair.values()]);
  }

  private async writeRelations(rows: readonly Relation[]): Promise<void> {
    if (rows.length === 0) return;
    await this.direct(
      `INSERT INTO relations (a, b, kind, score, coverage_a, coverage_b, direction_known, direction_reason, passages)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[], $7::int[], $8::text[], $9::text[])
       ON CONFLICT (a, b) DO UPDATE SET kind = excluded.kind, score = excluded.score, coverage_a = excluded.coverage_a,
         coverage_b = excluded.coverage_b, direction_known = excluded.direction_known, direction_reason = excluded.direction_reason,
         passages = excluded.passages`,
      [
        rows.map((r) => r.a),
        rows.map((r) => r.b),
        rows.map((r) => r.kind),
        rows.map((r) => r.score),
        rows.map((r) => r.coverage.a),
        rows.map((r) => r.coverage.b),
        rows.map((r) => (r.direction.known ? 1 : 0)),
        rows.map((r) => r.direction.reason),
        rows.map((r) => JSON.stringify(r.passages)),
      ],
    );
  }

  async relationsOf(articleId: string): Promise<Relation[]> {
    const rows = await this.query<RelationRow>('SELECT * FROM relations WHERE a = $1 OR b = $1 ORDER BY score DESC, a, b', [articleId]);
    return rows.map(relationFromRow);
  }

  async relationsAmong(articleIds: readonly string[]): Promise<Relation[]> {
    if (articleIds.length === 0) return [];
    const rows = await this.query<RelationRow>('SELECT * FROM relations WHERE a = ANY($1) AND b = ANY($1) ORDER BY a, b', [articleIds]);
    return rows.map(relationFromRow);
  }

  async relationsOfKinds(kinds: readonly RelationKind[]): Promise<Relation[]> {
    const rows = await this.query<RelationRow>('SELECT * FROM relations WHERE kind = ANY($1) ORDER BY a, b', [kinds]);
    return rows.map(relationFromRow);
  }

  async documentFrequencies(terms: readonly string[]): Promise<{ documents: number; frequencies: Map<string, number> }> {
    const list = termList(terms);
    // The document count rides along as a row of its own (term NULL): one round trip.
    const rows = await this.direct<{ term: string | null; df: string }>(
      `SELECT term, df::text AS df FROM term_df WHERE term = ANY(${list.sql(1)})
       UNION ALL SELECT NULL, value FROM meta WHERE key = $2`,
      [list.value, DOCUMENT_COUNT_KEY],
    );
    const frequencies = new Map<string, number>();
    let documents = 0;
    for (const row of rows) {
      if (row.term === null) documents = Number(row.df);
      else frequencies.set(row.term, Number(row.df));
    }
    return { documents, frequencies };
  }

  async addDocumentTerms(terms: readonly string[]): Promise<void> {
    const distinct = [...new Set(terms)].sort();
    await this.query(
      `WITH counted AS (UPDATE meta SET value = (value::bigint + 1)::text WHERE key = $2)
       INSERT INTO term_df (term, df) SELECT unnest($1::text[]), 1 ON CONFLICT (term) DO UPDATE SET df = term_df.df + 1`,
      [distinct, DOCUMENT_COUNT_KEY],
    );
  }

  /**
   * The queue's applier, before applying a batch: the paragraph keys its articles will ask about, read in one
   * statement at the transaction's first paragraph-sources read instead of a round trip an article.
   */
  readAheadParagraphSources(keys: readonly string[]): void {
    this.paragraphKeysAhead = keys;
  }

  async paragraphSources(keys: readonly string[]): Promise<Map<string, Set<string>>> {
    if (keys.length === 0) return new Map();
    if (!this.inTransaction) return this.readParagraphSources(keys);
    const known = this.knownParagraphSources;
    let unknown = keys.filter((key) => !known.has(key));
    if (unknown.length > 0) {
      if (this.paragraphKeysAhead.length > 0) {
        unknown = [...new Set([...unknown, ...this.paragraphKeysAhead.filter((key) => !known.has(key))])];
        this.paragraphKeysAhead = [];
      }
      const read = await this.readParagraphSources(unknown);
      for (const key of unknown) known.set(key, read.get(key) ?? new Set());
    }
    // Copies: the caller adds to the sets it gets.
    const sources = new Map<string, Set<string>>();
    for (const key of keys) {
      const holders = known.get(key)!;
      if (holders.size > 0) sources.set(key, new Set(holders));
    }
    return sources;
  }

  /** Stored sources of the paragraphs, with those the transaction added and has not sent. */
  private async readParagraphSources(keys: readonly string[]): Promise<Map<string, Set<string>>> {
    const rows = await this.direct<{ paragraph: string; source: string }>('SELECT paragraph, source FROM paragraph_sources WHERE paragraph = ANY($1)', [keys]);
    for (const key of keys) for (const source of this.pending.paragraphSources.get(key) ?? []) rows.push({ paragraph: key, source });
    return sourcesByParagraph(rows);
  }

  async addParagraphSources(keys: readonly string[], source: string): Promise<void> {
    if (keys.length === 0) return;
    if (this.inTransaction) {
      for (const key of keys) {
        const holders = this.pending.paragraphSources.get(key);
        if (holders === undefined) this.pending.paragraphSources.set(key, new Set([source]));
        else holders.add(source);
        this.knownParagraphSources.get(key)?.add(source);
      }
      return;
    }
    // A change other writers' known sources must not miss (they keep them while the sequence runs on unbroken).
    await this.bumpChangeSequence();
    await this.query(
      'INSERT INTO paragraph_sources (paragraph, source) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING',
      [[...keys].sort(), source],
    );
  }

  async addDocumentTermCounts(terms: readonly string[], counts: readonly number[], documents: number): Promise<void> {
    // In key order: consecutive rows share index and heap pages, 18-37% less server CPU than the map's order
    // (bench section, issue 16, session 19). UTF-16 order, not the index's byte order: nearly the same is enough.
    const byTerm = new Map<string, number>();
    for (let at = 0; at < terms.length; at++) byTerm.set(terms[at]!, counts[at]!);
    const ordered = inCodeUnitOrder([...byTerm.keys()]);
    const dfs = ordered.map((term) => byTerm.get(term)!);
    const list = termList(ordered);
    await this.direct(
      `WITH counted AS (UPDATE meta SET value = (value::bigint + $3)::text WHERE key = $4)
       INSERT INTO term_df (term, df) SELECT * FROM unnest(${list.sql(1)}, $2::int[])
       ON CONFLICT (term) DO UPDATE SET df = term_df.df + excluded.df`,
      [list.value, dfs, documents, DOCUMENT_COUNT_KEY],
    );
  }

  async storyOfArticle(articleId: string): Promise<string | undefined> {
    if (this.pending.memberships.has(articleId)) return this.pending.memberships.get(articleId);
    const [row] = await this.direct<{ story_id: string }>('SELECT story_id FROM story_articles WHERE article_id = $1', [articleId]);
    return row?.story_id;
  }

  async getStoryState(id: string): Promise<StoryState | undefined> {
    if (this.pending.stories.has(id)) await this.flushStories();
    const [row] = await this.direct<StoryRow>('SELECT * FROM stories WHERE id = $1 AND merged_into IS NULL', [id]);
    return row === undefined ? undefined : withShownNames((await this.storyStates([row]))[0]!, row);
  }

  async activeStories(time: number, windowMs: number): Promise<StoryState[]> {
    if (!Number.isFinite(windowMs)) {
      return this.storyStates(await this.query<StoryRow>('SELECT * FROM stories WHERE merged_into IS NULL ORDER BY created_at, id'));
    }
    const rows = await this.query<StoryRow>(
      `SELECT * FROM stories WHERE merged_into IS NULL
       AND (timed = 0 OR (last_time >= $1 AND first_time <= $2)) ORDER BY created_at, id`,
      [time - windowMs, time + windowMs],
    );
    return this.storyStates(rows);
  }

  async recentStories(datedSince: number, untimedLimit: number): Promise<StoryState[]> {
    const rows = await this.query<StoryRow>(
      `SELECT * FROM (
         SELECT * FROM stories WHERE merged_into IS NULL AND timed = 1 AND last_time >= $1
         UNION ALL
         SELECT * FROM (SELECT * FROM stories WHERE merged_into IS NULL AND timed = 0 ORDER BY last_time DESC, id LIMIT $2) AS untimed
       ) AS recent ORDER BY created_at, id`,
      [datedSince, untimedLimit],
    );
    return this.storyStates(rows);
  }

  async storyIndexEntries(datedSince: number, untimedArticles: number): Promise<StoryIndexEntry[]> {
    // The centroid column is read only where index_terms is missing.
    // Read after the held-back writes are sent, as SQLite would see them.
    const recent = (await this.query<{ ingested_at: number }>('SELECT ingested_at FROM articles ORDER BY ingested_at DESC LIMIT $1', [untimedArticles])).map((row) => Number(row.ingested_at));
    const rows = await this.direct<StoryIndexRow>(
      `SELECT * FROM (
         SELECT ${STORY_INDEX_COLUMNS} FROM stories WHERE merged_into IS NULL AND timed = 1 AND last_time >= $1
         UNION ALL
         SELECT ${STORY_INDEX_COLUMNS} FROM stories WHERE merged_into IS NULL AND timed = 0 AND last_time >= $2
       ) AS recent ORDER BY created_at, id`,
      [datedSince, untimedSince(recent, untimedArticles)],
    );
    // Index terms in the id form come as store term ids: only a row that has none has its centroid's terms read.
    await this.readStoryTerms(rows.filter((row) => row.index_terms === null));
    return rows.map((row) => storyIndexEntryFromRow(row, this.storyTerms, recent));
  }

  async getStoryStates(ids: readonly string[]): Promise<StoryState[]> {
    if (ids.length === 0) return [];
    if (ids.some((id) => this.pending.stories.has(id))) await this.flushStories();
    const rows = await this.direct<StoryStateRow>(`SELECT ${STORY_STATE_COLUMNS} FROM stories WHERE id = ANY($1::text[]) AND merged_into IS NULL`, [ids]);
    await this.readStoryTerms(rows);
    return storyStatesInOrder(ids, rows, this.storyTerms);
  }

  async storedCentroids(ids: readonly string[]): Promise<Map<string, StoredCentroid>> {
    if (ids.some((id) => this.pending.stories.has(id))) await this.flushStories();
    const rows = await this.direct<{ id: string; centroid: string }>('SELECT id, centroid FROM stories WHERE id = ANY($1::text[]) AND merged_into IS NULL', [ids]);
    return storedCentroidsOfRows(rows);
  }

  async internStoryTerms(terms: Int32Array): Promise<void> {
    const vocabulary = sharedVocabulary();
    await this.readStoryTermIds([terms], vocabulary);
    for (const id of terms) this.storyTerms.toVocabulary(id, vocabulary);
  }

  async storyTermIdsOf(vector: TermVector): Promise<Int32Array> {
    const unknown = this.storyTerms.unknownTerms(vector.ids, vector.vocabulary);
    if (unknown.length > 0) this.storyTerms.learnWritten(await this.direct<StoryTermRow>('SELECT id, term FROM story_terms WHERE term = ANY($1::text[])', [unknown]), vector.vocabulary);
    return this.storyTerms.storeIdsOf(vector.ids, vector.vocabulary);
  }

  private async storyStates(rows: StoryRow[]): Promise<StoryState[]> {
    await this.readStoryTerms(rows);
    return rows.map((row) => storyStateFromRow(row, this.storyTerms));
  }

  /** Reads the story terms of `rows`' id-form columns this process has not met into the shared vocabulary. */
  private async readStoryTerms(rows: readonly { centroid?: string | null; index_terms?: string | null }[]): Promise<void> {
    await this.readStoryTermIds(storyTermIdsOfRows(rows), sharedVocabulary());
  }

  /** Reads the terms of the store ids among `lists` that `vocabulary` has not met (learned, interned when decoded). */
  private async readStoryTermIds(lists: readonly ArrayLike<number>[], vocabulary: Vocabulary): Promise<void> {
    const unknown = this.storyTerms.unknownStoreIds(lists, vocabulary);
    if (unknown.length === 0) return;
    const found = await this.direct<StoryTermRow>('SELECT id, term FROM story_terms WHERE id = ANY($1::int[])', [unknown]);
    if (found.length !== unknown.length) throw new NewsfoldError('E_STORE', 'a story refers to a term the store does not hold: the database is damaged');
    this.storyTerms.learn(found, vocabulary);
  }

  /**
   * Gives every term of `centroids` a story term id (adding the new ones to story_terms), known to this.storyTerms:
   * one statement per vocabulary (the new terms' ids from the insert, the others' from the table as it was).
   */
  private async learnStoryTermsOf(centroids: readonly TermVector[]): Promise<void> {
    const unknownByVocabulary = new Map<Vocabulary, Set<string>>();
    for (const centroid of centroids) {
      const unknown = this.storyTerms.unknownTerms(centroid.ids, centroid.vocabulary);
      if (unknown.length === 0) continue;
      let terms = unknownByVocabulary.get(centroid.vocabulary);
      if (terms === undefined) unknownByVocabulary.set(centroid.vocabulary, (terms = new Set()));
      for (const term of unknown) terms.add(term);
    }
    for (const [vocabulary, terms] of unknownByVocabulary) {
      const rows = await this.direct<StoryTermRow>(
        `WITH added AS (INSERT INTO story_terms (term) SELECT unnest($1::text[]) ON CONFLICT (term) DO NOTHING RETURNING id, term)
         SELECT id, term FROM added UNION ALL SELECT id, term FROM story_terms WHERE term = ANY($1::text[])`,
        [[...terms]],
      );
      this.storyTerms.learnWritten(rows, vocabulary);
    }
  }

  async newestStoryTime(): Promise<number | undefined> {
    const [row] = await this.query<{ last_time: string | number }>(
      'SELECT last_time FROM stories WHERE merged_into IS NULL AND timed = 1 ORDER BY last_time DESC LIMIT 1',
    );
    return row === undefined ? undefined : Number(row.last_time);
  }

  /** In a transaction, held back to its end (or to a read of the story); else written at once. */
  async saveStoryState(state: StoryState): Promise<void> {
    if (!this.inTransaction) {
      await this.writeStories([{ state, saves: 1 }]);
      return;
    }
    const held = this.pending.stories.get(state.id);
    this.pending.stories.delete(state.id);
    this.pending.stories.set(state.id, { state, saves: (held?.saves ?? 0) + 1 });
  }

  /** Story rows in one statement: each saved `saves` times (its version counts every save, as single upserts would). */
  private async writeStories(entries: readonly { state: StoryState; saves: number }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.learnStoryTermsOf(entries.map(({ state }) => state.centroid));
    const sequence = await this.writeSequence();
    const rows = entries.map(({ state }) => storyRowValues(state, sequence, this.storyTerms));
    const column = (at: number) => rows.map((row) => row[at]);
    await this.direct(
      `INSERT INTO stories (id, headline, headline_article, first_time, last_time, timed, size, centroid, created_at, changed_seq, top_names, index_terms, version)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::int[], $7::int[], $8::text[], $9::float8[],
         $10::bigint[], $11::text[], $12::text[], $13::int[])
       ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, headline_article = excluded.headline_article, first_time = excluded.first_time,
         last_time = excluded.last_time, timed = excluded.timed, size = excluded.size, centroid = excluded.centroid, changed_seq = excluded.changed_seq,
         version = stories.version + excluded.version, top_names = excluded.top_names, index_terms = excluded.index_terms`,
      [...Array.from({ length: 12 }, (_, at) => column(at)), entries.map(({ saves }) => saves)],
    );
  }

  /**
   * A first assignment of an article stored in the open transaction is held back to its end (memberships,
   * source facets and story counts then go in one statement for the batch); any other is written at once.
   */
  async assignArticle(assignment: Assignment): Promise<void> {
    const previous = await this.storyOfArticle(assignment.articleId);
    const held = this.pending.articles.get(assignment.articleId)?.row;
    if (this.inTransaction && previous === undefined && held !== undefined) {
      this.pending.memberships.set(assignment.articleId, assignment.storyId);
      this.pending.joins.push({ assignment, source: held.source ?? '', language: held.language });
      return;
    }
    await this.flush();
    if (previous !== undefined && previous !== assignment.storyId) await this.leaveStory(previous, assignment.articleId);
    const membership = `INSERT INTO story_articles (article_id, story_id, reason, detail, score) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason, detail = excluded.detail, score = excluded.score`;
    const values = [assignment.articleId, assignment.storyId, assignment.reason, assignment.detail, assignment.score];
    if (this.inTransaction) this.pending.memberships.set(assignment.articleId, assignment.storyId);
    if (previous === assignment.storyId) {
      await this.direct(membership, values);
      return;
    }
    // The membership, the story's source facet and its count in one statement.
    await this.direct(
      `WITH membership AS (${membership}),
         facet AS (INSERT INTO story_sources (story_id, source, language, articles) SELECT $2, coalesce(source, ''), language, 1 FROM articles WHERE id = $1
           ON CONFLICT (story_id, source, language) DO UPDATE SET articles = story_sources.articles + 1)
       UPDATE stories SET article_count = article_count + 1, version = version + 1 WHERE id = $2`,
      values,
    );
  }

  /** Held-back first assignments: memberships in arrival order, source facets and story counts, in one statement. */
  private async writeJoins(joins: readonly PendingJoin[]): Promise<void> {
    if (joins.length === 0) return;
    await this.direct(
      `WITH joined AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[], $7::text[]) WITH ORDINALITY
           AS j(article_id, story_id, reason, detail, score, source, language, arrival)),
       membership AS (INSERT INTO story_articles (article_id, story_id, reason, detail, score)
         SELECT article_id, story_id, reason, detail, score FROM joined ORDER BY arrival
         ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, reason = excluded.reason, detail = excluded.detail, score = excluded.score),
       facet AS (INSERT INTO story_sources (story_id, source, language, articles)
         SELECT story_id, source, language, count(*) FROM joined GROUP BY story_id, source, language
         ON CONFLICT (story_id, source, language) DO UPDATE SET articles = story_sources.articles + excluded.articles)
       UPDATE stories SET article_count = article_count + counted.articles, version = version + counted.articles
       FROM (SELECT story_id, count(*)::int AS articles FROM joined GROUP BY story_id) AS counted WHERE stories.id = counted.story_id`,
      [
        joins.map((join) => join.assignment.articleId),
        joins.map((join) => join.assignment.storyId),
        joins.map((join) => join.assignment.reason),
        joins.map((join) => join.assignment.detail),
        joins.map((join) => join.assignment.score),
        joins.map((join) => join.source),
        joins.map((join) => join.language),
      ],
    );
  }

  /** The compact row's side of an article leaving a story (deleted, or assigned elsewhere). */
  private async leaveStory(storyId: string, articleId: string): Promise<void> {
    const [facet] = await this.query<{ source: string; language: string }>(`SELECT coalesce(source, '') AS source, language FROM articles WHERE id = $1`, [articleId]);
    if (facet !== undefined) {
      await this.query('UPDATE story_sources SET articles = articles - 1 WHERE story_id = $1 AND source = $2 AND language = $3', [storyId, facet.source, facet.language]);
      await this.query('DELETE FROM story_sources WHERE story_id = $1 AND articles <= 0', [storyId]);
    }
    await this.query('UPDATE stories SET article_count = greatest(article_count - 1, 0), version = version + 1 WHERE id = $1', [storyId]);
  }

  async mergeStory(from: string, into: string): Promise<void> {
    await this.flush();
    const sequence = await this.writeSequence();
    await this.direct('UPDATE story_articles SET story_id = $1 WHERE story_id = $2', [into, from]);
    for (const [articleId, storyId] of this.pending.memberships) if (storyId === from) this.pending.memberships.set(articleId, into);
    await this.direct(
      `INSERT INTO story_sources (story_id, source, language, articles) SELECT $1, source, language, articles FROM story_sources WHERE story_id = $2
       ON CONFLICT (story_id, source, language) DO UPDATE SET articles = story_sources.articles + excluded.articles`,
      [into, from],
    );
    await this.direct('DELETE FROM story_sources WHERE story_id = $1', [from]);
    await this.direct(
      'UPDATE stories SET article_count = article_count + (SELECT article_count FROM stories WHERE id = $1), version = version + 1 WHERE id = $2',
      [from, into],
    );
    await this.direct('UPDATE stories SET merged_into = $1, article_count = 0, changed_seq = $2 WHERE id = $3', [into, sequence, from]);
    await this.direct('UPDATE stories SET merged_into = $1, changed_seq = $2 WHERE merged_into = $3', [into, sequence, from]);
    await this.direct('DELETE FROM story_views WHERE story_id = $1', [from]);
  }

  private async liveStoryId(id: string): Promise<string | undefined> {
    let current = id;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
      const [row] = await this.query<{ merged_into: string | null }>('SELECT merged_into FROM stories WHERE id = $1', [current]);
      if (row === undefined) return undefined;
      if (row.merged_into === null) return current;
      current = row.merged_into;
    }
    throw new NewsfoldError('E_STORE', `story ${id} has a merge chain longer than ${MAX_MERGE_HOPS}`);
  }

  async getStory(id: string): Promise<Story | undefined> {
    const live = await this.liveStoryId(id);
    if (live === undefined) return undefined;
    const [row] = await this.query<StoryRow>('SELECT * FROM stories WHERE id = $1', [live]);
    const members = await this.query<{ id: string }>(
      `SELECT sa.article_id AS id FROM story_articles sa JOIN articles a ON a.id = sa.article_id
       WHERE sa.story_id = $1 ORDER BY coalesce(a.published, ''), a.ingested_at, sa.arrival`,
      [live],
    );
    const story: Story = {
      id: live,
      headline: row!.headline,
      articleIds: members.map((member) => member.id),
      firstSeen: new Date(row!.first_time).toISOString(),
      lastSeen: new Date(row!.last_time).toISOString(),
      version: row!.version,
    };
    if (live !== id) story.mergedInto = live;
    return story;
  }

  async resolveStory(reference: string): Promise<string[]> {
    const rows = await this.query<{ id: string }>(`SELECT id FROM stories WHERE id LIKE $1 ESCAPE '\\' ORDER BY id LIMIT 20`, [
      `${reference.replace(/[\\%_]/g, '\\$&')}%`,
    ]);
    const exact = rows.find((row) => row.id === reference);
    return exact === undefined ? rows.map((row) => row.id) : [exact.id];
  }

  async listStories(): Promise<Story[]> {
    const rows = await this.query<{ id: string }>('SELECT id FROM stories WHERE merged_into IS NULL ORDER BY size DESC, first_time, id');
    const stories: Story[] = [];
    for (const row of rows) {
      const story = await this.getStory(row.id);
      if (story !== undefined) stories.push(story);
    }
    return stories;
  }

  async assignmentsOf(storyId: string): Promise<Assignment[]> {
    const rows = await this.query<{ article_id: string; story_id: string; reason: Assignment['reason']; detail: string; score: number }>(
      'SELECT article_id, story_id, reason, detail, score FROM story_articles WHERE story_id = $1 ORDER BY arrival',
      [storyId],
    );
    return rows.map((row) => ({ articleId: row.article_id, storyId: row.story_id, reason: row.reason, detail: row.detail, score: row.score }));
  }

  async counts(): Promise<{ articles: number; stories: number }> {
    const [row] = await this.query<{ articles: number; stories: number }>(
      'SELECT (SELECT count(*) FROM articles)::int AS articles, (SELECT count(*) FROM stories WHERE merged_into IS NULL)::int AS stories',
    );
    return { articles: row!.articles, stories: row!.stories };
  }

  async storyRows(query: StoryQuery): Promise<StorySummary[]> {
    // The SQL is assembled from the constant fragments below only; every value the caller gave is a parameter.
    const sortColumn = query.sort === 'size' ? 's.article_count' : 's.last_time';
    // A story whose every article was deleted is no story to list (its headline was a deleted article's title).
    const where = ['s.merged_into IS NULL', 's.article_count > 0'];
    const values: unknown[] = [];
    const parameter = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    if (query.since !== undefined) where.push(`s.last_time >= ${parameter(query.since)}`);
    if (query.until !== undefined) where.push(`s.first_time <= ${parameter(query.until)}`);
    if (query.minArticles !== undefined) {
      // article_count is an int4: a bound past its range would be an error here, where SQLite just compares.
      if (query.minArticles > INT4_MAX) return [];
      if (query.minArticles > INT4_MIN) where.push(`s.article_count >= ${parameter(Math.ceil(query.minArticles))}`);
    }
    if (query.source !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM story_sources f WHERE f.story_id = s.id AND f.source = ${parameter(query.source)})`);
    }
    if (query.language !== undefined) {
      where.push(`EXISTS (SELECT 1 FROM story_sources f WHERE f.story_id = s.id AND f.language = ${parameter(query.language)})`);
    }
    if (query.text !== undefined) {
      const words = searchWords(query.text);
      if (words.length === 0) return [];
      where.push(`s.id IN (SELECT sa.story_id FROM articles a JOIN story_articles sa ON sa.article_id = a.id
        WHERE a.search @@ plainto_tsquery('${SEARCH_CONFIG}', ${parameter(words.join(' '))}))`);
    }
    if (query.ids !== undefined) where.push(`s.id = ANY(${parameter(query.ids)}::text[])`);
    if (query.after !== undefined) {
      const after = query.sort === 'size' ? sizeKeyAfter(query.after) : query.after;
      if (after === 'none') return [];
      if (after !== 'all') where.push(`(${sortColumn}, s.id) < (${parameter(after.key)}, ${parameter(after.id)})`);
    }
    const rows = await this.query<{ id: string; headline: string; first_time: number; last_time: number; article_count: number; top_names: string; version: number; sort_key: number; sources: number }>(
      `SELECT s.id, s.headline, s.first_time, s.last_time, s.article_count, s.top_names, s.version, ${sortColumn} AS sort_key,
         (SELECT count(DISTINCT f.source) FROM story_sources f WHERE f.story_id = s.id AND f.source <> '')::int AS sources
       FROM stories s WHERE ${where.join(' AND ')}
       ORDER BY ${sortColumn} DESC, s.id DESC LIMIT ${parameter(query.limit)}`,
      values,
    );
    return rows.map((row) => ({
      id: row.id,
      headline: row.headline,
      firstSeen: new Date(row.first_time).toISOString(),
      lastSeen: new Date(row.last_time).toISOString(),
      articles: row.article_count,
      sources: row.sources,
      topNames: JSON.parse(row.top_names) as string[],
      version: row.version,
      sortKey: Number(row.sort_key),
    }));
  }

  async storedView(storyId: string): Promise<{ version: number; view: string } | undefined> {
    const [row] = await this.query<{ version: number; view: string }>('SELECT version, view FROM story_views WHERE story_id = $1', [storyId]);
    return row;
  }

  async putStoredView(storyId: string, version: number, view: string): Promise<void> {
    try {
      await this.query(
        `INSERT INTO story_views (story_id, version, view) VALUES ($1, $2, $3)
         ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, view = excluded.view`,
        [storyId, version, view],
      );
    } catch (error) {
      // A read-only server or role: the view is simply made again next time. Inside a transaction the error
      // has aborted it, so it is not swallowed there.
      if (this.inTransaction || (error as { code?: string }).code !== READ_ONLY_TRANSACTION) throw error;
    }
  }

  /**
   * Ranked with ts_rank (title weighted twice the text), where the SQLite store ranks with FTS5's bm25: both
   * require every word and put title matches first, but scores and the order of close hits differ.
   */
  async searchArticles(query: ArticleSearchQuery): Promise<ArticleSearchHit[]> {
    const words = searchWords(query.text);
    if (words.length === 0) return [];
    // The snippet is made for the page's hits only: ts_headline reparses the whole text.
    // Where the snippet sits in the text tells whether it was cut at either end.
    const rows = await this.query<{ id: string; title: string; source: string | null; published: string | null; story_id: string | null; relevance: number; snippet: string; cut_start: boolean; cut_end: boolean }>(
      `SELECT hit.id, hit.title, hit.source, hit.published, sa.story_id, hit.relevance, h.snippet,
         strpos(hit.text, h.plain) > 1 AS cut_start,
         strpos(hit.text, h.plain) > 0 AND strpos(hit.text, h.plain) + char_length(h.plain) - 1 < char_length(hit.text) AS cut_end
       FROM (
         SELECT a.id, a.title, a.source, a.published, a.text, q.query, ts_rank($2, a.search, q.query) AS relevance
         FROM articles a, plainto_tsquery('${SEARCH_CONFIG}', $1) AS q(query)
         WHERE a.search @@ q.query
         ORDER BY relevance DESC, a.id LIMIT $3 OFFSET $4
       ) AS hit
       CROSS JOIN LATERAL (SELECT ts_headline('${SEARCH_CONFIG}', hit.text, hit.query, $5) AS snippet) AS marked
       CROSS JOIN LATERAL (SELECT marked.snippet, replace(replace(marked.snippet, $6, ''), $7, '') AS plain) AS h
       LEFT JOIN story_articles sa ON sa.article_id = hit.id
       ORDER BY hit.relevance DESC, hit.id`,
      [words.join(' '), SEARCH_WEIGHTS, query.limit, query.offset, HEADLINE_OPTIONS, MATCH_START, MATCH_END],
    );
    return rows.map((row) => {
      const marked = `${row.cut_start ? SNIPPET_ELLIPSIS : ''}${row.snippet}${row.cut_end ? SNIPPET_ELLIPSIS : ''}`;
      const hit: ArticleSearchHit = { id: row.id, title: row.title, score: row.relevance, snippet: snippetRanges(marked) };
      if (row.source !== null) hit.source = row.source;
      if (row.published !== null) hit.published = row.published;
      if (row.story_id !== null) hit.storyId = row.story_id;
      return hit;
    });
  }
}
