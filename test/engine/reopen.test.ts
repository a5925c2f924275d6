// A store reopened between batches gives what one engine kept open gives: the story index loaded from the store's
// index entries (centroids read when a story is first a candidate) and the copy index loaded from the store
// must stand in for what the open engine kept in memory.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { prng } from '../../bench/lib/seeded.ts';
import { Engine } from '../../src/engine/index.ts';
import type { IngestItem } from '../../src/ingest/index.ts';
import { LIFTING_PAGE, UNRELATED, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

const ARTICLES = 90;
/** Ingest calls the stream is cut into; the reopened run closes and reopens its engine between them. */
const PARTS = 3;

/** Topic words: a topic's articles share them in shuffled order, so they join stories by similarity, not by copy. */
const TOPICS = [
  'Solberg Kestrel harbour warehouse fire fishermen nets blaze cooperative catch boats wiring',
  'Oruntu Lindqvist chess endgame tournament grandmaster rounds opening bishop pawn title hall',
  'Vollen Ostrava tanker spill coastguard oil slick beaches crew hull salvage birds',
  'Anselm Dunmore council budget vote schools taxes mayor roads library deficit ballot',
].map((words) => words.split(' '));
const FILLER = 'the a of in on and was were said after before during with for by'.split(' ');

/** Dated and undated articles (every third undated), oldest first: topic articles, and fixtures with copies among them. */
function stream(): IngestItem[] {
  const random = prng(15);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const texts = [WIRE_STORY, UNRELATED, WIRE_UPDATE, LIFTING_PAGE];
  return Array.from({ length: ARTICLES }, (_, i) => {
    const words = TOPICS[i % TOPICS.length]!;
    const sentences = Array.from({ length: 6 }, () => {
      const sentence = Array.from({ length: 9 }, (_, at) => (at % 2 === 0 ? pick(words) : pick(FILLER))).join(' ');
      return `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.`;
    });
    const topical = sentences.join(' ');
    const text = i % 5 === 4 ? `${texts[i % texts.length]!}\n\nItem ${i} closes with line number ${i * 7}.` : topical;
    const published = i % 3 === 2 ? undefined : new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 10), i % 24)).toISOString();
    return { kind: 'article', raw: { origin: { path: 'stream.jsonl', line: i + 1, format: 'jsonl' }, externalId: `a${i}`, ...(published === undefined ? {} : { published }), text } };
  });
}

async function* items(list: readonly IngestItem[]): AsyncGenerator<IngestItem> {
  for (const item of list) yield item;
}

async function outcome(engine: Engine): Promise<{ relations: string[]; stories: string[] }> {
  const views = await engine.stories();
  const stories = views.map((view) => view.articles.map((article) => article.id).sort().join(' ')).sort();
  const ids = views.flatMap((view) => view.articles.map((article) => article.id)).sort();
  const relations = (await engine.store.relationsAmong(ids)).map((r) => `${r.a} ${r.b} ${r.kind} ${r.score}`).sort();
  return { relations, stories };
}

test('an engine reopened between batches gives the relations and stories of one kept open', async () => {
  const all = stream();
  const parts = Array.from({ length: PARTS }, (_, part) => all.slice((part * ARTICLES) / PARTS, ((part + 1) * ARTICLES) / PARTS));
  const root = await mkdtemp(join(tmpdir(), 'newsfold-reopen-'));

  const kept = Engine.openSqlite(join(root, 'kept.db'));
  for (const part of parts) await kept.ingestItems(items(part), { jobs: 1 });
  const expected = await outcome(kept);
  await kept.close();
  assert.ok(expected.relations.length > 0, 'the stream has copies');
  assert.ok(expected.stories.some((story) => story.includes(' ')), 'stories of several articles');

  let scoredAfterReopening = 0;
  for (const part of parts) {
    const engine = Engine.openSqlite(join(root, 'reopened.db'));
    await engine.ingestItems(items(part), { jobs: 1 });
    if (part !== parts[0]) scoredAfterReopening += engine.storyCandidates.scored;
    if (part === parts[parts.length - 1]) assert.deepEqual(await outcome(engine), expected);
    await engine.close();
  }
  assert.ok(scoredAfterReopening > 0, 'stories loaded from the store were scored');
});

test('undated stories idle across a reopening as in one engine kept open (idle arrivals counted by articles stored)', async () => {
  const all = stream();
  const parts = Array.from({ length: PARTS }, (_, part) => all.slice((part * ARTICLES) / PARTS, ((part + 1) * ARTICLES) / PARTS));
  const root = await mkdtemp(join(tmpdir(), 'newsfold-reopen-idle-'));
  // Fewer idle arrivals than a part holds: undated stories of one part go idle during the next.
  const idleArrivals = 2;
  const open = (name: string) => {
    const engine = Engine.openSqlite(join(root, name));
    engine.storyCandidates.settings.idleArrivals = idleArrivals;
    return engine;
  };
  const kept = open('kept.db');
  for (const part of parts) await kept.ingestItems(items(part), { jobs: 1 });
  const expected = await outcome(kept);
  const keptConsidered = kept.storyCandidates.considered;
  await kept.close();

  let considered = 0;
  for (const part of parts) {
    const engine = open('reopened.db');
    await engine.ingestItems(items(part), { jobs: 1 });
    considered += engine.storyCandidates.considered;
    if (part === parts[parts.length - 1]) assert.deepEqual(await outcome(engine), expected);
    await engine.close();
  }
  assert.equal(considered, keptConsidered, 'the same stories were considered: none idle kept, none fresh lost');
});
