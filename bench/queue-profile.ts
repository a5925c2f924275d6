// Where one queue worker spends its time: one worker in this process on the first N real pages of the
// extraction corpus (or any directory given), every PostgreSQL statement counted and timed by its text, and the
// worker's prepare and apply times, stage times and CPU.
// Usage: node --import tsx bench/queue-profile.ts [--pages 200] [--dir PATH]   (needs PostgreSQL at 127.0.0.1:5432)
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { enqueue, runWorker } from '../src/engine/queue.ts';
import { testSchema } from '../test/store/helpers/postgres.ts';
import { copyPages, flag, REAL_PAGES } from './lib/real-pages.ts';

/** Characters of a statement that name it in the table. */
const STATEMENT_KEY = 70;
const SHOWN = 25;

const source = flag('dir') ?? REAL_PAGES;
const copied = await copyPages(source, Number(flag('pages') ?? 200), 'newsfold-queue-profile-');
if (copied === undefined) {
  console.log(`skipped: ${source} not found`);
  process.exit(0);
}
const { dir, names } = copied;

const statements = new Map<string, { count: number; ms: number }>();
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  const first = args[0] as string | { text?: string };
  const key = (typeof first === 'string' ? first : (first.text ?? '?')).replace(/\s+/g, ' ').trim().slice(0, STATEMENT_KEY);
  const started = performance.now();
  const result = query.apply(this, args);
  if (result instanceof Promise) {
    return result.then((value: unknown) => {
      const seen = statements.get(key) ?? { count: 0, ms: 0 };
      seen.count++;
      seen.ms += performance.now() - started;
      statements.set(key, seen);
      return value;
    });
  }
  return result;
};

const schema = await testSchema('nf_profile');
if ('skip' in schema) {
  console.log(`skipped: ${schema.skip}`);
  process.exit(0);
}
try {
  await enqueue(schema.url, [join(dir, 'pages')]);
  statements.clear();
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const report = await runWorker(schema.url, { untilIdle: true });
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  const stored = report.applied.stored;
  console.log(`${names.length} pages, ${stored} articles stored: wall ${(wall / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s; preparing ${(report.prepareMs / 1000).toFixed(1)} s, applying ${(report.applyMs / 1000).toFixed(1)} s; CPU an article: ${(((cpu.user + cpu.system) / 1000) / Math.max(stored, 1)).toFixed(1)} ms, of which applying ${(report.applyCpuMs / Math.max(stored, 1)).toFixed(1)} ms`);
  console.log(`stage ms: ${Object.entries(report.applied.stageMs).filter(([, ms]) => ms > 0).map(([stage, ms]) => `${stage} ${Math.round(ms)}`).join(', ')}`);
  const rows = [...statements].sort((x, y) => y[1].ms - x[1].ms);
  const total = rows.reduce((sum, [, seen]) => ({ count: sum.count + seen.count, ms: sum.ms + seen.ms }), { count: 0, ms: 0 });
  console.log(`statements: ${total.count} (${(total.count / Math.max(stored, 1)).toFixed(1)} an article), ${(total.ms / 1000).toFixed(1)} s waited for`);
  for (const [key, seen] of rows.slice(0, SHOWN)) console.log(`${String(seen.count).padStart(6)} ${(seen.ms / 1000).toFixed(2).padStart(6)} s  ${key}`);
} finally {
  await schema.drop();
  await rm(dir, { recursive: true, force: true });
}
