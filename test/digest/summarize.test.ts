// The digest's selection rules, per-source additions, and `newsfold summarize` end to end through the binary.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildDigest } from '../../src/digest/index.ts';
import { prepareStory } from '../../src/engine/summarize.ts';
import type { RawArticle } from '../../src/model.ts';
import { articleFrom, LIFTING_PAGE, WIRE_STORY } from '../fixtures.ts';
import { newsfold as run, ROOT } from '../run-cli.ts';

const COUNCIL_REPORT = `Dunmere council faces questions over barrier

Councillors in Dunmere will hold an emergency meeting on Monday to ask why a flood barrier on the River Lune failed within hours.

The barrier, bought from a Dutch supplier for 1.4 million pounds, was installed only last autumn.

Council leader Ada Whitlow said the authority would publish the supplier's test reports in full.

Opposition members said they had raised doubts about the design when the contract was signed.`;

test('what each source adds: the sentences no other article carries, for every article', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const page = articleFrom('page.txt', LIFTING_PAGE);
  const digest = buildDigest({ storyId: 's', articles: [wire, page], relations: [], words: 200 });
  const additions = new Map((digest.additions ?? []).map((addition) => [addition.articleId, addition.sentences]));
  assert.deepEqual([...additions.keys()], [wire.id, page.id]);
  const pageOwn = additions.get(page.id)!;
  assert.ok(pageOwn.some((sentence) => sentence.startsWith('Dunmere has a long history of flooding')));
  // The page lifted the 5.2-metre sentence from the wire: neither side lists it as its own.
  for (const sentences of additions.values()) assert.ok(!sentences.some((sentence) => sentence.includes('5.2 metres')));
});

test('a query pulls the digest towards what was asked', () => {
  const story = prepareStory(
    [['wire.txt', WIRE_STORY], ['council.txt', COUNCIL_REPORT]].map(([path, text]): RawArticle => ({ origin: { path: path!, format: 'text' }, text: text! })),
  );
  const words = 40;
  const asked = buildDigest({ storyId: 's', articles: story.articles, relations: story.relations, words, query: 'publish test reports in full' });
  const generic = buildDigest({ storyId: 's', articles: story.articles, relations: story.relations, words });
  const aboutReports = (text: string) => /test reports/.test(text);
  assert.ok(!generic.sentences.some((sentence) => aboutReports(sentence.text)), 'without the query the sentence is not chosen');
  assert.ok(asked.sentences.some((sentence) => aboutReports(sentence.text)), asked.sentences.map((sentence) => sentence.text).join(' | '));
  assert.ok(asked.words <= words);
});

test('sentences keep reading order: the main report\'s lead first, then its article, then earliest article first and position within it', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const council = articleFrom('council.txt', COUNCIL_REPORT);
  const digest = buildDigest({ storyId: 's', articles: [wire, council], relations: [], words: 300 });
  const leadArticle = digest.sentences[0]!.from.articleId;
  const lead = [wire, council].find((article) => article.id === leadArticle)!;
  assert.ok(lead.sentences.slice(0, 2).some((span) => span.start === digest.sentences[0]!.from.span.start), 'the digest opens with a lead sentence');
  const rank = (id: string) => (id === leadArticle ? -1 : id === wire.id ? 0 : 1);
  const positions = digest.sentences.map((sentence) => [rank(sentence.from.articleId), sentence.from.span.start] as const);
  const sorted = [...positions].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  assert.deepEqual(positions, sorted);
});

test('the bundled tanker story\'s 60-word digest states the grounding first (issue 20)', () => {
  const story = prepareStory(readdirSync(join(ROOT, 'examples', 'port-alder-tanker')).sort().map((file): RawArticle => ({ origin: { path: join(ROOT, 'examples', 'port-alder-tanker', file), format: 'text' }, text: readFileSync(join(ROOT, 'examples', 'port-alder-tanker', file), 'utf8') })));
  const digest = buildDigest({ storyId: 's', articles: story.articles, relations: story.relations, words: 60 });
  assert.match(digest.sentences[0]!.text, /tanker .* ran aground/);
  assert.ok(!digest.sentences.some((sentence) => /has confirmed that it will investigate/.test(sentence.text)));
});

test('summarize prints a cited digest of the given files, and --json the same with facts', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-summarize-'));
  await writeFile(join(dir, 'wire.txt'), WIRE_STORY);
  await writeFile(join(dir, 'council.txt'), COUNCIL_REPORT);
  const text = await run(['summarize', '--words', '80', join(dir, 'wire.txt'), join(dir, 'council.txt')]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^Digest of 2 articles/);
  assert.match(text.stdout, /\n {4}\[[0-9a-f]{8}/, 'each sentence is followed by its sources');
  const json = await run(['summarize', '--json', '--words', '80', '--query', 'barrier supplier', dir]);
  assert.equal(json.code, 0, json.stderr);
  const output = JSON.parse(json.stdout) as { articles: { id: string }[]; words: number; digest: { text: string; sources: string[] }[]; facts: { quotes: { speaker?: string }[]; numbers: unknown[] } };
  assert.equal(output.articles.length, 2);
  assert.ok(output.words <= 80);
  const ids = new Set(output.articles.map((article) => article.id));
  for (const sentence of output.digest) assert.ok(sentence.sources.length > 0 && sentence.sources.every((id) => ids.has(id)));
  assert.ok(output.facts.quotes.some((quote) => quote.speaker === 'Colin Marsh'));
});

test('summarize names a file it cannot read and goes on with the rest', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-summarize-'));
  await writeFile(join(dir, 'wire.txt'), WIRE_STORY);
  const missing = join(dir, 'missing.txt');
  const result = await run(['summarize', missing, join(dir, 'wire.txt')]);
  assert.equal(result.code, 1);
  assert.match(result.stderr, /missing\.txt: cannot read/);
  assert.match(result.stdout, /^Digest of 1 article/);
  const nothing = await run(['summarize', missing]);
  assert.equal(nothing.code, 2);
  assert.match(nothing.stderr, /no articles to summarize/);
});

test('the story views show the same digest with its disagreements and what each source adds', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-views-'));
  const db = join(dir, 'test.db');
  const text = await run(['run', '--db', db, join(ROOT, 'examples', 'port-alder-tanker')]);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /Sources disagree:\n {2}\* number of crew[^:]*: "15 crew" \[[0-9a-f]{8}/);
  assert.match(text.stdout, /What each source adds:/);
  const json = await run(['stories', '--json', '--db', db]);
  const { stories } = JSON.parse(json.stdout) as { stories: { facts: { disagreements: { about: string }[] }; additions: { articleId: string }[]; articles: unknown[] }[] };
  const tanker = stories.find((story) => story.facts.disagreements.some((disagreement) => disagreement.about.startsWith('number of crew')));
  assert.ok(tanker !== undefined);
  assert.equal(tanker.additions.length, tanker.articles.length);
});
