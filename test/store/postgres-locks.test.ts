// Advisory locks belong to the database, not to a schema: stores in two schemas of one database must neither wait
// for each other's writers nor keep each other's queue workers from applying (migration 11). Skipped, with the
// reason printed, when no PostgreSQL server answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { enqueue } from '../../src/engine/enqueue.ts';
import { APPLIER_LOCK, runWorker } from '../../src/engine/queue.ts';
import { NewsfoldError } from '../../src/errors.ts';
import { MIGRATIONS, PostgresStore, schemaLockClass, WRITE_LOCK } from '../../src/store/postgres.ts';
import { TEST_POSTGRES, testSchema } from './helpers/postgres.ts';

const probe = await testSchema('nf_probe');
if ('drop' in probe) await probe.drop();
const options = 'skip' in probe ? { skip: probe.skip } : {};

test('lock classes differ by schema and are the same for every process of one schema', () => {
  assert.equal(schemaLockClass('newsfold'), schemaLockClass('newsfold'));
  assert.notEqual(schemaLockClass('newsfold'), schemaLockClass('newsfold_b'));
  for (const name of ['newsfold', 'a', 'nf_test_1']) assert.ok(Number.isInteger(schemaLockClass(name)) && Math.abs(schemaLockClass(name)) <= 2 ** 31);
});

test("a write in one schema does not wait for another schema's writer; the same schema's still does", options, async () => {
  const first = await testSchema('nf_locks_a');
  const second = await testSchema('nf_locks_b');
  if ('skip' in first || 'skip' in second) throw new Error('no server');
  const holder = new pg.Client({ connectionString: TEST_POSTGRES });
  await holder.connect();
  const a = await PostgresStore.open(first.url, { lockTimeoutMs: 300 });
  const b = await PostgresStore.open(second.url, { lockTimeoutMs: 300 });
  try {
    // Another writer of schema a, mid-transaction.
    await holder.query('BEGIN');
    await holder.query(`SELECT pg_advisory_xact_lock(${a.lockClass}, ${WRITE_LOCK})`);
    assert.equal(await b.transaction(async () => 'written'), 'written');
    await assert.rejects(
      a.transaction(async () => 'written'),
      (error: unknown) => error instanceof NewsfoldError && error.code === 'E_STORE_BUSY',
    );
    await holder.query('COMMIT');
    assert.equal(await a.transaction(async () => 'written'), 'written');
  } finally {
    await holder.query('ROLLBACK').catch(() => undefined);
    await holder.end();
    await a.close();
    await b.close();
    await first.drop();
    await second.drop();
  }
});

test("a worker applies its schema's jobs while another schema's applier lock is held", options, async () => {
  const mine = await testSchema('nf_locks_w');
  const other = await testSchema('nf_locks_o');
  if ('skip' in mine || 'skip' in other) throw new Error('no server');
  const dir = await mkdtemp(join(tmpdir(), 'newsfold-locks-'));
  const holder = new pg.Client({ connectionString: TEST_POSTGRES });
  await holder.connect();
  try {
    await (await PostgresStore.open(other.url)).close();
    // The other schema's leader, for as long as this test runs.
    await holder.query(`SELECT pg_advisory_lock(${schemaLockClass(other.schema)}, ${APPLIER_LOCK})`);
    const input = join(dir, 'articles.jsonl');
    await writeFile(input, ['a', 'b', 'c'].map((id) => JSON.stringify({ id, title: `Title ${id}`, text: `The council met on Monday about item ${id} and voted.` })).join('\n'));
    await enqueue(mine.url, [input]);
    const stop = new AbortController();
    // Without its own lock class the worker never leads and never stops; the timer turns that into a failure.
    const timer = setTimeout(() => stop.abort(), 20_000);
    const report = await runWorker(mine.url, { untilIdle: true, signal: stop.signal });
    clearTimeout(timer);
    assert.equal(stop.signal.aborted, false);
    assert.equal(report.applied.stored, 3);
  } finally {
    await holder.end();
    await rm(dir, { recursive: true, force: true });
    await mine.drop();
    await other.drop();
  }
});

test('the migration to locks by schema is recorded, so a newsfold from before it refuses the schema', options, async () => {
  const schema = await testSchema('nf_locks_m');
  if ('skip' in schema) throw new Error(schema.skip);
  try {
    const store = await PostgresStore.open(schema.url);
    try {
      const { rows } = await store.client.query<{ version: number }>('SELECT max(version) AS version FROM newsfold_migrations');
      assert.equal(rows[0]!.version, MIGRATIONS.length);
      assert.ok(MIGRATIONS.length >= 11);
      const marker = await store.client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'advisory_locks'");
      assert.deepEqual(marker.rows, [{ value: 'by schema' }]);
    } finally {
      await store.close();
    }
  } finally {
    await schema.drop();
  }
});
