// One opener for every face: the backend is chosen by the store's name. A postgres:// (or postgresql://) URL
// opens PostgreSQL; anything else is the path of a SQLite file (`:memory:` for a throwaway store).
import { SqliteStore } from './sqlite.ts';
import type { Store } from './store.ts';
import { isPostgresUrl } from './url.ts';

export { isPostgresUrl } from './url.ts';

export interface OpenStoreOptions {
  /** How long a SQLite writer waits for another process's lock before E_STORE_BUSY (default STORE_BUSY_TIMEOUT_MS). */
  busyTimeoutMs?: number;
  /** Read commands: a missing SQLite file (or PostgreSQL store) is an error naming it, and nothing is created or migrated. */
  mustExist?: boolean;
  /** `newsfold upgrade`: a missing SQLite file (or PostgreSQL store) is an error naming it; an older schema is migrated. */
  upgradeOnly?: boolean;
}

export async function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PostgresStore } = await import('./postgres.ts');
    return PostgresStore.open(db, { ...(options.mustExist === true ? { mustExist: true } : {}), ...(options.upgradeOnly === true ? { upgradeOnly: true } : {}) });
  }
  return SqliteStore.open(db, options);
}
