import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractPage } from '../../src/extract/index.ts';
import { pageProseLength, parseFullDom, readabilityTests } from '../../src/extract/readability.ts';

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

test('Readability\'s byline, empty-element and visibility tests: the lean ones answer as its own on every element', () => {
  const page = `<html><head><title>Harbour</title></head><body>
    <div class="byline">By <a rel="author" href="/a">Ana Lind</a></div><span itemprop="author">  </span><p class="author">${'x'.repeat(120)}</p>
    <div>  <br> <hr> </div><section> <!-- a comment only --> </section><div><span> </span></div><h2>&nbsp;</h2><div><![CDATA[ data ]]></div><div>\u2003\u00a0</div><div>\u200b</div>
    <div style="display: none">hidden</div><div style="visibility:hidden; color: red">x</div><div style="color: red">shown</div><div style="">e</div>
    <div hidden>h</div><div aria-hidden="true">a</div><div aria-hidden="true" class="mwe-math-fallback-image-inline">m</div><div aria-hidden="false">f</div>
    <svg><text>Drawn</text></svg>${SHORT_ARTICLE}${LONG_STORY}</body></html>`;
  const document = parseFullDom(page) as { querySelectorAll(selectors: string): ArrayLike<{ className: string; id: string }> };
  const { own, lean } = readabilityTests(document);
  const elements = Array.from(document.querySelectorAll('*'));
  assert.ok(elements.length > 30);
  let byline = 0;
  let empty = 0;
  let hidden = 0;
  for (const element of elements) {
    const node = element as never;
    const matchString = `${element.className} ${element.id}`;
    // Readability reads each answer as a condition (its own can be '' for false).
    assert.equal(lean._isValidByline(node, matchString), Boolean(own._isValidByline(node, matchString)));
    assert.equal(lean._isElementWithoutContent(node), Boolean(own._isElementWithoutContent(node)));
    assert.equal(lean._isProbablyVisible(node), Boolean(own._isProbablyVisible(node)));
    if (own._isValidByline(node, matchString)) byline++;
    if (own._isElementWithoutContent(node)) empty++;
    if (!own._isProbablyVisible(node)) hidden++;
  }
  // Each test answers both ways on this page, so the comparison means something.
  assert.ok(byline >= 2 && empty >= 4 && hidden >= 4, `${byline} ${empty} ${hidden}`);
});

test('the lean tests build no element\'s text where Readability\'s own built it for every element', () => {
  const page = `<html><body><div class="wrap"><div class="inner">${LONG_STORY}</div><div><p>${'Text of a second block, long enough. '.repeat(5)}</p></div></div></body></html>`;
  const document = parseFullDom(page) as { querySelectorAll(selectors: string): ArrayLike<object> };
  const { lean } = readabilityTests(document);
  let built = 0;
  const elements = Array.from(document.querySelectorAll('div, p'));
  for (const element of elements) {
    const own = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(element))), 'textContent')
      ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(Object.getPrototypeOf(element)))), 'textContent');
    Object.defineProperty(element, 'textContent', { get() { built++; return own!.get!.call(this); } });
  }
  for (const element of elements) {
    lean._isValidByline(element as never, 'wrap');
    lean._isElementWithoutContent(element as never);
    lean._isProbablyVisible(element as never);
  }
  assert.equal(built, 0);
});
