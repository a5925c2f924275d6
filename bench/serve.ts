// The HTTP API under load at archive scale (issue 17). Builds a synthetic store of N articles (default
// 100,000), starts `newsfold serve` on it as a child process, loads it from this process with autocannon
// (16 connections) and reports p50/p99 latency and requests/s for /stories, /stories/{id}, /articles/{id} and
// /search, the server's peak RSS, and `newsfold stories` against the full listing as it was before the read
// side (every story's digest made afresh), measured in the same run.
//
//   node --import tsx bench/serve.ts [--articles 100000] [--duration 10] [--db PATH|postgres://URL] [--old-limit SECONDS] [--queries-only]
//
// The store: synthetic stories of pseudo-words with two-word names, sizes from a Pareto law (many single
// articles, a few of hundreds), spread over a year, from 300 outlets. Each article goes through the real clean
// and text stages (prepareArticle) and is written through the Store contract, with the story assignment given
// by the generator (story clustering and copy detection are not what this measures, and would take hours at
// 100k on this machine). A store already built at --db with the same size is reused.
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { Engine } from '../src/engine/index.ts';
import { prepareArticle } from '../src/engine/prepare.ts';
import { storiesJson } from '../src/engine/json.ts';
import { storyView } from '../src/engine/views.ts';
import type { Article } from '../src/model.ts';
import { isPostgresUrl, openStore } from '../src/store/open.ts';
import type { Store, StoryState } from '../src/store/store.ts';
import { TermVector } from '../src/stories/vectors.ts';
import { spawnServe } from '../test/server/harness.ts';
import { prng } from './lib/seeded.ts';

const ROOT = join(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'newsfold.js');
const run = promisify(execFile);

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const ARTICLES = Number(flag('articles', '100000'));
const DURATION_S = Number(flag('duration', '10'));
const DB = flag('db', join(tmpdir(), `newsfold-serve-bench-${ARTICLES}.db`));
const CONNECTIONS = 16;
/** Story ids whose views are made before the warm story-page run: the kept views a live server would hold. */
const WARM_STORIES = 3000;
/** Stories read once each, uncached, to time a first view. */
const COLD_STORIES = 200;
/** Time allowed to the old full listing before it is stopped (its figure is then a lower bound). */
const OLD_LISTING_LIMIT_S = Number(flag('old-limit', '300'));
const OUTLETS = 300;
const YEAR_MS = 365 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

// ---- the synthetic archive -------------------------------------------------------------------------------

const random = prng(17);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const SYLLABLES = ['ka', 'lo', 'mer', 'vin', 'tas', 'ro', 'dul', 'sen', 'pa', 'tri', 'gor', 'ba', 'lim', 'nu', 'fes', 'ca', 'do', 'rit', 'ves', 'ol'];
const word = (syllables: number) => Array.from({ length: syllables }, () => pick(SYLLABLES)).join('');
const COMMON = Array.from({ length: 4000 }, () => word(2 + Math.floor(random() * 2)));
const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

interface SyntheticStory {
  id: string;
  names: string[];
  words: string[];
  size: number;
  start: number;
}

function storySize(): number {
  // Pareto, alpha 1.3: mean about 3 articles, a long tail (capped at 400, a very big story).
  return Math.min(400, Math.floor(Math.pow(1 - random(), -1 / 1.3)));
}

function sentence(story: SyntheticStory): string {
  const length = 12 + Math.floor(random() * 10);
  const words: string[] = [];
  for (let i = 0; i < length; i++) {
    const roll = random();
    words.push(roll < 0.12 ? pick(story.names) : roll < 0.4 ? pick(story.words) : pick(COMMON));
  }
  return `${capital(words.join(' '))}.`;
}

