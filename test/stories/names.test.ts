// The names a story's row shows: spans as the articles write them (issue 20 item 3, session 30).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Engine } from '../../src/engine/index.ts';
import { writtenName } from '../../src/stories/names.ts';

test('an entity term is shown as the text writes it, or not at all', () => {
  const text = 'Glaciologists said it was a reminder. "Basal water is hard to capture," said Dr. Farrokh Amani of the Tindra Ice Observatory.';
  assert.equal(writtenName('dr farrokh amani', text), 'Dr. Farrokh Amani', 'the abbreviation keeps its dot');
  assert.equal(writtenName('tindra ice observatory', text), 'Tindra Ice Observatory');
  assert.equal(writtenName('corvid nimbus', 'If you bought a Corvid Nimbus 3 in the past year, look at it.'), 'Corvid Nimbus 3', 'a model number belongs to the name');
  assert.equal(writtenName('thursday brenner', 'The harbour stays closed until Thursday, Brenner said.'), undefined, 'two names across a comma are not one');
  assert.equal(writtenName('corvid nimbus', "It was the best seller in Corvid's Nimbus range."), undefined, 'a possessive joins two names');
  assert.equal(writtenName('port alder', "Oil reached Port Alder's marshes."), 'Port Alder', 'a possessive after the name is left out');
  assert.equal(writtenName('bank of england', 'The Bank of England held rates.'), 'Bank of England');
  assert.equal(writtenName('port alder', 'a port alder grows there'), undefined, 'not capitalised: not a name');
});

test('the bundled examples list names as their articles write them', async () => {
  const engine = Engine.openSqlite(':memory:');
  await engine.ingest([join(import.meta.dirname, '..', '..', 'examples')]);
  const page = await engine.storyPage({ limit: 20 });
  const names = page.stories.flatMap((row) => row.topNames);
  assert.ok(names.includes('Dr. Farrokh Amani'), names.join(', '));
  assert.ok(names.includes('Corvid Nimbus 3'), names.join(', '));
  assert.ok(!names.includes('Dr Farrokh Amani') && !names.includes('Corvid Nimbus'), names.join(', '));
  await engine.close();
});

test('a name found in an article does not keep the article text alive (a story keeps its names as long as it lives)', () => {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const filler = 'The committee met again on Tuesday to review the findings. '.repeat(40_000); // about 2.4 MB a text
  collect();
  const before = process.memoryUsage().heapUsed;
  const names: string[] = [];
  for (let index = 0; index < 20; index++) names.push(writtenName('tindra ice observatory', `${filler}${index} Said the Tindra Ice Observatory today.`)!);
  collect();
  const kept = process.memoryUsage().heapUsed - before;
  assert.equal(names.length, 20);
  // 20 texts of 2.4 MB (twice that as two-byte) would be 48 MB or more if each name were a slice of its text.
  assert.ok(kept < 8_000_000, `the names keep ${kept} bytes`);
});
