// The order-dependent stages alone (relations, stories, store: Engine.ingestPrepared), A against B in one process:
// each root prepares a JSON Lines corpus once with its own compiled code (not timed); each pass applies every
// prepared article into a fresh store (or a fresh copy of STORE) and times that with process.cpuUsage (the collector's
// threads included) and the engine's stage table. Roots alternate, the first swapped every round; bin's
// young-generation setting is applied, as the CLI runs. Prints one JSON line per pass and the medians.
// With --staged, as a queue's applier does: each root stages its prepared articles as payload text (its own
// stagedPayload, JSON) beforehand, and the timed pass reads them back (preparedFrom) and applies them in batches.
// CORPUS may be anything `ingest` reads (a directory of HTML pages).
//   node bench/apply-ab.mjs CORPUS.jsonl ROOT_A ROOT_B [--rounds 3] [--store STORE.db] [--staged]   (`npm run build` in each root)
import { setFlagsFromString } from 'node:v8';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

setFlagsFromString('--semi-space-growth-factor=1');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const staged = args.includes('--staged');
if (staged) args.splice(args.indexOf('--staged'), 1);
const rounds = Number(option('rounds', '3'));
const store = option('store', undefined);
const [corpus, ...roots] = args;
if (corpus === undefined || roots.length === 0) throw new Error('usage: apply-ab.mjs CORPUS.jsonl ROOT_A ROOT_B [--rounds 3] [--store STORE.db]');
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const modules = [];
for (const root of roots) {
  modules.push({
    root,
    engine: await import(`${root}/dist/src/engine/index.js`),
    ingest: await import(`${root}/dist/src/ingest/index.js`),
    pool: await import(`${root}/dist/src/engine/pool.js`),
    prepare: await import(`${root}/dist/src/engine/prepare.js`),
    queue: await import(`${root}/dist/src/engine/queue.js`),
  });
}
const results = new Map(roots.map((root) => [root, []]));
const prepared = new Map();
async function prepareAll(prepareItems, readInputs, sketch) {
  const all = [];
  for await (const item of prepareItems(readInputs([corpus]), sketch, 1)) all.push(item);
  return all;
}
for (let round = 0; round < rounds; round++) {
  const order = round % 2 === 0 ? modules : [...modules].reverse();
  for (const { root, engine: { Engine, emptyIngestReport, StageClock }, ingest: { readInputs }, pool: { prepareItems }, prepare: { stagedPayload }, queue: { preparedFrom } } of order) {
    const dir = mkdtempSync(join(tmpdir(), 'newsfold-apply-ab-'));
    const db = join(dir, 'store.db');
    if (store !== undefined) for (const suffix of ['', '-wal', '-shm']) if (existsSync(store + suffix)) copyFileSync(store + suffix, db + suffix);
    const engine = Engine.openSqlite(db);
    // Prepared once per root (applying reads the prepared articles and copies what it stamps).
    prepared.set(root, prepared.get(root) ?? (await prepareAll(prepareItems, readInputs, engine.settings.sketch)));
    const items = prepared.get(root);
    async function* replay() {
      for (const item of items) yield item;
    }
    // Staged as a queue worker stages them (not timed): payload text, in batches of the engine's size.
    const payloads = staged ? items.flatMap((item) => (item.kind === 'prepared' && item.prepared.ok ? [JSON.stringify(stagedPayload(item.prepared))] : [])) : [];
    const start = cpuMs();
    let report;
    if (staged) {
      const clock = new StageClock();
      report = emptyIngestReport(clock);
      for (let from = 0; from < payloads.length; from += engine.settings.batchSize) {
        await engine.applyBatch(payloads.slice(from, from + engine.settings.batchSize).map(preparedFrom), report, clock);
      }
    } else {
      report = await engine.ingestPrepared(replay(), { jobs: 1 });
    }
    await engine.close();
    const ms = Math.round(cpuMs() - start);
    rmSync(dir, { recursive: true, force: true });
    const { stories, store: storeMs, match } = report.stageMs;
    const line = { root, round, applyCpuMs: ms, perArticleMs: +(ms / report.stored).toFixed(3), stored: report.stored, stories: report.storiesCreated, relations: report.relations, stageMs: { match: Math.round(match), stories: Math.round(stories), store: Math.round(storeMs) } };
    results.get(root).push(ms);
    console.log(JSON.stringify(line));
  }
}
const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
for (const [root, values] of results) console.log(JSON.stringify({ root, applyCpuMs: values, median: median(values) }));
