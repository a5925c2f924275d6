// A precision sample never tuned on (issue 20, session 29): the Multi-News dev clusters (idx < 125) with each cluster's
// human summary, itself a newser.com article on the same event, as one more source. A disagreement with a side told
// only by the summary is one no session read while tuning. Written as a `--clusters` file for
// `npm run eval:disagreements -- --part file --clusters OUT --plants 0 --sample 500`.
// Run: node --import tsx bench/newser-clusters.ts OUT.jsonl
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUC2006_ROOT } from './lib/duc.ts';

const MULTI_NEWS_FILE = join(DUC2006_ROOT, '..', 'multi-news-val250', 'clusters.jsonl');
/** The dev part of eval:disagreements (MULTI_NEWS_DEV_BELOW there): the held-back clusters stay unread. */
const DEV_BELOW = 125;
const out = process.argv[2];
if (out === undefined) throw new Error('usage: newser-clusters.ts OUT.jsonl');
const lines: string[] = [];
for (const line of readFileSync(MULTI_NEWS_FILE, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const cluster = JSON.parse(line) as { idx: number; documents: string[]; summary: string };
  if (cluster.idx >= DEV_BELOW) continue;
  const documents = cluster.documents.filter((text) => text.trim() !== '').map((text, index) => ({ path: `multi-news/${cluster.idx}/${index}.txt`, text }));
  // The summary opens with a dash ("– There's a family of 12 ...").
  documents.push({ path: `newser/${cluster.idx}.txt`, text: cluster.summary.replace(/^–\s*/, '') });
  lines.push(JSON.stringify({ name: `newser ${cluster.idx}`, documents }));
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} clusters written to ${out}`);
