// Many writers, one result, measured: on a generated stream with real copies and versions (bench/lib/generated-news.ts)
//  1. two concurrent `newsfold ingest` processes on one SQLite file against a serial run in their arrival order;
//  2. 1, 2 and 4 `newsfold worker` processes on PostgreSQL against one `newsfold ingest` process;
//  3. kill -9 trials: a worker killed at a random moment, a new one started, the result checked;
//  4. throughput of 1 and 2 workers on JSON Lines and on HTML pages, and the share of time in the serialized stages;
//  5. across hosts (root only): two workers, each in a network namespace of its own made here (`ip netns`, a veth
//     pair), reaching PostgreSQL only over their veth link, against one process.
// Usage: node --import tsx bench/many-writers.ts [--articles 3000] [--kill-trials 20] [--kill-articles 300] [--pages 400] [--only sqlite,workers,kill,throughput,hosts]
//        throughput only: [--inputs jsonl,html] [--repeat N] (N interleaved pairs of 1 and 2 workers; the median ratio is printed)
//        [--bin PATH/bin/newsfold.js]: enqueue and the workers run that build (an A/B against other code: give both)
//        [--pages-from DIR]: HTML pages from DIR (bench/html-pages.ts) instead of the real ones, the first --pages of them
//        [--runs cold,warm] (default cold): warm runs start the workers once, apply a warm-up set (--warm-pages N, 300,
//        generated, or the first N of --warm-from DIR), then time the input from the first job taken to the last applied
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DEFAULT_ENGINE_SETTINGS, Engine } from '../src/engine/index.ts';
import { enqueue } from '../src/engine/enqueue.ts';
import { generateNews, toJsonl, type GeneratedRecord } from './lib/generated-news.ts';
import { prng } from './lib/seeded.ts';
import { snapshotOf, type StoreSnapshot } from '../test/store/helpers/store-snapshot.ts';
import { TEST_POSTGRES, testSchema } from '../test/store/helpers/postgres.ts';

const ROOT = join(import.meta.dirname, '..');
const binAt = process.argv.indexOf('--bin');
/** The program the workers run: this checkout's, or with `--bin PATH` another build's (an A/B against older code). */
const BIN = binAt < 0 ? join(ROOT, 'bin', 'newsfold.js') : process.argv[binAt + 1]!;
const AVERAGE_ARTICLES_PER_EVENT = 5.5;
const REAL_PAGES = join(ROOT, '..', 'shared', 'data', 'extraction', 'trafilatura-eval', 'html');

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}
const onlyAt = process.argv.indexOf('--only');
const parts = new Set(onlyAt < 0 ? ['sqlite', 'workers', 'kill', 'throughput', 'hosts'] : process.argv[onlyAt + 1]!.split(','));
const inputsAt = process.argv.indexOf('--inputs');
const throughputInputs = new Set(inputsAt < 0 ? ['jsonl', 'html'] : process.argv[inputsAt + 1]!.split(','));

function newsfold(args: string[], netns?: string): ChildProcess {
  const command = netns === undefined ? [process.execPath, BIN, ...args] : ['ip', 'netns', 'exec', netns, process.execPath, BIN, ...args];
  return spawn(command[0]!, command.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CI: '1' } });
}

async function exited(child: ChildProcess): Promise<{ code: number | null; stdout: string; exitAt: number }> {
  let stdout = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const code = child.exitCode ?? ((await once(child, 'exit'))[0] as number | null);
  return { code, stdout, exitAt: Date.now() };
}

/** A worker's span of time as `newsfold worker --json` reports it (engine/queue.ts WorkerSpan). */
interface Span {
  kind: 'start' | 'prepare' | 'apply' | 'idle' | 'stop';
  at: number;
  ms: number;
  n?: number;
}
/** Characters of a worker's strip in the printed timeline. */
const TIMELINE_WIDTH = 100;

/**
 * Where a run's wall time went, per worker (seconds from the bench's start: enqueue, then the workers): start-up,
 * preparing, applying, idle, shut-down, and the tail, from the last job prepared to the last batch applied, when
 * only the applier works. A strip per worker: s start, P prepare, A apply, . idle, x stop, blank other.
 */
