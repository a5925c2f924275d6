// Where a queue worker allocates: a preload (NODE_OPTIONS=--import) that samples every `newsfold worker` process's
// allocations with V8's sampling heap profiler, objects later collected included, and at exit writes the profile
// and a summary (bytes by function, self and inclusive; 64 KB sampling interval, so figures are estimates).
//   NODE_OPTIONS="--import $PWD/bench/worker-alloc-sample.mjs" node --import tsx bench/many-writers.ts --only throughput ...
//   NEWSFOLD_ALLOC_DIR  where profiles and summaries go (default /tmp): alloc-PID.heapprofile, alloc-PID.txt
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes between samples: V8's default is 32 KB; a worker allocates about 5 MB an article. */
const SAMPLING_INTERVAL = 65536;
/** Functions listed in the summary, by self and by inclusive bytes. */
const TOP = 40;

if (process.argv.includes('worker')) {
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.startSampling', { samplingInterval: SAMPLING_INTERVAL, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  process.on('exit', () => {
    // The inspector answers synchronously on the same thread, so the profile is here before exit completes.
    session.post('HeapProfiler.stopSampling', (error, result) => {
      if (error) return;
      const dir = process.env.NEWSFOLD_ALLOC_DIR ?? '/tmp';
      writeFileSync(join(dir, `alloc-${process.pid}.heapprofile`), JSON.stringify(result.profile));
      writeFileSync(join(dir, `alloc-${process.pid}.txt`), summary(result.profile));
    });
  });
}

function summary(profile) {
  const self = new Map();
  const inclusive = new Map();
  let total = 0;
  const name = (frame) => `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*\/(dist|node_modules)\//, '$1/')}:${frame.lineNumber}`;
  const walk = (node, above) => {
    const here = name(node.callFrame);
    total += node.selfSize;
    self.set(here, (self.get(here) ?? 0) + node.selfSize);
    const stack = new Set(above).add(here);
    for (const frame of stack) inclusive.set(frame, (inclusive.get(frame) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, stack);
  };
  walk(profile.head, new Set());
  const mb = (bytes) => (bytes / 1e6).toFixed(0).padStart(6);
  const top = (map) => [...map].sort((x, y) => y[1] - x[1]).slice(0, TOP).map(([frame, bytes]) => `${mb(bytes)} MB ${frame}`).join('\n');
  return `allocated ${mb(total)} MB (sampled)\n--- by function, self\n${top(self)}\n--- by function, inclusive\n${top(inclusive)}\n`;
}
