// Runs the test suite with TMPDIR set to a directory of its own and removes that directory afterwards, so the
// scratch stores, pages and browser profiles that tests and the CLI processes they start write under os.tmpdir()
// do not pile up in /tmp (a run used to leave about 100 directories, 100 MB).
// Usage: node scripts/test.mjs TEST_FILES...   (npm test)
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'newsfold-test-run-'));
// Open to every user, sticky, as /tmp is: some tests run the CLI as an unprivileged user on files made here.
chmodSync(scratch, 0o1777);
const child = spawn(process.execPath, ['--import', 'tsx', '--test', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TMPDIR: scratch },
});
const forward = (signal) => child.kill(signal);
process.on('SIGINT', forward);
process.on('SIGTERM', forward);
child.on('exit', (code, signal) => {
  rmSync(scratch, { recursive: true, force: true });
  process.exitCode = code ?? (signal ? 1 : 0);
});
