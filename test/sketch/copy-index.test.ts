import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyKey, CopyIndex, decodeCopySketch, encodeCopySketch, isSkeletonKey, MAX_FINGERPRINT_POSTINGS, MAX_SKELETON_POSTINGS, PresenceFilter, SKELETON_TAG_BIT } from '../../src/sketch/copy-index.ts';
import { prng } from '../../bench/lib/seeded.ts';

test('band keys and fingerprints find the articles that hold them, with shared-fingerprint counts', () => {
  const index = new CopyIndex();
  index.add(0, Uint32Array.from([1, 2, 3]), Uint32Array.from([100, 101, 102]));
  index.add(1, Uint32Array.from([4, 5, 6]), Uint32Array.from([101, 102, 103]));
  const found = index.query(Uint32Array.from([2, 9]), Uint32Array.from([101, 102, 102, 999]));
  assert.deepEqual(found.lsh, [0]);
  assert.deepEqual([...found.fingerprints].sort(), [[0, 2], [1, 2]]);
  assert.equal(index.size, 2);
});

test('keys that differ only above the bucket bits never match each other, before and after the buckets grow', () => {
  const index = new CopyIndex();
  // Same low 16 bits, different high bits: same bucket, told apart by the check.
  index.add(0, Uint32Array.from([0x0001abcd]), new Uint32Array(0));
  index.add(1, Uint32Array.from([0x0002abcd]), new Uint32Array(0));
  assert.deepEqual(index.query(Uint32Array.from([0x0002abcd]), new Uint32Array(0)).lsh, [1]);
  // Enough random keys to double the buckets several times; every key must still be found exactly.
  const rand = prng(7);
  const keys: number[] = [];
  for (let slot = 2; slot < 120_000; slot++) {
    const key = Math.floor(rand() * 0x100000000) >>> 0;
    keys[slot] = key;
    index.add(slot, Uint32Array.from([key]), new Uint32Array(0));
  }
  for (const slot of [2, 500, 77_777, 119_999]) assert.ok(index.query(Uint32Array.from([keys[slot]!]), new Uint32Array(0)).lsh.includes(slot));
  assert.deepEqual(index.query(Uint32Array.from([0x0001abcd]), new Uint32Array(0)).lsh, [0]);
});

test('a deleted article is no longer found, and the others still are', () => {
  const index = new CopyIndex();
  index.add(0, Uint32Array.from([1]), Uint32Array.from([100]));
  index.add(1, Uint32Array.from([1]), Uint32Array.from([100]));
  index.delete(0);
  assert.deepEqual(index.query(Uint32Array.from([1]), Uint32Array.from([100])), { lsh: [1], fingerprints: new Map([[1, 1]]) });
  assert.equal(index.size, 1);
});

test('a fingerprint held by very many articles is a stock phrase and is ignored', () => {
  const index = new CopyIndex();
  for (let slot = 0; slot <= MAX_FINGERPRINT_POSTINGS; slot++) index.add(slot, new Uint32Array(0), Uint32Array.from([42, 1000 + slot]));
  const found = index.query(new Uint32Array(0), Uint32Array.from([42, 1003]));
  assert.deepEqual([...found.fingerprints], [[3, 1]]);
});

test('stored sketches round-trip with their check tags, and a damaged one is refused', () => {
  const bandKeys = Float64Array.from([copyKey(1, 0), copyKey(0xffffffff, 0xff)]);
  const fingerprints = Float64Array.from([copyKey(7, 3), copyKey(8, 200), copyKey(9, 1)]);
  assert.deepEqual(decodeCopySketch(encodeCopySketch(bandKeys, fingerprints)), { bandKeys, fingerprints });
  assert.throws(() => decodeCopySketch(new Uint8Array(7)), /whole 5-byte keys/);
  assert.throws(() => decodeCopySketch(Uint8Array.from([9, 0, 0, 0, 1, 0, 0, 0, 0])), /claims 9 band keys/);
});

test('keys with the same 32-bit hash but different check tags are told apart; equal keys still meet', () => {
  const index = new CopyIndex();
  index.add(0, Float64Array.from([copyKey(0xdeadbeef, 1)]), Float64Array.from([copyKey(77, 5)]));
  index.add(1, Float64Array.from([copyKey(0xdeadbeef, 2)]), Float64Array.from([copyKey(77, 6)]));
  const found = index.query(Float64Array.from([copyKey(0xdeadbeef, 2)]), Float64Array.from([copyKey(77, 5)]));
  assert.deepEqual(found.lsh, [1]);
  assert.deepEqual([...found.fingerprints], [[0, 1]]);
});

