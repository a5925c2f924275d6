// The copy index in memory: every article's LSH band keys and its sampled passage fingerprints, held in
// flat typed arrays so that a million articles fit in well under a kilobyte each, and growing one article at
// a time (no rebuild when a batch arrives). Articles are numbered by slot; the caller maps slots to ids.
//
// Keys are 40-bit integers held exactly in doubles (CopyKeys): the low 32 bits are the band key or shingle
// hash, the high 8 an independent check tag (lsh.ts bandCheckTags, shingles.ts shingleCheckTag). With
// 32-bit keys alone, a million articles put ~70 million keys in the tables and an arriving article's ~70
// keys met an unrelated one by chance about once per article (measured: 0.98 chance candidates per article
// at 1M, each costing an alignment); 40 bits make that 256 times rarer for one more byte per entry (a
// 16-bit tag would take the 4 KB article past 1 KB of RAM; see the RAM test in test/sketch).
//
// Each of the two tables (band keys, fingerprints) is a chained hash table:
//   heads[bucket]        first entry of the bucket's chain, or -1     (4 bytes per bucket)
//   next[entry]          following entry of the same bucket, or -1    (4 bytes per entry)
//   slotOf[entry]        the article                                  (4 bytes per entry)
//   check[entry]         the key's bits 16-31                         (2 bytes per entry)
//   tag[entry]           the key's 8-bit check tag (bits 32-39)       (1 byte per entry)
// The bucket is the key's low bits and there are at least 2^16 buckets, so bucket and check together hold
// the whole key: a match is exact, and doubling the buckets needs no stored key (the check has the bit).
// At two to four entries per bucket that is 12-13 bytes per entry. Deleted articles are tombstoned in a bitmap and
// skipped by queries; their entries stay until the index is next loaded from the store.

/** Keys of the copy index: 40-bit integers (low 32 bits the hash, high 8 a check tag); a Uint32Array means tags of 0. */
export type CopyKeys = Float64Array | Uint32Array;

const TWO_TO_32 = 4294967296;

/** Bits of a key's check tag. */
export const COPY_KEY_TAG_BITS = 8;

/** The 40-bit key made of a 32-bit hash and an 8-bit check tag. */
export function copyKey(hash: number, tag: number): number {
  return (tag & 0xff) * TWO_TO_32 + (hash >>> 0);
}

/** The check tag of a key (its bits above the 32-bit hash). */
function tagOf(key: number): number {
  return (key - (key >>> 0)) / TWO_TO_32;
}

/** Entries per bucket at which the bucket array doubles: chains of 2-4 entries, 1-2 bytes of heads per entry. */
const MAX_LOAD = 4;
/** Smallest bucket array: 2^16, so a key's bits above the bucket bits are all in its 16-bit check. */
const MIN_BUCKET_BITS = 16;
/**
 * Entries are held in chunks of 2^16 (720 KB a chunk) rather than arrays that double: a table grows by one
 * chunk with nothing copied, so at 300k articles it holds what it uses plus one chunk, where doubling arrays held
 * up to twice what they used and three times that for the moment of a copy.
 */
const CHUNK_BITS = 16;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

class PostingTable {
  private bucketBits = MIN_BUCKET_BITS;
  private heads = new Int32Array(1 << MIN_BUCKET_BITS).fill(-1);
  // Entry e is at offset e & CHUNK_MASK of chunk e >>> CHUNK_BITS of each field.
  private readonly next: Int32Array[] = [];
  private readonly slotOf: Uint32Array[] = [];
  private readonly check: Uint16Array[] = [];
  private readonly tag: Uint8Array[] = [];
  // The chunks entries are added to.
  private lastNext = new Int32Array(0);
  private lastSlotOf = new Uint32Array(0);
  private lastCheck = new Uint16Array(0);
  private lastTag = new Uint8Array(0);
  size = 0;

  add(key: number, slot: number): void {
    if (this.size === this.next.length * CHUNK_SIZE) this.addChunk();
    if (this.size >= this.heads.length * MAX_LOAD && this.bucketBits < 32) this.growBuckets();
    const entry = this.size++;
    const offset = entry & CHUNK_MASK;
    const bucket = (key >>> 0) & (this.heads.length - 1);
    this.lastSlotOf[offset] = slot;
    this.lastCheck[offset] = (key >>> 0) >>> 16;
    this.lastTag[offset] = tagOf(key);
    this.lastNext[offset] = this.heads[bucket]!;
    this.heads[bucket] = entry;
  }

  /**
   * Writes the slots holding `key` into `out`, newest first, and returns how many; stops at `out.length`
   * and returns out.length + 1 when there were more.
   */
  collect(key: number, out: Uint32Array): number {
    const high = (key >>> 0) >>> 16;
    const tag = tagOf(key);
    const limit = out.length;
    let count = 0;
    for (let entry = this.heads[(key >>> 0) & (this.heads.length - 1)]!; entry >= 0; ) {
      const chunk = entry >>> CHUNK_BITS;
      const offset = entry & CHUNK_MASK;
      entry = this.next[chunk]![offset]!;
      if (this.check[chunk]![offset] !== high || this.tag[chunk]![offset] !== tag) continue;
      if (count === limit) return limit + 1;
      out[count++] = this.slotOf[chunk]![offset]!;
    }
    return count;
  }

