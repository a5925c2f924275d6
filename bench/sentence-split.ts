// Sentence splitting on a corpus's paragraphs, in-process (issue 15, item 5).
//   node --import tsx bench/sentence-split.ts CORPUS.jsonl [--lines N] [--rounds R] [--agree] [--sample K] [--root DIR]
// CORPUS `dev`: every article of the development sets (DUC 2006, MMDS dev, WikiRef220, Multi-News) instead.
// --root: the checkout whose src/ is measured (another build, e.g. a clone of main, for an A/B in the same way).
// Prepares the first N articles (default 3,000), keeps their paragraphs, then:
// - the share of paragraphs' characters the fast path still hands to wink (winkReads);
// - R timed rounds of splitting every paragraph (sentenceSpans + joinedSpans), CPU ms, median;
// - with --agree: paragraphs whose sentences differ from wink's on the whole paragraph (should be 0);
// - with --sample K: K pieces handed to wink, each with the reason its possible boundaries were doubtful.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readDucClusters } from './lib/duc.ts';
import { MULTI_NEWS, readMmdsDev, readWikiref } from './lib/story-corpora.ts';
import type * as Jsonl from '../src/ingest/jsonl.ts';
import type * as Prepare from '../src/engine/prepare.ts';
import type * as Sentences from '../src/text/sentences.ts';

const args = process.argv.slice(2);
const rootAt = args.indexOf('--root');
const root = rootAt < 0 ? join(import.meta.dirname, '..') : resolve(args[rootAt + 1]!);
const load = async <T>(path: string) => (await import(pathToFileURL(join(root, path)).href)) as T;
const { parseJsonLine } = await load<typeof Jsonl>('src/ingest/jsonl.ts');
const { prepareArticle } = await load<typeof Prepare>('src/engine/prepare.ts');
const sentences = await load<typeof Sentences>('src/text/sentences.ts');
const { joinedSpans, sentenceSpans, winkSentences } = sentences;
// Older builds do not count what wink reads.
const counted = sentences.winkReads !== undefined;
const winkReads = sentences.winkReads ?? { pieces: 0, characters: 0 };
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at < 0 ? fallback : Number(args[at + 1]);
};
const corpus = args[0]!;
const lines = option('--lines', 3000);
const rounds = option('--rounds', 5);
const sample = option('--sample', 0);

const bodies: string[] = [];
const keep = (raw: Parameters<typeof prepareArticle>[0]) => {
  const prepared = prepareArticle(raw, 0);
  if (!prepared.ok) return;
  const { text, paragraphs } = prepared.article;
  for (const span of paragraphs) {
    const body = text.slice(span.start, span.end);
    if (body.trim() !== '') bodies.push(body);
  }
};
if (corpus === 'dev') {
  for (const cluster of await readDucClusters().catch(() => [])) for (const document of cluster.documents) keep(document.raw);
  for (const article of (await readMmdsDev()) ?? []) keep(article.raw);
  for (const article of (await readWikiref()) ?? []) keep(article.raw);
  for (const line of readFileSync(MULTI_NEWS, 'utf8').split('\n').filter((row) => row !== '')) {
    for (const text of (JSON.parse(line) as { documents: string[] }).documents) keep({ origin: { path: 'multi-news', format: 'text' }, text });
  }
} else {
  readFileSync(corpus, 'utf8').split('\n').slice(0, lines).forEach((line, index) => {
    const item = parseJsonLine(corpus, index + 1, line);
    if (item?.kind === 'article') keep(item.raw);
  });
}
const characters = bodies.reduce((sum, body) => sum + body.length, 0);

const split = (body: string) => joinedSpans(body, sentenceSpans(body));
winkReads.pieces = 0;
winkReads.characters = 0;
for (const body of bodies) split(body);
if (!counted) console.log(`${bodies.length} paragraphs, ${characters} characters; what wink reads is not counted in this build`);
else console.log(`${bodies.length} paragraphs, ${characters} characters; wink reads ${winkReads.pieces} pieces, ${winkReads.characters} characters (${((100 * winkReads.characters) / characters).toFixed(1)}%)`);

const times: number[] = [];
for (let round = 0; round < rounds; round++) {
  const before = process.cpuUsage();
  for (const body of bodies) split(body);
  const used = process.cpuUsage(before);
  times.push((used.user + used.system) / 1000);
}
const sorted = [...times].sort((a, b) => a - b);
if (rounds > 0) console.log(`split CPU ms per round: ${times.map((t) => t.toFixed(0)).join(' ')}; median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)}`);

if (args.includes('--agree')) {
  let differ = 0;
  for (const body of bodies) {
    if (JSON.stringify(split(body)) !== JSON.stringify(joinedSpans(body, winkSentences(body)))) {
      differ++;
      if (differ <= 10) console.log(`differs: ${JSON.stringify(body.slice(0, 300))}`);
    }
  }
  console.log(`${differ} of ${bodies.length} paragraphs differ from wink on the whole paragraph`);
}

if (sample > 0) {
  // The possible boundaries inside the pieces wink reads, shown with 20 characters either side.
  const seen: string[] = [];
  const original = winkSentences;
  void original;
  const step = Math.max(1, Math.floor(bodies.length / (sample * 5)));
  for (let index = 0; index < bodies.length && seen.length < sample; index += step) {
    const body = bodies[index]!;
    const before = winkReads.pieces;
    split(body);
    if (winkReads.pieces === before) continue;
    const marks = [...body.matchAll(/[.!?…\n\r\u3002\uFF01\uFF1F\uFF0E\u200B\u2060\uFEFF]/g)]
      .filter((found) => found.index! < body.length - 1)
      .map((found) => JSON.stringify(body.slice(Math.max(0, found.index! - 20), found.index! + 20)));
    seen.push(marks.join('\n    '));
  }
  for (const entry of seen) console.log(`  ${entry}`);
}
