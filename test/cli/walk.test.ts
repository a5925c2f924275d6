// A user's walk (session 30): what a new user met on the command line, end to end through the real binary.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UNRELATED, WIRE_STORY } from '../fixtures.ts';
import { BIN, newsfold, ROOT, scratchDb } from '../run-cli.ts';
import { testSchema } from '../store/helpers/postgres.ts';
import { renderDigestFacts } from '../../src/cli/digest-render.ts';
import type { Digest } from '../../src/model.ts';

test('ingest and run exit 2 when no article at all could be read, as extract and summarize do; 1 when some could', async () => {
  const { dir, db } = await scratchDb();
  await writeFile(join(dir, 'broken.rss'), 'not xml at all');
  await writeFile(join(dir, 'good.txt'), WIRE_STORY);
  for (const command of ['ingest', 'run']) {
    const nothing = await newsfold([command, '--db', db, join(dir, 'broken.rss'), join(dir, 'missing.txt')]);
    assert.equal(nothing.code, 2, `${command}: ${nothing.stderr}`);
    assert.match(nothing.stderr, /\[E_FEED\][\s\S]*\[E_UNREADABLE\][\s\S]*no article could be read/);
    const some = await newsfold([command, '--db', db, join(dir, 'broken.rss'), join(dir, 'good.txt')]);
    assert.equal(some.code, 1, `${command}: ${some.stderr}`);
    assert.doesNotMatch(some.stderr, /no article could be read/);
  }
  // Everything already stored is no problem at all.
  assert.equal((await newsfold(['ingest', '--db', db, join(dir, 'good.txt')])).code, 0);
});

test('worker: the problems of the jobs it prepared are counted in its report and its exit status (PostgreSQL)', async (t) => {
  const target = await testSchema('nf_walk');
  if ('skip' in target) return t.skip(target.skip);
  try {
    const { dir } = await scratchDb();
    const feed = join(dir, 'mixed.jsonl');
    await writeFile(feed, `${JSON.stringify({ title: 'Orchestra', text: UNRELATED })}\nnot json\n`);
    assert.equal((await newsfold(['enqueue', '--db', target.url, feed])).code, 0);
    const worked = await newsfold(['worker', '--until-idle', '--db', target.url]);
    assert.match(worked.stderr, /mixed\.jsonl:2: malformed JSON/);
    assert.match(worked.stdout, /1 stored, 0 already stored, 1 problem\./, 'before: "0 problems" under the printed problem');
    assert.equal(worked.code, 1);
    await writeFile(feed, `${JSON.stringify({ title: 'Orchestra', text: UNRELATED })}\nstill not json\n`);
    assert.equal((await newsfold(['enqueue', '--db', target.url, feed])).code, 0);
    const json = await newsfold(['worker', '--until-idle', '--json', '--db', target.url]);
    assert.equal((JSON.parse(json.stdout) as { problems: number }).problems, 1);
  } finally {
    await target.drop();
  }
});

test('dupes marks a relation whose direction is unknown with `--`, as story does, not with an arrow', async () => {
  const { db } = await scratchDb();
  assert.equal((await newsfold(['ingest', '--db', db, 'examples/port-alder-tanker'])).code, 0);
  const dupes = await newsfold(['dupes', '--db', db]);
  assert.equal(dupes.code, 0, dupes.stderr);
  const rows = dupes.stdout.split('\n').filter((line) => /^ {2}(duplicate|version) /.test(line));
  assert.ok(rows.length >= 2, dupes.stdout);
  for (const row of rows) assert.match(row, /^ {2}\w+ +[0-9a-f]{8} -- [0-9a-f]{8} .*no evidence of direction/, row);
});

/** The CLI as an unprivileged user (root may write any file, so permissions are tried as nobody). */
function asUser(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return new Promise((resolve) =>
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, ...nobody, env: { ...process.env, CI: '1', HOME: tmpdir() } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    ),
  );
}

