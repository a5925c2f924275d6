// `newsfold enqueue` and `newsfold watch`: the inputs cut into numbered jobs (a few files, or a slice of a JSON
// Lines file) in the order one process would read them, recorded as one run and sent to a pg-boss queue in the
// same database (see queue.ts for the workers that take them). Kept apart from the workers' module so that
// enqueueing loads no reader, extractor or engine: only the file listing, the store and pg-boss.
import PgBoss from 'pg-boss';
import { open } from 'node:fs/promises';
import { NewsfoldError, type InputProblem } from '../errors.ts';
import { describeFsError, listInputFiles, notRegular, STDIN_PATH, type InputFile, type LineRange } from '../ingest/files.ts';
import { isPostgresUrl, redacted } from '../store/url.ts';
import { ENQUEUE_LOCK, PostgresStore } from '../store/postgres.ts';

export const INGEST_QUEUE = 'newsfold-ingest';
/** JSON Lines per job: about the engine's batch, so a job is a second or two of work on a slow core. */
export const JOB_LINES = 256;
/** Pages (or other files) per job: extraction is the costly part, and small jobs share it out evenly. */
export const JOB_FILES = 8;
/**
 * Near the end of a run a job holds at most this share of the work left (guided self-scheduling): with full-size
 * jobs to the end, one worker idled while another prepared the run's last job (up to 8 pages, or 256 lines, alone).
 */
export const TAPER_SHARES = 4;
/** The smallest slice of JSON Lines a tapered job holds: a job costs a few round trips of its own. */
export const TAPER_MIN_LINES = 16;
/**
 * A job not finished this long after a worker took it is given to another: the delay before a killed worker's
 * job is retried. Preparing is idempotent, so a slow worker overtaken by the retry does no harm.
 */
export const JOB_EXPIRE_SECONDS = 30;
/**
 * A job's pg-boss priority: jobs are handed out highest first, so the negated sequence hands them out in order
 * (pg-boss otherwise orders one enqueue's jobs by their random ids). The applier needs jobs strictly in order:
 * a batch waits for its every job, so jobs prepared out of order left batches waiting until the end of the run.
 * Past the integer range the order falls back to pg-boss's own.
 */
export function jobPriority(seq: number): number {
  return Math.max(-seq, -(2 ** 31 - 1));
}
/** Attempts for one job before pg-boss fails it (a file that crashes the reader every time). */
const JOB_RETRY_LIMIT = 10;

/** Where a job's input comes from: whole files, or one slice of lines of a JSON Lines file. */
export interface JobPart {
  file: InputFile;
  lines?: LineRange;
}

export function requirePostgres(db: string): void {
  if (!isPostgresUrl(db)) throw new NewsfoldError('E_USAGE', `the queue lives in PostgreSQL: give --db postgres://..., not ${redacted(db)}`);
}

/** Bytes read at a time while counting lines: the file is streamed, never held whole. */
const COUNT_CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

/**
 * Checks that a file can be read on this host and, for JSON Lines, counts its lines (newlines + 1, as a split
 * on them counts) streamed: read whole as one string, a file over about 512 MB was counted as one line, so its
 * jobs covered its first 256 lines and the rest was never queued. A path that cannot be read is a problem.
 */
async function checkInput(path: string, countLines: boolean): Promise<number | InputProblem> {
  let handle;
  try {
    handle = await open(path, 'r');
    const info = await handle.stat();
    const irregular = notRegular(info);
    if (irregular !== undefined) return { code: 'E_UNREADABLE', path, message: `${irregular}, not a regular file: not queued` };
    if (!countLines) return 0;
    const buffer = Buffer.allocUnsafe(COUNT_CHUNK_BYTES);
    let lines = 1;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, COUNT_CHUNK_BYTES, null);
      if (bytesRead === 0) return lines;
      for (let at = buffer.indexOf(NEWLINE); at >= 0 && at < bytesRead; at = buffer.indexOf(NEWLINE, at + 1)) lines++;
    }
  } catch (error) {
    return { code: 'E_UNREADABLE', path, message: `cannot be read here (${describeFsError(error)}): not queued` };
  } finally {
    await handle?.close();
  }
}

/** The jobs planned, and the paths that could not be read here (named, not queued). */
export interface JobPlan {
  jobs: JobPart[][];
  problems: InputProblem[];
}

/**
 * The inputs cut into jobs, in the order readInputs reads them: feed files last (their items are held back).
 * A path that cannot be read on this host is a problem and is not queued: a job for it would only fail later,
 * on a worker, far from the user who typed it.
 */
export async function planJobs(paths: readonly string[]): Promise<JobPlan> {
  if (paths.includes(STDIN_PATH)) throw new NewsfoldError('E_USAGE', 'standard input (-) cannot be queued: a worker cannot read it; save it to a file every worker can read, or use `newsfold ingest -`');
  const jobs: JobPart[][] = [];
  const feeds: JobPart[][] = [];
  const problems: InputProblem[] = [];
  let files: JobPart[] = [];
  /** Lines of each JSON Lines file queued (the last slice's range may run past the end). */
  const lineCounts = new Map<string, number>();
  const flushFiles = (into: JobPart[][]) => {
    if (files.length > 0) into.push(files);
    files = [];
  };
  for await (const file of listInputFiles(paths)) {
    const lines = await checkInput(file.path, file.reader === 'jsonl');
    if (typeof lines !== 'number') {
      problems.push(lines);
    } else if (file.reader === 'jsonl') {
      flushFiles(jobs);
      lineCounts.set(file.path, lines);
      for (let from = 1; from <= lines; from += JOB_LINES) jobs.push([{ file, lines: { from, to: from + JOB_LINES - 1 } }]);
    } else if (file.reader === 'feed') {
      feeds.push([{ file }]);
    } else {
      files.push({ file });
      if (files.length >= JOB_FILES) flushFiles(jobs);
    }
  }
  flushFiles(jobs);
  return { jobs: [...taperJobs(jobs, lineCounts), ...feeds], problems };
}

