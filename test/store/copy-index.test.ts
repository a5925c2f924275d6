// The copy index's persistence: incremental, survives a restart, and forgets deleted articles.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { NewsfoldError } from '../../src/errors.ts';
import { DEFAULT_SKETCH_SETTINGS, describeSketchSettings } from '../../src/match/candidates.ts';
import { MAX_PROBE_POSTINGS } from '../../src/sketch/copy-index.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { TermVector } from '../../src/stories/vectors.ts';
import type { ArticleIndexEntry } from '../../src/store/store.ts';
import { articleFrom, UNRELATED, WIRE_STORY } from '../fixtures.ts';

const entry = (bands: number[], fingerprints: number[]): ArticleIndexEntry => ({
  bandKeys: Uint32Array.from(bands),
  fingerprints: Uint32Array.from(fingerprints),
  terms: TermVector.EMPTY,
});

async function scratch(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'newsfold-copy-index-')), 'index.db');
}

test('a restarted process finds what an earlier one indexed, and batches added later join it', async () => {
  const path = await scratch();
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const other = articleFrom('other.txt', UNRELATED);
  const first = SqliteStore.open(path);
  await first.transaction(() => first.putArticle(wire, entry([1, 2], [100, 101])));
  await first.close();

  const second = SqliteStore.open(path);
  assert.deepEqual(await second.findByBandKeys(Uint32Array.from([2])), [wire.id]);
  await second.transaction(() => second.putArticle(other, entry([3], [101])));
  assert.deepEqual([...(await second.findByFingerprints(Uint32Array.from([101])))].sort(), [[other.id, 1], [wire.id, 1]].sort());
  assert.equal((await second.copyIndexBytes()).articles, 2);
  await second.close();
});

test('a deleted article leaves the index, the store and its relations, in this process and the next', async () => {
  const path = await scratch();
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const copy = articleFrom('copy.txt', WIRE_STORY, { url: 'https://b.example/copy' });
  const store = SqliteStore.open(path);
  await store.transaction(async () => {
    await store.putArticle(wire, entry([1], [100]));
    await store.putArticle(copy, entry([1], [100]));
    await store.putRelations([{ a: wire.id, b: copy.id, kind: 'duplicate', score: 1, coverage: { a: 1, b: 1 }, direction: { known: false, reason: 'test' }, passages: [] }]);
  });
  assert.equal(await store.transaction(() => store.deleteArticle(wire.id)), true);
  assert.equal(await store.deleteArticle(wire.id), false, 'deleting twice finds nothing the second time');
  assert.deepEqual(await store.findByBandKeys(Uint32Array.from([1])), [copy.id]);
  assert.equal(await store.getArticle(wire.id), undefined);
  assert.deepEqual(await store.relationsOf(copy.id), []);
  await store.close();
  const reopened = SqliteStore.open(path);
  assert.deepEqual(await reopened.findByBandKeys(Uint32Array.from([1])), [copy.id]);
  assert.equal((await reopened.copyIndexBytes()).articles, 1);
  await reopened.close();
});

test('a damaged index entry is reported with the article it belongs to', async () => {
  const path = await scratch();
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const store = SqliteStore.open(path);
  await store.transaction(() => store.putArticle(wire, entry([1], [100])));
  await store.close();
  const raw = new Database(path);
  raw.prepare('UPDATE copy_sketches SET sketch = ? WHERE article_id = ?').run(Buffer.from([1, 2, 3]), wire.id);
  raw.close();
  const reopened = SqliteStore.open(path);
  await assert.rejects(
    () => reopened.findByBandKeys(Uint32Array.from([1])),
    (error: unknown) => error instanceof NewsfoldError && error.code === 'E_STORE' && error.message.includes(wire.id),
  );
  await reopened.close();
});

test('a database indexed with 32-bit copy keys (settings without copyKeyBits) is refused, not silently half-matched', async () => {
  const path = await scratch();
  const current = describeSketchSettings(DEFAULT_SKETCH_SETTINGS);
  const { copyKeyBits, ...before } = current;
  assert.equal(copyKeyBits, 40);
  const store = SqliteStore.open(path);
  await store.checkIndexSettings(before);
  await assert.rejects(
    () => store.checkIndexSettings(current),
    (error: unknown) => error instanceof NewsfoldError && error.code === 'E_SKETCH_MISMATCH' && error.message.includes('copyKeyBits'),
  );
  await store.close();
});

test('issue 21: a database indexed before skeleton keys (settings without copyKeyFamilies) is refused', async () => {
  const path = await scratch();
  const current = describeSketchSettings(DEFAULT_SKETCH_SETTINGS);
  const { copyKeyFamilies, skeletonGram, skeletonIndexWindow, skeletonQueryWindow, skeletonMinDistinctWords, ...before } = current;
  assert.equal(skeletonMinDistinctWords, 3);
  assert.equal(copyKeyFamilies, 4);
  assert.deepEqual([skeletonGram, skeletonIndexWindow, skeletonQueryWindow], [10, 10, 4]);
  const store = SqliteStore.open(path);
  await store.checkIndexSettings(before);
  await assert.rejects(
    () => store.checkIndexSettings(current),
    (error: unknown) => error instanceof NewsfoldError && error.code === 'E_SKETCH_MISMATCH' && error.message.includes('copyKeyFamilies'),
  );
  await store.close();
  // A database of the first skeleton keys (version 3, stored window 16) is refused too, naming both versions.
  const older = SqliteStore.open(await scratch());
  await older.checkIndexSettings({ ...current, copyKeyFamilies: 3, skeletonIndexWindow: 16 });
  await assert.rejects(
    () => older.checkIndexSettings(current),
    (error: unknown) => error instanceof NewsfoldError && error.code === 'E_SKETCH_MISMATCH' && /"copyKeyFamilies":3.*"copyKeyFamilies":4/.test(error.message),
  );
  await older.close();
});

test('issue 21: probes are looked up beside the fingerprints, count once when equal to one, and only while few articles hold them', async () => {
  const store = SqliteStore.open(await scratch());
  const articles = Array.from({ length: MAX_PROBE_POSTINGS + 1 }, (_, n) => articleFrom(`a${n}.txt`, `${UNRELATED} ${n}`));
  await store.transaction(async () => {
    // Key 7 is held by every article (more than MAX_PROBE_POSTINGS); key 500 + n by article n alone.
    for (const [n, article] of articles.entries()) await store.putArticle(article, entry([1000 + n], [7, 500 + n]));
  });
  const first = articles[0]!.id;
  assert.deepEqual([...(await store.findByFingerprints(Uint32Array.from([500]), Uint32Array.from([500])))], [[first, 1]]);
  assert.deepEqual([...(await store.findByFingerprints(new Uint32Array(0), Uint32Array.from([500, 501])))].sort(), [[first, 1], [articles[1]!.id, 1]].sort());
  // As a fingerprint, key 7 counts (under the stock-phrase cap of 64); as a probe it does not.
  assert.equal((await store.findByFingerprints(Uint32Array.from([7]))).size, MAX_PROBE_POSTINGS + 1);
  assert.equal((await store.findByFingerprints(new Uint32Array(0), Uint32Array.from([7]))).size, 0);
  await store.close();
});
