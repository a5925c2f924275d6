// Many writers on one SQLite file give the result of one writer: two `ingest` processes running at once, with
// small batches so their transactions interleave, end with the articles, relations and story partition of a
// serial run of the same articles in the order they were stored. Each process's in-memory indexes (the copy
// index, the story candidate index) must catch up with what the other committed; before they did, the
// processes missed each other's copies and started duplicate stories.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { generateNews, toJsonl, type GeneratedRecord } from '../../bench/lib/generated-news.ts';
import { DEFAULT_ENGINE_SETTINGS, Engine } from '../../src/engine/index.ts';
import { ROOT, scratchDb } from '../run-cli.ts';
import { runTogether } from './helpers/start-together.ts';
import { snapshotOf } from './helpers/store-snapshot.ts';
import { testSchema } from './helpers/postgres.ts';
import { PostgresStore } from '../../src/store/postgres.ts';

const CHILD = join(ROOT, 'test', 'store', 'helpers', 'ingest-child.ts');
/** Articles per transaction in the concurrent processes: small, so the two interleave many times. */
const CHILD_BATCH = 8;


/** Runs two concurrent ingests into `db` and checks them against a serial run in the order they stored articles. */
async function concurrentMatchesSerial(db: string, arrivalOrder: () => Promise<string[]>): Promise<void> {
  const { dir } = await scratchDb('newsfold-concurrent-');
  const records = generateNews({ events: 120, seed: 16 });
  // Alternate records go to each half, so every event's copies and reports are split between the writers.
  const halves: GeneratedRecord[][] = [records.filter((_, i) => i % 2 === 0), records.filter((_, i) => i % 2 === 1)];
  const paths = [join(dir, 'first.jsonl'), join(dir, 'second.jsonl')];
  await Promise.all(halves.map((half, i) => writeFile(paths[i]!, toJsonl(half))));

  await runTogether(paths.map((path) => [CHILD, db, String(CHILD_BATCH), path]));

  const arrival = await arrivalOrder();
  assert.equal(arrival.length, records.length, 'every article stored once');
  const firstHalf = new Set(halves[0]!.map((record) => record.id));
  let switches = 0;
  for (let i = 1; i < arrival.length; i++) if (firstHalf.has(arrival[i]!) !== firstHalf.has(arrival[i - 1]!)) switches++;
  assert.ok(switches >= 2, `the writers interleaved (${switches} switches between them)`);

  const concurrent = await Engine.open(db);
  const concurrentResult = await snapshotOf(concurrent);
  await concurrent.close();

  // The serial run: one writer, one article per transaction, in the order the concurrent writers stored them.
  const byId = new Map(records.map((record) => [record.id, record]));
  const serialInput = join(dir, 'arrival-order.jsonl');
  await writeFile(serialInput, toJsonl(arrival.map((id) => byId.get(id)!)));
  const serial = await Engine.open(join(dir, 'serial.db'), { ...DEFAULT_ENGINE_SETTINGS, batchSize: 1 });
  await serial.ingest([serialInput]);
  const serialResult = await snapshotOf(serial);
  await serial.close();

  assert.equal(concurrentResult.articles.length, records.length);
  const counts = `concurrent: ${concurrentResult.relations.length} relations, ${concurrentResult.partition.length} stories; serial: ${serialResult.relations.length} relations, ${serialResult.partition.length} stories`;
  assert.deepEqual(concurrentResult.relations, serialResult.relations, `same relations (${counts})`);
  assert.deepEqual(concurrentResult.partition, serialResult.partition, `same story partition (${counts})`);
}

test('two concurrent ingests on one SQLite file give the result of a serial run in arrival order', async () => {
  const { db } = await scratchDb('newsfold-concurrent-');
  await concurrentMatchesSerial(db, async () => {
    const raw = new Database(db, { readonly: true });
    const rows = raw.prepare('SELECT external_id FROM articles ORDER BY rowid').all() as { external_id: string }[];
    raw.close();
    return rows.map((row) => row.external_id);
  });
});

const postgres = await testSchema('nf_concurrent');
test('two concurrent ingests on one PostgreSQL store give the result of a serial run in arrival order', 'skip' in postgres ? { skip: postgres.skip } : {}, async () => {
  if ('skip' in postgres) return;
  try {
    await concurrentMatchesSerial(postgres.url, async () => {
      const store = await PostgresStore.open(postgres.url);
      const rows = (await store.client.query<{ external_id: string }>('SELECT external_id FROM articles ORDER BY arrival')).rows;
      await store.close();
      return rows.map((row) => row.external_id);
    });
  } finally {
    await postgres.drop();
  }
});
