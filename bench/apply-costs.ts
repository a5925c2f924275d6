// What the queue's applier costs an article, measured apart from preparing (issue 16): every job of N real pages
// is prepared first by a worker that cannot lead (this script holds the applier lock), then one worker in this
// process applies them all. Prints, an article: statements sent (round trips) by the applier, bytes it
// allocated (V8's sampling heap profiler, collected objects included), its CPU, and its server backends' CPU
// (/proc/PID/schedstat of the connections tagged with this run's application_name). The first two are
// deterministic up to the sampling; the CPU figures are bounds under load. With --root DIR the build of another
// checkout (DIR/dist, as /tmp/base) is measured, for an A/B on the same pages.
// Usage: node --import tsx bench/apply-costs.ts [--pages 990] [--root DIR] [--statements] [--allocation]   (needs PostgreSQL; `npm run build` first)
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { testSchema } from '../test/store/helpers/postgres.ts';
import { copyPages, flag, prepareWithoutApplying, REAL_PAGES } from './lib/real-pages.ts';

/** How often the preparing phase checks whether every job is prepared, and the backends are sampled. */
const POLL_MS = 100;
/** Bytes between allocation samples. */
const SAMPLING_INTERVAL = 16384;

const root = flag('root') ?? join(import.meta.dirname, '..');
const { APPLIER_LOCK, runWorker } = (await import(join(root, 'dist/src/engine/queue.js'))) as typeof import('../src/engine/queue.ts');
const { enqueue } = (await import(join(root, 'dist/src/engine/enqueue.js'))) as typeof import('../src/engine/enqueue.ts');
const { schemaLockClass } = (await import(join(root, 'dist/src/store/postgres.js'))) as typeof import('../src/store/postgres.ts');
// The pg the measured build loads: its queries are counted.
const rootPg = createRequire(join(root, 'package.json'))('pg') as typeof pg;
// The applier's statements (pg-boss's, which depend on timing, left out), with their wall time by kind.
let statements = 0;
const byKind = new Map<string, { calls: number; ms: number; serverMs: number }>();
const query = rootPg.Client.prototype.query;
rootPg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '');
  const result = (query as (...a: unknown[]) => unknown).apply(this, args);
  if (text.includes('_boss') || text.includes('pg_stat_activity') || !(result instanceof Promise)) return result;
  statements++;
  const kind = text.replace(/\s+/g, ' ').slice(0, 60);
  const started = performance.now();
  // The backend is idle between statements, so its run time across this one is the statement's server CPU.
  const backendRan = () => Number(readFileSync(`/proc/${(this as unknown as { processID: number }).processID}/schedstat`, 'utf8').split(' ')[0]);
  let before: number;
  try {
    before = backendRan();
  } catch {
    before = Number.NaN;
  }
  return result.finally(() => {
    const entry = byKind.get(kind) ?? { calls: 0, ms: 0, serverMs: 0 };
    entry.calls++;
    entry.ms += performance.now() - started;
    try {
      entry.serverMs += (backendRan() - before) / 1e6 || 0;
    } catch {
      // the backend is gone
    }
    byKind.set(kind, entry);
  });
} as typeof query;

const copied = await copyPages(REAL_PAGES, Number(flag('pages') ?? 990), 'newsfold-apply-costs-');
if (copied === undefined) {
  console.log(`skipped: ${REAL_PAGES} not found`);
  process.exit(0);
}
const { dir } = copied;
const schema = await testSchema('nf_applycost');
if ('skip' in schema) {
  console.log(`skipped: ${schema.skip}`);
  process.exit(0);
}
const holder = new pg.Client({ connectionString: schema.url.replace(/[?&]schema=.*$/, '') });
try {
  await enqueue(schema.url, [join(dir, 'pages')]);
  await holder.connect();
  await prepareWithoutApplying({ holder, schema: schema.schema, lockClass: schemaLockClass(schema.schema), lockKey: APPLIER_LOCK, pollMs: POLL_MS, runWorker: (signal) => runWorker(schema.url, { signal }) });

  const tag = `nfac_${schema.schema.slice(-8)}`;
  const backendRun = new Map<number, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await holder.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [tag]);
      for (const { pid } of rows) {
        const run = Number((await readFile(`/proc/${pid}/schedstat`, 'utf8').catch(() => '0')).split(' ')[0]);
        if (run > 0) backendRun.set(pid, run);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  })();
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: SAMPLING_INTERVAL, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  statements = 0;
  byKind.clear();
  const started = performance.now();
  const report = await runWorker(`${schema.url}&application_name=${tag}`, { untilIdle: true });
  const wall = performance.now() - started;
  const sent = statements;
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as { profile: { head: { selfSize: number; children: unknown[] } } };
  session.disconnect();
  sampling = false;
  await sampler;
  let allocated = 0;
  const inclusive = new Map<string, number>();
  type Node = { selfSize: number; children: Node[]; callFrame: { functionName: string; url: string; lineNumber: number } };
  const walk = (node: Node, above: Set<string>) => {
    allocated += node.selfSize;
    const here = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/.*\/(dist|node_modules)\//, '$1/')}:${node.callFrame.lineNumber}`;
    const stack = new Set(above).add(here);
    for (const frame of stack) inclusive.set(frame, (inclusive.get(frame) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, stack);
  };
  walk(profile.head as Node, new Set());
  const stored = Math.max(report.applied.stored, 1);
  const backendMs = [...backendRun.values()].reduce((sum, ns) => sum + ns, 0) / 1e6;
  console.log(
    `${root}: ${report.applied.stored} articles applied, ${report.applied.relations} relations, ${report.applied.storiesCreated} stories created; ` +
      `an article: ${(sent / stored).toFixed(2)} statements, ${(allocated / stored / 1024).toFixed(0)} KB allocated, applier CPU ${(report.applyCpuMs / stored).toFixed(2)} ms, ` +
      `its backends ${(backendMs / stored).toFixed(2)} ms; wall ${(wall / 1000).toFixed(2)} s`,
  );
  if (process.argv.includes('--allocation')) {
    console.log('KB an article, by function, inclusive:');
    for (const [frame, bytes] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, 40)) console.log(`${(bytes / stored / 1024).toFixed(1).padStart(8)}  ${frame}`);
  }
  if (process.argv.includes('--statements')) {
    console.log('wall ms, server CPU ms, calls, statement (the applier\'s, by server CPU)');
    for (const [kind, { calls, ms, serverMs }] of [...byKind].sort((x, y) => y[1].serverMs - x[1].serverMs).slice(0, 15)) console.log(`${ms.toFixed(0).padStart(7)} ${serverMs.toFixed(0).padStart(7)} ${String(calls).padStart(5)}  ${kind}`);
  }
} finally {
  await holder.end().catch(() => undefined);
  await schema.drop();
  await rm(dir, { recursive: true, force: true });
}
