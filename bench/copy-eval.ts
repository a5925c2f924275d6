// Copy detection at scale on a planted corpus (bench/copy-corpus.ts): precision and recall per relation
// kind, direction accuracy, articles per second, peak RSS and the copy index's bytes per article.
//
// Runs the copy-detection path directly, as the engine does per arriving article but without ingest,
// cleaning, story assignment or SQLite: sketch (shingles, one-permutation MinHash, LSH band keys, winnowed
// fingerprints) -> candidate search in the in-memory CopyIndex -> index insert -> seed-and-extend alignment
// and relation kind/direction for each candidate. Candidate texts are read back from the corpus file by
// byte offset (the corpus never sits in RAM); a small cache keeps recently profiled articles.
// In the same run, a plain 128-permutation MinHash + 32x4 LSH baseline (textbook hashing, a Map of band
// keys to arrays of ids) sketches and queries the first --baseline articles, and the speed ratio is quoted.
// Diagnostics (kept out of the rates): chance candidates (no planted pair) and how many of them share no
// 5-word shingle at all (index key collisions); direction accuracy split by the evidence that decided it.
//
// Run: node --import tsx bench/copy-corpus.ts --articles 10000 --out /tmp/newsfold-copies-10000
//      node --import tsx bench/copy-eval.ts --corpus /tmp/newsfold-copies-10000
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chooseCandidates, DEFAULT_SKETCH_SETTINGS, sketchArticle } from '../src/match/candidates.ts';
import { relatable, relate, type RelatableArticle } from '../src/match/relate.ts';
import type { Article, Relation } from '../src/model.ts';
import { CopyIndex } from '../src/sketch/copy-index.ts';
import { bandKeys, DEFAULT_LSH } from '../src/sketch/lsh.ts';
import { DEFAULT_MINHASH, K_PERMUTATIONS, minhash } from '../src/sketch/minhash.ts';
import { textShingleHashes } from '../src/sketch/shingles.ts';
import { normalizeForHash } from '../src/text/normalize.ts';
import { EXPECTED_RELATION, PLANTED_KINDS, type CorpusArticle, type PlantedKind, type PlantedRelation } from './copy-corpus.ts';

/** Articles per timing block; the reported rates are medians over blocks. */
const BLOCK = 5000;
/** Profiled articles kept in memory: copies follow their sources within 200 articles. */
const PROFILE_CACHE = 4096;
const READ_CHUNK = 1 << 20;

interface Line {
  offset: number;
  length: number;
  text: string;
}