function describeTimeline(startedAt: number, enqueuedAt: number, workers: readonly { spans: Span[]; exitAt: number }[]): string[] {
  const end = Math.max(...workers.map((worker) => worker.exitAt));
  const sec = (at: number) => ((at - startedAt) / 1000).toFixed(2);
  const all = workers.flatMap((worker) => worker.spans);
  const ends = (kind: Span['kind']) => all.filter((s) => s.kind === kind).map((s) => s.at + s.ms);
  const lastPrepared = Math.max(...ends('prepare'));
  const applies = all.filter((s) => s.kind === 'apply').sort((x, y) => x.at - y.at);
  const lastApplied = Math.max(...ends('apply'));
  const lines = [
    `timeline: enqueue ends +${sec(enqueuedAt)} s; last job prepared +${sec(lastPrepared)} s; last batch applied +${sec(lastApplied)} s (tail, applier alone: ${((lastApplied - lastPrepared) / 1000).toFixed(2)} s); last worker exits +${sec(end)} s; batches ${applies.map((s) => `${s.n}@+${sec(s.at)}(${(s.ms / 1000).toFixed(2)}s)`).join(' ')}`,
  ];
  workers.forEach((worker, index) => {
    const total = (kind: Span['kind']) => worker.spans.filter((s) => s.kind === kind).reduce((sum, s) => sum + s.ms, 0) / 1000;
    const count = (kind: Span['kind']) => worker.spans.filter((s) => s.kind === kind).length;
    const strip = Array.from({ length: TIMELINE_WIDTH }, () => ' ');
    const mark = { start: 's', prepare: 'P', apply: 'A', idle: '.', stop: 'x' } as const;
    for (const s of worker.spans) {
      const from = Math.floor(((s.at - startedAt) / (end - startedAt)) * TIMELINE_WIDTH);
      const to = Math.ceil(((s.at + s.ms - startedAt) / (end - startedAt)) * TIMELINE_WIDTH);
      for (let at = Math.max(0, from); at < Math.min(TIMELINE_WIDTH, to); at++) strip[at] = mark[s.kind];
    }
    const ready = worker.spans.find((s) => s.kind === 'start');
    lines.push(
      `  worker ${index + 1}: ready +${ready === undefined ? '?' : sec(ready.at + ready.ms)} s; start ${total('start').toFixed(2)}, prepare ${total('prepare').toFixed(2)} (${count('prepare')} jobs), apply ${total('apply').toFixed(2)} (${count('apply')} batches), idle ${total('idle').toFixed(2)}, stop ${total('stop').toFixed(2)} s; exits +${sec(worker.exitAt)} s`,
      `  |${strip.join('')}|`,
    );
  });
  return lines;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function same(x: StoreSnapshot, y: StoreSnapshot): string {
  const check = (what: keyof StoreSnapshot) => (JSON.stringify(x[what]) === JSON.stringify(y[what]) ? 'identical' : 'DIFFERENT');
  return `articles ${x.articles.length}/${y.articles.length} ${check('articles')}, relations ${x.relations.length}/${y.relations.length} ${check('relations')}, stories ${x.partition.length}/${y.partition.length} ${check('partition')}`;
}

function identical(x: StoreSnapshot, y: StoreSnapshot): boolean {
  return JSON.stringify(x) === JSON.stringify(y);
}

async function snapshotAt(db: string): Promise<StoreSnapshot> {
  const engine = await Engine.open(db);
  try {
    return await snapshotOf(engine);
  } finally {
    await engine.close();
  }
}

async function oneProcess(dir: string, input: string): Promise<{ snapshot: StoreSnapshot; seconds: number }> {
  const db = join(dir, `one-${Date.now()}.db`);
  const started = performance.now();
  const run = await exited(newsfold(['ingest', input, '--db', db]));
  if (run.code !== 0) throw new Error(`ingest exited ${run.code}`);
  return { snapshot: await snapshotAt(db), seconds: (performance.now() - started) / 1000 };
}

const CLOCK_TICKS_PER_SECOND = 100;
const CORES = availableParallelism();

/** CPU seconds (user + system) of every PostgreSQL server process so far and of the backends that ended, from /proc; undefined where there is none. */
async function postgresCpuSeconds(): Promise<number | undefined> {
  let ticks = 0;
  let found = false;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const close = stat.lastIndexOf(')');
    if (!stat.slice(0, close).includes('(postgres')) continue;
    const fields = stat.slice(close + 2).split(' ');
    // Fields 14-17 of stat (utime, stime, and cutime, cstime: the postmaster's ended backends) are 12-15 after the command.
    ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    found = true;
  }
  return found ? ticks / CLOCK_TICKS_PER_SECOND : undefined;
}

