// The bundled examples against their ground truth (examples/expected.json), through the engine.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';

const EXAMPLES = join(import.meta.dirname, '..', '..', 'examples');

interface Expected {
  stories: string[][];
  relations: { a: string; b: string; kind: string }[];
}

/** The ground truth names articles as path or path#id (or path#url) relative to examples/. */
function referenceOf(article: { origin: { path: string }; externalId?: string; url?: string }, expected: Set<string>): string {
  const path = article.origin.path.slice(EXAMPLES.length + 1);
  for (const candidate of [path, `${path}#${article.externalId}`, `${path}#${article.url}`]) if (expected.has(candidate)) return candidate;
  return path;
}

test('the bundled examples fold into their stories with the planted relations', async () => {
  const expected = JSON.parse(await readFile(join(EXAMPLES, 'expected.json'), 'utf8')) as Expected;
  const engine = Engine.openSqlite(':memory:');
  const report = await engine.ingest([EXAMPLES]);
  assert.deepEqual(report.problems, []);
  assert.equal(report.stored, expected.stories.flat().length);

  const names = new Set(expected.stories.flat());
  const views = await engine.stories();
  const refById = new Map<string, string>();
  for (const view of views) {
    for (const summary of view.articles) {
      const article = (await engine.article(summary.id)).article;
      refById.set(summary.id, referenceOf(article, names));
    }
  }
  const found = views.map((view) => view.articles.map((article) => refById.get(article.id)!).sort()).sort();
  assert.deepEqual(found, expected.stories.map((story) => [...story].sort()).sort(), 'each event is its own story');

  const relations = views.flatMap((view) => view.relations.map((r) => ({ pair: [refById.get(r.a)!, refById.get(r.b)!].sort().join(' '), kind: r.kind })));
  for (const want of expected.relations) {
    const pair = [want.a, want.b].sort().join(' ');
    assert.ok(relations.some((r) => r.pair === pair && r.kind === want.kind), `expected ${want.kind} between ${want.a} and ${want.b}`);
  }
  await engine.close();
});

test('ingesting the same input twice stores nothing twice', async () => {
  const engine = Engine.openSqlite(':memory:');
  const first = await engine.ingest([EXAMPLES]);
  const storiesBefore = (await engine.stories()).map((view) => [view.story.id, view.articles.length]);
  const second = await engine.ingest([EXAMPLES]);
  assert.equal(second.read, first.read);
  assert.equal(second.stored, 0);
  assert.equal(second.alreadyStored, first.stored);
  assert.deepEqual((await engine.stories()).map((view) => [view.story.id, view.articles.length]), storiesBefore);
  await engine.close();
});
