// Micro-benchmark: articles per second through tokenize -> shingles -> MinHash -> LSH band keys, on one core.
// 2,000 synthetic ~4 KB articles from a random vocabulary; median of 5 timed runs after one warm-up.
// Run: node --import tsx bench/sketch-speed.ts

import { bandKeys, DEFAULT_LSH } from '../src/sketch/lsh.ts';
import { DEFAULT_MINHASH, K_PERMUTATIONS, minhash } from '../src/sketch/minhash.ts';
import type { MinHashParams } from '../src/sketch/minhash.ts';
import { shingleHashes, textShingleHashes } from '../src/sketch/shingles.ts';
import { tokenize, wordNorms } from '../src/text/tokens.ts';
import { prng } from './lib/seeded.ts';

const ARTICLES = 2000;
const ARTICLE_CHARS = 4096;
const VOCABULARY = 20000;
const RUNS = 5;

function makeCorpus(): string[] {
  const rand = prng(20160120);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const vocab: string[] = [];
  for (let i = 0; i < VOCABULARY; i++) {
    const len = 2 + Math.floor(rand() * 8);
    let w = '';
    for (let j = 0; j < len; j++) w += letters[Math.floor(rand() * 26)];
    vocab.push(w);
  }
  const pick = (): string => vocab[Math.floor(Math.pow(rand(), 3) * VOCABULARY)]!; // skewed, like real text
  const corpus: string[] = [];
  for (let a = 0; a < ARTICLES; a++) {
    const parts: string[] = [];
    let size = 0;
    while (size < ARTICLE_CHARS) {
      const n = 8 + Math.floor(rand() * 20);
      const words: string[] = [];
      for (let i = 0; i < n; i++) words.push(pick());
      const first = words[0]!;
      words[0] = first.charAt(0).toUpperCase() + first.slice(1);
      const sentence = words.join(' ') + (rand() < 0.1 ? ',” he said.' : '.');
      parts.push(sentence);
      size += sentence.length + 1;
    }
    corpus.push(parts.join(rand() < 0.2 ? '\n\n' : ' '));
  }
  return corpus;
}

type Pipeline = (text: string) => number;

/** tokenize -> shingles -> MinHash -> band keys; returns a key so the work cannot be optimised away. */
function pipeline(shingles: (text: string, params: MinHashParams) => Uint32Array, params: MinHashParams): Pipeline {
  return (text) => bandKeys(minhash(shingles(text, params), params), DEFAULT_LSH)[0]!;
}

const fromText = (text: string, p: MinHashParams) => textShingleHashes(text, p.shingleSize, p.seed);
const fromNorms = (text: string, p: MinHashParams) => shingleHashes(wordNorms(text), p.shingleSize, p.seed);
const fromTokens = (text: string, p: MinHashParams) =>
  shingleHashes(tokenize(text).map((t) => t.norm), p.shingleSize, p.seed);

interface Rate {
  wall: number;
  cpu: number;
}

/** Median articles per second over RUNS runs, by wall clock and by this process's CPU time. */
function measure(corpus: string[], run: Pipeline): Rate {
  let sink = 0;
  for (const text of corpus.slice(0, 300)) sink ^= run(text); // warm-up: let the JIT settle
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for (const text of corpus) sink ^= run(text);
    const c1 = process.cpuUsage(c0);
    wall.push(corpus.length / (Number(process.hrtime.bigint() - t0) / 1e9));
    cpu.push(corpus.length / ((c1.user + c1.system) / 1e6));
  }
  if (sink === 0.5) console.log(sink); // keeps the work observable
  return { wall: median(wall), cpu: median(cpu) };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const corpus = makeCorpus();
const meanChars = corpus.reduce((s, t) => s + t.length, 0) / corpus.length;
const meanWords = corpus.reduce((s, t) => s + wordNorms(t).length, 0) / corpus.length;
console.log(`${ARTICLES} articles, mean ${meanChars.toFixed(0)} chars, ${meanWords.toFixed(0)} words; median of ${RUNS} runs`);
const kperm: MinHashParams = { ...DEFAULT_MINHASH, algorithm: K_PERMUTATIONS };
const rows: [string, Pipeline][] = [
  [`textShingleHashes + ${DEFAULT_MINHASH.algorithm} + bandKeys (hot path)`, pipeline(fromText, DEFAULT_MINHASH)],
  [`wordNorms + shingleHashes + ${DEFAULT_MINHASH.algorithm} + bandKeys`, pipeline(fromNorms, DEFAULT_MINHASH)],
  [`tokenize (with stems) + shingleHashes + ${DEFAULT_MINHASH.algorithm} + bandKeys`, pipeline(fromTokens, DEFAULT_MINHASH)],
  [`textShingleHashes + ${K_PERMUTATIONS} + bandKeys`, pipeline(fromText, kperm)],
];
console.log('articles/s (wall)  articles/s (cpu)  pipeline');
for (const [name, run] of rows) {
  const rate = measure(corpus, run);
  console.log(`${rate.wall.toFixed(0).padStart(17)}  ${rate.cpu.toFixed(0).padStart(16)}  ${name}`);
}
