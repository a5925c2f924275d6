// End to end through the real `newsfold` binary, as a user runs it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { UNRELATED, WIRE_STORY } from '../fixtures.ts';
import { newsfold as runNewsfold, ROOT as ROOT_DIR, scratchDb, SEEDS } from '../run-cli.ts';

function newsfold(args: string[], input?: string) {
  return runNewsfold(args, input === undefined ? {} : { input });
}


test('run --json on the examples prints every story in the promised shape', async () => {
  const { db } = await scratchDb();
  const run = await newsfold(['run', '--json', '--db', db, 'examples']);
  assert.equal(run.code, 0, run.stderr);
  const output = JSON.parse(run.stdout) as { stories: Record<string, unknown>[] };
  assert.equal(output.stories.length, 4);
  for (const story of output.stories) {
    assert.deepEqual(Object.keys(story).filter((key) => ['id', 'headline', 'articles', 'relations', 'digest'].includes(key)).length, 5);
    for (const article of story.articles as Record<string, unknown>[]) for (const key of ['id', 'path', 'title']) assert.ok(key in article);
    for (const relation of story.relations as Record<string, unknown>[]) assert.ok(['duplicate', 'version', 'reuse'].includes(relation.kind as string));
    for (const sentence of story.digest as { text: string; sources: string[] }[]) assert.ok(sentence.sources.length > 0);
  }
  const stories = await newsfold(['stories', '--json', '--db', db]);
  assert.deepEqual(JSON.parse(stories.stdout), output, '`stories --json` prints the same as `run --json`');
});

test('story and article views: digest, cleaned text, what cleaning dropped, relations', async () => {
  const { db } = await scratchDb();
  await newsfold(['ingest', '--db', db, 'examples']);
  const scraped = await newsfold(['article', '--db', db, 'examples/port-alder-tanker/scraped-page.txt']);
  assert.equal(scraped.code, 0, scraped.stderr);
  assert.match(scraped.stdout, /Dropped by cleaning/);
  assert.match(scraped.stdout, /\[copyright\]/);
  assert.match(scraped.stdout, /duplicate/);
  const id = JSON.parse((await newsfold(['stories', '--json', '--db', db])).stdout).stories[0].id as string;
  const story = await newsfold(['story', '--db', db, id.slice(0, 6)]);
  assert.equal(story.code, 0, story.stderr);
  assert.match(story.stdout, /Digest:/);
  const missing = await newsfold(['story', '--db', db, 'nothing-like-this']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /E_NOT_FOUND/);
});

test('bad input: each problem is named on stderr, the rest is ingested, and the exit code says so', async () => {
  const { dir, db } = await scratchDb();
  await writeFile(join(dir, 'good.txt'), WIRE_STORY);
  await writeFile(join(dir, 'empty.txt'), '');
  await writeFile(join(dir, 'bad.jsonl'), `${JSON.stringify({ title: 'Orchestra', text: UNRELATED })}\nnot json\n`);
  const run = await newsfold(['ingest', '--db', db, dir, join(dir, 'missing.txt')]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /empty\.txt: file is empty \[E_EMPTY\]/);
  assert.match(run.stderr, /bad\.jsonl:2: malformed JSON/);
  assert.match(run.stderr, /missing\.txt: cannot read/);
  assert.match(run.stdout, /2 stored/);
});

test('JSON Lines on standard input with "-"', async () => {
  const { db } = await scratchDb();
  const line = JSON.stringify({ id: 'piped-1', title: 'Orchestra names new conductor', source: 'Halden Times', text: UNRELATED });
  const run = await newsfold(['run', '--json', '--db', db, '-'], `${line}\n`);
  assert.equal(run.code, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).stories[0].articles[0].source, 'Halden Times');
});

test('--help on every command, and a usage error exits 2', async () => {
  for (const args of [['--help'], ['run', '--help'], ['ingest', '--help'], ['stories', '--help'], ['story', '--help'], ['article', '--help']]) {
    const help = await newsfold(args);
    assert.equal(help.code, 0, args.join(' '));
    assert.match(help.stdout, /Usage: newsfold/);
  }
  const wrong = await newsfold(['ingest']);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /missing required argument/);
  // No command at all is a usage error too: the usage on standard error, status 2, nothing on standard output.
  const bare = await newsfold([]);
  assert.equal(bare.code, 2);
  assert.match(bare.stderr, /Usage: newsfold/);
  assert.equal(bare.stdout, '');
});

