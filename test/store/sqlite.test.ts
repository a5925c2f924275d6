import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { TermVector } from '../../src/stories/vectors.ts';
import { NewsfoldError } from '../../src/errors.ts';
import { SCHEMA_VERSION, SqliteStore, termCountsJson } from '../../src/store/sqlite.ts';
import { encodeCentroid, ID_FORM, storedIndexTerms } from '../../src/store/rows.ts';
import type { ArticleIndexEntry, StoryState } from '../../src/store/store.ts';
import { articleFrom, WIRE_STORY } from '../fixtures.ts';
import { backToSchema6, backToSchema7 } from './helpers/schema-6.ts';

/** A map of term counts as the two arrays addDocumentTermCounts takes. */
const countList = (counts: ReadonlyMap<string, number>): [string[], number[]] => [[...counts.keys()], [...counts.values()]];

const INDEX: ArticleIndexEntry = {
  bandKeys: Uint32Array.from([11, 12, 13]),
  fingerprints: Uint32Array.from([101, 102, 103, 102]),
  terms: TermVector.fromRecord({ flood: 0.8, barrier: 0.6 }),
};

function story(id: string, articleId: string, time: number): StoryState {
  return { id, headline: `headline ${id}`, headlineArticleId: articleId, firstTime: time, lastTime: time, timed: true, size: 1, centroid: TermVector.fromRecord({ flood: 1 }), createdAt: time };
}

test('an article survives a round trip, and the index finds it by band key and fingerprint', async () => {
  const store = SqliteStore.open(':memory:');
  const article = articleFrom('wire.txt', WIRE_STORY, { url: 'https://a.example/flood', externalId: 'ext-1' });
  await store.transaction(() => store.putArticle(article, INDEX));
  assert.deepEqual(await store.getArticle(article.id), article);
  assert.deepEqual(await store.findByBandKeys(Uint32Array.from([12, 99])), [article.id]);
  assert.deepEqual([...(await store.findByFingerprints(Uint32Array.from([102, 103, 500])))], [[article.id, 2]]);
  assert.deepEqual(await store.resolveArticle(article.id.slice(0, 6)), [article.id]);
  assert.deepEqual(await store.resolveArticle('ext-1'), [article.id]);
  assert.deepEqual(await store.resolveArticle('wire.txt'), [article.id]);
  await store.close();
});

test('a failed transaction stores nothing of its batch and keeps what came before', async () => {
  const store = SqliteStore.open(':memory:');
  const kept = articleFrom('kept.txt', WIRE_STORY, { url: 'https://a.example/kept' });
  const lost = articleFrom('lost.txt', WIRE_STORY, { url: 'https://a.example/lost' });
  await store.transaction(() => store.putArticle(kept, INDEX));
  await assert.rejects(
    store.transaction(async () => {
      await store.putArticle(lost, INDEX);
      throw new Error('crash mid-batch');
    }),
    /crash mid-batch/,
  );
  assert.equal(await store.hasArticle(kept.id), true);
  assert.equal(await store.hasArticle(lost.id), false);
  await store.close();
});

test('index settings are recorded once and a different setting is refused', async () => {
  const store = SqliteStore.open(':memory:');
  await store.checkIndexSettings({ algorithm: 'x', numPerm: 128 });
  await store.checkIndexSettings({ algorithm: 'x', numPerm: 128 });
  await assert.rejects(store.checkIndexSettings({ algorithm: 'x', numPerm: 64 }), (error: unknown) => error instanceof NewsfoldError && error.code === 'E_SKETCH_MISMATCH');
  await store.close();
});

test('a merged story is followed to the story it was merged into', async () => {
  const store = SqliteStore.open(':memory:');
  const one = articleFrom('one.txt', WIRE_STORY, { url: 'https://a.example/1' });
  const two = articleFrom('two.txt', WIRE_STORY, { url: 'https://a.example/2' });
  await store.transaction(async () => {
    await store.putArticle(one, INDEX);
    await store.putArticle(two, INDEX);
    await store.saveStoryState(story('s-one', one.id, 1000));
    await store.saveStoryState(story('s-two', two.id, 2000));
    await store.assignArticle({ articleId: one.id, storyId: 's-one', reason: 'new-story', detail: '', score: 0 });
    await store.assignArticle({ articleId: two.id, storyId: 's-two', reason: 'new-story', detail: '', score: 0 });
    await store.mergeStory('s-two', 's-one');
  });
  const followed = await store.getStory('s-two');
  assert.equal(followed?.id, 's-one');
  assert.equal(followed?.mergedInto, 's-one');
  assert.deepEqual(new Set(followed?.articleIds), new Set([one.id, two.id]));
  assert.deepEqual((await store.listStories()).map((s) => s.id), ['s-one']);
  assert.equal(await store.storyOfArticle(two.id), 's-one');
  await store.close();
});

