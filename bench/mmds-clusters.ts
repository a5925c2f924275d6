// A precision sample no session had read (issue 20, session 33): MMDS2025's gold events of TOPIC_SIZE articles or more
// cut into small clusters, as JSON lines for `npm run eval:disagreements -- --part file --clusters OUT --plants 0 --sample 500`.
// `--part fresh` reads each MMDS2025 event whole; an event of 10 or more undated articles is taken for a topic by the
// detector (TOPIC_MIN_UNDATED_ARTICLES), which then compares nothing, so no pair of it was ever reported or read. Here
// such an event's articles, in file order, are cut into consecutive clusters of at most CHUNK.
// Run: node --import tsx bench/mmds-clusters.ts OUT.jsonl
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUC2006_ROOT } from './lib/duc.ts';

const MMDS_FILE = join(DUC2006_ROOT, '..', '..', 'clustering', 'mmds2025-dev', 'dev.json');
/** Articles per cluster: under the detector's topic size (10), as bench/wikiref-clusters.ts. */
const CHUNK = 5;
/** Events this large are topics to the detector (TOPIC_MIN_UNDATED_ARTICLES): `--part fresh` compared none of their pairs. */
const TOPIC_SIZE = 10;
const out = process.argv[2];
if (out === undefined) throw new Error('usage: mmds-clusters.ts OUT.jsonl');
if (!existsSync(MMDS_FILE)) {
  console.log(`MMDS2025: ${MMDS_FILE} not found; nothing written`);
  process.exit(0);
}
const data = JSON.parse(readFileSync(MMDS_FILE, 'utf8')) as { articles: Array<{ ID: string; title: string; sentences: Array<{ content: string }> }>; clusters: number[] };
const events = new Map<number, Array<{ path: string; text: string }>>();
data.articles.forEach((article, index) => {
  const documents = events.get(data.clusters[index]!) ?? [];
  documents.push({ path: `mmds/${article.ID}.txt`, text: `${article.title}\n\n${article.sentences.map((sentence) => sentence.content).join(' ')}` });
  events.set(data.clusters[index]!, documents);
});
const lines: string[] = [];
for (const [event, documents] of events) {
  if (documents.length < TOPIC_SIZE) continue;
  for (let from = 0; from + 1 < documents.length; from += CHUNK) lines.push(JSON.stringify({ name: `mmds event ${event} c${from / CHUNK + 1}`, documents: documents.slice(from, from + CHUNK) }));
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} clusters of at most ${CHUNK} MMDS2025 articles (events of ${TOPIC_SIZE}+) written to ${out}`);
