// The PostgreSQL store's own read side: the bundled examples list the same story rows and find the same
// articles as in the SQLite store, and migration 2 fills the read side of a database made before it.
// Skipped, with the reason printed, when no PostgreSQL server answers.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { Engine } from '../../src/engine/index.ts';
import { PostgresStore } from '../../src/store/postgres.ts';
import type { Store, StoryIndexEntry, StorySummary } from '../../src/store/store.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ROOT, scratchDb } from '../run-cli.ts';
import { TEST_POSTGRES, testSchema } from './helpers/postgres.ts';
import { centroidRecords } from './helpers/older-centroids.ts';
import type { StoryTermRow } from '../../src/store/story-terms.ts';

const probe = await testSchema('nf_probe');
if ('drop' in probe) await probe.drop();
const options = 'skip' in probe ? { skip: probe.skip } : {};

async function ingestExamples(db: string): Promise<void> {
  const engine = await Engine.open(db);
  await engine.ingest([join(ROOT, 'examples')]);
  await engine.close();
}

const withoutVersion = (rows: StorySummary[]) => rows.map(({ version: _version, ...row }) => row);
const hitIds = async (store: Store, text: string) => (await store.searchArticles({ text, offset: 0, limit: 100 })).map((hit) => hit.id).sort();

test('the examples list the same story rows and find the same articles in PostgreSQL as in SQLite', options, async () => {
  const schema = await testSchema('nf_read');
  if ('skip' in schema) throw new Error(schema.skip);
  const { db } = await scratchDb('newsfold-pg-read-');
  try {
    await ingestExamples(schema.url);
    await ingestExamples(db);
    const postgres = await PostgresStore.open(schema.url);
    const sqlite = SqliteStore.open(db);
    try {
      assert.deepEqual(await postgres.counts(), await sqlite.counts());
      for (const sort of ['recent', 'size'] as const) {
        assert.deepEqual(await postgres.storyRows({ sort, limit: 100 }), await sqlite.storyRows({ sort, limit: 100 }), sort);
      }
      for (const text of ['tanker', 'port alder', 'oil spill', 'council', 'said', 'rescue']) {
        const found = await hitIds(postgres, text);
        assert.ok(found.length > 0, `${text} is in the examples`);
        assert.deepEqual(found, await hitIds(sqlite, text), text);
        assert.deepEqual(
          (await postgres.storyRows({ sort: 'recent', limit: 100, text })).map((row) => row.id),
          (await sqlite.storyRows({ sort: 'recent', limit: 100, text })).map((row) => row.id),
          `stories with ${text}`,
        );
      }
    } finally {
      await postgres.close();
      await sqlite.close();
    }
  } finally {
    await schema.drop();
  }
});

test('migration 2 fills the read side of a PostgreSQL database made before it', options, async () => {
  const schema = await testSchema('nf_migrate');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    await ingestExamples(schema.url);
    const before = await PostgresStore.open(schema.url);
    const expected = await before.storyRows({ sort: 'size', limit: 100 });
    const expectedHits = await hitIds(before, 'tanker');
    // Index entries hold store term ids, which migration 7 gives afresh: compared by their terms.
    const termsOfEntries = async (entries: StoryIndexEntry[]) => {
      const reader = new pg.Client({ connectionString: TEST_POSTGRES });
      await reader.connect();
      await reader.query(`SET search_path TO ${schema.schema}`);
      const names = new Map((await reader.query<StoryTermRow>('SELECT id, term FROM story_terms')).rows.map((row) => [Number(row.id), row.term]));
      await reader.end();
      return entries.map((entry) => ({ ...entry, indexTerms: Array.from(entry.indexTerms, (id) => names.get(id)).sort() }));
    };
    const expectedEntries = await termsOfEntries(await before.storyIndexEntries(Number.NEGATIVE_INFINITY, 1000));
    await before.close();

    // Back to the tables of migration 1, data kept.
    const client = new pg.Client({ connectionString: TEST_POSTGRES });
    await client.connect();
    await client.query(`SET search_path TO ${schema.schema}`);
    const records = centroidRecords((await client.query<{ id: string; centroid: string }>('SELECT id, centroid FROM stories')).rows, (await client.query<StoryTermRow>('SELECT id, term FROM story_terms')).rows);
    for (const [id, centroid] of records) await client.query('UPDATE stories SET centroid = $1 WHERE id = $2', [centroid, id]);
    await client.query(`DROP TABLE story_terms; DROP TABLE story_sources; DROP TABLE story_views; DROP INDEX stories_live_recent; DROP INDEX stories_live_timed;
      ALTER TABLE stories DROP COLUMN version, DROP COLUMN article_count, DROP COLUMN top_names, DROP COLUMN index_terms;
      ALTER TABLE articles DROP COLUMN search;
      DROP TABLE paragraph_sources; DROP TABLE staged_items; DROP TABLE ingest_jobs; DROP TABLE ingest_runs;
      DELETE FROM meta WHERE key IN ('applied_job', 'applied_position');
      DELETE FROM newsfold_migrations WHERE version >= 2;`);
    await client.end();

    const migrated = await PostgresStore.open(schema.url);
    try {
      assert.deepEqual(withoutVersion(await migrated.storyRows({ sort: 'size', limit: 100 })), withoutVersion(expected));
      assert.deepEqual(await hitIds(migrated, 'tanker'), expectedHits);
      assert.ok(expectedHits.length > 0, 'the search index was built');
      // Migration 5 gave every live story the index terms a save gives it.
      assert.deepEqual(await termsOfEntries(await migrated.storyIndexEntries(Number.NEGATIVE_INFINITY, 1000)), expectedEntries);
      assert.ok(expectedEntries.some((entry) => entry.indexTerms.length > 0));
    } finally {
      await migrated.close();
    }
  } finally {
    await schema.drop();
  }
});
