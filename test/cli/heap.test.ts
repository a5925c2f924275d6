import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { boundHeapGrowth, letWorkerHeapGrow, letWorkerTierUpLater } from '../../src/cli/heap.ts';

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

test("a queue worker's later tier-up is set unless the user chose a budget", () => {
  assert.equal(letWorkerTierUpLater(['--interrupt-budget=1000'], ''), false, 'the user chose one');
  assert.equal(letWorkerTierUpLater([], '--interrupt_budget=5000'), false);
  assert.equal(letWorkerTierUpLater(['--interrupt-budget-factor-for-feedback-allocation=8'], ''), true, 'another flag leaves it to newsfold');
});

test('a queue worker optimizes a function later than V8 would, set at run time', () => {
  // In a child: a small function called often enough for V8's own budget to optimize it, but not four times that.
  const optimizations = (later: boolean) => {
    const script = `
      import { letWorkerTierUpLater } from ${JSON.stringify(new URL('../../src/cli/heap.ts', import.meta.url).href)};
      if (${later}) letWorkerTierUpLater([], '');
      function hotLoop(n) {
        let s = 0;
        for (let i = 0; i < n; i++) s += (i * 7) % 13;
        return s;
      }
      let total = 0;
      for (let k = 0; k < 400; k++) total += hotLoop(20);
      console.log(total);`;
    const result = spawnSync(process.execPath, ['--trace-opt', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout.split('\n').filter((line) => line.includes('marking') && line.includes('hotLoop')).length;
  };
  assert.ok(optimizations(false) >= 1, 'V8 optimizes it at its own budget');
  assert.equal(optimizations(true), 0, 'not at the worker budget');
});
