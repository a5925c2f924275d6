// The copy index's stored snapshot (src/store/copy-snapshot.ts): an index restored from it answers every query as
// the index it was taken of, grows on from there, and a store reopened answers as one kept open, whether the
// snapshot is used, stale after a deletion, or damaged.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { prng } from '../../bench/lib/seeded.ts';
import { copyKey, CopyIndex, pairsOfPostings } from '../../src/sketch/copy-index.ts';
import { COPY_SNAPSHOT_KEY, decodeSnapshotTail, encodeSnapshotTail, SNAPSHOT_FORMAT, SNAPSHOT_MIN_ARTICLES, SNAPSHOT_PIECE_BYTES, SNAPSHOT_TAIL_PART, snapshotDue, snapshotFromPieces, snapshotPieces, type SnapshotHeader } from '../../src/store/copy-snapshot.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { ArticleIndexEntry } from '../../src/store/store.ts';
import { TermVector } from '../../src/stories/vectors.ts';
import { articleFrom } from '../fixtures.ts';

/** Keys drawn from a small range, so that postings are shared and some pass the caps. */
function randomSketch(random: () => number): { bands: Float64Array; fingerprints: Float64Array } {
  const key = () => copyKey(Math.floor(random() * 50_000), Math.floor(random() * 4));
  return { bands: Float64Array.from({ length: 8 }, key), fingerprints: Float64Array.from({ length: 30 }, key) };
}

function answers(index: CopyIndex, queries: { bands: Float64Array; fingerprints: Float64Array }[]): string {
  return JSON.stringify(queries.map((query) => {
    const found = index.query(query.bands, query.fingerprints, query.fingerprints.subarray(0, 5));
    return [found.lsh, [...found.fingerprints]];
  }));
}

test('an index restored from its snapshot pieces answers as the original, before and after both grow and delete', () => {
  const random = prng(15);
  const original = new CopyIndex();
  const sketches = Array.from({ length: 3000 }, () => randomSketch(random));
  sketches.forEach((sketch, slot) => original.add(slot, sketch.bands, sketch.fingerprints));
  original.delete(17);
  original.delete(2500);
  const queries = sketches.filter((_, at) => at % 97 === 0 || at === 17 || at === 40);
  const before = answers(original, queries);
  const { header, pieces } = snapshotPieces(original.snapshot(), 2999, 2);
  // Stored pieces are copies: the restored index must not share the original's arrays.
  const restored = CopyIndex.fromSnapshot(snapshotFromPieces(header, pieces.map((piece) => ({ part: piece.part, data: piece.data.slice() })))!);
  assert.equal(answers(original, queries), before, 'taking a snapshot changes no answer');
  assert.equal(answers(restored, queries), before);
  assert.equal(restored.size, original.size);
  for (const index of [original, restored]) {
    const more = prng(16);
    for (let slot = 3000; slot < 3500; slot++) {
      const sketch = randomSketch(more);
      index.add(slot, sketch.bands, sketch.fingerprints);
    }
    index.delete(3001);
    index.delete(40);
  }
  assert.equal(answers(restored, queries), answers(original, queries));
  assert.equal(restored.size, original.size);
  assert.equal(snapshotFromPieces(header, pieces.filter((piece) => piece.part !== 'deleted')), undefined, 'a missing part is no snapshot');
});

/** A snapshot whose fingerprint table's slots are just over two pieces long (so they are stored as three). */
function snapshotOverTwoPieces() {
  const entries = (2 * SNAPSHOT_PIECE_BYTES + 1000) / 4;
  const slots = Uint32Array.from({ length: entries }, (_, i) => (i * 2654435761) >>> 0);
  const keys = Uint16Array.from({ length: entries }, (_, i) => i & 0xffff);
  const tags = Uint8Array.from({ length: entries }, (_, i) => i & 0xff);
  const starts = new Uint32Array((1 << 16) + 1);
  starts[1 << 16] = entries;
  const empty = { starts: new Uint32Array((1 << 16) + 1), keys: new Uint16Array(0), tags: new Uint8Array(0), slots: new Uint32Array(0) };
  const snapshot = { bands: empty, fingerprints: { starts, keys, tags, slots }, deleted: new Uint8Array(8), live: 1, added: 1, highestSlot: 0 };
  return { slots, starts, snapshot };
}

