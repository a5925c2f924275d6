// The arriving article's word profile is made where it is prepared (any thread, any queue worker) and carried with
// it, so the applier only reads it (issue 16, session 33). Relations are the same as with a profile the applier
// builds, and a payload staged by an older worker (no profile) still applies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_ENGINE_SETTINGS, emptyIngestReport, Engine, type PreparedArticle } from '../../src/engine/index.ts';
import { carriedProfile, prepareForIngest, stagedPayload, stagedWords } from '../../src/engine/prepare.ts';
import { preparedFrom } from '../../src/engine/queue.ts';
import { profileWords, type WordProfile } from '../../src/match/seed-extend.ts';
import type { Relation } from '../../src/model.ts';
import { WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

const SOURCES = [
  ['herald/wire.txt', WIRE_STORY, 'velmont herald'],
  ['post/wire.txt', WIRE_STORY, 'oakmere post'],
  ['gazette/update.txt', WIRE_UPDATE, 'lune gazette'],
  ['courier/lifted.txt', `Our own opening on the weather in the north.\n\n${WIRE_STORY.split('\n\n').slice(1, 4).join('\n\n')}\n\nA closing line of our own, unlike the wire's.`, 'north courier'],
] as const;

function prepared() {
  return SOURCES.map(([path, text, source], at) => {
    const result = prepareForIngest({ origin: { path, format: 'text' }, text, source }, 1_700_000_000_000 + at * 1000, DEFAULT_ENGINE_SETTINGS.sketch);
    assert.ok(result.ok);
    return result;
  });
}

/** The relations an engine on a fresh store makes of `batches`, applied one after another. */
async function relationsOf(batches: PreparedArticle[][]): Promise<Relation[]> {
  const engine = Engine.openSqlite(':memory:');
  try {
    const report = emptyIngestReport();
    for (const batch of batches) await engine.applyBatch(batch, report);
    const relations: Relation[] = [];
    for (const batch of batches) for (const { article } of batch) relations.push(...(await engine.store.relationsOf(article.id)));
    return relations;
  } finally {
    await engine.close();
  }
}

const plain = (profile: WordProfile | undefined) => profile === undefined ? undefined : { ...profile, starts: [...profile.starts], ends: [...profile.ends], stop: [...profile.stop] };

test('a staged payload carries the word profile the applier would build, and reads back equal', () => {
  for (const article of prepared()) {
    const read = preparedFrom(JSON.stringify(stagedPayload(article)));
    assert.ok(read.words !== undefined, 'before: the applier built every arriving profile itself');
    assert.deepEqual(plain(carriedProfile(read.words)), plain(profileWords(article.article.text)));
    assert.deepEqual(plain(carriedProfile(article.words)), plain(profileWords(article.article.text)));
  }
});

test('articles carrying their profiles relate as articles whose profiles the applier builds, staged or in memory', async () => {
  const articles = prepared();
  const built = await relationsOf(articles.map(({ article }) => [{ article }]));
  assert.ok(built.length >= 3, `the fixtures relate (${built.length})`);
  const inMemory = await relationsOf(articles.map(({ article, sketch, frequencies, paragraphKeys, words }) => [{ article, sketch, frequencies, paragraphKeys, words }]));
  const staged = await relationsOf(articles.map((article) => [preparedFrom(JSON.stringify(stagedPayload(article)))]));
  assert.deepEqual(inMemory, built);
  assert.deepEqual(staged, built);
  // In one batch too (stream order, profiles cached within the batch).
  assert.deepEqual(await relationsOf([articles.map((article) => preparedFrom(JSON.stringify(stagedPayload(article))))]), await relationsOf([articles.map(({ article }) => ({ article }))]));
});

test('the applier reads the carried profile rather than building its own', async () => {
  const articles = prepared();
  // The last arrival carries the profile of an unrelated text: aligned with it, the copies find nothing.
  const unrelated = profileWords('A council meeting on parking fees in the old market square ended without a vote on Monday evening.');
  const batches = articles.map(({ article, sketch }, at) => [at === articles.length - 1 ? { article, sketch, words: unrelated } : { article, sketch }]);
  const last = articles.at(-1)!.article.id;
  assert.equal((await relationsOf(batches)).filter((relation) => relation.a === last || relation.b === last).length, 0);
});

test('a payload staged without a profile (a worker before session 33) applies with the profile built by the applier', async () => {
  const articles = prepared();
  const older = articles.map((article) => {
    const { wordStems, wordSpans, ...rest } = stagedPayload(article);
    assert.ok(wordStems !== undefined && wordSpans !== undefined);
    return preparedFrom(JSON.stringify(rest));
  });
  assert.equal(older[0]!.words, undefined);
  assert.deepEqual(await relationsOf(older.map((article) => [article])), await relationsOf(articles.map(({ article }) => [{ article }])));
});

test('a profile the staged form cannot hold is left to the applier; a staged form that does not hold together is not read', () => {
  const text = `Opening words here.${' '.repeat(70_000)}Closing words there.`;
  const long = profileWords(text);
  assert.equal(stagedWords(long), undefined, 'a gap of 70,000 characters');
  const short = profileWords('Three short words and a stopword.');
  const staged = stagedWords(short)!;
  assert.deepEqual(plain(carriedProfile(staged)), plain(short));
  // A stem holding the separator would shift every stem after it.
  assert.equal(carriedProfile({ ...staged, wordStems: staged.wordStems.replace('three', 'thr ee') }), undefined);
  assert.equal(carriedProfile({ ...staged, wordSpans: staged.wordSpans.slice(0, 4) }), undefined);
  assert.deepEqual(plain(carriedProfile(stagedWords(profileWords(''))!)), plain(profileWords('')));
});
