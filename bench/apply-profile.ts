// Where the queue's applier spends its CPU: every job of N real pages is prepared first by a worker that cannot
// lead (this script holds the applier lock), then one worker in this process applies them all under the V8
// profiler. Prints the applier's CPU an article, its stage times, and the functions and files with the most
// self time; writes the .cpuprofile for a closer look.
// With --dist, the compiled program (`npm run build`) is profiled, so functions are named with their real lines.
// Usage: node --import tsx bench/apply-profile.ts [--pages 400] [--dir PATH] [--out FILE.cpuprofile] [--dist]   (needs PostgreSQL)
import { rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join, relative } from 'node:path';
import pg from 'pg';
import { testSchema } from '../test/store/helpers/postgres.ts';
import { copyPages, flag, prepareWithoutApplying, REAL_PAGES } from './lib/real-pages.ts';

const ROOT = join(import.meta.dirname, '..');
const SHOWN = 30;
/** How often the preparing phase checks whether every job is prepared. */
const POLL_MS = 200;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const code = process.argv.includes('--dist') ? '../dist/src' : '../src';
const extension = process.argv.includes('--dist') ? 'js' : 'ts';
const { APPLIER_LOCK, runWorker } = (await import(`${code}/engine/queue.${extension}`)) as typeof import('../src/engine/queue.ts');
const { enqueue } = (await import(`${code}/engine/enqueue.${extension}`)) as typeof import('../src/engine/enqueue.ts');
const { schemaLockClass } = (await import(`${code}/store/postgres.${extension}`)) as typeof import('../src/store/postgres.ts');

const source = flag('dir') ?? REAL_PAGES;
const copied = await copyPages(source, Number(flag('pages') ?? 400), 'newsfold-apply-profile-');
if (copied === undefined) {
  console.log(`skipped: ${source} not found`);
  process.exit(0);
}
const { dir, names } = copied;
const schema = await testSchema('nf_applyprof');
if ('skip' in schema) {
  console.log(`skipped: ${schema.skip}`);
  process.exit(0);
}
const holder = new pg.Client({ connectionString: schema.url.replace(/[?&]schema=.*$/, '') });
try {
  await enqueue(schema.url, [join(dir, 'pages')]);
  await holder.connect();
  // Phase 1: a worker that cannot lead prepares every job.
  const prepared = await prepareWithoutApplying({ holder, schema: schema.schema, lockClass: schemaLockClass(schema.schema), lockKey: APPLIER_LOCK, pollMs: POLL_MS, runWorker: (signal) => runWorker(schema.url, { signal }) });
  // Phase 2: one worker applies everything, profiled.
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const started = performance.now();
  const report = await runWorker(schema.url, { untilIdle: true });
  const wall = performance.now() - started;
  const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
  session.disconnect();
  const stored = Math.max(report.applied.stored, 1);
  console.log(`${names.length} pages: ${prepared.articles} articles prepared (CPU ${(prepared.cpuMs / Math.max(prepared.articles, 1)).toFixed(1)} ms an article); applying ${report.applied.stored} stored: wall ${(wall / 1000).toFixed(1)} s, applier CPU ${(report.applyCpuMs / stored).toFixed(2)} ms an article (process ${(report.cpuMs / stored).toFixed(2)} ms)`);
  console.log(`stage ms: ${Object.entries(report.applied.stageMs).filter(([, ms]) => ms > 0).map(([stage, ms]) => `${stage} ${Math.round(ms)}`).join(', ')}`);
  const out = flag('out');
  if (out !== undefined) await writeFile(out, JSON.stringify(profile));
  // Self time per function and per file.
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url === '' ? '(native)' : url.startsWith('file://') ? relative(ROOT, new URL(url).pathname) : url;
    if (functionName !== '(idle)' && functionName !== '(program)') total += us;
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byFile.set(file, (byFile.get(file) ?? 0) + us);
  }
  const show = (title: string, table: Map<string, number>) => {
    console.log(title);
    for (const [key, us] of [...table].sort((x, y) => y[1] - x[1]).slice(0, SHOWN)) console.log(`${(us / 1000 / stored).toFixed(3).padStart(8)} ms/article ${((100 * us) / Math.max(total, 1)).toFixed(1).padStart(5)}%  ${key}`);
  };
  show(`self time (of ${(total / 1000 / stored).toFixed(2)} ms an article sampled, idle excluded), by function:`, byFunction);
  show('by file:', byFile);
} finally {
  await holder.end().catch(() => undefined);
  await schema.drop();
  await rm(dir, { recursive: true, force: true });
}
