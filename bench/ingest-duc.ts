// Ingest benchmark: the 1,250 DUC 2006 articles end to end through the engine into a fresh SQLite file,
// reporting articles per second per stage, peak memory, and (as a smoke check) BCubed of the stories
// against the 50 DUC clusters. Files are parsed into memory before each run, so "read" is timed apart.
// Run: npm run bench:ingest   (node --import tsx bench/ingest-duc.ts)
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Engine, STAGE_NAMES, type IngestReport, type StageName } from '../src/engine/index.ts';
import { bcubed, type BCubed } from './lib/bcubed.ts';
import { DUC2006_ROOT, findDucDocs, goldClustersByDocno, ingestStream, readDucClusters, type DucCluster } from './lib/duc.ts';
import { shuffled } from './lib/seeded.ts';

/** Timed runs; the median damps the noise of a shared machine without taking all afternoon. */
const RUNS = 3;
/** Fixed shuffle seed: the corpus is stored cluster by cluster, a real stream is interleaved. */
const SHUFFLE_SEED = 2006;
/** Topic clusters in DUC 2006: the number of stories a perfect run would make. */
const GOLD_STORIES = 50;
const BYTES_PER_MB = 1024 * 1024;
const KB_PER_MB = 1024;

interface RunResult {
  readMs: number;
  wallMs: number;
  report: IngestReport;
  /** Process peak RSS so far (MB): monotone over the process, so only run 1's is this run's own. */
  maxRssMb: number;
  heapUsedMb: number;
  quality: Quality;
}

