// A deleted article's words leave its story: the story's centroid is made again from the members left, so it
// no longer draws arrivals on words only the deleted article wrote (session-33 walk leftover), on both stores.
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';
import { testSchema } from '../store/helpers/postgres.ts';

const BODY = [
  'A harbour crane collapsed in Rotterdam on Tuesday morning, injuring two dock workers and halting container traffic at the Maasvlakte terminal, port officials said.',
  'The crane, operated by a private stevedoring company, had passed an inspection last month, according to the harbour master, who ordered checks of every crane of the same type.',
  'Police cordoned off the quay while investigators examined the fallen boom and questioned the operator, who was not hurt.',
].join('\n\n');
const EXTRA = 'Separately, a Quetzalcoatl zeppelin exhibition opened at the Zwijndrecht hangar, where the Quetzalcoatl airship replica draws zeppelin collectors.';

const LINES = [
  { id: 'wire', title: 'Harbour crane collapses in Rotterdam', source: 'wire.example', published: '2026-11-03T09:00:00Z', text: BODY },
  { id: 'copy', title: 'Harbour crane collapses in Rotterdam', source: 'copy.example', published: '2026-11-03T11:00:00Z', text: `${BODY}\n\n${EXTRA}` },
].map((line) => JSON.stringify(line)).join('\n');

async function checkDelete(engine: Engine): Promise<void> {
  await engine.ingestJsonLines(`${LINES}\n`);
  const { storyId } = await engine.article('copy');
  assert.ok(storyId !== undefined);
  assert.equal((await engine.article('wire')).storyId, storyId, 'the copy joins the wire story');
  const before = (await engine.store.getStoryState(storyId))!;
  assert.ok(before.centroid.terms().some((term) => term.includes('quetzalcoatl')), 'the copy brought its words');

  await engine.deleteArticle('copy');
  const after = (await engine.store.getStoryState(storyId))!;
  assert.equal(after.size, 1);
  assert.deepEqual(after.centroid.terms().filter((term) => term.includes('quetzalcoatl') || term.includes('zeppelin')), []);
  assert.ok(after.centroid.terms().some((term) => term.includes('crane')));

  await engine.deleteArticle('wire');
  assert.equal((await engine.store.getStoryState(storyId))!.centroid.size, 0, 'a story with no article left draws none');
}

test('sqlite: deleting an article takes its words out of its story', async () => {
  const engine = Engine.openSqlite(join(await mkdtemp(join(tmpdir(), 'newsfold-delete-terms-')), 'store.db'));
  try {
    await checkDelete(engine);
  } finally {
    await engine.close();
  }
});

test('postgres: deleting an article takes its words out of its story', async (t) => {
  const schema = await testSchema('nf_delete_terms');
  if ('skip' in schema) return t.skip(schema.skip);
  const engine = await Engine.open(schema.url);
  try {
    await checkDelete(engine);
  } finally {
    await engine.close();
    await schema.drop();
  }
});
