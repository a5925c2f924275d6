// Cost of story assignment per article as the archive grows: 10k, 100k and 1M synthetic articles streamed
// through StoryStream at one steady rate (articles per day), so the stories active at any moment stay about
// as many while the archive grows 100-fold. A flat cost says candidates come from the window, not the archive.
// Costs are CPU time (user + system) of this single-threaded process: per-core figures. Terms are interned
// when the synthetic articles are made (the text stage), as the eval harness does.
// Run: npm run bench:stories-scale   (node --import tsx bench/stories-scale.ts [sizes...])
//      node --expose-gc --import tsx bench/stories-scale.ts --interleaved [size]
// Interleaved, a reference stream that restarts every 10k articles and one long stream take turns block by
// block in one process, so both see the same load; their cost ratio at 10k, 100k and 1M is the growth with
// the archive, free of the minutes-long swings of a shared machine that separate runs suffer.
import { cpus } from 'node:os';
import { decideStory, storyIdFor } from '../src/stories/assign.ts';
import { DEFAULT_STREAM_SETTINGS, StoryStream, type StreamArticle } from '../src/stories/stream.ts';
import { DocumentFrequencies, internTerms, tfidfVectorOfInterned, type InternedTerms } from '../src/stories/vectors.ts';
import { pairwise } from './lib/pairwise.ts';
import { prng } from './lib/seeded.ts';

const DAY_MS = 24 * 3600 * 1000;
/** Timestamps advance by a day every 1,000 articles, so even the 10k run fills the story window (7 days plus a day of lateness) and every size is measured in steady state. */
const ARTICLES_PER_DAY = 1_000;
/** Mean articles per event (geometric): most events are small, a few run long. */
const MEAN_EVENT_SIZE = 8;
/** Mean event lifetime (exponential). */
const MEAN_EVENT_DAYS = 2;
/** Background vocabulary (Zipf-distributed) shared by all articles. */
const BACKGROUND_WORDS = 50_000;
const TOPICS = 300;
const TOPIC_WORDS = 40;
/** Names owned by one event: its people, places and organisations. */
const EVENT_NAMES = 8;
/** Distinct terms per article, split between event names, topic words and background words. */
const NAMES_PER_ARTICLE = 5;
const TOPIC_PER_ARTICLE = 8;
const BACKGROUND_PER_ARTICLE = 40;
/** Articles timed per block: per-article timers would cost as much as what they time. */
const BLOCK = 1_000;
/** How far (ms) an article's timestamp may fall behind the stream's clock: feeds deliver a little out of order. */
const JITTER_MS = 3 * 3600 * 1000;
const SEED = 4;
const DEFAULT_SIZES = [10_000, 100_000, 1_000_000];
/** The no-index baseline scores every story made so far; beyond this size it would take hours. */
const BASELINE_SIZE = 10_000;
/** Articles at the end of each run whose stories are scored against the synthetic events. */
const SCORED_TAIL = 10_000;

interface SyntheticEvent {
  id: number;
  topic: number;
  ends: number;
}

/** Articles of overlapping events, in time order with jitter, with their gold event. */
function* syntheticStream(count: number, seed: number): Generator<{ article: StreamArticle; event: number }> {
  const random = prng(seed);
  // Zipf(1) over the background vocabulary by inverse CDF on precomputed cumulative weights.
  const cumulative = new Float64Array(BACKGROUND_WORDS);
  let total = 0;
  for (let rank = 0; rank < BACKGROUND_WORDS; rank++) cumulative[rank] = total += 1 / (rank + 1);
  const zipf = () => {
    const target = random() * total;
    let low = 0;
    let high = BACKGROUND_WORDS - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle]! < target) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  let active: SyntheticEvent[] = [];
  let nextEvent = 0;
  const start = Date.UTC(2026, 0, 1);
  for (let index = 0; index < count; index++) {
    const clock = start + (index / ARTICLES_PER_DAY) * DAY_MS;
    if (index % 100 === 0) active = active.filter((event) => event.ends > clock);
    let event: SyntheticEvent;
    if (active.length === 0 || random() < 1 / MEAN_EVENT_SIZE) {
      event = { id: nextEvent++, topic: Math.floor(random() * TOPICS), ends: clock - Math.log(1 - random()) * MEAN_EVENT_DAYS * DAY_MS };
      active.push(event);
    } else {
      event = active[Math.floor(random() * active.length)]!;
    }
    const frequencies = new Map<string, number>();
    const add = (term: string, weight: number) => frequencies.set(term, (frequencies.get(term) ?? 0) + weight);
    for (let n = 0; n < NAMES_PER_ARTICLE; n++) add(`@e${event.id}n${Math.floor(random() * EVENT_NAMES)}`, 2);
    for (let n = 0; n < TOPIC_PER_ARTICLE; n++) add(`t${event.topic}w${Math.floor(random() * TOPIC_WORDS)}`, 1);
    for (let n = 0; n < BACKGROUND_PER_ARTICLE; n++) add(`b${zipf()}`, 1);
    const id = `a${index}`;
    yield { article: { id, title: id, frequencies, time: clock - random() * JITTER_MS, timed: true }, event: event.id };
  }
}

