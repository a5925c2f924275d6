// Queue workers on PostgreSQL give one process's result: 1, 2 and 4 workers, and a worker killed with
// kill -9 mid-run (its job retried, its batch rolled back), end with the articles, relations and story
// partition of a single `ingest` of the same inputs. Skipped, with the reason, when no PostgreSQL answers.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateNews, toJsonl } from '../../bench/lib/generated-news.ts';
import { DEFAULT_ENGINE_SETTINGS, Engine } from '../../src/engine/index.ts';
import PgBoss from 'pg-boss';
import { enqueue, INGEST_QUEUE } from '../../src/engine/enqueue.ts';
import { runWorker } from '../../src/engine/queue.ts';
import { connectPostgres } from '../../src/store/postgres.ts';
import { ROOT, scratchDb } from '../run-cli.ts';
import { testSchema } from '../store/helpers/postgres.ts';
import { snapshotOf, type StoreSnapshot } from '../store/helpers/store-snapshot.ts';

const CHILD = join(ROOT, 'test', 'engine', 'helpers', 'worker-child.ts');
/** Small batches, so that batches span jobs and the applier's cutting is tested. */
const BATCH = 16;
/** A killed worker's job is given to another after this many seconds. */
const TEST_JOB_EXPIRE_SECONDS = 3;

const probe = await testSchema('nf_probe');
if ('drop' in probe) await probe.drop();
const options = 'skip' in probe ? { skip: probe.skip } : {};

/** Generated JSON Lines in several files (several jobs), and the bundled examples (HTML, a feed, text). */
async function corpus(): Promise<string> {
  const { dir } = await scratchDb('newsfold-queue-');
  const records = generateNews({ events: 40, seed: 3 });
  await mkdir(join(dir, 'input', 'feeds'), { recursive: true });
  for (let file = 0; file < 6; file++) {
    await writeFile(join(dir, 'input', 'feeds', `part-${file}.jsonl`), toJsonl(records.filter((_, i) => i % 6 === file)));
  }
  await cp(join(ROOT, 'examples'), join(dir, 'input', 'examples'), { recursive: true });
  return join(dir, 'input');
}

function worker(url: string): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, url, String(BATCH)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
}

async function finished(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = await once(child, 'exit');
  return code as number | null;
}

async function oneProcess(input: string): Promise<StoreSnapshot> {
  const { db } = await scratchDb('newsfold-queue-reference-');
  const engine = await Engine.open(db, { ...DEFAULT_ENGINE_SETTINGS, batchSize: BATCH });
  await engine.ingest([input]);
  const snapshot = await snapshotOf(engine);
  await engine.close();
  return snapshot;
}

async function throughQueue(input: string, run: (url: string) => Promise<void>): Promise<StoreSnapshot> {
  const schema = await testSchema('nf_queue');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    await enqueue(schema.url, [input], { jobExpireSeconds: TEST_JOB_EXPIRE_SECONDS });
    await run(schema.url);
    const engine = await Engine.open(schema.url);
    const snapshot = await snapshotOf(engine);
    await engine.close();
    return snapshot;
  } finally {
    await schema.drop();
  }
}

test('jobs are handed out in the order they were planned, so batches become ready one after another', options, async () => {
  const { dir } = await scratchDb('newsfold-queue-order-');
  await mkdir(join(dir, 'pages'));
  // 8 files a job, the last 32 files tapered (TAPER_SHARES): 200 pages make 31 jobs of one enqueue (one insert, so one creation time).
  for (let page = 0; page < 200; page++) await writeFile(join(dir, 'pages', `page-${String(page).padStart(3, '0')}.txt`), `Page ${page} of the order test.\n`);
  const schema = await testSchema('nf_order');
  if ('skip' in schema) throw new Error(schema.skip);
  const boss = new PgBoss({ connectionString: schema.url.replace(/[?&]schema=.*$/, ''), schema: `${schema.schema}_boss`, supervise: false, schedule: false });
  try {
    const { jobs } = await enqueue(schema.url, [join(dir, 'pages')]);
    assert.equal(jobs, 31);
    await boss.start();
    const handedOut: number[] = [];
    for (;;) {
      const [job] = await boss.fetch<{ seq: number }>(INGEST_QUEUE, { batchSize: 1 });
      if (job === undefined) break;
      handedOut.push(job.data.seq);
    }
    assert.equal(handedOut.length, jobs);
    assert.deepEqual(handedOut, [...handedOut].sort((x, y) => x - y));
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await schema.drop();
  }
});

test('1, 2 and 4 workers give the articles, relations and story partition of one process', options, async () => {
  const input = await corpus();
  const reference = await oneProcess(input);
  assert.ok(reference.relations.length > 50 && reference.partition.length > 20, 'a corpus with copies and many stories');
  for (const workers of [1, 2, 4]) {
    const result = await throughQueue(input, async (url) => {
      const children = Array.from({ length: workers }, () => worker(url));
      assert.deepEqual(await Promise.all(children.map(finished)), children.map(() => 0));
    });
    assert.deepEqual(result.articles, reference.articles, `${workers} workers: same articles`);
    assert.deepEqual(result.relations, reference.relations, `${workers} workers: same relations`);
    assert.deepEqual(result.partition, reference.partition, `${workers} workers: same story partition`);
  }
});

test('the articles a worker applied are merged into the search index by the workers, not left in its pending list', options, async () => {
  // The applier's inserts leave the search index's entries in its pending list (merging them is order-free work,
  // kept out of the serialized batch); a worker merges the list when it stages a job or goes idle.
  const input = await corpus();
  const schema = await testSchema('nf_search_merge');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    await enqueue(schema.url, [input]);
    const report = await runWorker(schema.url, { settings: { ...DEFAULT_ENGINE_SETTINGS, batchSize: BATCH }, untilIdle: true });
    assert.ok(report.applied.stored > 100, 'articles applied');
    const { client } = await connectPostgres(schema.url, { create: false });
    try {
      const { rows } = await client.query<{ pages: number }>(`SELECT gin_clean_pending_list('articles_search'::regclass) AS pages`);
      assert.equal(Number(rows[0]!.pages), 0, 'no pending page left to merge');
      const found = await client.query<{ n: string }>(`SELECT count(*) AS n FROM articles WHERE search @@ to_tsquery('simple', 'the')`);
      assert.ok(Number(found.rows[0]!.n) > 100, 'the articles are found by search');
    } finally {
      await client.end();
    }
  } finally {
    await schema.drop();
  }
});

test('a worker killed with kill -9 mid-run loses nothing and stores nothing twice', options, async () => {
  const input = await corpus();
  const reference = await oneProcess(input);
  for (const delayMs of [1500, 3000]) {
    const result = await throughQueue(input, async (url) => {
      const victim = worker(url);
      const survivor = worker(url);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      victim.kill('SIGKILL');
      await finished(victim);
      assert.equal(await finished(survivor), 0);
    });
    assert.deepEqual(result.articles, reference.articles, `killed after ${delayMs} ms: every article once`);
    assert.deepEqual(result.relations, reference.relations, `killed after ${delayMs} ms: same relations`);
    assert.deepEqual(result.partition, reference.partition, `killed after ${delayMs} ms: same story partition`);
  }
});
