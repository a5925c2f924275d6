import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agglomerate, cutAt, type Linkage } from '../../bench/lib/hac.ts';
import { prng } from '../../bench/lib/seeded.ts';

function randomSimilarity(n: number, seed: number): Float64Array[] {
  const random = prng(seed);
  const matrix = Array.from({ length: n }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    matrix[i]![i] = 1;
    for (let j = i + 1; j < n; j++) matrix[i]![j] = matrix[j]![i] = random();
  }
  return matrix;
}

/** Clusters at `threshold` by the textbook O(n³) loop: join the most similar pair while it reaches the threshold. */
function naiveClusters(similarity: readonly Float64Array[], linkage: Linkage, threshold: number): number[][] {
  let clusters = similarity.map((_, item) => [item]);
  const between = (x: number[], y: number[]): number => {
    const values = x.flatMap((i) => y.map((j) => similarity[i]![j]!));
    if (linkage === 'single') return Math.max(...values);
    if (linkage === 'complete') return Math.min(...values);
    return values.reduce((sum, value) => sum + value, 0) / values.length;
  };
  for (;;) {
    let best: [number, number] | undefined;
    let bestValue = Number.NEGATIVE_INFINITY;
    for (let x = 0; x < clusters.length; x++) {
      for (let y = x + 1; y < clusters.length; y++) {
        const value = between(clusters[x]!, clusters[y]!);
        if (value > bestValue) [best, bestValue] = [[x, y], value];
      }
    }
    if (best === undefined || bestValue < threshold) return clusters;
    const [x, y] = best;
    clusters = [...clusters.filter((_, at) => at !== x && at !== y), [...clusters[x]!, ...clusters[y]!]];
  }
}

function partition(labels: readonly number[]): string[] {
  const groups = new Map<number, number[]>();
  labels.forEach((label, item) => groups.set(label, [...(groups.get(label) ?? []), item]));
  return [...groups.values()].map((group) => group.join(',')).sort();
}

test('nearest-neighbour chain gives the textbook clustering at every cut, for each linkage', () => {
  for (const linkage of ['single', 'average', 'complete'] as const) {
    for (const seed of [1, 2, 3]) {
      const similarity = randomSimilarity(14, seed);
      const merges = agglomerate(similarity, linkage);
      assert.equal(merges.length, 13);
      for (const threshold of [0.95, 0.8, 0.6, 0.4, 0.2]) {
        const expected = naiveClusters(similarity, linkage, threshold).map((group) => [...group].sort((x, y) => x - y).join(',')).sort();
        assert.deepEqual(partition(cutAt(14, merges, threshold)), expected, `${linkage}, seed ${seed}, threshold ${threshold}`);
      }
    }
  }
});

test('two tight groups stay apart until the threshold falls to their cross similarity', () => {
  const similarity = [
    [1, 0.9, 0.1, 0.2],
    [0.9, 1, 0.3, 0.1],
    [0.1, 0.3, 1, 0.8],
    [0.2, 0.1, 0.8, 1],
  ].map((row) => Float64Array.from(row));
  assert.deepEqual(partition(cutAt(4, agglomerate(similarity, 'average'), 0.5)), ['0,1', '2,3']);
  assert.deepEqual(partition(cutAt(4, agglomerate(similarity, 'average'), 0.175)), ['0,1,2,3']);
  assert.deepEqual(partition(cutAt(4, agglomerate(similarity, 'average'), 0.18)), ['0,1', '2,3']);
  assert.deepEqual(partition(cutAt(4, agglomerate(similarity, 'single'), 0.3)), ['0,1,2,3']);
  assert.deepEqual(partition(cutAt(4, agglomerate(similarity, 'complete'), 0.11)), ['0,1', '2,3']);
  assert.deepEqual(partition(cutAt(4, agglomerate(similarity, 'complete'), 0.1)), ['0,1,2,3']);
});
