// The web pages at archive scale (issue 18): page weight (HTML, CSS, JS; raw and gzip) and server time of the
// story page on a 100k-article store, through a real server on a loopback port.
//
//   node --import tsx bench/web.ts [--articles 100000] [--db PATH] [--requests 200]
//
// The store is bench/serve.ts's synthetic archive (built by it when absent: about 8 minutes at 100k). It is
// copied to a private file, and since that generator writes no copy relations, the 20 largest stories get
// synthetic ones (a wire chain of versions and lifted passages, about one and a half relations an article) so
// their pages carry the copy graph, the relations table and the family lists at their largest. Kept story
// views are cleared on the copy, so the first request of each story makes its view (timed apart as "first
// view") and later ones read it (the "warm" figure, what a live server answers from).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { Engine, storyFamilies } from '../src/engine/index.ts';
import { storyPage } from '../src/web/pages/story.ts';
import type { Relation, RelationKind } from '../src/model.ts';
import { buildServer } from '../src/server/app.ts';
import { prng } from './lib/seeded.ts';

const ROOT = join(import.meta.dirname, '..');
const run = promisify(execFile);

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1]! : fallback;
}

const ARTICLES = Number(flag('articles', '100000'));
const SOURCE_DB = flag('db', join(tmpdir(), `newsfold-serve-bench-${ARTICLES}.db`));
const REQUESTS = Number(flag('requests', '200'));
/** Stories given synthetic copy relations: the largest, whose pages are the heaviest. */
const RELATED_STORIES = 20;
const STATIC_FILES = ['newsfold.css', 'newsfold.js'];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function ensureStore(): Promise<void> {
  if (existsSync(SOURCE_DB)) return;
  process.stderr.write(`building the ${ARTICLES}-article store with bench/serve.ts (it also runs its short load)...\n`);
  await run(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'serve.ts'), '--articles', String(ARTICLES), '--duration', '1', '--old-limit', '1', '--db', SOURCE_DB], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
}

/** Wire chains: each article a version of the one before (every fourth), or lifting passages from an earlier one. */
async function addCopyRelations(engine: Engine): Promise<{ stories: string[]; relations: number }> {
  const random = prng(18);
  const largest = (await engine.storyPage({ sort: 'size', limit: RELATED_STORIES })).stories.map((row) => row.id);
  let count = 0;
  await engine.store.transaction(async () => {
    for (const storyId of largest) {
      const ids = (await engine.story(storyId)).articles.map((article) => article.id);
      const relations: Relation[] = [];
      for (let i = 1; i < ids.length; i++) {
        const links = random() < 0.5 ? 2 : 1;
        for (let l = 0; l < links; l++) {
          const source = l === 0 ? i - 1 : Math.floor(random() * i);
          const kind: RelationKind = i % 4 === 0 && l === 0 ? 'version' : random() < 0.7 ? 'reuse' : 'rewrite';
          const score = Math.round((0.1 + random() * 0.8) * 100) / 100;
          relations.push({ a: ids[source]!, b: ids[i]!, kind, score, coverage: { a: score, b: score }, direction: { known: random() < 0.7, reason: 'wire dateline "VARBY (NF) —" on the source only' }, passages: [] });
        }
      }
      await engine.store.putRelations(relations);
      count += relations.length;
    }
  });
  return { stories: largest, relations: count };
}

