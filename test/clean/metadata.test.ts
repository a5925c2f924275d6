import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText } from '../../src/clean/index.ts';
import { findDate } from '../../src/clean/metadata.ts';
import { BODY, HEADLINE, LEAD, page } from './fixtures.ts';

test('a byline gives the author, and its outlet when no stronger source is named', () => {
  const out = cleanText({ text: page(HEADLINE, LEAD, ...BODY, 'By Maren O. Falk, Meridian Press.'), format: 'text' });
  assert.equal(out.byline, 'Maren O. Falk');
  assert.equal(out.sourceHint, 'Meridian Press');
});

test('a logo line gives outlet, date and author', () => {
  const logo = 'The Gull Haven Gazette logo The Gull Haven Gazette 3/7/2024 Ivo Brandt';
  const out = cleanText({ text: page(HEADLINE, logo, LEAD, ...BODY), format: 'text' });
  assert.equal(out.sourceHint, 'The Gull Haven Gazette');
  assert.equal(out.publishedHint, '2024-03-07');
  assert.equal(out.byline, 'Ivo Brandt');
  assert.equal(out.title, HEADLINE);
});

test('a copyright holder names the source; wire agencies get their usual name', () => {
  const ap = 'Copyright 2024 The Associated Press. All rights reserved.';
  assert.equal(cleanText({ text: page(HEADLINE, LEAD, ap), format: 'text' }).sourceHint, 'Associated Press');
  const other = '© 2024 Example Media LLC';
  assert.equal(cleanText({ text: page(HEADLINE, LEAD, other), format: 'text' }).sourceHint, 'Example Media LLC');
});

test('a company "doing business as" an outlet is reported by its trading name', () => {
  const line = '© 2024 Example Media LLC d/b/a The Gull Haven Gazette';
  const out = cleanText({ text: page(HEADLINE, LEAD, line, 'The Gull Haven Gazette'), format: 'text' });
  assert.equal(out.sourceHint, 'The Gull Haven Gazette');
  assert.ok(out.dropped.some((d) => d.rule === 'outlet-name'));
});

test('source priority: logo line, then copyright holder, then byline outlet, then dateline agency', () => {
  const logo = 'The Gull Haven Gazette logo The Gull Haven Gazette';
  const copyright = 'Copyright 2024 Example Media LLC. All rights reserved.';
  const byline = 'By Maren Falk, Harbour Weekly';
  const all = cleanText({ text: page(HEADLINE, byline, LEAD, copyright, logo), format: 'text' });
  assert.equal(all.sourceHint, 'The Gull Haven Gazette');
  const noLogo = cleanText({ text: page(HEADLINE, byline, LEAD, copyright), format: 'text' });
  assert.equal(noLogo.sourceHint, 'Example Media LLC');
  const bylineOnly = cleanText({ text: page(HEADLINE, byline, LEAD), format: 'text' });
  assert.equal(bylineOnly.sourceHint, 'Harbour Weekly');
  const datelineOnly = cleanText({ text: page(HEADLINE, LEAD), format: 'text' });
  assert.equal(datelineOnly.sourceHint, 'MP');
});

test('publishedHint comes only from metadata lines, never from body text', () => {
  const body = 'The crane was last inspected on 1/20/2024 and again on March 2, 2024.';
  const out = cleanText({ text: page(HEADLINE, LEAD, body), format: 'text' });
  assert.equal(out.publishedHint, undefined);
  assert.deepEqual(out.paragraphs.at(-1), body);
});

test('a "Published" line dates the page; an "Updated" line does not', () => {
  const published = cleanText({ text: page(HEADLINE, 'Published: March 7, 2024', LEAD), format: 'text' });
  assert.equal(published.publishedHint, '2024-03-07');
  const updated = cleanText({ text: page(HEADLINE, 'Updated: March 8, 2024', LEAD), format: 'text' });
  assert.equal(updated.publishedHint, undefined);
});

test('a byline with a date gives publishedHint', () => {
  const out = cleanText({ text: page(HEADLINE, 'By Ivo Brandt, 7 March 2024', LEAD), format: 'text' });
  assert.equal(out.byline, 'Ivo Brandt');
  assert.equal(out.publishedHint, '2024-03-07');
});

test('findDate reads the usual forms and refuses impossible dates', () => {
  assert.equal(findDate('1/20/2016')?.iso, '2016-01-20');
  assert.equal(findDate('2016-01-20')?.iso, '2016-01-20');
  assert.equal(findDate('Jan. 20, 2016')?.iso, '2016-01-20');
  assert.equal(findDate('Sept. 3, 2019')?.iso, '2019-09-03');
  assert.equal(findDate('20 January 2016')?.iso, '2016-01-20');
  assert.equal(findDate('2/30/2016'), undefined);
  assert.equal(findDate('13/1/2016'), undefined);
  assert.equal(findDate('no date here'), undefined);
});

test('fields that were not found are absent, not undefined-valued', () => {
  const out = cleanText({ text: page(BODY[0]!, BODY[1]!), format: 'text' });
  assert.deepEqual(Object.keys(out).sort(), ['dropped', 'paragraphs']);
});