  /** Bytes held by the arrays, allocated (including room to grow) and in use. */
  bytes(): { allocated: number; used: number } {
    const perEntry = 4 + 4 + 2 + 1;
    return { allocated: this.heads.byteLength + this.next.length * CHUNK_SIZE * perEntry, used: this.heads.byteLength + this.size * perEntry };
  }

  private addChunk(): void {
    this.lastNext = new Int32Array(CHUNK_SIZE);
    this.lastSlotOf = new Uint32Array(CHUNK_SIZE);
    this.lastCheck = new Uint16Array(CHUNK_SIZE);
    this.lastTag = new Uint8Array(CHUNK_SIZE);
    this.next.push(this.lastNext);
    this.slotOf.push(this.lastSlotOf);
    this.check.push(this.lastCheck);
    this.tag.push(this.lastTag);
  }

  /** Doubles the buckets: each entry's new bucket bit is bit `bucketBits` of its key, found in its check. */
  private growBuckets(): void {
    this.bucketBits++;
    const heads = new Int32Array(1 << this.bucketBits).fill(-1);
    const oldCount = this.heads.length;
    const bit = this.bucketBits - 1 - 16;
    const chain: number[] = [];
    for (let bucket = 0; bucket < oldCount; bucket++) {
      // Walk the chain into a list, then relink from its tail (the oldest) to keep the order.
      chain.length = 0;
      for (let entry = this.heads[bucket]!; entry >= 0; entry = this.next[entry >>> CHUNK_BITS]![entry & CHUNK_MASK]!) chain.push(entry);
      for (let c = chain.length - 1; c >= 0; c--) {
        const entry = chain[c]!;
        const chunk = entry >>> CHUNK_BITS;
        const offset = entry & CHUNK_MASK;
        const target = bucket | (((this.check[chunk]![offset]! >>> bit) & 1) << (this.bucketBits - 1));
        this.next[chunk]![offset] = heads[target]!;
        heads[target] = entry;
      }
    }
    this.heads = heads;
  }
}

/**
 * A fingerprint held by more articles than this is a stock phrase of the corpus (a boilerplate line, a
 * standard sign-off), not evidence of copying: it is ignored rather than making every holder a candidate.
 */
export const MAX_FINGERPRINT_POSTINGS = 64;

/**
 * Skeleton keys (match/candidates.ts) carry the top bit of their check tag set, so the index can tell them
 * from shingle fingerprints without a second table: each family keeps 7 bits of independent check.
 */
export const SKELETON_TAG_BIT = 0x80;

/**
 * A skeleton key held by more articles than this is common syntax ("the [..] of the [..] in [..], the [..]
 * said"), not a trace of one passage: a spun copy's surviving gram is normally held by its source alone.
 * Measured on the hard planted corpus at 100k: with the cap of 64, 0.33 chance candidates per article came
 * from skeleton keys alone.
 */
export const MAX_SKELETON_POSTINGS = 8;

/**
 * A probe key (an arriving article's denser query sample, match/candidates.ts) counts only when at most this
 * many articles hold it: probes are there to find a short passage shared by a few articles; a stock line
 * held by dozens (a syndication sign-off of 16 words) is no lift. On raw DUC 2006 text, probes without this
 * cap turned such sign-offs into 221 cross-topic "reuse" relations.
 */
export const MAX_PROBE_POSTINGS = 8;

/** True for a skeleton key (see SKELETON_TAG_BIT). */
export function isSkeletonKey(key: number): boolean {
  return (tagOf(key) & SKELETON_TAG_BIT) !== 0;
}

export interface CopyCandidates {
  /** Slots sharing at least one band key. */
  lsh: number[];
  /** Slots sharing fingerprints, with the number of distinct shared fingerprints. */
  fingerprints: Map<number, number>;
}

const NO_KEYS = new Float64Array(0);

export class CopyIndex {
  private readonly bands = new PostingTable();
  private readonly fingerprintTable = new PostingTable();
  private deleted = new Uint8Array(1024);
  /** Scratch for the slots of one key. */
  private readonly holders = new Uint32Array(MAX_FINGERPRINT_POSTINGS);
  private live = 0;
  private highestSlot = -1;

  /** Articles indexed and not deleted. */
  get size(): number {
    return this.live;
  }

  add(slot: number, bandKeys: CopyKeys, fingerprints: CopyKeys): void {
    if (!Number.isInteger(slot) || slot < 0 || slot > 0xffffffff) throw new RangeError(`slot must be an unsigned 32-bit integer, got ${slot}`);
    for (const key of bandKeys) this.bands.add(key, slot);
    // Distinct fingerprints only: a phrase repeated inside one article is one piece of evidence.
    const seen = new Set<number>();
    for (const hash of fingerprints) {
      if (seen.has(hash)) continue;
      seen.add(hash);
      this.fingerprintTable.add(hash, slot);
    }
    this.highestSlot = Math.max(this.highestSlot, slot);
    this.live++;
  }

