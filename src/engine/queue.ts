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
import type pg from 'pg';
import type { InputProblem } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { pageUrlKey, readInputFile } from '../ingest/index.ts';
import type { ArticleSketch } from '../match/candidates.ts';
import { connectionLost, connectPostgres, PostgresStore, searchKey, searchVectorSql, sessionEndedError } from '../store/postgres.ts';
import { bossFor, INGEST_QUEUE, requirePostgres, type JobPart } from './enqueue.ts';
import { DEFAULT_ENGINE_SETTINGS, emptyIngestReport, Engine, type EngineSettings, type IngestReport, type PreparedArticle, type StoryEvent } from './index.ts';
import { prepareForIngest, stagedFrequencies, stagedPayload, type StagedPayload } from './prepare.ts';
import { StageClock } from './timing.ts';

/** How often an idle worker looks for prepared jobs to apply (a dead applier's work is taken over this fast). */
export const APPLY_POLL_MS = 500;
/** The advisory lock (in the schema's class, schemaLockClass) whose holder applies: exported for the profiling bench. */
export const APPLIER_LOCK = 3;
/** The advisory lock (same class) of the worker merging the search index's pending list: the others go on. */
const SEARCH_MERGE_LOCK = 6;

/**
 * A worker's writes that need not wait for the server's disk: staging a job, and taking and completing it in
 * pg-boss. A worker killed at any point loses nothing either way (a commit is the server's, not the worker's);
 * only a crash of the server itself can lose the last such commits, and the write-ahead log keeps them in order,
 * so whatever survives is a state the queue already handles: a job staged but not completed is retried, and the
 * applier's batch commit, which waits for the disk, makes every commit before it durable too. Each job made
 * three such waits, 5-10 ms each on this machine under load, 0.2-0.7 ms without (bench section, issue 16, session 19).
 */
const ASYNC_COMMIT = 'SET synchronous_commit = off';

/**
 * The applier's pending list of the articles' search index (a GIN index with fastupdate), in kB: past it, the insert
 * that crosses it merges the whole list into the index, inside the applier's batch. Merging was most of the
 * articles insert's server time (on the 987 real pages, 2.5 of 2.9 s for every article inserted under load 15;
 * 4 MB, the default, is crossed every other 256-article batch), and it depends on no order, so every worker merges
 * the list (mergeSearchPending) when it stages a job or goes idle, on its own connection and core; the applier
 * merges only when they fall this far behind. A search reads the pending list whole, so it is kept bounded.
 */
export const APPLIER_SEARCH_PENDING_KB = 32 * 1024;

