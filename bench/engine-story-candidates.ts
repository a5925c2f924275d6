// The engine's story candidates from its inverted index against the store's time window (the path before it),
// in one process on the same DUC 2006 stream: stories-stage ms, candidates scored per arrival, stories made and
// BCubed, first with the corpus's dates and then with them stripped (undated articles: the window path scans
// every story). The window path is reproduced by handing decideStory the store's activeStories, as before.
// A third run takes the index path with a small vocabulary limit, so the vocabulary renews many times and the
// story index reloads from the store after each renewal: the cost of one reload, and the same clustering.
// Run: npm run bench:story-candidates   (node --import tsx bench/engine-story-candidates.ts)
import { existsSync } from 'node:fs';
import { DEFAULT_ENGINE_SETTINGS, Engine } from '../src/engine/index.ts';
import { horizonTimes } from '../src/stories/assign.ts';
import type { IngestItem } from '../src/ingest/index.ts';
import { bcubed, type BCubed } from './lib/bcubed.ts';
import { DUC2006_ROOT, goldClustersByDocno, ingestStream, readDucClusters, type DucCluster } from './lib/duc.ts';
import { shuffled } from './lib/seeded.ts';

/** The same shuffle as bench/ingest-duc.ts, so the timed stream is the one that benchmark ingests. */
const SHUFFLE_SEED = 2006;

type Path = 'window' | 'index' | 'renewing';

/** Vocabulary limit of the renewing run: the DUC stream brings tens of thousands of terms, so it renews often. */
const RENEWING_VOCABULARY_LIMIT = 2_000;

interface Outcome {
  storiesMs: number;
  renewals: number;
  scoredPerArrival: number;
  stories: number;
  score: BCubed;
  partition: string;
}

async function* withoutDates(items: AsyncIterable<IngestItem>): AsyncGenerator<IngestItem> {
  for await (const item of items) {
    if (item.kind !== 'article') {
      yield item;
      continue;
    }
    const { published: _dropped, ...raw } = item.raw;
    yield { ...item, raw };
  }
}

async function score(engine: Engine, clusters: readonly DucCluster[]): Promise<{ score: BCubed; partition: string }> {
  const gold = goldClustersByDocno(clusters);
  const system = new Map<string, Set<string>>();
  for (const docno of gold.keys()) {
    const ids = await engine.store.resolveArticle(docno);
    const storyId = ids.length === 1 ? await engine.store.storyOfArticle(ids[0]!) : undefined;
    const live = storyId === undefined ? undefined : (await engine.store.getStory(storyId))?.id;
    system.set(docno, new Set([live ?? `unstored:${docno}`]));
  }
  const groups = new Map<string, string[]>();
  for (const [docno, [story]] of [...system].map(([docno, stories]) => [docno, [...stories]] as const)) groups.set(story!, [...(groups.get(story!) ?? []), docno]);
  const partition = [...groups.values()].map((docnos) => docnos.sort().join(',')).sort().join('|');
  return { score: bcubed(system, gold), partition };
}

async function run(path: Path, clusters: readonly DucCluster[], dated: boolean): Promise<Outcome> {
  const documents = shuffled(clusters.flatMap((cluster) => cluster.documents), SHUFFLE_SEED);
  const engine = Engine.openSqlite(':memory:', path === 'renewing' ? { ...DEFAULT_ENGINE_SETTINGS, vocabularyLimit: RENEWING_VOCABULARY_LIMIT } : DEFAULT_ENGINE_SETTINGS);
  let windowScored = 0;
  if (path === 'window') {
    engine.storyCandidates.candidatesFor = async (store, article) => {
      const stories = await store.activeStories(article.time, article.timed ? horizonTimes(engine.settings.storyHorizon).windowMs : Number.POSITIVE_INFINITY);
      windowScored += stories.length;
      return stories;
    };
  }
  const report = await engine.ingestItems(dated ? ingestStream(documents) : withoutDates(ingestStream(documents)));
  const scored = path === 'window' ? windowScored : engine.storyCandidates.scored;
  const quality = await score(engine, clusters);
  await engine.close();
  return { storiesMs: report.stageMs.stories, renewals: report.vocabularyRenewals, scoredPerArrival: scored / report.stored, stories: report.storiesCreated - report.storiesMerged, ...quality };
}

const three = (value: number) => value.toFixed(3);

async function main(): Promise<void> {
  if (!existsSync(DUC2006_ROOT)) {
    console.log(`skipped: DUC 2006 not found at ${DUC2006_ROOT}`);
    return;
  }
  const clusters = await readDucClusters(DUC2006_ROOT);
  console.log('| stream | candidates from | stories ms | scored per arrival | stories | BCubed P | R | F1 |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const dated of [true, false]) {
    const outcomes = new Map<Path, Outcome>();
    for (const path of ['window', 'index', 'renewing'] as const) {
      const outcome = await run(path, clusters, dated);
      outcomes.set(path, outcome);
      const { precision, recall, f1 } = outcome.score;
      const source = path === 'window' ? "store's time window" : path === 'index' ? 'inverted index' : `inverted index, vocabulary renewed ${outcome.renewals} times`;
      console.log(`| ${dated ? 'dated' : 'dates stripped'} | ${source} | ${outcome.storiesMs.toFixed(0)} | ${outcome.scoredPerArrival.toFixed(2)} | ${outcome.stories} | ${three(precision)} | ${three(recall)} | ${three(f1)} |`);
    }
    const window = outcomes.get('window')!;
    const index = outcomes.get('index')!;
    const renewing = outcomes.get('renewing')!;
    console.log(`|  | ratio window/index: ${(window.storiesMs / index.storiesMs).toFixed(1)}x stories ms; same clustering: ${window.partition === index.partition ? 'yes' : 'no'} |  |  |  |  |  |  |`);
    const perReload = (renewing.storiesMs - index.storiesMs) / Math.max(1, renewing.renewals);
    console.log(`|  | renewing/index: ${(renewing.storiesMs / index.storiesMs).toFixed(2)}x stories ms, about ${perReload.toFixed(1)} ms per reload; same clustering: ${renewing.partition === index.partition ? 'yes' : 'no'} |  |  |  |  |  |  |`);
  }
}

await main();