/** CPU seconds of this process's ended (reaped) children, from /proc: the workers' whole CPU, start-up included. */
async function childrenCpuSeconds(): Promise<number> {
  const stat = await readFile('/proc/self/stat', 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // cutime and cstime, fields 16-17 of stat.
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS_PER_SECOND || 0;
}

/** How often the server backends of a run's workers, and the workers' threads, are sampled for their CPU. */
const BACKEND_SAMPLE_MS = 100;
/**
 * How often the server is asked which backends are the run's workers': their connections are opened at start and
 * kept, so a look each half second finds them all while costing a tenth of asking at every sample.
 */
const BACKEND_LOOKUP_MS = 500;

/** A small /proc file's text, or '' once its process or thread is gone. Read synchronously: see sampleBackends. */
function procText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Samples, until stopped, the CPU of the server backends whose connections carry `tag` as application_name (the
 * run's workers), and the time they were runnable but waiting for a core, from /proc/PID/schedstat; what a backend
 * ran after its last sample (under BACKEND_SAMPLE_MS) is missed. The samplers run in this process, on the cores the
 * workers use: with a query and promise-based reads at every sample they took 2.2 CPU-s of a run (session 29), which
 * two busy workers pay and one worker does not (its spare core absorbs them); /proc is read synchronously (a few
 * microseconds a file) and the server asked every BACKEND_LOOKUP_MS.
 */
function sampleBackends(tag: string): { now: () => { cpu: number; waitingForCore: number }; stop: () => Promise<{ cpu: number; waitingForCore: number }> } {
  const latest = new Map<number, { run: number; wait: number }>();
  const client = new pg.Client({ connectionString: TEST_POSTGRES });
  let stopped = false;
  const looping = (async () => {
    await client.connect();
    let pids: number[] = [];
    let lookedAt = -Infinity;
    while (!stopped) {
      if (performance.now() - lookedAt >= BACKEND_LOOKUP_MS) {
        pids = (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [tag])).rows.map((row) => row.pid);
        lookedAt = performance.now();
      }
      for (const pid of pids) {
        const [run, wait] = (procText(`/proc/${pid}/schedstat`) || '0 0').split(' ').map(Number);
        if (run! > 0) latest.set(pid, { run: run!, wait: wait! });
      }
      await new Promise((resolve) => setTimeout(resolve, BACKEND_SAMPLE_MS));
    }
    await client.end();
  })();
  const sum = (what: 'run' | 'wait') => [...latest.values()].reduce((total, ns) => total + ns[what], 0) / 1e9;
  return {
    now: () => ({ cpu: sum('run'), waitingForCore: sum('wait') }),
    stop: async () => {
      stopped = true;
      await looping;
      return { cpu: sum('run'), waitingForCore: sum('wait') };
    },
  };
}

/** Workers on a fresh schema: enqueue, start them, wait; the result and the wall time from enqueue to the last applied. */
async function workersRun(input: string, workers: number, kill?: { afterMs: number }): Promise<{ snapshot: StoreSnapshot; seconds: number; applyMs: number; prepareMs: number; idleMs: number; cpuMs: number; applyCpuMs: number; processCpuSeconds: number; mainCpuSeconds: number; helperCpuSeconds: number; backendCpuSeconds: number; backendWaitSeconds: number; benchCpuSeconds: number; timeline: string[]; postgresCpuSeconds?: number }> {
  const schema = await testSchema('nf_bench');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    const postgresBefore = await postgresCpuSeconds();
    const childrenBefore = await childrenCpuSeconds();
    // The workers' connections are tagged, so their own server backends can be told from other clients'.
    const tag = `nfb_${schema.schema.slice(-8)}`;
    const workerUrl = `${schema.url}&application_name=${tag}`;
    const backends = sampleBackends(tag);
    // This process's own CPU over the run (its samplers, its children's pipes): taken from the workers' cores.
    const benchCpuBefore = process.cpuUsage();
    const started = performance.now();
    const startedAt = Date.now();
    if (binAt < 0 || kill !== undefined) await enqueue(schema.url, [input], kill === undefined ? {} : { jobExpireSeconds: 3 });
    else if ((await exited(newsfold(['enqueue', input, '--db', schema.url]))).code !== 0) throw new Error('enqueue failed');
    const enqueuedAt = Date.now();
    const children = Array.from({ length: workers }, () => newsfold(['worker', '--until-idle', '--json', '--db', workerUrl]));
    const runs = children.map(exited);
    // The workers' main and other threads, sampled until they exit (what ran after the last sample is missed); each
    // part keeps its largest reading, since a process's helper threads end before its main thread.
    const threadsLast = children.map(() => ({ main: 0, others: 0 }));
    const threadSampler = setInterval(() => {
      children.forEach((child, i) => {
        const cpu = threadCpuSeconds(child.pid);
        threadsLast[i] = { main: Math.max(threadsLast[i]!.main, cpu.main), others: Math.max(threadsLast[i]!.others, cpu.others) };
      });
    }, BACKEND_SAMPLE_MS);
    if (kill !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, kill.afterMs));
      children[0]!.kill('SIGKILL');
      const replacement = newsfold(['worker', '--until-idle', '--json', '--db', workerUrl]);
      runs.push(exited(replacement));
    }
    const results = await Promise.all(runs);
    clearInterval(threadSampler);
    const mainCpuSeconds = threadsLast.reduce((sum, cpu) => sum + cpu.main, 0);
    const helperCpuSeconds = threadsLast.reduce((sum, cpu) => sum + cpu.others, 0);
    const seconds = (performance.now() - started) / 1000;
    const benchCpu = process.cpuUsage(benchCpuBefore);
    const benchCpuSeconds = (benchCpu.user + benchCpu.system) / 1e6;
    const { cpu: backendCpuSeconds, waitingForCore: backendWaitSeconds } = await backends.stop();
    const processCpuSeconds = (await childrenCpuSeconds()) - childrenBefore;
    const postgresAfter = await postgresCpuSeconds();
    let applyMs = 0;
    let prepareMs = 0;
    let idleMs = 0;
    let cpuMs = 0;
    let applyCpuMs = 0;
    const timed: { spans: Span[]; exitAt: number }[] = [];
    for (const result of results) {
      // Exit 1 is a finished run that met bad input (one of the 990 pages has no text): its report counts.
      if (result.code !== 0 && result.code !== WORKER_EXIT_WITH_PROBLEMS) continue;
      const summary = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { applyMs: number; prepareMs: number; idleMs?: number; cpuMs: number; applyCpuMs: number; spans?: Span[] };
      if (summary.spans !== undefined) timed.push({ spans: summary.spans, exitAt: result.exitAt });
      applyMs += summary.applyMs;
      prepareMs += summary.prepareMs;
      idleMs += summary.idleMs ?? 0;
      cpuMs += summary.cpuMs;
      applyCpuMs += summary.applyCpuMs;
    }
    const postgres = postgresBefore === undefined || postgresAfter === undefined ? {} : { postgresCpuSeconds: postgresAfter - postgresBefore };
    const timeline = timed.length === results.length && timed.length > 0 ? describeTimeline(startedAt, enqueuedAt, timed) : [];
    return { snapshot: await snapshotAt(schema.url), seconds, applyMs, prepareMs, idleMs, cpuMs, applyCpuMs, processCpuSeconds, mainCpuSeconds, helperCpuSeconds, backendCpuSeconds, backendWaitSeconds, benchCpuSeconds, timeline, ...postgres };
  } finally {
    await schema.drop();
  }
}