interface ScaleResult {
  size: number;
  /** Median over blocks of microseconds per article. */
  medianUs: number;
  /** Microseconds per article over the last 10% of the stream (the archive at its largest). */
  tailUs: number;
  articlesPerSecond: number;
  activeAtEnd: number;
  retired: number;
  meanCandidates: number;
  pairwiseF1: number;
  heapMb: number;
  /** Terms the stream's vocabulary holds at the end, and those it has forgotten. */
  vocabularyTerms: number;
  forgottenTerms: number;
}

/** CPU milliseconds (user + system) of this process since `start`: the per-core cost, less disturbed by other load than wall time. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** The article with its terms interned by the stream, as the text stage does before the clock starts. */
function internedIn(stream: StoryStream, article: StreamArticle): StreamArticle {
  return article.frequencies instanceof Map ? { ...article, frequencies: stream.intern(article.frequencies) } : article;
}

function runScale(size: number): ScaleResult {
  // Assignments are not kept by the stream (a store would record them); the harness keeps the last
  // SCORED_TAIL articles' stories to score, so its own memory does not grow with the archive either.
  const stream = new StoryStream({ ...DEFAULT_STREAM_SETTINGS, rememberAssignments: false });
  const blockUs: number[] = [];
  let block: { article: StreamArticle; event: number }[] = [];
  const tailStories: { story: string; event: number }[] = [];
  let candidates = 0;
  let totalMs = 0;
  let seen = 0;
  const flush = () => {
    const decisions: string[] = [];
    const started = process.cpuUsage();
    for (const { article } of block) {
      const decision = stream.add(article);
      candidates += decision.candidates;
      decisions.push(decision.assignment.storyId);
    }
    const elapsed = cpuMsSince(started);
    block.forEach(({ event }, index) => {
      if (seen++ >= size - SCORED_TAIL) tailStories.push({ story: decisions[index]!, event });
    });
    totalMs += elapsed;
    blockUs.push((elapsed * 1000) / block.length);
    block = [];
  };
  for (const item of syntheticStream(size, SEED)) {
    block.push({ article: internedIn(stream, item.article), event: item.event });
    if (block.length === BLOCK) flush();
  }
  if (block.length > 0) flush();
  const system = new Map(tailStories.map((entry, index) => [`${index}`, stream.liveStory(entry.story)]));
  const gold = new Map(tailStories.map((entry, index) => [`${index}`, `e${entry.event}`]));
  const tail = blockUs.slice(Math.floor(blockUs.length * 0.9));
  // Live memory, not garbage awaiting collection: collect first when node runs with --expose-gc.
  (globalThis as { gc?: () => void }).gc?.();
  return {
    size,
    medianUs: median(blockUs),
    tailUs: tail.reduce((sum, value) => sum + value, 0) / tail.length,
    articlesPerSecond: size / (totalMs / 1000),
    activeAtEnd: stream.activeStories,
    retired: stream.retired,
    meanCandidates: candidates / size,
    pairwiseF1: pairwise(system, gold).f1,
    heapMb: process.memoryUsage().heapUsed / (1024 * 1024),
    vocabularyTerms: stream.vocabulary.size,
    forgottenTerms: stream.forgotten,
  };
}

