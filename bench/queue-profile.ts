// Where one queue worker spends its time: one worker in this process on the first N real pages of the
// extraction corpus (or any directory given), every PostgreSQL statement counted and timed by its text, and the
// worker's prepare and apply times, stage times and CPU.
// Usage: node --import tsx bench/queue-profile.ts [--pages 200] [--dir PATH]   (needs PostgreSQL at 127.0.0.1:5432)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { enqueue } from '../src/engine/enqueue.ts';
import { runWorker } from '../src/engine/queue.ts';
import { testSchema } from '../test/store/helpers/postgres.ts';
import { copyPages, flag, REAL_PAGES } from './lib/real-pages.ts';

/** Characters of a statement that name it in the table. */
const STATEMENT_KEY = 70;
const SHOWN = 60;

const source = flag('dir') ?? REAL_PAGES;
const copied = await copyPages(source, Number(flag('pages') ?? 200), 'newsfold-queue-profile-');
if (copied === undefined) {
  console.log(`skipped: ${source} not found`);
  process.exit(0);
}
const { dir, names } = copied;

/**
 * CPU nanoseconds a server backend has run, from /proc (the server on this host), or 0 when it cannot be read:
 * read before and after each statement, so each statement's server CPU is counted to it (a client runs one at a time).
 */
function backendCpuNs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}

const statements = new Map<string, { count: number; ms: number; serverMs: number }>();
// pg-boss loads pg through require, which could be another copy of its classes than this module's import: both are counted.
for (const Client of new Set([pg.Client, (createRequire(import.meta.url)('pg') as typeof pg).Client])) {
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    const key = (typeof first === 'string' ? first : (first.text ?? '?')).replace(/\s+/g, ' ').trim().slice(0, STATEMENT_KEY);
    const pid = (this as unknown as { processID?: number }).processID;
    const started = performance.now();
    const serverBefore = backendCpuNs(pid);
    const count = () => {
      const seen = statements.get(key) ?? { count: 0, ms: 0, serverMs: 0 };
      seen.count++;
      seen.ms += performance.now() - started;
      const serverAfter = backendCpuNs(pid);
      if (serverBefore > 0 && serverAfter > 0) seen.serverMs += (serverAfter - serverBefore) / 1e6;
      statements.set(key, seen);
    };
    // pg-boss's pool queries with a callback.
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        count();
        return (callback as (...results: unknown[]) => unknown)(...results);
      };
    }
    const result = query.apply(this, args);
    if (result instanceof Promise) {
      return result.then((value: unknown) => {
        count();
        return value;
      });
    }
    return result;
  };
}

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
  const rows = [...statements].sort((x, y) => y[1].serverMs - x[1].serverMs || y[1].ms - x[1].ms);
  const total = rows.reduce((sum, [, seen]) => ({ count: sum.count + seen.count, ms: sum.ms + seen.ms, serverMs: sum.serverMs + seen.serverMs }), { count: 0, ms: 0, serverMs: 0 });
  console.log(`statements: ${total.count} (${(total.count / Math.max(stored, 1)).toFixed(1)} an article), ${(total.ms / 1000).toFixed(1)} s waited for, server CPU ${(total.serverMs / 1000).toFixed(2)} s (${(total.serverMs / Math.max(stored, 1)).toFixed(2)} ms an article)`);
  console.log(' count  waited  server CPU  statement');
  for (const [key, seen] of rows.slice(0, SHOWN)) console.log(`${String(seen.count).padStart(6)} ${(seen.ms / 1000).toFixed(2).padStart(6)} s ${(seen.serverMs / 1000).toFixed(3).padStart(7)} s  ${key}`);
} finally {
  await schema.drop();
  await rm(dir, { recursive: true, force: true });
}
