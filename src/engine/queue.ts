// Ingest through a queue on PostgreSQL, for several workers on one or many hosts. `enqueue` cuts the inputs
// into numbered jobs (a few files, or a slice of a JSON Lines file) in the order one process would read them,
// and sends each to a pg-boss queue in the same database. Any worker prepares any job (read, extract, clean,
// text, sketch: the stages that need no other article) and stages the results under the job's number. The
// order-dependent stages (matching, document frequencies, stories) are applied by one worker at a time, the
// one holding an advisory lock, strictly in job order and in the batches one process would make, so the
// result is one process's whatever the number of workers and their timing. The applied position is stored in
// the same transaction as each batch: a worker killed at any point loses nothing (its job is retried, its
// batch rolled back) and stores nothing twice; when the lock holder dies, its session's lock is released and
// the next worker to look takes over.
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { NewsfoldError, type InputProblem } from '../errors.ts';
import { listInputFiles, pageUrlKey, readInputFile, type InputFile, type LineRange } from '../ingest/index.ts';
import { sketchArticle, type ArticleSketch } from '../match/candidates.ts';
import type { Article } from '../model.ts';
import { isPostgresUrl } from '../store/open.ts';
import { ADVISORY_LOCK_CLASS, connectPostgres, ENQUEUE_LOCK, PostgresStore } from '../store/postgres.ts';
import { DEFAULT_ENGINE_SETTINGS, emptyIngestReport, Engine, type EngineSettings, type IngestReport, type PreparedArticle } from './index.ts';
import { prepareArticle } from './prepare.ts';
import { StageClock } from './timing.ts';

export const INGEST_QUEUE = 'newsfold-ingest';
/** JSON Lines per job: about the engine's batch, so a job is a second or two of work on a slow core. */
export const JOB_LINES = 256;
/** Pages (or other files) per job: extraction is the costly part, and small jobs share it out evenly. */
export const JOB_FILES = 8;
/**
 * A job not finished this long after a worker took it is given to another: the delay before a killed worker's
 * job is retried. Preparing is idempotent, so a slow worker overtaken by the retry does no harm.
 */
export const JOB_EXPIRE_SECONDS = 30;
/** How often an idle worker looks for prepared jobs to apply (a dead applier's work is taken over this fast). */
export const APPLY_POLL_MS = 500;
/** Attempts for one job before pg-boss fails it (a file that crashes the reader every time). */
const JOB_RETRY_LIMIT = 10;
const APPLIER_LOCK = 3;

/** Where a job's input comes from: whole files, or one slice of lines of a JSON Lines file. */
export interface JobPart {
  file: InputFile;
  lines?: LineRange;
}

interface StagedPayload {
  article: Article;
  signature: string;
  bandKeys: number[];
  fingerprints: number[];
  probeKeys: number[];
}

function requirePostgres(db: string): void {
  if (!isPostgresUrl(db)) throw new NewsfoldError('E_USAGE', `the queue lives in PostgreSQL: give --db postgres://..., not ${db}`);
}

async function countLines(path: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(path, 'utf8').catch(() => '');
  return text.split(/\r?\n/).length;
}

/** The inputs cut into jobs, in the order readInputs reads them: feed files last (their items are held back). */
export async function planJobs(paths: readonly string[]): Promise<JobPart[][]> {
  const jobs: JobPart[][] = [];
  const feeds: JobPart[][] = [];
  let files: JobPart[] = [];
  const flushFiles = (into: JobPart[][]) => {
    if (files.length > 0) into.push(files);
    files = [];
  };
  for await (const file of listInputFiles(paths)) {
    if (file.reader === 'jsonl') {
      flushFiles(jobs);
      const lines = await countLines(file.path);
      for (let from = 1; from <= Math.max(lines, 1); from += JOB_LINES) jobs.push([{ file, lines: { from, to: from + JOB_LINES - 1 } }]);
    } else if (file.reader === 'feed') {
      feeds.push([{ file }]);
    } else {
      files.push({ file });
      if (files.length >= JOB_FILES) flushFiles(jobs);
    }
  }
  flushFiles(jobs);
  return [...jobs, ...feeds];
}

