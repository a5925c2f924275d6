import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundHeapGrowth } from '../../src/cli/heap.ts';

test('the heap growth is bounded unless the user chose one on the command line or in NODE_OPTIONS', () => {
  assert.equal(boundHeapGrowth([], ''), true);
  assert.equal(boundHeapGrowth(['--heap-growing-percent=0'], ''), false, 'the user asked for V8 to choose');
  assert.equal(boundHeapGrowth(['--heap_growing_percent=20'], ''), false);
  assert.equal(boundHeapGrowth([], '--max-old-space-size=512 --heap-growing-percent=30'), false);
  assert.equal(boundHeapGrowth(['--max-old-space-size=512'], '--enable-source-maps'), true, 'other flags leave it to newsfold');
});