  delete(slot: number): void {
    const byte = slot >>> 3;
    if (byte >= this.deleted.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.deleted.length * 2));
      grown.set(this.deleted);
      this.deleted = grown;
    }
    const mask = 1 << (slot & 7);
    if ((this.deleted[byte]! & mask) === 0 && slot <= this.highestSlot) {
      this.deleted[byte]! |= mask;
      this.live--;
    }
  }

  isDeleted(slot: number): boolean {
    const byte = slot >>> 3;
    return byte < this.deleted.length && (this.deleted[byte]! & (1 << (slot & 7))) !== 0;
  }

  /**
   * Articles sharing a band key or fingerprints with the given sketch (deleted ones left out). Probe keys
   * (never stored; see match/candidates.ts) count as fingerprints too, but only when at most
   * MAX_PROBE_POSTINGS articles hold them; a probe equal to one of the fingerprints counts once.
   */
  query(bandKeys: CopyKeys, fingerprints: CopyKeys, probeKeys: CopyKeys = NO_KEYS): CopyCandidates {
    const holders = this.holders;
    const lsh: number[] = [];
    for (const key of bandKeys) {
      // A band key held by more than the scratch can take is as common as a stock phrase; the rest suffice.
      const count = Math.min(this.bands.collect(key, holders), holders.length);
      for (let h = 0; h < count; h++) {
        const slot = holders[h]!;
        if (!this.isDeleted(slot) && !lsh.includes(slot)) lsh.push(slot);
      }
    }
    const shared = new Map<number, number>();
    // Distinct keys only, found by sorting copies: cheaper than a Set for the few hundred keys of a query.
    const sorted = Float64Array.from(fingerprints).sort();
    const probes = Float64Array.from(probeKeys).sort();
    const total = sorted.length + probes.length;
    for (let k = 0, p = 0, previous = -1; k + p < total; ) {
      // Merge the two sorted lists; on a tie the fingerprint (with its own cap) wins.
      const isProbe = k >= sorted.length || (p < probes.length && probes[p]! < sorted[k]!);
      const hash = isProbe ? probes[p++]! : sorted[k++]!;
      if (hash === previous) continue;
      previous = hash;
      const cap = isProbe ? MAX_PROBE_POSTINGS : isSkeletonKey(hash) ? MAX_SKELETON_POSTINGS : MAX_FINGERPRINT_POSTINGS;
      const count = this.fingerprintTable.collect(hash, holders);
      if (count > cap) continue;
      for (let h = 0; h < count; h++) {
        const slot = holders[h]!;
        if (!this.isDeleted(slot)) shared.set(slot, (shared.get(slot) ?? 0) + 1);
      }
    }
    return { lsh, fingerprints: shared };
  }

  /** Bytes of RAM held by the index's arrays: allocated (with room to grow) and in use. */
  bytes(): { allocated: number; used: number } {
    const bands = this.bands.bytes();
    const fingerprints = this.fingerprintTable.bytes();
    return {
      allocated: bands.allocated + fingerprints.allocated + this.deleted.byteLength,
      used: bands.used + fingerprints.used + Math.ceil((this.highestSlot + 1) / 8),
    };
  }
}

/**
 * One article's index entry as stored: the band count (u32), then the low 32 bits of every band key and
 * fingerprint (u32 each, little-endian), then their check tags (one byte each): 5 bytes per key.
 */
/** Bytes per key in a stored sketch: its 32-bit hash and its 8-bit tag. */
export const STORED_KEY_BYTES = 5;

export function encodeCopySketch(bandKeys: CopyKeys, fingerprints: CopyKeys): Buffer {
  const keys = bandKeys.length + fingerprints.length;
  const buffer = Buffer.allocUnsafe(4 + STORED_KEY_BYTES * keys);
  buffer.writeUInt32LE(bandKeys.length, 0);
  let low = 4;
  let tag = 4 + 4 * keys;
  for (const list of [bandKeys, fingerprints]) {
    for (const key of list) {
      const hash = key >>> 0;
      buffer.writeUInt32LE(hash, low);
      buffer.writeUInt8(tagOf(key), tag);
      low += 4;
      tag += 1;
    }
  }
  return buffer;
}

export function decodeCopySketch(buffer: Uint8Array): { bandKeys: Float64Array; fingerprints: Float64Array } {
  const keys = (buffer.byteLength - 4) / STORED_KEY_BYTES;
  if (buffer.byteLength < 4 || !Number.isInteger(keys)) throw new RangeError(`a stored copy sketch has ${buffer.byteLength} bytes, not a count and whole 5-byte keys`);
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const bands = view.getUint32(0, true);
  if (bands > keys) throw new RangeError(`a stored copy sketch claims ${bands} band keys but holds ${keys} keys`);
  const all = new Float64Array(keys);
  for (let i = 0; i < keys; i++) all[i] = copyKey(view.getUint32(4 + 4 * i, true), view.getUint8(4 + 4 * keys + i));
  return { bandKeys: all.slice(0, bands), fingerprints: all.slice(bands) };
}
