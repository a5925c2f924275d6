// `newsfold extract` end to end through the real binary.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NEWS_PAGE } from '../extract/pages.ts';
import { newsfold as runNewsfold } from '../run-cli.ts';

function newsfold(args: string[], cwd: string) {
  return runNewsfold(args, { cwd });
}


test('extract --json prints one JSON Lines record per page with the promised keys, and stores nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-extract-'));
  await writeFile(join(dir, 'bridge.html'), NEWS_PAGE);
  const run = await newsfold(['extract', '--json', 'bridge.html'], dir);
  assert.equal(run.code, 0, run.stderr);
  const lines = run.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  const record = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  assert.deepEqual(Object.keys(record), ['path', 'record', 'url', 'title', 'published', 'author', 'site', 'language', 'text']);
  assert.equal(record.path, 'bridge.html');
  assert.equal(record.record, null);
  assert.equal(record.url, 'https://gazette.example/2025/03/14/bridge');
  assert.equal(record.published, '2025-03-14T09:30:00+01:00', 'the date as the page states it, offset kept');
  assert.equal(record.author, 'Mira Holt');
  assert.equal(record.site, 'Port Alder Gazette');
  assert.equal(record.language, 'en');
  assert.match(record.text as string, /corroded steel cables/);
  assert.deepEqual(await readdir(dir), ['bridge.html'], 'no database was created');
});

test('extract in text form names each page; a bad file is reported on stderr with exit 1 and the rest printed', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-extract-'));
  await writeFile(join(dir, 'bridge.html'), NEWS_PAGE);
  await writeFile(join(dir, 'broken.rss'), 'not xml at all');
  const run = await newsfold(['extract', 'bridge.html', 'broken.rss'], dir);
  assert.equal(run.code, 1);
  assert.match(run.stdout, /^== bridge\.html\ntitle: Harbour bridge reopens after repairs\n/);
  assert.match(run.stdout, /author: Mira Holt/);
  assert.match(run.stdout, /We are glad to have our bridge back/);
  assert.match(run.stderr, /broken\.rss: not an XML feed.*\[E_FEED\]/);
});

test('nothing could be read: `extract` exits 2, as `summarize` does (fresh walk, session 29)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-extract-'));
  await writeFile(join(dir, 'broken.rss'), 'not xml at all');
  for (const command of [['extract'], ['extract', '--json'], ['summarize']]) {
    const run = await newsfold([...command, 'broken.rss', 'missing.html'], dir);
    assert.equal(run.code, 2, `${command.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /\[E_FEED\][\s\S]*\[E_UNREADABLE\]/);
    assert.equal(run.stdout, '');
  }
});

test('ingest takes HTML pages into the store like any other article', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-extract-'));
  await writeFile(join(dir, 'bridge.html'), NEWS_PAGE);
  const run = await newsfold(['run', '--json', '--db', join(dir, 'test.db'), 'bridge.html'], dir);
  assert.equal(run.code, 0, run.stderr);
  const stories = (JSON.parse(run.stdout) as { stories: { articles: { title: string }[] }[] }).stories;
  assert.equal(stories.length, 1);
  assert.equal(stories[0]?.articles[0]?.title, 'Harbour bridge reopens after repairs');
});