test('RAM per article stays under a kilobyte at 32 band keys and 50 fingerprints', () => {
  const index = new CopyIndex();
  const rand = prng(11);
  const articles = 20_000;
  const random = (n: number) => Uint32Array.from({ length: n }, () => Math.floor(rand() * 0x100000000));
  for (let slot = 0; slot < articles; slot++) index.add(slot, random(32), random(50));
  assert.ok(index.bytes().used / articles < 1024, String(index.bytes().used / articles));
});

test('issue 21: a skeleton key (tag top bit set) held by more than MAX_SKELETON_POSTINGS articles is common syntax and ignored; a shingle fingerprint is not, yet', () => {
  const index = new CopyIndex();
  const skeleton = copyKey(42, SKELETON_TAG_BIT | 5);
  const shingle = copyKey(42, 5);
  assert.ok(isSkeletonKey(skeleton) && !isSkeletonKey(shingle));
  for (let slot = 0; slot <= MAX_SKELETON_POSTINGS; slot++) index.add(slot, new Uint32Array(0), Float64Array.from([skeleton, shingle]));
  assert.equal(index.query(new Uint32Array(0), Float64Array.from([skeleton])).fingerprints.size, 0);
  assert.equal(index.query(new Uint32Array(0), Float64Array.from([shingle])).fingerprints.size, MAX_SKELETON_POSTINGS + 1);
});

test('issue 21: packing keeps newest-first order and exact keys, and leaves deleted articles out', () => {
  const index = new CopyIndex();
  // More entries than the recent table takes before it is packed, all under one band key.
  const articles = 70_000;
  for (let slot = 0; slot < articles; slot++) index.add(slot, Uint32Array.from([5]), Uint32Array.from([1_000_000 + slot]));
  const newest = index.query(Uint32Array.from([5]), new Uint32Array(0)).lsh;
  assert.deepEqual(newest, Array.from({ length: MAX_FINGERPRINT_POSTINGS }, (_, i) => articles - 1 - i));
  // A fingerprint of an early (packed) article is found exactly; its neighbour key is not confused with it.
  assert.deepEqual([...index.query(new Uint32Array(0), Uint32Array.from([1_000_003])).fingerprints], [[3, 1]]);
  assert.equal(index.query(new Uint32Array(0), Float64Array.from([copyKey(1_000_003, 1)])).fingerprints.size, 0);
  index.delete(3);
  for (let slot = articles; slot < 2 * articles; slot++) index.add(slot, Uint32Array.from([6]), Uint32Array.from([1_000_000 + slot]));
  assert.equal(index.query(new Uint32Array(0), Uint32Array.from([1_000_003])).fingerprints.size, 0);
  assert.deepEqual([...index.query(new Uint32Array(0), Uint32Array.from([1_000_004, 1_000_000 + articles + 7])).fingerprints].sort(), [[4, 1], [articles + 7, 1]]);
  assert.equal(index.size, 2 * articles - 1);
});

test('issue 21: every answer matches a plain model while the recent table grows, packs and relinks (keys differing in any of their 40 bits)', () => {
  const index = new CopyIndex();
  const model = new Map<number, number[]>();
  const rand = prng(2112);
  // Keys from a small pool of 32-bit hashes, so that keys share buckets, low bits or tags with one another:
  // a recent-table entry keeps its key in the bits its links leave free, which must give back every bit.
  const pool = Array.from({ length: 65_536 }, () => Math.floor(rand() * 0x100000000) >>> 0);
  const randomKey = () => {
    const base = pool[Math.floor(rand() * pool.length)]!;
    const low = rand() < 0.5 ? base : (base ^ (1 << Math.floor(rand() * 16))) >>> 0;
    return copyKey(low, Math.floor(rand() * 4));
  };
  const check = () => {
    for (let q = 0; q < 300; q++) {
      const key = q % 3 === 0 ? copyKey(Math.floor(rand() * 0x100000000) >>> 0, 0) : randomKey();
      const all = model.get(key) ?? [];
      // A key held by more than the cap is ignored (deleted holders count until a packing drops them).
      if (all.length > MAX_FINGERPRINT_POSTINGS) continue;
      const holders = all.filter((slot) => !index.isDeleted(slot));
      const found = index.query(new Float64Array(0), Float64Array.from([key])).fingerprints;
      assert.deepEqual([...found.keys()].sort((a, b) => a - b), holders.sort((a, b) => a - b), `key ${key}`);
    }
  };
  // 1.43 million keys: the recent table is packed at 65,536 entries, then (once the packed table holds over a
  // million) at an eighth of it, growing its buckets past 131,072 entries before it is packed.
  for (let slot = 0; slot < 130_000; slot++) {
    const keys = Float64Array.from({ length: 11 }, randomKey);
    index.add(slot, new Float64Array(0), keys);
    for (const key of new Set(keys)) model.set(key, [...(model.get(key) ?? []), slot]);
    if (slot % 997 === 0) index.delete(Math.floor(rand() * slot));
    if (slot % 10_000 === 9999) check();
  }
  check();
});

