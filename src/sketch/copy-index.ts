// The copy index in memory: every article's LSH band keys and its sampled passage fingerprints, held in
// flat typed arrays so that a million articles fit in well under a kilobyte each, and growing one article at
// a time (no rebuild when a batch arrives). Articles are numbered by slot; the caller maps slots to ids.
//
// Keys are 40-bit integers held exactly in doubles (CopyKeys): the low 32 bits are the band key or shingle
// hash, the high 8 an independent check tag (assembly/sketch.ts: the band folds and checkTag). With
// 32-bit keys alone, a million articles put ~70 million keys in the tables and an arriving article's ~70
// keys met an unrelated one by chance about once per article (measured: 0.98 chance candidates per article
// at 1M, each costing an alignment); 40 bits make that 256 times rarer for one more byte per entry (a
// 16-bit tag would take the 4 KB article past 1 KB of RAM; see the RAM test in test/sketch).
//
// Each of the two tables (band keys, fingerprints) keeps most of its entries packed: grouped by bucket (the
// key's low bits, at least 16 of them) in three columns (key bits 16-31, tag, slot), with a Uint32 start per
// bucket of about 16 entries: 7.25-7.5 bytes per entry, and a lookup reads one bucket's contiguous 16-bit keys
// (session 24; 8.25-8.5 bytes in [key, slot] pairs before). New entries go to a small chained table (15-18 bytes per entry) that is packed in bulk
// when it reaches an eighth of the packed entries. Bucket and stored bits together hold the whole key, so a
// match is exact and the buckets can be re-cut as the index grows. The chained tables of before (every entry
// 11 bytes in four arrays and a chain step per entry) held 1,079 bytes an article on the hard corpus at 100k
// and cost a cache miss per chain step. Deleted articles are tombstoned in a bitmap and skipped by queries;
// the next packing leaves their entries out.

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

/** Per-key scratch of a batch lookup (PostingTable.collectMany), grown as needed and reused. */
class KeyBatch {
  low = new Uint32Array(0);
  rest = new Uint32Array(0);
  first = new Uint32Array(0);
  last = new Uint32Array(0);
  heads = new Int32Array(0);
  limits = new Uint8Array(0);
  begins = new Uint32Array(0);
  counts = new Uint32Array(0);
  holders = new Uint32Array(0);

  /** Room for n keys of at most `limit` holders each. */
  reserve(n: number, limit: number): void {
    if (this.low.length < n) {
      const size = Math.max(n, 2 * this.low.length, 64);
      this.low = new Uint32Array(size);
      this.rest = new Uint32Array(size);
      this.first = new Uint32Array(size);
      this.last = new Uint32Array(size);
      this.heads = new Int32Array(size);
      this.limits = new Uint8Array(size);
      this.begins = new Uint32Array(size);
      this.counts = new Uint32Array(size);
    }
    if (this.holders.length < n * limit) this.holders = new Uint32Array(Math.max(n * limit, 2 * this.holders.length));
  }

  /** Sets key i of the batch (a 40-bit copy key) and how many holders it may have. */
  set(i: number, key: number, limit: number): void {
    const low = key >>> 0;
    this.low[i] = low;
    this.rest[i] = (low >>> 16) | (tagOf(key) << 16);
    this.limits[i] = limit;
  }
}

/**
 * A set of copy keys for one article at a time: open-addressed in a typed array, stamped per use so it is
 * never cleared (begin() starts a new set).
 */
class KeySet {
  private keys = new Float64Array(512);
  private stamps = new Uint32Array(512);
  private stamp = 0;

  /** Starts an empty set for at most n keys. */
  begin(n: number): this {
    if (this.keys.length < 2 * n) {
      let size = this.keys.length;
      while (size < 2 * n) size *= 2;
      this.keys = new Float64Array(size);
      this.stamps = new Uint32Array(size);
      this.stamp = 0;
    }
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
    return this;
  }

  /** Adds a key; false when it was already in the set. */
  insert(key: number): boolean {
    const mask = this.keys.length - 1;
    const low = key >>> 0;
    for (let at = (low ^ (low >>> 16)) & mask; ; at = (at + 1) & mask) {
      if (this.stamps[at] !== this.stamp) {
        this.stamps[at] = this.stamp;
        this.keys[at] = key;
        return true;
      }
      if (this.keys[at] === key) return false;
    }
  }
}

/** Where the batch lookups' cache-touching reads go, so the compiler cannot drop them. */
let sink = 0;

/**
 * Odd multiplier (2^32 / golden ratio) whose product's top bits depend on all of a key's bits: the filters
 * take bits from it where they would otherwise take the key's top bits, which winnowing skews (a fingerprint
 * is the least hash of its window, so its top bits are mostly 0).
 */
const SPREAD_MULTIPLIER = 0x9e3779b1;

/**
 * The three bits a key sets in its word of the recent table's filter: chosen by its low 5 bits, by its check
 * tag and by the top 5 bits of a multiplicative hash of it (the word is chosen by bits 5 and up, so the first
 * two are independent of it; the key's own top bits were too, but winnowing leaves them mostly 0). A key absent
 * from the recent table passes the filter 0.5-3% of the time (one bit in 8 per bucket: 12-22%), and each pass
 * costs a head and a chain entry read, two cache misses.
 */
function filterBits(low: number, tag: number): number {
  return (1 << (low & 31)) | (1 << (tag & 31)) | (1 << (Math.imul(low, SPREAD_MULTIPLIER) >>> 27));
}

/** Filter words per bucket of the recent table, as a shift: 1 -> a 32-bit word per 2 buckets, 16 bits a bucket. */
const FILTER_WORDS_SHIFT = 1;

/**
 * The tables' large arrays live in resizable ArrayBuffers: V8 maps them page by page outside the malloc heap,
 * so (1) a table grows in place, without a second copy of itself beside the first, and (2) an array replaced
 * is given back at once (resized to nothing) instead of waiting, dead, for the next full collection, and
 * leaves no hole in the malloc heap that later, larger arrays cannot reuse. With plain arrays a 117 MB index
 * (300,000 synthetic articles) took a process's peak RSS 316 MB above its start (bench/copy-index-memory.ts).
 * A packed table's starts and columns, which every lookup reads, are in WebAssembly memories instead (TableMemory):
 * Node 20 reads a typed array on a resizable buffer 2-4 times slower an element.
 */
function tableWords(words: number, maxWords: number = words): Uint32Array<ArrayBuffer> {
  return new Uint32Array(new ResizableArrayBuffer(4 * words, { maxByteLength: 4 * Math.max(words, maxWords) }), 0, words);
}

/** ArrayBuffer's constructor with ES2024's options argument (Node 20 has it; TypeScript's ES2023 library does not). */
const ResizableArrayBuffer = ArrayBuffer as unknown as new (bytes: number, options: { maxByteLength: number }) => ArrayBuffer;

/** Gives an array's memory back now when it is a table's own (resizable); other arrays are left to the collector. */
function release(array: Uint32Array | Int32Array | Uint8Array): void {
  const buffer = array.buffer as ArrayBuffer & { resizable?: boolean; resize?: (bytes: number) => void };
  if (buffer.resizable === true) buffer.resize!(0);
}

