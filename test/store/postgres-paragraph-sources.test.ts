// The PostgreSQL store's paragraph sources as the queue's applier reads them: a batch's keys read ahead in one
// statement, the sources it knows kept from one transaction to the next while no other writer commits between,
// and read again once one does. Skipped, with the reason printed, when no PostgreSQL server answers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PostgresStore } from '../../src/store/postgres.ts';
import { testSchema } from './helpers/postgres.ts';

const probe = await testSchema('nf_probe');
if ('drop' in probe) await probe.drop();
const options = 'skip' in probe ? { skip: probe.skip } : {};

/** Counts the statements that read paragraph_sources on the store's connection. */
function countReads(store: PostgresStore): { reads: number } {
  const counter = { reads: 0 };
  const query = store.client.query.bind(store.client) as (...args: unknown[]) => unknown;
  (store.client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('FROM paragraph_sources WHERE')) counter.reads++;
    return query(...args);
  };
  return counter;
}

const sources = (...names: string[]) => new Set(names);

test('paragraph sources: read ahead once, kept while no other writer commits, read again after one does', options, async () => {
  const schema = await testSchema('nf_paragraphs');
  if ('skip' in schema) throw new Error(schema.skip);
  const applier = await PostgresStore.open(schema.url);
  const other = await PostgresStore.open(schema.url);
  const counter = countReads(applier);
  try {
    await applier.transaction(async () => {
      applier.readAheadParagraphSources(['p1', 'p2', 'p3']);
      await applier.addParagraphSources(['p1'], 'herald');
      assert.deepEqual(await applier.paragraphSources(['p1']), new Map([['p1', sources('herald')]]));
      assert.equal(counter.reads, 1);
      // Read ahead: p2 and p3 need no statement, and what the transaction adds is known.
      await applier.addParagraphSources(['p2'], 'post');
      const read = await applier.paragraphSources(['p1', 'p2', 'p3']);
      assert.deepEqual(read, new Map([['p1', sources('herald')], ['p2', sources('post')]]));
      // The caller may add to what it gets: the store's own record does not change.
      read.get('p1')!.add('caller');
      assert.deepEqual(await applier.paragraphSources(['p1']), new Map([['p1', sources('herald')]]));
      assert.equal(counter.reads, 1);
    });
    // The next transaction, no other writer between: still known.
    await applier.transaction(async () => {
      assert.deepEqual(await applier.paragraphSources(['p1', 'p2']), new Map([['p1', sources('herald')], ['p2', sources('post')]]));
    });
    assert.equal(counter.reads, 1);

    // Another writer commits a source (in a transaction, then outside one): read again each time.
    await other.transaction(() => other.addParagraphSources(['p1'], 'gazette'));
    await applier.transaction(async () => {
      assert.deepEqual(await applier.paragraphSources(['p1']), new Map([['p1', sources('herald', 'gazette')]]));
    });
    assert.equal(counter.reads, 2);
    await other.addParagraphSources(['p2'], 'courier');
    await applier.transaction(async () => {
      assert.deepEqual(await applier.paragraphSources(['p2']), new Map([['p2', sources('post', 'courier')]]));
    });
    assert.equal(counter.reads, 3);

    // A rolled-back transaction's sources are forgotten.
    await assert.rejects(
      applier.transaction(async () => {
        await applier.paragraphSources(['p4']);
        await applier.addParagraphSources(['p4'], 'herald');
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    await applier.transaction(async () => {
      assert.deepEqual(await applier.paragraphSources(['p4']), new Map());
    });
    assert.deepEqual(await other.paragraphSources(['p1', 'p2', 'p4']), new Map([['p1', sources('herald', 'gazette')], ['p2', sources('post', 'courier')]]));
  } finally {
    await applier.close();
    await other.close();
    await schema.drop();
  }
});