/** A job's size when `left` units (files or lines) remain: a TAPER_SHARES share of them, between `least` and `most`. */
function taperedSize(left: number, least: number, most: number): number {
  return Math.max(least, Math.min(most, Math.ceil(left / TAPER_SHARES)));
}

/**
 * The run's last jobs cut smaller (see TAPER_SHARES): the trailing jobs of whole files re-cut, or the trailing
 * slices of the last JSON Lines file. The same parts in the same order, so the articles and their batches are the
 * same: the applier cuts batches by articles, not by jobs. Feed jobs (one small file each) follow unchanged.
 */
export function taperJobs(jobs: readonly JobPart[][], lineCounts: ReadonlyMap<string, number>): JobPart[][] {
  const last = jobs.at(-1);
  if (last === undefined) return [...jobs];
  let from = jobs.length;
  const lines = last[0]!.lines;
  if (lines === undefined) {
    while (from > 0 && jobs[from - 1]!.every((part) => part.lines === undefined)) from--;
    const files = jobs.slice(from).flat();
    const tapered: JobPart[][] = [];
    for (let at = 0; at < files.length; ) {
      const size = taperedSize(files.length - at, 1, JOB_FILES);
      tapered.push(files.slice(at, at + size));
      at += size;
    }
    return [...jobs.slice(0, from), ...tapered];
  }
  const file = last[0]!.file;
  // Only this occurrence's slices: a file named twice is queued twice.
  while (from > 1 && jobs[from - 2]![0]!.file.path === file.path && jobs[from - 2]![0]!.lines?.to === jobs[from - 1]![0]!.lines!.from - 1) from--;
  from--;
  const first = jobs[from]![0]!.lines!.from;
  const end = Math.min(lines.to, lineCounts.get(file.path) ?? lines.to);
  const tapered: JobPart[][] = [];
  for (let at = first; at <= end; ) {
    const size = taperedSize(end - at + 1, TAPER_MIN_LINES, JOB_LINES);
    // The last slice keeps its range's end as planned (past the counted lines: what a growing file added is read).
    const to = at + size > end ? lines.to : at + size - 1;
    tapered.push([{ file, lines: { from: at, to } }]);
    at += size;
  }
  return [...jobs.slice(0, from), ...tapered];
}

/** A pg-boss on the store's schema; `asyncCommit` for a worker's own writes (see queue.ts ASYNC_COMMIT). */
export function bossFor(store: PostgresStore, asyncCommit = false): PgBoss {
  return new PgBoss({
    connectionString: store.target.connectionString,
    ...(asyncCommit ? { options: '-c synchronous_commit=off' } : {}),
    schema: `${store.target.schema}_boss`,
    max: 2,
    // Expired jobs are found by the maintenance pass: often, so a killed worker's job is retried soon.
    maintenanceIntervalSeconds: 2,
    monitorStateIntervalSeconds: 60,
    schedule: false,
  });
}

export interface EnqueueReport {
  run: number;
  jobs: number;
  /** Paths that could not be read here, not queued (enqueue only; empty for a plan). */
  problems: InputProblem[];
}

export interface EnqueueOptions {
  /** Seconds before a taken job is given to another worker (JOB_EXPIRE_SECONDS). */
  jobExpireSeconds?: number;
}

/** Records the inputs as one run of numbered jobs and puts them on the queue. */
export async function enqueue(db: string, paths: readonly string[], options: EnqueueOptions = {}): Promise<EnqueueReport> {
  requirePostgres(db);
  const { jobs, problems } = await planJobs(paths);
  return { ...(await enqueuePlan(db, jobs, options)), problems };
}

/** Records planned jobs (see planJobs; `newsfold watch` plans slices of grown files) as one run and queues them. */
export async function enqueuePlan(db: string, plan: readonly JobPart[][], options: EnqueueOptions = {}): Promise<EnqueueReport> {
  requirePostgres(db);
  if (plan.length === 0) return { run: 0, jobs: 0, problems: [] };
  const store = await PostgresStore.open(db);
  try {
    const { client } = store;
    await client.query('BEGIN');
    let run: number;
    const seqs: number[] = [];
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${store.lockClass}, ${ENQUEUE_LOCK})`);
      run = Number((await client.query<{ run: string }>('INSERT INTO ingest_runs (jobs) VALUES ($1) RETURNING run', [plan.length])).rows[0]!.run);
      for (let part = 0; part < plan.length; part++) {
        const { rows } = await client.query<{ seq: string }>('INSERT INTO ingest_jobs (run, last_of_run, spec) VALUES ($1, $2, $3) RETURNING seq', [
          run,
          part === plan.length - 1,
          JSON.stringify(plan[part]),
        ]);
        seqs.push(Number(rows[0]!.seq));
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const boss = bossFor(store);
    await boss.start();
    try {
      await boss.createQueue(INGEST_QUEUE);
      const expireInSeconds = options.jobExpireSeconds ?? JOB_EXPIRE_SECONDS;
      await boss.insert(seqs.map((seq) => ({ name: INGEST_QUEUE, data: { seq }, priority: jobPriority(seq), expireInSeconds, retryLimit: JOB_RETRY_LIMIT, retryDelay: 1 })));
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    return { run, jobs: plan.length, problems: [] };
  } finally {
    await store.close();
  }
}
