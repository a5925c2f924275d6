// A bigger precision sample never tuned on (issue 20, session 30): real clusters with their human summaries as more
// sources, so that a disagreement with a side carried by a summary is a pair no session read while tuning.
// - the Multi-News held-back clusters (idx >= 125), each with its human summary (a newser.com article on the event);
//   bench/newser-clusters.ts made the dev range;
// - the 50 DUC 2006 clusters, each with its four human reference summaries (rouge/models, undated: they tell the
//   whole topic).
// Summaries' paths start with `summary/`; read it with
// `npm run eval:disagreements -- --part file --clusters OUT --plants 0 --sample 500 --new-side summary/`.
// Run: node --import tsx bench/summary-clusters.ts OUT.jsonl
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUC2006_ROOT, readDucClusters } from './lib/duc.ts';

const MULTI_NEWS_FILE = join(DUC2006_ROOT, '..', 'multi-news-val250', 'clusters.jsonl');
const DUC_MODELS = join(DUC2006_ROOT, 'rouge', 'models');
/** The held-back range of eval:disagreements (MULTI_NEWS_DEV_BELOW there); newser-clusters.ts made the dev range. */
const HELD_FROM = 125;
const out = process.argv[2];
if (out === undefined) throw new Error('usage: summary-clusters.ts OUT.jsonl');

interface Document {
  path: string;
  text: string;
  published?: string;
}
const lines: string[] = [];
if (existsSync(MULTI_NEWS_FILE)) {
  for (const line of readFileSync(MULTI_NEWS_FILE, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const cluster = JSON.parse(line) as { idx: number; documents: string[]; summary: string };
    if (cluster.idx < HELD_FROM) continue;
    const documents: Document[] = cluster.documents.filter((text) => text.trim() !== '').map((text, index) => ({ path: `multi-news/${cluster.idx}/${index}.txt`, text }));
    // The summary opens with a dash ("– There's a family of 12 ...").
    documents.push({ path: `summary/newser/${cluster.idx}.txt`, text: cluster.summary.replace(/^–\s*/, '') });
    lines.push(JSON.stringify({ name: `newser ${cluster.idx}`, documents }));
  }
} else console.log(`Multi-News: ${MULTI_NEWS_FILE} not found; skipped`);
if (existsSync(DUC_MODELS)) {
  const models = readdirSync(DUC_MODELS).sort();
  for (const cluster of await readDucClusters()) {
    const documents: Document[] = cluster.documents.map((document) => ({ path: document.raw.origin.path, text: document.raw.text, ...(document.raw.published === undefined ? {} : { published: document.raw.published }) }));
    // D0601A's summaries are D0601.M.250.A.<assessor>: one sentence a line.
    for (const model of models.filter((name) => name.startsWith(`${cluster.id.slice(0, 5)}.`))) documents.push({ path: `summary/duc/${model}`, text: readFileSync(join(DUC_MODELS, model), 'utf8').trim().split('\n').join(' ') });
    lines.push(JSON.stringify({ name: `duc-summaries ${cluster.id}`, documents }));
  }
} else console.log(`DUC 2006 summaries: ${DUC_MODELS} not found; skipped`);
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} clusters written to ${out}`);
