import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boilerplateRule, pruneBoilerplate, unprune } from '../../src/extract/boilerplate.ts';
import { parseMachineDate, parseTextDate, parseUrlDate } from '../../src/extract/dates.ts';
import { contentRoot, onlyRemovedFrom, parsePage, type DomNode } from '../../src/extract/dom.ts';
import { extractContent } from '../../src/extract/content.ts';
import { pageProseLength, proseLength } from '../../src/extract/readability.ts';
import { extractPage } from '../../src/extract/index.ts';
import { DIV_PAGE, NEWS_PAGE } from './pages.ts';

test('main text keeps the article paragraphs and drops nav, cookie notice, captions, share bar, newsletter, related, comments, footer', () => {
  const page = extractPage(NEWS_PAGE);
  assert.match(page.text, /reopened on Friday after four months/);
  assert.match(page.text, /corroded steel cables/);
  assert.match(page.text, /We are glad to have our bridge back/);
  for (const boilerplate of ['Home', 'cookies', 'The bridge at dawn', 'Share on Facebook', 'morning newsletter', 'Ferry timetable', 'Great news, finally', 'All rights reserved']) {
    assert.ok(!page.text.includes(boilerplate), `${boilerplate} should be dropped`);
  }
  assert.ok(page.paragraphs.length >= 3, 'output is paragraphs');
});

test('metadata: title, date with zone, author, site, canonical URL, language', () => {
  const { metadata } = extractPage(NEWS_PAGE);
  assert.equal(metadata.title, 'Harbour bridge reopens after repairs', 'the single <h1> before the <title>, which carries the site name');
  assert.equal(metadata.published, '2025-03-14T09:30:00+01:00', 'the time and offset as the page states them');
  assert.equal(metadata.publishedDay, '2025-03-14', 'the day the page states, before the shift to UTC');
  assert.equal(metadata.author, 'Mira Holt');
  assert.equal(metadata.site, 'Port Alder Gazette');
  assert.equal(metadata.url, 'https://gazette.example/2025/03/14/bridge');
  assert.equal(metadata.language, 'en');
});

test('JSON-LD datePublished wins, and a page with no date gets none', () => {
  const dated = extractPage(`<html><head><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-11-02T18:00:00Z","author":{"name":"Ola Berg"}}]}</script></head><body><p>${'Text of the piece. '.repeat(20)}</p></body></html>`);
  assert.equal(dated.metadata.published, '2024-11-02T18:00:00Z');
  assert.equal(dated.metadata.publishedFrom, 'json-ld');
  assert.equal(dated.metadata.author, 'Ola Berg');
  const undated = extractPage(`<html><body><p>${'A timeless recipe for bread, with flour and water. '.repeat(10)}</p></body></html>`);
  assert.equal(undated.metadata.published, undefined);
});

test('a page with no content container falls back to text density and leaves the link menu out', () => {
  const page = extractPage(DIV_PAGE);
  assert.match(page.text, /founded by twelve gardeners/);
  assert.match(page.text, /compost bays/);
  assert.ok(!page.text.includes('Calendar'));
});

test('boilerplate rules are named and respect word boundaries', () => {
  const rule = (html: string): string | undefined => {
    const element = parsePage(`<html><body>${html}</body></html>`).body?.firstChild;
    return element === null || element === undefined ? undefined : boilerplateRule(element as never);
  };
  assert.equal(rule('<div class="main-nav">x</div>'), 'navigation');
  assert.equal(rule('<div class="canvas-wrap">x</div>'), undefined);
  assert.equal(rule('<div id="comments">x</div>'), 'comments');
  assert.equal(rule('<div role="complementary">x</div>'), 'aside');
  assert.equal(rule('<div style="display: none">x</div>'), 'hidden');
  assert.equal(rule('<article class="post has-comments">x</article>'), undefined, 'article is protected from class words');
});

