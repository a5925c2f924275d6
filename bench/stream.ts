// Ingest at crawl speed: a dated stream of real DUC 2006 and Multi-News articles and word-swapped variants with
// planted copies (bench/copy-corpus.ts), published 150 a day, ingested end to end into a fresh SQLite store,
// through the engine (one process, stage table, first 10% against last 10%) and through the CLI (`newsfold
// ingest --jobs N`, CPU and peak RSS of the child process). Reports articles per CPU-second and per wall
// second, peak RSS and store bytes per article.
//
// Run: npm run bench:stream -- --sizes 10000,100000 --jobs 1,2 [--modes engine,cli,open,window] [--store PATH]
//      [--open-articles N (default 200)] [--rounds N (default 3)] [--bin OTHER/bin/newsfold.js] [--keep STORE.db]
// --jobs 0 runs without the option (engine default, no CLI flag): for a newsfold from before --jobs.
// The corpus is written once per size under /tmp/newsfold-stream-<size> and reused.
// Mode open: the cost of opening a large store, as the CPU and wall time of `newsfold ingest` of 200 fresh
// articles (dated after the stream) into a copy of the store of the whole stream, against the same into an
// empty store. The store is built once with `newsfold ingest --jobs 2` and kept beside the corpus;
// --store PATH measures a store made elsewhere instead: one holding the first N (--sizes N) articles of the
// stream, so the 200 articles come after its newest date (with more, they arrive late). A store of an older
// schema is migrated in place once before the rounds.
// Mode window (with open): also a store of only the stream's last WINDOW_ARTICLES articles (the stories an
// arrival can reach, a small archive), measured in the same rounds: large - window is what grows with the archive.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Engine, STAGE_NAMES, type IngestReport, type StageName } from '../src/engine/index.ts';
import { readInputs, type IngestItem } from '../src/ingest/index.ts';
import { loadRealCorpus, writeCorpus } from './copy-corpus.ts';
import { ARTICLES_PER_DAY, DAY_MS, streamCorpus } from './lib/stream-corpus.ts';
import { DEFAULT_IDLE_ARRIVALS } from '../src/stories/stream.ts';

/** The newsfold the CLI modes run: this checkout's, or another build's with --bin (for A/B rounds). */
let BIN = new URL('../bin/newsfold.js', import.meta.url).pathname;
/** Share of the stream whose cost is compared: the first tenth against the last. */
const DECILE = 0.1;
/** Articles ingested to time a store's opening: a small crawl batch, so the opening dominates. */
const OPEN_ARTICLES = 200;
/** Seed of those articles (the stream's is CORPUS_SEED), so they are new to the store. */
const OPEN_SEED = 2027;
/** Rounds of the opening measurement (medians reported). */
let OPEN_ROUNDS = 3;
/** --keep PATH: where the engine mode's store is copied before its directory is removed. */
let keepStore: string | undefined;
/**
 * Articles in the window store: the idle limit of undated stories (DEFAULT_IDLE_ARRIVALS), which is longer than
 * the dated window + lateness (8 days, 1,200 articles at ARTICLES_PER_DAY): every story the index loads.
 */
const WINDOW_ARTICLES = DEFAULT_IDLE_ARRIVALS;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

function storeBytes(db: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(db + suffix)) bytes += statSync(db + suffix).size;
  return bytes;
}

/** The items of `file` in three slices: the first tenth, the middle, the last tenth. */
async function readSlices(file: string): Promise<IngestItem[][]> {
  const items: IngestItem[] = [];
  for await (const item of readInputs([file])) items.push(item);
  const tenth = Math.round(items.length * DECILE);
  return [items.slice(0, tenth), items.slice(tenth, items.length - tenth), items.slice(items.length - tenth)];
}

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

function addStages(total: Record<StageName, number>, more: Record<StageName, number>): void {
  for (const name of STAGE_NAMES) if (more[name] !== undefined) total[name] = (total[name] ?? 0) + more[name];
}

