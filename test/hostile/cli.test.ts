// Everyday habits and damaged stores through the real binary: pipes, standard input, read commands, exit codes.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { main, EXIT_CRASH, EXIT_ERROR } from '../../src/cli/main.ts';
import { BIN, newsfold, ROOT, scratchDb } from '../run-cli.ts';
import type { StoryTermRow } from '../../src/store/story-terms.ts';
import { centroidRecords } from '../store/helpers/older-centroids.ts';
import { backToSchema6 } from '../store/helpers/schema-6.ts';

const PAGE = (n: number) =>
  `<!DOCTYPE html><html><head><title>Harbour story ${n}</title></head><body><article><p>${`Harbour report number ${n} says the pier was damaged by the storm on Monday night. `.repeat(12)}</p></article></body></html>`;

/** A stack trace's frames: never shown for a store or input problem. */
const STACK_FRAME = /\n\s+at /;

let examplesDb: Promise<string> | undefined;
function ingestedExamples(): Promise<string> {
  examplesDb ??= (async () => {
    const { db } = await scratchDb();
    const run = await newsfold(['ingest', '--db', db, 'examples']);
    assert.equal(run.code, 0, run.stderr);
    return db;
  })();
  return examplesDb;
}

test('a damaged or foreign database is E_STORE with exit 2 and a hint, never a stack trace', async () => {
  const source = await ingestedExamples();
  const { dir } = await scratchDb();
  const badJson = join(dir, 'bad-json.db');
  await copyFile(source, badJson);
  const db = new Database(badJson);
  db.prepare("UPDATE articles SET paragraphs = '{not json'").run();
  db.close();
  const dropped = join(dir, 'dropped.db');
  await copyFile(source, dropped);
  const db2 = new Database(dropped);
  db2.exec('DROP TABLE relations');
  db2.close();
  const foreign = join(dir, 'foreign.db');
  await writeFile(foreign, 'this is a text file, not a database\n'.repeat(200));
  const garbage = join(dir, 'garbage.db');
  await copyFile(source, garbage);
  const handle = await open(garbage, 'r+');
  await handle.write(Buffer.alloc(8192, 0xab), 0, 8192, 4096);
  await handle.close();
  // `stories --json` reads every listed story's articles (the compact listing reads only story rows).
  for (const [path, command] of [[badJson, 'stories'], [dropped, 'stories'], [foreign, 'stories'], [foreign, 'ingest'], [garbage, 'ingest']] as const) {
    const args = command === 'ingest' ? ['ingest', '--db', path, 'examples/feeds'] : [command, '--json', '--db', path];
    const run = await newsfold(args);
    assert.equal(run.code, EXIT_ERROR, `${command} ${path}: ${run.stderr}`);
    assert.match(run.stderr, /\[E_STORE\]\n  hint: /);
    assert.doesNotMatch(run.stderr, STACK_FRAME);
  }
});

test('read commands never create or migrate a database: a missing one is an error naming the path', async () => {
  const { dir } = await scratchDb();
  const missing = join(dir, 'typo.db');
  for (const args of [['stories'], ['story', 'abc'], ['article', 'abc'], ['dupes'], ['compare', 'a', 'b'], ['delete', 'abc']]) {
    const run = await newsfold([...args, '--db', missing]);
    assert.equal(run.code, EXIT_ERROR, args.join(' '));
    assert.ok(run.stderr.includes(missing), run.stderr);
    assert.equal(existsSync(missing), false, `${args[0]} created the database`);
  }
});

test('a database written by an earlier newsfold: read commands name `newsfold upgrade`, which migrates it and keeps every story', async () => {
  const { dir } = await scratchDb();
  const db = join(dir, 'older.db');
  await copyFile(await ingestedExamples(), db);
  const before = await newsfold(['stories', '--all', '--db', db]);
  assert.equal(before.code, 0, before.stderr);
  // Back to schema 3: centroids in their record form, no index terms, no copy-index snapshot, no story terms.
  const raw = new Database(db);
  backToSchema6(raw);
  const records = centroidRecords(raw.prepare('SELECT id, centroid FROM stories').all() as { id: string; centroid: string }[], raw.prepare('SELECT id, term FROM story_terms').all() as StoryTermRow[]);
  for (const [id, centroid] of records) raw.prepare('UPDATE stories SET centroid = ? WHERE id = ?').run(centroid, id);
  raw.exec('ALTER TABLE stories DROP COLUMN index_terms; DROP TABLE copy_index_snapshot; DROP TABLE story_terms; DROP INDEX stories_live_timed');
  raw.pragma('user_version = 3');
  raw.close();
  const refused = await newsfold(['stories', '--db', db]);
  assert.equal(refused.code, EXIT_ERROR);
  assert.ok(refused.stderr.includes(`newsfold upgrade --db ${db}`), refused.stderr);
  assert.doesNotMatch(refused.stderr, STACK_FRAME);
  assert.match(refused.stderr, /hint: The database is intact/);
  const upgrade = await newsfold(['upgrade', '--db', db]);
  assert.equal(upgrade.code, 0, upgrade.stderr);
  const after = await newsfold(['stories', '--all', '--db', db]);
  assert.equal(after.code, 0, after.stderr);
  assert.equal(after.stdout, before.stdout);
  const missing = join(dir, 'typo.db');
  const typo = await newsfold(['upgrade', '--db', missing]);
  assert.equal(typo.code, EXIT_ERROR);
  assert.ok(typo.stderr.includes(missing), typo.stderr);
  assert.equal(existsSync(missing), false, 'upgrade created the database');
});

