// How far can the stories stage's vectors go? For each gold set of eval:stories, the same article vectors
// (batch IDF over the whole set, the stream's feature weights and cut) are scored as a whole, not as a stream:
//   - nearest neighbour: how often an article's most similar other article is in its gold story;
//   - clean links: BCubed F1 of the components formed by same-story pairs alone at a cosine threshold, so
//     precision is 1 and the loss is articles with no strong enough link to their story;
//   - single / average / complete-link agglomerative clustering, its best threshold chosen on the gold labels
//     (an oracle: an upper bound for any threshold rule on these similarities).
// Data absent: each set is skipped with a message.
// Run: npm run eval:story-ceilings   (node --import tsx bench/story-ceilings.ts)
import { agglomerate, cutAt, disjointSets, type Linkage } from './lib/hac.ts';
import { shuffled } from './lib/seeded.ts';
import { catchAllAsSingletons, DUC2006_ROOT, MMDS_DEV, MULTI_NEWS, readDuc, readMmdsDev, readMultiNews, readWikiref, WIKIREF, type GoldArticle } from './lib/story-corpora.ts';
import { frequenciesOf, goldOf, prepareAll, scoreClustering } from './lib/story-eval.ts';
import { STREAM_SEEDS } from './lib/story-streams.ts';
import { cosine, tfidfVector } from '../src/stories/vectors.ts';

/** Cosine thresholds for the clean-link components. */
const CLEAN_LINK_THRESHOLDS = [0.05, 0.1, 0.15, 0.2];
/** Oracle threshold sweep for the agglomerative cuts: 0.01 to 0.50 in steps of 0.01. */
const CUT_THRESHOLDS = Array.from({ length: 50 }, (_, step) => (step + 1) / 100);
const LINKAGES: readonly Linkage[] = ['single', 'average', 'complete'];

interface GoldSet {
  name: string;
  keys: string[];
  gold: string[];
  /** Which part of a mixed set an article's story comes from, for the nearest-neighbour breakdown. */
  part?: (gold: string) => string;
  similarity: Float64Array[];
  /** Articles the clean stage rejected, with their gold story: singletons in every clustering, as in eval:stories. */
  rejected: { key: string; gold: string }[];
}

function buildSet(name: string, articles: readonly GoldArticle[], relabel: (gold: Map<string, string>) => Map<string, string>, part?: GoldSet['part']): GoldSet {
  const prepared = prepareAll(articles);
  const goldByKey = relabel(goldOf(prepared.prepared, prepared.rejected));
  const keys = prepared.prepared.map((item) => item.key);
  const frequencies = frequenciesOf(prepared.prepared);
  const documentFrequency = new Map<string, number>();
  for (const key of keys) for (const term of frequencies.get(key)!.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  const vectors = keys.map((key) => tfidfVector(frequencies.get(key)!, keys.length, documentFrequency));
  const similarity = vectors.map((x, i) => Float64Array.from(vectors, (y, j) => (i === j ? 1 : cosine(x, y))));
  const rejected = prepared.rejected.map((item) => ({ key: item.key, gold: goldByKey.get(item.key)! }));
  return { name, keys, gold: keys.map((key) => goldByKey.get(key)!), part, similarity, rejected };
}

function bcubedF1(set: GoldSet, labels: readonly (number | string)[]): number {
  const system = new Map(set.keys.map((key, at) => [key, String(labels[at])]));
  const gold = new Map(set.keys.map((key, at) => [key, set.gold[at]!]));
  for (const item of set.rejected) {
    system.set(item.key, `rejected:${item.key}`);
    gold.set(item.key, item.gold);
  }
  return scoreClustering(system, gold).bcubed.f1;
}

function nearestNeighbourAgreement(set: GoldSet): Map<string, { same: number; articles: number }> {
  const storySize = new Map<string, number>();
  for (const label of set.gold) storySize.set(label, (storySize.get(label) ?? 0) + 1);
  const byPart = new Map<string, { same: number; articles: number }>();
  set.similarity.forEach((row, item) => {
    const label = set.gold[item]!;
    if (storySize.get(label)! < 2) return; // a singleton story has no right neighbour
    let nearest = -1;
    for (let other = 0; other < row.length; other++) if (other !== item && (nearest < 0 || row[other]! > row[nearest]!)) nearest = other;
    for (const part of set.part === undefined ? ['all'] : ['all', set.part(label)]) {
      const count = byPart.get(part) ?? { same: 0, articles: 0 };
      count.articles++;
      if (set.gold[nearest] === label) count.same++;
      byPart.set(part, count);
    }
  });
  return byPart;
}

function cleanLinkF1(set: GoldSet, threshold: number): number {
  const n = set.keys.length;
  const sets = disjointSets(n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (set.gold[i] === set.gold[j] && set.similarity[i]![j]! >= threshold) sets.join(i, j);
  return bcubedF1(set, sets.labels());
}

function report(set: GoldSet): void {
  const stories = new Set(set.gold).size;
  console.log(`\n## ${set.name}: ${set.keys.length} articles clustered, ${set.rejected.length} rejected by clean (singletons), ${stories} gold stories`);
  const agreement = [...nearestNeighbourAgreement(set)].map(([part, { same, articles }]) => `${part} ${(same / articles).toFixed(3)} (${same}/${articles})`);
  console.log(`nearest neighbour in the same story (stories of 2+): ${agreement.join('; ')}`);
  console.log(`clean links (same-story pairs only) at cosine ${CLEAN_LINK_THRESHOLDS.join(' / ')}: ${CLEAN_LINK_THRESHOLDS.map((threshold) => cleanLinkF1(set, threshold).toFixed(3)).join(' / ')}`);
  for (const linkage of LINKAGES) {
    const merges = agglomerate(set.similarity, linkage);
    let best = { f1: 0, threshold: 0 };
    for (const threshold of CUT_THRESHOLDS) {
      const f1 = bcubedF1(set, cutAt(set.keys.length, merges, threshold));
      if (f1 > best.f1) best = { f1, threshold };
    }
    console.log(`${linkage}-link, oracle threshold: BCubed F1 ${best.f1.toFixed(3)} at ${best.threshold.toFixed(2)}`);
  }
}

async function main(): Promise<void> {
  console.log('# Stories: batch ceilings of the article vectors');
  const mmds = await readMmdsDev();
  if (mmds === undefined) console.log(`skipped: MMDS2025 dev not found at ${MMDS_DEV}`);
  else report(buildSet('MMDS2025 dev (catch-all class as singletons)', shuffled(mmds, STREAM_SEEDS.mmds), catchAllAsSingletons));
  const wiki = await readWikiref();
  if (wiki === undefined) console.log(`skipped: WikiRef220 not found at ${WIKIREF}`);
  else report(buildSet('WikiRef220 (topics)', shuffled(wiki, STREAM_SEEDS.wikiref), (gold) => gold));
  const duc = await readDuc();
  const multi = await readMultiNews();
  if (duc === undefined || multi === undefined) {
    console.log(`skipped: mixed stream needs DUC 2006 (${DUC2006_ROOT}) and Multi-News (${MULTI_NEWS})`);
  } else {
    const ducStories = new Set(duc.map((article) => article.gold));
    const part = (gold: string) => (ducStories.has(gold) ? 'DUC 2006' : 'Multi-News');
    report(buildSet('Mixed DUC 2006 + Multi-News', shuffled([...duc, ...multi], STREAM_SEEDS.mixed), (gold) => gold, part));
  }
}

await main();