test('a file that is not a newsfold database is refused with a clear error', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'newsfold-store-')), 'not.db');
  await writeFile(path, 'this is not sqlite at all, just text that happens to be long enough to look like a header');
  assert.throws(() => SqliteStore.open(path), (error: unknown) => error instanceof NewsfoldError && error.code === 'E_STORE');
});

test('a database reopened keeps what an earlier process stored', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'newsfold-store-')), 'kept.db');
  const article = articleFrom('wire.txt', WIRE_STORY);
  const first = SqliteStore.open(path);
  await first.transaction(() => first.putArticle(article, INDEX));
  await first.close();
  const second = SqliteStore.open(path);
  assert.equal(await second.hasArticle(article.id), true);
  assert.deepEqual(await second.findByBandKeys(Uint32Array.from([13])), [article.id]);
  await second.close();
});

/** A current store holding one article and two stories (one with 70 centroid terms, one undated), and what it reads back. */
async function storeWithTwoStories(name: string) {
  const path = join(await mkdtemp(join(tmpdir(), 'newsfold-store-')), name);
  const terms = Object.fromEntries(Array.from({ length: 70 }, (_, at) => [`term${at}`, 1 + (at % 9)]));
  const first = SqliteStore.open(path);
  const article = articleFrom('wire.txt', WIRE_STORY);
  await first.transaction(async () => {
    await first.putArticle(article, INDEX);
    await first.saveStoryState({ ...story('s-1', article.id, 1000), centroid: TermVector.fromRecord(terms) });
    await first.saveStoryState({ ...story('s-2', article.id, 2000), timed: false });
  });
  const expected = await first.storyIndexEntries(0, 10);
  const states = await first.activeStories(0, Number.POSITIVE_INFINITY);
  await first.close();
  return { path, expected, states };
}

