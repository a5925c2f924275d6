// Pair-counting precision/recall/F1 (the clustering measure of Miranda et al. 2018's news-stream evaluation):
// over all pairs of items, a pair is a true positive when system and gold both put the two together.
// Counted from the contingency table, so it costs O(items), not O(items²).

export interface PairScore {
  precision: number;
  recall: number;
  f1: number;
}

function pairs(count: number): number {
  return (count * (count - 1)) / 2;
}

/** Items → one system cluster and one gold class each (the first label where an item has several). */
export function pairwise(system: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): PairScore {
  if (system.size !== gold.size) throw new Error(`system labels ${system.size} items, gold ${gold.size}`);
  const cells = new Map<string, number>();
  const systemSizes = new Map<string, number>();
  const goldSizes = new Map<string, number>();
  for (const [item, cluster] of system) {
    const label = gold.get(item);
    if (label === undefined) throw new Error(`item ${item} is labelled on one side only`);
    const key = `${cluster}\u0000${label}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    systemSizes.set(cluster, (systemSizes.get(cluster) ?? 0) + 1);
    goldSizes.set(label, (goldSizes.get(label) ?? 0) + 1);
  }
  let together = 0;
  for (const count of cells.values()) together += pairs(count);
  let systemPairs = 0;
  for (const count of systemSizes.values()) systemPairs += pairs(count);
  let goldPairs = 0;
  for (const count of goldSizes.values()) goldPairs += pairs(count);
  // No pairs predicted (or none to find) is vacuously precise (or complete).
  const precision = systemPairs === 0 ? 1 : together / systemPairs;
  const recall = goldPairs === 0 ? 1 : together / goldPairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
