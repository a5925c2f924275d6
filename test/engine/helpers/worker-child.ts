// A `newsfold worker --until-idle` with the engine's batch size given, so tests can make batches span jobs.
// Usage: node --import tsx worker-child.ts DB BATCH_SIZE
import { DEFAULT_ENGINE_SETTINGS } from '../../../src/engine/index.ts';
import { runWorker } from '../../../src/engine/queue.ts';

const [db, batchSize] = process.argv.slice(2);
const report = await runWorker(db!, { settings: { ...DEFAULT_ENGINE_SETTINGS, batchSize: Number(batchSize) }, untilIdle: true });
process.stdout.write(`${JSON.stringify({ prepared: report.prepared, applied: report.applied.stored })}\n`);
