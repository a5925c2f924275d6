// The Store contract as tests, run against every backend (sqlite.test.ts... see conformance-*.test.ts): the
// same calls give the same answers, and two stores opened on the same database see each other's commits.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NewsfoldError } from '../../src/errors.ts';
import type { Relation } from '../../src/model.ts';
import type { ArticleIndexEntry, Store, StoryState } from '../../src/store/store.ts';
import { TermVector } from '../../src/stories/vectors.ts';
import { articleFrom, LIFTING_PAGE, UNRELATED, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

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
  signature: Uint8Array.from([1, 2, 3, 4]),
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
      assert.deepEqual(await store.getArticle(wire.id), wire);
      assert.deepEqual((await store.getArticles([unrelated.id, 'missing', wire.id])).map((a) => a.id), [unrelated.id, wire.id]);
      assert.deepEqual((await store.getTermVectors([wire.id])).get(wire.id)!.toJSON(), { flood: 0.8, river: 0.6 });
      assert.deepEqual(await store.resolveArticle(wire.id.slice(0, 6)), [wire.id]);
      assert.deepEqual(await store.resolveArticle('wire-1'), [wire.id]);
      assert.deepEqual(await store.resolveArticle('orchestra.txt'), [unrelated.id]);
      assert.deepEqual(await store.resolveArticle('https://wire.example/flood'), [wire.id]);
      assert.deepEqual(await store.resolveArticle('%'), []);
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
      await store.transaction(() => store.addDocumentTermCounts(new Map([['flood', 3], ['tide', 1]]), 3));
      const batched = await store.documentFrequencies(['flood', 'river', 'tide']);
      assert.equal(batched.documents, 5);
      assert.deepEqual(batched.frequencies, new Map([['flood', 5], ['river', 1], ['tide', 1]]));
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
      assert.deepEqual(await store.getStoryState('s-flood'), story('s-flood', wire.id, t0, t0, { flood: 1 }));
      await store.transaction(async () => {
        await store.mergeStory('s-update', 's-flood');
        await store.saveStoryState({ ...story('s-flood', wire.id, t0, t0 + day, { flood: 1 }), size: 3 });
      });
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
}
