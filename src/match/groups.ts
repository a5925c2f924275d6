// Groups of copies and versions for `newsfold dupes`: articles joined by duplicate or version relations
// (transitively), each group with its earliest member, the likely original.
import type { Article, Relation, RelationKind } from '../model.ts';

/** The relations that make two articles the same text: a group is closed under them. */
export const GROUPING_KINDS: readonly RelationKind[] = ['duplicate', 'version'];

export interface CopyGroup {
  /** Members, earliest first. */
  members: Article[];
  relations: Relation[];
}

/** When an article appeared: its publication time where known, else when it was first ingested. */
export function appearedAt(article: Article): number {
  const published = article.published === undefined ? Number.NaN : Date.parse(article.published);
  return Number.isNaN(published) ? article.ingestedAt : published;
}

function earliestFirst(x: Article, y: Article): number {
  return appearedAt(x) - appearedAt(y) || x.ingestedAt - y.ingestedAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** Connected groups over duplicate and version relations, largest first, then by their earliest member. */
export function copyGroups(relations: readonly Relation[], articles: ReadonlyMap<string, Article>): CopyGroup[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    for (let node = id; node !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  const grouping = relations.filter((r) => GROUPING_KINDS.includes(r.kind) && articles.has(r.a) && articles.has(r.b));
  for (const relation of grouping) {
    if (!parent.has(relation.a)) parent.set(relation.a, relation.a);
    if (!parent.has(relation.b)) parent.set(relation.b, relation.b);
    const ra = find(relation.a);
    const rb = find(relation.b);
    if (ra !== rb) parent.set(rb, ra);
  }
  const byRoot = new Map<string, CopyGroup>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = byRoot.get(root) ?? { members: [], relations: [] };
    group.members.push(articles.get(id)!);
    byRoot.set(root, group);
  }
  for (const relation of grouping) byRoot.get(find(relation.a))!.relations.push(relation);
  const groups = [...byRoot.values()];
  for (const group of groups) group.members.sort(earliestFirst);
  return groups.sort((x, y) => y.members.length - x.members.length || earliestFirst(x.members[0]!, y.members[0]!));
}
