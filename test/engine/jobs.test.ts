// Ingest with worker threads (--jobs N) gives exactly what one thread gives, and document frequencies counted
// per batch in memory give exactly the vectors that writing them article by article gave.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine, DEFAULT_ENGINE_SETTINGS, type EngineSettings } from '../../src/engine/index.ts';
import type { IngestItem } from '../../src/ingest/index.ts';
import { INLINE_BEFORE_POOL } from '../../src/engine/pool.ts';
import { LIFTING_PAGE, UNRELATED, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

/** Relations (kind and score) and the story partition, by article id: what must not depend on how ingest ran. */
async function outcome(engine: Engine): Promise<{ relations: string[]; stories: string[]; vectors: string[] }> {
  const views = await engine.stories();
  const stories = views.map((view) => view.articles.map((article) => article.id).sort().join(' ')).sort();
  const ids = views.flatMap((view) => view.articles.map((article) => article.id)).sort();
  const relations = (await engine.store.relationsAmong(ids)).map((r) => `${r.a} ${r.b} ${r.kind} ${r.score.toFixed(9)}`).sort();
  // Each story's centroid (a story of one article: that article's vector; articles' own vectors are kept only
  // for the heads of larger stories) and the kept vectors.
  const centroids = await Promise.all(views.map(async (view) => `${view.articles.map((article) => article.id).sort().join(' ')} ${JSON.stringify((await engine.store.getStoryState(view.story.id))!.centroid)}`));
  const kept = [...(await engine.store.getTermVectors(ids))].map(([id, vector]) => `${id} ${JSON.stringify(vector)}`);
  const vectors = [...centroids, ...kept].sort();
  return { relations, stories, vectors };
}

/** More than the articles prepared inline before workers start (INLINE_BEFORE_POOL), so workers do most. */
const STREAM_ARTICLES = INLINE_BEFORE_POOL + 40;

/** A dated stream, oldest first (so batch boundaries do not reorder it): the fixtures' copies among variants. */
async function* datedStream(articles: number): AsyncGenerator<IngestItem> {
  const texts = [WIRE_STORY, UNRELATED, WIRE_UPDATE, LIFTING_PAGE];
  for (let i = 0; i < articles; i++) {
    const text = `${texts[i % texts.length]!}\n\nItem ${i} adds its own closing line number ${i * 7}.`;
    const published = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
    yield { kind: 'article', raw: { origin: { path: `stream.jsonl`, line: i + 1, format: 'jsonl' }, externalId: `a${i}`, published, text } };
  }
}

async function ingestedWith(settings: EngineSettings, jobs: number, source: 'examples' | 'stream', articles = STREAM_ARTICLES) {
  const engine = new Engine((await import('../../src/store/sqlite.ts')).SqliteStore.open(':memory:'), settings);
  try {
    const report = source === 'examples' ? await engine.ingest([EXAMPLES], { jobs }) : await engine.ingestItems(datedStream(articles), { jobs });
    return { report, outcome: await outcome(engine) };
  } finally {
    await engine.close();
  }
}

test('--jobs 2 and 3 give the relations, stories and vectors of --jobs 1 (a dated stream, mostly prepared on workers)', async () => {
  const settings = { ...DEFAULT_ENGINE_SETTINGS, batchSize: 16 };
  const one = await ingestedWith(settings, 1, 'stream');
  assert.equal(one.report.stored, STREAM_ARTICLES);
  assert.ok(one.outcome.relations.length > 0 && one.outcome.stories.some((story) => story.includes(' ')));
  for (const jobs of [2, 3]) {
    const many = await ingestedWith(settings, jobs, 'stream');
    assert.ok(many.report.stageMs['prepare (wait)'] > 0, 'worker threads prepared articles');
    assert.deepEqual(many.outcome, one.outcome, `--jobs ${jobs}`);
    assert.equal(many.report.stored, one.report.stored);
  }
});

test('--jobs 2 gives the relations and stories of --jobs 1 (the bundled examples: pages, feeds, text)', async () => {
  const one = await ingestedWith(DEFAULT_ENGINE_SETTINGS, 1, 'examples');
  assert.ok(one.outcome.relations.length > 0 && one.outcome.stories.some((story) => story.includes(' ')), 'the examples have relations and multi-article stories');
  for (const jobs of [2]) {
    const many = await ingestedWith(DEFAULT_ENGINE_SETTINGS, jobs, 'examples');
    assert.deepEqual(many.outcome, one.outcome, `--jobs ${jobs}`);
    assert.deepEqual(many.report.problems, one.report.problems);
    assert.equal(many.report.stored, one.report.stored);
  }
});

test('document frequencies counted per batch give the vectors of article-by-article counting', async () => {
  // A batch of one writes its frequencies before the next article is read: the old article-by-article path.
  const single = await ingestedWith({ ...DEFAULT_ENGINE_SETTINGS, batchSize: 1 }, 1, 'stream', 40);
  const batched = await ingestedWith({ ...DEFAULT_ENGINE_SETTINGS, batchSize: 16 }, 1, 'stream', 40);
  assert.equal(single.report.stored, 40);
  assert.ok(single.outcome.relations.length > 0);
  assert.deepEqual(batched.outcome, single.outcome);
});

test('frequencies kept between batches are read afresh after another writer commits', async () => {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const settings = { ...DEFAULT_ENGINE_SETTINGS, batchSize: 8 };
  const slices: IngestItem[][] = [[], [], []];
  let at = 0;
  for await (const item of datedStream(36)) slices[Math.floor(at++ / 12)]!.push(item);
  async function* from(items: IngestItem[]): AsyncGenerator<IngestItem> {
    yield* items;
  }
  const dir = mkdtempSync(join(tmpdir(), 'newsfold-kept-df-'));
  try {
    // One engine: every slice in turn. Two engines on one file: the first writes slices 1 and 3, the second slice 2
    // in between, so the first's kept frequencies are stale when it writes slice 3.
    const alone = Engine.openSqlite(join(dir, 'alone.db'), settings);
    for (const slice of slices) await alone.ingestItems(from(slice));
    const expected = await outcome(alone);
    await alone.close();
    const first = Engine.openSqlite(join(dir, 'shared.db'), settings);
    const second = Engine.openSqlite(join(dir, 'shared.db'), settings);
    await first.ingestItems(from(slices[0]!));
    await second.ingestItems(from(slices[1]!));
    await first.ingestItems(from(slices[2]!));
    const shared = await outcome(first);
    await second.close();
    await first.close();
    assert.ok(shared.vectors.length > shared.stories.length, 'some article heads a story of two or more');
    assert.deepEqual(shared.vectors, expected.vectors);
    assert.deepEqual(shared, expected);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a profile cache of one entry gives the relations and stories of the default cache (it is only a cache)', async () => {
  const settings = { ...DEFAULT_ENGINE_SETTINGS, batchSize: 16 };
  const cached = await ingestedWith(settings, 1, 'stream');
  assert.ok(cached.outcome.relations.length > 0);
  const tiny = await ingestedWith({ ...settings, profileCacheSize: 1 }, 1, 'stream');
  assert.deepEqual(tiny.outcome, cached.outcome);
});

test('an article\'s vector is kept once it heads a story of two or more, and not for a story of one', async () => {
  const engine = new Engine((await import('../../src/store/sqlite.ts')).SqliteStore.open(':memory:'), { ...DEFAULT_ENGINE_SETTINGS, batchSize: 16 });
  try {
    await engine.ingestItems(datedStream(24));
    const views = await engine.stories();
    const ids = views.flatMap((view) => view.articles.map((article) => article.id));
    const kept = await engine.store.getTermVectors(ids);
    const heads: string[] = [];
    for (const view of views.filter((story) => story.articles.length >= 2)) heads.push((await engine.store.getStoryState(view.story.id))!.headlineArticleId);
    heads.sort();
    assert.ok(heads.length > 0 && heads.length < ids.length);
    // Every head of a story of two or more has its vector (a former head keeps its own); most articles have none.
    for (const head of heads) assert.ok(kept.has(head), head);
    assert.ok(kept.size < ids.length / 2, `${kept.size} of ${ids.length} kept`);
    // A one-article story's centroid is its article's vector: what a second article's arrival compares with.
    for (const view of views.filter((story) => story.articles.length === 1)) assert.equal(kept.has(view.articles[0]!.id), false);
  } finally {
    await engine.close();
  }
});

test('a story whose one article was deleted draws no arrival: its words left with it (session 34), and the arrival heads its own', async () => {
  const engine = new Engine((await import('../../src/store/sqlite.ts')).SqliteStore.open(':memory:'), DEFAULT_ENGINE_SETTINGS);
  try {
    const item = (text: string, n: number, title: string): IngestItem => ({ kind: 'article', raw: { origin: { path: 'edge.jsonl', line: n, format: 'jsonl' }, externalId: `e${n}`, title, published: `2026-01-01T0${n}:00:00.000Z`, text } });
    async function* one(entry: IngestItem): AsyncGenerator<IngestItem> {
      yield entry;
    }
    const stories: (string | undefined)[] = [];
    await engine.ingestItems(one(item(WIRE_STORY, 1, 'Flood barrier holds as river peaks')), { onArticle: (record) => stories.push(record.storyId) });
    await engine.deleteArticle((await engine.stories())[0]!.articles[0]!.id);
    await engine.ingestItems(one(item(WIRE_UPDATE, 2, 'River peaks below the flood barrier')), { onArticle: (record) => stories.push(record.storyId) });
    assert.notEqual(stories[1], stories[0], 'the emptied story draws no arrival');
    assert.equal((await engine.store.getStoryState(stories[1]!))!.headline, 'River peaks below the flood barrier');
  } finally {
    await engine.close();
  }
});
