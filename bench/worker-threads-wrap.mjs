// A `--bin` for bench/many-writers.ts that runs another newsfold bin and, for each process it starts, appends to a log
// the peak RSS and the CPU seconds of its main thread and of its other threads (V8's helpers: garbage collection and
// optimizing compiles), sampled from /proc every SAMPLE_MS, and where the main thread's wall time went: running, runnable
// but waiting for a core (the machine's load), and off the cores (waiting for its server backend, I/O, timers). `worker` gets extra node flags, so V8 settings can be
// tried without a build. Plain JavaScript: many-writers runs its --bin with node alone.
//   NEWSFOLD_WRAP_BIN   the bin to run (default: this checkout's bin/newsfold.js)
//   NEWSFOLD_WRAP_FLAGS node flags for `worker`, space-separated (e.g. --heap-growing-percent=50)
//   NEWSFOLD_WRAP_LOG   the log (default /tmp/newsfold-worker-threads.log); NEWSFOLD_WRAP_TAG starts each line
// node --import tsx bench/many-writers.ts --only throughput --pages 990 --inputs html --repeat 1 --bin bench/worker-threads-wrap.mjs
import { spawn } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Samples a second: what a thread ran after the last one (under SAMPLE_MS) is missed. */
const SAMPLE_MS = 100;
/** Clock ticks a second in /proc's stat (USER_HZ, 100 on Linux). */
const TICKS = 100;
const [, , command, ...rest] = process.argv;
const bin = process.env.NEWSFOLD_WRAP_BIN ?? fileURLToPath(new URL('../bin/newsfold.js', import.meta.url));
const flags = command === 'worker' ? (process.env.NEWSFOLD_WRAP_FLAGS ?? '').split(/\s+/).filter(Boolean) : [];
const child = spawn(process.execPath, [...flags, bin, command, ...rest], { stdio: 'inherit' });
/** Ticks of each thread at its last sample, by thread id. */
const threads = new Map();
let peakKb = 0;
/** The main thread's nanoseconds on a core and runnable but waiting for one, at its last sample (/proc schedstat). */
let mainSched = { run: 0, wait: 0 };
const spawnedAt = performance.now();
const sample = () => {
  try {
    for (const tid of readdirSync(`/proc/${child.pid}/task`)) {
      const stat = readFileSync(`/proc/${child.pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime, fields 14-15 of stat.
      threads.set(tid, Number(fields[11]) + Number(fields[12]));
    }
    const sched = readFileSync(`/proc/${child.pid}/task/${child.pid}/schedstat`, 'utf8').split(' ');
    mainSched = { run: Number(sched[0]), wait: Number(sched[1]) };
    const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (hwm !== null) peakKb = Number(hwm[1]);
  } catch {
    // The process ended between two reads.
  }
};
const timer = setInterval(sample, SAMPLE_MS);
child.on('exit', (code, signal) => {
  clearInterval(timer);
  const main = (threads.get(String(child.pid)) ?? 0) / TICKS;
  const others = [...threads.values()].reduce((sum, ticks) => sum + ticks, 0) / TICKS - main;
  const wall = (performance.now() - spawnedAt) / 1000;
  const run = mainSched.run / 1e9;
  const wait = mainSched.wait / 1e9;
  const line = `${process.env.NEWSFOLD_WRAP_TAG ?? ''} ${command} peak ${(peakKb / 1024).toFixed(0)} MB, main thread ${main.toFixed(2)} s, other threads ${others.toFixed(2)} s; main thread's wall ${wall.toFixed(2)} s: running ${run.toFixed(2)}, waiting for a core ${wait.toFixed(2)}, off the cores ${(wall - run - wait).toFixed(2)} s\n`;
  appendFileSync(process.env.NEWSFOLD_WRAP_LOG ?? '/tmp/newsfold-worker-threads.log', line);
  process.exit(code ?? (signal === null ? 1 : 128));
});