/** The old way, for scale: every story made so far is a candidate (no window, no index). */
function runBaseline(size: number): { medianUs: number; articlesPerSecond: number } {
  const states: Parameters<typeof decideStory>[2][number][] = [];
  const documentFrequency = new DocumentFrequencies();
  const blockUs: number[] = [];
  let totalMs = 0;
  let block: StreamArticle[] = [];
  const flush = () => {
    const started = process.cpuUsage();
    for (const article of block) {
      const terms = article.frequencies as InternedTerms;
      const vector = tfidfVectorOfInterned(terms, documentFrequency);
      documentFrequency.add(terms);
      const decision = decideStory({ id: article.id, title: article.title, vector, time: article.time, timed: true }, [], states, DEFAULT_STREAM_SETTINGS);
      if (decision.created) {
        states.push({ id: storyIdFor(article.id), headline: '', headlineArticleId: article.id, firstTime: article.time, lastTime: article.time, timed: true, size: 1, centroid: vector, createdAt: 0 });
      }
    }
    const elapsed = cpuMsSince(started);
    totalMs += elapsed;
    blockUs.push((elapsed * 1000) / block.length);
    block = [];
  };
  for (const { article } of syntheticStream(size, SEED)) {
    block.push({ ...article, frequencies: internTerms(article.frequencies as ReadonlyMap<string, number>) });
    if (block.length === BLOCK) flush();
  }
  if (block.length > 0) flush();
  return { medianUs: median(blockUs), articlesPerSecond: size / (totalMs / 1000) };
}

/** Articles the interleaved reference stream runs before it restarts: the "cost at 10k" of the target. */
const REFERENCE_SIZE = 10_000;

interface Checkpoint {
  articles: number;
  longUs: number;
  referenceUs: number;
  /** Median over the window's reference cycles of (long cost / reference cost) in that cycle. */
  ratio: number;
  cycles: number;
  longCandidates: number;
  referenceCandidates: number;
  liveStories: number;
}

/**
 * The long stream and a reference stream restarted every REFERENCE_SIZE articles (the same seeded articles each
 * time) take turns, a block each. At each checkpoint (10k, 100k, 1M), each reference cycle (10k articles) in the
 * second half of the run so far gives one ratio, the long stream's cost over those blocks to the reference's
 * cost beside them; the median of these ratios is quoted (a cycle disturbed by other load does not move it).
 */