/** Grows a table array in place to `words` (false when its buffer cannot: not resizable or too small). */
function growsInPlace(array: Uint32Array | Int32Array, words: number): boolean {
  const buffer = array.buffer as ArrayBuffer & { resizable?: boolean; maxByteLength?: number; resize?: (bytes: number) => void };
  if (buffer.resizable !== true || buffer.maxByteLength! < 4 * words || array.byteOffset !== 0) return false;
  buffer.resize!(4 * words);
  return true;
}

/**
 * Words a packed table's memory may grow to (2 GiB; TableMemory), so the table grows in place to 268 million
 * entries (some 9 million articles) and is not copied to grow: reserving 2.25 times its size, it was copied at
 * each bucket re-cut, a second table beside the first for a moment.
 */
const MAX_TABLE_WORDS = 2 ** 29;

/**
 * The bucket re-cut's scratch: this share of the table's entries (so a re-cut moves the table about 1 / share
 * times over, in memmoves), and at least MIN_RECUT_CHUNK entries.
 */
const RECUT_CHUNK_SHARE = 1 / 16;
const MIN_RECUT_CHUNK = 1 << 18;

/** Entries per bucket at which the recent table's bucket array doubles: chains of 1-2 entries. */
const MAX_LOAD = 2;
/** Smallest bucket array: 2^16, so a key's bits above the bucket bits are all in its 16-bit check. */
const MIN_BUCKET_BITS = 16;
const INITIAL_ENTRIES = 1 << 12;

/** The end of a recent-table chain, in an entry's 24-bit next field. */
const NO_ENTRY = 0xffffff;
/** Most entries the recent table holds (its next fields have 24 bits): the posting table packs before. */
const MAX_RECENT_ENTRIES = NO_ENTRY;

/**
 * The entries added since the last packing: a chained hash table that takes one entry at a time. Each
 * entry is three Int32 side by side, so a chain step is one memory read:
 *   [next entry (24 bits, NO_ENTRY at the end) | key bits 0-7 << 24,
 *    key bits 16-31 | tag << 16 | key bits 8-15 << 24,
 *    slot]
 * so an entry holds its whole 40-bit key in the bits its links and check left free, and all() and
 * growBuckets read the entries in order instead of walking every chain (a cache miss per entry; a third of
 * an insert's time went to packing, most of it in those walks). heads[bucket] is the newest entry of the
 * bucket, or -1. 12 bytes per entry, 2-4 of heads and 1-2 of filter bits; entries are numbered in the order
 * they were added.
 */
class RecentTable {
  private heads = new Int32Array(1 << MIN_BUCKET_BITS).fill(-1);
  private entries = RecentTable.entryWords(3 * INITIAL_ENTRIES);
  /**
   * 16 bits per bucket (half the heads' bytes), three set per entry (filterBits): a key the recent table
   * does not hold (most) mostly stops here, in a bitmap half the size of the heads, instead of reading a head
   * and a chain entry (two cache misses in a large index). With 1-2 entries per bucket, 17-31% of the bits
   * are set, so such a key passes 0.5-3% of the time.
   */
  private filter = new Int32Array((1 << MIN_BUCKET_BITS) >> FILTER_WORDS_SHIFT);
  size = 0;

  /**
   * The entries' array, in a buffer that can double in place up to 2^24 entries (address space only, 192 MB:
   * the recent table of a 4M-article index); past that it grows by copying.
   */
  private static entryWords(words: number): Int32Array<ArrayBuffer> {
    return new Int32Array(tableWords(words, 3 * 2 ** 24).buffer, 0, words);
  }

  add(key: number, slot: number): void {
    this.addParts(key >>> 0, tagOf(key), slot);
  }

  /** add() of a key given as its low 32 bits and its tag. */
  addParts(low: number, tag: number, slot: number): void {
    if (3 * this.size === this.entries.length) this.growEntries(this.entries.length * 2);
    if (this.size >= this.heads.length * MAX_LOAD && this.heads.length < 2 ** 30) this.growBuckets();
    const entry = this.size++;
    const bucket = low & (this.heads.length - 1);
    this.entries[3 * entry] = (this.heads[bucket]! & NO_ENTRY) | ((low & 0xff) << 24);
    this.entries[3 * entry + 1] = (low >>> 16) | (tag << 16) | ((low & 0xff00) << 16);
    this.entries[3 * entry + 2] = slot;
    this.heads[bucket] = entry;
    this.filter[(low >>> 5) & (this.filter.length - 1)]! |= filterBits(low, tag);
  }

  /** The entries' array grown to `words` words, in place where its memory allows. */
  private growEntries(words: number): void {
    if (growsInPlace(this.entries, words)) this.entries = new Int32Array(this.entries.buffer, 0, words);
    else {
      const grown = RecentTable.entryWords(words);
      grown.set(this.entries);
      release(this.entries);
      this.entries = grown;
    }
  }

  /**
   * addParts of the entries [from, to) of the arrays, in one loop: a store's opening adds its snapshot's tail
   * this way, in code that is optimized as the loop runs (one call per entry ran unoptimized for most of a tail).
   */
  addRange(low: Uint32Array, tag: Uint8Array, slot: Uint32Array, from: number, to: number): void {
    let words = this.entries.length;
    while (words < 3 * (this.size + to - from)) words *= 2;
    if (words > this.entries.length) this.growEntries(words);
    const entries = this.entries;
    let heads = this.heads;
    let filter = this.filter;
    for (let e = from; e < to; e++) {
      if (this.size >= heads.length * MAX_LOAD && heads.length < 2 ** 30) {
        this.growBuckets();
        heads = this.heads;
        filter = this.filter;
      }
      const key = low[e]!;
      const keyTag = tag[e]!;
      const entry = this.size++;
      const bucket = key & (heads.length - 1);
      entries[3 * entry] = (heads[bucket]! & NO_ENTRY) | ((key & 0xff) << 24);
      entries[3 * entry + 1] = (key >>> 16) | (keyTag << 16) | ((key & 0xff00) << 16);
      entries[3 * entry + 2] = slot[e]!;
      heads[bucket] = entry;
      filter[(key >>> 5) & (filter.length - 1)]! |= filterBits(key, keyTag);
    }
  }

  /**
   * Reads the head and the filter word of each key's bucket, all at once, before an article's keys are added
   * one by one: each add read its head as a cache miss of its own (half an insert's time in a large index);
   * read together in one tight loop, the misses overlap and the adds find them in cache.
   */
  touch(keys: CopyKeys): void {
    const heads = this.heads;
    const mask = heads.length - 1;
    const filter = this.filter;
    const filterMask = filter.length - 1;
    let touched = 0;
    for (let i = 0; i < keys.length; i++) {
      const low = keys[i]! >>> 0;
      touched ^= heads[low & mask]! ^ filter[(low >>> 5) & filterMask]!;
    }
    sink ^= touched;
  }

