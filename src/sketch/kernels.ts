// The sketch's integer kernels, compiled from assembly/sketch.ts (AssemblyScript) to dist/wasm/sketch.wasm by
// `npm run build` (run by `npm ci`), loaded once a process. One linear memory holds the tables and the
// current text's working arrays, laid out by the module's reserve(): an article costs no allocation but its
// returned keys. Words the module's ASCII fast path cannot decide (non-ASCII, "U.S.") are handed back here and
// found by tokens.ts, the one definition of a word.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normalizeWord, wordEndAt } from '../text/tokens.ts';
import { hashString32 } from './hash.ts';

// The compiler's lib has no WebAssembly declarations (no DOM lib); the little used here, typed by hand.
interface WasmGlobal {
  value: number;
}
const WebAssemblyApi = (globalThis as unknown as {
  WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: unknown } };
}).WebAssembly;

interface Exports {
  memory: { buffer: ArrayBuffer };
  unitsAt: WasmGlobal;
  wordsAt: WasmGlobal;
  signatureAt: WasmGlobal;
  keysAt: WasmGlobal;
  aAt: WasmGlobal;
  bAt: WasmGlobal;
  cAt: WasmGlobal;
  stoppedAt: WasmGlobal;
  bandCount: WasmGlobal;
  fingerprintCount: WasmGlobal;
  probeCount: WasmGlobal;
  reserve(units: number, numPerm: number): number;
  wordPass(n: number, seed: number, from: number, count: number): number;
  shingles(from: number, n: number, k: number, into: number): number;
  bandKeysOf(values: number, bands: number, rows: number, into: number): void;
  onePermutation(from: number, n: number, bins: number, seed: number, into: number): void;
  winnow(from: number, n: number, window: number, into: number): number;
  setStopwords(count: number): void;
  stopwordsAt(): number;
  stopwordRoom(): number;
  skeletonOf(from: number, n: number, into: number): number;
  selectionWeights(skeleton: number, n: number, grams: number, gramCount: number, gram: number, into: number): void;
  sketch(
    wordCount: number, seed: number, numPerm: number, shingleSize: number, bands: number, rows: number, signatureGiven: number,
    winnowWindow: number, queryWindow: number, gram: number, indexWindow: number, skeletonQueryWindow: number,
  ): void;
}

/** dist/wasm/sketch.wasm, from src/sketch/ (tests, tsx) or from dist/src/sketch/ (the compiled program). */
function wasmFile(): string {
  const candidates = ['../../dist/wasm/sketch.wasm', '../../wasm/sketch.wasm'].map((path) => fileURLToPath(new URL(path, import.meta.url)));
  const found = candidates.find((file) => existsSync(file));
  if (found === undefined) throw new Error(`newsfold: ${candidates[0]} is missing; run \`npm run build\` (it compiles assembly/sketch.ts)`);
  // In a checkout, kernels edited after the last build would otherwise run stale without a word.
  const source = fileURLToPath(new URL('../../assembly/sketch.ts', import.meta.url));
  if (existsSync(source) && statSync(source).mtimeMs > statSync(found).mtimeMs) {
    throw new Error(`newsfold: ${source} changed after ${found} was built; run \`npm run build\``);
  }
  return found;
}

const wasm = new WebAssemblyApi.Instance(new WebAssemblyApi.Module(readFileSync(wasmFile()))).exports as unknown as Exports;

/** Views of the module's memory, made again whenever reserve() moves the layout (a grown memory detaches them). */
let bytes = Buffer.alloc(0);
let u32 = new Uint32Array(0);
let f64 = new Float64Array(0);
let unitsAt = 0;
let wordsAt = 0;
let signatureAt = 0;
let keysAt = 0;
let aAt = 0;
let bAt = 0;
let cAt = 0;

