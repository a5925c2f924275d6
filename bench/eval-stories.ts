// Story clustering against human story judgments: MMDS2025 dev, WikiRef220, and one shuffled stream mixing
// the 50 DUC 2006 topic clusters with the 250 Multi-News validation clusters (each cluster a gold story).
// Articles are cleaned and analysed once; the stories stage (StoryStream) then runs directly over them, and
// its assignment alone is timed. A sample is also run through the engine (SQLite store) to check that the
// engine path clusters the same way. Data absent: each set is skipped with a message.
// Run: npm run eval:stories   (node --import tsx bench/eval-stories.ts)
import { cpus } from 'node:os';
import { Engine } from '../src/engine/index.ts';
import type { IngestItem } from '../src/ingest/index.ts';
import { horizonTimes } from '../src/stories/assign.ts';
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from '../src/stories/stream.ts';
import { formatLanguagePairs, languagePairRecall } from './lib/language-pairs.ts';
import { shuffled } from './lib/seeded.ts';
import { catchAllAsSingletons, MMDS_CATCH_ALL_LABEL, MMDS_DEV, MULTI_NEWS, readDuc, readMmdsDev, readMultiNews, readWikiref, WIKIREF, DUC2006_ROOT, type GoldArticle } from './lib/story-corpora.ts';
import { f1OverOrders, frequenciesOf, goldOf, prepareAll, runStream, scoreClustering, type PrepareResult, type StreamScore } from './lib/story-eval.ts';
import { STREAM_SEEDS, mixedStreamLateness } from './lib/story-streams.ts';

/** A dormant horizon a year long, printed beside the default (30 days) on the dated mixed stream. */
const LONG_DORMANT_HORIZON_DAYS = 365;
/** Timed repetitions of the assignment pass; the median is quoted. */
const SPEED_RUNS = 5;
/**
 * Stream orders scored for the spread table: the table's own order and reshuffles of it. A single order can be
 * lucky or unlucky by about 0.02 on these small sets; thresholds tuned on one order should be read against this.
 */
const SPREAD_ORDERS = 10;
/** Fewer orders for the mixed stream: each of its passes costs about ten times a small set's. */
const MIXED_SPREAD_ORDERS = 5;

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const rows: string[] = [];

