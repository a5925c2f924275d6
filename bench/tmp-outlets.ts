import { sameText } from '../src/digest/index.ts';
import { buildUnits, factSentences } from '../src/digest/units.ts';
import { prepareStory } from '../src/engine/summarize.ts';
import { findDisagreements } from '../src/facts/index.ts';
import { readDucClusters } from './lib/duc.ts';
const clusters = await readDucClusters();
for (const [index, cluster] of clusters.entries()) {
  if (index >= 10 && index < 20) continue;
  const story = prepareStory(cluster.documents.map((d) => d.raw));
  const outlets = new Map(story.articles.flatMap((a) => (a.source === undefined ? [] : [[a.id, a.source] as const])));
  const published = new Map(story.articles.flatMap((a) => (a.published === undefined ? [] : [[a.id, a.published] as const])));
  const args = [factSentences(buildUnits(story.articles)), story.articles.map((a) => a.id), sameText(story.relations), new Map(story.articles.map((a) => [a.id, a.text]))] as const;
  const kept = new Set(findDisagreements(...args, undefined, published, outlets).map((d) => d.about + d.sides.map((s) => s.value).join()));
  for (const d of findDisagreements(...args, undefined, published)) {
    if (kept.has(d.about + d.sides.map((s) => s.value).join())) continue;
    console.log(cluster.id, d.about, d.sides.map((s) => `${s.value} [${s.sources.map((id) => `${outlets.get(id)} ${published.get(id)?.slice(0, 10)}`).join('; ')}]`).join(' / '));
  }
}
