// Opening a store for ingest, cold code against warm: the same ingest of fresh articles run twice in one process,
// each time into a fresh copy of the store (or a new empty one) through a fresh engine, with the compiled code of
// ROOT (so /tmp/base and a branch are timed alike). The first pass pays V8's start on cold code (interpreted until
// optimized) and the one-time loads every command pays; the second runs the same work on warm code. (first -
// second) on a large store against the same on an empty one says how much of the large store's extra is cold code.
//   node bench/open-twice.mjs ROOT STORE.db|empty FRESH.jsonl      (prints CPU ms of each pass as JSON)
// The young generation is kept at its first size as bin/newsfold.js keeps it, so scavenges count as in the CLI.
import { setFlagsFromString } from 'node:v8';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

setFlagsFromString('--semi-space-growth-factor=1');
const [root, store, fresh] = process.argv.slice(2);
if (fresh === undefined) throw new Error('usage: open-twice.mjs ROOT STORE.db|empty FRESH.jsonl');
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const { Engine } = await import(`${root}/dist/src/engine/index.js`);
const { readInputs } = await import(`${root}/dist/src/ingest/index.js`);
const items = [];
for await (const item of readInputs([fresh])) items.push(item);
async function* inputs() {
  for (const item of items) yield item;
}
const passes = [];
for (let pass = 0; pass < 2; pass++) {
  const dir = mkdtempSync(join(tmpdir(), 'newsfold-open-twice-'));
  const db = join(dir, 'store.db');
  if (store !== 'empty') for (const suffix of ['', '-wal', '-shm']) if (existsSync(store + suffix)) copyFileSync(store + suffix, db + suffix);
  const start = cpuMs();
  const engine = Engine.openSqlite(db);
  await engine.ingestItems(inputs(), { jobs: 1 });
  await engine.close();
  passes.push(Math.round(cpuMs() - start));
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ store, first: passes[0], second: passes[1] }));
