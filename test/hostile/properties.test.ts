// Property tests (fast-check) with a modest number of runs; `npm run bench:fuzz` runs 100,000 per reader.
import { test } from 'node:test';
import fc from 'fast-check';
import { alignmentProperty, cleaningProperty, extractionProperty, READER_FORMATS, readerProperty, reingestProperty } from './properties.ts';

/** Runs per property in `npm test`: enough to meet each generator's branches, few enough for a slow machine. */
const RUNS = 100;

for (const format of READER_FORMATS) {
  test(`reader ${format}: arbitrary bytes never throw, articles prepare with spans inside their text`, async () => {
    await fc.assert(readerProperty(format), { numRuns: RUNS });
  });
}

test('extraction: arbitrary, deep, broken HTML never throws', () => fc.assert(extractionProperty, { numRuns: RUNS }));
test('cleaning: arbitrary text never throws and names every rule', () => fc.assert(cleaningProperty, { numRuns: RUNS }));
test('alignment: passages of a text and its edited copy stay inside both texts', () => fc.assert(alignmentProperty, { numRuns: RUNS }));
test('re-ingesting the same inputs stores nothing twice', async () => {
  await fc.assert(reingestProperty, { numRuns: 15 });
});