  /**
   * The newest entry of each key's bucket, for keys[from, to) into heads[from, to) (-1: none). The loads are
   * independent of one another, so the memory reads of a batch overlap instead of following one by one.
   */
  gatherHeads(low: Uint32Array, rest: Uint32Array, from: number, to: number, heads: Int32Array): void {
    const table = this.heads;
    const mask = table.length - 1;
    const entries = this.entries;
    let touched = 0;
    const filter = this.filter;
    const filterMask = filter.length - 1;
    for (let i = from; i < to; i++) {
      const key = low[i]!;
      const bits = filterBits(key, rest[i]! >>> 16);
      heads[i] = (filter[(key >>> 5) & filterMask]! & bits) === bits ? table[key & mask]! : -1;
    }
    // Touch each chain's first entry in a second tight loop: the walk then finds it in cache.
    for (let i = from; i < to; i++) {
      const entry = heads[i]!;
      if (entry >= 0) touched ^= entries[3 * entry + 1]!;
    }
    sink ^= touched;
  }

  /**
   * The slots of the chain from `entry` (a head gatherHeads found) whose key has `rest` (bits 16-31 and tag),
   * newest first, written to out from `count`; stops at `limit` and returns limit + 1 when there were more.
   */
  collectFrom(entry: number, rest: number, out: Uint32Array, count: number, limit: number): number {
    const entries = this.entries;
    for (; entry !== NO_ENTRY; entry = entries[3 * entry]! & NO_ENTRY) {
      if ((entries[3 * entry + 1]! & 0xffffff) !== rest) continue;
      if (count === limit) return limit + 1;
      out[count++] = entries[3 * entry + 2]!;
    }
    return count;
  }

  /** Every entry's key (low 32 bits), tag and slot, in the order they were added. */
  all(): { low: Uint32Array; tag: Uint8Array; slot: Uint32Array } {
    return this.since(0, tableWords);
  }

  /** The entries from the `from`th on, as all() gives them (in arrays of `words`). */
  since(from: number, words: (length: number) => Uint32Array<ArrayBuffer> = (length) => new Uint32Array(length)): { low: Uint32Array; tag: Uint8Array; slot: Uint32Array } {
    const count = this.size - from;
    const low = words(count);
    const tag = new Uint8Array(count);
    const slot = words(count);
    const entries = this.entries;
    for (let entry = from; entry < this.size; entry++) {
      low[entry - from] = keyLowOf(entries[3 * entry]!, entries[3 * entry + 1]!);
      tag[entry - from] = (entries[3 * entry + 1]! >>> 16) & 0xff;
      slot[entry - from] = entries[3 * entry + 2]!;
    }
    return { low, tag, slot };
  }

  /** Adds every entry's key to a presence filter. */
  addKeysTo(presence: PresenceFilter): void {
    const entries = this.entries;
    for (let entry = 0; entry < this.size; entry++) {
      presence.add(keyLowOf(entries[3 * entry]!, entries[3 * entry + 1]!), (entries[3 * entry + 1]! >>> 16) & 0xff);
    }
  }

  clear(): void {
    this.heads = new Int32Array(1 << MIN_BUCKET_BITS).fill(-1);
    release(this.entries);
    this.entries = RecentTable.entryWords(3 * INITIAL_ENTRIES);
    this.filter = new Int32Array((1 << MIN_BUCKET_BITS) >> FILTER_WORDS_SHIFT);
    this.size = 0;
  }

  bytes(): { allocated: number; used: number } {
    const fixed = this.heads.byteLength + this.filter.byteLength;
    return { allocated: fixed + this.entries.byteLength, used: fixed + this.size * 12 };
  }

  /** Doubles the buckets: each entry's bucket follows from its key; chains keep newest-first order. */
  private growBuckets(): void {
    const heads = new Int32Array(this.heads.length * 2).fill(-1);
    const mask = heads.length - 1;
    const entries = this.entries;
    // Relinking entries from the oldest to the newest rebuilds every chain newest first.
    const filter = new Int32Array(heads.length >> FILTER_WORDS_SHIFT);
    const filterMask = filter.length - 1;
    for (let entry = 0; entry < this.size; entry++) {
      const word = entries[3 * entry]!;
      const rest = entries[3 * entry + 1]!;
      const low = keyLowOf(word, rest);
      const target = low & mask;
      entries[3 * entry] = (heads[target]! & NO_ENTRY) | (word & 0xff000000);
      heads[target] = entry;
      filter[(low >>> 5) & filterMask]! |= filterBits(low, (rest >>> 16) & 0xff);
    }
    this.heads = heads;
    this.filter = filter;
  }
}

/** The low 32 bits of a recent-table entry's key, from its first two words (see RecentTable). */
function keyLowOf(word: number, rest: number): number {
  return (((rest & 0xffff) << 16) | ((rest >>> 24) << 8) | (word >>> 24)) >>> 0;
}

/**
 * Entries per bucket of the packed table: a bucket's keys sit side by side (2 bytes each), so a lookup
 * reads one bucket start and one or two cache lines, where a chain costs a cache miss per entry; 16 keeps the
 * bucket starts at 0.25-0.5 bytes per entry (8: 0.5-1, about 50 bytes an article more at 100k).
 */
const PACKED_ENTRIES_PER_BUCKET = 16;
/**
 * The recent table is packed into the packed one when it holds this share of the packed entries (or
 * MIN_RECENT_ENTRIES): each entry is then copied about 9 times over the index's growth, a few
 * microseconds per article, and at most a ninth of the entries pay the chained table's 15-18 bytes (and at most MAX_RECENT_ENTRIES, its links' limit).
 */
const RECENT_SHARE = 1 / 8;
const MIN_RECENT_ENTRIES = 1 << 16;

/**
 * One key family's postings. Most entries live packed: grouped by bucket (the key's low `bits` bits) in
 * insertion order, starts[bucket] .. starts[bucket + 1] indexing the columns of PackedPostings (key bits 16-31,
 * tag, slot). The bucket holds the key's low 16 bits (bits >= 16), so an entry and its bucket give the whole
 * 40-bit key and the buckets can be re-cut at any size. 7 bytes per entry and 4 per 8-16 entries: about 7.5
 * bytes, against 12-13 in a chained table. New entries go to a RecentTable and are packed in bulk.
 */
const keepAll = (): boolean => false;

/**
 * Bits of the presence filter per entry when it is (re)built; it is rebuilt when the table has grown by
 * PRESENCE_GROWTH, so it holds 8 down to 6.4 bits an entry: about 100 bytes an article on the hard corpus at
 * 100k (964 in all, paid for by 7-byte entries). Two bits a key in one 32-bit word. Each key that passes costs its
 * bucket start, a recent-filter word and a line or two of keys, nearly all misses; with those reads made cheaper
 * (split buckets, plain buffers) a denser filter pays: against 3 bits (24% of absent keys pass), 4 bits gave
 * 1.05-1.12x sketch + search, 5 bits 1.13-1.19x, 8 bits 1.18-1.21x (BENCHMARKS.md, session 24; sessions 19-20:
 * 4 bits 1.03x search before them, 2.5 bits 0.9x).
 */
const PRESENCE_BITS_PER_ENTRY = 8;
const PRESENCE_GROWTH = 1.25;
/**
 * Entries of a table that one looked-up key pays for building its presence filter: building costs about 20 ns an
 * entry at 8 bits (0.17 s for the 8.4M fingerprint entries of the hard corpus at 90k, quiet; 10 ns at 3 bits) and
 * the filter saves well over 0.2 us a key looked up (search 84 -> 39 us an article of ~230 keys at 3 bits), so a
 * 100k index builds it after about 2,000 arrivals, not for a 200-article ingest.
 */