/** The lines of a file with their byte offsets, read in chunks (never the whole file). */
function* linesOf(path: string): Generator<Line> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_CHUNK);
    let carry = Buffer.alloc(0);
    let carryOffset = 0;
    let position = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, READ_CHUNK, position);
      if (read === 0) break;
      position += read;
      let buffer = carry.length === 0 ? chunk.subarray(0, read) : Buffer.concat([carry, chunk.subarray(0, read)]);
      let start = 0;
      for (let newline = buffer.indexOf(10, start); newline >= 0; newline = buffer.indexOf(10, start)) {
        yield { offset: carryOffset + start, length: newline - start, text: buffer.toString('utf8', start, newline) };
        start = newline + 1;
      }
      carryOffset += start;
      carry = Buffer.from(buffer.subarray(start));
      buffer = carry;
    }
    if (carry.length > 0) yield { offset: carryOffset, length: carry.length, text: carry.toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

function articleOf(record: CorpusArticle, slot: number, withHash: boolean): Article {
  const article: Article = {
    id: record.id,
    contentHash: withHash ? createHash('sha1').update(normalizeForHash(record.text)).digest('hex') : '',
    origin: { path: 'corpus.jsonl', line: slot + 1, format: 'jsonl' },
    title: '',
    language: 'en',
    text: record.text,
    paragraphs: [],
    sentences: [],
    dropped: [],
    ingestedAt: slot,
  };
  if (record.published !== undefined) article.published = record.published;
  return article;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function pairKey(x: string, y: string): string {
  return x < y ? `${x} ${y}` : `${y} ${x}`;
}

const ns = () => process.hrtime.bigint();

/** The probe keys of a sketch where the code has them (issue 21 on), else none (so the harness also runs on older code, whose query ignores a third argument). */
function probeKeysOf(sketch: { probeKeys?: Float64Array }): Float64Array {
  return sketch.probeKeys ?? new Float64Array(0);
}

/**
 * True when two texts share at least one 5-word shingle, compared by two 32-bit hashes under different
 * seeds (64 bits: a chance match is negligible, unlike the index's own 32-bit keys).
 */
function sharesShingle(x: string, y: string): boolean {
  const { shingleSize, seed } = DEFAULT_MINHASH;
  const keysOf = (text: string): string[] => {
    const first = textShingleHashes(text, shingleSize, seed);
    const second = textShingleHashes(text, shingleSize, seed ^ SECOND_SEED);
    return Array.from(first, (hash, i) => `${hash}:${second[i]}`);
  };
  const held = new Set(keysOf(x));
  return keysOf(y).some((key) => held.has(key));
}
/** Another seed for the diagnostic's second shingle hash. */
const SECOND_SEED = 0x5bd1e995;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, baseline: { type: 'string', default: '100000' }, 'show-errors': { type: 'string', default: '0' } } });
  const showErrors = Number(values['show-errors']);
  const dir = values.corpus;
  if (dir === undefined || !existsSync(join(dir, 'corpus.jsonl'))) {
    console.log(`copy-eval: no corpus at ${dir ?? '(none given)'}; make one with bench/copy-corpus.ts (it needs ../shared/data). Skipping.`);
    return;
  }
  const corpusPath = join(dir, 'corpus.jsonl');
  const planted = new Map<string, PlantedRelation>();
  for (const line of readFileSync(join(dir, 'truth.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const relation = JSON.parse(line) as PlantedRelation;
    planted.set(pairKey(relation.source, relation.copy), relation);
  }

  // Byte offset and length of each article's line, for reading candidates back.
  let offsets = new Float64Array(1 << 16);
  let lengths = new Uint32Array(1 << 16);
  const fd = openSync(corpusPath, 'r');
  const cache = new Map<number, RelatableArticle>();
  const loadRelatable = (slot: number): RelatableArticle => {
    let cached = cache.get(slot);
    if (cached !== undefined) {
      cache.delete(slot);
      cache.set(slot, cached);
      return cached;
    }
    const buffer = Buffer.allocUnsafe(lengths[slot]!);
    readSync(fd, buffer, 0, buffer.length, offsets[slot]!);
    cached = relatable(articleOf(JSON.parse(buffer.toString('utf8')) as CorpusArticle, slot, true));
    if (cache.size >= PROFILE_CACHE) cache.delete(cache.keys().next().value!);
    cache.set(slot, cached);
    return cached;
  };

  const index = new CopyIndex();
  const found: Relation[] = [];
  let slot = 0;
  let textBytes = 0;
  const candidateDigest = createHash('sha1');
  const relationDigest = createHash('sha1');
  let candidatesAligned = 0;
  /** Planted pairs that candidate search put forward (recall of candidate generation, before alignment). */
  const plantedCandidates = new Set<string>();
  let shown = 0;
  // Candidates that are no planted pair: chance candidates. Those sharing no 5-word shingle at all can only
  // come from key collisions in the index (not from real shared text).
  let chanceCandidates = 0;
  let chanceWithoutSharedShingle = 0;
  /** Time spent on the diagnostic above, taken out of every rate (it is no part of the path). */
  let diagnosticNs = 0n;
  let blockDiagnosticNs = 0n;
  let totalDiagnosticNs = 0n;
  let sketchNs = 0n;
  let searchNs = 0n;
  let insertNs = 0n;
  let relateNs = 0n;
  const blockRates: { sketchSearch: number[]; all: number[] } = { sketchSearch: [], all: [] };
  let blockSketchSearch = 0n;
  let blockSketchSearchCpuUs = 0;
  const cpuRates: number[] = [];
  let blockStart = ns();
  const wallStart = ns();
  const cpuStart = process.cpuUsage();
  for (const line of linesOf(corpusPath)) {
    if (line.text.trim() === '') continue;
    const record = JSON.parse(line.text) as CorpusArticle;
    if (slot === offsets.length) {
      const grownOffsets = new Float64Array(offsets.length * 2);
      grownOffsets.set(offsets);
      offsets = grownOffsets;
      const grownLengths = new Uint32Array(lengths.length * 2);
      grownLengths.set(lengths);
      lengths = grownLengths;
    }
    offsets[slot] = line.offset;
    lengths[slot] = line.length;
    textBytes += Buffer.byteLength(record.text);

    const c0 = process.cpuUsage();
    const t0 = ns();
    const article = articleOf(record, slot, false);
    const sketch = sketchArticle(article, DEFAULT_SKETCH_SETTINGS);
    const t1 = ns();
    const hits = index.query(sketch.bandKeys, sketch.fingerprints, probeKeysOf(sketch));
    const candidates = chooseCandidates(hits.lsh, hits.fingerprints, slot);
    const t2 = ns();
    candidateDigest.update(`${slot}:${candidates.join(',')}\n`);
    index.add(slot, sketch.bandKeys, sketch.fingerprints);
    const t3 = ns();
    const c1 = process.cpuUsage(c0);
    blockSketchSearchCpuUs += c1.user + c1.system;
    if (candidates.length > 0) {
      const arriving = loadRelatable(slot);
      for (const candidate of candidates) {
        candidatesAligned++;
        const other = loadRelatable(candidate);
        if (planted.has(pairKey(other.article.id, record.id))) plantedCandidates.add(pairKey(other.article.id, record.id));
        else {
          chanceCandidates++;
          const d0 = ns();
          if (!sharesShingle(other.article.text, record.text)) chanceWithoutSharedShingle++;
          diagnosticNs += ns() - d0;
        }
        const relation = relate(other, arriving);
        if (relation !== undefined) {
          const truth = planted.get(pairKey(other.article.id, record.id));
          const wrong = truth === undefined || EXPECTED_RELATION[truth.planted] !== relation.kind;
          if (wrong && shown < showErrors) {
            shown++;
            const excerpt = (text: string, span: { start: number; end: number }) => text.slice(span.start, span.end).replace(/\s+/g, ' ').slice(0, 300);
            const [src, cp] = relation.a === other.article.id ? [other.article, arriving.article] : [arriving.article, other.article];
            console.log(`WRONG ${relation.kind} ${relation.a} -> ${relation.b} (planted ${truth?.planted ?? 'none'}) score ${relation.score} passages ${relation.passages.length}`);
            for (const passage of relation.passages.slice(0, 3)) console.log(`   sim ${passage.similarity}\n   A: ${excerpt(src.text, passage.a)}\n   B: ${excerpt(cp.text, passage.b)}`);
          }
          found.push({ ...relation, passages: [] });
          relationDigest.update(`${relation.kind} ${relation.a} ${relation.b} ${relation.score}\n`);
        }
      }
    }
    const t4 = ns();
    sketchNs += t1 - t0;
    searchNs += t2 - t1;
    insertNs += t3 - t2;
    relateNs += t4 - t3 - diagnosticNs;
    blockDiagnosticNs += diagnosticNs;
    diagnosticNs = 0n;
    blockSketchSearch += t3 - t0;
    slot++;
    if (slot % BLOCK === 0) {
      const now = ns();
      blockRates.sketchSearch.push(BLOCK / (Number(blockSketchSearch) / 1e9));
      blockRates.all.push(BLOCK / (Number(now - blockStart - blockDiagnosticNs) / 1e9));
      totalDiagnosticNs += blockDiagnosticNs;
      blockDiagnosticNs = 0n;
      cpuRates.push(BLOCK / (blockSketchSearchCpuUs / 1e6));
      blockSketchSearch = 0n;
      blockSketchSearchCpuUs = 0;
      blockStart = now;
      if (slot % 100_000 === 0) console.error(`copy-eval: ${slot} articles, ${found.length} relations, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
    }
  }
  const wallS = Number(ns() - wallStart - totalDiagnosticNs - blockDiagnosticNs) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  closeSync(fd);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  const indexBytes = index.bytes();

  // Scores per kind.
  const reportedByKind = new Map<string, { total: number; correct: number }>();
  const recall = new Map<PlantedKind, { planted: number; right: number; anyKind: number; directed: number; candidates: number }>();
  for (const kind of PLANTED_KINDS) recall.set(kind, { planted: 0, right: 0, anyKind: 0, directed: 0, candidates: 0 });
  for (const [key, relation] of planted) {
    const entry = recall.get(relation.planted)!;
    entry.planted++;
    if (plantedCandidates.has(key)) entry.candidates++;
  }
  const foundByPair = new Map<string, Relation>();
  // Direction accuracy per kind of evidence, over planted pairs found (duplicates included).
  const directionByEvidence = new Map<string, { right: number; total: number }>();
  const evidenceOf = (reason: string): string =>
    /^published/.test(reason) ? 'publication-time' : /^containment/.test(reason) ? 'containment' : /dateline|byline/.test(reason) ? 'page-signs' : /ingest/.test(reason) ? 'first-ingest' : 'other';
  for (const relation of found) {
    const key = pairKey(relation.a, relation.b);
    foundByPair.set(key, relation);
    const truth = planted.get(key);
    const entry = reportedByKind.get(relation.kind) ?? { total: 0, correct: 0 };
    entry.total++;
    if (truth !== undefined && EXPECTED_RELATION[truth.planted] === relation.kind) entry.correct++;
    reportedByKind.set(relation.kind, entry);
  }
  let missesShown = 0;
  for (const [key, truth] of planted) {
    const relation = foundByPair.get(key);
    if (relation === undefined && missesShown < showErrors) {
      missesShown++;
      console.log(`MISSED ${truth.planted} ${truth.source} -> ${truth.copy}${plantedCandidates.has(key) ? ' (was a candidate: alignment found too little)' : ''}`);
    }
    if (relation === undefined) continue;
    const entry = recall.get(truth.planted)!;
    entry.anyKind++;
    if (relation.kind === EXPECTED_RELATION[truth.planted]) entry.right++;
    if (relation.a === truth.source) entry.directed++;
    const evidence = evidenceOf(relation.direction.reason);
    const byEvidence = directionByEvidence.get(evidence) ?? { right: 0, total: 0 };
    byEvidence.total++;
    if (relation.a === truth.source) byEvidence.right++;
    directionByEvidence.set(evidence, byEvidence);
  }

  console.log(`corpus ${dir}: ${slot} articles, mean text ${(textBytes / slot / 1024).toFixed(2)} KB, ${planted.size} planted relations`);
  console.log(`path: sketch -> CopyIndex search -> insert -> seed-and-extend align + relate, one process, one core`);
  console.log(`wall ${wallS.toFixed(1)} s, cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; whole path ${(slot / wallS).toFixed(0)} articles/s (median block ${median(blockRates.all).toFixed(0)})`);
  console.log(
    `sketch+candidate search+insert: median ${median(blockRates.sketchSearch).toFixed(0)} articles/s over ${blockRates.sketchSearch.length} blocks of ${BLOCK}` +
      ` by wall clock, ${median(cpuRates).toFixed(0)} by this process's CPU time (totals: sketch ${(Number(sketchNs) / 1e3 / slot).toFixed(1)} us, search ${(Number(searchNs) / 1e3 / slot).toFixed(1)} us, insert ${(Number(insertNs) / 1e3 / slot).toFixed(1)} us, align+relate ${(Number(relateNs) / 1e3 / slot).toFixed(1)} us per article)`,
  );
  // Digests of every article's candidate list (in order) and of every relation (kind, ends, score): two
  // checkouts that agree on these found the same candidates and made the same relations.
  console.log(`digests: candidates ${candidateDigest.digest('hex').slice(0, 16)}, relations ${relationDigest.digest('hex').slice(0, 16)}`);
  console.log(`candidates aligned: ${candidatesAligned} (${(candidatesAligned / slot).toFixed(3)} per article); relations reported: ${found.length}`);
  console.log(
    `chance candidates (no planted pair): ${chanceCandidates} (${(chanceCandidates / slot).toFixed(3)} per article), of which sharing no 5-word shingle (skeleton keys only, or index key collisions): ${chanceWithoutSharedShingle} (${(chanceWithoutSharedShingle / slot).toFixed(3)} per article)`,
  );
  console.log(
    `copy index RAM: ${(indexBytes.used / slot).toFixed(0)} bytes/article in use, ${(indexBytes.allocated / slot).toFixed(0)} allocated; peak RSS of the process ${peakRssMiB.toFixed(0)} MiB`,
  );
  for (const kind of PLANTED_KINDS) {
    const r = recall.get(kind)!;
    const expected = EXPECTED_RELATION[kind];
    const p = reportedByKind.get(expected) ?? { total: 0, correct: 0 };
    console.log(
      `  ${kind.padEnd(9)} planted ${String(r.planted).padStart(6)}  recall ${(r.right / Math.max(1, r.planted)).toFixed(4)} (candidate ${(r.candidates / Math.max(1, r.planted)).toFixed(4)})` +
        ` (pair found with any kind ${(r.anyKind / Math.max(1, r.planted)).toFixed(4)})  precision of "${expected}" ${(p.correct / Math.max(1, p.total)).toFixed(4)} (${p.correct}/${p.total})` +
        `  direction right ${(r.directed / Math.max(1, r.anyKind)).toFixed(4)}`,
    );
  }
  console.log(
    `direction by evidence (planted pairs found): ${[...directionByEvidence].map(([evidence, e]) => `${evidence} ${e.right}/${e.total} (${(e.right / Math.max(1, e.total)).toFixed(4)})`).join(', ')}`,
  );
  for (const [kind, entry] of reportedByKind) if (!Object.values(EXPECTED_RELATION).includes(kind)) console.log(`  reported ${kind}: ${entry.total}, none planted`);

  // Baseline: textbook 128-permutation MinHash + 32x4 LSH in a Map, on the first articles of the corpus.
  const baselineArticles = Math.min(slot, Number(values.baseline));
  const baselineParams = { ...DEFAULT_MINHASH, algorithm: K_PERMUTATIONS };
  const table = new Map<number, number[]>();
  const baselineRates: number[] = [];
  const mineRates: number[] = [];
  const mineIndex = new CopyIndex();
  let n = 0;
  let blockBaseline = 0n;
  let blockMine = 0n;
  let sink = 0;
  for (const line of linesOf(corpusPath)) {
    if (n >= baselineArticles) break;
    if (line.text.trim() === '') continue;
    const record = JSON.parse(line.text) as CorpusArticle;
    const t0 = ns();
    const keys = bandKeys(minhash(textShingleHashes(record.text, baselineParams.shingleSize, baselineParams.seed), baselineParams), DEFAULT_LSH);
    const hits = new Set<number>();
    for (const key of keys) {
      const list = table.get(key);
      if (list === undefined) table.set(key, [n]);
      else {
        for (const hit of list) hits.add(hit);
        list.push(n);
      }
    }
    sink += hits.size;
    const t1 = ns();
    // The shipped path on the same article, interleaved so both see the same machine load.
    const sketch = sketchArticle(articleOf(record, n, false), DEFAULT_SKETCH_SETTINGS);
    sink += mineIndex.query(sketch.bandKeys, sketch.fingerprints, probeKeysOf(sketch)).lsh.length;
    mineIndex.add(n, sketch.bandKeys, sketch.fingerprints);
    const t2 = ns();
    blockBaseline += t1 - t0;
    blockMine += t2 - t1;
    n++;
    if (n % BLOCK === 0) {
      baselineRates.push(BLOCK / (Number(blockBaseline) / 1e9));
      mineRates.push(BLOCK / (Number(blockMine) / 1e9));
      blockBaseline = 0n;
      blockMine = 0n;
    }
  }
  const base = median(baselineRates);
  const mine = median(mineRates);
  console.log(
    `same-run baseline on the first ${n} articles (interleaved per article): 128-permutation MinHash + LSH in a Map ${base.toFixed(0)} articles/s;` +
      ` shipped sketch + CopyIndex search + insert ${mine.toFixed(0)} articles/s; ratio ${(mine / base).toFixed(1)}x (sink ${sink % 7})`,
  );
}

await main();