test('an unexpected crash has its own exit status, distinct from input problems and usage errors', async () => {
  const errors: string[] = [];
  const io = { stdout: () => { throw new TypeError('renderer bug'); }, stderr: (text: string) => void errors.push(text), stdin: process.stdin, stderrIsTty: false };
  const { db } = await scratchDb();
  const code = await main(['node', 'newsfold', 'ingest', '--db', db, 'examples/feeds'], io);
  assert.equal(code, EXIT_CRASH);
  assert.match(errors.join(''), /internal error/);
});

test('`extract -` and `summarize -` read a page from standard input; `ingest -` reads a text', async () => {
  const extract = await newsfold(['extract', '--json', '-'], { input: PAGE(1) });
  assert.equal(extract.code, 0, extract.stderr);
  assert.equal(JSON.parse(extract.stdout).title, 'Harbour story 1');
  const summarize = await newsfold(['summarize', '-'], { input: PAGE(2) });
  assert.equal(summarize.code, 0, summarize.stderr);
  assert.match(summarize.stdout, /Harbour report number 2/);
  const { db } = await scratchDb();
  const ingest = await newsfold(['ingest', '--json', '--db', db, '-'], { input: 'A piped title\n\nA piped body about the harbour and its damaged pier on Monday.' });
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.equal(JSON.parse(ingest.stdout).stored, 1);
});

test('a closed pipe ends the command quietly with status 0', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-pipe-'));
  for (let n = 0; n < 150; n++) await writeFile(join(dir, `page-${String(n).padStart(3, '0')}.html`), PAGE(n));
  const script = `node ${JSON.stringify(BIN)} extract ${JSON.stringify(dir)} 2>${JSON.stringify(join(dir, 'err'))} | head -1; echo "status=\${PIPESTATUS[0]}"`;
  const out = await new Promise<string>((resolve) => execFile('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, CI: '1' } }, (_error, stdout) => resolve(stdout)));
  assert.match(out, /status=0/);
  const errors = execFileSync('cat', [join(dir, 'err')]).toString();
  assert.equal(errors, '', 'nothing on stderr');
});

test('human output wraps at 80 columns when standard output is not a terminal', async () => {
  const source = await ingestedExamples();
  const listed = await newsfold(['stories', '--json', '--limit', '1', '--db', source]);
  const [first] = (JSON.parse(listed.stdout) as { stories: { id: string }[] }).stories;
  const run = await newsfold(['story', first!.id, '--db', source]);
  assert.equal(run.code, 0, run.stderr);
  const longest = Math.max(...run.stdout.split('\n').filter((line) => line.startsWith('  * ') || line.startsWith('    ')).map((line) => line.length));
  assert.ok(longest <= 80, `a digest line is ${longest} columns`);
});

test('--verbose names every file a directory walk skips; without it they are counted', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-skip-'));
  await writeFile(join(dir, 'story.txt'), 'A title\n\nA body about the harbour.');
  await writeFile(join(dir, 'notes.md'), '# notes');
  await writeFile(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const { db } = await scratchDb();
  const quiet = await newsfold(['ingest', '--db', db, dir]);
  assert.match(quiet.stderr, /2 files in the directories skipped \(--verbose names them\)/);
  const verbose = await newsfold(['ingest', '--verbose', '--db', db, dir]);
  assert.match(verbose.stderr, /skipped .*image\.png/);
  assert.match(verbose.stderr, /skipped .*notes\.md/);
});

test('an unreadable subdirectory is one problem naming it and the walk goes on (as an unprivileged user)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-locked-'));
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'a-locked'));
  await writeFile(join(dir, 'a-locked', 'x.txt'), 'Hidden\n\nText.');
  await writeFile(join(dir, 'b.txt'), 'Open title\n\nAn open body about the harbour pier.');
  await chmod(join(dir, 'b.txt'), 0o644);
  await chmod(join(dir, 'a-locked'), 0o000);
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const out = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [BIN, 'extract', '--json', dir], { cwd: ROOT, ...asNobody, env: { ...process.env, CI: '1', HOME: tmpdir() } }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    ),
  );
  await chmod(join(dir, 'a-locked'), 0o755);
  assert.equal(out.code, 1, out.stderr);
  assert.match(out.stderr, new RegExp(`${join(dir, 'a-locked')}: cannot list directory: permission denied`));
  assert.match(JSON.parse(out.stdout).text, /An open body/);
});

test('every flag the README documents works on every command it names', async () => {
  const readme = (await import('node:fs')).readFileSync(join(ROOT, 'README.md'), 'utf8');
  const named = /Every command that uses the store \(([^)]*)\)/.exec(readme)?.[1] ?? '';
  const commands = [...named.matchAll(/`(\w+)`/g)].map((match) => match[1] as string);
  assert.ok(commands.length >= 8, named);
  for (const command of commands) {
    const help = await newsfold([command, '--help']);
    assert.match(help.stdout, /--db <path\|url>/, command);
    assert.match(help.stdout, /--json/, command);
  }
  for (const command of ['ingest', 'run']) assert.match((await newsfold([command, '--help'])).stdout, /--verbose/, command);
});
