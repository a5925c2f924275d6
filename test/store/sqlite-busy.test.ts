// A writer finding the file locked by another process waits for it, and gives a clear E_STORE_BUSY only
// after its bounded wait (it used to crash with SQLITE_BUSY after better-sqlite3's default 5 s).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { test } from 'node:test';
import { NewsfoldError } from '../../src/errors.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ROOT, scratchDb } from '../run-cli.ts';

/** Another process that holds the write lock for `holdMs`, once it has printed "locked". */
async function holdWriteLock(path: string, holdMs: number): Promise<{ released: Promise<unknown> }> {
  const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)}); db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${holdMs});`;
  const child = spawn(process.execPath, ['-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return { released: once(child, 'close') };
}

test('a writer waits for a lock held briefly, and reports E_STORE_BUSY past its bounded wait', async () => {
  const { db } = await scratchDb('newsfold-busy-');
  (SqliteStore.open(db)).close();

  let { released } = await holdWriteLock(db, 1500);
  const patient = SqliteStore.open(db, { busyTimeoutMs: 30_000 });
  await patient.transaction(async () => patient.checkIndexSettings({ test: 1 }));
  await patient.close();
  await released;

  ({ released } = await holdWriteLock(db, 3000));
  const hasty = SqliteStore.open(db, { busyTimeoutMs: 300 });
  await assert.rejects(
    hasty.transaction(async () => undefined),
    (error: unknown) => error instanceof NewsfoldError && error.code === 'E_STORE_BUSY' && error.message.includes('0.3 s'),
  );
  await hasty.close();
  await released;
});
