// The Store contract on the PostgreSQL store: each database is a schema of its own on the test server
// (skipped, with the reason printed, when no server answers).
import { PostgresStore } from '../../src/store/postgres.ts';
import { storeConformance } from './conformance.ts';
import { testSchema, type TestSchema } from './helpers/postgres.ts';

const probe = await testSchema('nf_probe');
const schemas = new Map<string, TestSchema>();
if ('drop' in probe) await probe.drop();

storeConformance('postgres', {
  ...('skip' in probe ? { skip: probe.skip } : {}),
  create: async () => {
    const made = await testSchema('nf_conf');
    if ('skip' in made) throw new Error(made.skip);
    schemas.set(made.url, made);
    return made.url;
  },
  open: (database) => PostgresStore.open(database),
  destroy: async (database) => schemas.get(database)?.drop(),
});
