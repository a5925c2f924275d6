// tokensOfSpans hands each sentence its tokens from one scan of the whole text: they must be exactly the tokens
// of scanning the sentence alone (offsets made absolute), including where a sentence boundary cuts a word.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitSentences } from '../../src/text/sentences.ts';
import { tokenize, tokensOfSpans } from '../../src/text/tokens.ts';

function spansOf(text: string) {
  return splitSentences(text, [{ start: 0, end: text.length }]);
}

function assertSameAsAlone(text: string, spans: readonly { start: number; end: number }[]) {
  const shared = tokensOfSpans(text, spans, tokenize(text));
  spans.forEach((span, i) => assert.deepEqual(shared[i], tokenize(text.slice(span.start, span.end), span.start), JSON.stringify(text.slice(span.start, span.end))));
}

test('each sentence gets the tokens of scanning it alone', () => {
  for (const text of [
    'The U.S. Navy said on Jan. 20 that 3,500 sailors were home. Jean-Yves Drian’s office agreed!',
    '"It is over." Carter said. Mr. Smith, 45, left at 3.5 p.m. on Monday.',
    'Prices rose 20-30% in example.com listings... Then they fell.',
  ]) {
    assertSameAsAlone(text, spansOf(text));
  }
});

test('a span that cuts a word, and text with unspaced scripts, are scanned on their own', () => {
  const glued = 'The vote ended.Then the count began.';
  // A boundary inside "ended.Then", which the whole-text scan reads as one word.
  assertSameAsAlone(glued, [{ start: 0, end: 15 }, { start: 15, end: glued.length }]);
  const mixed = '张茜 said the talks were useful. 警察 arrived later.';
  assertSameAsAlone(mixed, spansOf(mixed));
});
