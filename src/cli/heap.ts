// How far V8 lets the heap grow between full collections, for every thread of a newsfold process.
import { setFlagsFromString } from 'node:v8';

/**
 * Heap growth allowed past what survived the last full collection, in percent. Left to itself, V8 grows the
 * heap to 4x the survivors wherever it may use over 2 GB: an ingest's live heap of 80-150 MB then took the
 * CLI to 453 MB RSS at 6,000 stream articles and 612 MB by 20,000, mostly garbage not yet collected. The
 * 6,000 peaked at 307 MB with 50% and 287 MB with 25%, for 4-12% more CPU (BENCHMARKS.md, "Ingest memory:
 * the heap's growth bounded").
 */
export const HEAP_GROWING_PERCENT = 25;

/**
 * Sets the heap growth for this process (worker threads included: V8 flags are per process), unless the user set it.
 * Read at each full collection, so a command may set it again once it knows what it is (see letWorkerHeapGrow).
 */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env.NODE_OPTIONS ?? '', percent = HEAP_GROWING_PERCENT): boolean {
  const chosen = (flag: string) => flag.replaceAll('_', '-').startsWith('--heap-growing-percent');
  if (execArgv.some(chosen) || nodeOptions.split(/\s+/).some(chosen)) return false;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  return true;
}

/**
 * V8's own growth of the young generation (two semi-spaces doubling from 1 MB to 16 MB each), which bin/newsfold.js
 * turns off at start-up for ingest's peak memory. A queue worker is a long-lived throughput process: kept at 1 MB,
 * scavenges took about a third of its main thread, and letting it grow cut its CPU an article by about a quarter
 * (24.6 against 32.0 ms on 990 HTML pages), for 38 MB more peak RSS (256 -> 294 MB; BENCHMARKS.md, issue 16, session 20).
 */
export const WORKER_SEMI_SPACE_GROWTH_FACTOR = 2;

/**
 * A queue worker's heap growth past the last full collection's survivors, in percent: twice the CLI's. At 25% the
 * leader, which keeps the store's indexes, ran full collections often, their marking on V8's helper threads (the
 * other worker's core in a 2-worker run). With 50%, on 990 HTML pages over 5 alternated pairs: helper-thread CPU lower
 * in every pair, process CPU an article 23.0 -> 21.4 ms for one worker and 26.3 -> 25.2 for two (medians), peak RSS
 * 283 -> 300 MB; 100% saved no more at 333 MB, V8's own choice took 494 MB. BENCHMARKS.md, issue 16, session 21.
 */
export const WORKER_HEAP_GROWING_PERCENT = 50;

/**
 * Lets this process's young generation grow again (read each time V8 would grow it, so it works at any point), and
 * its old generation grow by WORKER_HEAP_GROWING_PERCENT unless the user chose a growth (then false).
 */
export function letWorkerHeapGrow(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env.NODE_OPTIONS ?? ''): boolean {
  setFlagsFromString(`--semi-space-growth-factor=${WORKER_SEMI_SPACE_GROWTH_FACTOR}`);
  return boundHeapGrowth(execArgv, nodeOptions, WORKER_HEAP_GROWING_PERCENT);
}
