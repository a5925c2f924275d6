// A query rejected because the server ended the session is the store lost (E_STORE, exit 2), not a bug (exit 3):
// CI saw a worker whose query was running when its session was terminated end with "internal error" (session 32).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NewsfoldError } from '../../src/errors.ts';
import { postgresTarget, sessionEndedError } from '../../src/store/postgres.ts';

const target = postgresTarget('postgres://127.0.0.1:5432/test?schema=nf_session');

const serverError = (code: string, message: string) => Object.assign(new Error(message), { code });

test("a query's error that says the session is gone is the store lost, any other is not", () => {
  for (const ended of [
    serverError('57P01', 'terminating connection due to administrator command'),
    serverError('57P02', 'terminating connection because of crash of another server process'),
    serverError('57P03', 'the database system is shutting down'),
    new Error('Connection terminated unexpectedly'),
  ]) {
    const lost = sessionEndedError(ended, target);
    assert.ok(lost instanceof NewsfoldError, ended.message);
    assert.equal(lost.code, 'E_STORE');
    assert.match(lost.message, /^lost the connection to the PostgreSQL store \(schema nf_session\): /);
  }
  assert.equal(sessionEndedError(serverError('42P01', 'relation "stories" does not exist'), target), undefined);
  assert.equal(sessionEndedError(serverError('40P01', 'deadlock detected'), target), undefined);
  assert.equal(sessionEndedError('57P01', target), undefined);
});
