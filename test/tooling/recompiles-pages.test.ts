// The page parser must not be optimised again and again as pages bring constructs it had not met: htmlparser2's
// tokeniser is one big loop over a switch of states, and a state first reached after the loop was optimised
// deoptimises it (no type feedback there), after which it is compiled twice more (on-stack, then whole). On 990
// real pages that was 15-19 compiles of `parse` a run (session 30). parsePage warms the tokeniser on a page of
// every construct first. A child parses generated pages, each rare construct first met late, and counts TurboFan
// compiles per function of htmlparser2 and of src/.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { compilesByFunction } from './compiles.ts';

/** Compiles allowed for one function: the first, and a few after ordinary deoptimisations (see recompiles.test.ts). */
const MAX_COMPILES_PER_FUNCTION = 4;
/** Plain pages parsed before each rare construct arrives: enough for the tokeniser to be optimised by then. */
const PLAIN_PAGES_BETWEEN = 60;

const root = fileURLToPath(new URL('../../', import.meta.url));

const child = `
const { parsePage } = await import(${JSON.stringify(`${root}src/extract/dom.ts`)});
// Constructs a news page seldom holds, each met for the first time after many plain pages.
const rare = [
  '<![CDATA[ raw ]]>', '<?php echo 1; ?>', '<!x bogus declaration>', '<!-x>', '</>', 'a </1x> b', '<br/ x>',
  '<textarea>typed <b>here</b> &amp;</textarea>', '<xmp><b></xmp>', "<a title='single &apos;quoted&apos;'>s</a>",
  '<input value=unquoted&amp;more disabled>', '<p>&#12 &#x1f &ampx &notit; &amp</p>', '<a href="?a=1&copy=2">c</a>',
  '<svg><![CDATA[ x ]]></svg>', '</br>', '<script>\\n</script\\n>', '<style>p{}</style >', '<!---->',
];
const words = 'Officials in the capital said on Tuesday that the new budget would cut spending on roads and schools'.split(' ');
function plainPage(i) {
  let body = '';
  for (let p = 0; p < 12; p++) {
    const text = words.map((word, at) => words[(at * 5 + i + p) % words.length]).join(' ');
    body += '<div class="story-body" id="p' + p + '"><p data-n="' + p + '">' + text + ' <a href="/news/' + i + '">more</a> &amp; <em>' + words[p] + '</em>.</p></div>\\n';
  }
  return '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story ' + i + '</title><script>var n = ' + i + ';</script></head><body>' + body + '</body></html>';
}
let sink = 0;
let page = 0;
for (const construct of rare) {
  for (let n = 0; n < ${PLAIN_PAGES_BETWEEN}; n++) sink += parsePage(plainPage(page++)).body.childNodes.length;
  sink += parsePage(plainPage(page++).replace('</body>', construct + '</body>')).body.childNodes.length;
}
console.log('sink', sink);
`;

test('the page parser is not optimised again for each construct first met late', () => {
  // Compiles on the main thread, as they are asked for: on a loaded machine (the full suite runs files side by side) a
  // background compile could still be queued when the child ends, and the count would depend on the load.
  const compiles = compilesByFunction(child, ['--no-concurrent-recompilation', '--no-concurrent-osr'], (script) => script.includes('/src/') || script.includes('/htmlparser2/'));
  assert.ok([...compiles.keys()].some((key) => key.includes('Tokenizer.js:parse@')), "the tokeniser's loop was never optimised: the trace format changed?");
  const repeated = [...compiles].filter(([, count]) => count > MAX_COMPILES_PER_FUNCTION);
  assert.deepEqual(repeated, [], 'functions compiled again and again (a branch first met after optimisation?)');
});