async function engineRun(file: string, size: number, jobs: number): Promise<void> {
  const slices = await readSlices(file);
  const dir = mkdtempSync(join(tmpdir(), 'newsfold-stream-'));
  const db = join(dir, 'stream.db');
  const engine = Engine.openSqlite(db);
  const stages = {} as Record<StageName, number>;
  const sliceCpu: number[] = [];
  const sliceArticles: number[] = [];
  const sliceStages: Record<StageName, number>[] = [];
  let stored = 0;
  let relations = 0;
  const wallStart = performance.now();
  const cpuStart = cpuSeconds();
  for (const slice of slices) {
    const before = cpuSeconds();
    const report: IngestReport = await engine.ingestItems(fromArray(slice), jobs === 0 ? {} : { jobs });
    sliceCpu.push(cpuSeconds() - before);
    sliceArticles.push(slice.length);
    addStages(stages, report.stageMs);
    sliceStages.push({ ...report.stageMs });
    stored += report.stored;
    relations += report.relations;
  }
  const wallMs = performance.now() - wallStart;
  const cpu = cpuSeconds() - cpuStart;
  const stories = (await engine.store.listStories()).length;
  await engine.close();
  const bytes = storeBytes(db);
  if (keepStore !== undefined) copyFileSync(db, keepStore);
  rmSync(dir, { recursive: true, force: true });
  const stageSum = STAGE_NAMES.reduce((sum, name) => sum + (stages[name] ?? 0), 0);
  const firstCost = sliceCpu[0]! / sliceArticles[0]!;
  const lastCost = sliceCpu[2]! / sliceArticles[2]!;
  console.log(`\nengine, ${integer.format(size)} articles, --jobs ${jobs}: ${integer.format(stored)} stored, ${integer.format(relations)} relations, ${integer.format(stories)} stories`);
  console.log(`| articles / CPU-s | articles / wall-s | wall s | CPU s | peak RSS MB | store bytes / article | last 10% / first 10% (CPU per article) |`);
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  console.log(
    `| ${integer.format(size / cpu)} | ${integer.format(size / (wallMs / 1000))} | ${twoDecimals.format(wallMs / 1000)} | ${twoDecimals.format(cpu)} | ${integer.format(process.resourceUsage().maxRSS / 1024)} | ${integer.format(bytes / Math.max(1, stored))} | ${twoDecimals.format(lastCost / firstCost)} (${integer.format(firstCost * 1e6)} -> ${integer.format(lastCost * 1e6)} us) |`,
  );
  console.log(`| stage | s | share of wall |`);
  console.log(`| --- | ---: | ---: |`);
  for (const name of STAGE_NAMES) if (stages[name] !== undefined) console.log(`| ${name} | ${twoDecimals.format(stages[name] / 1000)} | ${((100 * stages[name]) / wallMs).toFixed(1)}% |`);
  console.log(`| sum of stages | ${twoDecimals.format(stageSum / 1000)} | ${((100 * stageSum) / wallMs).toFixed(1)}% |`);
  // Which stages grow: each stage's wall ms an article in the first tenth against the last.
  console.log(`| stage | first 10%: ms an article | last 10%: ms an article | last / first |`);
  console.log(`| --- | ---: | ---: | ---: |`);
  for (const name of STAGE_NAMES) {
    const first = (sliceStages[0]![name] ?? 0) / sliceArticles[0]!;
    const last = (sliceStages[2]![name] ?? 0) / sliceArticles[2]!;
    if (first === 0 && last === 0) continue;
    console.log(`| ${name} | ${first.toFixed(3)} | ${last.toFixed(3)} | ${first === 0 ? '-' : twoDecimals.format(last / first)} |`);
  }
}