test('issue 21, session 24: a format 1 snapshot ([key, slot] pairs in the parts *.packed) still reads back and answers as the index it was taken of', () => {
  const random = prng(24);
  const original = new CopyIndex();
  const sketches = Array.from({ length: 3000 }, () => randomSketch(random));
  sketches.forEach((sketch, slot) => original.add(slot, sketch.bands, sketch.fingerprints));
  original.delete(17);
  const queries = sketches.filter((_, at) => at % 97 === 0 || at === 17);
  const before = answers(original, queries);
  const { header, pieces } = snapshotPieces(original.snapshot(), 2999, 1);
  assert.equal(header.format, SNAPSHOT_FORMAT);
  assert.deepEqual([...new Set(pieces.map((piece) => piece.part))].sort(), ['bands.keys', 'bands.slots', 'bands.starts', 'bands.tags', 'deleted', 'fingerprints.keys', 'fingerprints.slots', 'fingerprints.starts', 'fingerprints.tags']);
  // The same index as a format 1 build stored it: each table's entries as [key, slot] pairs, under the old part names.
  const now = snapshotFromPieces(header, pieces.map((piece) => ({ part: piece.part, data: piece.data.slice() })))!;
  const bytesOf = (array: Uint32Array | Uint8Array) => new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice();
  const oldPieces = [
    { part: 'bands.starts', data: bytesOf(now.bands.starts) },
    { part: 'bands.packed', data: bytesOf(pairsOfPostings(now.bands)) },
    { part: 'fingerprints.starts', data: bytesOf(now.fingerprints.starts) },
    { part: 'fingerprints.packed', data: bytesOf(pairsOfPostings(now.fingerprints)) },
    { part: 'deleted', data: bytesOf(now.deleted) },
  ];
  const { format: _, ...oldHeader } = header;
  const fromOld = snapshotFromPieces(oldHeader, oldPieces)!;
  for (const table of ['bands', 'fingerprints'] as const) {
    assert.deepEqual(fromOld[table].keys, now[table].keys, 'columns made at reading');
    assert.deepEqual(fromOld[table].tags, now[table].tags);
    assert.deepEqual(fromOld[table].slots, now[table].slots);
  }
  assert.equal(answers(CopyIndex.fromSnapshot(fromOld), queries), before);
  // A damaged format 1 part is no snapshot, as a damaged format 2 one.
  assert.equal(snapshotFromPieces(oldHeader, oldPieces.map((piece) => (piece.part === 'bands.packed' ? { ...piece, data: new Uint8Array([1, 2, 3, 4]) } : piece))), undefined);
});

test('a large array is stored in pieces of at most SNAPSHOT_PIECE_BYTES, and pieces cut at any size read back', () => {
  // SQLite copies each bound blob and builds its row around it, so a piece costs about twice its size in memory.
  const { slots, snapshot } = snapshotOverTwoPieces();
  const { header, pieces } = snapshotPieces(snapshot, 0, 0);
  assert.ok(pieces.every((piece) => piece.data.byteLength <= SNAPSHOT_PIECE_BYTES));
  assert.equal(pieces.filter((piece) => piece.part === 'fingerprints.slots').length, 3);
  const restored = snapshotFromPieces(header, pieces.map((piece) => ({ part: piece.part, data: piece.data.slice() })))!;
  assert.deepEqual(restored.fingerprints.slots, slots);
  // A store written with other piece sizes (64 MB before) reads back the same: pieces are joined in order.
  const bytes = new Uint8Array(slots.buffer);
  const recut = pieces.filter((piece) => piece.part !== 'fingerprints.slots').concat([0, 999_996, 5_000_000, bytes.length].slice(0, -1).map((start, at, all) => ({ part: 'fingerprints.slots' as const, piece: at, data: bytes.slice(start, all[at + 1] ?? bytes.length) })));
  assert.deepEqual(snapshotFromPieces(header, recut)!.fingerprints.slots, slots);
});