function syntheticArticle(story: SyntheticStory, index: number, serial: number): { raw: Parameters<typeof prepareArticle>[0]; published: number } {
  const published = story.start + Math.floor(random() * 4 * DAY_MS);
  const paragraphs = Array.from({ length: 3 + Math.floor(random() * 3) }, () => Array.from({ length: 2 }, () => sentence(story)).join(' '));
  const title = `${pick(story.names)} ${Array.from({ length: 6 }, () => pick(random() < 0.5 ? story.words : COMMON)).join(' ')}`;
  return {
    published,
    raw: {
      origin: { path: 'bench.jsonl', line: serial, format: 'jsonl' },
      externalId: `${story.id}-${index}`,
      source: `outlet${Math.floor(random() * OUTLETS)}.example`,
      title,
      published: new Date(published).toISOString(),
      language: 'en',
      text: paragraphs.join('\n\n'),
    },
  };
}

async function buildStore(path: string, articles: number): Promise<{ stories: number; seconds: number }> {
  const started = performance.now();
  const store = await openStore(path);
  const empty = new Uint32Array(0);
  let serial = 0;
  let storyCount = 0;
  const now = Date.now();
  const yearStart = now - YEAR_MS;
  while (serial < articles) {
    const batch: { article: Article; state: StoryState; first: boolean }[] = [];
    while (batch.length < 2000 && serial < articles) {
      const names = Array.from({ length: 4 }, () => `${capital(word(2))} ${capital(word(3))}`);
      const story: SyntheticStory = { id: `s${(storyCount++).toString(16).padStart(11, '0')}`, names, words: Array.from({ length: 25 }, () => word(3)), size: storySize(), start: yearStart + Math.floor(random() * YEAR_MS) };
      const size = Math.min(story.size, articles - serial);
      const centroid: Record<string, number> = {};
      story.names.forEach((name, rank) => (centroid[`@${name.toLowerCase()}`] = 0.3 - rank * 0.05));
      for (const w of story.words.slice(0, 20)) centroid[w] = 0.1;
      let state: StoryState | undefined;
      for (let index = 0; index < size; index++) {
        const { raw, published } = syntheticArticle(story, index, ++serial);
        const prepared = prepareArticle(raw, now);
        if (!prepared.ok) throw new Error(`synthetic article refused: ${prepared.problem.message}`);
        const article = prepared.article;
        state = state === undefined
          ? { id: story.id, headline: article.title, headlineArticleId: article.id, firstTime: published, lastTime: published, timed: true, size: 1, centroid: TermVector.fromRecord(centroid), createdAt: now }
          : { ...state, firstTime: Math.min(state.firstTime, published), lastTime: Math.max(state.lastTime, published), size: state.size + 1 };
        batch.push({ article, state, first: index === 0 });
      }
    }
    await store.transaction(async () => {
      for (const { article, state, first } of batch) {
        await store.putArticle(article, { bandKeys: empty, fingerprints: empty, terms: TermVector.fromRecord({}) });
        await store.saveStoryState(state);
        await store.assignArticle({ articleId: article.id, storyId: state.id, reason: first ? 'new-story' : 'similarity', detail: 'synthetic', score: 1 });
      }
    });
    process.stderr.write(`\rbuilding the store: ${serial} / ${articles} articles, ${storyCount} stories`);
  }
  process.stderr.write('\n');
  await store.close();
  return { stories: storyCount, seconds: (performance.now() - started) / 1000 };
}

// ---- measuring -------------------------------------------------------------------------------------------

interface Load {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  errors: number;
  non2xx: number;
}

async function load(name: string, base: string, paths: readonly string[]): Promise<Load> {
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length]! }) }],
  });
  return { name, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, errors: result.errors, non2xx: result.non2xx };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timedCli(args: string[]): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  const { stdout } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, CI: '1' } });
  return { seconds: (performance.now() - started) / 1000, bytes: stdout.length };
}

/** The listing as it was before the read side: every live story's view made afresh, printed as JSON. */
async function oldListing(path: string): Promise<void> {
  const store = await openStore(path);
  const views = [];
  for (const story of await store.listStories()) views.push(await storyView(store, story));
  process.stdout.write(`${JSON.stringify(storiesJson(views)).length}\n`);
  await store.close();
}

