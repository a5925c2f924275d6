// The queue profiling benches' shared set-up: their flags, and the first N real pages of the extraction corpus
// (or any directory given) copied to a fresh directory the workers can be pointed at.
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