test('a snapshot is due after SNAPSHOT_MIN_ARTICLES, then after a share of what it holds', () => {
  assert.equal(snapshotDue(SNAPSHOT_MIN_ARTICLES - 1, 0), false);
  assert.equal(snapshotDue(SNAPSHOT_MIN_ARTICLES, 0), true);
  assert.equal(snapshotDue(100_000 + SNAPSHOT_MIN_ARTICLES, 100_000), false);
  assert.equal(snapshotDue(110_000, 100_000), true);
});

const entryOf = (sketch: { bands: Float64Array; fingerprints: Float64Array }): ArticleIndexEntry => ({
  bandKeys: sketch.bands,
  fingerprints: sketch.fingerprints,
  terms: TermVector.EMPTY,
});

async function storeAnswers(store: SqliteStore, queries: { bands: Float64Array; fingerprints: Float64Array }[]): Promise<string> {
  const out = [];
  for (const query of queries) out.push([await store.findByBandKeys(query.bands), [...(await store.findByFingerprints(query.fingerprints, query.fingerprints.subarray(0, 5)))]]);
  return JSON.stringify(out);
}

function header(path: string): SnapshotHeader | undefined {
  const db = new Database(path, { readonly: true });
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(COPY_SNAPSHOT_KEY) as { value: string } | undefined;
  db.close();
  return row === undefined ? undefined : (JSON.parse(row.value) as SnapshotHeader);
}

test('a store reopened finds what one kept open finds: from its snapshot, after a deletion, and with the snapshot damaged', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'newsfold-copy-snapshot-')), 'index.db');
  const random = prng(21);
  const sketches = Array.from({ length: SNAPSHOT_MIN_ARTICLES + 600 }, () => randomSketch(random));
  const ids = sketches.map((_, at) => articleFrom(`a${at}.txt`, `Article number ${at} of the snapshot test.`).id);
  const queries = sketches.filter((_, at) => at % 101 === 0);
  const kept = SqliteStore.open(path);
  // The index is loaded by the first query, then kept in step; the snapshot is written by the batch that passes the minimum.
  await storeAnswers(kept, queries.slice(0, 1));
  for (let start = 0; start < sketches.length; start += 500) {
    await kept.transaction(async () => {
      for (let at = start; at < Math.min(sketches.length, start + 500); at++) {
        await kept.putArticle(articleFrom(`a${at}.txt`, `Article number ${at} of the snapshot test.`), entryOf(sketches[at]!));
      }
    });
  }
  const snapshot = header(path);
  assert.equal(snapshot?.added, 2500, 'written by the batch that passed the minimum, holding what was stored by then');
  const expected = await storeAnswers(kept, queries);
  // Reopened, the index comes from the snapshot: a damaged sketch inside it is never decoded (it would be E_STORE).
  const raw = new Database(path);
  const original = raw.prepare('SELECT sketch FROM copy_sketches WHERE slot = 1').get() as { sketch: Buffer };
  raw.prepare("UPDATE copy_sketches SET sketch = x'00' WHERE slot = 1").run();
  const reopened = SqliteStore.open(path);
  assert.equal(await storeAnswers(reopened, queries), expected);
  await reopened.close();
  raw.prepare('UPDATE copy_sketches SET sketch = ? WHERE slot = 1').run(original.sketch);
  raw.close();

  // A deletion makes the snapshot stale: the next process loads from the sketches.
  await kept.transaction(() => kept.deleteArticle(ids[0]!));
  const afterDeletion = await storeAnswers(kept, queries);
  assert.notEqual(afterDeletion, expected, 'the deleted article was an answer');
  const stale = SqliteStore.open(path);
  assert.equal(await storeAnswers(stale, queries), afterDeletion);
  assert.equal((await stale.copyIndexBytes()).articles, sketches.length - 1);
  await stale.close();
  await kept.close();

  // A damaged snapshot is not trusted: the index comes from the sketches.
  const db = new Database(path);
  db.prepare("UPDATE copy_index_snapshot SET data = x'0102' WHERE part = 'bands.slots'").run();
  db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify({ ...snapshot, deletions: 1 }), COPY_SNAPSHOT_KEY);
  db.close();
  const damaged = SqliteStore.open(path);
  assert.equal(await storeAnswers(damaged, queries), afterDeletion);
  assert.equal((await damaged.copyIndexBytes()).articles, sketches.length - 1);
  await damaged.close();
});

