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

/** Sets the heap growth for this process (worker threads included: V8 flags are per process), unless the user set it. */
export function boundHeapGrowth(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env.NODE_OPTIONS ?? ''): boolean {
  const chosen = (flag: string) => flag.replaceAll('_', '-').startsWith('--heap-growing-percent');
  if (execArgv.some(chosen) || nodeOptions.split(/\s+/).some(chosen)) return false;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  return true;
}
