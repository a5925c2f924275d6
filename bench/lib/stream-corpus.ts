// The stream corpus that bench/stream.ts and bench/ingest-memory.ts both read: real DUC and Multi-News articles
// with planted copies (bench/copy-corpus.ts), dated at the stream rate, written once per size under /tmp.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadRealCorpus, writeCorpus } from '../copy-corpus.ts';

/** The stream rate: 150 articles a day, so a story window of 7 days holds about 1,000 articles. */
export const ARTICLES_PER_DAY = 150;
export const DAY_MS = 24 * 3600 * 1000;
export const CORPUS_SEED = 2026;

/** The JSON Lines file of a `size`-article stream, written on first use; undefined when the real corpora are absent. */
export async function streamCorpus(size: number, label: string): Promise<string | undefined> {
  const dir = `/tmp/newsfold-stream-${size}`;
  const file = join(dir, 'corpus.jsonl');
  if (existsSync(join(dir, 'truth.jsonl')) && existsSync(file)) return file;
  const real = await loadRealCorpus();
  if (real === undefined) return undefined;
  const started = performance.now();
  await writeCorpus(real, size, dir, CORPUS_SEED, false, DAY_MS / ARTICLES_PER_DAY);
  console.log(`${label}: wrote ${size} articles to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}
