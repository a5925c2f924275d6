// `newsfold watch`: files that appear are ingested once written, lines appended to JSON Lines are ingested
// as they complete (a half-written line waits), and nothing is ingested twice.
import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateNews } from '../../bench/lib/generated-news.ts';
import { Engine } from '../../src/engine/index.ts';
import { watchInputs } from '../../src/engine/watch.ts';
import { ROOT, scratchDb } from '../run-cli.ts';

const LOOK_MS = 100;

async function storedCount(db: string): Promise<number> {
  const engine = await Engine.open(db);
  try {
    return (await engine.store.listStories()).reduce((sum, story) => sum + story.articleIds.length, 0);
  } finally {
    await engine.close();
  }
}

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, LOOK_MS));
  }
}

test('watch ingests new files and appended JSON Lines, a half-written line only once complete', async () => {
  const { dir, db } = await scratchDb('newsfold-watch-');
  const inbox = join(dir, 'inbox');
  await mkdir(inbox);
  const lines = generateNews({ events: 2, seed: 5 }).map((record) => JSON.stringify(record));
  assert.ok(lines.length >= 6);
  await writeFile(join(inbox, 'feed.jsonl'), `${lines.slice(0, 3).join('\n')}\n`);

  const stop = new AbortController();
  const watching = watchInputs(db, [inbox], { intervalMs: LOOK_MS, signal: stop.signal });
  try {
    await eventually('the first 3 lines are stored', async () => (await storedCount(db)) === 3);
    const half = Math.floor(lines[5]!.length / 2);
    await appendFile(join(inbox, 'feed.jsonl'), `${lines[3]}\n${lines[4]}\n${lines[5]!.slice(0, half)}`);
    await eventually('the 2 complete appended lines are stored', async () => (await storedCount(db)) === 5);
    await appendFile(join(inbox, 'feed.jsonl'), `${lines[5]!.slice(half)}\n`);
    await eventually('the completed line is stored', async () => (await storedCount(db)) === 6);
    await copyFile(join(ROOT, 'examples', 'pages', 'gazette-harbour-closed.html'), join(inbox, 'page.html'));
    await eventually('the new page is stored', async () => (await storedCount(db)) === 7);
    await new Promise((resolve) => setTimeout(resolve, 5 * LOOK_MS));
    assert.equal(await storedCount(db), 7, 'nothing ingested twice');
  } finally {
    stop.abort();
    await watching;
  }
});
