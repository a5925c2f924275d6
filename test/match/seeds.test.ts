import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { prepareStory } from '../../src/engine/summarize.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEEDS = join(ROOT, '..', 'shared', 'seeds');

// ../shared/data/README.md: 000 and 001 are two versions of one wire story, 002 and 003 two independent reports,
// 004 a content-farm page. Reporters who name the same people and paraphrase the same quote have not copied.
test('seeds: the independent reports share no relation with each other or with the wire story', (t) => {
  if (!existsSync(SEEDS)) {
    t.skip(`seed articles not found at ${SEEDS}`);
    return;
  }
  const raws = readdirSync(SEEDS)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({ origin: { path: join(SEEDS, file), format: 'text' as const }, text: readFileSync(join(SEEDS, file), 'utf8') }));
  const story = prepareStory(raws);
  const seedOf = new Map(story.articles.map((article) => [article.id, /(\d{3})_/.exec(article.origin.path)![1]!]));
  const pairs = story.relations.map((relation) => [seedOf.get(relation.a), seedOf.get(relation.b)].sort().join('-') + ' ' + relation.kind);
  const independent = new Set(['002', '003']);
  const wire = new Set(['000', '001']);
  for (const relation of story.relations) {
    const a = seedOf.get(relation.a)!;
    const b = seedOf.get(relation.b)!;
    const crossesReports = (independent.has(a) && independent.has(b)) || (independent.has(a) && wire.has(b)) || (wire.has(a) && independent.has(b));
    assert.ok(!crossesReports, `unexpected relation ${pairs.join(', ')}`);
  }
  assert.ok(pairs.includes('000-001 version'), `the wire story's versions: ${pairs.join(', ')}`);
});
