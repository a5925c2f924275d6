// Agglomerative clustering over a full similarity matrix, for the batch ceilings of the story harness: how
// well could any threshold clustering of the stream's vectors do, given the whole set at once?

export type Linkage = 'single' | 'average' | 'complete';

export interface Merge {
  /** The cluster (by its surviving item index) that absorbs `from`. */
  into: number;
  from: number;
  /** Linkage similarity at which the two clusters were joined. */
  similarity: number;
}

/** Lance–Williams update: the linkage similarity of the merged cluster (x ∪ y) to another cluster. */
function updated(linkage: Linkage, toX: number, toY: number, sizeX: number, sizeY: number): number {
  if (linkage === 'single') return Math.max(toX, toY);
  if (linkage === 'complete') return Math.min(toX, toY);
  return (toX * sizeX + toY * sizeY) / (sizeX + sizeY);
}

/**
 * Agglomerative clustering by the nearest-neighbour chain (O(n²) time after the matrix; exact for these
 * three linkages, which are reducible). `similarity` is symmetric, n × n; it is not modified. Returns the
 * n − 1 merges; cut them with `cutAt`.
 */
export function agglomerate(similarity: readonly Float64Array[], linkage: Linkage): Merge[] {
  const n = similarity.length;
  const work = similarity.map((row) => Float64Array.from(row));
  const size = new Float64Array(n).fill(1);
  const alive = new Uint8Array(n).fill(1);
  const merges: Merge[] = [];
  const chain: number[] = [];
  let remaining = n;
  while (remaining > 1) {
    if (chain.length === 0) chain.push(alive.indexOf(1));
    const tip = chain[chain.length - 1]!;
    const previous = chain.length > 1 ? chain[chain.length - 2]! : -1;
    // The tip's most similar live cluster; on a tie, the previous link of the chain, so the chain ends.
    let nearest = -1;
    let nearestSimilarity = Number.NEGATIVE_INFINITY;
    for (let other = 0; other < n; other++) {
      if (other === tip || alive[other] === 0) continue;
      const value = work[tip]![other]!;
      if (value > nearestSimilarity || (value === nearestSimilarity && other === previous)) {
        nearest = other;
        nearestSimilarity = value;
      }
    }
    if (nearest !== previous) {
      chain.push(nearest);
      continue;
    }
    chain.length -= 2;
    merges.push({ into: tip, from: nearest, similarity: nearestSimilarity });
    for (let other = 0; other < n; other++) {
      if (alive[other] === 0 || other === tip || other === nearest) continue;
      const value = updated(linkage, work[tip]![other]!, work[nearest]![other]!, size[tip]!, size[nearest]!);
      work[tip]![other] = value;
      work[other]![tip] = value;
    }
    size[tip]! += size[nearest]!;
    alive[nearest] = 0;
    remaining--;
  }
  return merges;
}

/** Disjoint sets over items 0..n-1: join pairs, then read a label (a representative item) per item. */
export function disjointSets(n: number): { join: (x: number, y: number) => void; labels: () => number[] } {
  const parent = Array.from({ length: n }, (_, item) => item);
  const root = (item: number): number => {
    while (parent[item] !== item) item = parent[item] = parent[parent[item]!]!;
    return item;
  };
  return { join: (x, y) => void (parent[root(y)] = root(x)), labels: () => parent.map((_, item) => root(item)) };
}

/** Cluster label (a representative item index) of every item, keeping the merges made at `threshold` or above. */
export function cutAt(n: number, merges: readonly Merge[], threshold: number): number[] {
  const sets = disjointSets(n);
  for (const merge of merges) if (merge.similarity >= threshold) sets.join(merge.into, merge.from);
  return sets.labels();
}
