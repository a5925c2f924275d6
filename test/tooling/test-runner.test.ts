import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNNER = new URL('../../scripts/test.mjs', import.meta.url).pathname;

test('npm test runs the suite in a scratch TMPDIR and removes it afterwards, passing or failing', () => {
  const here = mkdtempSync(join(tmpdir(), 'newsfold-runner-'));
  try {
    for (const [name, fails] of [['passing', false], ['failing', true]] as const) {
      const record = join(here, `${name}.txt`);
      const file = join(here, `${name}.test.mjs`);
      writeFileSync(file, `import { test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
test('writes scratch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scratch-'));
  writeFileSync(${JSON.stringify(record)}, dir);
  if (${fails}) throw new Error('planned failure');
});
`);
      // Without NODE_TEST_CONTEXT, which would make the inner runner report to this one instead of running.
      const { NODE_TEST_CONTEXT: _, ...env } = process.env;
      const run = spawnSync(process.execPath, [RUNNER, file], { encoding: 'utf8', env });
      assert.equal(run.status === 0, !fails, run.stdout + run.stderr);
      const scratch = readFileSync(record, 'utf8');
      assert.ok(scratch.includes('newsfold-test-run-'), `scratch under the runner's TMPDIR: ${scratch}`);
      assert.equal(existsSync(scratch), false, 'the scratch directory is gone after the run');
    }
  } finally {
    rmSync(here, { recursive: true, force: true });
  }
});
