// The copy index's opening in an SQLite store, split: the stored snapshot read, the sketches stored after it added
// (CPU ms, this process). With --refresh, then a fresh snapshot written (as a process would at commit when one is
// due) and its CPU: what a policy of snapshots at close would pay against what it saves the next opening.
//
// With --tail, instead, the commit of a write that adds nothing: what the first ingest after an opening stores as
// the snapshot's tail (every sketch it added after the snapshot), its CPU and bytes; the next opening adds those
// entries instead of the sketches (the split then shows the tail's share).
//
// Run: node --import tsx bench/copy-index-open.ts COPY.db [--refresh | --tail]     (writes only with either)
import { SqliteStore } from '../src/store/sqlite.ts';

/** The store's private members this bench reads and calls (not part of the Store interface). */
interface SqliteInternals {
  db: { exec(sql: string): void; prepare(sql: string): { get(): { n: number } } };
  snapshotArticles: number;
  snapshotOutdated: boolean;
  loadedCopyIndex(): { articlesAdded: number };
  snapshotCopyIndexIfDue(): void;
}

const cpuMs = (): number => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

async function main(): Promise<void> {
  const path = process.argv[2];
  if (path === undefined) throw new Error('usage: copy-index-open.ts COPY.db [--refresh]');
  const store = SqliteStore.open(path);
  const internals = store as unknown as SqliteInternals;
  const spent: Record<string, number> = {};
  const prototype = Object.getPrototypeOf(store) as Record<string, (...args: unknown[]) => unknown>;
  for (const name of ['storedSnapshot', 'addSnapshotTail', 'addStoredSketches']) {
    const original = prototype[name]!;
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      const start = cpuMs();
      const result = original.apply(this, args);
      spent[name] = (spent[name] ?? 0) + cpuMs() - start;
      return result;
    };
  }
  const start = cpuMs();
  const index = internals.loadedCopyIndex();
  const load = cpuMs() - start;
  const line = [`articles ${index.articlesAdded}`, `in the stored snapshot ${internals.snapshotArticles}`, `load ${load.toFixed(1)} ms`];
  line.push(`snapshot read ${(spent.storedSnapshot ?? 0).toFixed(1)}`, `its tail ${(spent.addSnapshotTail ?? 0).toFixed(1)}`);
  line.push(`sketches after it ${(spent.addStoredSketches ?? 0).toFixed(1)} (${store.copySketchesReplayed})`);
  if (process.argv.includes('--refresh')) {
    const before = cpuMs();
    internals.db.exec('BEGIN IMMEDIATE');
    internals.snapshotOutdated = true;
    internals.snapshotCopyIndexIfDue();
    internals.db.exec('COMMIT');
    line.push(`fresh snapshot written ${(cpuMs() - before).toFixed(1)} ms`);
  } else if (process.argv.includes('--tail')) {
    const before = cpuMs();
    internals.db.exec('BEGIN IMMEDIATE');
    internals.snapshotCopyIndexIfDue();
    internals.db.exec('COMMIT');
    line.push(`tail written ${(cpuMs() - before).toFixed(1)} ms`, `tail bytes ${internals.db.prepare("SELECT sum(length(data)) AS n FROM copy_index_snapshot WHERE part = 'tail'").get().n}`);
  }
  console.log(line.join(', '));
  await store.close();
}

await main();
