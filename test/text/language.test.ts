import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage, ENGLISH_STOPWORD_SHARE_MIN } from '../../src/text/language.ts';
import { tokenize } from '../../src/text/tokens.ts';

test('English news reads as "en"', () => {
  const text =
    'The harbour office said on Tuesday that the night ferry would not sail until the storm had passed, ' +
    'and that passengers who had booked for the weekend could change their tickets at no cost.';
  assert.equal(detectLanguage(tokenize(text)), 'en');
});

test('other languages are "und"', () => {
  const german = 'Die Fähre zur Insel fällt wegen des Sturms bis Donnerstag aus, teilte die Hafenverwaltung am Dienstag mit.';
  const french = 'Le ferry de nuit ne partira pas avant la fin de la tempête, a indiqué mardi la capitainerie du port.';
  assert.equal(detectLanguage(tokenize(german)), 'und');
  assert.equal(detectLanguage(tokenize(french)), 'und');
});

test('too few words, or only numbers, say nothing', () => {
  assert.equal(detectLanguage(tokenize('The end of it')), 'und');
  assert.equal(detectLanguage(tokenize('12 14 16 18 20 22 24 26 28 30')), 'und');
  assert.equal(detectLanguage([]), 'und');
});

test('the threshold sits well below English news', () => {
  assert.ok(ENGLISH_STOPWORD_SHARE_MIN > 0.1 && ENGLISH_STOPWORD_SHARE_MIN < 0.3);
});
