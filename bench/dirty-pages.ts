// Which B-trees of an SQLite store a batch wrote into: the pages that differ between a store before and after
// (both checkpointed, so the main file holds every page), named by the table or index that owns them (dbstat of
// the store after). A key scattered over a large index dirties a leaf page of its own, read, written to the WAL
// and checkpointed: the count says where a batch's writes into large indexes go.
//
// Run: node --import tsx bench/dirty-pages.ts BEFORE.db AFTER.db
// (copy a store, `sqlite3 COPY 'PRAGMA wal_checkpoint(TRUNCATE)'`, keep a copy of it, ingest into the other,
// checkpoint it the same way.)
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';

function checkpointed(path: string): Database.Database {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const wal = `${path}-wal`;
  let walBytes = 0;
  try {
    walBytes = statSync(wal).size;
  } catch {
    // no WAL: the main file is the store
  }
  if (walBytes > 0) throw new Error(`${wal} holds ${walBytes} bytes: checkpoint the store first (PRAGMA wal_checkpoint(TRUNCATE))`);
  return db;
}

function main(): void {
  const [before, after] = process.argv.slice(2);
  if (before === undefined || after === undefined) throw new Error('usage: dirty-pages.ts BEFORE.db AFTER.db');
  checkpointed(before).close();
  const db = checkpointed(after);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const owner = new Map<number, string>();
  for (const row of db.prepare('SELECT name, pageno FROM dbstat').iterate() as Iterable<{ name: string; pageno: number }>) owner.set(row.pageno, row.name);
  db.close();
  const a = openSync(before, 'r');
  const b = openSync(after, 'r');
  const pagesA = statSync(before).size / pageSize;
  const pagesB = statSync(after).size / pageSize;
  const bufA = Buffer.alloc(pageSize);
  const bufB = Buffer.alloc(pageSize);
  const counts = new Map<string, number>();
  let changed = 0;
  for (let page = 1; page <= pagesB; page++) {
    readSync(b, bufB, 0, pageSize, (page - 1) * pageSize);
    if (page <= pagesA) {
      readSync(a, bufA, 0, pageSize, (page - 1) * pageSize);
      if (bufA.equals(bufB)) continue;
    }
    changed++;
    const name = owner.get(page) ?? '(free list / pointer map)';
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  closeSync(a);
  closeSync(b);
  console.log(`pages: ${pagesA} before, ${pagesB} after, ${changed} changed or new (page size ${pageSize})`);
  for (const [name, count] of [...counts].sort((x, y) => y[1] - x[1])) console.log(`${String(count).padStart(7)}  ${name}`);
}

main();