test('pieces copied into parts of known size as they come read back as joined ones; a size that does not match is no snapshot', () => {
  const { slots, starts, snapshot } = snapshotOverTwoPieces();
  const { header, pieces } = snapshotPieces(snapshot, 0, 0);
  const sizes = new Map<string, number>();
  for (const piece of pieces) sizes.set(piece.part, (sizes.get(piece.part) ?? 0) + piece.data.byteLength);
  // Each piece handed over once and dropped, as an iterated statement gives them.
  function* oneAtATime() {
    for (const piece of pieces) yield { part: piece.part, data: piece.data.slice() };
  }
  const restored = snapshotFromPieces(header, oneAtATime(), sizes)!;
  assert.deepEqual(restored.fingerprints.slots, slots);
  assert.deepEqual(restored.fingerprints.starts, starts);
  assert.deepEqual(restored.deleted, new Uint8Array(8));
  assert.equal(snapshotFromPieces(header, oneAtATime(), new Map([...sizes].map(([part, bytes]) => [part, part === 'fingerprints.slots' ? bytes + 4 : bytes]))), undefined, 'a part shorter than its size');
  assert.equal(snapshotFromPieces(header, oneAtATime(), new Map([...sizes].map(([part, bytes]) => [part, part === 'fingerprints.slots' ? bytes - 4 : bytes]))), undefined, 'a part longer than its size');
});

test('a store whose snapshot is format 1 rewrites it as format 2 at its next write, so opens stop converting it', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'newsfold-copy-snapshot-')), 'index.db');
  const random = prng(2401);
  const sketches = Array.from({ length: SNAPSHOT_MIN_ARTICLES + 10 }, () => randomSketch(random));
  const queries = sketches.filter((_, at) => at % 97 === 0);
  const store = SqliteStore.open(path);
  await storeAnswers(store, queries.slice(0, 1));
  await store.transaction(async () => {
    for (let at = 0; at < sketches.length; at++) await store.putArticle(articleFrom(`a${at}.txt`, `Article ${at} of the format test.`), entryOf(sketches[at]!));
  });
  const expected = await storeAnswers(store, queries);
  await store.close();
  const partsOf = () => {
    const db = new Database(path, { readonly: true });
    const parts = (db.prepare('SELECT DISTINCT part FROM copy_index_snapshot ORDER BY part').all() as { part: string }[]).map((row) => row.part);
    db.close();
    return parts;
  };
  // Turn the stored snapshot into what a format 1 build wrote: [key, slot] pairs under the old part names.
  const db = new Database(path);
  const stored = header(path)!;
  const rows = db.prepare('SELECT part, data FROM copy_index_snapshot ORDER BY part, piece').all() as { part: string; data: Buffer }[];
  const now = snapshotFromPieces(stored, rows)!;
  const bytesOf = (array: Uint32Array | Uint8Array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength);
  db.prepare('DELETE FROM copy_index_snapshot').run();
  const insert = db.prepare('INSERT INTO copy_index_snapshot (part, piece, data) VALUES (?, 0, ?)');
  insert.run('bands.starts', bytesOf(now.bands.starts));
  insert.run('bands.packed', bytesOf(pairsOfPostings(now.bands)));
  insert.run('fingerprints.starts', bytesOf(now.fingerprints.starts));
  insert.run('fingerprints.packed', bytesOf(pairsOfPostings(now.fingerprints)));
  insert.run('deleted', bytesOf(now.deleted));
  const { format: _, ...oldHeader } = stored;
  db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(oldHeader), COPY_SNAPSHOT_KEY);
  db.close();

  const reopened = SqliteStore.open(path);
  assert.equal(await storeAnswers(reopened, queries), expected, 'the format 1 snapshot answers as the index did');
  assert.ok(partsOf().includes('bands.packed'), 'reading alone writes nothing');
  // One more article, far fewer than a due snapshot needs: the outdated format alone has it rewritten.
  await reopened.transaction(() => reopened.putArticle(articleFrom('late.txt', 'A late article of the format test.'), entryOf(randomSketch(random))));
  await reopened.close();
  assert.deepEqual(partsOf(), ['bands.keys', 'bands.slots', 'bands.starts', 'bands.tags', 'deleted', 'fingerprints.keys', 'fingerprints.slots', 'fingerprints.starts', 'fingerprints.tags']);
  assert.equal(header(path)?.format, SNAPSHOT_FORMAT);
  const again = SqliteStore.open(path);
  assert.equal(await storeAnswers(again, queries), expected);
  await again.close();
});

