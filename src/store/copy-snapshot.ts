// The copy index's stored snapshot: its flat arrays (sketch/copy-index.ts CopyIndexSnapshot) cut into pieces, so
// that a process opening the store reads a few blobs instead of decoding and adding every article's sketch again
// (37 us an article on the 10k stream: 3.7 s at 100k). The sketches stay the source of truth: a snapshot is
// taken at a slot, articles stored after it are added from their sketches, and a snapshot made before a
// deletion is not used (the store then loads from the sketches and snapshots afresh).
import { postingsFromPairs, type CopyIndexEntries, type CopyIndexSnapshot, type PackedPostings, type TableEntries } from '../sketch/copy-index.ts';
import { LITTLE_ENDIAN } from '../sketch/hash.ts';

/** The meta row holding the snapshot's header. */
export const COPY_SNAPSHOT_KEY = 'copy_snapshot';

/**
 * Bytes per stored piece of one array. SQLite copies a bound blob and then builds the row around it, so
 * writing a piece costs about twice its size in the malloc heap for a moment: 64 MB pieces took a process
 * from 146 to 291 MB peak RSS writing 96 MB of snapshot, 4 MB pieces to 171 (BENCHMARKS.md, "Ingest memory:
 * the copy index's snapshot in small pieces, its tables grown in place"). Reading joins the pieces, so any
 * piece size reads back.
 */
export const SNAPSHOT_PIECE_BYTES = 4 * 1024 * 1024;

/**
 * Articles added since the last snapshot before a new one is written: at least this many, so that a small store
 * is not rewritten per batch (loading this many from their sketches costs about 0.1 s)...
 */
export const SNAPSHOT_MIN_ARTICLES = 2048;
/**
 * ...and at least this share of those in the snapshot, so that the bytes written over a store's life stay
 * within about 1 / SHARE times its final snapshot, while opening adds at most this share from sketches.
 */
export const SNAPSHOT_SHARE = 1 / 16;

/** The snapshot's arrays are written as the machine holds them; a big-endian machine keeps none. */
export const SNAPSHOTS_SUPPORTED = LITTLE_ENDIAN;

export interface SnapshotHeader {
  /** Highest copy_sketches slot in the snapshot: later ones are added from their sketches. */
  slot: number;
  /** The store's copy-deletion count when it was taken: any later deletion makes it unusable. */
  deletions: number;
  /** SNAPSHOT_FORMAT when written (absent before format 2); for people reading the store: the parts decide. */
  format?: number;
  live: number;
  added: number;
  highestSlot: number;
}

/**
 * The snapshot's format. 2: each table's entries in three columns (sketch/copy-index.ts PackedPostings), the parts
 * '*.keys' (16-bit), '*.tags' (8-bit) and '*.slots'; 1 (sessions 17-23): [key, slot] pairs in the parts '*.packed',
 * still read (turned into columns once, at open). The part names, not the header, tell the formats apart: a build
 * that knows only format 1 finds no '*.packed' part in a format 2 snapshot and loads from the sketches, and one
 * that rewrites the snapshot deletes every part first, so the two are never mixed.
 */
export const SNAPSHOT_FORMAT = 2;

export const SNAPSHOT_PARTS = [
  'bands.starts',
  'bands.keys',
  'bands.tags',
  'bands.slots',
  'fingerprints.starts',
  'fingerprints.keys',
  'fingerprints.tags',
  'fingerprints.slots',
  'deleted',
] as const;
/** The parts of a format 1 snapshot. */
export const PAIRED_SNAPSHOT_PARTS = ['bands.starts', 'bands.packed', 'fingerprints.starts', 'fingerprints.packed', 'deleted'] as const;
type PartName = (typeof SNAPSHOT_PARTS)[number];

/** Bytes of one element of a part. */
function elementBytes(part: string): number {
  return part.endsWith('.keys') ? 2 : part.endsWith('.tags') || part === 'deleted' ? 1 : 4;
}

/** The parts only a format 1 snapshot has (its [key, slot] pairs): their names tell the formats apart. */
const PAIRED_ONLY_PARTS: readonly string[] = PAIRED_SNAPSHOT_PARTS.filter((part) => !(SNAPSHOT_PARTS as readonly string[]).includes(part));

/** True when a stored snapshot's parts (by name) are format 1: read as columns, converted at every open until rewritten. */
export function isOlderSnapshotFormat(parts: Iterable<string>): boolean {
  for (const part of parts) if (PAIRED_ONLY_PARTS.includes(part)) return true;
  return false;
}

/** True when `added` articles in the index, `inSnapshot` of them in the stored snapshot, call for a new one. */
export function snapshotDue(added: number, inSnapshot: number): boolean {
  return added - inSnapshot >= Math.max(SNAPSHOT_MIN_ARTICLES, inSnapshot * SNAPSHOT_SHARE);
}

