import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readBlocks } from '../../src/extract/blocks.ts';
import { boilerplateRule } from '../../src/extract/boilerplate.ts';
import { trimFurniture } from '../../src/extract/content.ts';
import { contentRoot, parsePage, type DomElement } from '../../src/extract/dom.ts';
import { extractPage } from '../../src/extract/index.ts';

const firstInBody = (html: string): DomElement => {
  const element = parsePage(`<html><body>${html}</body></html>`).body?.children[0];
  assert.ok(element !== undefined, 'the fragment parses to an element');
  return element;
};

test('light tree: selectors, attributes, text and removal behave as the DOM does', () => {
  const document = parsePage('<html lang="de"><head><title>T</title></head><body><div id="a" class="x y"><p>One <b>two</b></p><p data-k="v">Three</p></div><span>24. M&auml;rz</span></body></html>');
  assert.equal(document.documentElement.getAttribute('lang'), 'de');
  assert.equal(document.head?.localName, 'head');
  assert.equal(document.querySelectorAll('div.x p').length, 2);
  assert.equal(document.querySelector('[data-k="v"]')?.textContent, 'Three');
  const div = document.querySelector('#a');
  assert.ok(div !== null);
  assert.equal(div.className, 'x y');
  assert.equal(div.getAttribute('constructor'), null, 'no attribute comes from the object prototype');
  assert.equal(div.hasAttribute('toString'), false);
  assert.equal(div.textContent, 'One twoThree');
  const span = document.querySelector('span');
  assert.equal(span?.childNodes.length, 1, 'text split around an entity is one text node');
  assert.equal(span?.textContent, '24. März');
  const first = div.querySelector('p');
  first?.remove();
  assert.equal(div.children.length, 1);
  assert.equal(div.firstChild?.textContent, 'Three');
  assert.equal(div.firstChild?.nextSibling, null);
  assert.equal(document.querySelectorAll('p').length, 1, 'a removed element is gone from selector results');
});

test('light tree: a page whose <body> is not where the DOM expects it gets an empty body, and the content root is the page', () => {
  const document = parsePage(`<html><head><title>T</title></head><div><p>${'Article text that stands outside any body element. '.repeat(5)}</p></div></html>`);
  assert.equal(document.body?.textContent, '');
  assert.equal(contentRoot(document).localName, 'html');
  const page = extractPage(`<html><head><title>T</title></head><div><p>${'Article text that stands outside any body element. '.repeat(30)}</p></div></html>`);
  assert.match(page.text, /Article text that stands outside/);
});

test('hidden and sidebar class rules match whole tokens, not the layout words around the article', () => {
  assert.equal(boilerplateRule(firstInBody('<div class="hidden">x</div>')), 'hidden');
  assert.equal(boilerplateRule(firstInBody('<div class="visually-hidden">x</div>')), 'hidden');
  assert.equal(boilerplateRule(firstInBody('<div class="field field--label-hidden">x</div>')), undefined, 'Drupal hides the field label, not the field');
  assert.equal(boilerplateRule(firstInBody('<div class="col overflow-hidden article-column">x</div>')), undefined);
  assert.equal(boilerplateRule(firstInBody('<div class="content_left print-only">x</div>')), undefined);
  assert.equal(boilerplateRule(firstInBody('<div id="sidebar-primary">x</div>')), 'sidebar');
  assert.equal(boilerplateRule(firstInBody('<div class="region region-sidebar-first">x</div>')), 'sidebar');
  assert.equal(boilerplateRule(firstInBody('<div class="widget-area">x</div>')), 'sidebar');
  assert.equal(boilerplateRule(firstInBody('<div class="elementor-widget-wrap">x</div>')), undefined, "Elementor's wrapper holds the article");
  assert.equal(boilerplateRule(firstInBody('<div class="widget Blog">x</div>')), undefined, "Blogger's post widget is the article");
  assert.equal(boilerplateRule(firstInBody('<div class="layout has-sidebar">x</div>')), undefined);
});