test('a class rule does not remove the wrapper that holds most of the text', () => {
  const document = parsePage(`<html><body><div class="page-with-sidebar"><p>${'Long paragraph of article text. '.repeat(20)}</p></div><div class="sidebar"><p>Small</p></div></body></html>`);
  const pruned = pruneBoilerplate(document.body as never);
  assert.deepEqual(pruned.map((item) => item.rule), ['sidebar']);
});

test('pruning measures paragraphs by length and reads a removed element\'s text only when asked', () => {
  const document = parsePage(`<html><body><div class="content"><p>${'Long paragraph of article text. '.repeat(20)}</p></div><div class="sidebar"><p>Small</p><p>print</p></div></body></html>`);
  let built = 0;
  // Every element's textContent (the strings pruning used to build) counts here; lengths come from textLength.
  for (const element of Array.from(document.body!.querySelectorAll('*'))) {
    const own = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'textContent')!;
    Object.defineProperty(element, 'textContent', { get() { built++; return own.get!.call(this); } });
  }
  const pruned = pruneBoilerplate(document.body as never);
  assert.deepEqual(pruned.map((item) => item.rule), ['sidebar']);
  assert.equal(built, 0, 'no element text built while pruning');
  assert.equal(pruned[0]!.text, 'Smallprint', 'the removed element\'s text, read on demand');
  assert.equal(built, 1);
});

test('dates: machine, written in several languages, URL; impossible or partial dates refused', () => {
  assert.equal(parseMachineDate('2019-08-02T23:30:00-05:00')?.day, '2019-08-02');
  assert.equal(parseMachineDate('20190802')?.day, '2019-08-02');
  assert.equal(parseTextDate('Posted on 2. August 2019 by Ana')?.day, '2019-08-02');
  assert.equal(parseTextDate('publié le 3 mars 2021')?.day, '2021-03-03');
  assert.equal(parseTextDate('May 31, 2012')?.day, '2012-05-31');
  assert.equal(parseTextDate('31.05.2012, 14:00')?.day, '2012-05-31');
  assert.equal(parseTextDate('31.04.2012'), undefined, '31 April does not exist');
  assert.equal(parseTextDate('in May 2012'), undefined, 'a month is not a day');
  assert.equal(parseTextDate('04/05/2012'), undefined, 'ambiguous order');
  assert.equal(parseUrlDate('https://x.example/2016/01/20/story')?.day, '2016-01-20');
  assert.equal(parseUrlDate('https://x.example/2016/01/story'), undefined);
});

const ARTICLE_BODY = `<p>${'The ferry timetable changes with the tides, and the harbour master posts it each week. '.repeat(6)}</p>`;

test('a late-evening date keeps the page\'s own day and offset, not the UTC day', () => {
  const date = parseMachineDate('2019-03-05T23:30:00+01:00');
  assert.equal(date?.day, '2019-03-05');
  assert.equal(date?.iso, '2019-03-05T23:30:00+01:00');
  assert.equal(date?.utcTime, undefined, 'a stated non-zero offset is the publisher\'s zone');
  assert.equal(parseMachineDate('2019-03-05T22:30:00Z')?.utcTime, true);
});

test('URL-date-wins: a machine date one day off the URL\'s day yields the URL\'s day; a far one does not', () => {
  const page = (published: string): string => `<html><head><meta property="article:published_time" content="${published}"></head><body><h1>Tides</h1>${ARTICLE_BODY}</body></html>`;
  const url = 'https://tides.example/2024/02/09/ferry';
  const shifted = extractPage(page('2024-02-10T02:15:00Z'), { url }).metadata;
  assert.equal(shifted.publishedDay, '2024-02-09');
  assert.equal(shifted.publishedFrom, 'url');
  const same = extractPage(page('2024-02-09T10:00:00+01:00'), { url }).metadata;
  assert.equal(same.published, '2024-02-09T10:00:00+01:00', 'agreeing days keep the machine date for its time');
  const far = extractPage(page('2024-03-20T10:00:00Z'), { url }).metadata;
  assert.equal(far.publishedDay, '2024-03-20', 'weeks apart: not the same publication moment, the machine date stays');
});

