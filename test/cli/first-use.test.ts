// What a new user meets following the README from a fresh clone: its commands work as written, and the
// messages name what is wrong.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { newsfold, ROOT, scratchDb } from '../run-cli.ts';
import { spawnServe } from '../server/harness.ts';

test('an ambiguous story prefix names the matches in plain English ("stories", not "storys")', async () => {
  const { db } = await scratchDb();
  assert.equal((await newsfold(['ingest', '--db', db, 'examples'])).code, 0);
  // Every story id starts with "s", so "s" fits the examples' four stories.
  const story = await newsfold(['story', '--db', db, 's']);
  assert.equal(story.code, 2);
  assert.match(story.stderr, /"s" matches 4 stories: s/);
});

test("the README's serve-with-writes line starts a server that takes writes with that token", async () => {
  const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
  const token = /NEWSFOLD_TOKEN=(\S+) npm run serve/.exec(readme)?.[1];
  assert.ok(token !== undefined, 'the README shows how to serve with a write token');
  const { db } = await scratchDb();
  const { child, address, exited } = await spawnServe(db, { NEWSFOLD_TOKEN: token });
  try {
    const response = await fetch(`${address}/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify({ id: 'first-use-1', source: 'Test', title: 'A test', text: 'The harbour reopened on Friday after a week of repairs to the quay.' })}\n`,
    });
    assert.equal(response.status, 200, await response.text());
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
});

test('a write token too short is refused naming where it came from (NEWSFOLD_TOKEN or the token file)', async () => {
  const { dir, db } = await scratchDb();
  const fromEnv = await newsfold(['serve', '--db', db, '--port', '0'], { env: { NEWSFOLD_TOKEN: 'some-secret' } });
  assert.equal(fromEnv.code, 2);
  assert.match(fromEnv.stderr, /NEWSFOLD_TOKEN has 11 characters; a write token must have at least 16 \[E_USAGE\]/);
  const file = join(dir, 'token');
  await writeFile(file, 'short\n');
  const fromFile = await newsfold(['serve', '--db', db, '--port', '0', '--token-file', file], { env: { NEWSFOLD_TOKEN: '' } });
  assert.equal(fromFile.code, 2);
  assert.ok(fromFile.stderr.includes(`the token in ${file} has 5 characters`), fromFile.stderr);
});