function bossFor(store: PostgresStore): PgBoss {
  return new PgBoss({
    connectionString: store.target.connectionString,
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
}

export interface EnqueueOptions {
  /** Seconds before a taken job is given to another worker (JOB_EXPIRE_SECONDS). */
  jobExpireSeconds?: number;
}

/** Records the inputs as one run of numbered jobs and puts them on the queue. */
export async function enqueue(db: string, paths: readonly string[], options: EnqueueOptions = {}): Promise<EnqueueReport> {
  requirePostgres(db);
  return enqueuePlan(db, await planJobs(paths), options);
}

/** Records planned jobs (see planJobs; `newsfold watch` plans slices of grown files) as one run and queues them. */
export async function enqueuePlan(db: string, plan: readonly JobPart[][], options: EnqueueOptions = {}): Promise<EnqueueReport> {
  requirePostgres(db);
  if (plan.length === 0) return { run: 0, jobs: 0 };
  const store = await PostgresStore.open(db);
  try {
    const { client } = store;
    await client.query('BEGIN');
    let run: number;
    const seqs: number[] = [];
    try {
      await client.query(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASS}, ${ENQUEUE_LOCK})`);
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
      await boss.insert(seqs.map((seq) => ({ name: INGEST_QUEUE, data: { seq }, expireInSeconds, retryLimit: JOB_RETRY_LIMIT, retryDelay: 1 })));
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
    return { run, jobs: plan.length };
  } finally {
    await store.close();
  }
}

export interface WorkerOptions {
  settings?: EngineSettings;
  /** Stop once every enqueued job is applied (for scripts and tests); otherwise run until `signal` aborts. */
  untilIdle?: boolean;
  signal?: AbortSignal;
  onProblem?: (problem: InputProblem) => void;
  /** Called after each job this worker prepared and each batch it applied. */
  onProgress?: (event: { prepared?: number; applied?: number }) => void;
}

export interface WorkerReport {
  /** Jobs this worker prepared. */
  prepared: number;
  /** Articles this worker prepared. */
  articles: number;
  /** What this worker applied (stored, relations, stories, stage times). */
  applied: IngestReport;
  /** Milliseconds spent preparing (the parallel stages) and applying (the serialized stages). */
  prepareMs: number;
  applyMs: number;
}

/** Takes ingest jobs from the queue, prepares them, and applies prepared jobs in order while it holds the applier lock. */
export async function runWorker(db: string, options: WorkerOptions = {}): Promise<WorkerReport> {
  requirePostgres(db);
  const settings = options.settings ?? DEFAULT_ENGINE_SETTINGS;
  const store = await PostgresStore.open(db);
  const engine = new Engine(store, settings);
  const staging = (await connectPostgres(db)).client;
  const clock = new StageClock();
  const report: WorkerReport = { prepared: 0, articles: 0, applied: emptyIngestReport(clock), prepareMs: 0, applyMs: 0 };
  const boss = bossFor(store);
  let applying = false;
  let failure: unknown;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));

  const applyReady = async () => {
    if (applying || failure !== undefined) return;
    applying = true;
    try {
      const started = performance.now();
      const applied = await applyPrepared(store, engine, report.applied, clock);
      if (applied > 0) {
        report.applyMs += performance.now() - started;
        options.onProgress?.({ applied });
      }
      if (options.untilIdle === true && (await allApplied(store.client))) finish();
    } catch (error) {
      failure = error;
      finish();
    } finally {
      applying = false;
    }
  };

  try {
    await boss.start();
    await boss.createQueue(INGEST_QUEUE);
    await boss.work<{ seq: number }>(INGEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      const started = performance.now();
      const articles = await prepareJob(staging, job!.data.seq, settings, options.onProblem);
      report.prepareMs += performance.now() - started;
      if (articles !== undefined) {
        report.prepared++;
        report.articles += articles;
        options.onProgress?.({ prepared: articles });
      }
      void applyReady();
    });
    const timer = setInterval(() => void applyReady(), APPLY_POLL_MS);
    options.signal?.addEventListener('abort', () => finish());
    if (options.signal?.aborted === true) finish();
    await finished;
    clearInterval(timer);
    while (applying) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
    await staging.end().catch(() => undefined);
    await engine.close();
  }
  if (failure !== undefined) throw failure;
  return report;
}

async function allApplied(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ pending: string }>('SELECT count(*) AS pending FROM ingest_jobs WHERE applied_at IS NULL');
  return Number(rows[0]!.pending) === 0;
}

/**
 * Reads and prepares one job and stages its articles, replacing whatever an earlier attempt staged; a job
 * already applied is left alone. Returns the number of articles staged, or undefined when skipped.
 */
async function prepareJob(client: pg.Client, seq: number, settings: EngineSettings, onProblem?: (problem: InputProblem) => void): Promise<number | undefined> {
  const { rows } = await client.query<{ run: string; spec: string; applied: boolean }>(
    `SELECT run, spec, (seq < (SELECT value::bigint FROM meta WHERE key = 'applied_job')) AS applied FROM ingest_jobs WHERE seq = $1`,
    [seq],
  );
  const job = rows[0];
  if (job === undefined || job.applied) return undefined;
  const staged: { position: number; pageUrl: string | null; feedUrl: string | null; payload: string }[] = [];
  let position = 0;
  for (const part of JSON.parse(job.spec) as JobPart[]) {
    for await (const item of readInputFile(part.file, part.lines)) {
      if (item.kind === 'problem') {
        onProblem?.(item.problem);
        continue;
      }
      const prepared = prepareArticle(item.raw, Date.now());
      if (!prepared.ok) {
        onProblem?.(prepared.problem);
        continue;
      }
      const { article } = prepared;
      const sketch = sketchArticle(article, settings.sketch);
      const payload: StagedPayload = {
        article,
        signature: Buffer.from(sketch.signature).toString('base64'),
        bandKeys: [...sketch.bandKeys],
        fingerprints: [...sketch.fingerprints],
        probeKeys: [...sketch.probeKeys],
      };
      const format = article.origin.format;
      staged.push({
        position: position++,
        pageUrl: (format === 'html' || format === 'warc') && article.url !== undefined ? pageUrlKey(article.url) : null,
        feedUrl: format === 'feed' && article.url !== undefined ? pageUrlKey(article.url) : null,
        payload: JSON.stringify(payload),
      });
    }
  }
  await client.query('BEGIN');
  try {
    await client.query('DELETE FROM staged_items WHERE seq = $1', [seq]);
    if (staged.length > 0) {
      await client.query(
        `INSERT INTO staged_items (seq, position, run, page_url, feed_url, payload)
         SELECT $1, unnest($2::int[]), $3, unnest($4::text[]), unnest($5::text[]), unnest($6::text[])`,
        [seq, staged.map((s) => s.position), job.run, staged.map((s) => s.pageUrl), staged.map((s) => s.feedUrl), staged.map((s) => s.payload)],
      );
    }
    await client.query('UPDATE ingest_jobs SET prepared_at = now() WHERE seq = $1', [seq]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return staged.length;
}

function preparedFrom(payload: string): PreparedArticle {
  const staged = JSON.parse(payload) as StagedPayload;
  const sketch: ArticleSketch = {
    signature: new Uint8Array(Buffer.from(staged.signature, 'base64')),
    bandKeys: Float64Array.from(staged.bandKeys),
    fingerprints: Float64Array.from(staged.fingerprints),
    probeKeys: Float64Array.from(staged.probeKeys),
  };
  return { article: staged.article, sketch };
}

interface Cursor {
  job: number;
  position: number;
}

/**
 * While this worker holds the applier lock: applies prepared jobs in job order, in batches of the engine's
 * size that end early only at the end of a run, as one process ingesting the run's inputs would. Stops at
 * the first job not yet prepared. Returns the number of articles applied.
 */
async function applyPrepared(store: PostgresStore, engine: Engine, report: IngestReport, clock: StageClock): Promise<number> {
  const { client } = store;
  const locked = (await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${ADVISORY_LOCK_CLASS}, ${APPLIER_LOCK}) AS locked`)).rows[0]!.locked;
  if (!locked) return 0;
  let applied = 0;
  try {
    for (;;) {
      const batch = await nextBatch(client, engine.settings.batchSize);
      if (batch === undefined) break;
      await engine.applyBatch(batch.articles, report, clock, { withinTransaction: async () => {
        await client.query(`UPDATE meta SET value = $1 WHERE key = 'applied_job'`, [String(batch.next.job)]);
        await client.query(`UPDATE meta SET value = $1 WHERE key = 'applied_position'`, [String(batch.next.position)]);
        await client.query('UPDATE ingest_jobs SET applied_at = now() WHERE seq < $1 AND applied_at IS NULL', [batch.next.job]);
        if (batch.endedRun !== undefined) await client.query('DELETE FROM staged_items WHERE run = $1', [batch.endedRun]);
      } });
      applied += batch.articles.length;
      report.read += batch.articles.length;
    }
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCK_CLASS}, ${APPLIER_LOCK})`);
  }
  return applied;
}

/** The next batch from the cursor, or undefined when it would need a job not yet prepared. */
async function nextBatch(client: pg.Client, batchSize: number): Promise<{ articles: PreparedArticle[]; next: Cursor; endedRun?: number } | undefined> {
  const meta = await client.query<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN ('applied_job', 'applied_position')`);
  const value = (key: string) => Number(meta.rows.find((row) => row.key === key)!.value);
  const cursor: Cursor = { job: value('applied_job'), position: value('applied_position') };
  const articles: PreparedArticle[] = [];
  let jobSeq = cursor.job;
  for (;;) {
    const { rows: jobs } = await client.query<{ seq: string; run: string; last_of_run: boolean; prepared: boolean }>(
      'SELECT seq, run, last_of_run, prepared_at IS NOT NULL AS prepared FROM ingest_jobs WHERE seq >= $1 ORDER BY seq LIMIT 64',
      [jobSeq],
    );
    if (jobs.length === 0) return undefined;
    for (const job of jobs) {
      const seq = Number(job.seq);
      if (!job.prepared) return undefined;
      const from = seq === cursor.job ? cursor.position : 0;
      const { rows: items } = await client.query<{ position: number; feed_url: string | null; payload: string; page_wins: boolean }>(
        `SELECT position, feed_url, payload,
           (feed_url IS NOT NULL AND EXISTS (SELECT 1 FROM staged_items p WHERE p.run = $2 AND p.page_url = s.feed_url)) AS page_wins
         FROM staged_items s WHERE seq = $1 AND position >= $3 ORDER BY position`,
        [seq, job.run, from],
      );
      for (const item of items) {
        if (item.page_wins) continue; // the full page in the same run wins over the feed item
        articles.push(preparedFrom(item.payload));
        if (articles.length >= batchSize) {
          const next = item === items.at(-1) ? { job: seq + 1, position: 0 } : { job: seq, position: item.position + 1 };
          const endedRun = next.job === seq + 1 && job.last_of_run ? Number(job.run) : undefined;
          return { articles, next, ...(endedRun === undefined ? {} : { endedRun }) };
        }
      }
      // The run ends here: what is gathered is a batch, as one process flushes at the end of its input.
      if (job.last_of_run) return { articles, next: { job: seq + 1, position: 0 }, endedRun: Number(job.run) };
      jobSeq = seq + 1;
    }
  }
}
