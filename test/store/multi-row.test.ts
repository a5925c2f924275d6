import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { MultiRowStatement, repeatedRows } from '../../src/store/multi-row.ts';

function table(): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
  return db;
}

/** The rows (the `(?, ?)` groups in its SQL) of each statement run by `work`. */
function statementSizes(work: () => void): number[] {
  const sizes: number[] = [];
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: (...args: unknown[]) => unknown };
  probe.close();
  const run = prototype.run;
  prototype.run = function (this: Database.Statement, ...args: unknown[]) {
    sizes.push(this.source.split('(?, ?)').length - 1);
    return run.apply(this, args);
  };
  try {
    work();
  } finally {
    prototype.run = run;
  }
  return sizes;
}

test('rows go in chunks of the size given, in order, and nothing runs for no rows', () => {
  for (const [rows, expected] of [
    [0, []],
    [1, [1]],
    [3, [3]],
    [4, [3, 1]],
    [6, [3, 3]],
    [11, [3, 3, 3, 2]],
  ] as [number, number[]][]) {
    const db = table();
    const insert = new MultiRowStatement(db, (n) => `INSERT INTO t (k, v) VALUES ${repeatedRows('(?, ?)', n)}`, 2, 3);
    const values: (string | number)[] = [];
    for (let at = 0; at < rows; at++) values.push(`k${at}`, at);
    let changed = -1;
    assert.deepEqual(statementSizes(() => (changed = insert.run(values))), expected);
    assert.equal(changed, rows);
    assert.deepEqual(db.prepare('SELECT k, v FROM t ORDER BY rowid').all(), Array.from({ length: rows }, (_, at) => ({ k: `k${at}`, v: at })));
    db.close();
  }
});

test('run gives the rows changed over all chunks; all gives every chunk\'s rows in chunk order', () => {
  const db = table();
  const insert = new MultiRowStatement(db, (rows) => `INSERT INTO t (k, v) VALUES ${repeatedRows('(?, ?)', rows)} ON CONFLICT (k) DO NOTHING`, 2, 2);
  assert.equal(insert.run(['a', 1, 'b', 2, 'c', 3]), 3);
  assert.equal(insert.run(['a', 9, 'd', 4, 'b', 9, 'e', 5, 'c', 9]), 2, 'the rows already there are not counted');
  const read = new MultiRowStatement(db, (rows) => `WITH asked (at, k) AS (VALUES ${repeatedRows('(?, ?)', rows)}) SELECT at, t.v FROM asked JOIN t ON t.k = asked.k ORDER BY at`, 2, 2);
  assert.deepEqual(read.all<{ at: number; v: number }>([0, 'e', 1, 'x', 2, 'a', 3, 'd', 4, 'b']), [
    { at: 0, v: 5 },
    { at: 2, v: 1 },
    { at: 3, v: 4 },
    { at: 4, v: 2 },
  ]);
  assert.deepEqual(read.all([]), []);
  db.close();
});

test('values that are not whole rows, and sizes that are not whole numbers, are refused', () => {
  const db = table();
  assert.throws(() => new MultiRowStatement(db, () => 'SELECT 1', 0));
  assert.throws(() => new MultiRowStatement(db, () => 'SELECT 1', 2, 0));
  const insert = new MultiRowStatement(db, (rows) => `INSERT INTO t (k, v) VALUES ${repeatedRows('(?, ?)', rows)}`, 2);
  assert.throws(() => insert.run(['a', 1, 'b']), /not whole rows/);
  assert.equal((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n, 0);
  db.close();
});

test('a string is stored as a single-row statement stores it, lone surrogates included', () => {
  const strings = ['plain', 'quote " and \\ backslash', '\ud800 lone high', 'lone low \udc00', '😀 pair', '\u0000 nul', 'é'];
  const single = table();
  const insert = single.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  strings.forEach((k, v) => insert.run(k, v));
  const multi = table();
  new MultiRowStatement(multi, (rows) => `INSERT INTO t (k, v) VALUES ${repeatedRows('(?, ?)', rows)}`, 2, 3).run(strings.flatMap((k, v) => [k, v]));
  const bytes = (db: Database.Database) => db.prepare('SELECT hex(k) AS k, v FROM t ORDER BY v').all();
  assert.deepEqual(bytes(multi), bytes(single));
  single.close();
  multi.close();
});