test('a read-only store: its path is named with what to do, not "may be damaged"; what it holds is kept', async () => {
  const { dir, db } = await scratchDb();
  await chmod(dir, 0o777);
  assert.equal((await newsfold(['ingest', '--db', db, 'examples/feeds/recall.jsonl'])).code, 0);
  const input = join(dir, 'more.txt');
  await writeFile(input, WIRE_STORY);
  await chmod(input, 0o644);
  // The file read-only, its folder writable: reads work, an ingest is refused by name.
  await chmod(db, 0o444);
  const listed = await asUser(['stories', '--db', db]);
  assert.equal(listed.code, 0, listed.stderr);
  assert.match(listed.stdout, /Corvid Devices recalls/);
  const ingested = await asUser(['ingest', '--db', db, input]);
  assert.equal(ingested.code, 2, ingested.stderr);
  assert.match(ingested.stderr, new RegExp(`cannot write the database ${db}: it is read-only for this user .*\\[E_STORE\\]\n  hint: The database file, or its folder, is read-only`));
  assert.doesNotMatch(ingested.stderr, /damaged/);
  // The folder read-only too: SQLite cannot make the -shm file it needs even to read.
  const lockedDir = join(dir, 'locked');
  await mkdir(lockedDir);
  await copyFile(db, join(lockedDir, 'copy.db'));
  await chmod(lockedDir, 0o555);
  const locked = await asUser(['stories', '--db', join(lockedDir, 'copy.db')]);
  await chmod(lockedDir, 0o755);
  assert.equal(locked.code, 2);
  assert.match(locked.stderr, /cannot open database .*copy\.db: it is read-only for this user .*\[E_STORE\]/);
  assert.doesNotMatch(locked.stderr, /damaged/);
  await chmod(db, 0o644);
  const kept = await newsfold(['stories', '--db', db]);
  assert.match(kept.stdout, /Corvid Devices recalls/);
});

test('control characters in hostile titles, text and sources never reach the terminal: no screen clearing, retitling or bells', async () => {
  const { dir, db } = await scratchDb();
  const input = join(dir, 'escapes.jsonl');
  const record = {
    title: 'Harbour \u001b[2J\u001b]0;pwned\u0007 reopens',
    text: 'The harbour authority in Port Alder said on Friday \u001b[H\u001b[8m that the channel would reopen next week.\b\b\b\r Bells \u0007 ring.',
    source: 'evil\u001b[5m.example',
    url: 'https://escapes.example/1',
  };
  await writeFile(input, `${JSON.stringify(record)}\n`);
  assert.equal((await newsfold(['ingest', '--db', db, input])).code, 0);
  const outputs = [
    await newsfold(['stories', '--db', db]),
    await newsfold(['article', '--db', db, 'https://escapes.example/1']),
    await newsfold(['extract', input]),
    await newsfold(['summarize', input]),
  ];
  for (const output of outputs) {
    assert.equal(output.code, 0, output.stderr);
    assert.match(output.stdout, /Harbour|harbour/);
    assert.doesNotMatch(output.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, JSON.stringify(output.stdout));
    assert.match(output.stdout, /\uFFFD/);
  }
  // --json keeps the text as stored, escaped by JSON.
  const json = await newsfold(['article', '--json', '--db', db, 'https://escapes.example/1']);
  assert.match((JSON.parse(json.stdout) as { text: string }).text, /\u001b\[H/);
});

test('C1 controls (U+009B is CSI, U+009D OSC to xterm) never reach the terminal either; --json keeps them, escaped (walk, session 33)', async () => {
  const { dir, db } = await scratchDb();
  const input = join(dir, 'c1.jsonl');
  const record = {
    title: 'Tram \u009b2J\u009b31m line \u009d0;pwned\u009c opens',
    text: 'The tram line in Velmont opened on Monday \u009b1;1H after three years of works, the council said.',
    source: 'evil\u0085.example',
    url: 'https://c1.example/1',
  };
  await writeFile(input, `${JSON.stringify(record)}\n`);
  assert.equal((await newsfold(['ingest', '--db', db, input])).code, 0);
  for (const output of [await newsfold(['stories', '--db', db]), await newsfold(['article', '--db', db, 'https://c1.example/1']), await newsfold(['summarize', input])]) {
    assert.equal(output.code, 0, output.stderr);
    assert.doesNotMatch(output.stdout, /[\u0080-\u009f]/, JSON.stringify(output.stdout));
    assert.match(output.stdout, /Tram \uFFFD2J/);
  }
  for (const args of [['article', '--json', '--db', db, 'https://c1.example/1'], ['stories', '--json', '--db', db]]) {
    const json = await newsfold(args);
    assert.doesNotMatch(json.stdout, /[\u0080-\u009f]/);
    assert.match(json.stdout, /\\u009b2J/);
  }
  const article = JSON.parse((await newsfold(['article', '--json', '--db', db, 'https://c1.example/1'])).stdout) as { title: string; source: string };
  assert.equal(article.title, record.title, 'the title as stored');
  assert.equal(article.source, record.source);
});

test('a negative --min-articles says the range it takes, not "expected a whole number" for a whole number', async () => {
  const run = await newsfold(['stories', '--min-articles', '-1']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /argument '-1' is invalid\. expected a whole number, 0 or more/);
});

test('a quote that runs across a paragraph break (a poem) prints as one bullet, not with a line at column 0', () => {
  const digest = {
    sentences: [],
    facts: { quotes: [{ text: 'He lived quiet and unseen,\n\nhe died because that is the custom.', speaker: 'The author', sources: ['a1b2c3d4e5'] }], numbers: [], entities: [], disagreements: [] },
  } as unknown as Digest;
  const lines = renderDigestFacts(digest).join('\n').split('\n');
  assert.deepEqual(lines.filter((line) => line !== '' && !line.startsWith('  ') && !line.endsWith(':')), [], lines.join('\n'));
  assert.ok(lines.some((line) => line.includes('unseen, he died')), lines.join('\n'));
});

test('serve on a port another program holds exits 2 naming the address and what to do, not 3 with a trace', async () => {
  const { createServer } = await import('node:net');
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as { port: number }).port;
  try {
    const { db } = await scratchDb();
    const run = await newsfold(['serve', '--db', db, '--port', String(port)], { env: { NEWSFOLD_TOKEN: '' } });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: it is in use by another program .*\\[E_USAGE\\]`));
    assert.doesNotMatch(run.stderr, /internal error|at Server/);
  } finally {
    holder.close();
  }
});

test('an empty id is refused: `newsfold delete "$ID"` with ID unset deleted the only article (walk, session 33)', async () => {
  const { dir, db } = await scratchDb();
  const input = join(dir, 'one.jsonl');
  await writeFile(input, `${JSON.stringify({ id: 'only', title: 'Council approves cycle lanes', text: 'The city council voted on Thursday to build protected cycle lanes along the ring road.' })}\n`);
  assert.equal((await newsfold(['ingest', '--db', db, input])).code, 0);
  for (const args of [['delete', ''], ['delete', '  '], ['article', ''], ['story', ''], ['compare', '', 'only']]) {
    const result = await newsfold([...args, '--db', db]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}`);
    assert.match(result.stderr, /is empty \[E_USAGE\]/);
  }
  assert.match((await newsfold(['stories', '--db', db])).stdout, /1 article/, 'the article is still there');
});

