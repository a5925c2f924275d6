// The precision samples of issue 20 (session 21's protocol) written as `--clusters` files for
// `npm run eval:disagreements -- --part file --clusters FILE --plants 0`, so they can be rebuilt rather than kept under /tmp:
// - msrp-{tune,held}.jsonl: each MSRP training pair as a cluster of two one-sentence articles; held = odd first id.
// - polnear-{u,t}-{tune,held}.jsonl: the 924 PolNeAR articles (train + dev) ingested through the CLI without dates
//   (u: event stories) and with their dates and `--stories topic` (t); every story of 2+ articles, in the order
//   `newsfold stories --all --json --min-articles 2` prints them; held = odd index in that order.
// Run: npm run build && node --import tsx bench/disagreement-samples.ts OUT_DIR
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POLNEAR_ROOT } from './lib/polnear.ts';

const MSRP_FILE = fileURLToPath(new URL('../../shared/data/reuse/msrp-train/msr_paraphrase_train.txt', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/newsfold.js', import.meta.url));
const out = process.argv[2];
if (out === undefined) throw new Error('usage: disagreement-samples.ts OUT_DIR');
mkdirSync(out, { recursive: true });

interface Document {
  path: string;
  text: string;
  published?: string;
}
const lines = (clusters: Array<{ name: string; documents: Document[] }>) => clusters.map((cluster) => JSON.stringify(cluster)).join('\n') + '\n';

if (existsSync(MSRP_FILE)) {
  const halves = { tune: [] as Array<{ name: string; documents: Document[] }>, held: [] as Array<{ name: string; documents: Document[] }> };
  for (const line of readFileSync(MSRP_FILE, 'utf8').split('\n').slice(1)) {
    const [, first, second, a, b] = line.split('\t');
    if (first === undefined || second === undefined || a === undefined || b === undefined) continue;
    halves[Number(first) % 2 === 1 ? 'held' : 'tune'].push({ name: `msrp ${first}-${second}`, documents: [{ path: `msrp/${first}`, text: a.trim() }, { path: `msrp/${second}`, text: b.trim() }] });
  }
  for (const [half, clusters] of Object.entries(halves)) writeFileSync(join(out, `msrp-${half}.jsonl`), lines(clusters));
  console.log(`msrp: ${halves.tune.length} tune, ${halves.held.length} held`);
} else console.log(`msrp: ${MSRP_FILE} not found; skipped`);

if (existsSync(POLNEAR_ROOT)) {
  const records: Array<{ url: string; title: string; text: string; published: string; source: string }> = [];
  for (const part of ['polnear-train', 'polnear-dev']) {
    const meta = readFileSync(join(POLNEAR_ROOT, part, 'metadata.tsv'), 'utf8').split('\n').slice(1);
    for (const row of meta) {
      const fields = row.split('\t');
      if (fields.length < 8) continue;
      const textPath = join(POLNEAR_ROOT, part, 'text', `${fields[1]}.txt`);
      if (!existsSync(textPath)) continue;
      records.push({ url: `https://${fields[4]}.example/${fields[1]}`, title: fields[7]!, text: readFileSync(textPath, 'utf8'), published: `${fields[5]}T12:00:00Z`, source: fields[4]! });
    }
  }
  for (const [tag, dated] of [['u', false], ['t', true]] as const) {
    const feed = join(out, `polnear-${tag}.jsonl`);
    writeFileSync(feed, records.map((record, index) => JSON.stringify({ id: `p${index}`, url: record.url, source: record.source, title: record.title, text: record.text, ...(dated ? { published: record.published } : {}) })).join('\n') + '\n');
    const db = join(out, `polnear-${tag}.db`);
    rmSync(db, { force: true });
    execFileSync('node', [BIN, 'ingest', feed, '--db', db, '--jobs', '1', ...(dated ? ['--stories', 'topic'] : [])], { stdio: 'ignore' });
    const printed = execFileSync('node', [BIN, 'stories', '--db', db, '--all', '--json', '--min-articles', '2'], { maxBuffer: 1 << 30 }).toString();
    const stories = parseStories(printed);
    const halves = { tune: [] as Array<{ name: string; documents: Document[] }>, held: [] as Array<{ name: string; documents: Document[] }> };
    stories.forEach((lineNumbers, index) => {
      const documents = lineNumbers.flatMap((line) => {
        const record = records[line - 1];
        return record === undefined ? [] : [{ path: record.url, text: `${record.title}\n\n${record.text}`, ...(dated ? { published: record.published } : {}) }];
      });
      if (documents.length >= 2) halves[index % 2 === 1 ? 'held' : 'tune'].push({ name: `${tag}${index}`, documents });
    });
    for (const [half, clusters] of Object.entries(halves)) writeFileSync(join(out, `polnear-${tag}-${half}.jsonl`), lines(clusters));
    console.log(`polnear ${tag}: ${stories.length} stories of 2+, ${halves.tune.length} tune, ${halves.held.length} held`);
  }
} else console.log(`polnear: ${POLNEAR_ROOT} not found; skipped`);

/** Each story's articles as 1-based lines of the feed, from the JSON the CLI prints (one document, or one per page). */
function parseStories(printed: string): number[][] {
  const found: number[][] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (Array.isArray(object.articles) && 'id' in object) {
        found.push((object.articles as Array<Record<string, unknown>>).map((article) => Number(article.line)));
        return;
      }
      Object.values(object).forEach(visit);
    }
  };
  for (const chunk of printed.split('\n').filter((line) => line.trim() !== '')) {
    try {
      visit(JSON.parse(chunk));
    } catch {
      visit(JSON.parse(printed));
      break;
    }
  }
  return found;
}