/** The PostgreSQL error of a role that does not own the search index (gin_clean_pending_list is the owner's). */
const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Merges the search index's pending list into the index, outside any batch (see APPLIER_SEARCH_PENDING_KB); when
 * another worker is merging, this one goes on (gin_clean_pending_list would wait for it). Returns false when this
 * role may not, so the caller stops asking (the applier's inserts then merge, as before).
 */
async function mergeSearchPending(client: pg.Client, lockClass: number): Promise<boolean> {
  try {
    // The lock is the statement's own transaction's, taken before the merge starts and released when it ends.
    await client.query(`SELECT gin_clean_pending_list('articles_search'::regclass) WHERE pg_try_advisory_xact_lock(${lockClass}, ${SEARCH_MERGE_LOCK})`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === INSUFFICIENT_PRIVILEGE) return false;
    throw error;
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
  /** Milliseconds spent waiting with nothing to prepare or apply (a core left to others). */
  idleMs: number;
  /** CPU milliseconds (user + system) of this process while it worked, and of that while it applied. */
  cpuMs: number;
  applyCpuMs: number;
  /** What this worker did when, for a timeline across workers: each span's kind, start (epoch ms) and length (ms). */
  spans: WorkerSpan[];
}

/** One span of a worker's time: preparing a job, applying a batch, or idle; start-up and shut-down around them. */
export interface WorkerSpan {
  kind: 'start' | 'prepare' | 'apply' | 'idle' | 'stop';
  at: number;
  ms: number;
  /** Articles prepared or applied. */
  n?: number;
}

/** Epoch milliseconds, comparable across the processes of one host. */
function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The channel a schema's workers are woken on when a job is prepared or a batch applied. */
function channelOf(store: PostgresStore): string {
  return `${store.target.schema}_queue`;
}

/** Where the leader announces the story events of each batch it commits; `serve` on the same schema listens. */
function storyEventsChannel(store: PostgresStore): string {
  return `${store.target.schema}_stories`;
}
/** A NOTIFY payload must stay under 8,000 bytes: a headline is cut well below that (4 bytes a character at most). */
const EVENT_HEADLINE_CHARS = 1000;

function eventPayload(event: StoryEvent): string {
  return JSON.stringify('headline' in event && event.headline.length > EVENT_HEADLINE_CHARS ? { ...event, headline: `${event.headline.slice(0, EVENT_HEADLINE_CHARS)}…` } : event);
}

/** Sends the story events of the batch just committed to whoever follows them (followStoryEvents). */
async function announceStoryEvents(store: PostgresStore, events: StoryEvent[]): Promise<void> {
  if (events.length === 0) return;
  const payloads = events.splice(0).map(eventPayload);
  await store.client.query('SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload', [storyEventsChannel(store), payloads]);
}

/** announceStoryEvents for any store: on PostgreSQL the events go to the schema's followers; elsewhere nowhere. */
export async function announceToFollowers(store: Store, events: StoryEvent[]): Promise<void> {
  if (store instanceof PostgresStore) await announceStoryEvents(store, events);
}

/**
 * Listens, on a connection of its own, for the story events queue leaders announce on the store's schema and
 * hands each to `publish`. Resolves with the function that stops listening.
 */
export async function followStoryEvents(store: Store, publish: (event: StoryEvent) => void): Promise<() => Promise<void>> {
  if (!(store instanceof PostgresStore)) return async () => undefined;
  const { client } = await connectPostgres(`${store.target.connectionString}${store.target.connectionString.includes('?') ? '&' : '?'}schema=${store.target.schema}`, { create: false });
  client.on('notification', (message) => {
    if (message.payload === undefined) return;
    try {
      publish(JSON.parse(message.payload) as StoryEvent);
    } catch {
      // Not an event of ours: nothing to tell.
    }
  });
  // A dropped connection ends the following, not the server: the page then needs a reload, as before.
  client.on('error', () => undefined);
  await client.query(`LISTEN "${storyEventsChannel(store)}"`);
  return async () => {
    await client.end().catch(() => undefined);
  };
}

/**
 * Takes ingest jobs from the queue and prepares them; the worker holding the applier lock (the leader) applies
 * prepared batches in order, and prepares only when no batch is ready, so applying (the deployment's ceiling)
 * never waits behind its own preparing while the other workers prepare. A worker without the lock tries for it
 * whenever it looks for work, so a dead leader is replaced within one job or one poll.
 */
export async function runWorker(db: string, options: WorkerOptions = {}): Promise<WorkerReport> {
  requirePostgres(db);
  const settings = options.settings ?? DEFAULT_ENGINE_SETTINGS;
  const store = await PostgresStore.open(db);
  const engine = new Engine(store, settings);
  // The story events of the batches this worker applies, announced after each (serve follows them).
  const storyEvents: StoryEvent[] = [];
  engine.onStoryEvent((event) => storyEvents.push(event));
  const staging = (await connectPostgres(db)).client;
  // A lost connection (the server restarted) ends the worker with E_STORE: its job is retried, by it once restarted or by another.
  let lostError: Error | undefined;
  const onLost = (error: Error) => {
    lostError ??= error;
    wake();
  };
  void store.lost.then(onLost);
  void connectionLost(staging, store.target).then(onLost);
  const clock = new StageClock();
  const report: WorkerReport = { prepared: 0, articles: 0, applied: emptyIngestReport(clock), prepareMs: 0, applyMs: 0, idleMs: 0, cpuMs: 0, applyCpuMs: 0, spans: [] };
  const span = (kind: WorkerSpan['kind'], from: number, n?: number) => {
    const now = epochMs();
    report.spans.push({ kind, at: Math.round(from), ms: Math.round(now - from), ...(n === undefined ? {} : { n }) });
  };
  const cpuAtStart = process.cpuUsage();
  const boss = bossFor(store, true);
  // pg-boss reports its own pool's errors here (unheard, they crashed the worker); its calls reject on their own.
  boss.on('error', () => undefined);
  const channel = channelOf(store);
  let leader = false;
  // Woken early by another worker's notification; otherwise every APPLY_POLL_MS.
  let wake: () => void = () => undefined;
  const notified = () => wake();
  staging.on('notification', notified);
  const stopped = () => options.signal?.aborted === true;
  const onAbort = () => wake();
  options.signal?.addEventListener('abort', onAbort);

  let mergesSearch = true;
  const mergeSearch = async () => {
    if (mergesSearch) mergesSearch = await mergeSearchPending(staging, store.lockClass);
  };

  try {
    await staging.query(ASYNC_COMMIT);
    await store.client.query(`SET gin_pending_list_limit = ${APPLIER_SEARCH_PENDING_KB}`);
    await staging.query(`LISTEN "${channel}"`);
    await boss.start();
    await boss.createQueue(INGEST_QUEUE);
    // From the process's start (module loading, connections, pg-boss) to its first look for work.
    span('start', performance.timeOrigin);
    while (!stopped() && lostError === undefined) {
      if (!leader) leader = (await store.client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${store.lockClass}, ${APPLIER_LOCK}) AS locked`)).rows[0]!.locked;
      if (leader) {
        const started = performance.now();
        const startedAt = epochMs();
        const cpuBefore = process.cpuUsage();
        const applied = await applyNextBatch(store, engine, report.applied, clock);
        if (applied !== undefined) {
          span('apply', startedAt, applied);
          report.applyMs += performance.now() - started;
          const cpu = process.cpuUsage(cpuBefore);
          report.applyCpuMs += (cpu.user + cpu.system) / 1000;
          options.onProgress?.({ applied });
          await store.client.query('SELECT pg_notify($1, $2)', [channel, 'applied']);
          await announceStoryEvents(store, storyEvents);
          continue;
        }
      }
      const [job] = await boss.fetch<{ seq: number }>(INGEST_QUEUE, { batchSize: 1 });
      if (job !== undefined) {
        const started = performance.now();
        const startedAt = epochMs();
        let articles: number | undefined;
        try {
          articles = await prepareJob(staging, job.data.seq, settings, channel, options.onProblem);
        } catch (error) {
          // pg-boss retries it (JOB_RETRY_LIMIT), here or on another worker.
          await boss.fail(INGEST_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) });
          continue;
        }
        await boss.complete(INGEST_QUEUE, job.id);
        await mergeSearch();
        report.prepareMs += performance.now() - started;
        span('prepare', startedAt, articles ?? 0);
        if (articles !== undefined) {
          report.prepared++;
          report.articles += articles;
          options.onProgress?.({ prepared: articles });
        }
        continue;
      }
      // Nothing to prepare: the applier's last batches are merged into the search index here, not inside its next.
      await mergeSearch();
      if (options.untilIdle === true && (await allApplied(store.client))) break;
      const idleFrom = performance.now();
      const idleAt = epochMs();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, APPLY_POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = () => undefined;
      report.idleMs += performance.now() - idleFrom;
      span('idle', idleAt);
    }
    if (lostError !== undefined) throw lostError;
  } catch (error) {
    lostError ??= sessionEndedError(error, store.target);
    throw lostError ?? error;
  } finally {
    const stoppingAt = epochMs();
    options.signal?.removeEventListener('abort', onAbort);
    staging.off('notification', notified);
    if (leader) await store.client.query(`SELECT pg_advisory_unlock(${store.lockClass}, ${APPLIER_LOCK})`).catch(() => undefined);
    await boss.stop({ graceful: true, wait: true, timeout: 5000 }).catch(() => undefined);
    await staging.end().catch(() => undefined);
    await engine.close().catch((error: unknown) => {
      if (lostError === undefined) throw error;
    });
    span('stop', stoppingAt);
  }
  const cpu = process.cpuUsage(cpuAtStart);
  report.cpuMs = (cpu.user + cpu.system) / 1000;
  return report;
}

async function allApplied(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ pending: string }>('SELECT count(*) AS pending FROM ingest_jobs WHERE applied_at IS NULL');
  return Number(rows[0]!.pending) === 0;
}

/** Parameters of one staged row in the staging insert. */
const STAGED_COLUMNS = 7;
/** Rows per staging statement: PostgreSQL takes at most 65,535 parameters in one (a WARC file's job can hold thousands of pages). */
const STAGED_ROWS_PER_INSERT = 4096;

/**
 * Reads and prepares one job (prepareForIngest, as ingest does) and stages its articles, replacing whatever an
 * earlier attempt staged; a job already applied is left alone. Returns the number of articles staged, or
 * undefined when skipped. The commit notifies the schema's workers, so an idle leader applies at once.
 */
async function prepareJob(client: pg.Client, seq: number, settings: EngineSettings, channel: string, onProblem?: (problem: InputProblem) => void): Promise<number | undefined> {
  const { rows } = await client.query<{ run: string; spec: string; applied: boolean }>(
    `SELECT run, spec, (seq < (SELECT value::bigint FROM meta WHERE key = 'applied_job')) AS applied FROM ingest_jobs WHERE seq = $1`,
    [seq],
  );
  const job = rows[0];
  if (job === undefined || job.applied) return undefined;
  const staged: { position: number; pageUrl: string | null; feedUrl: string | null; payload: string; title: string; text: string }[] = [];
  let position = 0;
  for (const part of JSON.parse(job.spec) as JobPart[]) {
    for await (const item of readInputFile(part.file, part.lines)) {
      if (item.kind === 'problem') {
        onProblem?.(item.problem);
        continue;
      }
      const prepared = prepareForIngest(item.raw, Date.now(), settings.sketch);
      if (!prepared.ok) {
        onProblem?.(prepared.problem);
        continue;
      }
      const { article } = prepared;
      const payload = stagedPayload(prepared);
      const format = article.origin.format;
      staged.push({
        position: position++,
        pageUrl: (format === 'html' || format === 'warc') && article.url !== undefined ? pageUrlKey(article.url) : null,
        feedUrl: format === 'feed' && article.url !== undefined ? pageUrlKey(article.url) : null,
        payload: JSON.stringify(payload),
        title: article.title,
        text: article.text,
      });
    }
  }
  await client.query('BEGIN');
  try {
    await client.query('DELETE FROM staged_items WHERE seq = $1', [seq]);
    if (staged.length > 0) {
      // Each article's search vector is made here, on every worker at once, not by the applier's insert. Rows go
      // as scalar parameters: pg would escape each payload, title and text into an array literal (a copy of each,
      // 7% of what a worker allocated) and the server parse it back.
      for (let from = 0; from < staged.length; from += STAGED_ROWS_PER_INSERT) {
        const values: unknown[] = [seq, job.run];
        const rows = staged.slice(from, from + STAGED_ROWS_PER_INSERT).map((s) => {
          const at = values.push(s.position, s.pageUrl, s.feedUrl, s.payload, searchKey(s.title, s.text), s.title, s.text) - STAGED_COLUMNS;
          return `($${at + 1}::int, $${at + 2}::text, $${at + 3}::text, $${at + 4}::text, $${at + 5}::text, $${at + 6}::text, $${at + 7}::text)`;
        });
        await client.query(
          `INSERT INTO staged_items (seq, position, run, page_url, feed_url, payload, search_key, search)
           SELECT $1, i.position, $2, i.page_url, i.feed_url, i.payload, i.search_key, ${searchVectorSql('i.title', 'i.text')}
           FROM (VALUES ${rows.join(', ')}) AS i(position, page_url, feed_url, payload, search_key, title, text)`,
          values,
        );
      }
    }
    await client.query(`WITH done AS (UPDATE ingest_jobs SET prepared_at = now() WHERE seq = $1) SELECT pg_notify($2, 'prepared')`, [seq, channel]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return staged.length;
}

/** A staged payload read back as the applier applies it (exported for tests). */
export function preparedFrom(payload: string): PreparedArticle {
  const staged = JSON.parse(payload) as StagedPayload;
  const frequencies = stagedFrequencies(staged);
  const sketch: ArticleSketch = {
    signature: new Uint8Array(Buffer.from(staged.signature, 'base64')),
    bandKeys: Float64Array.from(staged.bandKeys),
    fingerprints: Float64Array.from(staged.fingerprints),
    probeKeys: Float64Array.from(staged.probeKeys),
  };
  // Staged without frequencies or paragraph keys (by an older worker): applyBatch makes them from the article.
  return {
    article: staged.article,
    sketch,
    ...(frequencies === undefined ? {} : { frequencies }),
    ...(staged.paragraphKeys === undefined ? {} : { paragraphKeys: staged.paragraphKeys }),
    // Read (split) only when the article has candidates to align against; absent, the applier builds it.
    ...(staged.wordStems === undefined || staged.wordSpans === undefined ? {} : { words: { wordStems: staged.wordStems, wordSpans: staged.wordSpans } }),
  };
}

interface Cursor {
  job: number;
  position: number;
}

/**
 * For the leader (the applier lock's holder): applies the next batch, in job order and of the engine's size,
 * ending early only at the end of a run, as one process ingesting the run's inputs would. Returns the number
 * of articles applied, or undefined when the batch needs a job not yet prepared.
 */
async function applyNextBatch(store: PostgresStore, engine: Engine, report: IngestReport, clock: StageClock): Promise<number | undefined> {
  const { client } = store;
  const batch = await nextBatch(client, engine.settings.batchSize);
  if (batch === undefined) return undefined;
  // Copies share paragraphs: the batch's own keys answer most of its matching's paragraph-sources reads.
  store.readAheadParagraphSources([...new Set(batch.articles.flatMap((prepared) => prepared.paragraphKeys ?? []))]);
  await engine.applyBatch(batch.articles, report, clock, {
    withinTransaction: async () => {
      await client.query(
        `WITH job AS (UPDATE meta SET value = $1 WHERE key = 'applied_job'),
           position AS (UPDATE meta SET value = $2 WHERE key = 'applied_position')
         UPDATE ingest_jobs SET applied_at = now() WHERE seq < $3 AND applied_at IS NULL`,
        [String(batch.next.job), String(batch.next.position), batch.next.job],
      );
      if (batch.endedRun !== undefined) {
        await store.sendHeldWrites();
        await client.query('DELETE FROM staged_items WHERE run = $1', [batch.endedRun]);
      }
    },
  });
  report.read += batch.articles.length;
  return batch.articles.length;
}

/** Jobs looked at per round trip while finding where the next batch ends. */
const PLAN_JOBS = 256;

/**
 * The next batch from the stored cursor, or undefined when it would need a job not yet prepared. First counts
 * the usable staged items of the jobs from the cursor on (no payloads), and only once the batch is known to be
 * complete reads its payloads, in one query.
 */
async function nextBatch(client: pg.Client, batchSize: number): Promise<{ articles: PreparedArticle[]; next: Cursor; endedRun?: number } | undefined> {
  const meta = await client.query<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN ('applied_job', 'applied_position')`);
  const value = (key: string) => Number(meta.rows.find((row) => row.key === key)!.value);
  const cursor: Cursor = { job: value('applied_job'), position: value('applied_position') };
  // A feed item whose page was staged in the same run is not used: the full page wins.
  const usable = `NOT (s.feed_url IS NOT NULL AND EXISTS (SELECT 1 FROM staged_items p WHERE p.run = s.run AND p.page_url = s.feed_url))`;
  let wanted = batchSize;
  let last: { seq: number; run: number } | undefined;
  for (let from = cursor.job; last === undefined; ) {
    const { rows: jobs } = await client.query<{ seq: string; run: string; last_of_run: boolean; prepared: boolean; items: string }>(
      `SELECT j.seq, j.run, j.last_of_run, j.prepared_at IS NOT NULL AS prepared,
         (SELECT count(*) FROM staged_items s WHERE s.seq = j.seq AND s.position >= CASE WHEN j.seq = $2 THEN $3 ELSE 0 END AND ${usable}) AS items
       FROM ingest_jobs j WHERE j.seq >= $1 ORDER BY j.seq LIMIT ${PLAN_JOBS}`,
      [from, cursor.job, cursor.position],
    );
    if (jobs.length === 0) return undefined;
    for (const job of jobs) {
      if (!job.prepared) return undefined;
      wanted -= Number(job.items);
      if (wanted <= 0 || job.last_of_run) {
        last = { seq: Number(job.seq), run: Number(job.run) };
        break;
      }
    }
    from = Number(jobs.at(-1)!.seq) + 1;
  }
  const { rows: items } = await client.query<{ seq: string; run: string; last_of_run: boolean; position: number; payload: string }>(
    `SELECT s.seq, s.run, j.last_of_run, s.position, s.payload FROM staged_items s JOIN ingest_jobs j ON j.seq = s.seq
     WHERE s.seq BETWEEN $1 AND $2 AND (s.seq > $1 OR s.position >= $3) AND ${usable}
     ORDER BY s.seq, s.position`,
    [cursor.job, last.seq, cursor.position],
  );
  const articles: PreparedArticle[] = [];
  for (let at = 0; at < items.length; at++) {
    const item = items[at]!;
    const seq = Number(item.seq);
    articles.push(preparedFrom(item.payload));
    const lastOfJob = at === items.length - 1 || Number(items[at + 1]!.seq) !== seq;
    if (articles.length >= batchSize) {
      const next = lastOfJob ? { job: seq + 1, position: 0 } : { job: seq, position: item.position + 1 };
      const endedRun = next.job === seq + 1 && item.last_of_run ? Number(item.run) : undefined;
      return { articles, next, ...(endedRun === undefined ? {} : { endedRun }) };
    }
  }
  // The run ends at the last job: what is gathered is a batch, as one process flushes at the end of its input.
  return { articles, next: { job: last.seq + 1, position: 0 }, endedRun: last.run };
}
