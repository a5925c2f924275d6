// One opener for every face: the backend is chosen by the store's name. A postgres:// (or postgresql://) URL
// opens PostgreSQL; anything else is the path of a SQLite file (`:memory:` for a throwaway store).
import { SqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

export interface StoreOpenOptions {
  /** How long a write waits for another process's write before E_STORE_BUSY; each store's default when unset. */
  writeWaitMs?: number;
}

export async function openStore(db: string, options: StoreOpenOptions = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PostgresStore } = await import('./postgres.ts');
    return PostgresStore.open(db, options.writeWaitMs === undefined ? {} : { lockTimeoutMs: options.writeWaitMs });
  }
  return SqliteStore.open(db, options.writeWaitMs === undefined ? {} : { busyTimeoutMs: options.writeWaitMs });
}