test('issue 19: packing in place (same buckets), re-cutting the buckets and growing from a snapshot answer as a plain map of key to holders', () => {
  // Keys from a range that gives most keys a few holders (below every cap), so the answers are a plain function
  // of which articles hold which keys. 1.2M fingerprint entries: many packings in place and a bucket re-cut.
  const rand = prng(19);
  const holders = new Map<string, number[]>();
  const sketches: { bands: Float64Array; fingerprints: Float64Array }[] = [];
  const key = (range: number) => copyKey(Math.floor(rand() * range), Math.floor(rand() * 4));
  let index = new CopyIndex();
  const grow = (from: number, to: number) => {
    for (let slot = from; slot < to; slot++) {
      const sketch = { bands: Float64Array.from({ length: 4 }, () => key(200_000)), fingerprints: Float64Array.from({ length: 10 }, () => key(800_000)) };
      sketches.push(sketch);
      index.add(slot, sketch.bands, sketch.fingerprints);
      for (const k of new Set([...[...sketch.bands].map((k) => `b${k}`), ...[...sketch.fingerprints].map((k) => `f${k}`)])) {
        const list = holders.get(k) ?? [];
        list.push(slot);
        holders.set(k, list);
      }
    }
  };
  const check = (count: number) => {
    for (let slot = 0; slot < count; slot += 997) {
      const { bands, fingerprints } = sketches[slot]!;
      const found = index.query(bands, fingerprints);
      const lsh: number[] = [];
      for (const k of bands) for (const holder of [...(holders.get(`b${k}`) ?? [])].reverse().slice(0, MAX_FINGERPRINT_POSTINGS)) if (!lsh.includes(holder)) lsh.push(holder);
      assert.deepEqual(found.lsh, lsh, `band holders of article ${slot}`);
      const shared = new Map<number, number>();
      for (const k of new Set(fingerprints)) {
        const list = holders.get(`f${k}`) ?? [];
        if (list.length <= MAX_FINGERPRINT_POSTINGS) for (const holder of list) shared.set(holder, (shared.get(holder) ?? 0) + 1);
      }
      assert.deepEqual([...found.fingerprints].sort((a, b) => a[0] - b[0]), [...shared].sort((a, b) => a[0] - b[0]), `fingerprint holders of article ${slot}`);
    }
  };
  grow(0, 60_000);
  check(60_000);
  // Restored from a snapshot (arrays that are not the index's own kind), then grown past more packings.
  index = CopyIndex.fromSnapshot(structuredClone(index.snapshot()));
  grow(60_000, 120_000);
  check(120_000);
  assert.ok(index.bytes().used / 120_000 < 200, String(index.bytes().used / 120_000));
});

test('issue 19: a bucket re-cut rearranges the packed table in its own buffer, leaving deleted articles out', () => {
  // Every key distinct (a bijective mix of a counter), so each article is the only holder of its keys.
  const mixed = (n: number) => {
    let h = Math.imul(n ^ (n >>> 16), 0x45d9f3b) >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0;
    return (h ^ (h >>> 16)) >>> 0;
  };
  const index = new CopyIndex();
  const sketches: Float64Array[] = [];
  const add = () => {
    const fingerprints = Float64Array.from({ length: 30 }, (_, i) => copyKey(mixed(30 * sketches.length + i), 1));
    index.add(sketches.length, new Float64Array(0), fingerprints);
    sketches.push(fingerprints);
  };
  while (sketches.length < 20_000) add();
  for (let slot = 0; slot < 20_000; slot += 10) index.delete(slot);
  const before = index.snapshot().fingerprints;
  // Past 16 entries a bucket on average (2^16 buckets at first), the buckets double.
  while (index.snapshot().fingerprints.starts.length === before.starts.length) for (let i = 0; i < 2_000; i++) add();
  const after = index.snapshot().fingerprints;
  assert.equal(before.slots.length, 0, 'no second table: the memory the entries were in grew, detaching the view of before');
  assert.equal(after.slots.length, 30 * (sketches.length - 2_000));
  for (const slot of [0, 10, 19_990]) assert.equal(index.query(new Float64Array(0), sketches[slot]!).fingerprints.size, 0, `deleted article ${slot}`);
  for (const slot of [1, 19_999, sketches.length - 1]) assert.deepEqual([...index.query(new Float64Array(0), sketches[slot]!).fingerprints], [[slot, 30]], `article ${slot}`);
});

