// A user's walk, deeper (session 31): a PostgreSQL deployment, hostile input through every door, the known
// leftovers of session 30. End to end through the real binary.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { UNRELATED } from '../fixtures.ts';
import { BIN, newsfold, scratchDb } from '../run-cli.ts';
import { testSchema } from '../store/helpers/postgres.ts';

test('enqueue names the paths it cannot read and queues the rest; "-" is a usage error; a JSON Lines file past 512 MB is counted to its end (PostgreSQL)', async (t) => {
  const target = await testSchema('nf_walk31');
  if ('skip' in target) return t.skip(target.skip);
  try {
    const { dir } = await scratchDb();
    const good = join(dir, 'good.jsonl');
    await writeFile(good, `${JSON.stringify({ title: 'Orchestra', text: UNRELATED })}\n`);
    const missing = join(dir, 'missing file.jsonl');
    const none = await newsfold(['enqueue', '--db', target.url, missing]);
    assert.equal(none.code, 2, none.stderr);
    assert.match(none.stderr, /missing file\.jsonl: cannot be read here \(no such file or directory\): not queued \[E_UNREADABLE\]/);
    assert.match(none.stdout, /Enqueued 0 jobs/, 'before: the missing path was queued as a job');
    const some = await newsfold(['enqueue', '--json', '--db', target.url, missing, join(dir, 'missing.html'), good]);
    assert.equal(some.code, 1, some.stderr);
    assert.deepEqual(JSON.parse(some.stdout), { run: 1, jobs: 1, problems: 2 });
    const stdin = await newsfold(['enqueue', '--db', target.url, '-'], { input: `${JSON.stringify({ text: UNRELATED })}\n` });
    assert.equal(stdin.code, 2, 'before: "Enqueued 0 jobs", exit 0, the input dropped');
    assert.match(stdin.stderr, /standard input \(-\) cannot be queued.*\[E_USAGE\]/);

    // 300 lines, a hole of 600 MB (one line of NUL bytes, a sparse file: no disk), 300 lines: read as one
    // string the file was one line, so one job of lines 1-256 and the last 344 lines never queued.
    const huge = join(dir, 'huge.jsonl');
    const handle = await open(huge, 'w');
    const part = (name: string) => Array.from({ length: 300 }, (_, i) => `${JSON.stringify({ id: `${name}${i}`, text: `Line ${i} of the ${name} part.` })}\n`).join('');
    await handle.write(part('first'));
    await handle.write(`\n${part('last')}`, 600 * 1024 * 1024);
    await handle.close();
    const counted = await newsfold(['enqueue', '--json', '--db', target.url, huge]);
    assert.equal(counted.code, 0, counted.stderr);
    // One job of lines 1-256 before; the 601 lines now make jobs of 256 at most, smaller towards the end (TAPER_SHARES).
    assert.ok(JSON.parse(counted.stdout).jobs >= 3, '601 lines: three jobs of 256 or more smaller ones');
  } finally {
    await target.drop();
  }
});

test('a file name with a line break stays on its problem line, the break shown as U+FFFD; names with spaces and Unicode are read (walk, session 31)', async () => {
  const { dir, db } = await scratchDb();
  const folder = join(dir, 'inbox ünï 日本');
  await mkdir(folder);
  await writeFile(join(folder, 'empty\nline.txt'), '');
  await writeFile(join(folder, 'good one ü.txt'), `Orchestra names conductor\n\n${UNRELATED}`);
  const run = await newsfold(['ingest', '--db', db, folder]);
  assert.equal(run.code, 1, run.stderr);
  const lines = run.stderr.trimEnd().split('\n');
  assert.deepEqual(lines, [`newsfold: ${folder}/empty\uFFFDline.txt: file is empty [E_EMPTY] (The file has no text to ingest; remove it or fill it.)`], 'before: "line.txt: file is empty" on a line of its own');
  assert.match(run.stdout, /1 stored/);
});

test('watch says what it watches and names a path that does not exist; a long-lived worker says it is up (walk, session 31)', async (t) => {
  const { dir, db } = await scratchDb();
  const missing = join(dir, 'inbxo');
  const watch = spawn(process.execPath, [BIN, 'watch', missing, '--interval', '0.5', '--db', db], { env: { ...process.env, CI: '1' } });
  let stderr = '';
  watch.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => watch.on('exit', (code) => resolve(code)));
  for (let tries = 0; tries < 300 && !/Ctrl-C stops/.test(stderr); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  watch.kill('SIGTERM');
  assert.equal(await exited, 0);
  assert.match(stderr, new RegExp(`${missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} does not exist \\(yet\\); watching for it\\n`), `before: nothing at all; ${stderr}`);
  assert.match(stderr, /watching 1 path every 0\.5 s; Ctrl-C stops/);

  const target = await testSchema('nf_walk31w');
  if ('skip' in target) return t.skip(target.skip);
  try {
    const worker = spawn(process.execPath, [BIN, 'worker', '--db', target.url], { env: { ...process.env, CI: '1' } });
    let said = '';
    worker.stderr.on('data', (chunk) => (said += chunk));
    const done = new Promise<number | null>((resolve) => worker.on('exit', (code) => resolve(code)));
    for (let tries = 0; tries < 300 && !/Ctrl-C/.test(said); tries++) await new Promise((resolve) => setTimeout(resolve, 100));
    worker.kill('SIGTERM');
    await done;
    assert.match(said, /^newsfold: worker taking jobs; Ctrl-C stops it/, 'before: silent until stopped');
  } finally {
    await target.drop();
  }
});

test('a worker names the records its applier found a problem with (a date in the future), not only counts them (walk, session 34)', async (t) => {
  const { dir } = await scratchDb();
  const target = await testSchema('nf_walk34f');
  if ('skip' in target) return t.skip(target.skip);
  try {
    const path = join(dir, 'future.jsonl');
    await writeFile(path, `${JSON.stringify({ id: 'f1', title: 'Crane collapses', published: '2099-01-01T00:00:00Z', text: 'A harbour crane collapsed in Rotterdam on Tuesday, injuring two dock workers, port officials said.' })}\n`);
    assert.equal((await newsfold(['enqueue', path, '--db', target.url])).code, 0);
    const worker = await newsfold(['worker', '--until-idle', '--db', target.url]);
    assert.equal(worker.code, 1, worker.stderr);
    assert.match(worker.stderr, /future\.jsonl:1: publication date 2099-01-01T00:00:00\.000Z is in the future .*\[E_DATE\]/, `before: "1 problem" with none named; ${worker.stderr}`);
  } finally {
    await target.drop();
  }
});
