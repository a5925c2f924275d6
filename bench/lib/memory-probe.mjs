// Where a process's memory is: loaded into a child with `node --import <this file>` (bench/ingest-memory.ts
// --probe), it appends one JSON line every PROBE_MS to the file named by NEWSFOLD_MEMORY_PROBE: RSS, V8's heap
// (used, committed), `external` and `arrayBuffers` (typed-array data and other memory V8 is told of, which lives
// in the malloc heap), and what the rest of RSS is (code, SQLite's page cache and heap, malloc's free and
// fragmented memory). With NEWSFOLD_MEMORY_PROBE_GC=1 and `--expose-gc`, each sample first runs a full
// collection, so heapUsed is the live heap (and the run's own peak is lowered: use it to find growth, not peaks).
// Plain JavaScript so it loads before any TypeScript loader.
import { appendFileSync, readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

const PROBE_MS = Number(process.env.NEWSFOLD_MEMORY_PROBE_MS ?? 2000);
const file = process.env.NEWSFOLD_MEMORY_PROBE;
const forceGc = process.env.NEWSFOLD_MEMORY_PROBE_GC === '1' && typeof globalThis.gc === 'function';

/** Anonymous and file-backed resident kB from /proc/self/smaps_rollup. */
function residentParts() {
  try {
    const text = readFileSync('/proc/self/smaps_rollup', 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    return { anonymous: kb('Anonymous'), file: kb('Rss') - kb('Anonymous') };
  } catch {
    return { anonymous: 0, file: 0 };
  }
}

if (file !== undefined && file !== '') {
  const timer = setInterval(() => {
    if (forceGc) globalThis.gc();
    const usage = process.memoryUsage();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((space) => [space.space_name, space.space_used_size]));
    const { anonymous, file: fileBacked } = residentParts();
    const line = {
      t: Date.now(),
      rss: usage.rss,
      heapUsed: usage.heapUsed,
      heapTotal: usage.heapTotal,
      external: usage.external,
      arrayBuffers: usage.arrayBuffers,
      // Outside V8's heap and the memory it is told of: code, SQLite, native modules' own mallocs, free malloc memory.
      rest: usage.rss - usage.heapTotal - usage.external,
      anonymous,
      fileBacked,
      largeObjects: spaces.large_object_space ?? 0,
      oldSpace: spaces.old_space ?? 0,
      gc: forceGc,
    };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  }, PROBE_MS);
  timer.unref();
}
