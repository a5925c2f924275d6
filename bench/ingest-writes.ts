// In-process CPU of one batch of articles into a given store, without the process's start-up: for A/B rounds
// of the store's write path (run the same file from each checkout; copy the store fresh for every run).
//
// Run: node --import tsx bench/ingest-writes.ts STORE.db ARTICLES.jsonl
import { Engine, STAGE_NAMES } from '../src/engine/index.ts';
import { readInputs, type IngestItem } from '../src/ingest/index.ts';

async function* fromArray<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

async function main(): Promise<void> {
  const [db, file] = process.argv.slice(2);
  if (db === undefined || file === undefined) throw new Error('usage: ingest-writes.ts STORE.db ARTICLES.jsonl');
  const items: IngestItem[] = [];
  for await (const item of readInputs([file])) items.push(item);
  const engine = Engine.openSqlite(db);
  const start = process.cpuUsage();
  const report = await engine.ingestItems(fromArray(items), { jobs: 1 });
  const used = process.cpuUsage(start);
  await engine.close();
  const stages = STAGE_NAMES.filter((name) => report.stageMs[name] !== undefined).map((name) => `${name}=${(report.stageMs[name]! / 1000).toFixed(2)}`);
  console.log(`cpu ${((used.user + used.system) / 1e6).toFixed(3)} user ${(used.user / 1e6).toFixed(3)} system ${(used.system / 1e6).toFixed(3)} stored ${report.stored} wall-stages ${stages.join(' ')}`);
}

await main();
