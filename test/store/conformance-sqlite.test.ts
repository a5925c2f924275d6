// The Store contract on the SQLite store: each database is a file in a fresh folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { storeConformance } from './conformance.ts';

storeConformance('sqlite', {
  create: async () => join(await mkdtemp(join(tmpdir(), 'newsfold-conformance-')), 'store.db'),
  open: async (database) => SqliteStore.open(database),
  destroy: (database) => rm(dirname(database), { recursive: true, force: true }),
});
