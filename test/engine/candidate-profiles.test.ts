// The matcher's profile cache spares the store: a candidate whose word profile is cached holds its stored
// article already, so only the other candidates are read.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ENGINE_SETTINGS, emptyIngestReport, Engine } from '../../src/engine/index.ts';
import { articleFrom, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

test('candidates with cached profiles are not read from the store again, and relate as when read', async () => {
  const engine = Engine.openSqlite(':memory:');
  try {
    const requested: string[] = [];
    const getArticles = engine.store.getArticles.bind(engine.store);
    engine.store.getArticles = (ids) => {
      requested.push(...ids);
      return getArticles(ids);
    };
    const first = articleFrom('herald/wire.txt', WIRE_STORY, { source: 'velmont herald' });
    const second = articleFrom('post/wire.txt', WIRE_STORY, { source: 'oakmere post' });
    const third = articleFrom('gazette/update.txt', WIRE_UPDATE, { source: 'lune gazette' });
    const report = emptyIngestReport();
    for (const article of [first, second, third]) await engine.applyBatch([{ article }], report);
    // The second reads the first (no profile yet: it had nothing to align against); the third reads neither.
    assert.deepEqual(requested, [first.id]);
    assert.equal(report.stored, 3);
    assert.equal(report.relations, 3);
    const kinds = (await engine.store.relationsOf(third.id)).map((relation) => relation.kind);
    assert.equal(kinds.length, 2);
  } finally {
    await engine.close();
  }
});

test('a full profile cache that evicts a cached candidate while the others are profiled relates the same', async () => {
  const engine = Engine.openSqlite(':memory:', { ...DEFAULT_ENGINE_SETTINGS, profileCacheSize: 1 });
  try {
    const report = emptyIngestReport();
    for (const [path, text, source] of [['herald/wire.txt', WIRE_STORY, 'velmont herald'], ['post/wire.txt', WIRE_STORY, 'oakmere post'], ['gazette/update.txt', WIRE_UPDATE, 'lune gazette']] as const) {
      await engine.applyBatch([{ article: articleFrom(path, text, { source }) }], report);
    }
    assert.equal(report.stored, 3);
    assert.equal(report.relations, 3);
  } finally {
    await engine.close();
  }
});