test('furniture trimming drops photo credits and stand-alone "read also" markers, and keeps prose that names an agency', () => {
  const body = firstInBody(
    '<div><p>The council voted on Tuesday to close the old harbour bridge for repairs.</p>' +
      '<p>Judy Eddy/WENN.com</p>' +
      '<p>Lesen Sie auch</p>' +
      '<p>Engineers told Reuters that the steel cables had corroded faster than any survey had predicted.</p>' +
      '<p>The bridge is expected to reopen in the spring, the city said.</p></div>',
  );
  const kept = trimFurniture(readBlocks(body)).map((block) => block.text);
  assert.deepEqual(kept, [
    'The council voted on Tuesday to close the old harbour bridge for repairs.',
    'Engineers told Reuters that the steel cables had corroded faster than any survey had predicted.',
    'The bridge is expected to reopen in the spring, the city said.',
  ]);
});

/** An article body long enough for a content container, and a standfirst to find in front of it. */
const LEAD_TEST_BODY = `<p>${'The harbour bridge will stay closed until the steel cables are replaced, engineers said. '.repeat(6)}</p>`.repeat(3);
const LEAD_TEST_LEAD = 'The city council voted on Tuesday to close the old harbour bridge for at least six months of repairs.';

test('lead by headline: the standfirst between the <h1> and the body container is kept, bylines and far-off headings are not', () => {
  const page = extractPage(
    `<html><body><header><div class="wrap"><h1>Bridge closed</h1><div class="intro-box"><p class="intro">${LEAD_TEST_LEAD}</p></div><p>By Ana Example</p></div></header>` +
      `<div class="row"><div class="article-body">${LEAD_TEST_BODY}</div></div></body></html>`,
  );
  assert.ok(page.text.startsWith(LEAD_TEST_LEAD), 'the lead comes first');
  assert.doesNotMatch(page.text, /By Ana Example/);
  const farOff = extractPage(
    `<html><body><h1>Site name</h1><div class="teasers">${`<div><p>${'A teaser for another story on this site, with a few words of its own. '.repeat(3)}</p></div>`.repeat(8)}</div>` +
      `<div class="row"><div class="article-body">${LEAD_TEST_BODY}</div></div></body></html>`,
  );
  assert.doesNotMatch(farOff.text, /A teaser for another story/);
});

test('lead by headline: a page without an <h1> takes the nearest <h2>/<h3> before the body as its headline', () => {
  const page = extractPage(
    `<html><body><div class="head"><h2>Bridge closed</h2><div class="x"><p>${LEAD_TEST_LEAD}</p></div></div>` +
      `<div class="row"><div class="article-body">${LEAD_TEST_BODY}</div></div></body></html>`,
  );
  assert.ok(page.text.startsWith(LEAD_TEST_LEAD), 'the lead comes first');
});

test('caption rule: image legends and sources outside <figcaption> are captions, words that merely contain them are not', () => {
  assert.equal(boilerplateRule(firstInBody('<div class="legend">x</div>')), 'caption');
  assert.equal(boilerplateRule(firstInBody('<p class="imagedescription uk-text-center">x</p>')), 'caption');
  assert.equal(boilerplateRule(firstInBody('<div class="head__image-source">x</div>')), 'caption');
  assert.equal(boilerplateRule(firstInBody('<div class="legendary-story">x</div>')), undefined);
});

test('split container: sibling <article>s that each hold text are one article, in document order; short teasers beside them are not', () => {
  const part = (words: string, times = 12): string => `<article><p>${`${words} `.repeat(times)}</p></article>`;
  const page = extractPage(
    `<html><body><div class="recipe">${part('Header of the recipe with a short story about the cake.', 30)}${part('Ingredients: flour, butter, sugar, eggs and mandarins for the cake.')}` +
      `${part('Steps: mix the dough, bake it for forty minutes and let it cool down.')}<article><p>Another recipe you might like.</p></article></div></body></html>`,
  );
  assert.match(page.text, /^Header of the recipe/);
  assert.match(page.text, /Ingredients: flour/);
  assert.match(page.text, /Steps: mix the dough/);
  assert.doesNotMatch(page.text, /Another recipe/);
});

