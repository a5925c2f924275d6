// Peak RSS of `newsfold ingest` over a large JSON Lines file, as articles are ingested (issue 19: a 1 GB file
// under 500 MB). The file is the stream benchmark's corpus (bench/stream.ts: real DUC 2006 and Multi-News
// sentences, planted copies, about 3.6 KB an article, 150 a day, half dated); 300,000 articles make 1.08 GB.
// The CLI runs as a child process; its RSS (VmRSS) and peak (VmHWM) are read from /proc every second and its
// stored articles counted from the database every few seconds, so the table shows RSS against articles.
//
// Run: npm run bench:ingest-memory -- --articles 300000 --jobs 1,2 [--minutes 60] [--every 10000] [--parallel]
// --minutes stops an ingest that has not finished by then (the curve so far is reported, and marked so).
// --parallel runs the --jobs values side by side (each gets half the cores) instead of one after the other.
// --probe adds the child's own breakdown at each milestone (bench/lib/memory-probe.mjs: V8 heap used and
// committed, external and array buffers, the rest of RSS); --probe-gc makes each probe sample run a full
// collection first (heap used is then the live heap; the peak is lowered, so read growth from it, not peaks).
// --node-args passes flags to the child's node (e.g. --node-args=--max-semi-space-size=8).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { streamCorpus } from './lib/stream-corpus.ts';

const BIN = new URL('../bin/newsfold.js', import.meta.url).pathname;
const PROBE = fileURLToPath(new URL('./lib/memory-probe.mjs', import.meta.url));
const SAMPLE_MS = 1000;
/** Counting rows in a database being written costs the writer little at this rate. */
const COUNT_EVERY_MS = 5000;
const MB = 1024 * 1024;
/** Linux's USER_HZ, the unit of /proc/PID/stat times, on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** VmRSS and VmHWM of a process, in bytes (undefined once it has gone). */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system, every thread) a process has used so far (undefined once it has gone). */
function cpuSecondsOf(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

function storedArticles(db: string): number | undefined {
  if (!existsSync(db)) return undefined;
  let reader: Database.Database | undefined;
  try {
    reader = new Database(db, { readonly: true, fileMustExist: true, timeout: 100 });
    return (reader.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n;
  } catch {
    return undefined;
  } finally {
    reader?.close();
  }
}

interface Point {
  articles: number;
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  peakMb: number;
  probe?: Probe;
}

/** One line of bench/lib/memory-probe.mjs, bytes. */
interface Probe {
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  rest: number;
}

/** The probe file's last complete line, if any. */
function lastProbe(path: string): Probe | undefined {
  if (!existsSync(path)) return undefined;
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1]!) as Probe;
  } catch {
    return undefined;
  }
}

interface RunOptions {
  probe: boolean;
  probeGc: boolean;
  nodeArgs: string[];
}