/** Room for a text of `units` code units and `numPerm` MinHash values. */
function reserve(units: number, numPerm: number): void {
  if (wasm.reserve(units, numPerm) === 0 && bytes.buffer === wasm.memory.buffer) return;
  const buffer = wasm.memory.buffer;
  bytes = Buffer.from(buffer);
  u32 = new Uint32Array(buffer);
  f64 = new Float64Array(buffer);
  unitsAt = wasm.unitsAt.value;
  wordsAt = wasm.wordsAt.value;
  signatureAt = wasm.signatureAt.value;
  keysAt = wasm.keysAt.value;
  aAt = wasm.aAt.value;
  bAt = wasm.bAt.value;
  cAt = wasm.cAt.value;
}
reserve(1, 1);

let stopwordSeed: number | undefined;
let stopwordSet: ReadonlySet<string> | undefined;
/** Gives the module the stopwords' word hashes under `seed` (once a set and seed: a process uses one). */
function useStopwords(stopwords: ReadonlySet<string>, seed: number): void {
  if (stopwordSeed === seed && stopwordSet === stopwords) return;
  if (stopwords.size > wasm.stopwordRoom()) throw new RangeError(`${stopwords.size} stopwords; the sketch module holds ${wasm.stopwordRoom()}`);
  const at = wasm.stopwordsAt() >>> 2;
  let k = 0;
  for (const word of stopwords) u32[at + k++] = hashString32(word, seed);
  wasm.setStopwords(k);
  stopwordSeed = seed;
  stopwordSet = stopwords;
}

/**
 * Copies the text's UTF-16 units into the module's memory and hashes its words there (wordHashes' definition:
 * hashString32 of each word as tokenize() finds and normalises it); returns the word count. Little-endian
 * 'utf16le' is the module's own byte order on every host.
 */
function wordPass(text: string, seed: number): number {
  const n = text.length;
  bytes.write(text, unitsAt, 2 * n, 'utf16le');
  bytes[unitsAt + 2 * n] = 0;
  bytes[unitsAt + 2 * n + 1] = 0;
  let count = 0;
  let i = 0;
  for (;;) {
    count = wasm.wordPass(n, seed >>> 0, i, count);
    i = wasm.stoppedAt.value;
    if (i >= n) return count;
    // The module stopped at a word it cannot decide: the one definition of a word does, from its start.
    const wordEnd = wordEndAt(text, i);
    if (wordEnd < 0) {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      continue;
    }
    u32[(wordsAt >>> 2) + count++] = hashString32(normalizeWord(text.slice(i, wordEnd)), seed);
    i = wordEnd;
  }
}

/** Word hashes of `text` under `seed` (shingles.ts wordHashes), in a fresh array. */
export function wordHashesOf(text: string, seed: number): Uint32Array {
  reserve(text.length, 1);
  const count = wordPass(text, seed);
  return u32.slice(wordsAt >>> 2, (wordsAt >>> 2) + count);
}

// One kernel at a time, for the library's functions (shingles.ts, winnow.ts, minhash.ts, lsh.ts, candidates.ts):
// the arguments are copied into regions a and b of the module's memory and the result out of region c (or b).

/** Copies `values` into region `at` after making room for `length` values a region; returns the region's index in u32. */
function put(values: Uint32Array, at: 'a' | 'b', room = values.length, numPerm = 1): number {
  reserve(2 * room + 2, numPerm);
  const offset = (at === 'a' ? aAt : bAt) >>> 2;
  u32.set(values, offset);
  return offset;
}

/** `count` values from the module's memory at `offset` (u32 index), into `into` when it has room, else a fresh array. */
function take(offset: number, count: number, into: Uint32Array | undefined): Uint32Array {
  const values = u32.subarray(offset, offset + count);
  if (into !== undefined && into.length >= count) {
    into.set(values);
    return into.subarray(0, count);
  }
  return values.slice();
}

/** The rolling window hashes of shingles.ts shinglesOfWordHashes (k >= 1, checked there). */
export function shinglesKernel(words: Uint32Array, k: number, into?: Uint32Array): Uint32Array {
  put(words, 'a');
  return take(bAt >>> 2, wasm.shingles(aAt, words.length, k, bAt), into);
}

