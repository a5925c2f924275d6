// PostgreSQL for tests: a schema of its own per run (dropped at the end), so parallel runs never collide.
// The server is NEWSFOLD_TEST_POSTGRES or the local one (trust auth, database `test`); when none answers,
// tests skip with the reason printed.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_POSTGRES = process.env.NEWSFOLD_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestSchema {
  /** A postgres:// URL naming the run's own schema. */
  url: string;
  schema: string;
  drop: () => Promise<void>;
}

/** A fresh schema on the test server, or the reason none can be had. */
export async function testSchema(prefix = 'nf_test'): Promise<TestSchema | { skip: string }> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    const skip = `no PostgreSQL server answers at ${TEST_POSTGRES}: ${(error as Error).message}`;
    process.stderr.write(`# skipped: ${skip}\n`);
    return { skip };
  }
  await client.end();
  const schema = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = `${TEST_POSTGRES}${TEST_POSTGRES.includes('?') ? '&' : '?'}schema=${schema}`;
  return {
    url,
    schema,
    drop: async () => {
      const dropper = new pg.Client({ connectionString: TEST_POSTGRES });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await dropper.query(`DROP SCHEMA IF EXISTS ${schema}_boss CASCADE`);
      await dropper.end();
    },
  };
}
