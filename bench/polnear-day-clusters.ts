// A precision sample no session had read (issue 20, session 32): PolNeAR's articles (train + dev, 2016 US election
// news from 7 publishers) grouped by publication day, as JSON lines for
// `npm run eval:disagreements -- --part file --clusters OUT --plants 0 --sample 500`. Each day's articles (in the
// metadata's order) are cut into clusters of at most CHUNK, dated, and kept when two publishers are in one: the same
// day's reports from several outlets, as a stream gives them. bench/disagreement-samples.ts's clusters are the stories
// newsfold made of the same articles; a pair reported here that one of those stories also holds was read before, so
// compare against them (`--new-side` does not apply: every document is new here).
// Run: node --import tsx bench/polnear-day-clusters.ts OUT.jsonl
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { POLNEAR_ROOT } from './lib/polnear.ts';

/** Articles per cluster: a day's reports of one subject, under the detector's topic size (10). */
const CHUNK = 5;
const out = process.argv[2];
if (out === undefined) throw new Error('usage: polnear-day-clusters.ts OUT.jsonl');
if (!existsSync(POLNEAR_ROOT)) {
  console.log(`PolNeAR: ${POLNEAR_ROOT} not found; nothing written`);
  process.exit(0);
}
const days = new Map<string, Array<{ path: string; text: string; published: string; publisher: string }>>();
for (const part of ['polnear-train', 'polnear-dev']) {
  for (const row of readFileSync(join(POLNEAR_ROOT, part, 'metadata.tsv'), 'utf8').split('\n').slice(1)) {
    const fields = row.split('\t');
    if (fields.length < 8) continue;
    const textPath = join(POLNEAR_ROOT, part, 'text', `${fields[1]}.txt`);
    if (!existsSync(textPath)) continue;
    const day = fields[5]!;
    days.set(day, [...(days.get(day) ?? []), { path: `polnear/${fields[1]}`, text: readFileSync(textPath, 'utf8'), published: `${day}T12:00:00Z`, publisher: fields[4]! }]);
  }
}
const lines: string[] = [];
for (const [day, articles] of [...days].sort()) {
  for (let from = 0; from + 1 < articles.length; from += CHUNK) {
    const chunk = articles.slice(from, from + CHUNK);
    if (new Set(chunk.map((article) => article.publisher)).size < 2) continue;
    lines.push(JSON.stringify({ name: `polnear-day ${day}${from === 0 ? '' : ` ${from / CHUNK + 1}`}`, documents: chunk.map(({ path, text, published }) => ({ path, text, published })) }));
  }
}
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} clusters of at most ${CHUNK} PolNeAR articles of one day written to ${out}`);
