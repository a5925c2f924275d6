// Pages nested far deeper than any real page (hostile or broken markup) never overflow the stack.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { extractPage } from '../../src/extract/index.ts';
import { MAX_ELEMENT_DEPTH, parsePage } from '../../src/extract/dom.ts';
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