/** The snapshot's header and its arrays cut into pieces (views on the index's own arrays, not copies). */
export function snapshotPieces(snapshot: CopyIndexSnapshot, slot: number, deletions: number): { header: SnapshotHeader; pieces: { part: PartName; piece: number; data: Uint8Array }[] } {
  const arrays: Record<PartName, Uint32Array | Uint16Array | Uint8Array> = {
    'bands.starts': snapshot.bands.starts,
    'bands.keys': snapshot.bands.keys,
    'bands.tags': snapshot.bands.tags,
    'bands.slots': snapshot.bands.slots,
    'fingerprints.starts': snapshot.fingerprints.starts,
    'fingerprints.keys': snapshot.fingerprints.keys,
    'fingerprints.tags': snapshot.fingerprints.tags,
    'fingerprints.slots': snapshot.fingerprints.slots,
    deleted: snapshot.deleted,
  };
  const pieces: { part: PartName; piece: number; data: Uint8Array }[] = [];
  for (const part of SNAPSHOT_PARTS) {
    const array = arrays[part];
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    // An empty array is one empty piece, so every part is present.
    for (let start = 0, piece = 0; piece === 0 || start < bytes.length; start += SNAPSHOT_PIECE_BYTES, piece++) {
      pieces.push({ part, piece, data: bytes.subarray(start, Math.min(bytes.length, start + SNAPSHOT_PIECE_BYTES)) });
    }
  }
  return { header: { slot, deletions, format: SNAPSHOT_FORMAT, live: snapshot.live, added: snapshot.added, highestSlot: snapshot.highestSlot }, pieces };
}

/**
 * The snapshot from its stored pieces (in piece order per part); undefined when a part is missing. With `sizes`
 * (each part's bytes), every piece is copied into its part as it comes, so a reader that iterates the rows holds
 * one piece at a time beside the joined parts, not every piece (36 MB at 100,000 articles) as well.
 */
export function snapshotFromPieces(header: SnapshotHeader, rows: Iterable<{ part: string; data: Uint8Array }>, sizes?: ReadonlyMap<string, number>): CopyIndexSnapshot | undefined {
  const joined = new Map<string, { bytes: Uint8Array; at: number }>();
  const lists = new Map<string, Uint8Array[]>();
  for (const row of rows) {
    const size = sizes?.get(row.part);
    if (size === undefined) {
      const list = lists.get(row.part) ?? [];
      list.push(row.data);
      lists.set(row.part, list);
      continue;
    }
    let part = joined.get(row.part);
    if (part === undefined) {
      part = { bytes: new Uint8Array(size), at: 0 };
      joined.set(row.part, part);
    }
    if (part.at + row.data.length > size) return undefined;
    part.bytes.set(row.data, part.at);
    part.at += row.data.length;
  }
  for (const [name, list] of lists) {
    const bytes = new Uint8Array(list.reduce((sum, piece) => sum + piece.length, 0));
    let at = 0;
    for (const piece of list) {
      bytes.set(piece, at);
      at += piece.length;
    }
    joined.set(name, { bytes, at });
  }
  const whole = (part: string, wordBytes: number): ArrayBuffer | undefined => {
    const found = joined.get(part);
    if (found === undefined || found.at !== found.bytes.length || found.at % wordBytes !== 0) return undefined;
    return found.bytes.buffer as ArrayBuffer;
  };
  const paired = isOlderSnapshotFormat(joined.keys());
  const parts = (paired ? PAIRED_SNAPSHOT_PARTS : SNAPSHOT_PARTS).map((part) => whole(part, elementBytes(part)));
  if (parts.some((part) => part === undefined)) return undefined;
  let bands: PackedPostings;
  let fingerprints: PackedPostings;
  let deleted: ArrayBuffer;
  if (paired) {
    // A format 1 snapshot: checked as CopyIndex.fromSnapshot would (a damaged one is not converted), then made columns.
    const [bandStarts, bandPairs, fingerprintStarts, fingerprintPairs, deletedPart] = parts as ArrayBuffer[];
    const forms = [new Uint32Array(bandStarts!), new Uint32Array(bandPairs!), new Uint32Array(fingerprintStarts!), new Uint32Array(fingerprintPairs!)] as const;
    if (forms[0].length < 2 || forms[0][forms[0].length - 1] !== forms[1].length / 2 || forms[2].length < 2 || forms[2][forms[2].length - 1] !== forms[3].length / 2) return undefined;
    bands = postingsFromPairs(forms[0], forms[1]);
    fingerprints = postingsFromPairs(forms[2], forms[3]);
    deleted = deletedPart!;
  } else {
    const [bandStarts, bandKeys, bandTags, bandSlots, fingerprintStarts, fingerprintKeys, fingerprintTags, fingerprintSlots, deletedPart] = parts as ArrayBuffer[];
    bands = { starts: new Uint32Array(bandStarts!), keys: new Uint16Array(bandKeys!), tags: new Uint8Array(bandTags!), slots: new Uint32Array(bandSlots!) };
    fingerprints = { starts: new Uint32Array(fingerprintStarts!), keys: new Uint16Array(fingerprintKeys!), tags: new Uint8Array(fingerprintTags!), slots: new Uint32Array(fingerprintSlots!) };
    deleted = deletedPart!;
  }
  return {
    bands,
    fingerprints,
    deleted: new Uint8Array(deleted),
    live: header.live,
    added: header.added,
    highestSlot: header.highestSlot,
  };
}

