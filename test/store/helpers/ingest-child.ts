// A separate `newsfold ingest` process with small batches, so concurrent writers interleave many transactions.
// It opens the store, prints "ready", and starts when a line arrives on standard input, so that processes
// started together really ingest together whatever their start-up times.
// Usage: node --import tsx ingest-child.ts DB BATCH_SIZE PATHS...
import { once } from 'node:events';
import { DEFAULT_ENGINE_SETTINGS, Engine } from '../../../src/engine/index.ts';

const [db, batchSize, ...paths] = process.argv.slice(2);
const engine = await Engine.open(db!, { ...DEFAULT_ENGINE_SETTINGS, batchSize: Number(batchSize) });
try {
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const report = await engine.ingest(paths);
  process.stdout.write(`${JSON.stringify({ stored: report.stored, problems: report.problems.length })}\n`);
} finally {
  await engine.close();
  process.stdin.destroy();
}
