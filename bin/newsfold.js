#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader: no build step between a clone and a run.
import { register } from 'tsx/esm/api';

// A reader that closes the pipe early (`newsfold stories | head -1`) is not an error: stop quietly, status 0.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}

register();
const { main, EXIT_CRASH } = await import('../src/cli/main.ts');
try {
  process.exitCode = await main(process.argv);
} catch (error) {
  process.stderr.write(`newsfold: internal error (a bug in newsfold; please report it with this trace):\n${error?.stack ?? String(error)}\n`);
  process.exitCode = EXIT_CRASH;
}