test('the five seed articles: one story, 000-001 a version, 004 reusing the wire and 002, no boilerplate', async (t) => {
  if (!existsSync(SEEDS)) {
    t.skip(`seed articles not found at ${SEEDS}`);
    return;
  }
  const { db } = await scratchDb();
  const run = await newsfold(['run', '--json', '--db', db, SEEDS]);
  assert.equal(run.code, 0, run.stderr);
  const { stories } = JSON.parse(run.stdout) as { stories: { articles: { id: string; path: string }[]; relations: { a: string; b: string; kind: string }[]; digest: { text: string; sources: string[] }[] }[] };
  assert.equal(stories.length, 1);
  const [story] = stories;
  assert.equal(story!.articles.length, 5);
  const seed = new Map(story!.articles.map((article) => [article.id, article.path.match(/(\d{3})_/)![1]!]));
  const related = (x: string, y: string, kind: string) =>
    story!.relations.some((r) => r.kind === kind && [seed.get(r.a), seed.get(r.b)].sort().join() === [x, y].sort().join());
  assert.ok(related('000', '001', 'version'));
  assert.ok(related('000', '004', 'reuse') || related('001', '004', 'reuse'));
  assert.ok(related('002', '004', 'reuse'));
  for (const sentence of story!.digest) {
    assert.ok(sentence.sources.length > 0);
    for (const boilerplate of ['older browser', 'Post navigation', 'Share:', 'image beacon', 'All rights reserved']) assert.ok(!sentence.text.includes(boilerplate), sentence.text);
  }
});

test('`summarize --json` gives the digest in the shape `story --json` and GET /stories/{id} give it (fresh walk, session 29)', async () => {
  const { db } = await scratchDb();
  const paths = [join(ROOT_DIR, 'examples', 'port-alder-tanker')];
  assert.equal((await newsfold(['ingest', '--db', db, ...paths])).code, 0);
  const [row] = JSON.parse((await newsfold(['stories', '--json', '--db', db])).stdout).stories as { id: string }[];
  const story = JSON.parse((await newsfold(['story', '--json', '--db', db, row!.id])).stdout) as Record<string, unknown>;
  const summarized = JSON.parse((await newsfold(['summarize', '--json', ...paths])).stdout) as Record<string, unknown>;
  // The API's own schema for those members (GET /stories/{id}) holds for both.
  const { Ajv } = await import('ajv');
  const { StorySchema } = await import('../../src/server/schemas.ts');
  const members = ['digest', 'facts', 'additions'] as const;
  const validate = new Ajv({ strict: false }).compile({ type: 'object', required: [...members], properties: Object.fromEntries(members.map((name) => [name, StorySchema.properties[name]])) });
  for (const [face, output] of [['story', story], ['summarize', summarized]] as const) assert.ok(validate(output), `${face}: ${JSON.stringify(validate.errors)}`);
  assert.deepEqual(summarized.digest, story.digest, 'the same sentences with the same sources');
  assert.equal(typeof summarized.words, 'number');
});

test('`story` and `summarize` tell one story in one order, also from a store whose views another newsfold kept (user walk, session 29)', async () => {
  const { db } = await scratchDb();
  const paths = [join(ROOT_DIR, 'examples', 'port-alder-tanker'), join(ROOT_DIR, 'examples', 'pages', 'gazette-harbour-closed.html')];
  const ingested = await newsfold(['ingest', '--db', db, ...paths]);
  assert.equal(ingested.code, 0, ingested.stderr);
  const [row] = JSON.parse((await newsfold(['stories', '--json', '--db', db])).stdout).stories as { id: string }[];
  const summarized = JSON.parse((await newsfold(['summarize', '--json', ...paths])).stdout) as { digest: { text: string }[] };
  const told = async () => (JSON.parse((await newsfold(['story', '--json', '--db', db, row!.id])).stdout) as { digest: { text: string }[] }).digest.map((sentence) => sentence.text);
  assert.deepEqual(await told(), summarized.digest.map((sentence) => sentence.text));
  // An older newsfold kept its view of the story (its digest in its order, stored as the bare view): this one makes its own.
  const { default: Database } = await import('better-sqlite3');
  const store = new Database(db);
  const kept = store.prepare('SELECT view FROM story_views WHERE story_id = ?').get(row!.id) as { view: string };
  const parsed = JSON.parse(kept.view) as { view?: unknown };
  const view = (parsed.view ?? parsed) as { digest: { sentences: unknown[] } };
  view.digest.sentences.reverse();
  store.prepare('UPDATE story_views SET view = ? WHERE story_id = ?').run(JSON.stringify(view), row!.id);
  store.close();
  assert.deepEqual(await told(), summarized.digest.map((sentence) => sentence.text));
});

test('a .json file nested too deep is refused naming the file, with a hint that speaks of .json files, and the other files are read (session 34 walk)', async () => {
  const { db, dir } = await scratchDb();
  const deep = join(dir, 'deep.json');
  await writeFile(deep, `${'['.repeat(5000)}${']'.repeat(5000)}`);
  const fine = join(dir, 'fine.jsonl');
  await writeFile(fine, `${JSON.stringify({ id: 'w1', text: WIRE_STORY })}\n`);
  const run = await newsfold(['ingest', '--db', db, deep, fine]);
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /deep\.json: file nests deeper than 32 levels \[E_JSON\]/);
  assert.match(run.stderr, /\(Each line .*a \.json file one JSON object or an array of them/);
  assert.match(run.stdout + run.stderr, /1 stored/);
});
