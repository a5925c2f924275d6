// The store's read side: compact rows kept in step as stories change (versions, counts, sources, names),
// keyset paging, kept views, article search, and the migration that fills it for a schema-2 database.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Engine } from '../../src/engine/index.ts';
import { ftsQuery, SqliteStore } from '../../src/store/sqlite.ts';
import { ROOT, scratchDb } from '../run-cli.ts';

async function examplesStore(): Promise<{ db: string }> {
  const { db } = await scratchDb('newsfold-read-side-');
  const engine = Engine.openSqlite(db);
  await engine.ingest([join(ROOT, 'examples')]);
  await engine.close();
  return { db };
}

test('compact rows follow merges and deletions: versions, article counts and sources', async () => {
  const { db } = await examplesStore();
  const store = SqliteStore.open(db);
  const rows = await store.storyRows({ sort: 'size', limit: 100 });
  const [big, other] = [rows[0]!, rows[1]!];
  const bigStory = (await store.getStory(big.id))!;
  assert.equal(big.articles, bigStory.articleIds.length);
  assert.equal(bigStory.version, big.version);

  await store.transaction(() => store.mergeStory(other.id, big.id));
  const [merged] = await store.storyRows({ sort: 'size', limit: 1, ids: [big.id] });
  assert.equal(merged!.articles, big.articles + other.articles);
  assert.ok(merged!.version > big.version);
  assert.ok(merged!.sources >= big.sources);
  assert.deepEqual(await store.storyRows({ sort: 'size', limit: 10, ids: [other.id] }), [], 'a merged story is not listed');

  const victim = (await store.getStory(big.id))!.articleIds[0]!;
  await store.transaction(() => store.deleteArticle(victim));
  const [after] = await store.storyRows({ sort: 'size', limit: 1, ids: [big.id] });
  assert.equal(after!.articles, merged!.articles - 1);
  assert.ok(after!.version > merged!.version);
  assert.equal((await store.searchArticles({ text: (await store.getArticle((await store.getStory(big.id))!.articleIds[0]!))!.title, offset: 0, limit: 50 })).some((hit) => hit.id === victim), false, 'the deleted article is out of the search index');
  await store.close();
});

test('keyset pages: every row once, in order, whatever the page size', async () => {
  const { db } = await examplesStore();
  const store = SqliteStore.open(db);
  for (const sort of ['recent', 'size'] as const) {
    const all = await store.storyRows({ sort, limit: 100 });
    const paged = [];
    let after;
    for (;;) {
      const page = await store.storyRows({ sort, limit: 1, ...(after === undefined ? {} : { after }) });
      if (page.length === 0) break;
      paged.push(...page);
      after = { key: page[0]!.sortKey, id: page[0]!.id };
    }
    assert.deepEqual(paged.map((row) => row.id), all.map((row) => row.id), sort);
  }
  await store.close();
});

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
  raw.exec(`DROP TABLE story_sources; DROP TABLE story_views; DROP TABLE article_search;
    DROP INDEX stories_live_recent; DROP INDEX stories_live_size; DROP INDEX articles_url;
    ALTER TABLE stories DROP COLUMN version; ALTER TABLE stories DROP COLUMN article_count; ALTER TABLE stories DROP COLUMN top_names;`);
  raw.pragma('user_version = 2');
  raw.close();
  const migrated = SqliteStore.open(db);
  const rows = await migrated.storyRows({ sort: 'size', limit: 100 });
  const comparable = (list: typeof rows) => list.map(({ version: _v, ...row }) => row);
  assert.deepEqual(comparable(rows), comparable(expected));
  assert.ok((await migrated.searchArticles({ text: 'tanker', offset: 0, limit: 5 })).length > 0, 'the search index was built');
  await migrated.close();
});