test('trailing labels: a heading or a "…:" / "…?" line left at the end by a pruned widget goes; the same lines inside the text stay', () => {
  const body = firstInBody(
    '<div><h2>What happened?</h2><p>The council voted on Tuesday to close the old harbour bridge for repairs.</p>' +
      '<p>Engineers said the steel cables had corroded faster than any survey had predicted.</p>' +
      '<h3>Most read articles</h3><p>Did you like this article?</p><p>Contact:</p></div>',
  );
  const kept = trimFurniture(readBlocks(body)).map((block) => block.text);
  assert.deepEqual(kept, [
    'What happened?',
    'The council voted on Tuesday to close the old harbour bridge for repairs.',
    'Engineers said the steel cables had corroded faster than any survey had predicted.',
  ]);
});

test('leading labels: short kicker lines before the first real block go; a heading or a short sentence there stays', () => {
  const kept = (html: string): string[] => trimFurniture(readBlocks(firstInBody(html))).map((block) => block.text);
  assert.deepEqual(kept('<div><div>Pressemitteilung Aktuell</div><span>TR 7/2019</span><p>The council voted on Tuesday to close the old harbour bridge for repairs.</p></div>'), [
    'The council voted on Tuesday to close the old harbour bridge for repairs.',
  ]);
  assert.deepEqual(kept('<div><h2>Bridge closed</h2><p>It is over.</p><p>The council voted on Tuesday to close the old harbour bridge for repairs.</p></div>'), [
    'Bridge closed',
    'It is over.',
    'The council voted on Tuesday to close the old harbour bridge for repairs.',
  ]);
});

test('inset-box rule: fact boxes, calls to action, promotion and buy boxes set into the article are pruned', () => {
  assert.equal(boilerplateRule(firstInBody('<div class="art-ins mol-factbox floatRHS">x</div>')), 'inset-box');
  assert.equal(boilerplateRule(firstInBody('<div class="vc_cta3-container">x</div>')), 'inset-box');
  assert.equal(boilerplateRule(firstInBody('<a-collapse class="collapse-box a-inline-textbox">x</a-collapse>')), 'inset-box');
  assert.equal(boilerplateRule(firstInBody('<div class="c-article-buy-box">x</div>')), 'inset-box');
  assert.equal(boilerplateRule(firstInBody('<div class="factual-report">x</div>')), undefined);
  assert.equal(boilerplateRule(firstInBody('<div class="actor-list">x</div>')), undefined);
});

test('author-box rule: author descriptions and author-box plugins are post meta, whatever the separator', () => {
  assert.equal(boilerplateRule(firstInBody('<div class="m-author__description">x</div>')), 'post-meta');
  assert.equal(boilerplateRule(firstInBody('<div class="author-info">x</div>')), 'post-meta');
  assert.equal(boilerplateRule(firstInBody('<div class="saboxplugin-wrap">x</div>')), 'post-meta');
  assert.equal(boilerplateRule(firstInBody('<div class="authority-text">x</div>')), undefined);
});

test('heading anchors: a heading id spelled from its words is not a furniture class, a heading class still is', () => {
  assert.equal(boilerplateRule(firstInBody('<h3 id="nav_nur_die_folie__1" class="subheading">Nur die Folie bleibt</h3>')), undefined);
  assert.equal(boilerplateRule(firstInBody('<div id="nav_main">x</div>')), 'navigation');
  assert.equal(boilerplateRule(firstInBody('<h3 class="related-title">Related</h3>')), 'related');
});