function row(name: string, score: StreamScore, note = ''): void {
  const { bcubed: b, pairwise: p } = score;
  const rate = score.assignMs > 0 ? integer.format(score.articles / (score.assignMs / 1000)) : '';
  rows.push(
    `| ${name} | ${integer.format(score.articles)} | ${score.stories} / ${score.goldStories} | ${b.precision.toFixed(3)} | ${b.recall.toFixed(3)} | **${b.f1.toFixed(3)}** | ${p.precision.toFixed(3)} | ${p.recall.toFixed(3)} | ${p.f1.toFixed(3)} | ${rate} | ${score.meanCandidates > 0 ? score.meanCandidates.toFixed(1) : ''} | ${note} |`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs a stream SPEED_RUNS times (the clustering is deterministic) and keeps the median assignment time. */
function evaluate(prepared: PrepareResult, settings: StreamSettings): { score: StreamScore; storyOf: Map<string, string> } {
  const frequencies = frequenciesOf(prepared.prepared);
  const runs = Array.from({ length: SPEED_RUNS }, () => runStream(prepared.prepared, prepared.rejected, frequencies, settings));
  const first = runs[0]!;
  return { score: { ...first.score, assignMs: median(runs.map((run) => run.score.assignMs)) }, storyOf: first.storyOf };
}

const spreadRows: string[] = [];

/**
 * BCubed F1 over `orders` stream orders (the table's, then reshuffles with seeds 1, 2, ...): mean, standard
 * deviation, range. `scoreOf` scores a run's stories (the gold may be relabelled, as for MMDS's catch-all class).
 */
function spread(name: string, prepared: PrepareResult, settings: StreamSettings, orders: number, scoreOf: (storyOf: ReadonlyMap<string, string>) => StreamScore): void {
  const f1s = f1OverOrders(prepared, frequenciesOf(prepared.prepared), settings, orders, scoreOf);
  const mean = f1s.reduce((sum, value) => sum + value, 0) / f1s.length;
  const sd = Math.sqrt(f1s.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, f1s.length - 1));
  spreadRows.push(`| ${name} | ${orders} | ${f1s[0]!.toFixed(3)} | **${mean.toFixed(3)}** | ${sd.toFixed(3)} | ${Math.min(...f1s).toFixed(3)} | ${Math.max(...f1s).toFixed(3)} |`);
}

function subset(storyOf: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>, keep: (key: string) => boolean): StreamScore {
  return scoreClustering(new Map([...storyOf].filter(([key]) => keep(key))), new Map([...gold].filter(([key]) => keep(key))));
}

async function* itemsOf(articles: readonly GoldArticle[]): AsyncGenerator<IngestItem> {
  for (const article of articles) yield { kind: 'article', raw: article.raw };
}

/**
 * The same articles through Engine.ingestItems (in-memory SQLite): does the engine path agree, and how does it
 * score against `gold`? It also uses copy relations, which the direct stream is not given.
 */
async function engineCheck(sample: readonly GoldArticle[], settings: StreamSettings, gold: ReadonlyMap<string, string>): Promise<string> {
  const prepared = prepareAll(sample);
  const direct = runStream(prepared.prepared, prepared.rejected, frequenciesOf(prepared.prepared), settings).storyOf;
  const engine = Engine.openSqlite(':memory:');
  try {
    await engine.ingestItems(itemsOf(sample));
    const viaEngine = new Map<string, string>();
    for (const item of prepared.prepared) {
      const storyId = await engine.store.storyOfArticle(item.article.id);
      viaEngine.set(item.key, (storyId === undefined ? undefined : (await engine.store.getStory(storyId))?.id) ?? `none:${item.key}`);
    }
    for (const item of prepared.rejected) viaEngine.set(item.key, `rejected:${item.key}`);
    const agreement = scoreClustering(viaEngine, direct);
    // Articles whose set of story-mates differs between the two paths.
    const mates = (labels: ReadonlyMap<string, string>) => {
      const groups = new Map<string, string[]>();
      for (const [key, label] of labels) groups.set(label, [...(groups.get(label) ?? []), key]);
      return new Map([...labels].map(([key, label]) => [key, groups.get(label)!.sort().join(',')]));
    };
    const engineMates = mates(viaEngine);
    const directMates = mates(direct);
    let differing = 0;
    for (const [key, value] of engineMates) if (directMates.get(key) !== value) differing++;
    return (
      `engine path vs direct stream on the ${sample.length} MMDS stream articles: ${differing} of ${engineMates.size} articles have different story-mates; ` +
      `BCubed of the engine's clustering against the direct one P ${agreement.bcubed.precision.toFixed(3)} R ${agreement.bcubed.recall.toFixed(3)} F1 ${agreement.bcubed.f1.toFixed(3)} ` +
      `(${new Set(viaEngine.values()).size} vs ${new Set(direct.values()).size} stories); against the gold (catch-all as singletons) the engine scores BCubed F1 ` +
      `${scoreClustering(viaEngine, gold).bcubed.f1.toFixed(3)} and the direct stream ${scoreClustering(direct, gold).bcubed.f1.toFixed(3)}`
    );
  } finally {
    await engine.close();
  }
}

async function main(): Promise<void> {
  const cpu = cpus();
  console.log(`# Stories: clustering against gold stories`);
  console.log(`machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}; node ${process.version}; ${new Date().toISOString().slice(0, 10)}`);
  const settings = DEFAULT_STREAM_SETTINGS;
  console.log(
    `settings: join score ${settings.joinMinScore}, window ${settings.windowMs / 86_400_000} d, decay ${settings.decayMs / 86_400_000} d, strong match ${settings.strongMinCosine} ` +
      `(dormant horizon ${settings.dormantHorizonMs / 86_400_000} d, ${settings.dormantMinSharedTerms} shared terms), merge cosine ${settings.mergeMinCosine}, ` +
      `query terms ${settings.queryTerms}; assignment speed = articles per CPU-second, median of ${SPEED_RUNS} passes (vector + candidates + decision + update; clean+text excluded)\n`,
  );
  const notes: string[] = [];

  const mmds = await readMmdsDev();
  if (mmds === undefined) {
    console.log(`skipped: MMDS2025 dev not found at ${MMDS_DEV}`);
  } else {
    const stream = shuffled(mmds, STREAM_SEEDS.mmds);
    const prepared = prepareAll(stream);
    const { score, storyOf } = evaluate(prepared, settings);
    row('MMDS2025 dev (gold as given)', score, `shuffle seed ${STREAM_SEEDS.mmds}`);
    const gold = goldOf(prepared.prepared, prepared.rejected);
    const relabelled = catchAllAsSingletons(gold);
    row('MMDS2025 dev (catch-all class as singletons)', scoreClustering(storyOf, relabelled), `${[...gold.values()].filter((label) => label === MMDS_CATCH_ALL_LABEL).length} articles of ${MMDS_CATCH_ALL_LABEL}`);
    spread('MMDS2025 dev (catch-all class as singletons)', prepared, settings, SPREAD_ORDERS, (stories) => scoreClustering(stories, relabelled));
    const chinese = new Set(prepared.prepared.filter((item) => item.article.language === 'zh').map((item) => item.key));
    const languages = new Map<string, number>();
    for (const item of prepared.prepared) languages.set(item.article.language, (languages.get(item.article.language) ?? 0) + 1);
    notes.push(`MMDS2025 dev languages detected: ${[...languages].sort((x, y) => y[1] - x[1]).map(([language, count]) => `${language} ${count}`).join(', ')}`);
    row('  MMDS2025 dev, Chinese articles only (catch-all as singletons)', subset(storyOf, relabelled, (key) => chinese.has(key)));
    const languageOf = new Map(prepared.prepared.map((item) => [item.key, item.article.language]));
    notes.push(`MMDS2025 dev same-event pairs put in one story, by the two articles' languages (catch-all class left out): ${formatLanguagePairs(languagePairRecall(storyOf, gold, languageOf, MMDS_CATCH_ALL_LABEL))}`);
    notes.push(await engineCheck(stream, settings, relabelled));
  }

  const wiki = await readWikiref();
  if (wiki === undefined) {
    console.log(`skipped: WikiRef220 not found at ${WIKIREF}`);
  } else {
    const prepared = prepareAll(shuffled(wiki, STREAM_SEEDS.wikiref));
    row('WikiRef220 (topics)', evaluate(prepared, settings).score, `shuffle seed ${STREAM_SEEDS.wikiref}`);
    const gold = goldOf(prepared.prepared, prepared.rejected);
    spread('WikiRef220 (topics)', prepared, settings, SPREAD_ORDERS, (stories) => scoreClustering(stories, gold));
  }

  const duc = await readDuc();
  const multi = await readMultiNews();
  if (duc === undefined || multi === undefined) {
    console.log(`skipped: mixed stream needs DUC 2006 (${DUC2006_ROOT}) and Multi-News (${MULTI_NEWS})`);
  } else {
    const prepared = prepareAll(shuffled([...duc, ...multi], STREAM_SEEDS.mixed));
    const lateness = mixedStreamLateness(prepared.prepared.map((item) => item.article));
    const gold = goldOf(prepared.prepared, prepared.rejected);
    const live: StreamSettings = { ...settings, latenessMs: lateness };
    const { score, storyOf } = evaluate(prepared, live);
    row('Mixed DUC 2006 + Multi-News (default window)', score, `seed ${STREAM_SEEDS.mixed}; lateness = DUC span`);
    row('  its DUC 2006 part', subset(storyOf, gold, (key) => !key.startsWith('mn-')));
    row('  its Multi-News part', subset(storyOf, gold, (key) => key.startsWith('mn-')));
    spread('Mixed DUC 2006 + Multi-News (default window)', prepared, live, MIXED_SPREAD_ORDERS, (stories) => scoreClustering(stories, gold));
    const yearHorizon: StreamSettings = { ...live, dormantHorizonMs: LONG_DORMANT_HORIZON_DAYS * 86_400_000 };
    const year = evaluate(prepared, yearHorizon);
    row(`Mixed, dormant horizon ${LONG_DORMANT_HORIZON_DAYS} d (strong matches only beyond the window)`, year.score, 'the long-running-story setting');
    row('  its DUC 2006 part', subset(year.storyOf, gold, (key) => !key.startsWith('mn-')));
    const topicHorizon: StreamSettings = { ...live, ...horizonTimes('topic') };
    const horizon = evaluate(prepared, topicHorizon);
    row('Mixed, topic horizon (`--stories topic`: no window, no decay)', horizon.score, 'DUC topics span years');
    row('  its DUC 2006 part', subset(horizon.storyOf, gold, (key) => !key.startsWith('mn-')));
    row('  its Multi-News part', subset(horizon.storyOf, gold, (key) => key.startsWith('mn-')));
    spread('Mixed, topic horizon', prepared, topicHorizon, MIXED_SPREAD_ORDERS, (stories) => scoreClustering(stories, gold));
    notes.push(`mixed stream: ${prepared.prepared.length} articles prepared, ${prepared.rejected.length} rejected by clean (scored as singletons); clean+text took ${integer.format(prepared.ms)} ms`);
  }

  console.log('| stream | articles | stories / gold | BCubed P | BCubed R | BCubed F1 | pairwise P | pairwise R | pairwise F1 | assignment articles per CPU-second | mean candidates | note |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const line of rows) console.log(line);
  console.log('');
  for (const note of notes) console.log(`- ${note}`);
  if (spreadRows.length > 0) {
    console.log('\nBCubed F1 over several stream orders (the table\'s order, then reshuffles with seeds 1, 2, ...):\n');
    console.log("| stream | orders | table's order | mean | sd | min | max |");
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const line of spreadRows) console.log(line);
  }
}

await main();
