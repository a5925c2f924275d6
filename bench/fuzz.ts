// `npm run bench:fuzz [-- --runs N --seconds S --only jsonl,html]`: the property tests of test/hostile at
// volume. Each reader runs N fast-check runs (default 100,000) on arbitrary and format-shaped bytes, or as
// many as fit in S seconds (default 600) when the reader is slow (HTML readers extract every page); then
// extraction, cleaning and alignment. Prints runs, failures and runs per second for each.
import fc from 'fast-check';
import { alignmentProperty, cleaningProperty, extractionProperty, READER_FORMATS, readerProperty } from '../test/hostile/properties.ts';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const RUNS = Number(flag('runs', '100000'));
const SECONDS = Number(flag('seconds', '600'));
const ONLY = flag('only', '').split(',').filter((name) => name !== '');
/** Runs per fast-check call: the time budget is checked between calls. */
const CHUNK = 1000;

type Target = { name: string; property: () => fc.IAsyncProperty<[unknown]> | fc.IProperty<never> };
const targets: Target[] = [
  ...READER_FORMATS.map((format) => ({ name: `reader ${format}`, property: () => readerProperty(format, false) as never })),
  { name: 'extraction', property: () => extractionProperty as never },
  { name: 'cleaning', property: () => cleaningProperty as never },
  { name: 'alignment', property: () => alignmentProperty as never },
];

console.log(`fast-check ${RUNS} runs per target (at most ${SECONDS} s each), node ${process.version}`);
console.log('target            runs    failures  runs/s');
for (const target of targets) {
  if (ONLY.length > 0 && !ONLY.some((name) => target.name.endsWith(name))) continue;
  const start = performance.now();
  let runs = 0;
  let failures = 0;
  let seed = 1;
  while (runs < RUNS && performance.now() - start < SECONDS * 1000) {
    const numRuns = Math.min(CHUNK, RUNS - runs);
    const result = await fc.check(target.property() as never, { numRuns, seed: seed++, endOnFailure: true });
    runs += result.numRuns;
    if (result.failed) {
      failures++;
      console.log(`  ${target.name} FAILED (seed ${seed - 1}): ${String(result.errorInstance).slice(0, 300)}`);
      console.log(`  counterexample: ${JSON.stringify(result.counterexample).slice(0, 300)}`);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`${target.name.padEnd(16)} ${String(runs).padStart(7)} ${String(failures).padStart(9)}  ${(runs / seconds).toFixed(0).padStart(6)}`);
}
