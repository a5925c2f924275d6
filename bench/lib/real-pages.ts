// The queue profiling benches' shared set-up: their flags, and the first N real pages of the extraction corpus
// (or any directory given) copied to a fresh directory the workers can be pointed at.
import type pg from 'pg';
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REAL_PAGES = join(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'extraction', 'trafilatura-eval', 'html');

/** The value after `--name` on the command line, if given. */
export function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? undefined : process.argv[at + 1];
}

/**
 * The first `count` pages of `source` (sorted by name) copied into `<fresh dir>/pages`; undefined when `source`
 * holds none (absent corpus: the caller skips).
 */
export async function copyPages(source: string, count: number, prefix: string): Promise<{ dir: string; names: string[] } | undefined> {
  const names = (await readdir(source).catch(() => [] as string[])).sort().slice(0, count);
  if (names.length === 0) return undefined;
  const dir = await mkdtemp(join(tmpdir(), prefix));
  await mkdir(join(dir, 'pages'));
  await Promise.all(names.map((name) => copyFile(join(source, name), join(dir, 'pages', name))));
  return { dir, names };
}

/**
 * Every job of the queue in `schema` prepared by a worker that cannot apply: `holder` takes the applier's advisory
 * lock (`lockClass`, `lockKey`) first, the worker runs until no job is left unprepared, then the lock is given back.
 * The benches then time the applying alone. Returns the preparing worker's report.
 */
export async function prepareWithoutApplying<R>(options: {
  holder: pg.Client;
  schema: string;
  lockClass: number;
  lockKey: number;
  pollMs: number;
  runWorker: (signal: AbortSignal) => Promise<R>;
}): Promise<R> {
  const { holder, schema, lockClass, lockKey, pollMs } = options;
  await holder.query(`SELECT pg_advisory_lock(${lockClass}, ${lockKey})`);
  const preparing = new AbortController();
  const preparer = options.runWorker(preparing.signal);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const { rows } = await holder.query<{ left: string }>(`SELECT count(*) AS left FROM ${schema}.ingest_jobs WHERE prepared_at IS NULL`);
    if (Number(rows[0]!.left) === 0) break;
  }
  preparing.abort();
  const report = await preparer;
  await holder.query(`SELECT pg_advisory_unlock(${lockClass}, ${lockKey})`);
  return report;
}
