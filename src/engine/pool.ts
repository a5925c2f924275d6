// Prepares raw articles (clean, text, sketch, term frequencies: the stages that depend on no other article) on
// worker threads and hands them back in input order, so what follows (relations, stories, store) sees exactly
// the stream one thread would. The unit of work is prepareForIngest's plain payload, so any other scheduler (a
// queue of worker processes) can run the same function.
import { Worker } from 'node:worker_threads';
import type { IngestItem } from '../ingest/index.ts';
import type { SketchSettings } from '../match/candidates.ts';
import { NewsfoldError, type InputProblem } from '../errors.ts';
import type { RawArticle } from '../model.ts';
import { prepareForIngest, type PreparedForIngest } from './prepare.ts';

/** Articles sent ahead to each worker: enough to keep it busy while the main thread applies results, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 16;

/**
 * Articles prepared in this thread before worker threads are started: a small ingest (a few files, a test)
 * does not pay for starting workers and loading the text models in each (about 0.3 s of CPU a worker).
 */
export const INLINE_BEFORE_POOL = 64;

/** One input item after preparing: a reader's problem, or a prepared article (or its own problem). */
export type PreparedItem = { kind: 'problem'; problem: InputProblem } | { kind: 'prepared'; prepared: PreparedForIngest; path: string };

export interface PrepareTiming {
  /** Called with the milliseconds the consumer waited for the next prepared item. */
  onWait?: (ms: number) => void;
}

/** Prepares with `jobs` threads: the first INLINE_BEFORE_POOL items in this one, the rest on workers when jobs > 1. */
export async function* prepareItems(items: AsyncIterable<IngestItem>, sketch: SketchSettings, jobs: number, timing: PrepareTiming = {}): AsyncGenerator<PreparedItem> {
  if (jobs === 1) return yield* prepareInline(items, sketch);
  const iterator = items[Symbol.asyncIterator]();
  for (let article = 0; article < INLINE_BEFORE_POOL; ) {
    const next = await iterator.next();
    if (next.done === true) return;
    const item = next.value;
    if (item.kind === 'problem') {
      yield item;
      continue;
    }
    article++;
    yield { kind: 'prepared', prepared: prepareForIngest(item.raw, Date.now(), sketch), path: item.raw.origin.path };
  }
  yield* preparePooled({ [Symbol.asyncIterator]: () => iterator }, sketch, jobs, timing);
}

/** Prepares in this thread, one item at a time. */
export async function* prepareInline(items: AsyncIterable<IngestItem>, sketch: SketchSettings, now: () => number = Date.now): AsyncGenerator<PreparedItem> {
  for await (const item of items) {
    if (item.kind === 'problem') yield item;
    else yield { kind: 'prepared', prepared: prepareForIngest(item.raw, now(), sketch), path: item.raw.origin.path };
  }
}

/**
 * Young generation of a prepare worker, in MB. V8 gives each thread two 16 MB semi-spaces; a worker's garbage
 * is short-lived (tokens, shingles), and 8 MB in all, with the process's heap growth bound (cli/heap.ts), took
 * two workers preparing 3,000 stream articles from 80 to 44 MB of heap each (RSS 269 -> 198 MB) at the same
 * CPU; 4 MB promoted so much that the old generation grew instead.
 */
export const WORKER_YOUNG_GENERATION_MB = 8;

/**
 * A worker on the script beside this module: the compiled JavaScript, or under tsx (development, tests) a small
 * bootstrap that registers tsx's loader in the worker before importing the TypeScript source.
 */
function startWorker(sketch: SketchSettings): Worker {
  const here = import.meta.url;
  const options = { workerData: { sketch }, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } };
  if (!here.endsWith('.ts')) return new Worker(new URL('./prepare-worker.js', here), options);
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./prepare-worker.ts', here).href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

interface Pending {
  path: string;
  result: Promise<PreparedForIngest>;
}

/** Prepares on `jobs` worker threads; yields in input order. The workers end when the generator does. */
export async function* preparePooled(items: AsyncIterable<IngestItem>, sketch: SketchSettings, jobs: number, timing: PrepareTiming = {}): AsyncGenerator<PreparedItem> {
  const workers = Array.from({ length: jobs }, () => startWorker(sketch));
  const waiting = new Map<number, { resolve: (prepared: PreparedForIngest) => void; reject: (error: unknown) => void }>();
  let failure: unknown;
  let closing = false;
  for (const worker of workers) {
    worker.on('message', (message: { sequence: number; prepared: PreparedForIngest }) => {
      const entry = waiting.get(message.sequence);
      waiting.delete(message.sequence);
      entry?.resolve(message.prepared);
    });
    const fail = (error: unknown) => {
      failure ??= error;
      for (const entry of waiting.values()) entry.reject(failure);
      waiting.clear();
    };
    worker.on('error', fail);
    // A worker that stops without an error (killed, out of memory) would leave its articles waiting for ever.
    worker.on('exit', (code) => {
      if (!closing) fail(new NewsfoldError('E_WORKER', `a prepare worker stopped (exit code ${code})`));
    });
  }
  const queue: (Pending | { problem: InputProblem })[] = [];
  let sequence = 0;
  const send = (raw: RawArticle): Pending => {
    const id = sequence++;
    const result = new Promise<PreparedForIngest>((resolve, reject) => {
      if (failure !== undefined) return reject(failure);
      waiting.set(id, { resolve, reject });
    });
    // Handled here too: when the consumer stops early, results still queued are rejected and never awaited.
    result.catch(() => undefined);
    // Round robin: articles are alike in cost on average, and the order of results is restored by the queue.
    workers[id % jobs]!.postMessage({ sequence: id, raw, ingestedAt: Date.now() });
    return { path: raw.origin.path, result };
  };
  async function* drain(until: number): AsyncGenerator<PreparedItem> {
    while (queue.length > until) {
      const head = queue.shift()!;
      if ('problem' in head) {
        yield { kind: 'problem', problem: head.problem };
        continue;
      }
      const started = performance.now();
      const prepared = await head.result;
      timing.onWait?.(performance.now() - started);
      yield { kind: 'prepared', prepared, path: head.path };
    }
  }
  try {
    for await (const item of items) {
      queue.push(item.kind === 'problem' ? { problem: item.problem } : send(item.raw));
      yield* drain(jobs * IN_FLIGHT_PER_WORKER);
    }
    yield* drain(0);
  } finally {
    closing = true;
    for (const entry of waiting.values()) entry.reject(new Error('prepare pool closed'));
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
