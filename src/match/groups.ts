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

/** One member of a copy family, with the relation that ties it to an earlier member (none for the first). */
export interface FamilyMember {
  id: string;
  /** The strongest relation with a member placed before it, else its strongest with any member; undefined alone. */
  via?: Relation;
}

/** Articles joined by any copy relation (a wire story with its versions, copies and lifted passages). */
export interface CopyFamily {
  /** Members in the order given (a story's telling order: the likely original first). */
  members: FamilyMember[];
}

/**
 * Copy families of a story: connected groups over every relation kind, each member tied to the strongest
 * relation with a member before it (a copy to its source), or failing that its strongest with any member (a
 * source to its copy). `orderedIds` gives the order (earliest first); families come largest
 * first, then by their first member's place, and articles related to none are families of one, last.
 */
export function copyFamilies(orderedIds: readonly string[], relations: readonly Relation[]): CopyFamily[] {
  const place = new Map(orderedIds.map((id, index) => [id, index]));
  const root = orderedIds.map((_, index) => index);
  const find = (index: number): number => {
    while (root[index] !== index) index = root[index] = root[root[index]!]!;
    return index;
  };
  const byMember = new Map<string, Relation[]>();
  for (const relation of relations) {
    const a = place.get(relation.a);
    const b = place.get(relation.b);
    if (a === undefined || b === undefined) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) root[Math.max(ra, rb)] = Math.min(ra, rb);
    for (const id of [relation.a, relation.b]) byMember.set(id, [...(byMember.get(id) ?? []), relation]);
  }
  const families = new Map<number, CopyFamily>();
  orderedIds.forEach((id, index) => {
    const key = find(index);
    const family = families.get(key) ?? { members: [] };
    let via: Relation | undefined;
    let any: Relation | undefined;
    for (const relation of byMember.get(id) ?? []) {
      const other = relation.a === id ? relation.b : relation.a;
      if ((place.get(other) ?? Infinity) < index && (via === undefined || relation.score > via.score)) via = relation;
      if (any === undefined || relation.score > any.score) any = relation;
    }
    via ??= any;
    family.members.push(via === undefined ? { id } : { id, via });
    families.set(key, family);
  });
  return [...families.entries()].sort((x, y) => y[1].members.length - x[1].members.length || x[0] - y[0]).map(([, family]) => family);
}