test('a schema-3 database gains its stories\' index terms on opening; read commands refuse it until then', async () => {
  const { path, expected, states } = await storeWithTwoStories('v3.db');
  const raw = new Database(path);
  backToSchema6(raw);
  // Back to schema 3: centroids in their record form, no index terms, no story terms.
  for (const state of states) raw.prepare('UPDATE stories SET centroid = ? WHERE id = ?').run(JSON.stringify(state.centroid.toJSON()), state.id);
  raw.exec('ALTER TABLE stories DROP COLUMN index_terms; DROP TABLE copy_index_snapshot; DROP TABLE story_terms; DROP INDEX stories_live_timed');
  raw.pragma('user_version = 3');
  raw.close();
  assert.throws(() => SqliteStore.open(path, { mustExist: true }), (error: unknown) => error instanceof NewsfoldError && error.code === 'E_STORE' && /schema 3, written by an earlier newsfold; run `newsfold upgrade --db /.test(error.message));
  const migrated = SqliteStore.open(path);
  assert.deepEqual(await migrated.storyIndexEntries(0, 10), expected);
  assert.deepEqual(await migrated.activeStories(0, Number.POSITIVE_INFINITY), states);
  assert.equal(expected[0]!.indexTerms.length, 50);
  assert.deepEqual([...expected[1]!.indexTerms], [...(await migrated.storyTermIdsOf(TermVector.fromRecord({ flood: 1 })))]);
  await migrated.close();
});

test('a schema-4 database gains its story terms on opening: centroids and index terms read back the same', async () => {
  const { path, expected, states } = await storeWithTwoStories('v4.db');
  const raw = new Database(path);
  backToSchema6(raw);
  // Back to schema 4: centroids in their packed JSON form with the index terms as strings, no story terms.
  for (const state of states) raw.prepare('UPDATE stories SET centroid = ?, index_terms = ? WHERE id = ?').run(encodeCentroid(state.centroid), storedIndexTerms(state.centroid), state.id);
  raw.exec('DROP TABLE story_terms; DROP INDEX stories_live_timed');
  raw.pragma('user_version = 4');
  raw.close();
  const migrated = SqliteStore.open(path);
  assert.deepEqual(await migrated.storyIndexEntries(0, 10), expected);
  assert.deepEqual(await migrated.activeStories(0, Number.POSITIVE_INFINITY), states);
  await migrated.close();
  // Stored once each: the 70 terms of s-1 and the one of s-2.
  const check = new Database(path);
  assert.equal((check.prepare('SELECT count(*) AS n FROM term_df WHERE story_term IS NOT NULL').get() as { n: number }).n, 71);
  assert.ok((check.prepare('SELECT centroid FROM stories').all() as { centroid: string }[]).every((row) => row.centroid.startsWith(ID_FORM)));
  check.close();
});

test('a schema-5 database gains the index of live stories by timed and last time; the newest dated story is found through it', async () => {
  const { path, expected } = await storeWithTwoStories('v5.db');
  const raw = new Database(path);
  backToSchema6(raw);
  raw.exec('DROP INDEX stories_live_timed');
  raw.pragma('user_version = 5');
  raw.close();
  const migrated = SqliteStore.open(path);
  // s-1 is dated (last time 1000); s-2, undated, is stamped later and must not be taken for the newest.
  assert.equal(await migrated.newestStoryTime(), 1000);
  assert.deepEqual(await migrated.storyIndexEntries(0, 10), expected);
  await migrated.close();
  const check = new Database(path);
  const plan = check.prepare("EXPLAIN QUERY PLAN SELECT last_time FROM stories WHERE merged_into IS NULL AND timed = 1 ORDER BY last_time DESC LIMIT 1").all() as { detail: string }[];
  assert.ok(plan.some((row) => row.detail.includes('stories_live_timed')), JSON.stringify(plan));
  check.close();
});

test('a schema-6 database has its document frequencies and story sources rekeyed on opening: the same counts, listings and plans', async () => {
  const { path } = await storeWithTwoStories('v6.db');
  const first = SqliteStore.open(path);
  const other = articleFrom('other.txt', WIRE_STORY, { url: 'https://b.example/flood', source: 'b.example' });
  await first.transaction(async () => {
    await first.putArticle(other, INDEX);
    await first.assignArticle({ articleId: other.id, storyId: 's-1', reason: 'new-story', detail: '', score: 1 });
    await first.addDocumentTermCounts(...countList(new Map([['flood', 3], ['barrier', 1]])), 2);
  });
  const entries = await first.storyIndexEntries(0, 10);
  const states = await first.activeStories(0, Number.POSITIVE_INFINITY);
  await first.close();
  const raw = new Database(path);
  backToSchema6(raw);
  raw.close();
  const queries = [{ sort: 'size', limit: 10 }, { sort: 'recent', limit: 10, source: 'b.example' }, { sort: 'recent', limit: 10, language: 'en' }, { sort: 'recent', limit: 10, source: 'nowhere' }] as const;
  const migrated = SqliteStore.open(path);
  const frequencies = await migrated.documentFrequencies(['flood', 'barrier', 'absent']);
  assert.equal(frequencies.documents, 2);
  assert.deepEqual([...frequencies.frequencies].sort(), [['barrier', 1], ['flood', 3]]);
  const listed = await Promise.all(queries.map((query) => migrated.storyRows({ ...query })));
  // s-2 has no article assigned (article_count 0), so it is not listed (session 33: an emptied story is no row).
  assert.deepEqual(listed.map((rows) => rows.map((row) => [row.id, row.sources])), [[['s-1', 1]], [['s-1', 1]], [['s-1', 1]], []]);
  // The story terms (71, folded into term_df) read back as they were; a new one takes the next id.
  assert.deepEqual(await migrated.storyIndexEntries(0, 10), entries);
  assert.deepEqual(await migrated.activeStories(0, Number.POSITIVE_INFINITY), states);
  await migrated.transaction(() => migrated.saveStoryState({ ...story('s-3', other.id, 3000), centroid: TermVector.fromRecord({ levee: 1, flood: 1 }) }));
  assert.deepEqual([...(await migrated.storyTermIdsOf(TermVector.fromRecord({ levee: 1 })))], [72]);
  await migrated.close();
  const check = new Database(path, { readonly: true });
  assert.equal(check.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  const sql = (name: string) => (check.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string } | undefined)?.sql;
  assert.match(sql('term_df')!, /WITHOUT ROWID/);
  assert.match(sql('story_sources')!, /WITHOUT ROWID/);
  for (const dropped of ['story_terms', 'story_sources_source', 'story_sources_language', 'stories_last_time', 'sqlite_autoindex_term_df_1']) assert.equal(sql(dropped), undefined, dropped);
  // A listing's source filter is a search of the story's own rows, by the key's prefix.
  const plan = check.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM story_sources f WHERE f.story_id = 's-1' AND f.source = 'b.example'").all() as { detail: string }[];
  assert.ok(plan.some((row) => /SEARCH f USING PRIMARY KEY \(story_id=\? AND source=\?\)/.test(row.detail)), JSON.stringify(plan));
  check.close();
});

test('an arrival\'s story term ids come from the batch\'s document frequency read, not a second lookup; the same ids as a lookup', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-batch-terms-'));
  const path = join(dir, 'store.db');
  const writer = SqliteStore.open(path);
  await writer.transaction(async () => {
    await writer.addDocumentTerms(['flood', 'barrier', 'tide', 'harbour']);
    await writer.saveStoryState({ ...story('s-1', 'a-1', Date.parse('2026-03-01T00:00:00Z')), centroid: TermVector.fromRecord({ flood: 0.8, barrier: 0.5, tide: 0.3 }) });
  });
  await writer.close();
  const vector = TermVector.fromRecord({ tide: 0.5, flood: 0.25, harbour: 0.1, unheard: 0.75 });
  const looked = SqliteStore.open(path);
  const expected = [...(await looked.storyTermIdsOf(vector))];
  await looked.close();
  assert.equal(expected.filter((id) => id !== 0).length, 2, 'flood and tide have ids; harbour (counted, in no story) and unheard none');
  const store = SqliteStore.open(path);
  const asked: string[][] = [];
  const spied = store as unknown as { storedTermRows: (terms: readonly string[]) => unknown };
  const storedTermRows = spied.storedTermRows.bind(store);
  spied.storedTermRows = (terms) => {
    asked.push([...terms]);
    return storedTermRows(terms);
  };
  await store.transaction(async () => {
    await store.documentFrequencies(['tide', 'flood', 'harbour', 'unheard']);
    assert.deepEqual([...(await store.storyTermIdsOf(vector))], expected);
  });
  assert.deepEqual(asked.map((terms) => terms.sort()), [['harbour', 'unheard']], 'only the terms the read found no id for are looked up');
  await store.close();
  // A story read in the batch's transaction: its terms the read found come from it, the others are looked up by id.
  const fresh = SqliteStore.open(path);
  const state = await fresh.getStoryState('s-1');
  await fresh.close();
  const reader = SqliteStore.open(path);
  const byId: number[] = [];
  const spiedReader = reader as unknown as { statement: (sql: string) => { all: (...args: unknown[]) => unknown } };
  const statement = spiedReader.statement.bind(reader);
  spiedReader.statement = (sql) => {
    const prepared = statement(sql);
    if (!sql.includes('WHERE story_term IN')) return prepared;
    return { all: (...args: unknown[]) => { byId.push(...(JSON.parse(args[0] as string) as number[])); return prepared.all(...args); } };
  };
  await reader.transaction(async () => {
    await reader.documentFrequencies(['tide', 'flood']);
    assert.deepEqual(await reader.getStoryState('s-1'), state);
  });
  assert.equal(byId.length, 1, 'barrier alone is looked up by its id');
  await reader.close();
});

/** Runs `work`, counting the statements run whose SQL contains each of `texts` (better-sqlite3's run, get and all). */
async function countingStatements(texts: readonly string[], work: () => Promise<void>): Promise<number[]> {
  const counts = texts.map(() => 0);
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<'run' | 'get' | 'all', (...args: unknown[]) => unknown>;
  probe.close();
  const originals = { run: prototype.run, get: prototype.get, all: prototype.all };
  for (const method of ['run', 'get', 'all'] as const) {
    prototype[method] = function (this: Database.Statement, ...args: unknown[]) {
      texts.forEach((text, at) => {
        if (this.source.includes(text)) counts[at]!++;
      });
      return originals[method].apply(this, args);
    };
  }
  try {
    await work();
  } finally {
    Object.assign(prototype, originals);
  }
  return counts;
}

test('a batch reads the highest story term id once, and assigns the articles it stored without reading them back; the same ids and rows', async () => {
  const store = SqliteStore.open(':memory:');
  const articles = [1, 2, 3].map((n) => articleFrom(`a${n}.txt`, WIRE_STORY, { url: `https://a.example/${n}`, source: n === 2 ? 'B News' : undefined }));
  const [maxReads, facetReads, previousReads] = await countingStatements(['max(story_term)', 'FROM articles WHERE id = ?', 'FROM story_articles WHERE article_id = ?'], () =>
    store.transaction(async () => {
      for (const [at, article] of articles.entries()) {
        await store.putArticle(article, INDEX);
        const state = { ...story(`s-${at}`, article.id, 1000 + at), centroid: TermVector.fromRecord({ [`only${at}`]: 1, [`also${at}`]: 0.5, flood: 0.2 }) };
        await store.saveStoryState(state);
        await store.assignArticle({ articleId: article.id, storyId: state.id, reason: 'new-story', detail: '', score: 0 });
      }
    }),
  );
  assert.deepEqual([maxReads, facetReads, previousReads], [1, 0, 0]);
  // Ids in turn, as one read per save gave them; each story's source row from the article as stored.
  const check = (store as unknown as { db: Database.Database }).db;
  const ids = check.prepare('SELECT story_term AS id, term FROM term_df WHERE story_term IS NOT NULL ORDER BY story_term').all() as { id: number; term: string }[];
  assert.deepEqual(ids.map((row) => row.id), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(ids.map((row) => row.term).sort(), ['also0', 'also1', 'also2', 'flood', 'only0', 'only1', 'only2']);
  assert.deepEqual(check.prepare('SELECT story_id, source, language, articles FROM story_sources ORDER BY story_id').all(), articles.map((article, at) => ({ story_id: `s-${at}`, source: article.source ?? '', language: article.language, articles: 1 })));
  // Outside the batch that stored it, an article is read as before.
  const [laterFacetReads] = await countingStatements(['FROM articles WHERE id = ?'], () =>
    store.transaction(() => store.assignArticle({ articleId: articles[0]!.id, storyId: 's-1', reason: 'similarity', detail: '', score: 0 })),
  );
  assert.equal(laterFacetReads, 2); // the story it leaves and the one it joins
  await store.close();
});

test('an article\'s MinHash signature is not stored: nothing reads it back (its band keys find it)', async () => {
  const store = SqliteStore.open(':memory:');
  const article = articleFrom('wire.txt', WIRE_STORY);
  await store.transaction(() => store.putArticle(article, INDEX));
  const check = (store as unknown as { db: Database.Database }).db;
  assert.equal((check.prepare('SELECT length(signature) AS bytes FROM articles').get() as { bytes: number }).bytes, 0);
  assert.deepEqual(await store.findByBandKeys(Uint32Array.from([12])), [article.id]);
  await store.close();
});

test('the batch term counts are written as the JSON text of their strings, whatever the term holds', () => {
  const alphabet = ['a', 'Z', '0', ' ', '"', '\\', '\n', '\x00', '\x1f', '\x7f', 'é', '中', '😀', '\ud800', '\udc00', '\u2028', '@', '#'];
  let seed = 3;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let k = 0; k < 5_000; k++) {
    const counts = new Map<string, number>();
    for (let t = next(20); t > 0; t--) {
      let term = '';
      for (let i = next(10); i > 0; i--) term += alphabet[next(alphabet.length)];
      counts.set(term, [0, 1, 7, 10, 123456789, 2 ** 53 + 2, 1.5, -3][next(8)]!);
    }
    const terms = [...counts.keys()].sort();
    const asString = `{${terms.map((term) => `${JSON.stringify(term)}:${counts.get(term)!}`).join(',')}}`;
    assert.deepEqual(termCountsJson(terms, terms.map((term) => counts.get(term)!)), Buffer.from(asString, 'utf8'), JSON.stringify(terms));
  }
});

test('a batch of term counts in no order adds to the stored counts, whichever order UTF-8 and UTF-16 sort them in', async () => {
  const store = SqliteStore.open(':memory:');
  // '\uffff' sorts after '😀' by code unit and before it by UTF-8 bytes (SQLite's order): both orders meet here.
  const terms = ['zeta', '\uffff', 'alpha', '😀', 'mid', 'Alpha', 'é', 'a'];
  await store.transaction(() => store.addDocumentTermCounts(...countList(new Map(terms.map((term, i) => [term, i + 1]))), 2));
  const again = [...terms].reverse();
  await store.transaction(() => store.addDocumentTermCounts(...countList(new Map(again.map((term) => [term, 10]))), 1));
  const read = await store.documentFrequencies(terms);
  assert.deepEqual(terms.map((term) => read.frequencies.get(term)), terms.map((_, i) => i + 11));
  assert.equal(read.documents, 3);
  await store.close();
});

test('document counts of terms with quotes, backslashes and other scripts are read back as written', async () => {
  const store = SqliteStore.open(':memory:');
  const terms = ['plain', 'quo"te', 'back\\slash', 'tab\tin', 'café', '中文', '@maria okafor', '😀x'];
  await store.addDocumentTermCounts(...countList(new Map(terms.map((term, i) => [term, i + 1]))), 3);
  await store.addDocumentTermCounts(...countList(new Map([['plain', 2], ['中文', 1]])), 1);
  const read = await store.documentFrequencies(terms);
  assert.deepEqual([...read.frequencies.entries()].sort(), terms.map((term, i) => [term, i + 1 + (term === 'plain' ? 2 : term === '中文' ? 1 : 0)]).sort());
  assert.equal(read.documents, 4);
  await store.close();
});

test('a schema-7 database gains its articles\' URL keys, indexed in place of the raw URL, and deletion tombstones on opening (session 33)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-v7-'));
  const path = join(dir, 'v7.db');
  const first = SqliteStore.open(path);
  const article = articleFrom('flood.html', WIRE_STORY, { url: 'https://www.example.com/news/flood/?utm_source=rss' });
  const other = articleFrom('plain.txt', WIRE_STORY);
  await first.transaction(async () => {
    await first.putArticle(article, INDEX);
    await first.putArticle(other, INDEX);
  });
  await first.close();
  const raw = new Database(path);
  backToSchema7(raw);
  raw.close();
  const migrated = SqliteStore.open(path);
  assert.deepEqual([...(await migrated.storedArticleUrls(['http://www.example.com/news/flood', 'https://www.example.com/news/other']))], ['http://www.example.com/news/flood']);
  await migrated.transaction(() => migrated.deleteArticle(other.id));
  await migrated.close();
  const check = new Database(path, { readonly: true });
  assert.equal(check.pragma('user_version', { simple: true }), 8);
  assert.deepEqual(check.prepare('SELECT url_key FROM articles').all(), [{ url_key: 'www.example.com/news/flood' }]);
  assert.equal((check.prepare('SELECT count(*) AS n FROM article_deletions WHERE article_id = ?').get(other.id) as { n: number }).n, 1);
  const plan = check.prepare("EXPLAIN QUERY PLAN SELECT 1 FROM articles WHERE url_key = 'x' LIMIT 1").all() as { detail: string }[];
  assert.ok(plan.some((row) => /USING (COVERING )?INDEX articles_url_key/.test(row.detail)), JSON.stringify(plan));
  check.close();
});