async function main(): Promise<void> {
  await ensureStore();
  const db = join(tmpdir(), `newsfold-web-bench-${ARTICLES}-${process.pid}.db`);
  // A private copy: the relations added and the views cleared here never touch the serve benchmark's store.
  const source = new Database(SOURCE_DB, { readonly: true });
  await source.backup(db);
  source.close();
  const engine = Engine.openSqlite(db);
  const counts = await engine.counts();
  const added = await addCopyRelations(engine);
  // Every kept view goes, those made above while adding relations too: each story's first request makes its own.
  const clear = new Database(db);
  clear.exec('DELETE FROM story_views');
  clear.close();
  const server = await buildServer(engine);
  const base = await server.app.listen({ host: '127.0.0.1', port: 0 });

  const random = prng(1818);
  const sample: string[] = [];
  let cursor: string | undefined;
  const all: string[] = [];
  do {
    const page = await engine.storyPage(cursor === undefined ? { limit: 100, sort: 'size' } : { limit: 100, sort: 'size', cursor });
    all.push(...page.stories.map((row) => row.id));
    cursor = page.nextCursor;
  } while (cursor !== undefined && all.length < 20_000);
  for (let i = 0; i < REQUESTS; i++) sample.push(all[Math.floor(random() * all.length)]!);

  async function timed(path: string): Promise<{ ms: number; bytes: number; body: string }> {
    const started = performance.now();
    const response = await fetch(`${base}${path}`);
    const body = await response.text();
    const ms = performance.now() - started;
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    return { ms, bytes: Buffer.byteLength(body), body };
  }

  // The heaviest page: the largest story, with its synthetic copy graph.
  const heaviest = added.stories[0]!;
  const first = await timed(`/story/${heaviest}`);
  const warmHeaviest: number[] = [];
  for (let i = 0; i < 50; i++) warmHeaviest.push((await timed(`/story/${heaviest}`)).ms);
  warmHeaviest.sort((x, y) => x - y);

  const firstViews: number[] = [];
  const warm: number[] = [];
  const sizes: number[] = [];
  for (const id of sample) firstViews.push((await timed(`/story/${id}`)).ms);
  for (const id of sample) {
    const result = await timed(`/story/${id}`);
    warm.push(result.ms);
    sizes.push(result.bytes);
  }
  for (const list of [firstViews, warm, sizes]) list.sort((x, y) => x - y);
  // In process, the same work split: the engine's kept view (read and parsed) and the page's rendering.
  const engineMs: number[] = [];
  const renderMs: number[] = [];
  for (let i = 0; i < 30; i++) {
    const started = performance.now();
    const view = await engine.story(heaviest);
    const read = performance.now();
    storyPage(view, storyFamilies(view), 1);
    renderMs.push(performance.now() - read);
    engineMs.push(read - started);
  }
  engineMs.sort((x, y) => x - y);
  renderMs.sort((x, y) => x - y);
  const listPage: number[] = [];
  for (let i = 0; i < 50; i++) listPage.push((await timed('/')).ms);
  listPage.sort((x, y) => x - y);

  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const assets = STATIC_FILES.map((name) => {
    const body = readFileSync(join(ROOT, 'src', 'web', 'static', name));
    return { name, raw: body.length, gzip: gzipSync(body).length };
  });
  const heaviestView = await engine.story(heaviest);
  console.log(`store: ${counts.articles} articles, ${counts.stories} stories; synthetic copy relations: ${added.relations} in the ${added.stories.length} largest stories`);
  console.log(`heaviest story page: ${heaviestView.articles.length} articles, ${heaviestView.relations.length} relations`);
  console.log('');
  console.log('| page | HTML KB (gzip) | CSS KB (gzip) | JS KB (gzip) | total KB |');
  console.log('| --- | --- | --- | --- | --- |');
  const css = assets[0]!;
  const js = assets[1]!;
  const row = (name: string, bytes: number, body?: string) =>
    console.log(`| ${name} | ${kb(bytes)}${body === undefined ? '' : ` (${kb(gzipSync(body).length)})`} | ${kb(css.raw)} (${kb(css.gzip)}) | ${kb(js.raw)} (${kb(js.gzip)}) | ${kb(bytes + css.raw + js.raw)} |`);
  row(`largest story (${heaviestView.articles.length} articles, ${heaviestView.relations.length} relations)`, first.bytes, first.body);
  const sections = [...first.body.matchAll(/<section id="([a-z]+)"/g)].map((match, index, all) => ({ id: match[1]!, bytes: (all[index + 1]?.index ?? first.body.length) - match.index! }));
  console.log(`| (largest story by section, KB: ${sections.map((section) => `${section.id} ${kb(section.bytes)}`).join(', ')}) | | | | |`);
  row(`median story of ${REQUESTS} sampled`, percentile(sizes, 50));
  row(`p99 story of ${REQUESTS} sampled`, percentile(sizes, 99));
  console.log('');
  console.log('| request (sequential, loopback) | p50 ms | p99 ms | max ms |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| largest story, first view (makes and keeps its view) | ${first.ms.toFixed(1)} | | |`);
  console.log(`| largest story, warm (50 requests) | ${percentile(warmHeaviest, 50).toFixed(1)} | ${percentile(warmHeaviest, 99).toFixed(1)} | ${warmHeaviest.at(-1)!.toFixed(1)} |`);
  console.log(`| largest story in process: engine.story (kept view read) / page rendered (30 runs) | ${percentile(engineMs, 50).toFixed(1)} / ${percentile(renderMs, 50).toFixed(1)} | ${percentile(engineMs, 99).toFixed(1)} / ${percentile(renderMs, 99).toFixed(1)} | |`);
  console.log(`| ${REQUESTS} sampled stories, first view | ${percentile(firstViews, 50).toFixed(1)} | ${percentile(firstViews, 99).toFixed(1)} | ${firstViews.at(-1)!.toFixed(1)} |`);
  console.log(`| ${REQUESTS} sampled stories, warm | ${percentile(warm, 50).toFixed(1)} | ${percentile(warm, 99).toFixed(1)} | ${warm.at(-1)!.toFixed(1)} |`);
  console.log(`| story list / (50 requests) | ${percentile(listPage, 50).toFixed(1)} | ${percentile(listPage, 99).toFixed(1)} | ${listPage.at(-1)!.toFixed(1)} |`);

  await server.close();
  await engine.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
}

await main();
