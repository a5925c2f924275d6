// Where each queue worker's wall time and CPU go, 1 and then 2 workers on the same real HTML pages (issue 16). Per
// worker: its life split into start-up, preparing, applying, idle (waiting for a job or a batch), stop, and what
// falls between those spans (claiming and completing jobs, looking for a batch); its threads' CPU from /proc (the
// main thread, V8's platform threads: collections and optimizing compiles, libuv's pool), at its first look for work
// and at the end, and by fifths of its life; its statements by kind (bench/count-statements.mjs, preloaded). Per run:
// the server backends' CPU (by application_name, /proc schedstat) and, with 1 and 2 workers, the ceiling of 2 / 1 on
// two cores from CPU alone. Rounds run 1 then 2 workers; under load the CPU is inflated, the split still holds.
// Usage: node --import tsx bench/worker-time.ts [--bin PATH/bin/newsfold.js] [--pages 990] [--workers 1,2] [--rounds 1]
//        [--node-flags "--single-threaded-gc"]   (node flags for the workers: a screening of V8 settings)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { TEST_POSTGRES, testSchema } from '../test/store/helpers/postgres.ts';

const ROOT = join(import.meta.dirname, '..');
const REAL_PAGES = join(ROOT, '..', 'shared', 'data', 'extraction', 'trafilatura-eval', 'html');
const argument = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : process.argv[at + 1]!;
};
const BIN = argument('bin', join(ROOT, 'bin', 'newsfold.js'));
const PAGES = Number(argument('pages', '990'));
const WORKER_COUNTS = argument('workers', '1,2').split(',').map(Number);
const ROUNDS = Number(argument('rounds', '1'));
/** Node flags for the workers (a screening of V8 settings), space-separated. */
const NODE_FLAGS = argument('node-flags', '').split(' ').filter((flag) => flag !== '');
const CLOCK_TICKS_PER_SECOND = 100;
/** How often the workers' threads and backends are read: often enough that a thread's last reading is close to its end. */
const SAMPLE_MS = 50;
/** How often the server is asked which backends are the workers' (kept connections: a look each half second finds them). */
const BACKEND_LOOKUP_MS = 500;

interface Span {
  kind: 'start' | 'prepare' | 'apply' | 'idle' | 'stop';
  at: number;
  ms: number;
  n?: number;
}

/** A /proc file's text, or '' once its process or thread is gone; read synchronously, so sampling costs the workers' cores little. */
function procText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** CPU ticks of each thread of a process, by thread id, from /proc. */
function threadTicks(pid: number): Map<number, number> {
  const result = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return result;
  }
  for (const tid of tids) {
    const stat = procText(`/proc/${pid}/task/${tid}/stat`);
    if (stat === '') continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14-15 of stat.
    result.set(Number(tid), Number(fields[11]) + Number(fields[12]));
  }
  return result;
}

/**
 * Threads in the order Node 20 starts them: the main thread, then V8's platform threads (GC helpers, concurrent
 * compiles; 4 and a delayed-task thread), then the inspector/signal threads, then libuv's pool (started on first use:
 * file reads, zlib). Told apart by start order: the first 6 tids after the main one are the platform's.
 */
function classify(pid: number, ticks: Map<number, number>): { main: number; platform: number; pool: number } {
  const tids = [...ticks.keys()].sort((x, y) => x - y);
  let main = 0;
  let platform = 0;
  let pool = 0;
  tids.forEach((tid, index) => {
    const t = ticks.get(tid)!;
    if (tid === pid) main += t;
    else if (index <= 6) platform += t;
    else pool += t;
  });
  return { main, platform, pool };
}

/** What the ceiling needs of a run: its wall time, its articles, the CPU of everything, and of the main threads and backends. */
interface RunCpu {
  wall: number;
  articles: number;
  total: number;
  mainAndBackends: number;
}

