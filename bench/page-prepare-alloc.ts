// A queue worker's preparing of HTML pages, in one process: each of the first N real pages (trafilatura's
// evaluation set) read as the worker reads a job's file (readInputFile: decode, extract) and prepared
// (prepareForIngest), its staged payload serialised. One mode a run (fresh processes, alternate --root for A/B):
//   --allocation  bytes allocated an article (V8's sampling heap profiler, 1 KB interval, randomness suppressed,
//                 collected objects included), under the read (readPage) and the preparing, and the top functions
//   --scavenges   minor and major collections over the pages (no profiler), with the young generation kept at its
//                 first size as bin/newsfold.js keeps it
//   --digest      a SHA-256 of every page's extraction (text, method, metadata) and prepared article
//   (default)     CPU of the pages' loop, after one warm-up pass over the same pages
//   node --import tsx bench/page-prepare-alloc.ts [--pages 990] [--root DIR] [--allocation | --scavenges | --digest] [--top 30]
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import type * as Ingest from '../src/ingest/index.ts';
import type * as Prepare from '../src/engine/prepare.ts';
import type * as Candidates from '../src/match/candidates.ts';
import type * as Crosslingual from '../src/text/crosslingual.ts';
import { REAL_PAGES } from './lib/real-pages.ts';

setFlagsFromString('--semi-space-growth-factor=1');

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const root = resolve(option('--root') ?? join(import.meta.dirname, '..'));
const at = (path: string) => pathToFileURL(join(root, path)).href;
const { readInputFile } = (await import(at('src/ingest/index.ts'))) as typeof Ingest;
const { prepareForIngest, stagedPayload } = (await import(at('src/engine/prepare.ts'))) as typeof Prepare; // --root: a tree from session 29 on
const { DEFAULT_SKETCH_SETTINGS } = (await import(at('src/match/candidates.ts'))) as typeof Candidates;
const { chineseDictionary } = (await import(at('src/text/crosslingual.ts'))) as typeof Crosslingual;
const count = Number(option('--pages') ?? 990);
const top = Number(option('--top') ?? 30);
/** Bytes between allocation samples: small against the megabytes an article, so the estimate is close and repeats. */
const ALLOCATION_SAMPLE_BYTES = 1024;
/** A fixed ingest time, so that digests compare. */
const INGESTED_AT = 1_700_000_000_000;

const paths = readdirSync(REAL_PAGES).sort().slice(0, count).map((name) => join(REAL_PAGES, name));

type Seen = (path: string, item: Awaited<ReturnType<typeof collect>>[number]) => void;
async function collect(path: string) {
  const out: { extraction?: unknown; prepared?: unknown; problem?: unknown }[] = [];
  for await (const item of readInputFile({ path, explicit: true, reader: 'html' })) {
    if (item.kind === 'problem') {
      out.push({ problem: item.problem.code });
      continue;
    }
    const extraction = item.page === undefined ? undefined : { text: item.page.text, method: item.page.method, metadata: item.page.metadata, flattened: item.page.flattenedElements };
    const prepared = prepareForIngest(item.raw, INGESTED_AT, DEFAULT_SKETCH_SETTINGS);
    if (!prepared.ok) {
      out.push({ extraction, problem: prepared.problem.code });
      continue;
    }
    // What the worker stages (queue.ts prepareJob's payload), so its serialisation is counted too.
    const payload = JSON.stringify(stagedPayload(prepared));
    out.push({ extraction, prepared: payload.length });
  }
  return out;
}

async function runAll(seen?: Seen): Promise<void> {
  for (const path of paths) for (const item of await collect(path)) seen?.(path, item);
}

if (args.includes('--digest')) {
  const hash = createHash('sha256');
  let articles = 0;
  let problems = 0;
  await runAll((path, item) => {
    if (item.problem !== undefined) problems++;
    else articles++;
    const extraction = item.extraction as { metadata?: Record<string, unknown> } | undefined;
    // Metadata keys sorted, so only values (not the order they were set in) count.
    const metadata = extraction?.metadata === undefined ? undefined : Object.fromEntries(Object.entries(extraction.metadata).sort(([a], [b]) => (a < b ? -1 : 1)));
    hash.update(`${path.slice(REAL_PAGES.length + 1)}\n${JSON.stringify({ ...item, extraction: extraction === undefined ? undefined : { ...extraction, metadata } })}\n`);
  });
  console.log(`${root}: ${paths.length} pages, ${articles} articles, ${problems} problems, digest ${hash.digest('hex').slice(0, 16)}`);
  process.exit(0);
}

if (args.includes('--scavenges')) {
  let minor = 0;
  let major = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
      else if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) major++;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  await runAll();
  await new Promise((done) => setTimeout(done, 50));
  observer.disconnect();
  console.log(`${root}: ${paths.length} pages, ${minor} scavenges (${(minor / paths.length).toFixed(2)} a page), ${major} major collections`);
  process.exit(0);
}

if (args.includes('--allocation')) {
  // Loads wink, the model, the parsers and the Chinese dictionary (once a process, ~350 MB of allocation) outside the measure.
  await collect(paths[0]!);
  chineseDictionary();
  setFlagsFromString('--sampling-heap-profiler-suppress-randomness');
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', { samplingInterval: ALLOCATION_SAMPLE_BYTES, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  await runAll();
  const { profile } = await session.post('HeapProfiler.stopSampling');
  type Node = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: Node[] };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  const name = (frame: Node['callFrame']) => `${frame.functionName || '(anonymous)'} ${frame.url.replace(/.*\/(src|node_modules)\//, '$1/')}:${frame.lineNumber}`;
  const byCaller = new Map<string, number>();
  const walk = (node: Node, above: Set<string>, parent = '') => {
    const here = name(node.callFrame);
    total += node.selfSize;
    self.set(here, (self.get(here) ?? 0) + node.selfSize);
    // Built-ins (no script) are named with the function that called them.
    const withCaller = node.callFrame.url === '' ? `${here} <- ${parent}` : here;
    byCaller.set(withCaller, (byCaller.get(withCaller) ?? 0) + node.selfSize);
    const stack = new Set(above).add(here);
    for (const frame of stack) inclusive.set(frame, (inclusive.get(frame) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, stack, here);
  };
  walk(profile.head as Node, new Set());
  const kb = (bytes: number) => (bytes / paths.length / 1024).toFixed(1).padStart(8);
  const under = (prefix: string) => [...inclusive].filter(([frame]) => frame.startsWith(prefix)).reduce((sum, [, bytes]) => Math.max(sum, bytes), 0);
  console.log(`${root}: ${paths.length} pages, allocated ${kb(total)} KB an article; readPage ${kb(under('readPage '))}, extractPage ${kb(under('extractPage '))}, ` +
    `decodePage ${kb(under('decodePage '))}, prepareForIngest ${kb(under('prepareForIngest '))}`);
  const list = (map: Map<string, number>) => [...map].sort((x, y) => y[1] - x[1]).slice(0, top).map(([frame, bytes]) => `${kb(bytes)} KB ${frame}`).join('\n');
  console.log(`--- by function, self (KB an article)\n${list(self)}\n--- built-ins by caller, self\n${list(byCaller)}\n--- by function, inclusive\n${list(inclusive)}`);
  process.exit(0);
}

await runAll();
const before = process.cpuUsage();
await runAll();
const used = process.cpuUsage(before);
console.log(`${root}: ${paths.length} pages, ${((used.user + used.system) / 1000 / paths.length).toFixed(2)} CPU ms an article (second pass)`);
