// 32-bit hashing for sketches: MurmurHash3 x86_32 and its pieces, all on Math.imul so no BigInt or float
// rounding is ever involved. Every function here is pure and seeded; stored sketches depend on these exact
// bit patterns, so any change here must bump the algorithm names in minhash.ts.

import { endianness } from 'node:os';

/** Whether this machine holds typed arrays' values little-endian, the byte order of every stored form. */
export const LITTLE_ENDIAN = endianness() === 'LE';

// MurmurHash3 constants (Appleby's reference implementation, MurmurHash3.cpp).
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const MIX_ADD = 0xe6546b64;

/** MurmurHash3's final avalanche: every input bit affects every output bit. Unsigned 32-bit result. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * One MurmurHash3 block step: mixes the 32-bit block `k` into the running state `h`. Works on and returns
 * signed int32 (the same bits), which V8 keeps unboxed in hot loops; for code that hashes in place.
 */
export function mixBlock(h: number, k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + MIX_ADD) | 0;
}

/** MurmurHash3's scrambling of a final partial block, to be XORed into the state before finalising. */
export function scrambleTail(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

/**
 * MurmurHash3 x86_32 of a string taken as its UTF-16 code units, two units per 32-bit block, little-endian;
 * that is, exactly `murmur3Bytes(Buffer.from(s, 'utf16le'), seed)`. UTF-16 rather than UTF-8 because it
 * needs no encoding pass: each code unit is read once with charCodeAt. Unsigned 32-bit result.
 */
export function hashString32(s: string, seed: number): number {
  const n = s.length;
  let h = seed | 0;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    h = mixBlock(h, s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16));
  }
  // Two-byte tail: the reference XORs tail[1] << 8 and tail[0], i.e. the code unit itself.
  if (i < n) h ^= scrambleTail(s.charCodeAt(i));
  return fmix32(h ^ (n * 2));
}

/** MurmurHash3 x86_32 of raw bytes, exactly as the reference implementation; unsigned 32-bit result. */
export function murmur3Bytes(bytes: Uint8Array, seed: number): number {
  const n = bytes.length;
  const blocks = n & ~3;
  let h = seed | 0;
  for (let i = 0; i < blocks; i += 4) {
    const k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    h = mixBlock(h, k);
  }
  const tail = n & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocks + 2]! << 16;
    if (tail >= 2) k ^= bytes[blocks + 1]! << 8;
    k ^= bytes[blocks]!;
    h ^= scrambleTail(k);
  }
  return fmix32(h ^ n);
}

/**
 * Folds hash `b` into running hash `a`, order-dependent (combineHashes(a, b) != combineHashes(b, a)): one
 * MurmurHash3 block step. The result is not finalised; pass the last one through fmix32 before using its bits.
 * Unsigned 32-bit result.
 */
export function combineHashes(a: number, b: number): number {
  return mixBlock(a, b) >>> 0;
}