/**
 * The part holding the snapshot's tail: pieces written at commits between full snapshots, each with the entries
 * the index took for the articles of slots (from, to] in the order it took them, keyed by `from`. Opening adds
 * them as entries (CopyIndex.addEntries) from the snapshot's slot on, piece after piece while each starts where
 * the last ended, instead of decoding and adding those articles' sketches (at 100,000 articles up to 4,256 of
 * them, 80-140 ms of code run once, not yet optimized); a gap ends the tail and the sketches after it are added
 * as before. Each piece is bounded by its transaction's articles; a full snapshot deletes them all. Builds that
 * know no tail read it as an unknown part and ignore it.
 */
export const SNAPSHOT_TAIL_PART = 'tail';

/** The tail piece's layout version, its first word. */
const TAIL_FORMAT = 1;
/** Words of a tail piece's header: format, from, to, articles, highest slot, band entries, fingerprint entries. */
const TAIL_HEADER_WORDS = 7;

/** A tail piece: the entries of the articles of slots (from, to]. */
export interface SnapshotTail {
  from: number;
  to: number;
  entries: CopyIndexEntries;
}

/** A tail piece's bytes: the header words, then each table's low words and slots, then each table's tags. */
export function encodeSnapshotTail(tail: SnapshotTail): Uint8Array {
  const { bands, fingerprints } = tail.entries;
  const words = TAIL_HEADER_WORDS + 2 * bands.low.length + 2 * fingerprints.low.length;
  const bytes = new Uint8Array(4 * words + bands.tag.length + fingerprints.tag.length);
  const header = new Uint32Array(bytes.buffer, 0, words);
  header.set([TAIL_FORMAT, tail.from, tail.to, tail.entries.articles, tail.entries.highestSlot, bands.low.length, fingerprints.low.length]);
  let at = TAIL_HEADER_WORDS;
  for (const array of [bands.low, bands.slot, fingerprints.low, fingerprints.slot]) {
    header.set(array, at);
    at += array.length;
  }
  bytes.set(bands.tag, 4 * words);
  bytes.set(fingerprints.tag, 4 * words + bands.tag.length);
  return bytes;
}

/** A tail piece from its bytes; undefined when they are not one (another layout, or cut short). */
export function decodeSnapshotTail(data: Uint8Array): SnapshotTail | undefined {
  if (data.length < 4 * TAIL_HEADER_WORDS) return undefined;
  // Copied so the words are aligned (a blob read from SQLite may start anywhere).
  const bytes = data.slice();
  const header = new Uint32Array(bytes.buffer, 0, TAIL_HEADER_WORDS);
  const [format, from, to, articles, highestSlot, bandCount, fingerprintCount] = header as unknown as number[];
  const words = TAIL_HEADER_WORDS + 2 * bandCount! + 2 * fingerprintCount!;
  if (format !== TAIL_FORMAT || bytes.length !== 4 * words + bandCount! + fingerprintCount! || to! <= from! || highestSlot! > to!) return undefined;
  let at = 4 * TAIL_HEADER_WORDS;
  const wordsOf = (count: number): Uint32Array => {
    const array = new Uint32Array(bytes.buffer, at, count);
    at += 4 * count;
    return array;
  };
  const bandLow = wordsOf(bandCount!);
  const bandSlot = wordsOf(bandCount!);
  const fingerprintLow = wordsOf(fingerprintCount!);
  const fingerprintSlot = wordsOf(fingerprintCount!);
  const bands: TableEntries = { low: bandLow, slot: bandSlot, tag: bytes.subarray(at, at + bandCount!) };
  const fingerprints: TableEntries = { low: fingerprintLow, slot: fingerprintSlot, tag: bytes.subarray(at + bandCount!, at + bandCount! + fingerprintCount!) };
  return { from: from!, to: to!, entries: { bands, fingerprints, articles: articles!, highestSlot: highestSlot! } };
}