const PRESENCE_PAYBACK_ENTRIES_PER_KEY = 20;
/** Entries the smallest presence filter is sized for (8 KB). */
const MIN_PRESENCE_ENTRIES = 1 << 14;

/**
 * Says whether a posting table may hold a key: a Bloom filter of two bits a key inside one 32-bit word, over
 * every entry (packed and recent). Not stored with the snapshot: built from the entries once the lookups since
 * the table was opened pay for it (presenceFor), and rebuilt, larger, at a packing once the table has outgrown
 * it. Deleted entries stay in it until then (a key they held only passes, as an absent key sometimes does).
 */
export class PresenceFilter {
  readonly words: Int32Array;
  /** Entries beyond which it is rebuilt. */
  readonly capacity: number;

  constructor(entries: number) {
    const sized = Math.max(entries, MIN_PRESENCE_ENTRIES);
    this.words = new Int32Array(Math.ceil((sized * PRESENCE_BITS_PER_ENTRY) / 32));
    this.capacity = Math.ceil(sized * PRESENCE_GROWTH);
  }

  /**
   * The word of a key: 24 bits of a multiplicative hash of it scaled to the word count (a multiply, not a mask:
   * any size will do). Not the key's own top bits: a winnowed fingerprint is the least of its window's shingle
   * hashes, so shingle keys have small values and their top bits crowd into the first words of the filter
   * (absent shingle keys passed 47-76% of the time there, skeleton keys, hashed after the choice, 21%).
   */
  private wordOf(low: number): number {
    return Math.floor(((Math.imul(low, SPREAD_MULTIPLIER) >>> 8) * this.words.length) / 16777216);
  }

  add(low: number, tag: number): void {
    this.words[this.wordOf(low)]! |= presenceBits(low, tag);
  }

  /** Reads the words of keys about to be added, in one loop, so that their misses overlap (see RecentTable.touch). */
  touch(keys: CopyKeys): void {
    let touched = 0;
    for (let i = 0; i < keys.length; i++) touched ^= this.words[this.wordOf(keys[i]! >>> 0)]!;
    sink ^= touched;
  }

  mayHold(low: number, tag: number): boolean {
    const bits = presenceBits(low, tag);
    return (this.words[this.wordOf(low)]! & bits) === bits;
  }
}

/** A key's two bits in its presence-filter word: from its low 5 bits, and from bits 5-9 with its check tag. */
function presenceBits(low: number, tag: number): number {
  return (1 << (low & 31)) | (1 << (((low >>> 5) ^ tag) & 31));
}

/**
 * A posting table with every entry packed, in three columns indexed alike: entries starts[b] .. starts[b + 1] are
 * bucket b's, in insertion order; keys[e] is an entry's key bits 16-31 (its bucket holds bits 0-15), tags[e] its
 * check tag, slots[e] its holder. 7 bytes an entry. A lookup reads the bucket's 16-bit keys, one or two cache
 * lines, and a tag and a slot only where a key matches (almost never). Snapshots of SNAPSHOT_FORMAT 1
 * (store/copy-snapshot.ts) held [key bits 16-31 | tag << 16, slot] pairs, 8 bytes, and read 2-5 lines a bucket.
 */
export interface PackedPostings {
  starts: Uint32Array<ArrayBuffer>;
  keys: Uint16Array<ArrayBuffer>;
  tags: Uint8Array<ArrayBuffer>;
  slots: Uint32Array<ArrayBuffer>;
}

/** WebAssembly memory's page. */
const WASM_PAGE_BYTES = 65536;

/** WebAssembly.Memory, typed by hand (the compiler's lib has no WebAssembly declarations; see kernels.ts). */
const WasmMemory = (globalThis as unknown as {
  WebAssembly: { Memory: new (limits: { initial: number; maximum: number }) => { readonly buffer: ArrayBuffer; grow(pages: number): number } };
}).WebAssembly.Memory;

/**
 * One of a packed table's arrays (its bucket starts, one column of its entries) in a WebAssembly.Memory of its own:
 * the memory grows in place as a resizable ArrayBuffer does (no second copy beside the first), but its buffer is
 * an ordinary ArrayBuffer, and Node 20 reads a typed array on a resizable buffer 2-4 times slower an element than
 * on an ordinary one (BENCHMARKS.md, sessions 23-24). Growing detaches the views made before (a view is made
 * anew); the memory is never shrunk, and given back when the table is collected.
 */
class TableMemory {
  private readonly memory = new WasmMemory({ initial: 0, maximum: (4 * MAX_TABLE_WORDS) / WASM_PAGE_BYTES });

  /** The memory's buffer with at least `bytes` bytes, grown in place first when it is smaller (older views are then detached). */
  private reserve(bytes: number): ArrayBuffer {
    const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
    const have = this.memory.buffer.byteLength / WASM_PAGE_BYTES;
    if (pages > have) this.memory.grow(pages - have);
    return this.memory.buffer;
  }

  words(length: number): Uint32Array<ArrayBuffer> {
    return new Uint32Array(this.reserve(4 * length), 0, length);
  }

  halves(length: number): Uint16Array<ArrayBuffer> {
    return new Uint16Array(this.reserve(2 * length), 0, length);
  }

  bytesOf(length: number): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.reserve(length), 0, length);
  }

  /** True when `array` is a view of this memory as it is now. */
  holds(array: ArrayBufferView): boolean {
    return array.buffer === this.memory.buffer;
  }

  get bytes(): number {
    return this.memory.buffer.byteLength;
  }
}

/** A packed table from [key bits 16-31 | tag << 16, slot] pairs (the snapshots of SNAPSHOT_FORMAT 1). */
export function postingsFromPairs(starts: Uint32Array<ArrayBuffer>, pairs: Uint32Array): PackedPostings {
  const entries = pairs.length >>> 1;
  const keys = new Uint16Array(entries);
  const tags = new Uint8Array(entries);
  const slots = new Uint32Array(entries);
  for (let e = 0; e < entries; e++) {
    const word = pairs[2 * e]!;
    keys[e] = word & 0xffff;
    tags[e] = word >>> 16;
    slots[e] = pairs[2 * e + 1]!;
  }
  return { starts, keys, tags, slots };
}

/** A packed table's entries as [key bits 16-31 | tag << 16, slot] pairs (SNAPSHOT_FORMAT 1; for tests and tools). */
export function pairsOfPostings(form: PackedPostings): Uint32Array<ArrayBuffer> {
  const pairs = new Uint32Array(2 * form.keys.length);
  for (let e = 0; e < form.keys.length; e++) {
    pairs[2 * e] = form.keys[e]! | (form.tags[e]! << 16);
    pairs[2 * e + 1] = form.slots[e]!;
  }
  return pairs;
}

