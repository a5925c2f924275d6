// Bad inputs: each is reported by name, the rest is ingested, and nothing stored earlier is lost.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';
import { UNRELATED, WIRE_STORY } from '../fixtures.ts';

test('a batch with bad files stores its good articles and keeps the earlier ones', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-bad-'));
  const dbPath = join(root, 'store.db');
  await writeFile(join(root, 'earlier.txt'), WIRE_STORY);
  const first = Engine.openSqlite(dbPath);
  assert.equal((await first.ingest([join(root, 'earlier.txt')])).stored, 1);
  await first.close();

  await writeFile(join(root, 'good.txt'), UNRELATED);
  await writeFile(join(root, 'empty.txt'), '');
  await writeFile(join(root, 'image.txt'), Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10]));
  await writeFile(join(root, 'only-boilerplate.txt'), 'Share this:\nFacebook Twitter Email\nPost navigation\n');
  await writeFile(join(root, 'feed.jsonl'), '{"title": "Broken"\n{"title": "Fine", "text": "A fine record about the weather in Halden this week."}\n');
  const engine = Engine.openSqlite(dbPath);
  const seen: string[] = [];
  const report = await engine.ingest([join(root, 'good.txt'), join(root, 'empty.txt'), join(root, 'image.txt'), join(root, 'only-boilerplate.txt'), join(root, 'feed.jsonl'), join(root, 'nope.txt')], {
    onProblem: (problem) => seen.push(`${problem.path.slice(root.length + 1)}${problem.line === undefined ? '' : `:${problem.line}`} ${problem.code}`),
  });
  assert.deepEqual(seen, ['empty.txt E_EMPTY', 'image.txt E_BINARY', 'only-boilerplate.txt E_NO_TEXT', 'feed.jsonl:1 E_JSON', 'nope.txt E_UNREADABLE']);
  assert.equal(report.stored, 2);
  const paths = (await engine.stories()).flatMap((view) => view.articles.map((article) => article.path.slice(root.length + 1)));
  assert.deepEqual(paths.sort(), ['earlier.txt', 'feed.jsonl', 'good.txt']);
  await engine.close();
});
