// Proof of the project's ROUGE: recomputes every DUC 2006 peer's jackknifed ROUGE-2 and ROUGE-SU4 recall
// from the summaries in ../shared/data/summarization/duc2006/rouge, pairing peers and models as rougejk.in
// does (settings: -n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d), and compares each system's
// average with the official rouge2.jk.m.avg / rougeSU4.jk.m.avg.
// Run: npm run bench:rouge   (node --import tsx bench/rouge-duc.ts)
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gramCounts, ROUGE_2, ROUGE_SU4, rougeTokens, scoreAgainst, type GramCounts, type RougeMetric } from '../src/rouge/index.ts';
import { DUC_ROUGE_ROOT, readOfficialAverages, readRougeEvaluations } from './lib/duc-rouge.ts';

/** The bar: every system within this of its official score. */
const TARGET_MAX_DIFFERENCE = 0.003;

async function main(): Promise<void> {
  if (!existsSync(join(DUC_ROUGE_ROOT, 'rougejk.in'))) {
    console.log(`skipped: DUC 2006 ROUGE data not found under ${DUC_ROUGE_ROOT}`);
    return;
  }
  const started = performance.now();
  const evaluations = await readRougeEvaluations();
  const tokenCache = new Map<string, string[]>();
  const tokensOf = async (path: string): Promise<string[]> => {
    let tokens = tokenCache.get(path);
    if (tokens === undefined) {
      tokens = rougeTokens(await readFile(path, 'utf8'), { stem: true });
      tokenCache.set(path, tokens);
    }
    return tokens;
  };
  const metrics: Array<[string, RougeMetric, string]> = [
    ['ROUGE-2', ROUGE_2, 'rouge2.jk.m.avg'],
    ['ROUGE-SU4', ROUGE_SU4, 'rougeSU4.jk.m.avg'],
  ];
  let allWithin = true;
  for (const [name, metric, officialFile] of metrics) {
    const official = await readOfficialAverages(officialFile);
    const perSystem = new Map<string, number[]>();
    const countsCache = new Map<string, GramCounts>();
    const countsOf = async (path: string): Promise<GramCounts> => {
      let counts = countsCache.get(path);
      if (counts === undefined) {
        counts = gramCounts(await tokensOf(path), metric);
        countsCache.set(path, counts);
      }
      return counts;
    };
    for (const evaluation of evaluations) {
      const models = await Promise.all(evaluation.models.map((file) => countsOf(join(DUC_ROUGE_ROOT, 'models', file))));
      for (const [peerId, file] of evaluation.peers) {
        const score = scoreAgainst(await countsOf(join(DUC_ROUGE_ROOT, 'peers', file)), models, 'A', 0.5);
        const scores = perSystem.get(peerId) ?? [];
        scores.push(score.recall);
        perSystem.set(peerId, scores);
      }
    }
    const rows: Array<{ system: string; ours: number; official: number; difference: number }> = [];
    for (const [system, scores] of perSystem) {
      const officialScore = official.get(system);
      if (officialScore === undefined) continue;
      const ours = scores.reduce((sum, value) => sum + value, 0) / scores.length;
      rows.push({ system, ours, official: officialScore, difference: Math.abs(ours - officialScore) });
    }
    rows.sort((a, b) => b.official - a.official);
    const maxRow = rows.reduce((worst, row) => (row.difference > worst.difference ? row : worst), rows[0]!);
    const meanDifference = rows.reduce((sum, row) => sum + row.difference, 0) / rows.length;
    const within = rows.filter((row) => row.difference <= TARGET_MAX_DIFFERENCE).length;
    if (within < rows.length) allWithin = false;
    console.log(`\n${name} recall, jackknifed, ${rows.length} systems (official: ${officialFile})`);
    console.log('system  ours     official  |diff|');
    for (const row of rows) console.log(`${row.system.padEnd(6)}  ${row.ours.toFixed(5)}  ${row.official.toFixed(5)}   ${row.difference.toFixed(5)}`);
    console.log(`${name}: max |diff| ${maxRow.difference.toFixed(5)} (system ${maxRow.system}), mean |diff| ${meanDifference.toFixed(5)}, ${within}/${rows.length} systems within ${TARGET_MAX_DIFFERENCE}`);
    for (const system of ['24', '1']) {
      const row = rows.find((candidate) => candidate.system === system);
      if (row !== undefined) console.log(`  system ${system}: ours ${row.ours.toFixed(5)} official ${row.official.toFixed(5)}`);
    }
  }
  console.log(`\n${allWithin ? 'all systems within target' : 'SOME SYSTEMS OUTSIDE TARGET'}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