test('a batch\'s search rows are inserted at its end, after its articles: the same FTS5 pages as articles written alone', async () => {
  const articles = [1, 2, 3, 4].map((n) => articleFrom(`fts${n}.txt`, WIRE_STORY, { url: `https://a.example/fts/${n}` }));
  const segments = async (withStories: boolean) => {
    const store = SqliteStore.open(':memory:');
    await store.transaction(async () => {
      for (const [at, article] of articles.entries()) {
        await store.putArticle(article, INDEX);
        if (!withStories) continue;
        await store.addParagraphSources([`p${at}`, `q${at}`, 'shared'], `source ${at}`);
        await store.saveStoryState({ ...story(`s-${at}`, article.id, 1000 + at), centroid: TermVector.fromRecord({ [`only${at}`]: 1, [`also${at}`]: 0.5, flood: 0.2 }) });
      }
      await store.addDocumentTermCounts(...countList(new Map([['flood', 4]])), 4);
    });
    const db = (store as unknown as { db: Database.Database }).db;
    const data = db.prepare('SELECT id, block FROM article_search_data ORDER BY id').all();
    const hits = (await store.searchArticles({ text: 'barrier', offset: 0, limit: 10 })).map((hit) => hit.id).sort();
    await store.close();
    return { data, hits };
  };
  // The search rows go in after the batch's last article row, before its term_df upsert.
  const order: string[] = [];
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: (...args: unknown[]) => unknown };
  probe.close();
  const run = prototype.run;
  prototype.run = function (this: Database.Statement, ...args: unknown[]) {
    if (this.source.startsWith('INSERT INTO article_search')) order.push('search');
    else if (this.source.startsWith('INSERT INTO articles')) order.push('article');
    else if (this.source.startsWith('INSERT INTO term_df (term, df) SELECT')) order.push('counts');
    return run.apply(this, args);
  };
  try {
    await segments(true);
  } finally {
    prototype.run = run;
  }
  assert.deepEqual(order, ['article', 'article', 'article', 'article', 'search', 'search', 'search', 'search', 'counts']);
  const alone = await segments(false);
  const withStories = await segments(true);
  assert.deepEqual(withStories.data, alone.data, 'the same FTS5 pages as the articles written alone');
  assert.deepEqual(withStories.hits, articles.map((article) => article.id).sort());
});

