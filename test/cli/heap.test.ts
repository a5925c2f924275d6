import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { boundHeapGrowth, letWorkerHeapGrow } from '../../src/cli/heap.ts';

test('the heap growth is bounded unless the user chose one on the command line or in NODE_OPTIONS', () => {
  assert.equal(boundHeapGrowth([], ''), true);
  assert.equal(boundHeapGrowth(['--heap-growing-percent=0'], ''), false, 'the user asked for V8 to choose');
  assert.equal(boundHeapGrowth(['--heap_growing_percent=20'], ''), false);
  assert.equal(boundHeapGrowth([], '--max-old-space-size=512 --heap-growing-percent=30'), false);
  assert.equal(boundHeapGrowth(['--max-old-space-size=512'], '--enable-source-maps'), true, 'other flags leave it to newsfold');
});

test("a queue worker's heap growth is set unless the user chose one", () => {
  assert.equal(letWorkerHeapGrow([], ''), true);
  assert.equal(letWorkerHeapGrow(['--heap-growing-percent=0'], ''), false, 'the user asked for V8 to choose');
  assert.equal(letWorkerHeapGrow([], '--heap_growing_percent=80'), false);
});

test('a queue worker lets the young generation grow that the CLI keeps at its first size', () => {
  // In a child: the CLI's start-up setting, then allocation with survivors, which would grow the new space.
  const newSpaceAfterAllocating = (grow: boolean) => {
    const script = `
      import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
      import { letWorkerHeapGrow } from ${JSON.stringify(new URL('../../src/cli/heap.ts', import.meta.url).href)};
      setFlagsFromString('--semi-space-growth-factor=1');
      if (${grow}) letWorkerHeapGrow([], '');
      const ring = new Array(50000);
      for (let i = 0; i < 3000000; i++) ring[i % ring.length] = { i, text: 'x' + i };
      console.log(getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_size);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return Number(result.stdout.trim());
  };
  const kept = newSpaceAfterAllocating(false);
  const grown = newSpaceAfterAllocating(true);
  assert.ok(grown >= 4 * kept, `new space ${grown} bytes with growth, ${kept} without`);
});
