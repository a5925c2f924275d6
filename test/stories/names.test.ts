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

test('a story\'s names: no German sentence openers ("Die ARD", "Beim Unfall", "Erfahren Sie"), and none that starts with a connector ("of England") (walk, session 31)', async () => {
  const de = 'Die ARD berichtete am Montag über den Unfall auf der Autobahn bei Kassel. Beim Unfall wurden drei Menschen verletzt, sagte die Polizei. Die ARD zeigte Bilder von der Unfallstelle. Im Winter sind die Straßen dort oft glatt, und die Polizei Nordhessen warnt Autofahrer. Erfahren Sie mehr über die Lage. Polizeisprecher Thomas Becker sagte, die Autobahn sei wieder frei. Thomas Becker bat Zeugen, sich zu melden. Beim Unfall war auch ein Lastwagen beteiligt. Die ARD und das ZDF berichten weiter.';
  const en = 'Bank of England raised its main interest rate on Thursday. The Bank of England said inflation was still too high. Bank of England officials will meet again in March. Governor Andrew Bailey said the decision was not easy. Andrew Bailey added that prices would fall next year.';
  const engine = Engine.openSqlite(':memory:');
  await engine.ingestJsonLines([{ id: 'de1', title: 'Unfall auf der Autobahn bei Kassel', text: de }, { id: 'en1', title: 'Rates rise again', text: en }].map((record) => `${JSON.stringify(record)}\n`).join(''));
  const rows = (await engine.storyPage({ limit: 20 })).stories;
  const namesOf = (headline: string) => rows.find((row) => row.headline === headline)!.topNames;
  assert.deepEqual(namesOf('Unfall auf der Autobahn bei Kassel'), ['Thomas Becker', 'Polizei Nordhessen'], 'before: Die ARD, Beim Unfall, Thomas Becker, Erfahren Sie, Im Winter');
  assert.deepEqual(namesOf('Rates rise again'), ['Andrew Bailey', 'Bank of England'], 'before: Andrew Bailey, of England, Bank of England');
  await engine.close();
});