class PostingTable {
  private bits = MIN_BUCKET_BITS;
  /** Where starts and the columns live once the table has packed (before: empty, or a snapshot's plain arrays). */
  private readonly startsMemory = new TableMemory();
  private readonly keysMemory = new TableMemory();
  private readonly tagsMemory = new TableMemory();
  private readonly slotsMemory = new TableMemory();
  private starts: Uint32Array<ArrayBuffer> = this.startsMemory.words((1 << MIN_BUCKET_BITS) + 1);
  private keys: Uint16Array<ArrayBuffer> = this.keysMemory.halves(0);
  private tags: Uint8Array<ArrayBuffer> = this.tagsMemory.bytesOf(0);
  private slots: Uint32Array<ArrayBuffer> = this.slotsMemory.words(0);
  private readonly recent = new RecentTable();
  /** Built once lookups pay for it (see presenceFor); undefined while the table has only been added to. */
  private presence: PresenceFilter | undefined = undefined;
  /** Keys looked up while the table had no presence filter. */
  private keysLookedUp = 0;
  /** Packings so far: a mark taken before one no longer says where the recent entries begin. */
  private packs = 0;

  /** Every entry, packed (the recent ones are packed first): the table's stored form. */
  packedForm(drop: ((slot: number) => boolean) | undefined): PackedPostings {
    if (this.recent.size > 0) this.pack(drop);
    return { starts: this.starts, keys: this.keys, tags: this.tags, slots: this.slots };
  }

  /** A table holding a packed form (its arrays are kept, not copied). */
  static fromPacked(form: PackedPostings): PostingTable {
    const buckets = form.starts.length - 1;
    const bits = Math.log2(buckets);
    const entries = form.keys.length;
    if (!Number.isInteger(bits) || bits < MIN_BUCKET_BITS || form.starts[buckets] !== entries || form.tags.length !== entries || form.slots.length !== entries) {
      throw new RangeError(`a packed posting table has ${buckets} buckets and ${entries} / ${form.tags.length} / ${form.slots.length} entries`);
    }
    const table = new PostingTable();
    table.bits = bits;
    table.starts = form.starts;
    table.keys = form.keys;
    table.tags = form.tags;
    table.slots = form.slots;
    return table;
  }

  get size(): number {
    return this.slots.length + this.recent.size;
  }

  /**
   * The table's presence filter for a lookup of `keys` keys, or undefined (every key passes) until the keys
   * looked up since the table was opened would have paid for building it (PRESENCE_PAYBACK_ENTRIES_PER_KEY):
   * a process that opens a large store to add a few articles does not build it. Most keys of an arriving article
   * are held by no article (99.8% on the hard corpus at 60k), and the filter, one word a key, turns most of them
   * away before their bucket start and bucket lines are read, and before they are told apart from the
   * article's others.
   */
  presenceFor(keys: number): PresenceFilter | undefined {
    if (this.presence !== undefined) return this.presence;
    this.keysLookedUp += keys;
    return this.keysLookedUp * PRESENCE_PAYBACK_ENTRIES_PER_KEY >= this.size ? this.buildPresence() : undefined;
  }

  /** Reads the recent table's heads and filter words of the keys about to be added (see RecentTable.touch). */
  touch(keys: CopyKeys): void {
    this.recent.touch(keys);
    this.presence?.touch(keys);
  }

  /** Adds a posting; `dropped` tells which slots the next packing may leave out (deleted articles). */
  add(key: number, slot: number, dropped: ((slot: number) => boolean) | undefined): void {
    this.addParts(key >>> 0, tagOf(key), slot, dropped);
  }

  /** add() of a key given as its low 32 bits and its tag. */
  addParts(low: number, tag: number, slot: number, dropped: ((slot: number) => boolean) | undefined): void {
    this.recent.addParts(low, tag, slot);
    this.presence?.add(low, tag);
    const due = Math.min(MAX_RECENT_ENTRIES, Math.max(MIN_RECENT_ENTRIES, this.slots.length * RECENT_SHARE));
    if (this.recent.size >= due) this.pack(dropped);
  }

  /** Where the entries added from now on begin (see CopyIndex.mark). */
  mark(): TableMark {
    return { packs: this.packs, recent: this.recent.size };
  }

  /** The entries added since `mark`, in the order added; undefined when a packing has moved them since. */
  entriesSince(mark: TableMark): TableEntries | undefined {
    return mark.packs === this.packs ? this.recent.since(mark.recent) : undefined;
  }

  /** Adds entriesSince's entries, in their order: the table an add of the same keys would make. */
  addEntries(entries: TableEntries, dropped: ((slot: number) => boolean) | undefined): void {
    const { low, tag, slot } = entries;
    // In runs up to where add() would pack, packing there.
    for (let from = 0; from < low.length; ) {
      const due = Math.min(MAX_RECENT_ENTRIES, Math.max(MIN_RECENT_ENTRIES, this.slots.length * RECENT_SHARE));
      const to = Math.min(low.length, from + Math.max(1, Math.ceil(due) - this.recent.size));
      this.recent.addRange(low, tag, slot, from, to);
      if (this.presence !== undefined) for (let e = from; e < to; e++) this.presence.add(low[e]!, tag[e]!);
      if (this.recent.size >= due) this.pack(dropped);
      from = to;
    }
  }

  /**
   * The holders of the batch's first n keys, for the lookups of one arriving article: key i is given as its low
   * 32 bits low[i] and the rest (bits 16-31 and tag) rest[i]. Holders go to holders[begins[i], begins[i] + counts[i]),
   * newest first, at most limits[i] of them; counts[i] = limits[i] + 1 says there were more (and those written
   * are the newest). The work is cut into phases over the whole batch (bucket starts and chain heads, then the
   * cache lines of every bucket, then the walks), so the memory reads of different keys, almost all cache
   * misses in a large index, are in flight together rather than one after another.
   */
  collectMany(batch: KeyBatch, n: number): void {
    const { low, rest, first, last, heads, limits, begins, counts } = batch;
    const out = batch.holders;
    const starts = this.starts;
    const mask = (1 << this.bits) - 1;
    for (let i = 0; i < n; i++) {
      const bucket = low[i]! & mask;
      first[i] = starts[bucket]!;
      last[i] = starts[bucket + 1]!;
    }
    this.recent.gatherHeads(low, rest, 0, n, heads);
    const keys = this.keys;
    const tags = this.tags;
    const slots = this.slots;
    let touched = 0;
    // Every cache line of every bucket's keys (8-32 keys of 2 bytes: 1-2 lines of 64 bytes), not only the first:
    // the walk below then misses nowhere. Tags and slots are read only for a key that matches (almost none).
    for (let i = 0; i < n; i++) {
      const begin = first[i]!;
      const end = last[i]!;
      for (let e = begin; e < end; e += 32) touched ^= keys[e]!;
      if (end > begin) touched ^= keys[end - 1]!;
    }
    sink ^= touched;
    let written = 0;
    for (let i = 0; i < n; i++) {
      const limit = limits[i]!;
      const whole = rest[i]!;
      const key = whole & 0xffff;
      const tag = whole >>> 16;
      const begin = written;
      let count = heads[i]! >= 0 ? this.recent.collectFrom(heads[i]!, whole, out, begin, begin + limit) - begin : 0;
      if (count <= limit) {
        for (let e = last[i]! - 1, stop = first[i]!; e >= stop; e--) {
          if (keys[e] !== key || tags[e] !== tag) continue;
          if (count === limit) {
            count++;
            break;
          }
          out[begin + count++] = slots[e]!;
        }
      }
      begins[i] = begin;
      counts[i] = count;
      written = begin + Math.min(count, limit);
    }
  }

