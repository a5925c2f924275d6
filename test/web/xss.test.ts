// Hostile text in a real browser: a corpus of XSS payloads (script tags, event handlers, javascript: and data:
// URLs, SVG and MathML payloads, broken markup, template syntax, right-to-left overrides) in titles, text,
// sources and URLs is ingested, and every page that shows it is opened. Each payload would set
// window.__xss; it must stay unset, the page's policy must have had nothing to block (escaping did the
// work), no element of a payload may exist, and the payloads must read as text.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { browserSkipReason, FIXTURES, openPage, screenshots, startSite, type Site } from './browser.ts';

const skip = browserSkipReason();
let site: Site;

before(async () => {
  if (skip === undefined) site = await startSite([join(FIXTURES, 'xss.jsonl')]);
});

after(async () => {
  if (skip === undefined) await site.stop();
});

/** Everything in the DOM that could only have come from a payload. */
const FOREIGN_MARKUP = `(() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) if (/^on/i.test(attribute)) found.push(element.tagName + '[' + attribute + ']');
    const tag = element.tagName.toLowerCase();
    if (['iframe', 'object', 'embed', 'img', 'math', 'maction', 'base', 'form', 'details'].includes(tag) && !(tag === 'form' && element.getAttribute('action') && element.getAttribute('action').startsWith('/')) && !(tag === 'details' && element.classList.contains('dropped'))) found.push(tag);
    if (tag === 'meta' && element.hasAttribute('http-equiv')) found.push('meta[http-equiv]');
    if (tag === 'script' && element.getAttribute('src') !== '/static/newsfold.js?v=1') found.push('script');
    if (tag === 'style') found.push('style');
    if (tag === 'svg' && !element.classList.contains('timeline') && !element.classList.contains('copy-graph')) found.push('svg');
  }
  for (const link of document.querySelectorAll('[href]')) {
    const href = link.getAttribute('href');
    if (!/^(\\/|#|https?:\\/\\/|url\\(#)/.test(href)) found.push('href=' + href);
  }
  return found;
})()`;

async function assertInert(page: Page, foreign: string[], url: string): Promise<void> {
  // Hover and focus what the script enhances, so handlers that show text run too.
  for (const edge of await page.locator('.copy-graph .edge').all()) await edge.focus();
  for (const link of await page.locator('.legend a').all()) await link.hover();
  assert.equal(await page.evaluate('window.__xss'), undefined, `${url}: a payload ran`);
  assert.deepEqual(await page.evaluate('window.__cspViolations'), [], `${url}: the Content-Security-Policy had to block something, so escaping let markup through`);
  assert.deepEqual(await page.evaluate(FOREIGN_MARKUP), [], `${url}: payload markup in the DOM`);
  assert.deepEqual(foreign, [], `${url}: a request left the machine`);
}

test('no payload runs on any page that shows the hostile corpus', { skip }, async () => {
  const { page, foreign } = await openPage(site);
  const [story] = (await site.engine.storyPage({ limit: 100 })).stories;
  assert.ok(story !== undefined);
  const view = await site.engine.story(story.id);
  assert.ok(view.articles.length >= 3 && view.relations.length >= 1, 'the corpus makes one story with copy relations');
  const urls = [
    '/',
    `/?source=${encodeURIComponent('"><svg onload=window.__xss=1>')}`,
    '/find?q=ferry',
    `/find?q=${encodeURIComponent('<script>window.__xss=1</script> ferry')}`,
    `/story/${story.id}`,
    `/fragment/story-row/${story.id}`,
    `/story/${encodeURIComponent('<script>window.__xss=1</script>')}`,
  ];
  for (const sentence of view.digest.sentences) for (const citation of sentence.citations) urls.push(`/article/${citation.articleId}?hl=${citation.span.start}-${citation.span.end}#passage`);
  for (const article of view.articles) urls.push(`/article/${article.id}`);
  for (const relation of view.relations) urls.push(`/article/${relation.a}/compare/${relation.b}`);
  for (const url of urls) {
    await page.goto(`${site.base}${url}`);
    await assertInert(page, foreign, url);
  }

  // The payloads are there, as text: escaped, not dropped.
  await page.goto(`${site.base}/story/${story.id}`);
  const storyText = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  assert.ok(storyText.includes('<script>window.__xss=1</script>'), 'the title payload reads as text');
  await screenshots(page, 'xss-story');
  const hostile = view.articles.find((article) => article.title.includes('<img'))!;
  await page.goto(`${site.base}/article/${hostile.id}`);
  const articleText = await page.locator('main').innerText();
  assert.ok(articleText.includes('<img src=x onerror="window.__xss=1">'));
  assert.ok(articleText.includes('javascript:window.__xss=1'), 'the javascript: URL is shown');
  assert.equal(await page.locator('dl.metadata a.url').count(), 0, 'and not linked');
  // A right-to-left override in a title stays inside its isolate: the heading's own direction is unchanged.
  assert.equal(await page.evaluate("getComputedStyle(document.querySelector('h1')).direction"), 'ltr');
  assert.equal(await page.locator('h1 > bdi').count(), 1);
  await screenshots(page, 'xss-article');
  await assertInert(page, foreign, 'after screenshots');
  await page.close();
});