async function run(pagesDir: string, workers: number): Promise<RunCpu> {
  const schema = await testSchema('nf_wtime');
  if ('skip' in schema) throw new Error(schema.skip);
  const tag = `nfw_${schema.schema.slice(-8)}`;
  const url = `${schema.url}&application_name=${tag}`;
  const monitor = new pg.Client({ connectionString: TEST_POSTGRES });
  await monitor.connect();
  try {
    const started = Date.now();
    const enqueuer = spawn(process.execPath, [BIN, 'enqueue', pagesDir, '--db', url], { stdio: ['ignore', 'pipe', 'inherit'] });
    await once(enqueuer, 'exit');
    const enqueuedAt = Date.now();
    // Each worker counts its statements (bench/count-statements.mjs) into a directory of this run's.
    const statementsDir = await mkdtemp(join(tmpdir(), 'nf-wtime-statements-'));
    const counting = ['--import', join(import.meta.dirname, 'count-statements.mjs')];
    const env = { ...process.env, CI: '1', NEWSFOLD_STATEMENTS_ROOT: join(BIN, '..', '..'), NEWSFOLD_STATEMENTS_DIR: statementsDir };
    const children = Array.from({ length: workers }, () => spawn(process.execPath, [...NODE_FLAGS, ...counting, BIN, 'worker', '--until-idle', '--json', '--db', url], { stdio: ['ignore', 'pipe', 'ignore'], env }));
    const outputs = children.map((child) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      return once(child, 'exit').then(() => ({ out, exitAt: Date.now() }));
    });
    // Latest thread ticks of each worker, with the time of the reading; backends' latest schedstat.
    const threads = children.map(() => [] as { at: number; ticks: Map<number, number> }[]);
    const backends = new Map<number, number>();
    let sampling = true;
    let backendPids: number[] = [];
    let lookedAt = -Infinity;
    const sampler = (async () => {
      while (sampling) {
        children.forEach((child, index) => {
          const ticks = threadTicks(child.pid!);
          if (ticks.size > 0) threads[index]!.push({ at: Date.now(), ticks });
        });
        if (performance.now() - lookedAt >= BACKEND_LOOKUP_MS) {
          backendPids = (await monitor.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [tag])).rows.map((row) => row.pid);
          lookedAt = performance.now();
        }
        for (const pid of backendPids) {
          const [ran] = (procText(`/proc/${pid}/schedstat`) || '0').split(' ').map(Number);
          if (ran! > 0) backends.set(pid, Math.max(backends.get(pid) ?? 0, ran!));
        }
        await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
      }
    })();
    const results = await Promise.all(outputs);
    sampling = false;
    await sampler;
    const end = Math.max(...results.map((r) => r.exitAt));
    const articles = Number((await monitor.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema.schema}.articles`)).rows[0]!.n);
    const wall = (end - started) / 1000;
    const backendCpu = [...backends.values()].reduce((s, x) => s + x, 0) / 1e9;
    console.log(`\n${workers} worker(s): ${articles} articles, wall ${wall.toFixed(2)} s (enqueue ${((enqueuedAt - started) / 1000).toFixed(2)} s) = ${(articles / wall).toFixed(1)}/s; load ${loadavg().map((l) => l.toFixed(1)).join(' ')}; backends CPU ${backendCpu.toFixed(2)} s (${((backendCpu * 1000) / articles).toFixed(2)} ms an article)`);
    let cpuTotal = backendCpu;
    let mainTotal = 0;
    results.forEach((result, index) => {
      const summary = JSON.parse(result.out.trim().split('\n').at(-1)!) as { jobs: number; articles: number; cpuMs: number; applyCpuMs: number; spans: Span[] };
      const sum = (kind: Span['kind']) => summary.spans.filter((s) => s.kind === kind).reduce((t, s) => t + s.ms, 0) / 1000;
      const start = summary.spans.find((s) => s.kind === 'start')!;
      const readyAt = start.at + start.ms;
      const lifetime = (result.exitAt - start.at) / 1000;
      const accounted = sum('start') + sum('prepare') + sum('apply') + sum('idle') + sum('stop');
      const samples = threads[index]!;
      const atReady = samples.filter((s) => s.at <= readyAt).at(-1) ?? samples[0]!;
      // Threads end before the process: each thread's largest reading over the samples.
      const maxima = new Map<number, number>();
      for (const sample of samples) for (const [tid, t] of sample.ticks) maxima.set(tid, Math.max(maxima.get(tid) ?? 0, t));
      const whole = classify(children[index]!.pid!, maxima);
      const early = classify(children[index]!.pid!, atReady.ticks);
      const cpu = (x: number) => (x / CLOCK_TICKS_PER_SECOND).toFixed(2);
      cpuTotal += (whole.main + whole.platform + whole.pool) / CLOCK_TICKS_PER_SECOND;
      mainTotal += whole.main / CLOCK_TICKS_PER_SECOND;
      // The platform threads' CPU over the worker's life, in fifths: a warm-up shows as a falling curve.
      // Each thread's reading carried forward: a thread that ended keeps its last reading.
      const carried = new Map<number, number>();
      const running = samples.map((sample) => {
        for (const [tid, t] of sample.ticks) carried.set(tid, Math.max(carried.get(tid) ?? 0, t));
        return new Map(carried);
      });
      const fifths = [1, 2, 3, 4, 5].map((k) => classify(children[index]!.pid!, running[Math.min(running.length - 1, Math.floor((k * running.length) / 5))]!));
      const steps = fifths.map((c, k) => ((c.platform - (k === 0 ? 0 : fifths[k - 1]!.platform)) / CLOCK_TICKS_PER_SECOND).toFixed(2));
      const mainSteps = fifths.map((c, k) => ((c.main - (k === 0 ? 0 : fifths[k - 1]!.main)) / CLOCK_TICKS_PER_SECOND).toFixed(2));
      console.log(`  worker ${index + 1}: CPU s by fifths of its life, V8 platform ${steps.join(' ')}; main ${mainSteps.join(' ')}`);
      console.log(
        `  worker ${index + 1}: alive ${lifetime.toFixed(2)} s = start ${sum('start').toFixed(2)} + prepare ${sum('prepare').toFixed(2)} (${summary.jobs} jobs, ${summary.articles} articles) + apply ${sum('apply').toFixed(2)} (${summary.spans.filter((s) => s.kind === 'apply').length} batches) + idle ${sum('idle').toFixed(2)} + stop ${sum('stop').toFixed(2)} + between spans (claims, batch looks) ${(lifetime - accounted).toFixed(2)}; ` +
          `CPU s main ${cpu(whole.main)} (start ${cpu(early.main)}), V8 platform ${cpu(whole.platform)} (start ${cpu(early.platform)}), pool ${cpu(whole.pool)}; in-process cpuMs ${summary.cpuMs}, applyCpuMs ${summary.applyCpuMs}`,
      );
    });
    const statements = new Map<string, number>();
    for (const file of await readdir(statementsDir)) {
      for (const [kind, n] of Object.entries(JSON.parse(await readFile(join(statementsDir, file), 'utf8')) as Record<string, number>)) statements.set(kind, (statements.get(kind) ?? 0) + n);
    }
    await rm(statementsDir, { recursive: true, force: true });
    const ours = [...statements].filter(([kind]) => !kind.startsWith('pg-boss')).reduce((t, [, n]) => t + n, 0);
    const boss = [...statements].filter(([kind]) => kind.startsWith('pg-boss')).reduce((t, [, n]) => t + n, 0);
    console.log(`  statements (round trips): newsfold's ${ours} (${(ours / articles).toFixed(2)} an article), pg-boss's ${boss} (${(boss / articles).toFixed(2)}); most sent: ${[...statements].sort((x, y) => y[1] - x[1]).slice(0, 8).map(([kind, n]) => `${n} ${kind}`).join(' | ')}`);
    console.log(`  all CPU (workers + their backends) ${cpuTotal.toFixed(2)} s = ${((cpuTotal * 1000) / articles).toFixed(2)} ms an article; on 2 cores at best ${((2 * articles) / cpuTotal).toFixed(1)}/s`);
    return { wall, articles, total: cpuTotal, mainAndBackends: mainTotal + backendCpu };
  } finally {
    await monitor.end();
    await schema.drop();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'nf-wtime-'));
const pagesDir = join(dir, 'html');
await mkdir(pagesDir);
const chosen = (await readdir(REAL_PAGES)).sort().slice(0, PAGES);
await Promise.all(chosen.map((name) => copyFile(join(REAL_PAGES, name), join(pagesDir, name))));
console.log(`bin ${BIN}; ${chosen.length} pages; worker flags: ${NODE_FLAGS.join(' ') || 'none'}`);
for (let round = 0; round < ROUNDS; round++) {
  const runs = new Map<number, RunCpu>();
  for (const workers of WORKER_COUNTS) runs.set(workers, await run(pagesDir, workers));
  const one = runs.get(1);
  const two = runs.get(2);
  if (one !== undefined && two !== undefined) {
    // One worker is a chain: its main thread, and its backends while it waits for their answers; V8's helper threads
    // run beside it, on the other core. Two workers on 2 cores can at best run all their CPU on both cores.
    console.log(
      `\nceiling: one worker's chain (main thread + backends) ${one.mainAndBackends.toFixed(2)} s, all its CPU ${one.total.toFixed(2)} s (${(one.total / one.mainAndBackends).toFixed(2)} cores while the chain runs); ` +
        `two workers' CPU ${two.total.toFixed(2)} s (${(((two.total - one.total) / one.total) * 100).toFixed(0)}% more); 2 / 1 at best, start, enqueue and tail left out: 2 x ${one.mainAndBackends.toFixed(2)} / ${two.total.toFixed(2)} = ${((2 * one.mainAndBackends) / two.total).toFixed(2)}x; measured ${(one.wall / two.wall).toFixed(2)}x`,
    );
  }
}
