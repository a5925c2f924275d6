import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineHashes, fmix32, hashString32, murmur3Bytes } from '../../src/sketch/hash.ts';

// Published MurmurHash3_x86_32 test vectors (input as UTF-8 bytes, seed, expected).
const VECTORS: [string, number, number][] = [
  ['', 0, 0],
  ['', 1, 0x514e28b7],
  ['', 0xffffffff, 0x81f16f39],
  ['\0\0\0\0', 0, 0x2362f9de],
  ['aaaa', 0x9747b28c, 0x5a97808a],
  ['a', 0x9747b28c, 0x7fa09ea6],
  ['ab', 0x9747b28c, 0x74875592],
  ['abc', 0x9747b28c, 0xc84a62dd],
  ['abc', 0, 0xb3dd93fa],
  ['Hello, world!', 0x9747b28c, 0x24884cba],
  ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
];

test('murmur3Bytes matches the reference test vectors', () => {
  for (const [input, seed, expected] of VECTORS) {
    assert.equal(murmur3Bytes(Buffer.from(input, 'utf8'), seed), expected, JSON.stringify(input));
  }
});

test('hashString32 is MurmurHash3 over the UTF-16LE code units', () => {
  for (const s of ['', 'a', 'ab', 'abc', 'harbour', 'Zoë’s café', '𝐀 astral', 'odd length!']) {
    assert.equal(hashString32(s, 7), murmur3Bytes(Buffer.from(s, 'utf16le'), 7), s);
  }
});

test('hashString32 is unsigned, seeded and pinned', () => {
  const h = hashString32('lighthouse', 1);
  assert.ok(Number.isInteger(h) && h >= 0 && h <= 0xffffffff);
  assert.notEqual(hashString32('lighthouse', 2), h);
  // Pinned: stored sketches depend on these bits.
  assert.equal(hashString32('lighthouse', 1), murmur3Bytes(Buffer.from('lighthouse', 'utf16le'), 1));
  assert.equal(hashString32('lighthouse', 0x6e657773), 0x052619df);
});

test('fmix32 is the MurmurHash3 finaliser', () => {
  assert.equal(fmix32(0), 0);
  assert.equal(fmix32(1), 0x514e28b7); // = MurmurHash3 of "" with seed 1, which is fmix32(1 ^ 0)
  assert.equal(fmix32(0xffffffff), 0x81f16f39);
  for (const x of [1, 12345, 0x80000000, 0xdeadbeef]) {
    const h = fmix32(x);
    assert.ok(h >= 0 && h <= 0xffffffff);
  }
});

test('combineHashes is order-dependent and unsigned', () => {
  const a = hashString32('north', 0);
  const b = hashString32('wind', 0);
  assert.notEqual(combineHashes(a, b), combineHashes(b, a));
  assert.equal(combineHashes(a, b), combineHashes(a, b));
  assert.ok(combineHashes(a, b) >= 0 && combineHashes(a, b) <= 0xffffffff);
});