test('issue 21, session 19: keys added after the presence filter is built (by a lookup) are found, through packings, a re-cut and a reopening', () => {
  // Article s holds fingerprint mix(s) (distinct for every s) and band key mix(s) ^ 1; the filter is built by the
  // first query, at 1 article, then must take every later key as it is added and when it is rebuilt larger.
  const mix = (n: number) => Math.imul(n ^ (n >>> 15), 0x2c1b3c6d) >>> 0;
  let index = new CopyIndex();
  const articles = 150_000;
  for (let slot = 0; slot < articles; slot++) {
    index.add(slot, Uint32Array.from([mix(slot) ^ 1]), Float64Array.from([copyKey(mix(slot), slot & 0xff)]));
    if (slot % 9973 === 0 || slot === articles - 1) {
      for (const probe of [slot, slot >> 1, 0]) {
        const found = index.query(Uint32Array.from([mix(probe) ^ 1]), Float64Array.from([copyKey(mix(probe), probe & 0xff)]));
        assert.deepEqual(found.lsh, [probe], `band key of ${probe} at ${slot}`);
        assert.deepEqual([...found.fingerprints], [[probe, 1]], `fingerprint of ${probe} at ${slot}`);
        // Another tag: the same 32 bits are not the key.
        assert.equal(index.query(new Uint32Array(0), Float64Array.from([copyKey(mix(probe), (probe + 1) & 0xff)])).fingerprints.size, 0);
      }
    }
    if (slot === 100_000) {
      index = CopyIndex.fromSnapshot(structuredClone(index.snapshot()));
      // Enough lookups to pay for a new filter (a twentieth of a table's entries), so later adds meet a built one.
      for (let probe = 0; probe < 6_000; probe++) {
        assert.deepEqual(index.query(Uint32Array.from([mix(probe) ^ 1]), Float64Array.from([copyKey(mix(probe), probe & 0xff)])).lsh, [probe]);
      }
    }
  }
});

test('an opened index builds its presence filter only once lookups pay for it; answers are the same before and after', () => {
  const mix = (n: number) => Math.imul(n ^ (n >>> 15), 0x2c1b3c6d) >>> 0;
  const built = new CopyIndex();
  const articles = 60_000;
  for (let slot = 0; slot < articles; slot++) built.add(slot, Uint32Array.from([mix(slot) ^ 1]), Float64Array.from([copyKey(mix(slot), slot & 0xff)]));
  const index = CopyIndex.fromSnapshot(structuredClone(built.snapshot()));
  const opened = index.bytes().used;
  const ask = (probe: number) => index.query(Uint32Array.from([mix(probe) ^ 1]), Float64Array.from([copyKey(mix(probe), probe & 0xff), copyKey(mix(probe + articles), 0)]));
  for (let probe = 0; probe < 200; probe++) assert.deepEqual([ask(probe).lsh, [...ask(probe).fingerprints]], [[probe], [[probe, 1]]]);
  assert.equal(index.bytes().used, opened, 'a few hundred lookups on a 60k index build no filter');
  for (let probe = 200; probe < articles; probe += 7) assert.deepEqual([ask(probe).lsh, [...ask(probe).fingerprints]], [[probe], [[probe, 1]]]);
  assert.ok(index.bytes().used > opened, 'thousands of lookups build it');
  for (let probe = 0; probe < 200; probe++) assert.deepEqual([ask(probe).lsh, [...ask(probe).fingerprints]], [[probe], [[probe, 1]]]);
});

test('issue 21, session 20: the presence filter lets absent winnowed fingerprints through no more often than random keys', () => {
  // A winnowed fingerprint is the least of its window's hashes, so its value is small and its top bits mostly 0;
  // a filter that chose its word by the key's top bits crowded such keys into a few words and let about half of
  // the absent ones through.
  const rand = prng(21);
  const winnowed = () => {
    let least = 0xffffffff;
    for (let i = 0; i < 24; i++) least = Math.min(least, Math.floor(rand() * 0x100000000));
    return least >>> 0;
  };
  const entries = 50_000;
  const filter = new PresenceFilter(entries);
  for (let i = 0; i < entries; i++) filter.add(winnowed(), Math.floor(rand() * 256));
  const passing = (key: () => number) => {
    let passed = 0;
    for (let i = 0; i < 20_000; i++) if (filter.mayHold(key(), Math.floor(rand() * 256))) passed++;
    return passed / 20_000;
  };
  const random = passing(() => Math.floor(rand() * 0x100000000) >>> 0);
  const absent = passing(winnowed);
  // 8 bits an entry, 2 a key: about one in 18 passes either way (0.057 here; 4 bits an entry: 0.16, 3: 0.24).
  assert.ok(random < 0.1, `random keys pass ${random}`);
  assert.ok(absent < 0.1, `absent winnowed keys pass ${absent}`);
});
