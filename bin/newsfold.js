#!/usr/bin/env node
// Runs the compiled program (dist/, built by `npm run build`, which `npm ci` runs through the `prepare` script).
// Where there is no build, or a source file changed after it (development), it runs the TypeScript sources
// through tsx's loader instead, so the program run is always the current source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// V8's young generation doubles from two 1 MB semi-spaces to two 16 MB ones as a busy process allocates, and a
// long ingest keeps the 32 MB committed. Kept at its first size, ingests of 3,000 and 6,000 articles peaked
// 10-45 MB lower for -6% to +8% CPU time (five pairs on a loaded machine; BENCHMARKS.md, issue 19). The flag is
// read each time the young generation would grow, so it works set here, before the program allocates
// (--max-semi-space-size is read only at start-up).
setFlagsFromString('--semi-space-growth-factor=1');

// A reader that closes the pipe early (`newsfold stories | head -1`) is not an error: stop quietly, status 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

const root = fileURLToPath(new URL('..', import.meta.url));
const built = `${root}dist/src/cli/main.js`;
const stamp = `${root}dist/.built`;

/** True when some file under `dir` was modified after `time` (milliseconds). About a hundred stats. */
function changedSince(dir, time) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory() ? changedSince(path, time) : statSync(path).mtimeMs > time) return true;
  }
  return false;
}

const compiled = process.env.NEWSFOLD_FROM_SOURCE !== '1' && existsSync(stamp) && existsSync(built) && !changedSince(`${root}src`, statSync(stamp).mtimeMs);
let program;
if (compiled) {
  program = await import(built);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  program = await import('../src/cli/main.ts');
}
try {
  process.exitCode = await program.main(process.argv);
} catch (error) {
  process.stderr.write(`newsfold: internal error (a bug in newsfold; please report it with this trace):\n${error?.stack ?? String(error)}\n`);
  // Exit now: an open connection or server would otherwise keep a crashed process alive.
  process.exit(program.EXIT_CRASH);
}
