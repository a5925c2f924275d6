// The Store contract as tests, run against every backend (sqlite.test.ts... see conformance-*.test.ts): the
// same calls give the same answers, and two stores opened on the same database see each other's commits.
// The read side (compact story rows, filters, keyset pages, kept views, article search) is part of it; only
// search scores and the order of hits with close scores may differ between backends (bm25 against ts_rank).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NewsfoldError } from '../../src/errors.ts';
import type { Relation } from '../../src/model.ts';
import { keptStoryView, keptViewText } from '../../src/engine/read-side.ts';
import type { ArticleIndexEntry, Store, StoryKey, StorySort, StoryState, StorySummary } from '../../src/store/store.ts';
import { storyNames } from '../../src/stories/names.ts';
import { cosine, heaviestTerms, renewSharedVocabularyIfFull, sharedVocabulary, TermVector } from '../../src/stories/vectors.ts';
import { articleFrom, LIFTING_PAGE, UNRELATED, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

/** A map of term counts as the two arrays addDocumentTermCounts takes. */
const countList = (counts: ReadonlyMap<string, number>): [string[], number[]] => [[...counts.keys()], [...counts.values()]];

/** Opens a store on one database; every call for one `database` value opens the same data. */
export interface StoreFactory {
  /** A new, empty database; returns its name for `open`. */
  create(): Promise<string>;
  open(database: string): Promise<Store>;
  /** Removes what `create` made. */
  destroy(database: string): Promise<void>;
  /** Set when the backend cannot be reached: every test then skips with this reason. */
  skip?: string;
}

const entry = (bands: number[], fingerprints: number[], terms: Record<string, number> = {}): ArticleIndexEntry => ({
  bandKeys: Uint32Array.from(bands),
  fingerprints: Uint32Array.from(fingerprints),
  terms: TermVector.fromRecord(terms),
});

const relation = (a: string, b: string, kind: Relation['kind'], score: number): Relation => ({
  a,
  b,
  kind,
  score,
  coverage: { a: 0.5, b: 0.75 },
  direction: { known: true, reason: 'published earlier' },
  passages: [{ a: { start: 0, end: 10 }, b: { start: 5, end: 15 }, similarity: 1 }],
});

const story = (id: string, headlineArticleId: string, firstTime: number, lastTime: number, terms: Record<string, number>): StoryState => ({
  id,
  headline: `Headline of ${id}`,
  headlineArticleId,
  firstTime,
  lastTime,
  timed: true,
  size: 1,
  centroid: TermVector.fromRecord(terms),
  createdAt: firstTime,
});

/** The store's term ids of `terms`, ascending (what index entries hold). */
async function storeIdsOf(store: Store, terms: string[]): Promise<number[]> {
  return Array.from(await store.storyTermIdsOf(TermVector.fromTerms(terms, new Float64Array(terms.length).fill(1)))).sort((x, y) => x - y);
}

export function storeConformance(backend: string, factory: StoreFactory): void {
  const options = factory.skip === undefined ? {} : { skip: factory.skip };
  const withStore = async (work: (store: Store, database: string) => Promise<void>) => {
    const database = await factory.create();
    const store = await factory.open(database);
    try {
      await work(store, database);
    } finally {
      await store.close();
      await factory.destroy(database);
    }
  };

  const wire = articleFrom('wire.txt', WIRE_STORY, { url: 'https://wire.example/flood', externalId: 'wire-1', published: '2026-03-01T08:00:00Z' });
  const update = articleFrom('update.txt', WIRE_UPDATE, { url: 'https://wire.example/flood-2', published: '2026-03-01T10:00:00Z' });
  const lifting = articleFrom('lifting.txt', LIFTING_PAGE);
  const unrelated = articleFrom('orchestra.txt', UNRELATED);

  test(`${backend}: articles round-trip, in the order asked, and resolve by prefix, input id, path and URL`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        await store.putArticle(wire, entry([1, 2], [100, 101], { flood: 0.8, river: 0.6 }));
        await store.putArticle(unrelated, entry([3], [200]));
      });
      assert.equal(await store.hasArticle(wire.id), true);
      assert.equal(await store.hasArticle('nope'), false);
      assert.deepEqual(await store.storedArticleIds(['nope', wire.id, unrelated.id]), new Set([wire.id, unrelated.id]));
      assert.deepEqual(await store.storedArticleIds([]), new Set());
      assert.deepEqual(await store.getArticle(wire.id), wire);
      assert.deepEqual((await store.getArticles([unrelated.id, 'missing', wire.id])).map((a) => a.id), [unrelated.id, wire.id]);
      assert.deepEqual((await store.getTermVectors([wire.id])).get(wire.id)!.toJSON(), { flood: 0.8, river: 0.6 });
      assert.deepEqual(await store.resolveArticle(wire.id.slice(0, 6)), [wire.id]);
      assert.deepEqual(await store.resolveArticle('wire-1'), [wire.id]);
      assert.deepEqual(await store.resolveArticle('orchestra.txt'), [unrelated.id]);
      assert.deepEqual(await store.resolveArticle('https://wire.example/flood'), [wire.id]);
      assert.deepEqual(await store.resolveArticle('%'), []);
    }));

  test(`${backend}: stored article URLs are found as identity compares them, in a transaction and after a deletion (session 33)`, options, () =>
    withStore(async (store) => {
      const paged = articleFrom('paged.html', WIRE_UPDATE, { url: 'https://News.example:443/world/flood/?utm_source=rss#top' });
      assert.deepEqual(await store.storedArticleUrls(['https://news.example/world/flood']), new Set());
      await store.transaction(async () => {
        await store.putArticle(wire, entry([1], [100]));
        await store.putArticle(paged, entry([2], [200]));
        // Held back by a store that sends its writes at commit: still found.
        assert.deepEqual(await store.storedArticleUrls(['http://news.example/world/flood']), new Set(['http://news.example/world/flood']));
      });
      const asked = ['http://news.example/world/flood', 'https://news.example/world/flood?utm_medium=feed', 'https://news.example/world/other', 'https://wire.example/flood/', 'https://wire.example/flood?page=2', 'not a url'];
      assert.deepEqual(await store.storedArticleUrls(asked), new Set([asked[0], asked[1], asked[3]]));
      assert.deepEqual(await store.storedArticleUrls([]), new Set());
      // A reference by URL is compared the same way.
      assert.deepEqual(await store.resolveArticle('http://news.example/world/flood?utm_campaign=x'), [paged.id]);
      await store.transaction(async () => {
        await store.deleteArticle(paged.id);
      });
      assert.deepEqual(await store.storedArticleUrls(asked), new Set([asked[3]]));
    }));

  test(`${backend}: an article stored without its vector has none to read until it is kept, inside a transaction or not`, options, () =>
    withStore(async (store) => {
      const bare = { bandKeys: Uint32Array.from([1]), fingerprints: Uint32Array.from([100]) };
      await store.transaction(async () => {
        await store.putArticle(wire, bare);
        await store.putArticle(update, bare);
        assert.deepEqual([...(await store.getTermVectors([wire.id, update.id])).keys()], []);
        await store.keepTermVector(wire.id, TermVector.fromRecord({ flood: 0.8, river: 0.6 }));
      });
      await store.putArticle(unrelated, bare);
      await store.keepTermVector(unrelated.id, TermVector.fromRecord({ orchestra: 1 }));
      const vectors = await store.getTermVectors([wire.id, update.id, unrelated.id]);
      assert.deepEqual([...vectors.keys()].sort(), [wire.id, unrelated.id].sort());
      assert.deepEqual(vectors.get(wire.id)!.toJSON(), { flood: 0.8, river: 0.6 });
      assert.deepEqual(vectors.get(unrelated.id)!.toJSON(), { orchestra: 1 });
    }));

  test(`${backend}: the copy index answers by band keys and fingerprints, and forgets deleted articles`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        await store.putArticle(wire, entry([1, 2], [100, 101]));
        await store.putArticle(update, entry([2, 5], [101, 102]));
        await store.putRelations([relation(wire.id, update.id, 'version', 0.8)]);
      });
      assert.deepEqual((await store.findByBandKeys(Uint32Array.from([2]))).sort(), [wire.id, update.id].sort());
      assert.deepEqual(await store.findByFingerprints(Uint32Array.from([101, 102])), new Map([[wire.id, 1], [update.id, 2]]));
      // An arriving article's denser sample (probe keys) is looked up too: a short lift shares only those.
      assert.deepEqual(await store.findByFingerprints(new Uint32Array(0), Uint32Array.from([100])), new Map([[wire.id, 1]]));
      assert.equal((await store.copyIndexBytes()).articles, 2);
      assert.equal(await store.transaction(() => store.deleteArticle(wire.id)), true);
      assert.equal(await store.deleteArticle(wire.id), false);
      assert.deepEqual(await store.findByBandKeys(Uint32Array.from([2])), [update.id]);
      assert.deepEqual(await store.relationsOf(update.id), []);
    }));

  test(`${backend}: relations round-trip, replace on the same pair, and list by article, set and kind`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        for (const article of [wire, update, lifting]) await store.putArticle(article, entry([], []));
        await store.putRelations([relation(wire.id, update.id, 'reuse', 0.4), relation(wire.id, lifting.id, 'rewrite', 0.3)]);
        await store.putRelations([relation(wire.id, update.id, 'version', 0.9)]);
      });
      const ofWire = await store.relationsOf(wire.id);
      assert.deepEqual(ofWire.map((r) => [r.b, r.kind, r.score]), [[update.id, 'version', 0.9], [lifting.id, 'rewrite', 0.3]]);
      assert.deepEqual(ofWire[0], relation(wire.id, update.id, 'version', 0.9));
      assert.deepEqual((await store.relationsAmong([wire.id, lifting.id])).map((r) => r.kind), ['rewrite']);
      assert.deepEqual((await store.relationsOfKinds(['version', 'duplicate'])).map((r) => r.kind), ['version']);
    }));

  test(`${backend}: document frequencies count each document's distinct terms once`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        await store.addDocumentTerms(['flood', 'river', 'flood']);
        await store.addDocumentTerms(['flood', 'barrier']);
      });
      const { documents, frequencies } = await store.documentFrequencies(['flood', 'river', 'absent']);
      assert.equal(documents, 2);
      assert.deepEqual(frequencies, new Map([['flood', 2], ['river', 1]]));
      // A batch's counts are added in one call, with the number of documents they came from.
      await store.transaction(() => store.addDocumentTermCounts(...countList(new Map([['flood', 3], ['tide', 1]])), 3));
      const batched = await store.documentFrequencies(['flood', 'river', 'tide']);
      assert.equal(batched.documents, 5);
      assert.deepEqual(batched.frequencies, new Map([['flood', 5], ['river', 1], ['tide', 1]]));
      // Terms with quotes, backslashes, braces, commas and other scripts (sent as JSON by PostgresStore's termList);
      // then strings JSON would carry differently: a lone surrogate (a store may keep it in another form, but must
      // find it again by the same term) and a backslash before u0000.
      const odd = ['say "hi"', 'back\\slash', '{a,b}', 'NULL', 'größe', '洪水'];
      const awkward = ['x\ud800y', '\\u0000'];
      await store.transaction(() => store.addDocumentTermCounts(...countList(new Map(odd.map((term, i) => [term, i + 1]))), 1));
      await store.transaction(() => store.addDocumentTermCounts(...countList(new Map(awkward.map((term) => [term, 9]))), 1));
      const found = await store.documentFrequencies([...odd, 'flood']);
      assert.equal(found.documents, 7);
      assert.deepEqual(found.frequencies, new Map([...odd.map((term, i) => [term, i + 1] as const), ['flood', 5]]));
      assert.deepEqual([...(await store.documentFrequencies(awkward)).frequencies.values()], [9, 9]);
      // Terms an object would treat apart (SqliteStore sends a batch's counts as one JSON object): a prototype's
      // name, keys that look like array indices (an object puts them first), one repeated by a later batch.
      const objectish = ['__proto__', 'constructor', '2024', '10', 'hasOwnProperty'];
      await store.transaction(() => store.addDocumentTermCounts(...countList(new Map(objectish.map((term, i) => [term, i + 1]))), 1));
      await store.transaction(() => store.addDocumentTermCounts(...countList(new Map([['2024', 10], ['__proto__', 100]])), 1));
      const objectFound = await store.documentFrequencies(objectish);
      assert.equal(objectFound.documents, 9);
      assert.deepEqual(objectFound.frequencies, new Map([['__proto__', 101], ['constructor', 2], ['2024', 13], ['10', 4], ['hasOwnProperty', 5]]));
    }));

  test(`${backend}: paragraph sources count each source once per paragraph`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        await store.addParagraphSources(['p-about', 'p-story'], 'velmont herald');
        await store.addParagraphSources(['p-about'], 'oakmere post');
        await store.addParagraphSources(['p-about'], 'velmont herald');
      });
      const sources = await store.paragraphSources(['p-about', 'p-story', 'p-absent']);
      assert.deepEqual(sources, new Map([['p-about', new Set(['velmont herald', 'oakmere post'])], ['p-story', new Set(['velmont herald'])]]));
      assert.deepEqual(await store.paragraphSources([]), new Map());
    }));

  test(`${backend}: stories save, grow, merge (followed by the old id), list and answer time-range queries`, options, () =>
    withStore(async (store) => {
      const day = 24 * 3600 * 1000;
      const t0 = Date.parse('2026-03-01T00:00:00Z');
      await store.transaction(async () => {
        for (const article of [wire, update, lifting, unrelated]) await store.putArticle(article, entry([], []));
        await store.saveStoryState(story('s-flood', wire.id, t0, t0, { flood: 1 }));
        await store.saveStoryState(story('s-update', update.id, t0 + day, t0 + day, { flood: 0.5, bridge: 0.5 }));
        await store.saveStoryState(story('s-music', unrelated.id, t0 + 30 * day, t0 + 30 * day, { music: 1 }));
        await store.assignArticle({ articleId: wire.id, storyId: 's-flood', reason: 'new-story', detail: '', score: 0 });
        await store.assignArticle({ articleId: update.id, storyId: 's-update', reason: 'new-story', detail: '', score: 0 });
        await store.assignArticle({ articleId: lifting.id, storyId: 's-flood', reason: 'similarity', detail: 'cosine 0.41', score: 0.41 });
        await store.assignArticle({ articleId: unrelated.id, storyId: 's-music', reason: 'new-story', detail: '', score: 0 });
      });
      assert.deepEqual((await store.activeStories(t0, 7 * day)).map((s) => s.id), ['s-flood', 's-update']);
      // A state read back carries the names its row shows (none here: its centroid holds no entity term).
      assert.deepEqual(await store.getStoryState('s-flood'), { ...story('s-flood', wire.id, t0, t0, { flood: 1 }), names: [] });
      await store.transaction(async () => {
        await store.mergeStory('s-update', 's-flood');
        await store.saveStoryState({ ...story('s-flood', wire.id, t0, t0 + day, { flood: 1 }), size: 3, names: ['Dr. Colin Marsh'] });
      });
      assert.deepEqual((await store.getStoryState('s-flood'))?.names, ['Dr. Colin Marsh'], 'the names shown, as the engine kept them');
      assert.equal(await store.getStoryState('s-update'), undefined);
      assert.equal(await store.storyOfArticle(update.id), 's-flood');
      const followed = await store.getStory('s-update');
      assert.equal(followed?.id, 's-flood');
      assert.equal(followed?.mergedInto, 's-flood');
      assert.deepEqual(await store.resolveStory('s-'), ['s-flood', 's-music', 's-update']);
      assert.deepEqual(await store.resolveStory('s-music'), ['s-music']);
      assert.deepEqual((await store.listStories()).map((s) => [s.id, s.articleIds.length]), [['s-flood', 3], ['s-music', 1]]);
      assert.deepEqual((await store.assignmentsOf('s-flood')).map((a) => a.articleId), [wire.id, update.id, lifting.id]);
      assert.deepEqual((await store.activeStories(0, Number.POSITIVE_INFINITY)).map((s) => s.id), ['s-flood', 's-music']);
      // Opening a store loads only the stories near the newest one, and the newest dated time answers without a scan.
      assert.equal(await store.newestStoryTime(), t0 + 30 * day);
      assert.deepEqual((await store.recentStories(t0 + 2 * day, 10)).map((s) => s.id), ['s-music']);
      assert.deepEqual((await store.recentStories(t0, 10)).map((s) => s.id), ['s-flood', 's-music']);
      // The same stories as index entries: times and the heaviest centroid terms, kept as the centroid changes.
      await store.transaction(async () => {
        const terms = Object.fromEntries(Array.from({ length: 60 }, (_, at) => [`term${String(at).padStart(2, '0')}`, (at % 7) + 1]));
        await store.saveStoryState({ ...story('s-flood', wire.id, t0, t0 + day, terms), size: 3 });
      });
      const entries = await store.storyIndexEntries(t0, 10);
      assert.deepEqual(entries.map((s) => [s.id, s.firstTime, s.lastTime, s.timed, s.createdAt]), [['s-flood', t0, t0 + day, true, t0], ['s-music', t0 + 30 * day, t0 + 30 * day, true, t0 + 30 * day]]);
      // The 50 heaviest of 60 (weights 1-7 by index mod 7): the nine of weight 1 are left out, and of the nine
      // of weight 2 the last by term.
      const flood = (await store.getStoryState('s-flood'))!;
      // Index terms come as the store's term ids (storyTermIdsOf), ascending: no term is read.
      assert.equal(entries[0]!.vocabulary, undefined);
      assert.deepEqual([...entries[0]!.indexTerms], await storeIdsOf(store, heaviestTerms(flood.centroid, 50)));
      assert.equal(entries[0]!.indexTerms.length, 50);
      const lightest = await storeIdsOf(store, ['term01', 'term08', 'term15', 'term22', 'term29', 'term36', 'term43', 'term50', 'term57']);
      assert.deepEqual(lightest.filter((id) => entries[0]!.indexTerms.includes(id)), await storeIdsOf(store, ['term01', 'term08', 'term15', 'term22', 'term29', 'term36', 'term43', 'term50']));
      assert.deepEqual([...entries[1]!.indexTerms], await storeIdsOf(store, ['music']));
      assert.deepEqual((await store.storyIndexEntries(t0 + 2 * day, 10)).map((s) => s.id), ['s-music']);
      // Full states of the ids asked for, in that order; merged and unknown ids left out.
      assert.deepEqual((await store.getStoryStates(['s-music', 's-update', 's-none', 's-flood'])).map((s) => s.id), ['s-music', 's-flood']);
      // getStoryStates (the candidate index's read) leaves out the shown names getStoryState adds for the engine.
      const { names: _shownNames, ...floodState } = flood;
      assert.deepEqual(await store.getStoryStates(['s-flood']), [floodState]);
      assert.deepEqual(await store.getStoryStates([]), []);
    }));

  test(`${backend}: untimed stories come as index entries when they grew by one of the last articles stored, with how idle they are`, options, () =>
    withStore(async (store) => {
      const stored = [wire, update, lifting, unrelated].map((article, at) => ({ ...article, ingestedAt: 1000 + at }));
      await store.transaction(async () => {
        for (const [at, article] of stored.entries()) await store.putArticle(article, entry([at + 1], [200 + at], { flood: 1 }));
        // Untimed stories last grown by the first, the third and the fourth article stored (their ingest times).
        for (const at of [0, 2, 3]) await store.saveStoryState({ ...story(`s-untimed-${at}`, stored[at]!.id, 1000 + at, 1000 + at, { flood: 1 }), timed: false });
      });
      const untimed = async (articles: number) => (await store.storyIndexEntries(Number.POSITIVE_INFINITY, articles)).map((found) => [found.id, found.idleArticles]);
      assert.deepEqual(await untimed(2), [['s-untimed-2', 1], ['s-untimed-3', 0]]);
      assert.deepEqual(await untimed(4), [['s-untimed-0', 3], ['s-untimed-2', 1], ['s-untimed-3', 0]]);
      assert.deepEqual(await untimed(100), await untimed(4), 'fewer articles stored than asked for: every untimed story');
      assert.deepEqual(await untimed(0), []);
    }));

  test(`${backend}: a centroid read in the store's term ids scores as the centroid does`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        await store.putArticle(wire, entry([1], [100], { flood: 1 }));
        await store.saveStoryState(story('s-flood', wire.id, 1, 2, { flood: 0.6, tide: 0.3, barrier: 0.2 }));
      });
      const centroids = await store.storedCentroids(['s-flood', 's-none']);
      assert.deepEqual([...centroids.keys()], ['s-flood']);
      const stored = centroids.get('s-flood')!;
      assert.equal(new Set(stored.terms).size, 3, 'one id a term');
      const vector = TermVector.fromRecord({ tide: 0.5, flood: 0.25, unheard: 0.75 });
      const ids = await store.storyTermIdsOf(vector);
      assert.equal(ids[vector.ids.indexOf(vector.vocabulary.lookup('unheard')!)], 0, 'a term no story holds has no id');
      let dot = 0;
      for (const [at, id] of ids.entries()) {
        const found = stored.terms.indexOf(id);
        if (id !== 0 && found >= 0) dot += vector.weights[at]! * stored.weights[found]!;
      }
      const flood = (await store.getStoryState('s-flood'))!;
      assert.ok(Math.abs(dot / (vector.norm * stored.norm) - cosine(vector, flood.centroid)) < 1e-12);
    }));

  test(`${backend}: a stored centroid's terms interned at once, so reading the story interns nothing more`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        await store.putArticle(wire, entry([1], [100], { flood: 1 }));
        await store.saveStoryState(story('s-quarry', wire.id, 1, 2, { zephyr: 0.6, quarry: 0.3, mantle: 0.2 }));
      });
      // A vocabulary that has met none of the story's terms, as a process opening the store has.
      const old = sharedVocabulary();
      for (let n = 0; sharedVocabulary() === old; n++) {
        old.intern(`conformance-filler-${n}`);
        renewSharedVocabularyIfFull(0);
      }
      const fresh = sharedVocabulary();
      const before = fresh.size;
      await store.internStoryTerms((await store.storedCentroids(['s-quarry'])).get('s-quarry')!.terms);
      const ids = ['zephyr', 'quarry', 'mantle'].map((term) => fresh.lookup(term)!).sort((x, y) => x - y);
      assert.deepEqual(ids, [before, before + 1, before + 2]);
      const read = (await store.getStoryStates(['s-quarry']))[0]!;
      assert.equal(fresh.size, before + 3, 'reading the story interned nothing more');
      assert.deepEqual(Array.from(read.centroid.ids), ids);
    }));

  test(`${backend}: a story's terms read back as saved after a rolled-back transaction added others`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => store.putArticle(wire, entry([1], [100], { flood: 1 })));
      // The terms this transaction adds to the store's term table are gone with it; SQLite gives their ids to
      // the next terms added, so a process that kept them would write one term's id for another.
      await assert.rejects(
        store.transaction(async () => {
          await store.saveStoryState(story('s-gone', wire.id, 1, 2, { rolledback: 1, alsogone: 0.5 }));
          throw new Error('abandoned');
        }),
        /abandoned/,
      );
      await store.transaction(async () => store.saveStoryState(story('s-next', wire.id, 1, 2, { committed: 1, another: 0.5 })));
      await store.transaction(async () => store.saveStoryState(story('s-again', wire.id, 1, 2, { rolledback: 0.25, committed: 0.75 })));
      assert.equal(await store.getStoryState('s-gone'), undefined);
      assert.deepEqual((await store.getStoryState('s-next'))!.centroid.toJSON(), { committed: 1, another: 0.5 });
      assert.deepEqual((await store.getStoryState('s-again'))!.centroid.toJSON(), { rolledback: 0.25, committed: 0.75 });
      const entries = await store.storyIndexEntries(Number.NEGATIVE_INFINITY, 10);
      const again = entries.find((entry) => entry.id === 's-again')!;
      assert.deepEqual([...again.indexTerms], await storeIdsOf(store, ['committed', 'rolledback']));
    }));

  test(`${backend}: inside a transaction, reads see what it wrote before it commits, and the commit keeps it`, options, () =>
    withStore(async (store) => {
      await store.transaction(async () => {
        await store.putArticle(wire, entry([1, 2], [100, 101], { flood: 0.8 }));
        await store.addParagraphSources(['p-about'], 'velmont herald');
      });
      await store.transaction(async () => {
        await store.putArticle(update, entry([2, 5], [101, 102], { flood: 0.5, tide: 0.25 }));
        assert.equal(await store.hasArticle(update.id), true);
        assert.deepEqual(await store.storedArticleIds([update.id, wire.id, 'nope']), new Set([update.id, wire.id]));
        assert.deepEqual(await store.getArticles([update.id, wire.id]), [update, wire]);
        assert.deepEqual((await store.getTermVectors([update.id, wire.id])).get(update.id)!.toJSON(), { flood: 0.5, tide: 0.25 });
        assert.deepEqual((await store.findByBandKeys(Uint32Array.from([2]))).sort(), [wire.id, update.id].sort());
        assert.deepEqual(await store.findByFingerprints(Uint32Array.from([102])), new Map([[update.id, 1]]));
        await store.addParagraphSources(['p-about', 'p-new'], 'oakmere post');
        assert.deepEqual(await store.paragraphSources(['p-about', 'p-new']), new Map([['p-about', new Set(['velmont herald', 'oakmere post'])], ['p-new', new Set(['oakmere post'])]]));
        await store.putRelations([relation(wire.id, update.id, 'reuse', 0.4)]);
        await store.putRelations([relation(wire.id, update.id, 'version', 0.8)]);
        assert.deepEqual((await store.relationsOf(update.id)).map((r) => r.kind), ['version']);
        await store.saveStoryState(story('s-held', update.id, 1, 2, { flood: 1 }));
        assert.equal(await store.storyOfArticle(update.id), undefined);
        await store.assignArticle({ articleId: update.id, storyId: 's-held', reason: 'new-story', detail: '', score: 0 });
        assert.equal(await store.storyOfArticle(update.id), 's-held');
        await store.putArticle(lifting, entry([9], [900]));
        await store.saveStoryState(story('s-other', lifting.id, 1, 2, { flood: 1 }));
        await store.assignArticle({ articleId: lifting.id, storyId: 's-other', reason: 'new-story', detail: '', score: 0 });
        await store.mergeStory('s-other', 's-held');
        assert.equal(await store.storyOfArticle(lifting.id), 's-held');
      });
      assert.deepEqual(await store.getArticle(update.id), update);
      assert.equal(await store.storyOfArticle(update.id), 's-held');
      assert.equal(await store.storyOfArticle(lifting.id), 's-held');
      assert.deepEqual((await store.relationsOf(update.id)).map((r) => r.kind), ['version']);
      assert.deepEqual(await store.findByFingerprints(Uint32Array.from([900])), new Map([[lifting.id, 1]]));
      assert.equal((await store.getStory('s-held'))?.articleIds.length, 2);
    }));

  test(`${backend}: a failed transaction stores nothing, and index settings are fixed at first use`, options, () =>
    withStore(async (store) => {
      await assert.rejects(
        store.transaction(async () => {
          await store.putArticle(wire, entry([7], [700]));
          throw new Error('interrupted');
        }),
        /interrupted/,
      );
      assert.equal(await store.hasArticle(wire.id), false);
      assert.deepEqual(await store.findByBandKeys(Uint32Array.from([7])), []);
      await store.checkIndexSettings({ bands: 32 });
      await store.checkIndexSettings({ bands: 32 });
      await assert.rejects(store.checkIndexSettings({ bands: 16 }), (error: unknown) => error instanceof NewsfoldError && error.code === 'E_SKETCH_MISMATCH');
    }));

  test(`${backend}: two stores on one database see each other's commits: copies, stories and the change sequence`, options, () =>
    withStore(async (first, database) => {
      const second = await factory.open(database);
      try {
        await first.transaction(() => first.putArticle(wire, entry([1], [100])));
        assert.deepEqual(await second.findByBandKeys(Uint32Array.from([1])), [wire.id], 'loaded on first use');
        await first.transaction(() => first.putArticle(update, entry([1], [100])));
        const seen = await second.transaction(async () => second.findByBandKeys(Uint32Array.from([1])));
        assert.deepEqual(seen.sort(), [wire.id, update.id].sort(), 'caught up at the next transaction');

        const before = await second.changeSequence();
        const t0 = Date.parse('2026-03-01T00:00:00Z');
        const during = await first.transaction(async () => {
          await first.saveStoryState(story('s-a', wire.id, t0, t0, { flood: 1 }));
          await first.saveStoryState(story('s-b', update.id, t0, t0, { flood: 1 }));
          await first.mergeStory('s-b', 's-a');
          return first.changeSequence();
        });
        assert.ok(during > before, 'a transaction carries a sequence above every earlier commit');
        assert.equal(await second.changeSequence(), during);
        const changes = await second.storiesChangedSince(before);
        assert.deepEqual(changes.saved.map((s) => s.id), ['s-a']);
        assert.deepEqual(changes.merged, ['s-b']);
        assert.deepEqual(await second.storiesChangedSince(during), { saved: [], merged: [] });

        await second.transaction(() => second.deleteArticle(wire.id));
        const afterDelete = await first.transaction(async () => first.findByBandKeys(Uint32Array.from([1])));
        assert.deepEqual(afterDelete, [update.id], "another writer's deletion reaches the in-memory index");
      } finally {
        await second.close();
      }
    }));

  // The read side: three stories over five articles from four sources in two languages.
  const hour = 3600 * 1000;
  const day = 24 * hour;
  const t0 = Date.parse('2026-03-01T00:00:00Z');
  const readWire = articleFrom('read/wire.txt', WIRE_STORY, { source: 'Wire', language: 'en', published: '2026-03-01T08:00:00Z' });
  const readUpdate = articleFrom('read/update.txt', WIRE_UPDATE, { source: 'Courier', language: 'en', published: '2026-03-02T10:00:00Z' });
  const readLifting = articleFrom('read/lifting.txt', LIFTING_PAGE, { source: 'Blog', language: 'en' });
  const readMusic = articleFrom('read/orchestra.txt', UNRELATED, { source: 'Arts Daily', language: 'en', published: '2026-03-31T09:00:00Z' });
  const readGerman = articleFrom(
    'read/orchester.txt',
    'Orchester ernennt neue Dirigentin\n\nDas Halden Sinfonieorchester hat die Geigerin Mireille Okafor zur Musikdirektorin ernannt. Sie dirigiert zwölf Programme.',
    { source: 'Kulturblatt', language: 'de', published: '2026-03-31T12:00:00Z' },
  );
  const floodTerms = { flood: 0.6, dunmere: 0.5, barrier: 0.4, 'colin marsh': 0.3 };
  const readStories = {
    flood: { ...story('r-flood', readWire.id, t0, t0 + 2 * hour, floodTerms), size: 2 },
    update: story('r-update', readUpdate.id, t0 + day, t0 + day, { flood: 0.5, bridge: 0.5 }),
    music: { ...story('r-music', readMusic.id, t0 + 30 * day, t0 + 30 * day + 3 * hour, { orchestra: 0.7, 'mireille okafor': 0.6 }), size: 2 },
  };

  async function readSide(store: Store): Promise<void> {
    await store.transaction(async () => {
      for (const article of [readWire, readUpdate, readLifting, readMusic, readGerman]) await store.putArticle(article, entry([], []));
      for (const state of Object.values(readStories)) await store.saveStoryState(state);
      const assign = (articleId: string, storyId: string) => store.assignArticle({ articleId, storyId, reason: 'similarity', detail: '', score: 0.5 });
      await assign(readWire.id, 'r-flood');
      await assign(readLifting.id, 'r-flood');
      await assign(readUpdate.id, 'r-update');
      await assign(readMusic.id, 'r-music');
      await assign(readGerman.id, 'r-music');
    });
  }

  const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
  const listed = async (store: Store, query: Partial<Parameters<Store['storyRows']>[0]>) => ids(await store.storyRows({ sort: 'recent', limit: 100, ...query }));

  test(`${backend}: story rows carry their compact columns, in both orders, and counts answer`, options, () =>
    withStore(async (store) => {
      await readSide(store);
      assert.deepEqual(await store.counts(), { articles: 5, stories: 3 });
      const recent = await store.storyRows({ sort: 'recent', limit: 100 });
      assert.deepEqual(ids(recent), ['r-music', 'r-update', 'r-flood'], 'last activity first');
      assert.deepEqual(await listed(store, { sort: 'size' }), ['r-music', 'r-flood', 'r-update'], 'largest first, ties by id, descending');
      const flood = recent.find((row) => row.id === 'r-flood')!;
      assert.equal(flood.headline, 'Headline of r-flood');
      assert.equal(flood.firstSeen, new Date(t0).toISOString());
      assert.equal(flood.lastSeen, new Date(t0 + 2 * hour).toISOString());
      assert.equal(flood.articles, 2);
      assert.equal(flood.sources, 2);
      assert.deepEqual(flood.topNames, storyNames(TermVector.fromRecord(floodTerms)));
      assert.equal(flood.sortKey, t0 + 2 * hour);
      assert.equal(flood.version, (await store.getStory('r-flood'))!.version, 'the row and the story agree on the version');
      assert.equal((await store.storyRows({ sort: 'size', limit: 100 })).find((row) => row.id === 'r-flood')!.sortKey, 2);
      assert.equal((await store.storyRows({ sort: 'recent', limit: 2 })).length, 2, 'at most `limit` rows');
    }));

  test(`${backend}: story rows filter by time, source, language, words, size and ids, together`, options, () =>
    withStore(async (store) => {
      await readSide(store);
      assert.deepEqual(await listed(store, { since: t0 + day }), ['r-music', 'r-update'], 'since: last activity at or after');
      assert.deepEqual(await listed(store, { since: t0 + 2 * hour }), ['r-music', 'r-update', 'r-flood'], 'since is inclusive');
      assert.deepEqual(await listed(store, { until: t0 + day }), ['r-update', 'r-flood'], 'until: begun at or before');
      assert.deepEqual(await listed(store, { since: t0 + hour, until: t0 + day }), ['r-update', 'r-flood']);
      assert.deepEqual(await listed(store, { source: 'Courier' }), ['r-update']);
      assert.deepEqual(await listed(store, { source: 'courier' }), [], 'sources match exactly');
      assert.deepEqual(await listed(store, { source: 'Blog' }), ['r-flood']);
      assert.deepEqual(await listed(store, { language: 'de' }), ['r-music']);
      assert.deepEqual(await listed(store, { language: 'en' }), ['r-music', 'r-update', 'r-flood']);
      assert.deepEqual(await listed(store, { text: 'barrier' }), ['r-update', 'r-flood']);
      assert.deepEqual(await listed(store, { text: 'BARRIER Dunmere' }), ['r-update', 'r-flood'], 'any case, all words');
      assert.deepEqual(await listed(store, { text: 'barrier conductor' }), [], 'every word in one article');
      assert.deepEqual(await listed(store, { text: 'Dirigentin' }), ['r-music']);
      assert.deepEqual(await listed(store, { text: 'goalkeeper' }), ['r-flood'], 'any article of the story matches');
      assert.deepEqual(await listed(store, { text: '*** "' }), [], 'no words, no stories');
      assert.deepEqual(await listed(store, { text: '"barrier" OR conductor*' }), [], 'operators are words');
      assert.deepEqual(await listed(store, { minArticles: 2 }), ['r-music', 'r-flood']);
      assert.deepEqual(await listed(store, { ids: ['r-flood', 'missing', 'r-update'] }), ['r-update', 'r-flood']);
      assert.deepEqual(await listed(store, { ids: [] }), []);
      assert.deepEqual(await listed(store, { source: 'Wire', text: 'barrier', minArticles: 2, until: t0 }), ['r-flood']);
      assert.deepEqual(await listed(store, { source: 'Wire', language: 'de' }), []);
      // Values from a URL may hold any character, NUL too: they match nothing, in every store.
      assert.deepEqual(await listed(store, { source: 'Wire\u0000' }), []);
      assert.deepEqual(await listed(store, { language: '\u0000' }), []);
      assert.deepEqual(await listed(store, { ids: ['r-flood', 'r-\u0000'] }), ['r-flood']);
      assert.deepEqual(await listed(store, { text: 'barrier\u0000' }), ['r-update', 'r-flood']);
      assert.deepEqual(await store.resolveStory('r-\u0000'), []);
      assert.equal(await store.getStory('r-flood\u0000'), undefined);
      assert.deepEqual(await store.resolveArticle(`${readWire.id.slice(0, 4)}\u0000`), []);
      assert.equal(await store.getArticle(`${readWire.id}\u0000`), undefined);
      assert.equal(await store.storedView('r-flood\u0000'), undefined);
    }));

  test(`${backend}: keyset pages give every row once, in order, to the end, in both sorts and under a filter`, options, () =>
    withStore(async (store) => {
      await readSide(store);
      for (const sort of ['recent', 'size'] as StorySort[]) {
        for (const filter of [{}, { language: 'en' }]) {
          const all = await store.storyRows({ sort, limit: 100, ...filter });
          for (const limit of [1, 2]) {
            const paged: StorySummary[] = [];
            let after: StoryKey | undefined;
            for (let pages = 0; pages <= all.length; pages++) {
              const page = await store.storyRows({ sort, limit, ...filter, ...(after === undefined ? {} : { after }) });
              if (page.length === 0) break;
              paged.push(...page);
              const last = page[page.length - 1]!;
              after = { key: last.sortKey, id: last.id };
            }
            assert.deepEqual(ids(paged), ids(all), `${sort}, ${limit} a page, ${JSON.stringify(filter)}`);
            assert.deepEqual(await store.storyRows({ sort, limit, ...filter, after: after! }), [], 'nothing after the last row');
          }
        }
      }
      // A cursor comes from the client: any number is a key, answered as the same comparison in every store.
      const sizes = (await store.storyRows({ sort: 'size', limit: 100 })).map((row) => [row.id, row.articles]);
      assert.deepEqual(sizes, [['r-music', 2], ['r-flood', 2], ['r-update', 1]]);
      assert.deepEqual(await listed(store, { sort: 'size', after: { key: 1.5, id: 'zzz' } }), ['r-update']);
      assert.deepEqual(await listed(store, { sort: 'size', after: { key: 2, id: 'r-music' } }), ['r-flood', 'r-update']);
      assert.deepEqual(await listed(store, { sort: 'size', after: { key: 1e12, id: '' } }), ['r-music', 'r-flood', 'r-update']);
      assert.deepEqual(await listed(store, { sort: 'size', after: { key: -1e12, id: 'zzz' } }), []);
      assert.deepEqual(await listed(store, { sort: 'recent', after: { key: 1e300, id: '' } }), ['r-music', 'r-update', 'r-flood']);
      assert.deepEqual(await listed(store, { minArticles: 1e12 }), []);
      assert.deepEqual(await listed(store, { minArticles: 1.5 }), ['r-music', 'r-flood']);
      assert.deepEqual(await listed(store, { since: -1e300, until: 1e300 }), ['r-music', 'r-update', 'r-flood']);
    }));

  test(`${backend}: compact rows follow reassignment, merges and deletions`, options, () =>
    withStore(async (store) => {
      await readSide(store);
      const row = async (id: string) => (await store.storyRows({ sort: 'size', limit: 1, ids: [id] }))[0];
      const before = (await row('r-flood'))!;

      await store.transaction(() => store.assignArticle({ articleId: readLifting.id, storyId: 'r-music', reason: 'similarity', detail: '', score: 0.4 }));
      const moved = (await row('r-flood'))!;
      assert.equal(moved.articles, 1);
      assert.equal(moved.sources, 1);
      assert.ok(moved.version > before.version, 'losing an article is a change');
      assert.equal((await row('r-music'))!.articles, 3);
      assert.deepEqual(await listed(store, { source: 'Blog' }), ['r-music'], 'the source moved with the article');

      await store.transaction(() => store.mergeStory('r-update', 'r-flood'));
      const merged = (await row('r-flood'))!;
      assert.equal(merged.articles, 2);
      assert.equal(merged.sources, 2);
      assert.ok(merged.version > moved.version);
      assert.equal(await row('r-update'), undefined, 'a merged story is not listed');
      assert.deepEqual(await listed(store, { source: 'Courier' }), ['r-flood'], "the merged story's sources are the survivor's");
      assert.deepEqual(await store.counts(), { articles: 5, stories: 2 });

      await store.transaction(() => store.deleteArticle(readWire.id));
      const deleted = (await row('r-flood'))!;
      assert.equal(deleted.articles, 1);
      assert.equal(deleted.sources, 1);
      assert.ok(deleted.version > merged.version);
      assert.deepEqual(await listed(store, { source: 'Wire' }), []);
      assert.deepEqual(await store.counts(), { articles: 4, stories: 2 });
      assert.deepEqual(ids(await store.searchArticles({ text: 'barrier', offset: 0, limit: 10 })), [readUpdate.id], 'the deleted article is out of the search');

      await store.transaction(() => store.saveStoryState({ ...readStories.flood, headline: 'Renamed' }));
      const saved = (await row('r-flood'))!;
      assert.equal(saved.headline, 'Renamed');
      assert.ok(saved.version > deleted.version, 'saving the state is a change');
    }));

  test(`${backend}: stored views are kept by version, and a changed story's old view is not taken as current`, options, () =>
    withStore(async (store) => {
      await readSide(store);
      assert.equal(await store.storedView('r-flood'), undefined);
      const story = (await store.getStory('r-flood'))!;
      assert.equal(typeof story.version, 'number');
      const marked = keptViewText({ kept: 'at the first version' });
      await store.putStoredView('r-flood', story.version!, marked);
      assert.deepEqual(await store.storedView('r-flood'), { version: story.version, view: marked });
      assert.deepEqual(await keptStoryView(store, story), { kept: 'at the first version' }, 'a view kept for the current version is read back');

      await store.transaction(() => store.assignArticle({ articleId: readUpdate.id, storyId: 'r-flood', reason: 'similarity', detail: '', score: 0.6 }));
      const changed = (await store.getStory('r-flood'))!;
      assert.ok(changed.version! > story.version!);
      assert.equal((await store.storedView('r-flood'))!.version, story.version, 'the old view is still there, under its old version');
      const fresh = await keptStoryView(store, changed);
      assert.deepEqual(fresh.story.articleIds.length, 3, 'made afresh for the new version');
      assert.equal((await store.storedView('r-flood'))!.version, changed.version, 'and kept under it');
      assert.deepEqual(JSON.parse((await store.storedView('r-flood'))!.view).view, JSON.parse(JSON.stringify(fresh)));
      // A view another newsfold kept (another digest, other labels) for the current version is made afresh (user walk).
      await store.putStoredView('r-flood', changed.version!, JSON.stringify({ maker: 'another newsfold', view: { kept: 'by another program' } }));
      assert.equal((await keptStoryView(store, changed)).story.articleIds.length, 3, "another program's view is not shown");
      await store.putStoredView('r-flood', changed.version!, JSON.stringify({ kept: 'in the format before makers were kept' }));
      assert.equal((await keptStoryView(store, changed)).story.articleIds.length, 3, 'nor a view kept before makers were');

      await store.putStoredView('r-music', (await store.getStory('r-music'))!.version!, marked);
      await store.transaction(() => store.mergeStory('r-music', 'r-flood'));
      assert.equal(await store.storedView('r-music'), undefined, "a merged story's view is dropped");
    }));

  test(`${backend}: article search: every word, ranked, paged, with snippets whose ranges mark the words, and each hit's story`, options, () =>
    withStore(async (store) => {
      await readSide(store);
      const hits = await store.searchArticles({ text: 'Barrier flood', offset: 0, limit: 10 });
      assert.deepEqual(ids(hits).sort(), [readWire.id, readUpdate.id].sort(), 'both words, any case; "floods" is another word');
      for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.score >= hits[i]!.score, 'best first');
      for (const hit of hits) {
        const article = hit.id === readWire.id ? readWire : readUpdate;
        assert.equal(hit.title, article.title);
        assert.equal(hit.source, article.source);
        assert.equal(hit.published, article.published);
        assert.equal(hit.storyId, hit.id === readWire.id ? 'r-flood' : 'r-update');
        assert.ok(Number.isFinite(hit.score));
        assert.ok(hit.snippet.text.length > 0 && hit.snippet.text.length < article.text.length, 'a stretch of the text');
        assert.ok(article.text.includes(hit.snippet.text.replace(/^…|…$/g, '')), 'verbatim, an ellipsis marking a cut');
        assert.ok(hit.snippet.text.endsWith('…'), 'cut short: the text goes on');
        assert.ok(hit.snippet.matches.length > 0, 'the words are marked');
        for (const { start, end } of hit.snippet.matches) {
          assert.ok(start >= 0 && start < end && end <= hit.snippet.text.length, 'ranges inside the snippet');
          assert.ok(['barrier', 'flood'].includes(hit.snippet.text.slice(start, end).toLowerCase()), hit.snippet.text.slice(start, end));
        }
        assert.ok(!/[\u0002\u0003]/.test(hit.snippet.text), 'no markers left in the text');
      }
      const second = await store.searchArticles({ text: 'Barrier flood', offset: 1, limit: 1 });
      assert.deepEqual(ids(second), [hits[1]!.id], 'offset pages the same order');
      assert.deepEqual(ids(await store.searchArticles({ text: 'Barrier flood', offset: 2, limit: 10 })), []);

      assert.deepEqual(ids(await store.searchArticles({ text: 'Dunmere floods', offset: 0, limit: 10 })), [readLifting.id], 'title words count');
      assert.deepEqual(ids(await store.searchArticles({ text: 'Musikdirektorin', offset: 0, limit: 10 })), [readGerman.id]);
      assert.deepEqual(ids(await store.searchArticles({ text: '"flood" -barrier* title:conductor', offset: 0, limit: 10 })), [], 'operators are words');
      assert.deepEqual(await store.searchArticles({ text: '"; DROP TABLE articles; --', offset: 0, limit: 10 }), []);
      assert.deepEqual(await store.searchArticles({ text: '*** ---', offset: 0, limit: 10 }), []);
      assert.equal((await store.counts()).articles, 5);

      const unassigned = articleFrom('read/loose.txt', 'Barrier inspection report\n\nThe flood barrier was inspected again on Monday.', { source: 'Wire' });
      await store.transaction(() => store.putArticle(unassigned, entry([], [])));
      const loose = (await store.searchArticles({ text: 'barrier inspected', offset: 0, limit: 10 }))[0]!;
      assert.equal(loose.id, unassigned.id);
      assert.equal(loose.storyId, undefined, 'an article in no story has no story');
      await store.transaction(() => store.mergeStory('r-update', 'r-flood'));
      const followed = await store.searchArticles({ text: 'Barrier flood', offset: 0, limit: 10 });
      assert.equal(followed.find((hit) => hit.id === readUpdate.id)!.storyId, 'r-flood', "a hit names its article's live story");
    }));

  test(`${backend}: an article's own U+0002/U+0003 cannot forge a search highlight (walk, session 31)`, options, () =>
    withStore(async (store) => {
      const text = 'Pier notice\n\nThe harbour \u0002FAKE\u0003 office said the pier reopens on Monday after repairs to the crane.';
      const forger = articleFrom('forger.txt', text, { source: 'forger.example' });
      await store.transaction(() => store.putArticle(forger, entry([], [])));
      const [hit] = await store.searchArticles({ text: 'pier', offset: 0, limit: 10 });
      assert.ok(hit !== undefined);
      assert.ok(hit.snippet.text.includes('\u0002FAKE\u0003'), 'the text is kept as stored');
      assert.ok(hit.snippet.matches.length > 0);
      for (const { start, end } of hit.snippet.matches) assert.equal(hit.snippet.text.slice(start, end).toLowerCase(), 'pier', hit.snippet.text.slice(start, end));
    }));
}
