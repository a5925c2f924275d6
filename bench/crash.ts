// `npm run bench:crash [-- --trials 30 --records 100]`: kill -9 at random points of an ingest, then run the
// same ingest again to completion, and compare the store with a clean run's: articles lost or duplicated,
// relations and story membership. The corpus (JSON Lines with and without ids, in files of 50 records, plus
// the bundled examples) is generated in /tmp and removed after. An ingest is one `newsfold ingest` process per
// input, in order, as a cron job feeding daily files would run: each commits its own batches, so a kill lands
// before, inside or between commits.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const TRIALS = Number(flag('trials', '30'));
const RECORDS = Number(flag('records', '100'));
const BIN = join(import.meta.dirname, '..', 'bin', 'newsfold.js');
const EXAMPLES = join(import.meta.dirname, '..', 'examples');
const WORDS = 'council approved harbour budget storm pier minister police river election vote market prices company shares bank inflation school hospital train strike weather flood mayor port ferry bridge tunnel'.split(' ');

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Records in files of 100; a third without id (identity by content), some sharing paragraphs (relations). */
function writeCorpus(dir: string): void {
  const next = random(7);
  const shared: string[] = [];
  const sentence = () => Array.from({ length: 14 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ') + '.';
  for (let index = 0; index < 20; index++) shared.push(`${sentence()} ${sentence()} ${sentence()}`);
  let lines: string[] = [];
  for (let record = 0; record < RECORDS; record++) {
    const paragraphs = [shared[Math.floor(next() * shared.length)] as string, `${sentence()} ${sentence()} Record ${record}.`, `${sentence()} ${sentence()}`];
    const fields: Record<string, string> = { title: `Story ${record % 37}: ${sentence()}`, text: paragraphs.join('\n\n'), published: `2024-03-0${1 + (record % 9)}T10:00:00Z` };
    if (record % 3 !== 0) fields.id = `r${record}`;
    lines.push(JSON.stringify(fields));
    if (lines.length === 50 || record === RECORDS - 1) {
      writeFileSync(join(dir, `feed-${String(record).padStart(5, '0')}.jsonl`), `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  cpSync(EXAMPLES, join(dir, 'examples'), { recursive: true });
}

interface Snapshot {
  rows: number;
  articles: string[];
  relations: string[];
  stories: string[];
}

function snapshot(path: string): Snapshot {
  const db = new Database(path);
  try {
    const articles = (db.prepare('SELECT id FROM articles ORDER BY id').all() as { id: string }[]).map((row) => row.id);
    const relations = (db.prepare('SELECT a, b, kind FROM relations ORDER BY a, b').all() as { a: string; b: string; kind: string }[]).map((row) => `${row.a} ${row.b} ${row.kind}`);
    const members = db.prepare('SELECT story_id AS story, article_id AS article FROM story_articles').all() as { story: string; article: string }[];
    const byStory = new Map<string, string[]>();
    for (const { story, article } of members) byStory.set(story, [...(byStory.get(story) ?? []), article]);
    const stories = [...byStory.values()].map((ids) => ids.sort().join(',')).sort();
    return { rows: articles.length, articles, relations, stories };
  } finally {
    db.close();
  }
}

/** The inputs of one ingest, in order: each generated file, then the examples. */
function inputsOf(corpus: string): string[] {
  return [...readdirSync(corpus).filter((name) => name.endsWith('.jsonl')).sort().map((name) => join(corpus, name)), join(corpus, 'examples')];
}

function ingest(dbPath: string, corpus: string): number {
  const start = performance.now();
  for (const input of inputsOf(corpus)) {
    const run = spawnSync(process.execPath, [BIN, 'ingest', '--db', dbPath, input], { env: { ...process.env, CI: '1' }, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`ingest failed (${run.status}): ${run.stderr}`);
  }
  return performance.now() - start;
}

/** Runs the ingest sequence and kills its running process with SIGKILL `delayMs` after the start. */
async function ingestKilledAfter(dbPath: string, corpus: string, delayMs: number): Promise<boolean> {
  const deadline = performance.now() + delayMs;
  for (const input of inputsOf(corpus)) {
    const killed = await new Promise<boolean>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'ingest', '--db', dbPath, input], { env: { ...process.env, CI: '1' }, stdio: 'ignore' });
      const timer = setTimeout(() => child.kill('SIGKILL'), Math.max(0, deadline - performance.now()));
      child.on('close', (_code, signal) => {
        clearTimeout(timer);
        resolve(signal === 'SIGKILL');
      });
    });
    if (killed) return true;
  }
  return false;
}

const work = mkdtempSync(join(tmpdir(), 'newsfold-crash-'));
try {
  const corpus = join(work, 'corpus');
  mkdirSync(corpus);
  writeCorpus(corpus);
  const cleanDb = join(work, 'clean.db');
  const cleanMs = ingest(cleanDb, corpus);
  const clean = snapshot(cleanDb);
  console.log(`clean run: ${clean.articles.length} articles, ${clean.relations.length} relations, ${clean.stories.length} stories in ${(cleanMs / 1000).toFixed(1)} s; node ${process.version}`);
  let killedMidway = 0;
  let lost = 0;
  let duplicated = 0;
  let identical = 0;
  const next = random(2024);
  for (let trial = 1; trial <= TRIALS; trial++) {
    const dbPath = join(work, `trial-${trial}.db`);
    const delay = Math.round(next() * cleanMs);
    const killed = await ingestKilledAfter(dbPath, corpus, delay);
    if (killed) killedMidway++;
    let partial = -1;
    if (killed) {
      try {
        partial = snapshot(dbPath).rows;
      } catch {
        partial = 0; // killed before the schema was committed
      }
    }
    ingest(dbPath, corpus);
    const after = snapshot(dbPath);
    const stored = new Set(after.articles);
    const trialLost = clean.articles.filter((id) => !stored.has(id)).length;
    const expected = new Set(clean.articles);
    const trialExtra = after.articles.filter((id) => !expected.has(id)).length + (after.rows - stored.size);
    const same = trialLost === 0 && trialExtra === 0 && after.relations.join('\n') === clean.relations.join('\n') && after.stories.join('\n') === clean.stories.join('\n');
    lost += trialLost;
    duplicated += trialExtra;
    if (same) identical++;
    console.log(`trial ${String(trial).padStart(2)}: kill -9 at ${String(delay).padStart(5)} ms${killed ? ` (${partial} articles committed)` : ' (ingest had ended)'} -> lost ${trialLost}, duplicated ${trialExtra}, ${same ? 'identical to the clean run' : 'DIFFERS from the clean run'}`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
  }
  console.log(`\n${TRIALS} trials, ${killedMidway} killed mid-ingest: ${lost} articles lost, ${duplicated} duplicated, ${identical}/${TRIALS} stores identical to the clean run`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
