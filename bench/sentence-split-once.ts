// Sentence splitting as ingest meets it: every article of a JSON Lines corpus split once, in a fresh process, so
// wink reads each paragraph for the first time (bench/sentence-split.ts times rounds over paragraphs that its
// preparation already split, where a wink that keeps the words it read has them all).
//   node --import tsx bench/sentence-split-once.ts CORPUS.jsonl [--lines N] [--root DIR]
// --root: the checkout whose src/ is measured (for an A/B against another build, run alternately).
// --digest: instead, a SHA-256 of every article's sentence spans (equal across checkouts when every split is).
// --allocation: instead of CPU, the bytes allocated while splitting (V8's sampling heap profiler, objects later
// collected included, randomness suppressed so a run's figure repeats), an article, and by wink's lexicon `add`.
// Paragraphs are the text's blank-line-separated parts, as the stream corpus writes them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sentences from '../src/text/sentences.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const root = resolve(option('--root') ?? join(import.meta.dirname, '..'));
const { splitSentences } = (await import(pathToFileURL(join(root, 'src/text/sentences.ts')).href)) as typeof Sentences;
const corpus = args[0]!;
const lines = Number(option('--lines') ?? 5000);
/** Bytes between allocation samples (--allocation): small against the ~100 KB an article, so the estimate is close. */
const ALLOCATION_SAMPLE_BYTES = 1024;

const texts = readFileSync(corpus, 'utf8').split('\n').filter((line) => line !== '').slice(0, lines)
  .map((line) => (JSON.parse(line) as { text?: string }).text ?? '');
const paragraphsOf = (text: string) => {
  const spans: { start: number; end: number }[] = [];
  let at = 0;
  for (const part of text.split(/(\n\s*\n)/)) {
    if (!/^\n\s*\n$/.test(part)) spans.push({ start: at, end: at + part.length });
    at += part.length;
  }
  return spans;
};
const paragraphs = texts.map(paragraphsOf);
// Loads wink and its model (0.2 s) outside the timing; these words are in wink's own lexicon.
splitSentences('Warm up. Mr. Smith went home.', [{ start: 0, end: 29 }]);
if (args.includes('--digest')) {
  const hash = createHash('sha256');
  let count = 0;
  for (let index = 0; index < texts.length; index++) {
    const spans = splitSentences(texts[index]!, paragraphs[index]!);
    count += spans.length;
    hash.update(`${index}:${spans.map((span) => `${span.start}-${span.end}/${span.paragraph}`).join(',')}\n`);
  }
  console.log(`${root}: ${texts.length} articles, ${count} sentences, spans ${hash.digest('hex').slice(0, 16)}`);
  process.exit(0);
}
if (args.includes('--allocation')) {
  const total = await allocated(() => {
    for (let index = 0; index < texts.length; index++) splitSentences(texts[index]!, paragraphs[index]!);
  });
  console.log(`${root}: ${texts.length} articles split once, allocated ${(total.all / texts.length / 1024).toFixed(1)} KB an article, ` +
    `wink's lexicon add ${(total.add / texts.length / 1024).toFixed(1)} KB (inclusive)`);
  process.exit(0);
}
const before = process.cpuUsage();
for (let index = 0; index < texts.length; index++) splitSentences(texts[index]!, paragraphs[index]!);
const used = process.cpuUsage(before);
console.log(`${root}: ${texts.length} articles split once, ${((used.user + used.system) / 1000).toFixed(0)} CPU ms`);

/** Bytes allocated while `run` runs, all and under wink's cache `add`, sampled every ALLOCATION_SAMPLE_BYTES. */
async function allocated(run: () => void): Promise<{ all: number; add: number }> {
  // Every ALLOCATION_SAMPLE_BYTES-th byte, not a random one, so the figure is the same run after run.
  setFlagsFromString('--sampling-heap-profiler-suppress-randomness');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: ALLOCATION_SAMPLE_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  run();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  type Node = { callFrame: { functionName: string; url: string }; selfSize: number; children: Node[] };
  let all = 0;
  let add = 0;
  const walk = (node: Node, underAdd: boolean) => {
    const here = underAdd || (node.callFrame.functionName === 'add' && node.callFrame.url.endsWith('wink-nlp/src/cache.js'));
    all += node.selfSize;
    if (here) add += node.selfSize;
    for (const child of node.children) walk(child, here);
  };
  walk(profile.head as Node, false);
  return { all, add };
}
