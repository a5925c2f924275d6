import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relatable, relate } from '../../src/match/relate.ts';
import { alignedSimilarity, alignWords, findSeeds, profileWords, SEED_WORDS, type WordProfile } from '../../src/match/seed-extend.ts';
import { articleFrom, UNRELATED, WIRE_STORY } from '../fixtures.ts';

const ORIGINAL =
  'The harbour authority said on Tuesday that the old ferry terminal would close for repairs next spring. ' +
  'Engineers found rust in the steel piles that hold up the passenger deck, and divers will inspect the rest in March.';

function alignedText(a: string, b: string): { a: string[]; b: string[]; similarity: number[] } {
  const alignment = alignWords(profileWords(a), profileWords(b));
  return {
    a: alignment.passages.map((p) => a.slice(p.a.start, p.a.end)),
    b: alignment.passages.map((p) => b.slice(p.b.start, p.b.end)),
    similarity: alignment.passages.map((p) => p.similarity),
  };
}

test('a swapped word inside a sentence stays inside one passage, both ends included', () => {
  const a = 'But the key needs are trainers and surveillance assets, such as drones, officials in the capital said.';
  const b = 'But the vital needs are trainers and surveillance assets, such as drones, officials in the capital said.';
  const found = alignedText(a, b);
  assert.equal(found.a.length, 1);
  assert.ok(found.a[0]!.startsWith('But the key needs'), found.a[0]);
  assert.ok(found.b[0]!.startsWith('But the vital needs'), found.b[0]);
  assert.ok(found.similarity[0]! < 1 && found.similarity[0]! > 0.9);
});

test('insertions, deletions and swaps every few words still give one passage over the whole text', () => {
  const reworded =
    'The port authority said on Tuesday that the former ferry terminal would shut for repairs next spring. ' +
    'Engineers found serious rust in the steel piles that hold up the deck, and divers will examine the rest in March.';
  const found = alignedText(ORIGINAL, reworded);
  assert.equal(found.a.length, 1, JSON.stringify(found));
  assert.ok(found.a[0]!.startsWith('The harbour authority') || found.a[0]!.startsWith('harbour authority') || found.a[0]!.startsWith('authority'));
  assert.ok(found.a[0]!.endsWith('in March'), found.a[0]);
});

test('a sentence split in two aligns with the whole sentence', () => {
  const split =
    'The harbour authority said on Tuesday that the old ferry terminal would close for repairs next spring. ' +
    'Engineers found rust in the steel piles that hold up the passenger deck. Divers will inspect the rest in March.';
  const found = alignedText(ORIGINAL, split);
  assert.equal(found.a.length, 1);
  assert.ok(found.b[0]!.includes('passenger deck. Divers will inspect'));
});

test('unrelated texts sharing a stock phrase align nothing', () => {
  const other = 'The minister said on Tuesday that the budget would be published in the autumn after a review of spending.';
  assert.deepEqual(alignedText(ORIGINAL, other).a, []);
});

test('aligned similarity of sentence pairs: a reworded copy scores above an unrelated sentence', () => {
  const copy = alignedSimilarity(profileWords(ORIGINAL), profileWords(ORIGINAL.replace('old', 'former').replace('close', 'shut')));
  const unrelated = alignedSimilarity(profileWords(ORIGINAL), profileWords('Ticket prices for the summer festival rose again this year.'));
  assert.ok(copy > 0.8, String(copy));
  assert.equal(unrelated, 0);
});

const SPUN_STORY = WIRE_STORY.replace('temporary flood barrier', 'provisional flood wall')
  .replace('gave way early on Sunday', 'collapsed early on Sunday')
  .replace('sending water into', 'pushing water into')
  .replace('used boats to reach', 'used small boats to get to')
  .replace('trapped on upper floors', 'stuck on upper floors')
  .replace('stood more than a metre deep', 'was over a metre deep')
  .replace('never designed to hold back', 'never built to hold back')
  .replace('river levels had peaked', 'water levels had peaked')
  .replace('the highest reading since records began', 'the highest reading since measurements began')
  .replace('handed out blankets and hot drinks', 'gave out blankets and warm drinks')
  .replace('it would review why', 'it would look into why')
  .replace('installed only last autumn', 'put in only last autumn');

