// What "the same result" means for concurrent writers: the same articles, the same relations (pair, kind and
// direction) and the same story partition (stories as sets of articles, whatever their ids).
import type { Engine } from '../../../src/engine/index.ts';

export interface StoreSnapshot {
  articles: string[];
  relations: string[];
  partition: string[];
}

export async function snapshotOf(engine: Engine): Promise<StoreSnapshot> {
  const stories = await engine.store.listStories();
  const articles = stories.flatMap((story) => story.articleIds).sort();
  const relations = (await engine.store.relationsAmong(articles)).map((r) => `${r.a} ${r.b} ${r.kind} ${r.direction.known}`).sort();
  const partition = stories.map((story) => [...story.articleIds].sort().join(',')).sort();
  return { articles, relations, partition };
}
