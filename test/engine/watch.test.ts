// `newsfold watch`: files that appear are ingested once written, lines appended to JSON Lines are ingested
// as they complete (a half-written line waits), and nothing is ingested twice.
import assert from 'node:assert/strict';
import { appendFile, copyFile, mkdir, open, rename, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateNews } from '../../bench/lib/generated-news.ts';
import { Engine } from '../../src/engine/index.ts';
import { InputWatcher, watchInputs } from '../../src/engine/watch.ts';
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

/** The line ranges a look found, as "from-to" strings. */
async function lookedLines(watcher: InputWatcher): Promise<string[]> {
  return (await watcher.changes()).map((part) => `${part.lines?.from}-${part.lines?.to}`);
}

test('watch reads a JSON Lines file truncated or replaced in place from its first line (session 33 walk)', async () => {
  const { dir } = await scratchDb('newsfold-watch-');
  const path = join(dir, 'feed.jsonl');
  const line = (n: number) => `${JSON.stringify({ id: `r${n}`, text: `Record number ${n} of the rotating feed.` })}\n`;
  await writeFile(path, line(1) + line(2) + line(3) + line(4));
  const watcher = new InputWatcher([dir]);
  assert.deepEqual(await lookedLines(watcher), ['1-4']);
  // copytruncate rotation: the file emptied, then a new record appended. Before, its line 1 was never taken
  // (the watcher waited for a line 5).
  await truncate(path, 0);
  assert.deepEqual(await lookedLines(watcher), []);
  await appendFile(path, line(5));
  assert.deepEqual(await lookedLines(watcher), ['1-1']);
  // Another file renamed over the path, longer than the old one: all of its lines, not those past line 1.
  await writeFile(join(dir, 'next.tmp'), line(6) + line(7) + line(8));
  await rename(join(dir, 'next.tmp'), path);
  assert.deepEqual(await lookedLines(watcher), ['1-3']);
  // Rewritten in place (`>`), already longer than before at the next look: its first lines too.
  await writeFile(path, line(9) + line(10) + line(11) + line(12));
  assert.deepEqual(await lookedLines(watcher), ['1-4']);
  await appendFile(path, line(13));
  assert.deepEqual(await lookedLines(watcher), ['5-5'], 'a file that only grew is read from where it was');
});

test('watch takes the lines of a JSON Lines file over 512 MB (session 33 walk)', async () => {
  const { dir } = await scratchDb('newsfold-watch-');
  const path = join(dir, 'big.jsonl');
  // Sparse: a line, 600 MB of nothing, a line. Read whole as one string it failed and counted as empty.
  const handle = await open(path, 'w');
  try {
    await handle.write('{"text":"first"}\n', 0);
    await handle.write('\n{"text":"last"}\n', 600 * 1024 * 1024);
  } finally {
    await handle.close();
  }
  const watcher = new InputWatcher([dir]);
  const parts = await watcher.changes();
  assert.equal(parts.at(-1)?.lines?.to, 3, 'all 3 lines found');
  assert.equal(parts[0]?.lines?.from, 1);
});