test('a deleted article\'s title is no longer a headline: its story gets another member\'s, an emptied story leaves the list (walk, session 33; SQLite and PostgreSQL)', async (t) => {
  const { dir, db } = await scratchDb();
  const input = join(dir, 'crane.jsonl');
  const crane = 'A container crane collapsed at Eastport harbour on Monday morning, injuring three workers and halting traffic at the busiest terminal, officials said. The crane toppled onto a moored cargo ship during a shift change, the harbour master told reporters.';
  const records = [
    { id: 'c1', source: 'Wire', title: 'Crane collapses at Eastport harbour', published: '2026-11-30T08:00:00Z', text: crane },
    { id: 'c2', source: 'Gazette', title: 'Eastport crane falls on ship', published: '2026-11-30T09:00:00Z', text: `${crane} Witnesses described a loud crack.` },
    { id: 'lib', source: 'City', title: 'Libel the publisher was told to take down', published: '2026-12-01T09:00:00Z', text: 'The central library reopened on Tuesday after a two-year renovation that cost 14 million euros, the council said.' },
  ];
  await writeFile(input, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  const target = await testSchema('nf_walk');
  const stores = [db, ...('skip' in target ? [] : [target.url])];
  if ('skip' in target) t.diagnostic(`PostgreSQL part skipped: ${target.skip}`);
  try {
    for (const store of stores) {
      assert.equal((await newsfold(['ingest', '--db', store, input])).code, 0);
      const listed = (await newsfold(['stories', '--db', store])).stdout;
      const headline = /Crane collapses at Eastport harbour|Eastport crane falls on ship/.exec(listed)?.[0];
      assert.ok(headline !== undefined, listed);
      const headlineId = headline.startsWith('Crane') ? 'c1' : 'c2';
      const before = JSON.parse((await newsfold(['stories', '--json', '--db', store])).stdout) as { stories: { id: string; headline: string }[] };
      const libraryStory = before.stories.find((story) => story.headline.startsWith('Libel'))!.id;
      assert.equal((await newsfold(['delete', '--db', store, headlineId])).code, 0);
      assert.equal((await newsfold(['delete', '--db', store, 'lib'])).code, 0);
      const after = await newsfold(['stories', '--json', '--db', store]);
      const stories = (JSON.parse(after.stdout) as { stories: { headline: string; articles: unknown[] }[] }).stories;
      assert.deepEqual(stories.map((story) => story.headline), [headlineId === 'c1' ? 'Eastport crane falls on ship' : 'Crane collapses at Eastport harbour'], store);
      assert.doesNotMatch((await newsfold(['stories', '--db', store])).stdout, /Libel|0 articles/);
      // The emptied story is not found either: it showed '0 articles' with its deleted articles' dates.
      const emptied = await newsfold(['story', '--db', store, libraryStory]);
      assert.equal(emptied.code, 2, emptied.stdout);
      assert.match(emptied.stderr, /has no articles left: they were deleted \[E_NOT_FOUND\]/);
    }
  } finally {
    if (!('skip' in target)) await target.drop();
  }
});
