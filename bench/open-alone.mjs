// Opening a store for ingest, alone: in a fresh process, what it costs to open the store and load every index an
// ingest needs before its first article can be processed, with the compiled code of ROOT (so /tmp/base and a
// branch are timed alike) on a fresh copy of STORE. Parts, CPU ms: the modules' import, the store's open (schema
// check, pragmas), the copy index (its stored snapshot's read, then the sketches stored after it replayed), the
// story candidate index (the window's stories with their index terms and centroids), and the scavenges and
// mark-compacts run meanwhile. No article is processed: this is the part of a 200-article ingest's extra that
// is opening, beside the extra itself (bench/stream.ts --modes open).
//   node bench/open-alone.mjs ROOT STORE.db|empty      (prints one JSON line)
import { setFlagsFromString } from 'node:v8';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';

// As bin/newsfold.js: the young generation kept at its first size, so scavenges count as in the CLI.
setFlagsFromString('--semi-space-growth-factor=1');
const [root, store] = process.argv.slice(2);
if (store === undefined) throw new Error('usage: open-alone.mjs ROOT STORE.db|empty');
const gc = { scavenges: 0, markCompacts: 0, ms: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = entry.detail?.kind ?? entry.kind;
    if (kind === 1) gc.scavenges++;
    else if (kind === 4) gc.markCompacts++;
    gc.ms += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const parts = {};
let at = cpuMs();
const gcAt = { scavenges: 0, markCompacts: 0 };
const lap = async (name) => {
  const now = cpuMs();
  parts[name] = Math.round(now - at);
  // The collections each part ran: the observer hears of them a turn later.
  await new Promise((resolve) => setImmediate(resolve));
  parts[`${name}GC`] = `${gc.scavenges - gcAt.scavenges}s/${gc.markCompacts - gcAt.markCompacts}mc`;
  Object.assign(gcAt, gc);
  at = cpuMs();
};
const { Engine } = await import(`${root}/dist/src/engine/index.js`);
await lap('import');
const dir = mkdtempSync(join(tmpdir(), 'newsfold-open-alone-'));
const db = join(dir, 'store.db');
if (store !== 'empty') for (const suffix of ['', '-wal', '-shm']) if (existsSync(store + suffix)) copyFileSync(store + suffix, db + suffix);
at = cpuMs();
const engine = Engine.openSqlite(db);
await lap('open');
// The copy index's two steps, timed by wrapping the store's own methods (compiled TypeScript keeps their names).
const sqlite = engine.store;
let replayMs = 0;
const replay = sqlite.addStoredSketches;
sqlite.addStoredSketches = function (...args) {
  const start = cpuMs();
  try {
    return replay.apply(this, args);
  } finally {
    replayMs += cpuMs() - start;
  }
};
const { articles } = await sqlite.copyIndexBytes();
await lap('copyIndex');
parts.copyIndexReplay = Math.round(replayMs);
await engine.store.transaction(async () => {
  const sequence = await engine.store.changeSequence();
  await engine.storyCandidates.catchUp(engine.store, sequence);
  // The load an ingest's first candidate search makes (private in TypeScript, reachable in the compiled code).
  await engine.storyCandidates.load(engine.store);
});
await lap('storyIndex');
const opening = Object.entries(parts).filter(([name]) => name !== 'import' && name !== 'copyIndexReplay' && !name.endsWith('GC')).reduce((sum, [, ms]) => sum + ms, 0);
await engine.close();
rmSync(dir, { recursive: true, force: true });
await new Promise((resolve) => setTimeout(resolve, 10));
console.log(JSON.stringify({ store, opening, ...parts, copyArticles: articles, storiesHeld: engine.storyCandidates.held, scavenges: gc.scavenges, markCompacts: gc.markCompacts, gcMs: Math.round(gc.ms), heapMB: Math.round(process.memoryUsage().heapUsed / 1e6), rssMB: Math.round(process.memoryUsage().rss / 1e6) }));
