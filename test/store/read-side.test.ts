// The SQLite store's own read side: FTS5 query syntax, and the migration that fills the read side of a
// schema-2 database. What the Store contract says of the read side (rows kept in step through merges and
// deletions, filters, keyset paging, kept views, search) is tested on every backend in conformance.ts.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Engine } from '../../src/engine/index.ts';
import { ftsQuery, SqliteStore } from '../../src/store/sqlite.ts';
import { ROOT, scratchDb } from '../run-cli.ts';
import { backToSchema6 } from './helpers/schema-6.ts';
import { centroidRecords } from './helpers/older-centroids.ts';
import type { StoryTermRow } from '../../src/store/story-terms.ts';

async function examplesStore(): Promise<{ db: string }> {
  const { db } = await scratchDb('newsfold-read-side-');
  const engine = Engine.openSqlite(db);
  await engine.ingest([join(ROOT, 'examples')]);
  await engine.close();
  return { db };
}

test('user text never reaches FTS5 as syntax', () => {
  assert.equal(ftsQuery('tanker AND NOT "fuel" title:x NEAR(a b) *'), '"tanker" "AND" "NOT" "fuel" "title" "x" "NEAR" "a" "b"');
  assert.equal(ftsQuery('"; DROP TABLE articles; --'), '"DROP" "TABLE" "articles"');
  assert.equal(ftsQuery('*** ---'), undefined);
});

test('a schema-2 database gains the read side on opening, filled from what it holds', async () => {
  const { db } = await examplesStore();
  const before = SqliteStore.open(db);
  const expected = await before.storyRows({ sort: 'size', limit: 100 });
  await before.close();
  const raw = new Database(db);
  backToSchema6(raw);
  const records = centroidRecords(raw.prepare('SELECT id, centroid FROM stories').all() as { id: string; centroid: string }[], raw.prepare('SELECT id, term FROM story_terms').all() as StoryTermRow[]);
  for (const [id, centroid] of records) raw.prepare('UPDATE stories SET centroid = ? WHERE id = ?').run(centroid, id);
  raw.exec(`DROP TABLE story_terms; DROP TABLE story_sources; DROP TABLE story_views; DROP TABLE article_search;
    DROP INDEX stories_live_recent; DROP INDEX stories_live_size; DROP INDEX articles_url;
    ALTER TABLE stories DROP COLUMN version; ALTER TABLE stories DROP COLUMN article_count; ALTER TABLE stories DROP COLUMN top_names;
    ALTER TABLE stories DROP COLUMN index_terms; DROP TABLE copy_index_snapshot;
    DROP INDEX stories_changed_seq; ALTER TABLE stories DROP COLUMN changed_seq; DROP TABLE paragraph_sources;
    DROP INDEX articles_ingested_at; DROP INDEX stories_live_timed;`);
  raw.pragma('user_version = 2');
  raw.close();
  const migrated = SqliteStore.open(db);
  const rows = await migrated.storyRows({ sort: 'size', limit: 100 });
  const comparable = (list: typeof rows) => list.map(({ version: _v, ...row }) => row);
  assert.deepEqual(comparable(rows), comparable(expected));
  assert.ok((await migrated.searchArticles({ text: 'tanker', offset: 0, limit: 5 })).length > 0, 'the search index was built');
  await migrated.close();
});