test('issue 15, session 28: entries added since a mark, added to the index as it was at the mark, make the index the adds made, packing where they packed', () => {
  const random = prng(2801);
  const sketches = Array.from({ length: 5500 }, () => randomSketch(random));
  const base = new CopyIndex();
  for (let slot = 0; slot < 3000; slot++) base.add(slot, sketches[slot]!.bands, sketches[slot]!.fingerprints);
  const { header, pieces } = snapshotPieces(base.snapshot(), 2999, 0);
  // Each index from its own copy of the stored pieces (an index grows its snapshot's arrays).
  const restored = () => CopyIndex.fromSnapshot(snapshotFromPieces(header, pieces.map((piece) => ({ part: piece.part, data: piece.data.slice() })))!);
  const addAll = (index: CopyIndex, from: number, to: number) => {
    for (let slot = from; slot < to; slot++) index.add(slot, sketches[slot]!.bands, sketches[slot]!.fingerprints);
  };
  // The entries of slots 3500-5499 (about 76,000; the fingerprints' 60,000 fewer than a packing needs), stored and read back as a tail piece.
  const source = restored();
  const mark = source.mark();
  addAll(source, 3500, 5500);
  const entries = source.entriesSince(mark)!;
  assert.ok(entries !== undefined && entries.articles === 2000);
  const tail = decodeSnapshotTail(encodeSnapshotTail({ from: 3499, to: 5499, entries }))!;
  assert.deepEqual([tail.from, tail.to, tail.entries.articles, tail.entries.highestSlot], [3499, 5499, 2000, 5499]);
  // After 500 articles added one by one, the 2,000 as entries cross the point where the recent table packs.
  const byAdds = restored();
  addAll(byAdds, 3000, 5500);
  const byEntries = restored();
  addAll(byEntries, 3000, 3500);
  const beforePacking = byEntries.mark();
  byEntries.addEntries(tail.entries);
  assert.equal(byEntries.entriesSince(beforePacking), undefined, 'a packing since the mark: no entries to store');
  const queries = sketches.filter((_, at) => at % 89 === 0);
  assert.equal(answers(byEntries, queries), answers(byAdds, queries));
  assert.equal(byEntries.size, byAdds.size);
  assert.equal(byEntries.articlesAdded, byAdds.articlesAdded);
  const packed = (index: CopyIndex) => {
    const form = index.snapshot();
    return [form.bands.starts, pairsOfPostings(form.bands), form.fingerprints.starts, pairsOfPostings(form.fingerprints), form.highestSlot];
  };
  assert.deepEqual(packed(byEntries), packed(byAdds));
  assert.equal(decodeSnapshotTail(encodeSnapshotTail({ from: 3499, to: 5499, entries }).subarray(0, 100)), undefined, 'a piece cut short is none');
});

