import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NEAR_COPY_MIN_SIMILARITY, SentenceIndex, sentenceSimilarity, type SentenceProfile } from '../../src/match/sentences.ts';
import { tokenize } from '../../src/text/tokens.ts';

const profile = (text: string, index: number): SentenceProfile => {
  const tokens = tokenize(text);
  const stems = new Set(tokens.map((token) => token.stem));
  const contentStems = [...new Set(tokens.filter((token) => !token.stop).map((token) => token.stem))];
  return { index, span: { start: 0, end: text.length, paragraph: 0 }, stems, contentStems, words: tokens.length };
};

/** Every pair compared: the near-copies the index must find, no more and no fewer. */
function allPairs(entries: readonly SentenceProfile[], probe: SentenceProfile): { id: number; similarity: number }[] {
  if (probe.words < 5) return [];
  return entries
    .map((entry, id) => ({ id, entry, shared: probe.contentStems.filter((stem) => entry.contentStems.includes(stem)).length }))
    .filter(({ entry, shared }) => entry.words >= 5 && shared >= 3)
    .map(({ id, entry }) => ({ id, similarity: sentenceSimilarity(probe, entry) }))
    .filter(({ similarity }) => similarity >= NEAR_COPY_MIN_SIMILARITY)
    .sort((x, y) => y.similarity - x.similarity || x.id - y.id);
}

test('the sentence index finds exactly the near-copies every pair compared finds, probe after probe (its counts start afresh each time)', () => {
  const words = ['police', 'said', 'the', 'fire', 'started', 'in', 'a', 'warehouse', 'near', 'river', 'on', 'Monday', 'night', 'and', 'spread', 'to', 'homes', 'officials', 'reported', 'damage'];
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const base = Array.from({ length: 12 }, () => Array.from({ length: 8 + Math.floor(random() * 10) }, () => words[Math.floor(random() * words.length)]!));
  // Rewrites of a few base sentences (a word dropped or swapped), so probes find several near-copies and many partial ones.
  const texts = Array.from({ length: 150 }, (_, at) => {
    const sentence = [...base[at % base.length]!];
    if (random() < 0.5) sentence.splice(Math.floor(random() * sentence.length), 1);
    if (random() < 0.5) sentence[Math.floor(random() * sentence.length)] = words[Math.floor(random() * words.length)]!;
    return `${sentence.join(' ')}.`;
  });
  const index = new SentenceIndex();
  const entries: SentenceProfile[] = [];
  let found = 0;
  texts.forEach((text, at) => {
    const probe = profile(text, at);
    const expected = allPairs(entries, probe);
    assert.deepEqual(index.nearCopies(probe), expected, text);
    found += expected.length;
    index.add(probe);
    entries.push(probe);
  });
  assert.ok(found > 100, `the test's sentences have near-copies to find (${found})`);
});
