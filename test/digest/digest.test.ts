import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDigest, isOneOutlet } from '../../src/digest/index.ts';
import { independentSupport } from '../../src/digest/units.ts';
import type { Relation } from '../../src/model.ts';
import { articleFrom, LIFTING_PAGE, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

const INDEPENDENT_REPORT = `Dunmere homes flooded after barrier breach

Water poured into the lower town of Dunmere on Sunday after a temporary flood barrier on the River Lune collapsed before dawn.

Fire crews in boats rescued residents from upper floors on Mill Street, where the water was more than a metre deep.

The Environment Office said river levels had peaked at 5.2 metres overnight, the highest reading since records began at the Dunmere gauge in 1968.

He added that the barrier would be inspected.

Residents said they had warned the council about the barrier for months.`;

test('every digest sentence cites its sources, and a sentence carried by several outlets cites them all', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const report = articleFrom('report.txt', INDEPENDENT_REPORT);
  const digest = buildDigest({ storyId: 's', articles: [wire, report], relations: [], words: 200 });
  assert.ok(digest.sentences.length > 0);
  for (const sentence of digest.sentences) assert.ok(sentence.sources.length > 0, sentence.text);
  const shared = digest.sentences.find((sentence) => sentence.text.includes('5.2 metres'));
  assert.deepEqual(shared?.sources, [wire.id, report.id], 'the corroborated sentence is chosen and cites both, earliest first');
  assert.ok(digest.words <= 200);
});

test('a sentence that points back ("He added...") comes only right after the sentence it points to', () => {
  const report = articleFrom('report.txt', INDEPENDENT_REPORT);
  const alone = buildDigest({ storyId: 's', articles: [report], relations: [], words: 500 });
  const pointing = alone.sentences.findIndex((sentence) => sentence.text.startsWith('He added'));
  assert.ok(pointing > 0, 'with room for both, the pair is kept');
  assert.match(alone.sentences[pointing - 1]!.text, /^The Environment Office said/);
  // With the wire first, that antecedent is shown from the wire: "He added" would follow the wrong sentence.
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const both = buildDigest({ storyId: 's', articles: [wire, report], relations: [], words: 500 });
  assert.ok(!both.sentences.some((sentence) => sentence.text.startsWith('He added')));
  const tight = buildDigest({ storyId: 's', articles: [report], relations: [], words: 30 });
  for (const [index, sentence] of tight.sentences.entries()) {
    if (sentence.text.startsWith('He added')) assert.match(tight.sentences[index - 1]?.text ?? '', /^The Environment Office said/);
  }
});

test('the word budget is respected', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const digest = buildDigest({ storyId: 's', articles: [wire], relations: [], words: 40 });
  assert.ok(digest.words <= 40);
  assert.ok(digest.sentences.length >= 1);
});

test('copies count once: outlets joined by a copy relation are one source of support', () => {
  const related = (a: string, b: string) => (a === 'wire' && b === 'copy') || (a === 'copy' && b === 'wire');
  assert.equal(independentSupport(['wire', 'copy', 'report'], related), 2);
  assert.equal(independentSupport(['wire', 'report'], related), 2);
});

test('a version and a page lifting from it add their ids to the sentences they carry', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const update = articleFrom('update.txt', WIRE_UPDATE);
  const page = articleFrom('page.txt', LIFTING_PAGE);
  const relations: Relation[] = [
    { a: wire.id, b: update.id, kind: 'version', score: 0.9, coverage: { a: 1, b: 0.9 }, direction: { known: true, reason: 't' }, passages: [] },
  ];
  const digest = buildDigest({ storyId: 's', articles: [wire, update, page], relations, words: 400 });
  const boats = digest.sentences.find((sentence) => sentence.text.startsWith('Firefighters used boats'));
  assert.deepEqual(boats?.sources, [wire.id, update.id, page.id]);
});

test('outlets: copies, versions and whole-article spins are one outlet; a spun or lifted passage leaves the page its own', () => {
  const relation = (kind: Relation['kind'], a: number, b: number): Relation => ({
    a: 'x',
    b: 'y',
    kind,
    score: Math.max(a, b),
    coverage: { a, b },
    direction: { known: false, reason: 'test' },
    passages: [],
  });
  assert.equal(isOneOutlet(relation('duplicate', 1, 1)), true);
  assert.equal(isOneOutlet(relation('version', 0.8, 0.9)), true);
  assert.equal(isOneOutlet(relation('rewrite', 0.9, 0.85)), true, 'an article spun as a whole');
  // Two spun sentences in a host three times longer (issue 21's planted shape): the host is another outlet.
  assert.equal(isOneOutlet(relation('rewrite', 0.12, 0.4)), false, 'a spun passage');
  assert.equal(isOneOutlet(relation('reuse', 0.3, 0.9)), false, 'a lifted passage');
});
