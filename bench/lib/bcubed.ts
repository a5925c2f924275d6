// Extended BCubed (Amigó, Gonzalo, Artiles & Verdejo 2009): the clustering score that handles items in
// several gold classes, as a handful of DUC documents are. With one class per item it is plain BCubed.

export interface BCubed {
  precision: number;
  recall: number;
  f1: number;
}

/** Item → the clusters (system) or classes (gold) it is in. */
export type Labelling = ReadonlyMap<string, ReadonlySet<string>>;

function shared(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  let count = 0;
  for (const label of x) if (y.has(label)) count++;
  return count;
}

/** For each item, the items sharing at least one label with it (itself included). */
function neighbours(labelling: Labelling): Map<string, Set<string>> {
  const members = new Map<string, string[]>();
  for (const [item, labels] of labelling) {
    for (const label of labels) {
      const list = members.get(label) ?? [];
      list.push(item);
      members.set(label, list);
    }
  }
  const result = new Map<string, Set<string>>();
  for (const [item, labels] of labelling) {
    const set = new Set<string>();
    for (const label of labels) for (const other of members.get(label) ?? []) set.add(other);
    result.set(item, set);
  }
  return result;
}

/**
 * Mean over items of: among the items sharing a `by` label with it, how well `against` agrees, where
 * each pair counts min(shared `by`, shared `against`) / shared `by`.
 */
function agreement(by: Labelling, against: Labelling): number {
  const near = neighbours(by);
  let total = 0;
  for (const [item, labels] of by) {
    const others = near.get(item) ?? new Set<string>();
    const truth = against.get(item);
    if (truth === undefined) throw new Error(`item ${item} is labelled on one side only`);
    let sum = 0;
    for (const other of others) {
      const sharedBy = shared(labels, by.get(other) ?? new Set());
      const sharedAgainst = shared(truth, against.get(other) ?? new Set());
      sum += Math.min(sharedBy, sharedAgainst) / sharedBy;
    }
    total += sum / others.size;
  }
  return total / by.size;
}

/** Scores a system clustering against gold; both must label the same items, each with at least one label. */
export function bcubed(system: Labelling, gold: Labelling): BCubed {
  if (system.size !== gold.size) throw new Error(`system labels ${system.size} items, gold ${gold.size}`);
  if (gold.size === 0) return { precision: 0, recall: 0, f1: 0 };
  for (const [item, labels] of [...system, ...gold]) if (labels.size === 0) throw new Error(`item ${item} has no label`);
  const precision = agreement(system, gold);
  const recall = agreement(gold, system);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