/** `jobs` 0: no --jobs flag (a newsfold before it had one). */
function cliRun(file: string, size: number, jobs: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'newsfold-stream-cli-'));
  const db = join(dir, 'stream.db');
  const timing = join(dir, 'time.txt');
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timing, process.execPath, BIN, 'ingest', file, '--db', db, ...(jobs === 0 ? [] : ['--jobs', String(jobs)])], {
    env: { ...process.env, CI: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  if (child.status !== 0) {
    console.log(`cli, --jobs ${jobs}: exit ${child.status}: ${child.stderr.slice(0, 2000)}`);
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const [user, system, maxRssKb] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  const cpu = user! + system!;
  const bytes = storeBytes(db);
  rmSync(dir, { recursive: true, force: true });
  console.log(`\ncli \`newsfold ingest --jobs ${jobs}\`, ${integer.format(size)} articles:`);
  console.log(`| articles / CPU-s | articles / wall-s | wall s | CPU s | peak RSS MB | store bytes / article |`);
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: |`);
  console.log(`| ${integer.format(size / cpu)} | ${integer.format(size / (wallMs / 1000))} | ${twoDecimals.format(wallMs / 1000)} | ${twoDecimals.format(cpu)} | ${integer.format(maxRssKb! / 1024)} | ${integer.format(bytes / size)} |`);
}

interface TimedIngest {
  cpu: number;
  wall: number;
  rssMb: number;
}

/** CPU (user + system), wall seconds and peak RSS of one `newsfold ingest` child. */
function timedIngest(file: string, db: string, jobs: number): TimedIngest {
  const timing = `${db}.time`;
  const started = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timing, process.execPath, BIN, 'ingest', file, '--db', db, '--jobs', String(jobs)], {
    env: { ...process.env, CI: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  if (child.status !== 0) throw new Error(`newsfold ingest exited ${child.status}: ${child.stderr.slice(0, 2000)}`);
  const [user, system, maxRssKb] = readFileSync(timing, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  return { cpu: user! + system!, wall, rssMb: maxRssKb! / 1024 };
}

/** `count` articles new to the stream of `size`, published after its last. */
async function freshArticles(size: number, count: number): Promise<string | undefined> {
  const dir = `/tmp/newsfold-stream-fresh-${count}`;
  const file = join(dir, 'corpus.jsonl');
  if (!existsSync(file)) {
    const real = await loadRealCorpus();
    if (real === undefined) return undefined;
    await writeCorpus(real, count, dir, OPEN_SEED, false, DAY_MS / ARTICLES_PER_DAY);
  }
  // Dated after the stream of `size` (its articles are DAY_MS / ARTICLES_PER_DAY apart from the same start).
  const shift = (size * DAY_MS) / ARTICLES_PER_DAY;
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  const shifted = lines.map((line) => {
    const article = JSON.parse(line) as { id: string; published?: string };
    article.id = `fresh-${article.id}`;
    if (article.published !== undefined) article.published = new Date(Date.parse(article.published) + shift).toISOString();
    return JSON.stringify(article);
  });
  const out = join(dir, `after-${size}.jsonl`);
  writeFileSync(out, `${shifted.join('\n')}\n`);
  return out;
}

const median = (values: number[]): number => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

/** A store of the last WINDOW_ARTICLES articles of the stream in `file`, built once beside it. */
function windowStore(file: string, size: number): string {
  const dir = `/tmp/newsfold-stream-${size}`;
  const store = join(dir, `window-${WINDOW_ARTICLES}.db`);
  if (existsSync(store)) return store;
  const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
  const tail = join(dir, `window-${WINDOW_ARTICLES}.jsonl`);
  writeFileSync(tail, `${lines.slice(-WINDOW_ARTICLES).join('\n')}\n`);
  const built = timedIngest(tail, store, 2);
  console.log(`open: built the store of the last ${integer.format(WINDOW_ARTICLES)} articles in ${twoDecimals.format(built.wall)} s wall, ${twoDecimals.format(built.cpu)} CPU-s`);
  return store;
}

/** `newsfold upgrade` of `store` with the measured build. */
function upgradeStore(store: string): void {
  const upgrade = spawnSync(process.execPath, [BIN, 'upgrade', '--db', store], { env: { ...process.env, CI: '1' }, encoding: 'utf8' });
  if (upgrade.status !== 0) throw new Error(`newsfold upgrade of ${store} exited ${upgrade.status}: ${upgrade.stderr.slice(0, 2000)}`);
}

/** A fresh copy of `store` (with its WAL and shared memory, if any) at `copy`. */
function copyStore(store: string, copy: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    rmSync(copy + suffix, { force: true });
    if (existsSync(store + suffix)) copyFileSync(store + suffix, copy + suffix);
  }
}

/** The cost of opening the store of the stream of `size` (or `given`) to ingest `count` fresh articles. */
async function openRun(file: string, size: number, given: string | undefined, count: number, withWindow: boolean): Promise<void> {
  let store = given;
  if (store === undefined) {
    store = join(`/tmp/newsfold-stream-${size}`, 'store.db');
    if (!existsSync(store)) {
      const built = timedIngest(file, store, 2);
      console.log(`open: built the ${integer.format(size)}-article store in ${twoDecimals.format(built.wall)} s wall, ${twoDecimals.format(built.cpu)} CPU-s`);
    }
  }
  const fresh = await freshArticles(size, count);
  if (fresh === undefined) return;
  // A store made by an earlier newsfold is migrated once here, as its first ingest would, not in every round.
  upgradeStore(store);
  const window = withWindow && given === undefined ? windowStore(file, size) : undefined;
  if (window !== undefined) upgradeStore(window);
  const dir = mkdtempSync(join(tmpdir(), 'newsfold-stream-open-'));
  const empty: TimedIngest[] = [];
  const windowed: TimedIngest[] = [];
  const large: TimedIngest[] = [];
  try {
    for (let round = 0; round < OPEN_ROUNDS; round++) {
      for (const suffix of ['', '-wal', '-shm']) rmSync(join(dir, `empty.db${suffix}`), { force: true });
      empty.push(timedIngest(fresh, join(dir, 'empty.db'), 1));
      if (window !== undefined) {
        copyStore(window, join(dir, 'window.db'));
        windowed.push(timedIngest(fresh, join(dir, 'window.db'), 1));
      }
      copyStore(store, join(dir, 'large.db'));
      large.push(timedIngest(fresh, join(dir, 'large.db'), 1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const row = (name: string, runs: TimedIngest[]) =>
    `| ${name} | ${runs.map((run) => twoDecimals.format(run.cpu)).join(' / ')} | ${twoDecimals.format(median(runs.map((run) => run.cpu)))} | ${twoDecimals.format(median(runs.map((run) => run.wall)))} | ${integer.format(median(runs.map((run) => run.rssMb)))} |`;
  console.log(`\nopen: \`newsfold ingest --jobs 1\` of ${count} fresh articles, ${OPEN_ROUNDS} rounds (store: ${store})`);
  console.log(`| store | CPU s per round | median CPU s | median wall s | median peak RSS MB |`);
  console.log(`| --- | --- | ---: | ---: | ---: |`);
  console.log(row('empty', empty));
  if (window !== undefined) console.log(row(`its last ${integer.format(WINDOW_ARTICLES)} articles`, windowed));
  console.log(row(given === undefined ? `the ${integer.format(size)}-article stream` : 'given', large));
  console.log(`opening cost (median CPU, large - empty): ${twoDecimals.format(median(large.map((run) => run.cpu)) - median(empty.map((run) => run.cpu)))} s`);
  if (window !== undefined) {
    const perRound = large.map((run, round) => twoDecimals.format(run.cpu - windowed[round]!.cpu)).join(' ');
    console.log(`window - empty (median CPU): ${twoDecimals.format(median(windowed.map((run) => run.cpu)) - median(empty.map((run) => run.cpu)))} s; growing with the archive, large - window: ${twoDecimals.format(median(large.map((run) => run.cpu)) - median(windowed.map((run) => run.cpu)))} s (per round ${perRound})`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000' },
      jobs: { type: 'string', default: '1,2' },
      modes: { type: 'string', default: 'engine,cli' },
      store: { type: 'string' },
      bin: { type: 'string' },
      'open-articles': { type: 'string', default: String(OPEN_ARTICLES) },
      rounds: { type: 'string', default: String(OPEN_ROUNDS) },
      keep: { type: 'string' },
    },
  });
  OPEN_ROUNDS = Number(values.rounds);
  keepStore = values.keep;
  if (values.bin !== undefined) BIN = values.bin;
  const openArticles = Number(values['open-articles']);
  const sizes = values.sizes.split(',').map(Number);
  const jobsList = values.jobs.split(',').map(Number);
  const modes = new Set(values.modes.split(','));
  console.log(`stream benchmark: ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
  for (const size of sizes) {
    // A given store needs no stream (only the fresh articles, dated after `size` articles of it).
    const onlyGivenStore = values.store !== undefined && !modes.has('engine') && !modes.has('cli');
    const file = onlyGivenStore ? '' : await streamCorpus(size, 'stream');
    if (file === undefined) {
      console.log('stream: no real article text under ../shared/data; skipping');
      return;
    }
    for (const jobs of jobsList) {
      if (modes.has('engine')) await engineRun(file, size, jobs);
      if (modes.has('cli')) cliRun(file, size, jobs);
    }
    if (modes.has('open')) await openRun(file, size, values.store, openArticles, modes.has('window'));
  }
}

await main();