async function run(file: string, jobs: number, every: number, minutes: number, options: RunOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'newsfold-ingest-memory-'));
  const db = join(dir, 'store.db');
  // Beside the run's directory, so that it outlives it: every sample of the run, for a closer look.
  const probeFile = `${dir}.probe.jsonl`;
  const started = performance.now();
  const probing = options.probe || options.probeGc;
  const nodeArgs = [...options.nodeArgs, ...(probing ? ['--import', PROBE] : []), ...(options.probeGc ? ['--expose-gc'] : [])];
  const env = { ...process.env, CI: '1', ...(probing ? { NEWSFOLD_MEMORY_PROBE: probeFile, NEWSFOLD_MEMORY_PROBE_GC: options.probeGc ? '1' : '0' } : {}) };
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'ingest', file, '--db', db, '--jobs', String(jobs)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const points: Point[] = [];
  let peak = 0;
  let cpu = 0;
  let nextMilestone = every;
  let lastCount = 0;
  let stopped = false;
  const sampler = setInterval(() => {
    const memory = memoryOf(child.pid!);
    if (memory !== undefined) peak = Math.max(peak, memory.peak);
    cpu = cpuSecondsOf(child.pid!) ?? cpu;
    const seconds = (performance.now() - started) / 1000;
    if (seconds * 1000 - lastCount >= COUNT_EVERY_MS) {
      lastCount = seconds * 1000;
      const articles = storedArticles(db);
      if (articles !== undefined && memory !== undefined && articles >= nextMilestone) {
        const probe = probing ? lastProbe(probeFile) : undefined;
        points.push({ articles, seconds, cpuSeconds: cpu, rssMb: memory.rss / MB, peakMb: peak / MB, probe });
        const parts = probe === undefined ? '' : `; heap used ${(probe.heapUsed / MB).toFixed(0)} of ${(probe.heapTotal / MB).toFixed(0)}, external ${(probe.external / MB).toFixed(0)} (array buffers ${(probe.arrayBuffers / MB).toFixed(0)}), rest ${(probe.rest / MB).toFixed(0)} MB`;
        console.log(`  --jobs ${jobs}: ${articles} articles, ${seconds.toFixed(0)} s (CPU ${cpu.toFixed(0)} s), RSS ${(memory.rss / MB).toFixed(0)} MB, peak so far ${(peak / MB).toFixed(0)} MB${parts}`);
        while (nextMilestone <= articles) nextMilestone += every;
      }
    }
    if (seconds > minutes * 60 && !stopped) {
      stopped = true;
      child.kill('SIGTERM');
    }
  }, SAMPLE_MS);
  const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const articles = storedArticles(db) ?? 0;
  const bytes = ['', '-wal', '-shm'].reduce((sum, suffix) => sum + (existsSync(db + suffix) ? statSync(db + suffix).size : 0), 0);
  rmSync(dir, { recursive: true, force: true });
  if (!stopped && status !== 0) console.log(`--jobs ${jobs}: exit ${status}: ${stderr}`);
  console.log(`\n\`newsfold ingest --jobs ${jobs}\` on ${file}: ${stopped ? `stopped after ${minutes} minutes` : 'finished'}, ${articles} articles stored in ${seconds.toFixed(0)} s (${(articles / seconds).toFixed(1)} a second; CPU ${cpu.toFixed(0)} s, ${(articles / Math.max(cpu, 1)).toFixed(1)} articles per CPU-second), peak RSS ${(peak / MB).toFixed(0)} MB, store ${(bytes / MB).toFixed(0)} MB`);
  if (probing) console.log(`every probe sample: ${probeFile}`);
  if (!probing) {
    console.log('| articles stored | wall s | CPU s | RSS MB | peak RSS so far MB |');
    console.log('| ---: | ---: | ---: | ---: | ---: |');
    for (const point of points) console.log(`| ${point.articles} | ${point.seconds.toFixed(0)} | ${point.cpuSeconds.toFixed(0)} | ${point.rssMb.toFixed(0)} | ${point.peakMb.toFixed(0)} |`);
    return;
  }
  const mb = (bytes: number | undefined) => (bytes === undefined ? '-' : (bytes / MB).toFixed(0));
  console.log(`| articles stored | wall s | CPU s | RSS MB | peak RSS so far MB | heap used${options.probeGc ? ' (live)' : ''} | heap committed | external | of it array buffers | rest |`);
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const point of points) {
    const probe = point.probe;
    console.log(`| ${point.articles} | ${point.seconds.toFixed(0)} | ${point.cpuSeconds.toFixed(0)} | ${point.rssMb.toFixed(0)} | ${point.peakMb.toFixed(0)} | ${mb(probe?.heapUsed)} | ${mb(probe?.heapTotal)} | ${mb(probe?.external)} | ${mb(probe?.arrayBuffers)} | ${mb(probe?.rest)} |`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string', default: '300000' },
      jobs: { type: 'string', default: '1,2' },
      minutes: { type: 'string', default: '1000' },
      every: { type: 'string', default: '10000' },
      parallel: { type: 'boolean', default: false },
      probe: { type: 'boolean', default: false },
      'probe-gc': { type: 'boolean', default: false },
      'node-args': { type: 'string', default: '' },
    },
  });
  const size = Number(values.articles);
  const file = await streamCorpus(size, 'ingest-memory');
  if (file === undefined) {
    console.log('skipped: no real article text under ../shared/data');
    return;
  }
  console.log(`ingest memory: ${new Date().toISOString()}, ${cpus().length} cores, Node ${process.version}, ${file} (${(statSync(file).size / 1e9).toFixed(2)} GB, ${size} articles)`);
  const jobsList = values.jobs.split(',').map(Number);
  const options: RunOptions = { probe: values.probe, probeGc: values['probe-gc'], nodeArgs: values['node-args'].split(/\s+/).filter((arg) => arg !== '') };
  const runs = jobsList.map((jobs) => () => run(file, jobs, Number(values.every), Number(values.minutes), options));
  if (values.parallel) await Promise.all(runs.map((start) => start()));
  else for (const start of runs) await start();
}

await main();
