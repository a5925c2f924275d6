// Ingest at crawl speed: a dated stream of real DUC 2006 and Multi-News articles and word-swapped variants with
// planted copies (bench/copy-corpus.ts), published 150 a day, ingested end to end into a fresh SQLite store,
// through the engine (one process, stage table, first 10% against last 10%) and through the CLI (`newsfold
// ingest --jobs N`, CPU and peak RSS of the child process). Reports articles per CPU-second and per wall
// second, peak RSS and store bytes per article.
//
// Run: npm run bench:stream -- --sizes 10000,100000 --jobs 1,2 [--modes engine,cli]
// --jobs 0 runs without the option (engine default, no CLI flag): for a newsfold from before --jobs.
// The corpus is written once per size under /tmp/newsfold-stream-<size> and reused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Engine, STAGE_NAMES, type IngestReport, type StageName } from '../src/engine/index.ts';
import { readInputs, type IngestItem } from '../src/ingest/index.ts';
import { loadRealCorpus, writeCorpus } from './copy-corpus.ts';

/** The stream rate: 150 articles a day, so a story window of 7 days holds about 1,000 articles. */
const ARTICLES_PER_DAY = 150;
const DAY_MS = 24 * 3600 * 1000;
const CORPUS_SEED = 2026;
const BIN = new URL('../bin/newsfold.js', import.meta.url).pathname;
/** Share of the stream whose cost is compared: the first tenth against the last. */
const DECILE = 0.1;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoDecimals = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function corpusFor(size: number): Promise<string | undefined> {
  const dir = `/tmp/newsfold-stream-${size}`;
  const file = join(dir, 'corpus.jsonl');
  if (existsSync(join(dir, 'truth.jsonl')) && existsSync(file)) return file;
  const real = await loadRealCorpus();
  if (real === undefined) return undefined;
  const started = performance.now();
  await writeCorpus(real, size, dir, CORPUS_SEED, false, DAY_MS / ARTICLES_PER_DAY);
  console.log(`stream: wrote ${integer.format(size)} articles to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

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
    stored += report.stored;
    relations += report.relations;
  }
  const wallMs = performance.now() - wallStart;
  const cpu = cpuSeconds() - cpuStart;
  const stories = (await engine.store.listStories()).length;
  await engine.close();
  const bytes = storeBytes(db);
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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000' },
      jobs: { type: 'string', default: '1,2' },
      modes: { type: 'string', default: 'engine,cli' },
    },
  });
  const sizes = values.sizes.split(',').map(Number);
  const jobsList = values.jobs.split(',').map(Number);
  const modes = new Set(values.modes.split(','));
  console.log(`stream benchmark: ${new Date().toISOString()}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
  for (const size of sizes) {
    const file = await corpusFor(size);
    if (file === undefined) {
      console.log('stream: no real article text under ../shared/data; skipping');
      return;
    }
    for (const jobs of jobsList) {
      if (modes.has('engine')) await engineRun(file, size, jobs);
      if (modes.has('cli')) cliRun(file, size, jobs);
    }
  }
}

await main();