  /** Bytes held by the arrays, allocated (including room to grow) and in use. */
  bytes(): { allocated: number; used: number } {
    const arrays = [this.starts, this.keys, this.tags, this.slots];
    const memories = [this.startsMemory, this.keysMemory, this.tagsMemory, this.slotsMemory];
    const filter = this.presence?.words.byteLength ?? 0;
    const recent = this.recent.bytes();
    let used = filter;
    // The memories are whole pages, and keep what they grew to.
    let allocated = filter;
    for (let i = 0; i < arrays.length; i++) {
      used += arrays[i]!.byteLength;
      allocated += memories[i]!.holds(arrays[i]!) ? memories[i]!.bytes : arrays[i]!.byteLength;
    }
    return { allocated: allocated + recent.allocated, used: used + recent.used };
  }

  /**
   * Moves the recent entries into the packed table (re-cut for the new total), leaving out dropped slots.
   * The recent entries are first grouped by their new bucket (a counting sort, stable, so each bucket keeps
   * insertion order), the packed entries re-cut in place when the buckets grow (recut), and then each bucket
   * is written as its old entries followed by its recent ones: every copy into the large arrays is sequential.
   * (Scattering the recent entries straight into the new array cost a cache miss each, most of an insert's
   * time in a large index.)
   */
  private pack(drop: ((slot: number) => boolean) | undefined): void {
    this.packs++;
    const dropped = drop ?? keepAll;
    const recent = this.recent.all();
    // Its entries are copied out: given back before the large arrays are worked on, not after.
    this.recent.clear();
    const total = this.slots.length + recent.low.length;
    let bits = this.bits;
    while (bits < 30 && total > PACKED_ENTRIES_PER_BUCKET * 2 ** bits) bits++;
    const buckets = 1 << bits;
    const mask = buckets - 1;
    // Recent entries grouped by new bucket: counts, then stable placement.
    const recentStarts = tableWords(buckets + 1);
    const count = recent.low.length;
    let kept = 0;
    for (let e = 0; e < count; e++) {
      if (dropped(recent.slot[e]!)) continue;
      recentStarts[(recent.low[e]! & mask) + 1]!++;
      kept++;
    }
    for (let bucket = 0; bucket < buckets; bucket++) recentStarts[bucket + 1]! += recentStarts[bucket]!;
    const grouped = tableWords(2 * kept);
    const place = recentStarts.slice(0, buckets);
    for (let e = 0; e < count; e++) {
      const slot = recent.slot[e]!;
      if (dropped(slot)) continue;
      const low = recent.low[e]!;
      const at = place[low & mask]!++;
      grouped[2 * at] = (low >>> 16) | (recent.tag[e]! << 16);
      grouped[2 * at + 1] = slot;
    }
    release(recent.low);
    release(recent.slot);
    if (bits > this.bits || drop !== undefined) this.recut(bits, dropped);
    this.packSameBuckets(recentStarts, grouped);
    release(recentStarts);
    release(grouped);
    // A table with a filter keeps it sized to it; one without builds it once lookups pay for it (presenceFor).
    if (this.presence !== undefined && this.slots.length > this.presence.capacity) this.buildPresence();
  }

  /** A presence filter of every entry, packed and recent. */
  private buildPresence(): PresenceFilter {
    const presence = new PresenceFilter(this.size);
    const starts = this.starts;
    const keys = this.keys;
    const tags = this.tags;
    const buckets = starts.length - 1;
    for (let bucket = 0; bucket < buckets; bucket++) {
      // The bucket is the key's low bits (16 or more): with the stored bits 16-31, the whole low word.
      const lowBits = bucket & 0xffff;
      for (let e = starts[bucket]!, end = starts[bucket + 1]!; e < end; e++) presence.add(((keys[e]! << 16) | lowBits) >>> 0, tags[e]!);
    }
    this.recent.addKeysTo(presence);
    this.presence = presence;
    return presence;
  }

  /**
   * Re-cuts the packed entries into 2^bits buckets, leaving out dropped slots, in their own arrays: a new bucket
   * takes entries from exactly one old bucket (bits only grow), old bucket b splitting into the new buckets
   * b + j * oldBuckets, told apart by the stored key bits (oldBits - 16) and up. So the new order is the old one
   * stably partitioned by j: done a chunk of entries at a time through scratch columns of RECUT_CHUNK_SHARE of
   * the table, shifting the parts placed so far to make room (memmoves). Writing a second table beside the
   * first took a 300,000-article ingest from 566 to 628 MB peak RSS (BENCHMARKS.md).
   */
  private recut(bits: number, dropped: (slot: number) => boolean): void {
    const oldBits = this.bits;
    const oldStarts = this.starts;
    const oldBuckets = oldStarts.length - 1;
    const buckets = 1 << bits;
    const split = bits - oldBits;
    const parts = 1 << split;
    const shift = oldBits - 16;
    const splitMask = parts - 1;
    const keys = this.keys;
    const tags = this.tags;
    const slots = this.slots;
    const entries = slots.length;
    // The new buckets' starts, from the entries that stay.
    const starts = tableWords(buckets + 1);
    for (let bucket = 0; bucket < oldBuckets; bucket++) {
      for (let i = oldStarts[bucket]!; i < oldStarts[bucket + 1]!; i++) {
        if (!dropped(slots[i]!)) starts[bucket + ((keys[i]! >>> shift) & splitMask) * oldBuckets + 1]!++;
      }
    }
    for (let bucket = 0; bucket < buckets; bucket++) starts[bucket + 1]! += starts[bucket]!;
    // The entries placed so far, [0, placed), are part 0 (j = 0), then part 1, ...: part j ends at ends[j].
    const ends = new Array<number>(parts).fill(0);
    const chunk = Math.max(MIN_RECUT_CHUNK, Math.ceil(entries * RECUT_CHUNK_SHARE));
    const scratchSlots = tableWords(Math.min(chunk, entries));
    const scratchKeys = new Uint16Array(Math.min(chunk, entries));
    const scratchTags = new Uint8Array(Math.min(chunk, entries));
    const counts = new Array<number>(parts);
    const fill = new Array<number>(parts);
    for (let from = 0; from < entries; from += chunk) {
      const to = Math.min(entries, from + chunk);
      // The chunk into scratch, grouped by part, each part in order (a stable counting sort).
      counts.fill(0);
      for (let i = from; i < to; i++) if (!dropped(slots[i]!)) counts[(keys[i]! >>> shift) & splitMask]!++;
      for (let j = 0, at = 0; j < parts; j++) {
        fill[j] = at;
        at += counts[j]!;
      }
      for (let i = from; i < to; i++) {
        const slot = slots[i]!;
        if (dropped(slot)) continue;
        const at = fill[(keys[i]! >>> shift) & splitMask]!++;
        scratchKeys[at] = keys[i]!;
        scratchTags[at] = tags[i]!;
        scratchSlots[at] = slot;
      }
      // Part j of what is placed moves right by the chunk's parts before it (the last part first, so nothing
      // is written over before it has moved; the chunk's own place is free, it is in scratch), and the chunk's
      // part j follows it.
      let before = 0;
      for (let j = 0; j < parts; j++) before += counts[j]!;
      for (let j = parts - 1; j >= 0; j--) {
        before -= counts[j]!;
        const begin = j === 0 ? 0 : ends[j - 1]!;
        const end = ends[j]!;
        if (before > 0 && end > begin) {
          keys.copyWithin(begin + before, begin, end);
          tags.copyWithin(begin + before, begin, end);
          slots.copyWithin(begin + before, begin, end);
        }
        const chunkBegin = j === 0 ? 0 : fill[j - 1]!;
        keys.set(scratchKeys.subarray(chunkBegin, fill[j]!), end + before);
        tags.set(scratchTags.subarray(chunkBegin, fill[j]!), end + before);
        slots.set(scratchSlots.subarray(chunkBegin, fill[j]!), end + before);
      }
      for (let j = 0, total = 0; j < parts; j++) {
        total += counts[j]!;
        ends[j] = ends[j]! + total;
      }
    }
    release(scratchSlots);
    release(oldStarts);
    const kept = starts[buckets]!;
    this.bits = bits;
    this.starts = starts;
    this.keys = new Uint16Array(keys.buffer, keys.byteOffset, kept);
    this.tags = new Uint8Array(tags.buffer, tags.byteOffset, kept);
    this.slots = new Uint32Array(slots.buffer, slots.byteOffset, kept);
  }

