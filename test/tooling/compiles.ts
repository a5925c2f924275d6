// TurboFan compiles per function in a child process, for the recompile tests: the child runs `source` (an ES
// module) under `flags` with --trace-opt --print-opt-source, and each compile is counted by its function's script
// and start offset.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Compiles by "script@offset" of the functions whose script `keep` accepts. */
export function compilesByFunction(source: string, flags: readonly string[], keep: (script: string) => boolean): Map<string, number> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--trace-opt', '--print-opt-source', ...flags, '--input-type=module', '-e', source], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  assert.equal(run.status, 0, run.stderr);
  // "--- FUNCTION SOURCE (script:name) id{optimisation,-1} start{offset} ---" opens each compile's top function.
  const compiles = new Map<string, number>();
  for (const match of run.stdout.matchAll(/FUNCTION SOURCE \((.*?)\) id\{\d+,-1\} start\{(\d+)\}/g)) {
    if (!keep(match[1]!)) continue;
    const key = `${match[1]}@${match[2]}`;
    compiles.set(key, (compiles.get(key) ?? 0) + 1);
  }
  return compiles;
}
