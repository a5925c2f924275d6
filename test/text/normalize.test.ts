import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForHash, normalizeText } from '../../src/text/normalize.ts';

test('curly quotes become straight', () => {
  assert.equal(normalizeText('“Never,” she said. ‘Not once.’ It’s done.'), '"Never," she said. \'Not once.\' It\'s done.');
  assert.equal(normalizeText('„Ja“ und «oui»'), '"Ja" und "oui"');
});

test('every dash becomes a hyphen', () => {
  assert.equal(normalizeText('north — south – east ‒ west − 3 ― end'), 'north - south - east - west - 3 - end');
});

test('odd spaces, invisibles and runs of whitespace', () => {
  assert.equal(normalizeText('  a\u00a0b\u2009c\u202fd\u3000e\t\n\nf  '), 'a b c d e f');
  assert.equal(normalizeText('co\u00adop\u200beration'), 'cooperation');
});

test('NFKC folds compatibility forms', () => {
  assert.equal(normalizeText('ﬁnal ＡＢＣ ½'), 'final ABC 1⁄2');
});

test('normalizeForHash: equal bodies after normalisation hash the same', () => {
  const a = '“The pier is closed,” the harbour office said — until Thursday.';
  const b = '"the pier is closed", The Harbour Office said -- until thursday';
  assert.equal(normalizeForHash(a), normalizeForHash(b));
  assert.equal(normalizeForHash(a), 'the pier is closed the harbour office said until thursday');
});

test('normalizeForHash keeps punctuation inside words and symbols', () => {
  assert.equal(normalizeForHash("It's 3.5% of $2,000 in the U.S. (e-mail)"), "it's 3.5% of $2,000 in the u.s e-mail");
  assert.notEqual(normalizeForHash('The pier is closed.'), normalizeForHash('The pier is open.'));
});
