// How the PostgreSQL store asks the server to keep its busiest tables (migration 6): staged payloads stored
// uncompressed, document-frequency pages with room for updated rows; search vectors made while staging (migration 10). Skipped, with the reason printed, when no
// PostgreSQL server answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { PostgresStore, searchKey, searchVectorSql } from '../../src/store/postgres.ts';
import type { ArticleIndexEntry } from '../../src/store/store.ts';
import { TermVector } from '../../src/stories/vectors.ts';
import { articleFrom, UNRELATED, WIRE_STORY } from '../fixtures.ts';
import { TEST_POSTGRES, testSchema } from './helpers/postgres.ts';

const probe = await testSchema('nf_probe');
if ('drop' in probe) await probe.drop();
const options = 'skip' in probe ? { skip: probe.skip } : {};

const entry = (): ArticleIndexEntry => ({
  bandKeys: Uint32Array.from([1]),
  fingerprints: Uint32Array.from([2]),
  terms: TermVector.fromRecord({}),
});

test('staged payloads are stored uncompressed and term_df pages keep room for updates', options, async () => {
  const schema = await testSchema('nf_storage');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    await (await PostgresStore.open(schema.url)).close();
    const client = new pg.Client({ connectionString: TEST_POSTGRES });
    await client.connect();
    try {
      const { rows: storage } = await client.query<{ attstorage: string }>(
        `SELECT a.attstorage FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relname = 'staged_items' AND a.attname = 'payload'`,
        [schema.schema],
      );
      // 'e': EXTERNAL, out of line and never compressed.
      assert.deepEqual(storage, [{ attstorage: 'e' }]);
      const { rows: term } = await client.query<{ reloptions: string[] | null }>(
        `SELECT c.reloptions FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'term_df'`,
        [schema.schema],
      );
      assert.ok(term[0]?.reloptions?.some((option) => /^fillfactor=\d+$/.test(option) && Number(option.split('=')[1]) < 100), JSON.stringify(term));
      // Migration 8: articles' long columns compressed with lz4 ('l'), where the server has it.
      const { rows: [lz4] } = await client.query<{ available: boolean }>(`SELECT 'lz4' = ANY(enumvals) AS available FROM pg_settings WHERE name = 'default_toast_compression'`);
      const { rows: compression } = await client.query<{ attname: string; attcompression: string }>(
        `SELECT a.attname, a.attcompression FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = $1 AND c.relname = 'articles' AND a.attname IN ('text', 'search') ORDER BY a.attname`,
        [schema.schema],
      );
      if (lz4?.available !== false) assert.deepEqual(compression, [{ attname: 'search', attcompression: 'l' }, { attname: 'text', attcompression: 'l' }]);
    } finally {
      await client.end();
    }
  } finally {
    await schema.drop();
  }
});

test('an article insert takes the search vector staged under its title and text (migration 10), else makes it', options, async () => {
  const schema = await testSchema('nf_storage');
  if ('skip' in schema) throw new Error(schema.skip);
  const store = await PostgresStore.open(schema.url);
  const client = new pg.Client({ connectionString: TEST_POSTGRES });
  await client.connect();
  try {
    await client.query(`SET search_path TO ${schema.schema}`);
    const wire = articleFrom('wire.txt', WIRE_STORY);
    const unrelated = articleFrom('orchestra.txt', UNRELATED);
    // A marker vector staged under the wire story's key, and one under a key no article has.
    await client.query(
      `INSERT INTO staged_items (seq, position, run, payload, search_key, search)
       VALUES (1, 0, 1, '{}', $1, 'stagedmarker'::tsvector), (1, 1, 1, '{}', $2, 'othermarker'::tsvector)`,
      [searchKey(wire.title, wire.text), searchKey(wire.title, `${wire.text} changed`)],
    );
    // In a transaction (held back to its end, as the applier writes) and outside one.
    await store.transaction(() => store.putArticle(wire, entry()));
    await store.putArticle(unrelated, entry());
    const { rows } = await client.query<{ id: string; search: string; made: string }>(
      `SELECT id, search::text AS search, (${searchVectorSql('title', 'text')})::text AS made FROM articles ORDER BY arrival`,
    );
    assert.deepEqual(rows.map((row) => row.id), [wire.id, unrelated.id]);
    assert.equal(rows[0]!.search, "'stagedmarker'");
    assert.equal(rows[1]!.search, rows[1]!.made);
    assert.ok(rows[1]!.made.includes("'orchestra'"), rows[1]!.made);
    // The MinHash signature is not stored (nothing reads it): the legacy column is empty either way.
    const { rows: signatures } = await client.query<{ bytes: number }>('SELECT octet_length(signature) AS bytes FROM articles ORDER BY arrival');
    assert.deepEqual(signatures, [{ bytes: 0 }, { bytes: 0 }]);
  } finally {
    await client.end();
    await store.close();
    await schema.drop();
  }
});

test('a transaction storing more articles than one insert statement carries keeps every value and the arrival order', options, async () => {
  const schema = await testSchema('nf_storage');
  if ('skip' in schema) throw new Error(schema.skip);
  const store = await PostgresStore.open(schema.url);
  try {
    // Characters an array literal escapes ({ } " \ , and quotes), a missing line and missing metadata, and one
    // article more than FLUSH_ROWS (1,000), so the held-back rows go in two statements.
    const articles = Array.from({ length: 1001 }, (_, at) =>
      articleFrom(`page-${at}.txt`, `Headline ${at} {with} "braces", back\\slashes and 'quotes'\n\nBody ${at}: a, b; {c} "d" \\e NULL null.`, at % 2 === 0 ? { source: `site-${at % 7}` } : {}));
    await store.transaction(async () => {
      for (const [at, article] of articles.entries()) await store.putArticle(article, { bandKeys: Uint32Array.from([at]), fingerprints: Uint32Array.from([at, at + 1]) });
    });
    const stored = await store.getArticles(articles.map((article) => article.id));
    assert.deepEqual(stored, articles);
    const client = new pg.Client({ connectionString: TEST_POSTGRES });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(`SELECT a.id FROM ${schema.schema}.articles a JOIN ${schema.schema}.copy_sketches s ON s.article_id = a.id ORDER BY a.arrival, s.slot`);
      assert.deepEqual(rows.map((row) => row.id), articles.map((article) => article.id));
    } finally {
      await client.end();
    }
    // The copy index, read back from the stored sketches, finds the last article by its band key.
    const reopened = await PostgresStore.open(schema.url);
    try {
      assert.deepEqual(await reopened.findByBandKeys(Uint32Array.from([1000])), [articles[1000]!.id]);
    } finally {
      await reopened.close();
    }
  } finally {
    await store.close();
    await schema.drop();
  }
});
