// The per-article code (line rules, boilerplate, sentences, text, vectors, alignment) must not make closures per
// call: V8 holds a closure's optimised code only while some closure of it is alive, so a comparator or callback made afresh each call loses its code at
// every full collection and is optimised again (session 29: hundreds of such compiles an ingest). A child
// process runs that code through several full collections and counts TurboFan compiles per source function.
// The page parser's tree code is not covered: under forced collections its optimised code is dropped anyway
// (V8's "weak objects" deoptimisations), closures or not; its tokeniser's warm-up is tested in recompiles-pages.test.ts.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { compilesByFunction } from './compiles.ts';

/** Full collections the child forces between rounds of work: a closure made per call is compiled about once each. */
const ROUNDS = 10;
/**
 * Compiles allowed for one function over the run: the first, and a couple more after a deoptimisation on input
 * it had not met before optimisation (rare words, a tie at the cut), one more when a loaded machine delays a concurrent compile (1 run in 6 failed at 3),
 * and one when a full collection frees an object the optimised code embedded (winkSentences inlines wink's methods, which wink
 * makes anew for each document read: "weak objects" in --trace-deopt; 1 run in 4 failed at 4, on main too). A per-call closure
 * makes about ROUNDS, twice this.
 */
const MAX_COMPILES_PER_FUNCTION = 5;

const root = fileURLToPath(new URL('../../', import.meta.url));

const child = `
const { termFrequencies, tfidfVector, topTermIds, heaviestTermIds } = await import(${JSON.stringify(`${root}src/stories/vectors.ts`)});
const { tokenize } = await import(${JSON.stringify(`${root}src/text/tokens.ts`)});
const { alignWords, profileWords } = await import(${JSON.stringify(`${root}src/match/seed-extend.ts`)});
const { storyNames } = await import(${JSON.stringify(`${root}src/stories/names.ts`)});
const { classifyLine } = await import(${JSON.stringify(`${root}src/clean/rules.ts`)});
const { sentenceSpans } = await import(${JSON.stringify(`${root}src/text/sentences.ts`)});
const { removeBoilerplate } = await import(${JSON.stringify(`${root}src/clean/boilerplate.ts`)});
const words = 'Markets in Paris fell as the Central Bank of Europe raised rates again; traders said Banque de France and Deutsche Bank shares lost ground in early trading on Tuesday'.split(' ');
let sink = 0;
for (let round = 0; round < ${ROUNDS}; round++) {
  for (let i = 0; i < 1500; i++) {
    // Shuffled words: ties at the cut and many orders, so sorts and tie-breaks run.
    const text = words.map((word, at) => words[(at * 7 + i) % words.length]).join(' ') + '. ' + words.slice(i % 9).join(' ') + '.';
    const frequencies = termFrequencies({ title: words.slice(0, 4 + (i % 5)).join(' '), text, sentences: [{ start: 0, end: text.length }] });
    const vector = tfidfVector(frequencies, 100 + i, new Map([[words[i % words.length].toLowerCase(), i % 7]]));
    sink += topTermIds(vector, 5).length + heaviestTermIds(vector, 8).length + storyNames(vector).length + tokenize(text).length;
    sink += (classifyLine('Photo: ' + words[i % 9]) === undefined ? 0 : 1);
    sink += alignWords(profileWords(text), profileWords(words.slice(2).join(' ') + ' ' + text)).wordPassages.length;
    // Wink is handed only doubtful pieces; "Mr." and "4.5" make some.
    sink += sentenceSpans(text + ' Mr. Smith said 4.5 per cent. It fell! Did it? Yes. ' + words.slice(i % 11).join(' ') + '. Then ' + text + '.').length;
    sink += removeBoilerplate([[text], ['Share this:', words[i % 9]], ['Photo: ' + words[i % 7] + ' ' + text]]).kept.length;
  }
  globalThis.gc();
}
console.log('sink', sink);
`;

test('per-article code keeps its optimised code across full collections', () => {
  // Our own code only (wink-nlp's files sit under a src/ of their own).
  const compiles = compilesByFunction(child, ['--expose-gc'], (script) => script.includes('/src/') && !script.includes('/node_modules/'));
  assert.ok(compiles.size > 0, 'the child optimised none of our functions: the trace format changed?');
  const repeated = [...compiles].filter(([, count]) => count > MAX_COMPILES_PER_FUNCTION);
  assert.deepEqual(repeated, [], 'functions compiled again and again (closures made per call?)');
});
