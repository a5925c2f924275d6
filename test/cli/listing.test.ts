// `newsfold stories` lists compactly and in pages; `newsfold run` prints only the stories its own ingest touched.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNRELATED, UNSOURCED_RECORDS } from '../fixtures.ts';
import { newsfold, scratchDb } from '../run-cli.ts';

test('stories: one compact row per story, paged with a cursor that reaches every story', async () => {
  const { db } = await scratchDb();
  await newsfold(['ingest', '--db', db, 'examples']);
  const first = await newsfold(['stories', '--db', db, '--limit', '3']);
  assert.equal(first.code, 0, first.stderr);
  assert.doesNotMatch(first.stdout, /Digest:/, 'a listing makes no digest');
  const cursor = /--cursor (\S+)/.exec(first.stdout)?.[1];
  assert.ok(cursor !== undefined, first.stdout);
  const rest = await newsfold(['stories', '--db', db, '--limit', '3', '--cursor', cursor]);
  const ids = (text: string) => [...text.matchAll(/^(s[0-9a-f]{7}) /gm)].map((m) => m[1]);
  const all = await newsfold(['stories', '--db', db, '--all']);
  assert.deepEqual([...ids(first.stdout), ...ids(rest.stdout)], ids(all.stdout));
  assert.equal(ids(all.stdout).length, 4);
  const json = JSON.parse((await newsfold(['stories', '--db', db, '--json', '--limit', '2', '--sort', 'size'])).stdout);
  assert.equal(json.stories.length, 2);
  assert.ok(json.stories[0].articles.length >= json.stories[1].articles.length);
  assert.ok(typeof json.nextCursor === 'string');
  assert.ok(json.stories[0].digest.length > 0, '--json keeps the documented shape');
  const filtered = await newsfold(['stories', '--db', db, '--query', 'tanker aground']);
  assert.equal(ids(filtered.stdout).length, 1);
  const bad = await newsfold(['stories', '--db', db, '--since', 'yesterday']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /E_INVALID/);
  // A cursor the user mistyped is told in the CLI's words (--cursor), not only the API's (nextCursor, "this server").
  const bogus = await newsfold(['stories', '--db', db, '--cursor', 'bogus']);
  assert.equal(bogus.code, 2);
  assert.match(bogus.stderr, /the cursor is not one newsfold gave; pass it exactly as the page before printed it \(`--cursor` in the CLI/);
  assert.doesNotMatch(bogus.stderr, /this server/);
});

test('run prints only the stories its own ingest created or changed', async () => {
  const { db } = await scratchDb();
  await newsfold(['ingest', '--db', db, 'examples']);
  const line = JSON.stringify({ id: 'orchestra-1', title: 'Orchestra', published: '2026-06-01T10:00:00Z', text: UNRELATED });
  const run = await newsfold(['run', '--json', '--db', db, '-'], { input: `${line}\n` });
  assert.equal(run.code, 0, run.stderr);
  const printed = JSON.parse(run.stdout).stories;
  assert.equal(printed.length, 1);
  assert.equal(printed[0].articles.length, 1);
  assert.equal(printed[0].articles[0].title, 'Orchestra');
});

test('a story whose records name no source says the source is unknown, not "0 sources" (fresh walk, session 29)', async () => {
  const { db } = await scratchDb();
  const records = UNSOURCED_RECORDS.map((record) => JSON.stringify(record)).join('\n');
  assert.equal((await newsfold(['ingest', '--db', db, '-'], { input: `${records}\n` })).code, 0);
  const listed = await newsfold(['stories', '--db', db]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /2 articles, sources unknown/);
  assert.doesNotMatch(listed.stdout, /0 sources/);
});
