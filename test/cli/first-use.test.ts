// What a new user meets following the README from a fresh clone: its commands work as written, and the
// messages name what is wrong.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { BIN, newsfold, ROOT, scratchDb } from '../run-cli.ts';
import { spawnServe } from '../server/harness.ts';
import { TEST_POSTGRES, testSchema } from '../store/helpers/postgres.ts';

test('an ambiguous story prefix names the matches in plain English ("stories", not "storys")', async () => {
  const { db } = await scratchDb();
  assert.equal((await newsfold(['ingest', '--db', db, 'examples'])).code, 0);
  // Every story id starts with "s", so "s" fits the examples' four stories.
  const story = await newsfold(['story', '--db', db, 's']);
  assert.equal(story.code, 2);
  assert.match(story.stderr, /"s" matches 4 stories: s/);
});

test('`npm start` a second time: run says its ingest changed no story, not that the store has none', async () => {
  const { db } = await scratchDb();
  assert.equal((await newsfold(['run', 'examples', '--db', db])).code, 0);
  const again = await newsfold(['run', 'examples', '--db', db]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 stored, 19 already stored/);
  assert.doesNotMatch(again.stdout, /No stories yet/);
  assert.match(again.stdout, /This ingest created or changed no story; list the stored ones with `newsfold stories`\./);
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

/** Runs `newsfold watch` until `until` resolves, collecting its output; the child is stopped with SIGTERM. */
async function watching(args: string[], until: (output: { stdout: () => string; stderr: () => string }) => Promise<void>): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(process.execPath, [BIN, 'watch', ...args], { env: { ...process.env, CI: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await until({ stdout: () => stdout, stderr: () => stderr });
  } finally {
    child.kill('SIGTERM');
  }
  return { stdout, stderr, code: await exited };
}

async function eventually(what: string, check: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('watch: a JSON Lines line whose writer paused mid-line is stored once finished, and looks leak no listeners', async () => {
  const { dir, db } = await scratchDb();
  const inbox = join(dir, 'inbox');
  await mkdir(inbox);
  const feed = join(inbox, 'feed.jsonl');
  const [first, second] = (await readFile(join(ROOT, 'examples', 'feeds', 'tram.jsonl'), 'utf8')).split('\n');
  await writeFile(feed, `${first}\n`);
  const run = await watching([inbox, '--db', db, '--interval', '0.1'], async (output) => {
    await eventually('the first line is stored', () => /1 stored/.test(output.stdout()));
    // The writer stops half-way through the second line for longer than a look: the half is taken (a problem).
    await appendFile(feed, second!.slice(0, 300));
    await eventually('the half line is read', () => /feed\.jsonl:2: malformed JSON/.test(output.stderr()));
    await appendFile(feed, `${second!.slice(300)}\n`);
    await eventually('the finished line is stored', () => (output.stdout().match(/1 stored/g) ?? []).length === 2);
    // More than ten looks (the default MaxListeners) since the start.
    await new Promise((resolve) => setTimeout(resolve, 1500));
  });
  assert.equal(run.code, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /MaxListenersExceededWarning/);
  const stories = JSON.parse((await newsfold(['stories', '--json', '--db', db])).stdout) as { stories: { articles: unknown[] }[] };
  assert.equal(stories.stories.reduce((sum, story) => sum + story.articles.length, 0), 2);
});

test('PostgreSQL: read commands refuse a schema with no store (a mistyped ?schema=) and create nothing, as with SQLite', async (t) => {
  const target = await testSchema();
  if ('skip' in target) return t.skip(target.skip);
  const catalogue = new pg.Client({ connectionString: TEST_POSTGRES });
  await catalogue.connect();
  const schemaExists = async () => (await catalogue.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [target.schema])).rowCount === 1;
  try {
    const missing = await newsfold(['stories', '--db', target.url]);
    assert.equal(missing.code, 2, missing.stdout);
    assert.match(missing.stderr, new RegExp(`no newsfold store in schema ${target.schema} of .*read commands never create one.*\\[E_STORE\\]`));
    assert.match(missing.stderr, /\?schema=/, 'the hint points at the schema in the URL');
    assert.equal(await schemaExists(), false, 'a read command created no schema');
    assert.equal((await newsfold(['upgrade', '--db', target.url])).code, 2, '`upgrade` creates no store either');
    assert.equal(await schemaExists(), false);

    // Through the queue, as the README's quick start does; one job of one article is counted in the singular.
    const enqueued = await newsfold(['enqueue', '--db', target.url, 'examples/port-alder-tanker/report-b.txt']);
    assert.equal(enqueued.stdout, 'Enqueued 1 job (run 1).\n', enqueued.stderr);
    const worked = await newsfold(['worker', '--until-idle', '--db', target.url]);
    assert.match(worked.stdout, /^Prepared 1 job \(1 article\) in /, worked.stderr);
    assert.equal((await newsfold(['ingest', '--db', target.url, 'examples/feeds/recall.jsonl'])).code, 0);
    const listed = await newsfold(['stories', '--db', target.url]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /Corvid Devices recalls/);

    // A store an earlier newsfold wrote (its last migration not applied) is refused by reads, upgraded by `upgrade`.
    await catalogue.query(`DELETE FROM ${target.schema}.newsfold_migrations WHERE version = (SELECT max(version) FROM ${target.schema}.newsfold_migrations)`);
    const older = await newsfold(['stories', '--db', target.url]);
    assert.equal(older.code, 2);
    assert.match(older.stderr, /written by an earlier newsfold; run `newsfold upgrade --db /);
    assert.equal((await newsfold(['upgrade', '--db', target.url])).code, 0);
    assert.equal((await newsfold(['stories', '--db', target.url])).code, 0);
    // `upgrade` names the store it upgraded without its password (this server takes any: trust auth).
    const withPassword = target.url.replace('postgres@', 'postgres:s3cret-word@');
    assert.notEqual(withPassword, target.url);
    for (const flags of [[], ['--json']]) {
      const upgraded = await newsfold(['upgrade', ...flags, '--db', withPassword]);
      assert.equal(upgraded.code, 0, upgraded.stderr);
      assert.match(upgraded.stdout, /postgres:\*\*\*@/);
      assert.doesNotMatch(upgraded.stdout, /s3cret-word/);
    }
  } finally {
    await catalogue.end();
    await target.drop();
  }
});

test('PostgreSQL: a server that cannot be reached gets a hint about the server and the URL, not about a damaged file', async () => {
  // Port 1 (tcpmux) has no PostgreSQL: the connection is refused.
  const run = await newsfold(['stories', '--db', 'postgres://postgres@127.0.0.1:1/test?schema=nf_unreachable']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /cannot open PostgreSQL store postgres:\/\/postgres@127\.0\.0\.1:1\/test\?schema=nf_unreachable: .*\[E_STORE\]/);
  assert.match(run.stderr, /hint: Check that the PostgreSQL server is running/);
  assert.doesNotMatch(run.stderr, /file may be damaged/);
});
