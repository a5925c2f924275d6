// Pages nested far deeper than any real page (hostile or broken markup) never overflow the stack.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractPage } from '../../src/extract/index.ts';
import { InnermostFirst, MAX_ELEMENT_DEPTH, parsePage } from '../../src/extract/dom.ts';
import { readInputs, type IngestItem } from '../../src/ingest/index.ts';

const BODY = 'The council approved the new budget on Tuesday after a long debate. '.repeat(20);

function deepPage(depth: number, closed: boolean, tag = 'div'): string {
  const open = `<${tag}>`.repeat(depth);
  const close = closed ? `</${tag}>`.repeat(depth) : '';
  return `<html><head><title>Budget</title></head><body>${open}<p>${BODY}</p>${close}</body></html>`;
}

for (const depth of [5_000, 100_000]) {
  for (const closed of [true, false]) {
    test(`HTML nested ${depth} levels (${closed ? 'closed' : 'never closed'}) is extracted, its text kept`, () => {
      const page = extractPage(deepPage(depth, closed));
      assert.match(page.text, /council approved the new budget/);
      assert.ok((page.flattenedElements ?? 0) >= depth - MAX_ELEMENT_DEPTH, 'the dropped tags are recorded');
    });
  }
}

test('deep inline and table nesting parse within the cap', () => {
  for (const tag of ['b', 'span', 'table', 'li']) {
    const document = parsePage(deepPage(20_000, false, tag));
    let depth = 0;
    for (let node = document.documentElement as { firstChild: unknown } | null; node !== null; node = (node as { firstChild: { firstChild: unknown } | null }).firstChild) depth++;
    assert.ok(depth <= MAX_ELEMENT_DEPTH + 3, `${tag}: depth ${depth}`);
  }
});

test('a deep page inside a directory costs only itself: the walk goes on', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-deep-'));
  await writeFile(join(root, 'a-deep.html'), deepPage(100_000, false));
  await writeFile(join(root, 'b-plain.txt'), 'A plain title\n\nA plain body with words in it.');
  const items: IngestItem[] = [];
  for await (const item of readInputs([root])) items.push(item);
  assert.deepEqual(items.map((item) => item.kind), ['article', 'article']);
});

test('the parser\'s open-tag stack does not move its entries at each tag: no unshift onto a growing array (walk, session 32)', () => {
  // htmlparser2 keeps the open tags innermost first with Array unshift: 100,000 unclosed <div>s (600 KB) took
  // 22 s, quadratic in the nesting. Counted, not timed: unshifts onto an array already holding 1,000 entries.
  const unshift = Array.prototype.unshift;
  let longUnshifts = 0;
  Array.prototype.unshift = function (this: unknown[], ...items: unknown[]) {
    if (this.length >= 1000) longUnshifts++;
    return unshift.apply(this, items);
  };
  try {
    parsePage(deepPage(5_000, false));
    parsePage(deepPage(2_000, false, 'svg'));
  } finally {
    Array.prototype.unshift = unshift;
  }
  assert.equal(longUnshifts, 0);
});

test('InnermostFirst answers as the innermost-first array it stands for', () => {
  let seed = 11;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const names = ['div', 'p', 'svg', 'li', 'b'];
  const stack = new InnermostFirst<string>();
  const array: string[] = [];
  for (let step = 0; step < 20_000; step++) {
    const name = names[next() % names.length]!;
    const choice = next() % 10;
    if (choice < 5) assert.equal(stack.unshift(name), array.unshift(name));
    else if (choice < 8) assert.equal(stack.shift(), array.shift());
    else if (choice < 9) assert.equal(stack.indexOf(name), array.indexOf(name));
    else if (step % 997 === 0) {
      stack.length = 0;
      array.length = 0;
    }
    assert.equal(stack.length, array.length);
    assert.equal(stack[0], array[0]);
  }
  assert.deepEqual(stack.toArray(), array);
});

test('below the depth cap a script or style is not text, and a paragraph\'s end still parts words (walk, session 34)', () => {
  const nest = '<div>'.repeat(MAX_ELEMENT_DEPTH + 100);
  const page = extractPage(`<html><head><title>Spill</title></head><body>${nest}<p>${BODY}</p><script>var tracker = "<b>hidden</b>";</script><style>p { color: red }</style><p>Last paragraph about the river.</p></body></html>`);
  assert.doesNotMatch(page.text, /tracker|hidden|color: red/);
  assert.match(page.text, /debate\.\s+Last paragraph about the river\./);
});