  /**
   * pack()'s last step, the buckets as they are (re-cut before if need be): each bucket becomes its old run
   * followed by its recent run ([key bits 16-31 | tag << 16, slot] pairs, grouped by bucket). In place when the
   * columns are in their memories already (not a snapshot's arrays): from the last bucket to the first, each
   * entry moves right by the recent entries of the buckets before it, so every old entry is moved before
   * anything is written over it. Growing a memory detaches the old views; their entries are read from the new
   * ones, at the same places.
   */
  private packSameBuckets(recentStarts: Uint32Array, grouped: Uint32Array): void {
    const oldStarts = this.starts;
    const buckets = oldStarts.length - 1;
    const entries = this.slots.length + grouped.length / 2;
    const starts = tableWords(buckets + 1);
    for (let bucket = 0; bucket <= buckets; bucket++) starts[bucket] = oldStarts[bucket]! + recentStarts[bucket]!;
    const inPlace = this.keysMemory.holds(this.keys) && this.tagsMemory.holds(this.tags) && this.slotsMemory.holds(this.slots);
    const oldKeys = this.keys;
    const oldTags = this.tags;
    const oldSlots = this.slots;
    const keys = this.keysMemory.halves(entries);
    const tags = this.tagsMemory.bytesOf(entries);
    const slots = this.slotsMemory.words(entries);
    const fromKeys = inPlace ? keys : oldKeys;
    const fromTags = inPlace ? tags : oldTags;
    const fromSlots = inPlace ? slots : oldSlots;
    for (let bucket = buckets - 1; bucket >= 0; bucket--) {
      const shift = recentStarts[bucket]!;
      if (inPlace && shift === 0 && recentStarts[bucket + 1] === 0) continue;
      const to = starts[bucket]! + (oldStarts[bucket + 1]! - oldStarts[bucket]!);
      for (let i = oldStarts[bucket + 1]! - 1, stop = oldStarts[bucket]!; i >= stop; i--) {
        keys[i + shift] = fromKeys[i]!;
        tags[i + shift] = fromTags[i]!;
        slots[i + shift] = fromSlots[i]!;
      }
      for (let r = recentStarts[bucket]!, at = to, end = recentStarts[bucket + 1]!; r < end; r++, at++) {
        const word = grouped[2 * r]!;
        keys[at] = word & 0xffff;
        tags[at] = word >>> 16;
        slots[at] = grouped[2 * r + 1]!;
      }
    }
    this.keys = keys;
    this.tags = tags;
    this.slots = slots;
    // The starts into their memory (grown when the buckets were re-cut; oldStarts is read no more).
    release(oldStarts);
    const held = this.startsMemory.words(buckets + 1);
    held.set(starts);
    release(starts);
    this.starts = held;
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

/** Where one posting table's entries added after a mark begin. */
interface TableMark {
  packs: number;
  recent: number;
}

/** A table's entries (key low 32 bits, tag, slot), in the order they were added. */
export interface TableEntries {
  low: Uint32Array;
  tag: Uint8Array;
  slot: Uint32Array;
}

/** A point in a CopyIndex's adds (CopyIndex.mark). */
export interface CopyIndexMark {
  bands: TableMark;
  fingerprints: TableMark;
  added: number;
  live: number;
  highestSlot: number;
}

/** The entries of the articles added to a CopyIndex since a mark (CopyIndex.entriesSince). */
export interface CopyIndexEntries {
  bands: TableEntries;
  fingerprints: TableEntries;
  articles: number;
  highestSlot: number;
}

/** A CopyIndex as flat arrays: what a store keeps so that opening it does not add every article again. */
export interface CopyIndexSnapshot {
  bands: PackedPostings;
  fingerprints: PackedPostings;
  deleted: Uint8Array<ArrayBuffer>;
  live: number;
  added: number;
  highestSlot: number;
}

export class CopyIndex {
  private bands = new PostingTable();
  private fingerprintTable = new PostingTable();
  private deleted = new Uint8Array(1024);
  private readonly isDeletedSlot = (slot: number): boolean => this.isDeleted(slot);
  /** The packing's filter of deleted slots, or none while nothing was deleted (the common case, and faster). */
  private get dropDeleted(): ((slot: number) => boolean) | undefined {
    return this.live === this.added ? undefined : this.isDeletedSlot;
  }
  private added = 0;
  /** Scratch for an article's distinct fingerprints. */
  private readonly distinct = new KeySet();
  /** Scratch of the batch lookups. */
  private readonly batch = new KeyBatch();
  /** A query's distinct keys: batch positions, valid where seenStamp holds the query's stamp. */
  private seen = new Int32Array(1024);
  private seenStamp = new Uint32Array(1024);
  private stamp = 0;
  private live = 0;
  private highestSlot = -1;

  /** Articles indexed and not deleted. */
  get size(): number {
    return this.live;
  }

  /** Articles ever added, deleted ones included. */
  get articlesAdded(): number {
    return this.added;
  }

  add(slot: number, bandKeys: CopyKeys, fingerprints: CopyKeys): void {
    if (!Number.isInteger(slot) || slot < 0 || slot > 0xffffffff) throw new RangeError(`slot must be an unsigned 32-bit integer, got ${slot}`);
    const drop = this.dropDeleted;
    this.bands.touch(bandKeys);
    this.fingerprintTable.touch(fingerprints);
    for (const key of bandKeys) this.bands.add(key, slot, drop);
    // Distinct fingerprints only: a phrase repeated inside one article is one piece of evidence. (Found in a
    // stamped set rather than by sorting a copy, which cost a quarter of an insert; the order in which one
    // article's keys are added changes no answer, since a key is held by an article at most once.)
    const distinct = this.distinct.begin(fingerprints.length);
    for (let i = 0; i < fingerprints.length; i++) if (distinct.insert(fingerprints[i]!)) this.fingerprintTable.add(fingerprints[i]!, slot, drop);
    this.highestSlot = Math.max(this.highestSlot, slot);
    this.live++;
    this.added++;
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
    const batch = this.batch;
    const lsh: number[] = [];
    if (bandKeys.length > 0) {
      batch.reserve(bandKeys.length, MAX_FINGERPRINT_POSTINGS);
      // A band key held by more than MAX_FINGERPRINT_POSTINGS articles is as common as a stock phrase; its
      // newest holders suffice. Keys the table surely does not hold are left out.
      const presence = this.bands.presenceFor(bandKeys.length);
      let m = 0;
      for (let k = 0; k < bandKeys.length; k++) {
        const key = bandKeys[k]!;
        if (presence === undefined || presence.mayHold(key >>> 0, tagOf(key))) batch.set(m++, key, MAX_FINGERPRINT_POSTINGS);
      }
      this.bands.collectMany(batch, m);
      for (let k = 0; k < m; k++) {
        const begin = batch.begins[k]!;
        const end = begin + Math.min(batch.counts[k]!, MAX_FINGERPRINT_POSTINGS);
        for (let h = begin; h < end; h++) {
          const slot = batch.holders[h]!;
          if (!this.isDeleted(slot) && !lsh.includes(slot)) lsh.push(slot);
        }
      }
    }
    const shared = new Map<number, number>();
    const total = fingerprints.length + probeKeys.length;
    if (total === 0) return { lsh, fingerprints: shared };
    batch.reserve(total, MAX_FINGERPRINT_POSTINGS + 1);
    // Distinct keys only; a probe equal to a fingerprint counts once, with the fingerprint's cap. Keys the table
    // surely does not hold are left out first (they would count for nothing, duplicates or not).
    let n = this.addDistinct(fingerprints, false, 0, total);
    n = this.addDistinct(probeKeys, true, n, total);
    if (n === 0) return { lsh, fingerprints: shared };
    this.fingerprintTable.collectMany(batch, n);
    // Keys held by more articles than their cap count for none (collectMany stopped at cap + 1).
    const hits = batch.holders;
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const count = batch.counts[k]!;
      if (count > batch.limits[k]!) continue;
      const begin = batch.begins[k]!;
      for (let h = begin; h < begin + count; h++) {
        const slot = hits[h]!;
        if (!this.isDeleted(slot)) hits[kept++] = slot;
      }
    }
    if (kept === 0) return { lsh, fingerprints: shared };
    // Count shared keys per slot by sorting the hits (each key holds a slot at most once).
    const slots = hits.subarray(0, kept).sort();
    for (let h = 0; h < kept; ) {
      const slot = slots[h]!;
      let end = h + 1;
      while (end < kept && slots[end] === slot) end++;
      shared.set(slot, end - h);
      h = end;
    }
    return { lsh, fingerprints: shared };
  }

  /**
   * The whole index as flat arrays (packing what was added since the last packing first, which changes no
   * answer: a key's slots come newest first whichever part holds them). The arrays are the index's own, and
   * valid until it next packs (an add may): write or copy them before adding more.
   */
  snapshot(): CopyIndexSnapshot {
    const drop = this.dropDeleted;
    return {
      bands: this.bands.packedForm(drop),
      fingerprints: this.fingerprintTable.packedForm(drop),
      deleted: this.deleted,
      live: this.live,
      added: this.added,
      highestSlot: this.highestSlot,
    };
  }

  /** Where the entries added from now on begin: entriesSince(mark) gives them, to be stored beside a snapshot. */
  mark(): CopyIndexMark {
    return { bands: this.bands.mark(), fingerprints: this.fingerprintTable.mark(), added: this.added, live: this.live, highestSlot: this.highestSlot };
  }

  /**
   * The entries of the articles added since `mark`, in the order added (so addEntries on the index as it was at
   * the mark makes this index); undefined when a packing has moved them since, or an article was deleted.
   */
  entriesSince(mark: CopyIndexMark): CopyIndexEntries | undefined {
    if (this.live - mark.live !== this.added - mark.added) return undefined;
    const bands = this.bands.entriesSince(mark.bands);
    const fingerprints = this.fingerprintTable.entriesSince(mark.fingerprints);
    if (bands === undefined || fingerprints === undefined) return undefined;
    return { bands, fingerprints, articles: this.added - mark.added, highestSlot: this.highestSlot };
  }

  /**
   * Adds the articles of entriesSince's entries without their sketches: each table takes the entries in the
   * order the articles' adds made them, which is the table those adds would make (and packs where they would).
   */
  addEntries(entries: CopyIndexEntries): void {
    const drop = this.dropDeleted;
    this.bands.addEntries(entries.bands, drop);
    this.fingerprintTable.addEntries(entries.fingerprints, drop);
    this.highestSlot = Math.max(this.highestSlot, entries.highestSlot);
    this.live += entries.articles;
    this.added += entries.articles;
  }

  /** The index a snapshot was taken of; it keeps the snapshot's arrays and grows from there. */
  static fromSnapshot(snapshot: CopyIndexSnapshot): CopyIndex {
    const index = new CopyIndex();
    index.bands = PostingTable.fromPacked(snapshot.bands);
    index.fingerprintTable = PostingTable.fromPacked(snapshot.fingerprints);
    index.deleted = snapshot.deleted.length > 0 ? snapshot.deleted : new Uint8Array(1024);
    index.live = snapshot.live;
    index.added = snapshot.added;
    index.highestSlot = snapshot.highestSlot;
    return index;
  }

  /**
   * Appends the keys of `keys` that the fingerprint table may hold and that are not yet in the batch (keys
   * 0..n) to it, with their caps, and returns the new count. Seen keys are found in a small open-addressed
   * table of batch positions, stamped per query so it is never cleared: a sort of the few hundred doubles of
   * a query cost more.
   */
  private addDistinct(keys: CopyKeys, probes: boolean, n: number, total: number): number {
    const batch = this.batch;
    let size = this.seen.length;
    if (size < 2 * total) {
      while (size < 2 * total) size *= 2;
      this.seen = new Int32Array(size);
      this.seenStamp = new Uint32Array(size);
    }
    if (n === 0 && ++this.stamp === 0xffffffff) {
      this.seenStamp.fill(0);
      this.stamp = 1;
    }
    const seen = this.seen;
    const stamps = this.seenStamp;
    const stamp = this.stamp;
    const mask = size - 1;
    const presence = this.fingerprintTable.presenceFor(keys.length);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const low = key >>> 0;
      const tag = tagOf(key);
      if (presence !== undefined && !presence.mayHold(low, tag)) continue;
      const rest = (low >>> 16) | (tag << 16);
      let at = (low ^ (rest >>> 16)) & mask;
      let found = false;
      while (stamps[at] === stamp) {
        const other = seen[at]!;
        if (batch.low[other] === low && batch.rest[other] === rest) {
          found = true;
          break;
        }
        at = (at + 1) & mask;
      }
      if (found) continue;
      stamps[at] = stamp;
      seen[at] = n;
      batch.set(n++, key, probes ? MAX_PROBE_POSTINGS : isSkeletonKey(key) ? MAX_SKELETON_POSTINGS : MAX_FINGERPRINT_POSTINGS);
    }
    return n;
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
