import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractPage } from '../../src/extract/index.ts';
import { pageProseLength } from '../../src/extract/readability.ts';

const MENU = `<ul>${Array.from({ length: 40 }, (_, index) => `<li><a href="/s${index}">Section number ${index} of the site</a></li>`).join('')}</ul>`;
const SHORT_ARTICLE = `<div class="article-body"><p>${'The council met on Monday to discuss the harbour, and it agreed on repairs. '.repeat(4)}</p></div>`;
const LONG_STORY = `<div class="story"><p>${'Residents said the new ferry timetable, which starts in May, will help commuters. '.repeat(12)}</p><p>${'The mayor added that funding, from the regional budget, is secured for two years. '.repeat(12)}</p></div>`;

test('page prose: paragraph text counts; link menus, scripts, styles and noscript do not', () => {
  const page = `<html><head><script>var x = "${'y'.repeat(5000)}";</script><style>p { color: red }</style></head><body><nav>${MENU}</nav>${SHORT_ARTICLE}<noscript>${'Please enable JavaScript. '.repeat(50)}</noscript></body></html>`;
  assert.equal(pageProseLength(page), 303, 'only the article paragraph (303 characters once whitespace is collapsed)');
  const extracted = extractPage(page);
  assert.equal(extracted.method, '.article-body', 'the page has no prose Readability could win with, so ours stands');
});

test('a short own result on a page with more prose elsewhere is still checked against Readability', () => {
  const page = `<html><body>${MENU}${SHORT_ARTICLE}${LONG_STORY}</body></html>`;
  assert.ok(pageProseLength(page) > 3 * 303);
  const extracted = extractPage(page);
  assert.equal(extracted.method, 'readability');
  assert.match(extracted.text, /regional budget/);
});
