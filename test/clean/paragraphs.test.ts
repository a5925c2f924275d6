import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText } from '../../src/clean/index.ts';
import { wordCount } from '../../src/clean/blocks.ts';

test('blank lines separate paragraphs; lines inside a paragraph are joined with a space', () => {
  const text = 'Ferry crossings suspended\n\nThe first line of a wrapped\nparagraph continues here.\n\nA second  \t paragraph\u00a0stands alone.\n';
  const out = cleanText({ text, format: 'text' });
  assert.equal(out.title, 'Ferry crossings suspended');
  assert.deepEqual(out.paragraphs, [
    'The first line of a wrapped paragraph continues here.',
    'A second paragraph stands alone.',
  ]);
});

test('without blank lines every non-empty line is a paragraph', () => {
  const text = 'Ferry crossings suspended\nThe harbour is closed.\nCrews are clearing the quay.\nThe council meets on Friday.';
  const out = cleanText({ text, format: 'text' });
  assert.equal(out.title, 'Ferry crossings suspended');
  assert.deepEqual(out.paragraphs, ['The harbour is closed.', 'Crews are clearing the quay.', 'The council meets on Friday.']);
});

test('blank lines only at the ends do not switch to block mode', () => {
  const text = '\n\nFerry crossings suspended\nThe harbour is closed.\nCrews are clearing the quay.\n\n\n';
  const out = cleanText({ text, format: 'text' });
  assert.deepEqual(out.paragraphs, ['The harbour is closed.', 'Crews are clearing the quay.']);
});

test('CRLF line ends, whitespace-only lines and zero-width characters are handled', () => {
  const text = 'Ferry crossings suspended\r\n   \r\nThe harbour\u200b is closed\r\nfor the week.\r\n\t\r\nCrews are clearing the quay.\r\n';
  const out = cleanText({ text, format: 'text' });
  assert.deepEqual(out.paragraphs, ['The harbour is closed for the week.', 'Crews are clearing the quay.']);
});

test('empty and boilerplate-only input gives no paragraphs and no title', () => {
  assert.deepEqual(cleanText({ text: '', format: 'text' }), { paragraphs: [], dropped: [] });
  const out = cleanText({ text: 'Share this:\n\nimage beacon\n', format: 'text' });
  assert.deepEqual(out.paragraphs, []);
  assert.equal(out.title, undefined);
  assert.deepEqual(out.dropped.map((d) => d.rule), ['share-bar', 'beacon']);
});

test('wordCount counts as text.trim().split(/\\s+/) does, for every kind of whitespace', () => {
  const split = (text: string) => (text.trim() === '' ? 0 : text.trim().split(/\s+/).length);
  for (let code = 0; code < 0x10000; code++) {
    const character = String.fromCharCode(code);
    for (const text of [character, `a${character}b`, `${character}${character}a ${character}`]) assert.equal(wordCount(text), split(text), `U+${code.toString(16)}`);
  }
  for (const text of ['', '   ', ' one  two\tthree\n', '\u00a0a\u2003b\u3000c\ufeff', 'a\u200bb']) assert.equal(wordCount(text), split(text), JSON.stringify(text));
});