async function timedOldListing(path: string): Promise<{ seconds: number; finished: boolean; peakMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'serve.ts'), '--old-listing', path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peakMb = 0;
  const sampler = setInterval(() => {
    try {
      peakMb = Math.max(peakMb, peakRssMb(child.pid!));
    } catch {
      // exited
    }
  }, 500);
  const limit = setTimeout(() => child.kill('SIGKILL'), OLD_LISTING_LIMIT_S * 1000);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
  clearInterval(sampler);
  clearTimeout(limit);
  return { seconds: (performance.now() - started) / 1000, finished: code === 0, peakMb };
}

async function startServer(path: string): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const { child, address, exited } = await spawnServe(path);
  return {
    base: address,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  if (process.argv.includes('--old-listing')) return oldListing(flag('old-listing', ''));
  // A postgres:// --db (a schema of its own, `?schema=name`) is reused when it holds articles.
  const reused = isPostgresUrl(DB) ? await holdsArticles(DB) : existsSync(DB);
  const built = reused ? undefined : await buildStore(DB, ARTICLES);
  const probe = await openStore(DB);
  const counts = await probe.counts();
  if (counts.articles !== ARTICLES) throw new Error(`${DB} holds ${counts.articles} articles, not ${ARTICLES}: remove it or pass --db`);
  const storyIds = (await probe.storyRows({ sort: 'recent', limit: counts.stories })).map((row) => row.id);
  const articleIds = await sampleArticleIds(probe, storyIds, 5000);
  await probe.close();
  console.log(`store: ${counts.articles} articles, ${counts.stories} stories${built === undefined ? ` (reused ${DB})` : `, built in ${built.seconds.toFixed(0)} s`}`);

  await timeQueriesInProcess(DB, storyIds);
  if (process.argv.includes('--queries-only')) return;

  const pickIds = (ids: readonly string[], count: number) => Array.from({ length: count }, () => ids[Math.floor(random() * ids.length)]!);
  const server = await startServer(DB);
  const results: Load[] = [];
  try {
    // First views, uncached: what a story page costs the first time after it changed.
    const coldMs: number[] = [];
    for (const id of pickIds(storyIds, COLD_STORIES)) {
      const started = performance.now();
      const response = await fetch(`${server.base}/stories/${id}`);
      await response.arrayBuffer();
      coldMs.push(performance.now() - started);
    }
    coldMs.sort((x, y) => x - y);
    const warm = pickIds(storyIds, WARM_STORIES);
    for (const id of warm) await (await fetch(`${server.base}/stories/${id}`)).arrayBuffer();

    const sampleRows = await (await fetch(`${server.base}/stories?limit=100&sort=size`)).json() as { stories: { id: string }[]; nextCursor: string };
    const deepCursor = sampleRows.nextCursor;
    results.push(await load('/stories (list pages)', server.base, [
      '/stories', '/stories?sort=size', '/stories?limit=100', `/stories?sort=size&cursor=${encodeURIComponent(deepCursor)}`,
      '/stories?source=outlet7.example', '/stories?min_articles=5', '/stories?since=2026-01-01&limit=50',
    ]));
    results.push(await load('/stories/{id} (kept views)', server.base, warm.map((id) => `/stories/${id}`)));
    results.push(await load('/articles/{id}', server.base, articleIds.map((id) => `/articles/${id}`)));
    results.push(await load('/search', server.base, Array.from({ length: 500 }, () => `/search?q=${encodeURIComponent(`${word(3)} ${pick(COMMON)}`)}`)));
    results.push(await load('/stories?q= (text filter)', server.base, Array.from({ length: 200 }, () => `/stories?q=${encodeURIComponent(word(3))}`)));
    const serverPeak = peakRssMb(server.pid);

    console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s each, server: \`newsfold serve\` (one process), load: autocannon in another\n`);
    console.log('| endpoint | p50 ms | p99 ms | requests/s | errors | non-2xx |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const r of results) console.log(`| ${r.name} | ${r.p50} | ${r.p99} | ${Math.round(r.rps)} | ${r.errors} | ${r.non2xx} |`);
    console.log(`\nfirst view of a story (uncached, sequential, ${COLD_STORIES} stories): p50 ${percentile(coldMs, 50).toFixed(1)} ms, p99 ${percentile(coldMs, 99).toFixed(1)} ms, max ${coldMs.at(-1)!.toFixed(1)} ms`);
    console.log(`server peak RSS: ${serverPeak.toFixed(0)} MB`);
  } finally {
    await server.stop();
  }

  const help = await timedCli(['--help']);
  const listing = await timedCli(['stories', '--db', DB]);
  const listingJson = await timedCli(['stories', '--db', DB, '--json']);
  const old = await timedOldListing(DB);
  console.log(`\n| listing at ${counts.articles} articles | wall s |`);
  console.log('| --- | ---: |');
  console.log(`| \`newsfold --help\` (process start, the floor of any command) | ${help.seconds.toFixed(2)} |`);
  console.log(`| \`newsfold stories\` (default: 20 compact rows) | ${listing.seconds.toFixed(2)} |`);
  console.log(`| \`newsfold stories --json\` (20 full stories, views kept from the runs above or made) | ${listingJson.seconds.toFixed(2)} |`);
  console.log(`| old full listing (every story's view made afresh, as \`stories --json\` did) | ${old.finished ? old.seconds.toFixed(1) : `> ${old.seconds.toFixed(0)} (stopped)`} (peak RSS ${old.peakMb.toFixed(0)} MB) |`);
  console.log(`\nratio old / new default listing: ${old.finished ? '' : '> '}${(old.seconds / listing.seconds).toFixed(0)}x`);
  console.log(`\nthe store is kept at ${DB} for the next run (delete it when done)`);
}

