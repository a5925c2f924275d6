// Sweeps the story-assignment settings over the development streams and prints BCubed / pairwise F1 for
// each, to choose the named constants in src/stories (their reasons quote these runs). Not a benchmark.
// Run: node --import tsx bench/tune-stories.ts
import { DEFAULT_STREAM_SETTINGS, type StreamSettings } from '../src/stories/stream.ts';
import { DEFAULT_FEATURE_WEIGHTS, type FeatureWeights } from '../src/stories/vectors.ts';
import { catchAllAsSingletons, MMDS_CATCH_ALL_LABEL, readDuc, readMmdsDev, readMultiNews, readWikiref, type GoldArticle } from './lib/story-corpora.ts';
import { f1OverOrders, frequenciesOf, goldOf, prepareAll, runStream, scoreClustering, type PrepareResult } from './lib/story-eval.ts';
import { formatLanguagePairs, languagePairRecall } from './lib/language-pairs.ts';
import { shuffled } from './lib/seeded.ts';
import { STREAM_SEEDS, mixedStreamLateness } from './lib/story-streams.ts';

const DAY = 24 * 3600 * 1000;

interface Stream {
  name: string;
  prepared: PrepareResult;
  lateness: number;
}

async function load(): Promise<Stream[]> {
  const streams: Stream[] = [];
  const mmds = await readMmdsDev();
  if (mmds !== undefined) streams.push({ name: 'mmds', prepared: prepareAll(shuffled(mmds, STREAM_SEEDS.mmds)), lateness: DEFAULT_STREAM_SETTINGS.latenessMs });
  const wiki = await readWikiref();
  if (wiki !== undefined) streams.push({ name: 'wikiref', prepared: prepareAll(shuffled(wiki, STREAM_SEEDS.wikiref)), lateness: DEFAULT_STREAM_SETTINGS.latenessMs });
  const duc = await readDuc();
  const multi = await readMultiNews();
  if (duc !== undefined && multi !== undefined) {
    const mixed: GoldArticle[] = shuffled([...duc, ...multi], STREAM_SEEDS.mixed);
    const prepared = prepareAll(mixed);
    streams.push({ name: 'mixed', prepared, lateness: mixedStreamLateness(prepared.prepared.map((item) => item.article)) });
  }
  return streams;
}

/** Vocabulary floor when forgetting is swept: a dev stream's vocabulary passes it within its first articles. */
const SWEPT_VOCABULARY_FLOOR = 1000;

/**
 * Settings that forget terms idle for `arrivals` arrivals. The default (100k) never fires on these streams (under
 * 2,000 articles), so a smaller value also lowers the floor to let the passes run at all.
 */
function forgetting(arrivals: number): Pick<StreamSettings, 'forgetAfterArrivals' | 'vocabularyFloor'> {
  const floor = arrivals === DEFAULT_STREAM_SETTINGS.forgetAfterArrivals ? DEFAULT_STREAM_SETTINGS.vocabularyFloor : SWEPT_VOCABULARY_FLOOR;
  return { forgetAfterArrivals: arrivals, vocabularyFloor: floor };
}

const streams = await load();

/**
 * Mean BCubed F1 of one setting over `orders` stream orders (the fixed one, then reshuffles with seeds 1, 2, ...),
 * MMDS scored with its catch-all class as singletons: the figure to choose by, since one order can be lucky by 0.02.
 */
