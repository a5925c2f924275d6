// A precision sample no session had read (issue 20, session 31): WikiRef220's topics cut into small clusters, as
// JSON lines for `npm run eval:disagreements -- --part file --clusters OUT --plants 0 --sample 500`.
// `--part fresh` reads each WikiRef topic whole; its topics hold 10 or more undated articles, so the detector takes them
// for topics (TOPIC_MIN_UNDATED_ARTICLES) and compares nothing: no pair of them was ever reported or read. Here each
// topic's articles, in file-name order, are cut into consecutive clusters of at most CHUNK (a story a user might have
// of a few undated reports on one subject: the Paris attacks, MH370, ...). Topics of 2-CHUNK articles stay whole.
// `--stride N` (session 32, a second never-read sample): each topic's articles i, i+N, i+2N, ... (in file-name order) make
// one cluster (cut at CHUNK), so no two articles of a cluster were in one cluster of the consecutive cut (N >= CHUNK).
// `--chunk N` (session 34): clusters of at most N articles instead of CHUNK, so that a strided cut holds only pairs at
// distances no earlier cut had (stride 6 with chunk 3: distances 6 and 12).
// Run: node --import tsx bench/wikiref-clusters.ts OUT.jsonl [--stride N] [--chunk N]
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DUC2006_ROOT } from './lib/duc.ts';

const WIKIREF_DIR = join(DUC2006_ROOT, '..', '..', 'clustering', 'wikiref220');
/** Articles per cluster of the consecutive cut (session 31): under the detector's topic size (10), about a day's reports of
 * one event; a stride at least this never brings back one of its pairs. */
const CONSECUTIVE_CHUNK = 5;
const CHUNK = process.argv.includes('--chunk') ? Number(process.argv[process.argv.indexOf('--chunk') + 1]) : CONSECUTIVE_CHUNK;
if (!(CHUNK >= 2)) throw new Error('--chunk must be at least 2');
const out = process.argv[2];
if (out === undefined) throw new Error('usage: wikiref-clusters.ts OUT.jsonl [--stride N]');
const STRIDE = process.argv.includes('--stride') ? Number(process.argv[process.argv.indexOf('--stride') + 1]) : undefined;
if (STRIDE !== undefined && !(STRIDE >= CONSECUTIVE_CHUNK)) throw new Error(`--stride must be at least ${CONSECUTIVE_CHUNK}, so that no pair of the consecutive cut recurs`);
if (!existsSync(WIKIREF_DIR)) {
  console.log(`WikiRef220: ${WIKIREF_DIR} not found; nothing written`);
  process.exit(0);
}
const topics = new Map<string, string[]>();
for (const file of readdirSync(WIKIREF_DIR).filter((name) => name.endsWith('.txt')).sort()) {
  const topic = file.replace(/(?:\.\d+| \(\d+\))\.txt$/, '');
  topics.set(topic, [...(topics.get(topic) ?? []), file]);
}
const lines: string[] = [];
for (const [topic, all] of topics) {
  if (STRIDE !== undefined) {
    for (let rest = 0; rest < STRIDE; rest++) {
      const strided = all.filter((_, index) => index % STRIDE === rest);
      for (let from = 0; from + 1 < strided.length; from += CHUNK) {
        const chunk = strided.slice(from, from + CHUNK);
        if (chunk.length < 2) continue;
        lines.push(JSON.stringify({ name: `wikiref ${topic} s${rest + 1}${from === 0 ? '' : `-${from / CHUNK + 1}`}`, documents: chunk.map((file) => ({ path: `wikiref/${file}`, text: readFileSync(join(WIKIREF_DIR, file), 'utf8') })) }));
      }
    }
    continue;
  }
  const files = all;
  for (let from = 0; from + 1 < files.length; from += CHUNK) {
    const chunk = files.slice(from, from + CHUNK);
    if (chunk.length < 2) continue;
    lines.push(JSON.stringify({ name: `wikiref ${topic} ${from / CHUNK + 1}`, documents: chunk.map((file) => ({ path: `wikiref/${file}`, text: readFileSync(join(WIKIREF_DIR, file), 'utf8') })) }));
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} clusters of at most ${CHUNK} WikiRef220 articles${STRIDE === undefined ? '' : ` (stride ${STRIDE})`} written to ${out}`);