/** The read side's queries in this process, one at a time (no HTTP, no load): median of 5 after a warm-up. */
async function timeQueriesInProcess(path: string, storyIds: readonly string[]): Promise<void> {
  const engine = Engine.openSqlite(path);
  const deep = (await engine.storyPage({ sort: 'size', limit: 100 })).nextCursor!;
  const cases: [string, () => Promise<unknown>][] = [
    ['storyPage default (20 rows)', () => engine.storyPage({})],
    ['storyPage sort=size', () => engine.storyPage({ sort: 'size' })],
    ['storyPage limit=100', () => engine.storyPage({ limit: 100 })],
    ['storyPage after a cursor', () => engine.storyPage({ sort: 'size', cursor: deep })],
    ['storyPage source=outlet7.example', () => engine.storyPage({ source: 'outlet7.example' })],
    ['storyPage min_articles=5', () => engine.storyPage({ minArticles: 5 })],
    ['storyPage q=<a word in many articles>', () => engine.storyPage({ query: COMMON[0]! })],
    ['search <a story word> <a common word>', () => engine.search({ query: `${storyIds.length > 0 ? word(3) : 'x'} ${COMMON[1]!}` })],
    ['search <a word in many articles>', () => engine.search({ query: COMMON[2]! })],
    ['story view, kept (largest story)', async () => engine.story((await engine.storyPage({ sort: 'size', limit: 1 })).stories[0]!.id)],
  ];
  console.log('\n| read-side call, in process | median ms of 5 |');
  console.log('| --- | ---: |');
  for (const [name, call] of cases) {
    await call();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    times.sort((x, y) => x - y);
    console.log(`| ${name} | ${times[2]!.toFixed(1)} |`);
  }
  await engine.close();
}

/** Article ids of randomly chosen stories, through the Store contract. */
async function holdsArticles(db: string): Promise<boolean> {
  const store = await openStore(db);
  const { articles } = await store.counts();
  await store.close();
  return articles > 0;
}

async function sampleArticleIds(store: Store, storyIds: readonly string[], count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count && ids.length < count; i++) {
    const story = await store.getStory(storyIds[Math.floor(random() * storyIds.length)]!);
    if (story !== undefined) ids.push(story.articleIds[Math.floor(random() * story.articleIds.length)]!);
  }
  return ids;
}

await main();