function meanOverOrders(stream: Stream, frequencies: ReadonlyMap<string, ReadonlyMap<string, number>>, settings: StreamSettings, orders: number): number {
  const gold = goldOf(stream.prepared.prepared, stream.prepared.rejected);
  const scored = stream.name === 'mmds' ? catchAllAsSingletons(gold) : gold;
  const f1s = f1OverOrders(stream.prepared, frequencies, settings, orders, (storyOf) => scoreClustering(storyOf, scored));
  return f1s.reduce((sum, f1) => sum + f1, 0) / orders;
}
const grid = JSON.parse(process.argv[2] ?? '{}') as { join?: number[]; entity?: number[]; title?: number[]; name?: number[]; window?: number[]; decay?: number[]; merge?: number[]; members?: number[]; discount?: number[]; strong?: number[]; horizon?: number[]; shared?: number[]; number?: number[]; gloss?: number[]; glossed?: number[]; index?: number[]; query?: number[]; forget?: number[]; scored?: number[]; orders?: number };
for (const title of grid.title ?? [DEFAULT_FEATURE_WEIGHTS.title]) {
  for (const name of grid.name ?? [DEFAULT_FEATURE_WEIGHTS.name]) {
    for (const entity of grid.entity ?? [DEFAULT_FEATURE_WEIGHTS.entity]) for (const number of grid.number ?? [DEFAULT_FEATURE_WEIGHTS.number]) for (const gloss of grid.gloss ?? [DEFAULT_FEATURE_WEIGHTS.gloss]) for (const glossedWord of grid.glossed ?? [DEFAULT_FEATURE_WEIGHTS.glossedWord]) {
      const weights: FeatureWeights = { title, name, entity, number, gloss, glossedWord };
      const frequencies = streams.map((stream) => frequenciesOf(stream.prepared.prepared, weights));
      for (const windowDays of grid.window ?? [DEFAULT_STREAM_SETTINGS.windowMs / DAY]) {
        for (const decayDays of grid.decay ?? [DEFAULT_STREAM_SETTINGS.decayMs / DAY]) {
          for (const join of grid.join ?? [DEFAULT_STREAM_SETTINGS.joinMinScore]) for (const merge of grid.merge ?? [DEFAULT_STREAM_SETTINGS.mergeMinCosine]) for (const members of grid.members ?? [DEFAULT_STREAM_SETTINGS.memberVectors]) for (const discount of grid.discount ?? [DEFAULT_STREAM_SETTINGS.memberDiscount]) for (const strong of grid.strong ?? [DEFAULT_STREAM_SETTINGS.strongMinCosine]) for (const horizonDays of grid.horizon ?? [DEFAULT_STREAM_SETTINGS.dormantHorizonMs / DAY]) for (const sharedTerms of grid.shared ?? [DEFAULT_STREAM_SETTINGS.dormantMinSharedTerms]) for (const indexTerms of grid.index ?? [DEFAULT_STREAM_SETTINGS.indexTerms]) for (const queryTerms of grid.query ?? [DEFAULT_STREAM_SETTINGS.queryTerms]) for (const forget of grid.forget ?? [DEFAULT_STREAM_SETTINGS.forgetAfterArrivals]) for (const scored of grid.scored ?? [DEFAULT_STREAM_SETTINGS.scoredCandidates]) {
            const settingsFor = (stream: Stream): StreamSettings => ({ ...DEFAULT_STREAM_SETTINGS, joinMinScore: join, windowMs: windowDays * DAY, decayMs: decayDays * DAY, mergeMinCosine: merge, memberVectors: members, memberDiscount: discount, strongMinCosine: strong, dormantHorizonMs: horizonDays * DAY, dormantMinSharedTerms: sharedTerms, latenessMs: stream.lateness, indexTerms, queryTerms, scoredCandidates: scored, ...forgetting(forget) });
            const cells = streams.map((stream, index) => {
              const settings = settingsFor(stream);
              const { score, storyOf } = runStream(stream.prepared.prepared, stream.prepared.rejected, frequencies[index]!, settings);
              const gold = goldOf(stream.prepared.prepared, stream.prepared.rejected);
              const part = (keep: (key: string) => boolean) => {
                const sub = scoreClustering(new Map([...storyOf].filter(([key]) => keep(key))), new Map([...gold].filter(([key]) => keep(key))));
                return `${sub.bcubed.precision.toFixed(3)}/${sub.bcubed.recall.toFixed(3)}/${sub.bcubed.f1.toFixed(3)}`;
              };
              const extra = stream.name === 'mixed' ? ` [duc ${part((key) => !key.startsWith('mn-'))} mn ${part((key) => key.startsWith('mn-'))}]` : stream.name === 'mmds' ? ` [noise-singletons ${(() => {
                const relabelled = catchAllAsSingletons(gold);
                const sub = scoreClustering(storyOf, relabelled);
                const languages = new Map(stream.prepared.prepared.map((item) => [item.key, item.article.language]));
                return `${sub.bcubed.precision.toFixed(3)}/${sub.bcubed.recall.toFixed(3)}/${sub.bcubed.f1.toFixed(3)} pw ${sub.pairwise.f1.toFixed(3)}; pairs together ${formatLanguagePairs(languagePairRecall(storyOf, gold, languages, MMDS_CATCH_ALL_LABEL))}`;
              })()}]` : '';
              return `${stream.name}${extra} B ${score.bcubed.precision.toFixed(3)}/${score.bcubed.recall.toFixed(3)}/${score.bcubed.f1.toFixed(3)} pw ${score.pairwise.f1.toFixed(3)} n${score.stories}`;
            });
            const orders = grid.orders ?? 1;
            if (orders > 1) {
              const means = streams.map((stream, index) => `${stream.name} ${meanOverOrders(stream, frequencies[index]!, settingsFor(stream), orders).toFixed(3)}`);
              cells.push(`mean F1 over ${orders} orders: ${means.join(' ')}`);
            }
            console.log(`t${title} n${name} e${entity} #${number} g${gloss}/${glossedWord} w${windowDays} d${decayDays} j${join} m${merge} k${members} x${discount} s${strong} h${horizonDays} q${sharedTerms} i${indexTerms} Q${queryTerms} f${forget} c${scored} | ${cells.join(' | ')}`);
          }
        }
      }
    }
  }
}
