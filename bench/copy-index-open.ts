// The copy index's opening in an SQLite store, split: the stored snapshot read, the sketches stored after it added
// (CPU ms, this process). With --refresh, then a fresh snapshot written (as a process would at commit when one is
// due) and its CPU: what a policy of snapshots at close would pay against what it saves the next opening.
//
// Run: node --import tsx bench/copy-index-open.ts COPY.db [--refresh]     (writes to the store only with --refresh)
import { SqliteStore } from '../src/store/sqlite.ts';

/** The store's private members this bench reads and calls (not part of the Store interface). */
interface SqliteInternals {
  db: { exec(sql: string): void };
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
  for (const name of ['storedSnapshot', 'addStoredSketches']) {
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
  line.push(`snapshot read ${(spent.storedSnapshot ?? 0).toFixed(1)}`, `sketches after it ${(spent.addStoredSketches ?? 0).toFixed(1)}`);
  if (process.argv.includes('--refresh')) {
    const before = cpuMs();
    internals.db.exec('BEGIN IMMEDIATE');
    internals.snapshotOutdated = true;
    internals.snapshotCopyIndexIfDue();
    internals.db.exec('COMMIT');
    line.push(`fresh snapshot written ${(cpuMs() - before).toFixed(1)} ms`);
  }
  console.log(line.join(', '));
  await store.close();
}

await main();