interface Quality {
  /** Distinct documents scored (a document filed under several clusters counts once). */
  documents: number;
  stories: number;
  /** Documents whose article the store does not have (rejected by the engine); scored as singletons. */
  unstored: number;
  score: BCubed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Articles per second for a stage; below a millisecond the rate says nothing. */
function rate(articles: number, ms: number): string {
  return ms < 1 ? 'n/a (< 1 ms)' : integer.format(articles / (ms / 1000));
}

/** Each document's live story after the run, scored against its gold cluster(s). */
async function scoreStories(engine: Engine, clusters: readonly DucCluster[]): Promise<Quality> {
  const gold = goldClustersByDocno(clusters);
  const system = new Map<string, Set<string>>();
  let unstored = 0;
  for (const docno of gold.keys()) {
    const ids = await engine.store.resolveArticle(docno);
    const id = ids.length === 1 ? ids[0] : undefined;
    const storyId = id === undefined ? undefined : await engine.store.storyOfArticle(id);
    // getStory follows merges to the live story.
    const live = storyId === undefined ? undefined : (await engine.store.getStory(storyId))?.id;
    if (live === undefined) unstored++;
    system.set(docno, new Set([live ?? `unstored:${docno}`]));
  }
  return { documents: gold.size, stories: (await engine.store.listStories()).length, unstored, score: bcubed(system, gold) };
}

async function run(): Promise<RunResult> {
  const readStart = performance.now();
  const clusters = await readDucClusters(DUC2006_ROOT);
  const readMs = performance.now() - readStart;
  const documents = shuffled(
    clusters.flatMap((cluster) => cluster.documents),
    SHUFFLE_SEED,
  );
  const directory = await mkdtemp(join(tmpdir(), 'newsfold-bench-'));
  try {
    const engine = Engine.openSqlite(join(directory, 'bench.db'));
    try {
      const start = performance.now();
      const report = await engine.ingestItems(ingestStream(documents));
      const wallMs = performance.now() - start;
      const maxRssMb = process.resourceUsage().maxRSS / KB_PER_MB;
      const heapUsedMb = process.memoryUsage().heapUsed / BYTES_PER_MB;
      return { readMs, wallMs, report, maxRssMb, heapUsedMb, quality: await scoreStories(engine, clusters) };
    } finally {
      await engine.close();
    }
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

function table(results: readonly RunResult[]): string {
  const first = results[0];
  if (first === undefined) return '';
  const articles = first.report.read;
  const medianOf = (pick: (result: RunResult) => number) => median(results.map(pick));
  const stageMs = (stage: StageName) => medianOf((result) => result.report.stageMs[stage]);
  const rows: string[][] = [];
  const readMs = medianOf((result) => result.readMs);
  rows.push(['read: DUC SGML files → items (harness, before ingest)', oneDecimal.format(readMs), rate(articles, readMs)]);
  for (const stage of STAGE_NAMES) {
    const label = stage === 'read' ? 'read: waiting on the in-memory item stream (engine)' : stage;
    rows.push([label, oneDecimal.format(stageMs(stage)), rate(articles, stageMs(stage))]);
  }
  const unattributed = medianOf((result) => result.wallMs - STAGE_NAMES.reduce((sum, stage) => sum + result.report.stageMs[stage], 0));
  rows.push(['not in a stage (batching, transactions, commits)', oneDecimal.format(unattributed), '']);
  const wallMs = medianOf((result) => result.wallMs);
  rows.push(['**end to end** (`engine.ingestItems`, wall)', `**${oneDecimal.format(wallMs)}**`, `**${rate(articles, wallMs)}**`]);
  const lines = ['| stage | median ms | articles/s |', '|---|---:|---:|', ...rows.map((row) => `| ${row.join(' | ')} |`)];

  const { report, quality } = first;
  const last = results[results.length - 1] ?? first;
  const same = results.every((result) => result.quality.stories === quality.stories && result.quality.score.f1 === quality.score.f1);
  const facts = [
    `articles fed: ${integer.format(articles)}; stored: ${integer.format(report.stored)}; already stored (repeats of documents filed under more than one cluster): ${integer.format(report.alreadyStored)}; problems: ${report.problems.length}`,
    `relations found: ${integer.format(report.relations)}; stories created: ${report.storiesCreated}, merged: ${report.storiesMerged}`,
    `peak RSS after run 1: ${oneDecimal.format(first.maxRssMb)} MB (process maxRSS, includes the parsed corpus; after all ${results.length} runs: ${oneDecimal.format(last.maxRssMb)} MB)`,
    `heap used after run 1: ${oneDecimal.format(first.heapUsedMb)} MB (median over runs: ${oneDecimal.format(medianOf((result) => result.heapUsedMb))} MB, no forced GC)`,
    `stories made: ${quality.stories} vs ${GOLD_STORIES} gold clusters${quality.unstored > 0 ? ` (${quality.unstored} documents not stored, scored as singletons)` : ''}`,
    `BCubed vs gold clusters (extended BCubed over ${integer.format(quality.documents)} distinct documents): P ${quality.score.precision.toFixed(3)}, R ${quality.score.recall.toFixed(3)}, F1 ${quality.score.f1.toFixed(3)}${same ? ' (identical in every run)' : ' (run 1; runs differ!)'}`,
  ];
  return [...lines, '', ...facts.map((fact) => `- ${fact}`)].join('\n');
}

/** The commit measured, and whether src/ differed from it: others edit src/ while benchmarks run. */
function sourceState(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--', 'src').split('\n').filter((line) => line !== '').length;
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty > 0 ? ` + ${dirty} uncommitted file(s) in src/` : ''}`;
  } catch {
    return 'commit unknown (not a git checkout)';
  }
}

async function main(): Promise<void> {
  const docs = await findDucDocs(DUC2006_ROOT);
  if (docs === undefined) {
    console.log(`skipped: DUC 2006 documents not found at ${DUC2006_ROOT}/docs`);
    return;
  }
  const cpu = cpus();
  console.log(`# Ingest: DUC 2006 end to end (${docs})`);
  console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}; node ${process.version}; ${new Date().toISOString().slice(0, 10)}; ${sourceState()}`);
  console.log(`runs: ${RUNS}, shuffle seed ${SHUFFLE_SEED}, fresh SQLite file in ${tmpdir()} per run\n`);
  const results: RunResult[] = [];
  for (let index = 0; index < RUNS; index++) {
    const result = await run();
    results.push(result);
    const { report } = result;
    console.log(
      `run ${index + 1}/${RUNS}: ${oneDecimal.format(result.wallMs / 1000)} s, ${report.stored} stored, ${result.quality.stories} stories, ` +
        `BCubed F1 ${result.quality.score.f1.toFixed(3)}, maxRSS ${oneDecimal.format(result.maxRssMb)} MB`,
    );
    if (index === 0) for (const problem of report.problems.slice(0, 5)) console.log(`  problem: ${problem.code} ${problem.path}: ${problem.message}`);
  }
  console.log(`\n${table(results)}`);
}

await main();