test('a spun copy (words swapped, inserted and dropped throughout) is a rewrite, an update stays a version', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const spun = articleFrom('spun.txt', SPUN_STORY);
  const relation = relate(relatable(wire), relatable(spun));
  assert.equal(relation?.kind, 'rewrite');
  assert.ok(relation!.coverage.a > 0.8 && relation!.coverage.b > 0.8, JSON.stringify(relation!.coverage));
  const edited = articleFrom('update.txt', WIRE_STORY.replace('about 60 homes', 'about 85 homes'));
  assert.equal(relate(relatable(wire), relatable(edited))?.kind, 'version');
});

// A two-sentence lift spun in its middle: no three words in a row survive between the opening and closing
// stretches, a word is dropped at each swap, and the untouched words between the swaps still line up.
const LIFTED =
  'Officials from both delegations told reporters on Friday that the talks in Geneva had gone better than expected. ' +
  'The two sides emphasized the urgent need for a new treaty on water rights, and they agreed that the inspectors should return to the disputed sites before the winter.';
const SPUN_LIFT =
  'Officials from both delegations told reporters on Friday that the talks in Geneva had gone better than expected. ' +
  'The two parties emphasized the pressing require for a fresh treaty over water rights, while they concurred the inspectors should return to the disputed sites before the winter.';

test('a spun two-sentence lift with dropped words in a longer unrelated article is a rewrite of its source', () => {
  const source = articleFrom('source.txt', `${WIRE_STORY}\n\n${LIFTED}`);
  const host = articleFrom('host.txt', `${UNRELATED}\n\n${SPUN_LIFT}\n\n${UNRELATED.split('\n\n').reverse().join('\n\n')}`);
  const relation = relate(relatable(source), relatable(host));
  assert.equal(relation?.kind, 'rewrite');
  assert.equal(relation!.passages.length, 1);
  const copied = host.text.slice(relation!.passages[0]!.b.start, relation!.passages[0]!.b.end);
  assert.ok(copied.startsWith('Officials from both delegations') && copied.endsWith('before the winter'), copied);
  assert.ok(relation!.passages[0]!.similarity < 0.95, String(relation!.passages[0]!.similarity));
});

/** Seeds as first written, with a string key per position: what the hashed table must reproduce exactly. */
function seedsByStringKey(a: WordProfile, b: WordProfile): number[] {
  const key = (stems: readonly string[], i: number) => stems.slice(i, i + SEED_WORDS).join('\u0001');
  const positions = new Map<string, number[]>();
  for (let j = 0; j + SEED_WORDS <= b.stems.length; j++) positions.set(key(b.stems, j), [...(positions.get(key(b.stems, j)) ?? []), j]);
  const seeds: number[] = [];
  for (let i = 0; i + SEED_WORDS <= a.stems.length; i++) {
    const list = positions.get(key(a.stems, i));
    if (list !== undefined && list.length <= 8) for (const j of list) seeds.push(i, j);
  }
  return seeds;
}

test('seeds found through hashes are those of a string key per position, refrains over 8 repeats left out', () => {
  let state = 16;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  // A small vocabulary makes many repeated seeds (some past the refrain limit) and many hash-table collisions.
  const vocabulary = ['harbour', 'ferry', 'rust', 'piles', 'deck', 'divers', 'march', 'said', 'the', 'of'];
  const text = (words: number) => Array.from({ length: words }, () => vocabulary[Math.floor(random() * (random() < 0.5 ? 3 : vocabulary.length))]).join(' ');
  let compared = 0;
  for (const [x, y] of [[text(400), text(300)], [text(2), text(50)], [text(60), text(3)], [ORIGINAL, `${ORIGINAL} ${ORIGINAL}`], [text(900), text(900)]]) {
    const a = profileWords(x!);
    const b = profileWords(y!);
    // Twice each way: the second call uses the tables kept from the first.
    for (const [p, q] of [[a, b], [b, a], [a, b], [a, a]] as const) {
      const expected = seedsByStringKey(p, q);
      assert.deepEqual([...findSeeds(p, q)], expected);
      compared += expected.length;
    }
  }
  assert.ok(compared > 1000, `only ${compared} seeds compared`);
});