test('visible-day-wins: a UTC machine time a day off the date shown to readers yields the shown day', () => {
  const page = (published: string): string => `<html><head><meta property="article:published_time" content="${published}"></head><body><h1>Tides</h1><time>10.02.2024, 00:45</time>${ARTICLE_BODY}</body></html>`;
  assert.equal(extractPage(page('2024-02-09T23:45:00Z')).metadata.publishedDay, '2024-02-10');
  assert.equal(extractPage(page('2024-02-09T23:45:00-05:00')).metadata.publishedDay, '2024-02-09', 'a stated local offset is trusted');
  const weak = `<html><head><meta name="date" content="2024-02-11"></head><body><h1>Tides</h1><span class="post-date">10.02.2024</span>${ARTICLE_BODY}</body></html>`;
  assert.equal(extractPage(weak).metadata.publishedDay, '2024-02-10', 'a generic date tag loses to the shown date');
});

test('microdata and hAtom outrank a generic date tag; a dateline beside the headline is found past long menus', () => {
  const hatom = `<html><head><meta name="date" content="2024-05-30"></head><body><div class="hentry"><h1>Tides</h1><abbr class="published" title="2024-05-02T21:11:00+02:00">21:11</abbr>${ARTICLE_BODY}</div></body></html>`;
  assert.equal(extractPage(hatom).metadata.publishedDay, '2024-05-02');
  const menu = `<ul>${Array.from({ length: 1200 }, (_, index) => `<li><a href="/s${index}">Section number ${index}</a></li>`).join('')}</ul>`;
  const longMenu = `<html><body>${menu}<div><h1>Tides</h1><small>02.02.2024</small></div>${ARTICLE_BODY}</body></html>`;
  assert.equal(extractPage(longMenu).metadata.publishedDay, '2024-02-02');
});

test('text before <html> (a PHP warning) does not empty the page', () => {
  const page = extractPage(`<b>Warning</b>: something failed<br>\n<!DOCTYPE html><html><body><article><p>${'The article body survives the warning above. '.repeat(8)}</p></article></body></html>`);
  assert.match(page.text, /survives the warning/);
});

/** Every node of a tree in document order: elements with their attributes, then text. */
function shape(node: DomNode, out: string[] = []): string[] {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === 1) {
      const element = child as unknown as { localName: string; getAttribute(name: string): string | null };
      out.push(`<${element.localName} class=${element.getAttribute('class')} id=${element.getAttribute('id')}>`);
      shape(child, out);
      out.push('>');
    } else if (child.nodeType === 3) out.push(JSON.stringify(child.nodeValue));
  }
  return out;
}

test('the prose bound reads the extracted tree with its pruning undone: every element and text back where the page had them', () => {
  // Nested and neighbouring removals (nav, share bar inside the article, related, comments, footer) and text between them.
  for (const html of [NEWS_PAGE, NEWS_PAGE.replace('<footer>', 'tail text<footer>').replace('</nav>', '</nav>between<nav><a href="/x">More</a></nav>')]) {
    const fresh = parsePage(html).documentElement;
    const document = parsePage(html);
    const body = contentRoot(document);
    const pruned = pruneBoilerplate(body);
    assert.ok(pruned.length >= 2, 'the page has boilerplate to prune');
    extractContent(body);
    assert.ok(onlyRemovedFrom(document));
    unprune(pruned);
    assert.deepEqual(shape(document.documentElement), shape(fresh));
    assert.equal(proseLength(document.documentElement), pageProseLength(html));
  }
  // A page whose <body> the tree had to add is not its parse any more: extraction parses again for the bound.
  const added = parsePage('<html><head><title>T</title></head><p>Text</p></html>');
  contentRoot(added);
  assert.equal(onlyRemovedFrom(added), false);
});