/** A worker's exit status when it finished but some inputs it prepared were bad (as ingest's). */
const WORKER_EXIT_WITH_PROBLEMS = 1;

/** CPU seconds (user + system) of a running process so far, its main thread's and its other threads' (V8's helpers), from /proc (synchronously: see sampleBackends). */
function threadCpuSeconds(pid: number | undefined): { main: number; others: number } {
  let main = 0;
  let others = 0;
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return { main, others };
  }
  for (const tid of tids) {
    const stat = procText(`/proc/${pid}/task/${tid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14-15 of stat.
    const seconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND || 0;
    if (tid === String(pid)) main += seconds;
    else others += seconds;
  }
  return { main, others };
}

/** The summed main-thread and other-thread CPU seconds of running processes. */
function threadsCpuSeconds(children: readonly ChildProcess[]): { main: number; others: number } {
  const each = children.map((child) => threadCpuSeconds(child.pid));
  return { main: each.reduce((sum, x) => sum + x.main, 0), others: each.reduce((sum, x) => sum + x.others, 0) };
}

/** How often the warm run looks whether every job is applied. */
const APPLIED_POLL_MS = 50;

/** Waits until the schema's queue has jobs and every one is applied; returns the articles stored then. */
async function untilApplied(client: pg.Client, schema: string): Promise<number> {
  for (;;) {
    const { rows } = await client.query<{ jobs: string; pending: string; articles: string }>(
      `SELECT (SELECT count(*) FROM ${schema}.ingest_jobs) AS jobs, (SELECT count(*) FROM ${schema}.ingest_jobs WHERE applied_at IS NULL) AS pending, (SELECT count(*) FROM ${schema}.articles) AS articles`,
    );
    if (Number(rows[0]!.jobs) > 0 && Number(rows[0]!.pending) === 0) return Number(rows[0]!.articles);
    await new Promise((resolve) => setTimeout(resolve, APPLIED_POLL_MS));
  }
}

/**
 * A long-running deployment's throughput: workers started once and warmed on `warmInput` (another set of pages,
 * applied to the end), then `input` enqueued; timed from the first job they take after it to the last batch
 * applied, so start-up, warm-up (V8's first compiles) and the enqueue are left out. Also the same span from the
 * enqueue's start. CPU is the workers' processes and their server backends over the timed part only.
 */
async function warmRun(warmInput: string, input: string, workers: number): Promise<{ timeline: string[]; articles: number; seconds: number; fromEnqueue: number; processCpuSeconds: number; mainCpuSeconds: number; helperCpuSeconds: number; backendCpuSeconds: number; applyMs: number; tail: number }> {
  const schema = await testSchema('nf_bench');
  if ('skip' in schema) throw new Error(schema.skip);
  const watcher = new pg.Client({ connectionString: TEST_POSTGRES });
  await watcher.connect();
  try {
    const tag = `nfb_${schema.schema.slice(-8)}`;
    const workerUrl = `${schema.url}&application_name=${tag}`;
    const backends = sampleBackends(tag);
    const enqueueOf = async (path: string) => {
      if (binAt < 0) await enqueue(schema.url, [path]);
      else if ((await exited(newsfold(['enqueue', path, '--db', schema.url]))).code !== 0) throw new Error('enqueue failed');
    };
    await enqueueOf(warmInput);
    const children = Array.from({ length: workers }, () => newsfold(['worker', '--json', '--db', workerUrl]));
    const runs = children.map(exited);
    const warmArticles = await untilApplied(watcher, schema.schema);
    const cpuBefore = threadsCpuSeconds(children);
    const backendBefore = backends.now().cpu;
    const enqueuedFrom = Date.now();
    await enqueueOf(input);
    const articles = (await untilApplied(watcher, schema.schema)) - warmArticles;
    const cpuAfter = threadsCpuSeconds(children);
    const backendAfter = (await backends.stop()).cpu;
    for (const child of children) child.kill('SIGTERM');
    const results = await Promise.all(runs);
    const timed = results.map((result) => ({ spans: (JSON.parse(result.stdout.trim().split('\n').at(-1)!) as { spans: Span[] }).spans.filter((s) => s.at >= enqueuedFrom && s.kind !== 'stop'), exitAt: 0 }));
    const spans = timed.flatMap((worker) => worker.spans);
    const firstTaken = Math.min(...spans.filter((s) => s.kind === 'prepare').map((s) => s.at));
    const applies = spans.filter((s) => s.kind === 'apply');
    const lastApplied = Math.max(...applies.map((s) => s.at + s.ms));
    const lastPrepared = Math.max(...spans.filter((s) => s.kind === 'prepare').map((s) => s.at + s.ms));
    for (const worker of timed) worker.exitAt = lastApplied;
    return {
      timeline: describeTimeline(enqueuedFrom, enqueuedFrom, timed),
      articles,
      seconds: (lastApplied - firstTaken) / 1000,
      fromEnqueue: (lastApplied - enqueuedFrom) / 1000,
      processCpuSeconds: cpuAfter.main + cpuAfter.others - cpuBefore.main - cpuBefore.others,
      mainCpuSeconds: cpuAfter.main - cpuBefore.main,
      helperCpuSeconds: cpuAfter.others - cpuBefore.others,
      backendCpuSeconds: backendAfter - backendBefore,
      applyMs: applies.reduce((sum, s) => sum + s.ms, 0),
      tail: (lastApplied - lastPrepared) / 1000,
    };
  } finally {
    await watcher.end();
    await schema.drop();
  }
}

/** A worker host: a network namespace whose only link is a veth pair to this one, on its own /30. */
interface Host {
  netns: string;
  /** This namespace's end of the link: where the host reaches PostgreSQL. */
  gateway: string;
  relay: Server;
}

/**
 * Makes a namespace and its veth link, and relays the gateway's PostgreSQL port to the server on loopback (it
 * listens on 127.0.0.1 only), so the host's workers reach the database over the veth link and nothing else.
 */
async function makeHost(index: number, postgres: { host: string; port: number }): Promise<Host> {
  const netns = `nf16host${index}`;
  const outside = `nf16h${index}`;
  const inside = `nf16n${index}`;
  const gateway = `10.216.${index}.1`;
  execFileSync('ip', ['netns', 'add', netns]);
  execFileSync('ip', ['link', 'add', outside, 'type', 'veth', 'peer', 'name', inside]);
  execFileSync('ip', ['link', 'set', inside, 'netns', netns]);
  execFileSync('ip', ['addr', 'add', `${gateway}/30`, 'dev', outside]);
  execFileSync('ip', ['link', 'set', outside, 'up']);
  execFileSync('ip', ['netns', 'exec', netns, 'ip', 'addr', 'add', `10.216.${index}.2/30`, 'dev', inside]);
  execFileSync('ip', ['netns', 'exec', netns, 'ip', 'link', 'set', inside, 'up']);
  execFileSync('ip', ['netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up']);
  const relay = createServer((client) => {
    const server = createConnection(postgres);
    client.pipe(server).pipe(client);
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => relay.once('error', reject).listen(postgres.port, gateway, resolve));
  return { netns, gateway, relay };
}

async function removeHost(host: Host, index: number): Promise<void> {
  await new Promise((resolve) => host.relay.close(resolve));
  for (const args of [['netns', 'del', host.netns], ['link', 'del', `nf16h${index}`]]) {
    try {
      execFileSync('ip', args, { stdio: 'ignore' });
    } catch {
      // Already gone with its namespace.
    }
  }
}

/** Two workers on two namespace hosts, against the reference; undefined with the reason when it cannot run here. */
async function acrossHosts(input: string): Promise<{ snapshot: StoreSnapshot; seconds: number; reachable: string } | { skip: string }> {
  if (process.getuid?.() !== 0) return { skip: 'not root: network namespaces cannot be made' };
  const schema = await testSchema('nf_hosts');
  if ('skip' in schema) return schema;
  const url = new URL(schema.url);
  const postgres = { host: url.hostname, port: Number(url.port || 5432) };
  const hosts: Host[] = [];
  try {
    for (const index of [1, 2]) hosts.push(await makeHost(index, postgres));
    // The namespace cannot reach the server's own address: only the relay on its gateway.
    const direct = spawnSync('ip', ['netns', 'exec', hosts[0]!.netns, process.execPath, '-e',
      `require('net').createConnection(${postgres.port}, ${JSON.stringify(postgres.host)}).on('connect', () => process.exit(0)).on('error', () => process.exit(1))`], { timeout: 5000 });
    const reachable = `inside a namespace, ${postgres.host}:${postgres.port} ${direct.status === 0 ? 'ANSWERS' : 'does not answer'}`;
    const started = performance.now();
    await enqueue(schema.url, [input]);
    const runs = hosts.map((host) => {
      const hostUrl = new URL(schema.url);
      hostUrl.hostname = host.gateway;
      return exited(newsfold(['worker', '--until-idle', '--json', '--db', hostUrl.toString()], host.netns));
    });
    const results = await Promise.all(runs);
    const seconds = (performance.now() - started) / 1000;
    if (results.some((result) => result.code !== 0)) throw new Error(`a worker host exited ${results.map((result) => result.code).join(', ')}`);
    return { snapshot: await snapshotAt(schema.url), seconds, reachable };
  } finally {
    for (const [index, host] of hosts.entries()) await removeHost(host, index + 1);
    await schema.drop();
  }
}

function html(record: GeneratedRecord): string {
  const paragraphs = record.text.split('\n\n').map((text) => `      <p>${text}</p>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${record.title} | ${record.source}</title>
<link rel="canonical" href="${record.url}"><meta property="article:published_time" content="${record.published}">
<meta property="og:site_name" content="${record.source}"></head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/sport">Sport</a></nav></header>
  <main><article><h1>${record.title}</h1><p class="byline">By Staff Reporter</p>
${paragraphs}
  </article>
  <aside class="related"><h2>Related</h2><ul><li><a href="/a">Another story</a></li><li><a href="/b">More news</a></li></ul></aside></main>
<footer><p>Copyright ${record.source}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>
`;
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-many-writers-'));
  const articles = flag('articles', 3000);
  const records = generateNews({ events: Math.round(articles / AVERAGE_ARTICLES_PER_EVENT), seed: 2026 });
  const corpus = join(dir, 'corpus.jsonl');
  await writeFile(corpus, toJsonl(records));
  console.log(`# many writers, ${new Date().toISOString().slice(0, 10)}; corpus: ${records.length} generated articles (copies, versions, lifted passages, reports)`);

  let reference: StoreSnapshot | undefined;
  if (parts.has('sqlite') || parts.has('workers') || parts.has('hosts')) {
    const one = await oneProcess(dir, corpus);
    reference = one.snapshot;
    console.log(`one process (SQLite): ${one.snapshot.articles.length} articles, ${one.snapshot.relations.length} relations, ${one.snapshot.partition.length} stories in ${one.seconds.toFixed(1)} s`);
  }

  if (parts.has('sqlite')) {
    const halves = [records.filter((_, i) => i % 2 === 0), records.filter((_, i) => i % 2 === 1)];
    const paths = [join(dir, 'half-1.jsonl'), join(dir, 'half-2.jsonl')];
    await Promise.all(halves.map((half, i) => writeFile(paths[i]!, toJsonl(half))));
    const db = join(dir, 'concurrent.db');
    const runs = await Promise.all(paths.map((path) => exited(newsfold(['ingest', path, '--db', db]))));
    const raw = new Database(db, { readonly: true });
    const arrival = (raw.prepare('SELECT external_id FROM articles ORDER BY rowid').all() as { external_id: string }[]).map((row) => row.external_id);
    raw.close();
    const firstHalf = new Set(halves[0]!.map((record) => record.id));
    let switches = 0;
    for (let i = 1; i < arrival.length; i++) if (firstHalf.has(arrival[i]!) !== firstHalf.has(arrival[i - 1]!)) switches++;
    const byId = new Map(records.map((record) => [record.id, record]));
    const serialInput = join(dir, 'arrival-order.jsonl');
    await writeFile(serialInput, toJsonl(arrival.map((id) => byId.get(id)!)));
    const serial = await Engine.open(join(dir, 'serial.db'), { ...DEFAULT_ENGINE_SETTINGS, batchSize: 1 });
    await serial.ingest([serialInput]);
    const serialSnapshot = await snapshotOf(serial);
    await serial.close();
    const concurrent = await snapshotAt(db);
    console.log(`2 concurrent SQLite ingests (exit ${runs.map((run) => run.code).join(', ')}; ${switches} switches between writers) vs serial in arrival order: ${same(concurrent, serialSnapshot)}`);
  }

  if (parts.has('workers') && reference !== undefined) {
    for (const workers of [1, 2, 4]) {
      const run = await workersRun(corpus, workers);
      console.log(`${workers} worker(s) on PostgreSQL vs one process: ${same(run.snapshot, reference)} (${run.seconds.toFixed(1)} s)`);
    }
  }

  if (parts.has('hosts') && reference !== undefined) {
    const run = await acrossHosts(corpus);
    if ('skip' in run) console.log(`across hosts: skipped (${run.skip})`);
    else console.log(`2 workers on 2 network-namespace hosts (veth links, ${run.reachable}) vs one process: ${same(run.snapshot, reference)} (${run.seconds.toFixed(1)} s)`);
  }

  if (parts.has('kill')) {
    const trials = flag('kill-trials', 20);
    const small = generateNews({ events: Math.round(flag('kill-articles', 300) / AVERAGE_ARTICLES_PER_EVENT), seed: 7 });
    const killCorpus = join(dir, 'kill-corpus.jsonl');
    await writeFile(killCorpus, toJsonl(small));
    const killReference = (await oneProcess(dir, killCorpus)).snapshot;
    const random = prng(16);
    let good = 0;
    let lost = 0;
    let extra = 0;
    for (let trial = 0; trial < trials; trial++) {
      const afterMs = 1000 + Math.floor(random() * 8000);
      const run = await workersRun(killCorpus, 2, { afterMs });
      const ok = identical(run.snapshot, killReference);
      if (ok) good++;
      lost += Math.max(0, killReference.articles.length - run.snapshot.articles.length);
      extra += Math.max(0, run.snapshot.articles.length - killReference.articles.length);
      console.log(`kill -9 trial ${trial + 1}: killed after ${afterMs} ms, ${ok ? 'identical' : same(run.snapshot, killReference)} (${run.seconds.toFixed(1)} s)`);
    }
    console.log(`kill -9: ${good}/${trials} trials identical to one process; ${lost} articles lost, ${extra} extra over all trials (${small.length} articles each)`);
  }

  if (parts.has('throughput')) {
    const pages = flag('pages', 400);
    const pageRecords = generateNews({ events: Math.round(pages / AVERAGE_ARTICLES_PER_EVENT), seed: 99 });
    const htmlDir = join(dir, 'html');
    await mkdir(htmlDir);
    // Real pages when the evaluation data is there (trafilatura's corpus: heavy, varied pages), else generated ones.
    const pagesFromAt = process.argv.indexOf('--pages-from');
    const realPages = await readdir(REAL_PAGES).catch(() => [] as string[]);
    if (pagesFromAt >= 0) {
      // A larger input made by bench/html-pages.ts (a steady-state figure beside the 990 real pages'); used in place.
      const from = process.argv[pagesFromAt + 1]!;
      const chosen = (await readdir(from)).sort().slice(0, pages);
      await Promise.all(chosen.map((name) => copyFile(join(from, name), join(htmlDir, name))));
      console.log(`HTML input: ${chosen.length} pages from ${from}`);
    } else if (realPages.length > 0) {
      const chosen = realPages.sort().slice(0, pages);
      // Copied, not linked: directory walking takes regular files only.
      await Promise.all(chosen.map((name) => copyFile(join(REAL_PAGES, name), join(htmlDir, name))));
      console.log(`HTML input: ${chosen.length} real pages from ${REAL_PAGES}`);
    } else {
      await Promise.all(pageRecords.map((record, i) => writeFile(join(htmlDir, `page-${String(i).padStart(5, '0')}.html`), html(record))));
      console.log(`HTML input: ${pageRecords.length} generated pages (${REAL_PAGES} absent)`);
    }
    const jsonl = join(dir, 'throughput.jsonl');
    await writeFile(jsonl, toJsonl(pageRecords));
    const repeat = flag('repeat', 1);
    const runsAt = process.argv.indexOf('--runs');
    const runKinds = new Set(runsAt < 0 ? ['cold'] : process.argv[runsAt + 1]!.split(','));
    // The warm runs' warm-up: other pages than the timed ones (from --warm-from DIR, else generated), and JSON Lines.
    const warmHtml = join(dir, 'warm-html');
    const warmJsonl = join(dir, 'warm.jsonl');
    if (runKinds.has('warm')) {
      const warmPages = flag('warm-pages', 300);
      const warmRecords = generateNews({ events: Math.round(warmPages / AVERAGE_ARTICLES_PER_EVENT), seed: 5 });
      await mkdir(warmHtml);
      const warmFromAt = process.argv.indexOf('--warm-from');
      if (warmFromAt >= 0) {
        const from = process.argv[warmFromAt + 1]!;
        const chosen = (await readdir(from)).sort().slice(0, warmPages);
        await Promise.all(chosen.map((name) => copyFile(join(from, name), join(warmHtml, name))));
      } else {
        await Promise.all(warmRecords.map((record, i) => writeFile(join(warmHtml, `warm-${String(i).padStart(5, '0')}.html`), html(record))));
      }
      await writeFile(warmJsonl, toJsonl(warmRecords));
    }
    for (const [name, input, warmInput] of [['JSONL', jsonl, warmJsonl], ['HTML', htmlDir, warmHtml]] as const) {
      if (!throughputInputs.has(name.toLowerCase())) continue;
      const ratios: number[] = [];
      const warmRatios: number[] = [];
      for (let pair = 0; pair < repeat; pair++) {
        if (runKinds.has('warm')) {
          const rates: number[] = [];
          for (const workers of [1, 2]) {
            const run = await warmRun(warmInput, input, workers);
            const rate = run.articles / run.seconds;
            rates.push(rate);
            const perArticle = (seconds: number) => ((seconds * 1000) / run.articles).toFixed(1);
            console.log(`${name}, warm, ${workers} worker(s): ${run.articles} articles in ${run.seconds.toFixed(1)} s from the first job taken to the last applied = ${rate.toFixed(1)} articles/s (${(run.articles / run.fromEnqueue).toFixed(1)} from the enqueue's start); applying ${(run.applyMs / 1000).toFixed(1)} s, tail ${run.tail.toFixed(2)} s; CPU per article: worker processes ${perArticle(run.processCpuSeconds)} ms (main threads ${perArticle(run.mainCpuSeconds)}, other threads ${perArticle(run.helperCpuSeconds)}), their server backends ${perArticle(run.backendCpuSeconds)} ms`);
            for (const line of run.timeline) console.log(line);
          }
          warmRatios.push(rates[1]! / rates[0]!);
          console.log(`${name}, warm: 2 workers / 1 worker = ${(rates[1]! / rates[0]!).toFixed(2)}x (load average ${loadavg().map((load) => load.toFixed(1)).join(' ')})`);
          if (!runKinds.has('cold')) continue;
        }
        const rates: number[] = [];
        // Pages a second if the run's whole CPU (workers and their server backends) filled the cores; for one worker,
        // its process's CPU as one chain (it prepares and applies in turn): a load-independent estimate of the ratio.
        const ceilings: number[] = [];
        for (const workers of [1, 2]) {
          const run = await workersRun(input, workers);
          const rate = run.snapshot.articles.length / run.seconds;
          rates.push(rate);
          const serialShare = run.applyMs / 1000 / run.seconds;
          const stored = run.snapshot.articles.length;
          const perPage = (seconds: number) => ((seconds * 1000) / stored).toFixed(1);
          const postgresCpu = `, the workers' server backends ${perPage(run.backendCpuSeconds)} ms (runnable, waiting for a core ${perPage(run.backendWaitSeconds)} ms)${run.postgresCpuSeconds === undefined ? '' : `, every PostgreSQL process ${perPage(run.postgresCpuSeconds)} ms (every client of the server)`}`;
          const total = run.processCpuSeconds + run.backendCpuSeconds;
          ceilings.push(workers === 1 ? stored / run.processCpuSeconds : stored / (total / CORES));
          console.log(`${name}, ${workers} worker(s): ${stored} articles in ${run.seconds.toFixed(1)} s = ${rate.toFixed(1)} articles/s; serialized stages ${(run.applyMs / 1000).toFixed(1)} s (${(serialShare * 100).toFixed(0)}% of wall time), preparing ${(run.prepareMs / 1000).toFixed(1)} s and idle ${(run.idleMs / 1000).toFixed(1)} s summed over workers; serialized rate ${(stored / (run.applyMs / 1000)).toFixed(1)} articles/s; CPU per article: workers ${(run.cpuMs / stored).toFixed(1)} ms (applying ${(run.applyCpuMs / stored).toFixed(1)}), worker processes whole ${perPage(run.processCpuSeconds)} ms (main threads ${perPage(run.mainCpuSeconds)}, other threads ${perPage(run.helperCpuSeconds)}, sampled)${postgresCpu}; ceiling on ${CORES} cores ${(stored / (total / CORES)).toFixed(1)} articles/s (whole workers and their backends); this bench's own CPU during the run ${run.benchCpuSeconds.toFixed(2)} s`);
          for (const line of run.timeline) console.log(line);
        }
        ratios.push(rates[1]! / rates[0]!);
        console.log(`${name}: 2 workers / 1 worker = ${(rates[1]! / rates[0]!).toFixed(2)}x; by CPU, 2 workers' ceiling on ${CORES} cores / 1 worker's process CPU as one chain = ${(ceilings[1]! / ceilings[0]!).toFixed(2)}x (load average ${loadavg().map((load) => load.toFixed(1)).join(' ')})`);
      }
      if (repeat > 1 && ratios.length > 0) console.log(`${name}: median of ${repeat} interleaved pairs, 2 workers / 1 worker = ${median(ratios).toFixed(2)}x (each: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')})`);
      if (repeat > 1 && warmRatios.length > 0) console.log(`${name}, warm: median of ${repeat} interleaved pairs, 2 workers / 1 worker = ${median(warmRatios).toFixed(2)}x (each: ${warmRatios.map((ratio) => ratio.toFixed(2)).join(', ')})`);
    }
  }
}

await main();