function runInterleaved(size: number): Checkpoint[] {
  const fresh = () => new StoryStream({ ...DEFAULT_STREAM_SETTINGS, rememberAssignments: false });
  const long = fresh();
  const longArticles = syntheticStream(size, SEED);
  let reference = fresh();
  let referenceArticles = syntheticStream(REFERENCE_SIZE, SEED);
  const blocks: { longMs: number; referenceMs: number; longCandidates: number; referenceCandidates: number }[] = [];
  const timeBlock = (stream: StoryStream, next: () => StreamArticle | undefined): { ms: number; candidates: number } => {
    const articles: StreamArticle[] = [];
    for (let index = 0; index < BLOCK; index++) {
      const article = next();
      if (article === undefined) break;
      articles.push(internedIn(stream, article));
    }
    let candidates = 0;
    const started = process.cpuUsage();
    for (const article of articles) candidates += stream.add(article).candidates;
    return { ms: cpuMsSince(started), candidates };
  };
  // One reference cycle first, untimed, so that neither side pays for compiling the code in the comparison.
  for (const { article } of syntheticStream(REFERENCE_SIZE, SEED)) reference.add(article);
  reference = fresh();
  const checkpoints: Checkpoint[] = [];
  for (let done = 0; done < size; done += BLOCK) {
    const longBlock = timeBlock(long, () => longArticles.next().value?.article);
    const referenceBlock = timeBlock(reference, () => referenceArticles.next().value?.article);
    blocks.push({ longMs: longBlock.ms, referenceMs: referenceBlock.ms, longCandidates: longBlock.candidates, referenceCandidates: referenceBlock.candidates });
    if ((blocks.length * BLOCK) % REFERENCE_SIZE === 0) {
      reference = fresh();
      referenceArticles = syntheticStream(REFERENCE_SIZE, SEED);
    }
    const articles = blocks.length * BLOCK;
    if (DEFAULT_SIZES.includes(articles) || articles >= size) {
      const cycleBlocks = REFERENCE_SIZE / BLOCK;
      const cycles = Math.max(1, Math.floor(blocks.length / cycleBlocks / 2));
      const window = blocks.slice(-cycles * cycleBlocks);
      const sum = (pick: (block: (typeof blocks)[number]) => number, part = window) => part.reduce((total, block) => total + pick(block), 0);
      const windowArticles = window.length * BLOCK;
      const cycleRatios = Array.from({ length: cycles }, (_, cycle) => {
        const part = window.slice(cycle * cycleBlocks, (cycle + 1) * cycleBlocks);
        return sum((block) => block.longMs, part) / sum((block) => block.referenceMs, part);
      });
      checkpoints.push({
        articles,
        ratio: median(cycleRatios),
        cycles,
        longUs: (sum((block) => block.longMs) * 1000) / windowArticles,
        referenceUs: (sum((block) => block.referenceMs) * 1000) / windowArticles,
        longCandidates: sum((block) => block.longCandidates) / windowArticles,
        referenceCandidates: sum((block) => block.referenceCandidates) / windowArticles,
        liveStories: long.activeStories,
      });
      console.log(`done ${integer.format(articles)}`);
    }
  }
  return checkpoints;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function machineLine(): string {
  const cpu = cpus();
  return `machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}; node ${process.version}; one core (single thread); seed ${SEED}\n`;
}

if (process.argv[2] === '--interleaved') {
  const size = Number(process.argv[3] ?? 1_000_000);
  console.log(`# Stories at scale, interleaved: a ${integer.format(size)}-article stream beside a reference restarted every ${integer.format(REFERENCE_SIZE)}, a block of ${BLOCK} each in turn`);
  console.log(machineLine());
  const checkpoints = runInterleaved(size);
  console.log('\n| archive (articles) | long stream CPU µs/article (second half) | 10k reference CPU µs/article (beside it) | median ratio over reference cycles | cycles | mean candidates long / reference | live stories |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  for (const point of checkpoints) {
    console.log(
      `| ${integer.format(point.articles)} | ${point.longUs.toFixed(1)} | ${point.referenceUs.toFixed(1)} | ${point.ratio.toFixed(2)}× | ${point.cycles} | ${point.longCandidates.toFixed(1)} / ${point.referenceCandidates.toFixed(1)} | ${integer.format(point.liveStories)} |`,
    );
  }
  process.exit(0);
}
const sizes = process.argv.slice(2).map(Number).filter((size) => size > 0);
console.log(`# Stories at scale: synthetic stream, ${integer.format(ARTICLES_PER_DAY)} articles/day, mean event ${MEAN_EVENT_SIZE} articles over ${MEAN_EVENT_DAYS} days`);
console.log(machineLine());
const results = (sizes.length > 0 ? sizes : DEFAULT_SIZES).map((size) => {
  const result = runScale(size);
  console.log(`done ${integer.format(size)}: ${integer.format(result.articlesPerSecond)} articles per CPU-second`);
  return result;
});
const reference = results[0]!;
console.log('\n| articles | median CPU µs/article (blocks of 1,000) | CPU µs/article, last 10% | ratio to first size | articles per CPU-second | active stories at end | retired | mean candidates | pairwise F1 vs synthetic events (last 10k) | heap MB | vocabulary terms at end / forgotten |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const result of results) {
  console.log(
    `| ${integer.format(result.size)} | ${result.medianUs.toFixed(1)} | ${result.tailUs.toFixed(1)} | ${(result.medianUs / reference.medianUs).toFixed(2)}× | ${integer.format(result.articlesPerSecond)} | ${integer.format(result.activeAtEnd)} | ${integer.format(result.retired)} | ${result.meanCandidates.toFixed(1)} | ${result.pairwiseF1.toFixed(3)} | ${result.heapMb.toFixed(0)} | ${integer.format(result.vocabularyTerms)} / ${integer.format(result.forgottenTerms)} |`,
  );
}
if (process.env.SKIP_BASELINE !== undefined) process.exit(0);
const baseline = runBaseline(BASELINE_SIZE);
console.log(
  `\nbaseline, same run: every story so far scored (no window, no index), ${integer.format(BASELINE_SIZE)} articles: median ${baseline.medianUs.toFixed(1)} CPU µs/article, ${integer.format(baseline.articlesPerSecond)} articles per CPU-second ` +
    `(${(baseline.medianUs / reference.medianUs).toFixed(1)}× the indexed stream at ${integer.format(reference.size)})`,
);