/** winnow.ts winnowedPositions (window >= 1, checked there). */
export function winnowKernel(hashes: Uint32Array, window: number, into?: Uint32Array): Uint32Array {
  put(hashes, 'a');
  return take(cAt >>> 2, wasm.winnow(aAt, hashes.length, window, cAt), into);
}

/** minhash.ts's one-permutation signature of `bins` values (params checked there). */
export function onePermutationKernel(shingles: Uint32Array, bins: number, seed: number, into?: Uint32Array): Uint32Array {
  put(shingles, 'a', shingles.length, bins);
  wasm.onePermutation(aAt, shingles.length, bins, seed >>> 0, signatureAt);
  return take(signatureAt >>> 2, bins, into);
}

/** lsh.ts bandKeys (shape checked there); the band check tags are made only inside the module's sketch. */
export function bandKeysKernel(values: Uint32Array, bands: number, rows: number): Uint32Array {
  put(values, 'a');
  wasm.bandKeysOf(aAt, bands, rows, bAt);
  return take(bAt >>> 2, bands, undefined);
}

/** candidates.ts skeletonOf: the words' skeleton under `seed`'s stopword hashes. */
export function skeletonKernel(words: Uint32Array, seed: number, stopwords: ReadonlySet<string>, into?: Uint32Array): Uint32Array {
  put(words, 'a');
  useStopwords(stopwords, seed);
  return take(cAt >>> 2, wasm.skeletonOf(aAt, words.length, cAt), into);
}

/** candidates.ts selectionWeights: one weight a gram (grams.length of them). */
export function selectionWeightsKernel(skeleton: Uint32Array, grams: Uint32Array, gram: number, into?: Uint32Array): Uint32Array {
  put(skeleton, 'a');
  put(grams, 'b', skeleton.length);
  wasm.selectionWeights(aAt, skeleton.length, bAt, grams.length, gram, cAt);
  return take(cAt >>> 2, grams.length, into);
}

export interface SketchShape {
  seed: number;
  numPerm: number;
  shingleSize: number;
  bands: number;
  rows: number;
  winnowWindow: number;
  queryWindow: number;
  gram: number;
  indexWindow: number;
  skeletonQueryWindow: number;
  stopwords: ReadonlySet<string>;
  /** A signature made another way (the k-permutation reference) from the word hashes, instead of the module's. */
  signatureOf?: (words: Uint32Array) => Uint32Array;
}

export interface KernelSketch {
  signature: Buffer;
  keys: Float64Array;
  bandCount: number;
  fingerprintCount: number;
}

/** The whole sketch of `text` (candidates.ts sketchArticle): signature bytes and the key lists in one array. */
export function sketchText(text: string, shape: SketchShape): KernelSketch {
  // Room for the one-kernel calls signatureOf may make on the words (at most (n >> 1) + 1 of them) too, so
  // none of them moves the layout under the words.
  reserve(text.length + 4, shape.numPerm);
  useStopwords(shape.stopwords, shape.seed);
  const wordCount = wordPass(text, shape.seed);
  const given = shape.signatureOf !== undefined;
  if (given) u32.set(shape.signatureOf!(u32.slice(wordsAt >>> 2, (wordsAt >>> 2) + wordCount)), signatureAt >>> 2);
  wasm.sketch(
    wordCount, shape.seed >>> 0, shape.numPerm, shape.shingleSize, shape.bands, shape.rows, given ? 1 : 0,
    shape.winnowWindow, shape.queryWindow, shape.gram, shape.indexWindow, shape.skeletonQueryWindow,
  );
  const bandCount = wasm.bandCount.value;
  const fingerprintCount = wasm.fingerprintCount.value;
  const total = bandCount + fingerprintCount + wasm.probeCount.value;
  // Signature values are stored little-endian, the module's byte order: its bytes are the stored form.
  return {
    signature: Buffer.from(bytes.subarray(signatureAt, signatureAt + 4 * shape.numPerm)),
    keys: f64.slice(keysAt >>> 3, (keysAt >>> 3) + total),
    bandCount,
    fingerprintCount,
  };
}
