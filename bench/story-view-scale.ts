// Cost of a large story's view (issue 15): the digest of one story of 100, 200 and 400 articles, with its facts
// (quotes, numbers, disagreements). The story is made from one DUC 2006 topic cluster (real articles): article i is
// cluster document i mod 25 with some sentences left out and, now and then, one figure changed, told by one of 60
// outlets over a few days, as many outlets rewrite one event. Articles and relations are prepared first (not
// timed); the timed part is buildDigest, as `newsfold story` pays it on a first view. CPU time (user + system).
// Run: node --import tsx bench/story-view-scale.ts [--sizes 100,200,400] [--cluster D0601A] [--rounds 3]
//      [--dump out.json]   (writes each size's digest, facts included, to compare runs before / after a change)
//      [--profile]         (one round of the largest size only, for node --cpu-prof)
//      [--no-relations]    (the digest given no relations: a store relates an article only to its candidates, so a
//                           story's near-copies are mostly unrelated there, and facts then compare them all)
//      [--dist]            (the compiled dist/ of this checkout and of --base, as bin/newsfold.js runs; npm run build first)
//      [--base /tmp/base]  (also that checkout's buildDigest, rounds alternated in this process; outputs must be equal)
//      [--distinct]        (article i rewrites the i-th document of all DUC clusters in turn, not of one cluster: few
//                           near-copies merge, so the sentences, and the pairs facts weigh, grow with the articles)
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { buildDigest } from '../src/digest/index.ts';
import { prepareStory } from '../src/engine/summarize.ts';
import type { RawArticle } from '../src/model.ts';
import { readDucClusters } from './lib/duc.ts';
import { prng } from './lib/seeded.ts';

/** Outlets telling the story: many articles share a source, as wire copies do. */
const OUTLETS = 60;
/** Share of a base article's sentences a rewrite keeps. */
const KEPT_SHARE = 0.75;
/** Share of rewrites that change one figure (a source telling a number differently). */
const CHANGED_FIGURE_SHARE = 0.3;
/** Share of sentences cut, words left out at most, and the shortest sentence cut. */
const CUT_SHARE = 0.5;
const MAX_CUT_WORDS = 4;
const MIN_CUT_WORDS = 12;
const HOUR_MS = 3600 * 1000;
const SEED = 32;

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

/** A rewrite's sentence: now and then a word or its last few words left out, so near-copies differ a little, as
 * rewrites do (and each outlet's differs from the others'). */
function cut(sentence: string, random: () => number): string {
  const words = sentence.split(' ');
  if (words.length < MIN_CUT_WORDS) return sentence;
  if (random() < CUT_SHARE) {
    const at = 1 + Math.floor(random() * (words.length - 2));
    if (!/\d/.test(words[at]!)) words.splice(at, 1);
  }
  if (random() >= CUT_SHARE) return words.join(' ');
  const end = words.length - 1 - Math.floor(random() * MAX_CUT_WORDS);
  return `${words.slice(0, end).join(' ').replace(/[,;:]$/, '')}.`;
}

/** Now and then one figure of a text changed (a source telling a number differently). */
function changeFigure(text: string, random: () => number): string {
  if (random() >= CHANGED_FIGURE_SHARE) return text;
  const figures = [...text.matchAll(/\b\d{2,}\b/g)];
  const figure = figures[Math.floor(random() * figures.length)];
  return figure === undefined ? text : text.slice(0, figure.index) + String(Number(figure[0]) + 1 + Math.floor(random() * 5)) + text.slice(figure.index + figure[0].length);
}

/** Article i of a story made from `bases`: a rewrite of base i mod bases.length. */
function rewrite(base: RawArticle, index: number, random: () => number, start: number): RawArticle {
  const paragraphs = base.text.split(/\n\s*\n/);
  const kept = paragraphs.map((paragraph) => {
    const sentences = paragraph.split(/(?<=[.!?]["”]?)\s+(?=[A-Z"“])/);
    return sentences.filter((_, at) => at === 0 || random() < KEPT_SHARE).map((sentence) => cut(sentence, random)).join(' ');
  });
  const text = changeFigure(kept.join('\n\n'), random);
  return {
    origin: { path: `story-view-scale/${index}`, format: 'jsonl' },
    externalId: `a${index}`,
    source: `outlet${index % OUTLETS}`,
    title: base.title ?? `Article ${index}`,
    published: new Date(start + index * HOUR_MS / 4).toISOString(),
    text,
  };
}

type BuildDigest = typeof buildDigest;
const baseRoot = option('--base');
const digestOf = async (root: string) => ((await import(process.argv.includes('--dist') ? `${root}/dist/src/digest/index.js` : `${root}/src/digest/index.ts`)) as { buildDigest: BuildDigest }).buildDigest;
const ownDigest = await digestOf(new URL('..', import.meta.url).pathname.replace(/\/$/, ''));
const baseDigest: BuildDigest | undefined = baseRoot === undefined ? undefined : await digestOf(baseRoot);
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const timed = (build: BuildDigest, input: Parameters<BuildDigest>[0]) => {
  const before = process.cpuUsage();
  const digest = build(input);
  const used = process.cpuUsage(before);
  return { digest, seconds: (used.user + used.system) / 1e6 };
};
const sizes = (option('--sizes') ?? '100,200,400').split(',').map(Number);
const rounds = Number(option('--rounds') ?? 3);
const profile = process.argv.includes('--profile');
const clusters = await readDucClusters();
const cluster = clusters.find((candidate) => candidate.id === (option('--cluster') ?? clusters[0]!.id)) ?? clusters[0]!;
const start = Date.parse('2026-01-01T00:00:00Z');
const dump: Record<string, unknown> = {};
for (const size of profile ? [Math.max(...sizes)] : sizes) {
  const random = prng(SEED);
  const bases = process.argv.includes('--distinct') ? clusters.flatMap((each) => each.documents) : cluster.documents;
  const raws = Array.from({ length: size }, (_, index) => rewrite(bases[index % bases.length]!.raw, index, random, start));
  const story = prepareStory(raws);
  const input = { storyId: `scale-${size}`, articles: story.articles, relations: process.argv.includes('--no-relations') ? [] : story.relations };
  const times: number[] = [];
  const baseTimes: number[] = [];
  let digest;
  for (let round = 0; round < (profile ? 1 : rounds); round++) {
    const run = timed(ownDigest, input);
    digest = run.digest;
    times.push(run.seconds);
    if (baseDigest === undefined) continue;
    const base = timed(baseDigest, input);
    baseTimes.push(base.seconds);
    if (JSON.stringify(base.digest) !== JSON.stringify(digest)) throw new Error(`${size} articles: the digest differs from ${baseRoot}'s`);
  }
  const json = JSON.stringify(digest);
  const facts = digest!.facts!;
  dump[size] = digest;
  const baseText = baseDigest === undefined ? '' : `; base ${baseTimes.map((time) => time.toFixed(2)).join(' / ')}, median ${median(baseTimes).toFixed(2)} (equal output)`;
  console.log(`${size} articles (${story.articles.length} prepared, ${story.relations.length} relations, cluster ${cluster.id}): digest CPU s ${times.map((time) => time.toFixed(2)).join(' / ')}, median ${median(times).toFixed(2)}${baseText}; ` +
    `${facts.quotes.length} quotes, ${facts.numbers.length} numbers, ${facts.disagreements.length} disagreements; sha1 ${createHash('sha1').update(json).digest('hex').slice(0, 16)}`);
}
const out = option('--dump');
if (out !== undefined) writeFileSync(out, JSON.stringify(dump, null, 1));
