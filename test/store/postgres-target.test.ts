// `?schema=` of a postgres:// URL: the names newsfold accepts, and why it refuses the others (walk, session 33).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NewsfoldError } from '../../src/errors.ts';
import { postgresTarget } from '../../src/store/postgres.ts';

const BASE = 'postgres://postgres@127.0.0.1:5432/test';

function refusal(schema: string): string {
  try {
    postgresTarget(`${BASE}?schema=${schema}`);
  } catch (error) {
    assert.ok(error instanceof NewsfoldError);
    assert.equal(error.code, 'E_USAGE');
    return error.message;
  }
  assert.fail(`schema ${schema} was accepted`);
}

test('a schema name is lower-case letters, digits and _; PostgreSQL\'s own schemas and over-long names are refused saying why', () => {
  assert.equal(postgresTarget(`${BASE}?schema=s33_walk`).schema, 's33_walk');
  assert.equal(postgresTarget(`${BASE}?schema=public`).schema, 'public');
  assert.equal(postgresTarget(BASE).schema, 'newsfold');
  assert.match(refusal('a;drop'), /must be lower-case letters, digits and _/);
  // Was "must be lower-case letters, digits and _" for a name of lower-case letters.
  assert.match(refusal('s'.repeat(70)), /has 70 characters; PostgreSQL allows 63/);
  // information_schema was written to (pg_dump leaves it out); pg_* failed as "cannot open ... check the server is running".
  assert.match(refusal('information_schema'), /is PostgreSQL's own/);
  assert.match(refusal('pg_catalog'), /is PostgreSQL's own/);
  assert.match(refusal('pg_temp'), /is PostgreSQL's own/);
});