test('a transaction\'s search rows are seen by its own search and delete, and a rollback leaves none', async () => {
  const store = SqliteStore.open(':memory:');
  const [kept, deleted, rolled] = [1, 2, 3].map((n) => articleFrom(`held${n}.txt`, WIRE_STORY, { url: `https://a.example/held/${n}` }));
  await store.transaction(async () => {
    await store.putArticle(kept!, INDEX);
    await store.putArticle(deleted!, INDEX);
    assert.deepEqual((await store.searchArticles({ text: 'barrier', offset: 0, limit: 10 })).map((hit) => hit.id).sort(), [kept!.id, deleted!.id].sort());
    await store.deleteArticle(deleted!.id);
  });
  await assert.rejects(
    store.transaction(async () => {
      await store.putArticle(rolled!, INDEX);
      throw new Error('stop');
    }),
    /stop/,
  );
  const db = (store as unknown as { db: Database.Database }).db;
  db.prepare(`INSERT INTO article_search (article_search) VALUES ('integrity-check')`).run();
  assert.deepEqual((await store.searchArticles({ text: 'barrier', offset: 0, limit: 10 })).map((hit) => hit.id), [kept!.id]);
  // Outside a transaction an article's search row is written with it.
  await store.putArticle(rolled!, INDEX);
  assert.deepEqual((await store.searchArticles({ text: 'barrier', offset: 0, limit: 10 })).map((hit) => hit.id).sort(), [kept!.id, rolled!.id].sort());
  await store.close();
});

test('a story term with a lone surrogate that another connection gave an id is found again (hostile text; it threw "has no story term id")', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-surrogate-'));
  const path = join(dir, 'surrogate.db');
  const first = SqliteStore.open(path);
  const second = SqliteStore.open(path);
  const article = articleFrom('surrogate.txt', WIRE_STORY);
  const broken = 'flo\ud800od';
  await first.transaction(async () => {
    await first.putArticle(article, INDEX);
    await first.saveStoryState({ ...story('s-1', article.id, 1000), centroid: TermVector.fromRecord({ [broken]: 1, flood: 1 }) });
  });
  await second.transaction(() => second.saveStoryState({ ...story('s-2', article.id, 2000), centroid: TermVector.fromRecord({ [broken]: 1, levee: 1 }) }));
  assert.deepEqual([...(await second.storyTermIdsOf(TermVector.fromRecord({ [broken]: 1 })))], [...(await first.storyTermIdsOf(TermVector.fromRecord({ [broken]: 1 })))]);
  await first.close();
  await second.close();
});
