// Sentence splitting as ingest meets it: every article of a JSON Lines corpus split once, in a fresh process, so
// wink reads each paragraph for the first time (bench/sentence-split.ts times rounds over paragraphs that its
// preparation already split, where a wink that keeps the words it read has them all).
//   node --import tsx bench/sentence-split-once.ts CORPUS.jsonl [--lines N] [--root DIR]
// --root: the checkout whose src/ is measured (for an A/B against another build, run alternately).
// Paragraphs are the text's blank-line-separated parts, as the stream corpus writes them.
import { readFileSync } from 'node:fs';
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
const before = process.cpuUsage();
for (let index = 0; index < texts.length; index++) splitSentences(texts[index]!, paragraphs[index]!);
const used = process.cpuUsage(before);
console.log(`${root}: ${texts.length} articles split once, ${((used.user + used.system) / 1000).toFixed(0)} CPU ms`);
