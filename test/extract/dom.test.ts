import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentRoot, parsePage, textLength } from '../../src/extract/dom.ts';

const PAGE = `<!DOCTYPE html><html lang="en"><head><title>T</title><meta name="date" content="2024-01-02"><script type="application/ld+json">{}</script><script>var a;</script></head>
<body><div id="wrap"><header class="site-header"><nav><a href="/">Home</a></nav></header>
<article class="hentry"><h1>Headline</h1><time datetime="2024-01-02" class="published" title="2 Jan">2 Jan</time>
<div itemprop="author"><span itemprop="name">Ana</span></div><p class="lead">Lead</p><div class="entry-content"><p>One</p><p>Two <a rel="author" href="#">x</a></p>
<abbr class="published" title="2024-01-02">Jan</abbr></div></article><aside id="side"><p>Side</p><h1>Other</h1></aside></div></body></html>`;

const SELECTORS = ['p', 'h1', 'time', 'a', '[class], [id]', 'article h1', '.hentry .published[title]', '[itemprop="author"] [itemprop="name"]',
  'body .entry-content p', 'main, [role="main"]', '.lead ~ div', 'script[type="application/ld+json"]', 'span'];

test('selector queries answered from the element index match css-select walking the tree', () => {
  // Right after a parse nothing has built the index, and an inner element's query walks the tree with
  // css-select; a query on the document builds the index, and the same inner query is then answered from it.
  const walkedPage = parsePage(PAGE);
  const inner = walkedPage.documentElement.children[1]?.children[0];
  assert.equal(inner?.getAttribute('id'), 'wrap');
  const walked = SELECTORS.map((selector) => Array.from(inner.querySelectorAll(selector), (element) => element.localName + (element.getAttribute('class') ?? '')));
  const document = parsePage(PAGE);
  const wrap = document.querySelector('#wrap');
  assert.ok(wrap !== null);
  const indexed = SELECTORS.map((selector) => Array.from(wrap.querySelectorAll(selector), (element) => element.localName + (element.getAttribute('class') ?? '')));
  assert.deepEqual(indexed, walked);
  assert.equal(wrap.querySelector('[itemprop="author"] [itemprop="name"]')?.textContent, 'Ana');
  assert.equal(document.querySelectorAll('p').length, 4);
  assert.equal(document.querySelector('title')?.textContent, 'T');
});

test('a query after a removal does not return the removed element, whichever way it is answered', () => {
  const document = parsePage(PAGE);
  assert.equal(document.querySelectorAll('h1').length, 2);
  const side = document.querySelector('#side');
  side?.remove();
  const article = document.querySelector('article');
  assert.equal(article?.querySelectorAll('h1').length, 1, 'inner scope after a change: css-select');
  assert.equal(document.querySelectorAll('h1').length, 1, 'document scope after a change: the index is rebuilt');
  assert.equal(article?.querySelectorAll('p').length, 3, 'and an inner scope answered from the rebuilt index');
});

test('contentRoot takes <body> unless it holds under half the text', () => {
  const normal = parsePage('<html><head><title>x</title></head><body><p>Body text here</p></body></html>');
  assert.equal(contentRoot(normal).localName, 'body');
  const broken = parsePage('<html><head><title>x</title><p>Content that malformed markup left in the head, long enough</p></head><body><p>b</p></body></html>');
  assert.equal(contentRoot(broken).localName, 'html');
});

test('textLength is textContent\'s length; with a limit it stops counting once past it', () => {
  const document = parsePage('<html><body><div id="a">one <b>two</b><!-- note --> three<p>four</p></div></body></html>');
  const element = document.querySelector('#a');
  assert.ok(element !== null);
  assert.equal(textLength(element), (element.textContent ?? '').length);
  assert.equal(textLength(element), 17);
  assert.ok(textLength(element, 5) > 5, 'past the limit');
  assert.equal(textLength(element, 17), 17, 'a limit not passed gives the length');
});

test('attributes are kept by name as written, names Object.prototype has included; the first of a repeated name wins', () => {
  // The light parse once stored attributes as properties of an object: `__proto__` went to its prototype setter
  // and was lost. They are now name/value pairs handed over by the parser (LightParser).
  const document = parsePage('<html><body><p __proto__="a" constructor="b" class="x" class="y" hasOwnProperty="c" data-n="">T</p></body></html>');
  const p = document.querySelector('p');
  assert.ok(p !== null);
  assert.equal(p.getAttribute('__proto__'), 'a');
  assert.equal(p.getAttribute('constructor'), 'b');
  assert.equal(p.getAttribute('hasOwnProperty'), 'c');
  assert.equal(p.className, 'x');
  assert.equal(p.getAttribute('data-n'), '');
  assert.equal(p.hasAttribute('data-n'), true);
  assert.equal(p.hasAttribute('toString'), false);
  assert.equal(p.getAttribute('toString'), null);
  assert.equal(document.querySelector('[__proto__="a"]'), p);
  assert.equal(document.querySelector('p.y'), null);
  assert.equal(p.cloneNode(false).getAttribute('__proto__'), 'a');
});

test('a tag left unfinished at the end of the page makes no element, and its attributes go to none', () => {
  const document = parsePage('<html><body><div id="a">x</div><img src="i.png" alt="late');
  assert.equal(document.querySelector('img'), null);
  assert.equal(document.querySelector('#a')?.textContent, 'x');
  assert.equal(document.querySelectorAll('[src]').length, 0);
  const br = parsePage('<html><body><p class="k">a</br>b</p></body></html>').querySelector('br');
  assert.ok(br !== null, 'an implied <br> is an element');
  assert.equal(br.hasAttribute('class'), false);
});
