// The order a story's articles are told in, earliest first: publication time where known, and where it is
// not, the direction of copy relations (a source before its copies), then the order they arrived in.
import type { Article, Relation } from '../model.ts';

function compareArrival(x: Article, y: Article): number {
  const tx = x.published === undefined ? Number.NaN : Date.parse(x.published);
  const ty = y.published === undefined ? Number.NaN : Date.parse(y.published);
  if (!Number.isNaN(tx) && !Number.isNaN(ty) && tx !== ty) return tx - ty;
  return x.ingestedAt - y.ingestedAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** Kahn's topological sort over known-direction relations, ready articles taken by time of arrival. */
export function chronologicalOrder(articles: readonly Article[], relations: readonly Relation[]): Article[] {
  const byId = new Map(articles.map((article) => [article.id, article]));
  const copies = new Map<string, string[]>();
  const pending = new Map<string, number>(articles.map((article) => [article.id, 0]));
  for (const relation of relations) {
    if (!relation.direction.known || !byId.has(relation.a) || !byId.has(relation.b)) continue;
    copies.set(relation.a, [...(copies.get(relation.a) ?? []), relation.b]);
    pending.set(relation.b, (pending.get(relation.b) ?? 0) + 1);
  }
  const ordered: Article[] = [];
  const ready = articles.filter((article) => pending.get(article.id) === 0);
  const placed = new Set<string>();
  while (ordered.length < articles.length) {
    if (ready.length === 0) {
      // A cycle of contradictory evidence: break it at the earliest arrival not yet placed.
      ready.push([...articles].sort(compareArrival).find((article) => !placed.has(article.id))!);
    }
    ready.sort(compareArrival);
    const next = ready.shift()!;
    if (placed.has(next.id)) continue;
    placed.add(next.id);
    ordered.push(next);
    for (const copy of copies.get(next.id) ?? []) {
      const left = (pending.get(copy) ?? 0) - 1;
      pending.set(copy, left);
      if (left === 0 && !placed.has(copy)) ready.push(byId.get(copy)!);
    }
  }
  return ordered;
}