test('issue 15, session 28: a reopened store adds the sketches stored after its snapshot from the tail its commits wrote, not by decoding them, and answers alike', async () => {
  const path = join(await mkdtemp(join(tmpdir(), 'newsfold-copy-snapshot-')), 'index.db');
  const random = prng(2802);
  const sketches = Array.from({ length: SNAPSHOT_MIN_ARTICLES + 300 }, () => randomSketch(random));
  const queries = sketches.filter((_, at) => at % 53 === 0);
  const kept = SqliteStore.open(path);
  await storeAnswers(kept, queries.slice(0, 1));
  const putRange = async (store: SqliteStore, from: number, to: number) =>
    store.transaction(async () => {
      for (let at = from; at < to; at++) await store.putArticle(articleFrom(`a${at}.txt`, `Article ${at} of the tail test.`), entryOf(sketches[at]!));
    });
  // The snapshot by the batch passing the minimum, then two batches after it: two tail pieces.
  await putRange(kept, 0, SNAPSHOT_MIN_ARTICLES);
  await putRange(kept, SNAPSHOT_MIN_ARTICLES, SNAPSHOT_MIN_ARTICLES + 100);
  await putRange(kept, SNAPSHOT_MIN_ARTICLES + 100, SNAPSHOT_MIN_ARTICLES + 250);
  const expected = await storeAnswers(kept, queries);
  await kept.close();
  const db = new Database(path);
  const tails = (db.prepare('SELECT piece FROM copy_index_snapshot WHERE part = ? ORDER BY piece').all(SNAPSHOT_TAIL_PART) as { piece: number }[]).map((row) => row.piece);
  assert.equal(tails.length, 2);
  // A damaged sketch the tail covers is never decoded (it would be E_STORE).
  const slot = tails[0]! + 10;
  const original = db.prepare('SELECT sketch FROM copy_sketches WHERE slot = ?').get(slot) as { sketch: Buffer };
  db.prepare("UPDATE copy_sketches SET sketch = x'00' WHERE slot = ?").run(slot);
  const reopened = SqliteStore.open(path);
  assert.equal(await storeAnswers(reopened, queries), expected);
  assert.equal(reopened.copySketchesReplayed, 0);
  // Its next commit continues the tail from where the last piece ended.
  await putRange(reopened, SNAPSHOT_MIN_ARTICLES + 250, SNAPSHOT_MIN_ARTICLES + 300);
  const grown = await storeAnswers(reopened, queries);
  await reopened.close();
  db.prepare('UPDATE copy_sketches SET sketch = ? WHERE slot = ?').run(original.sketch, slot);
  assert.equal((db.prepare('SELECT count(*) AS n FROM copy_index_snapshot WHERE part = ?').get(SNAPSHOT_TAIL_PART) as { n: number }).n, 3);
  const again = SqliteStore.open(path);
  assert.equal(await storeAnswers(again, queries), grown);
  assert.equal(again.copySketchesReplayed, 0);
  await again.close();
  // A gap (the middle piece gone) ends the tail: the sketches from there on are decoded, with the same answers.
  db.prepare('DELETE FROM copy_index_snapshot WHERE part = ? AND piece = ?').run(SNAPSHOT_TAIL_PART, tails[1]!);
  db.close();
  const gapped = SqliteStore.open(path);
  assert.equal(await storeAnswers(gapped, queries), grown);
  assert.equal(gapped.copySketchesReplayed, 200);
  await gapped.close();
});
