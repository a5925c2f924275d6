// The web face without a browser: the escaping template, link and highlight rules, the text segmentation of
// the article page, the timeline's buckets, copy families, and the pages over real HTTP (headers, errors,
// redirects, escaped hostile text).
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { copyFamilies } from '../../src/match/groups.ts';
import type { Article, Relation } from '../../src/model.ts';
import { escapeHtml, html, safeHttpUrl } from '../../src/web/html.ts';
import { highlightSpan, renderText } from '../../src/web/pages/article.ts';
import { findPage } from '../../src/web/pages/stories.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/web/routes.ts';
import { DATE_LABEL_WIDTH, timelineBuckets, timelineChart } from '../../src/web/svg.ts';
import { UNSOURCED_RECORDS } from '../fixtures.ts';
import { ROOT } from '../run-cli.ts';
import { startServer, type Running } from '../server/harness.ts';

test('html`` escapes every value unless it is markup made by html`` itself', () => {
  const hostile = `<script>alert(1)</script>"'\`&`;
  assert.equal(html`<p title="${hostile}">${hostile}</p>`.text, `<p title="${escapeHtml(hostile)}">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&#96;&amp;</p>`);
  assert.equal(html`<ul>${['<a>', html`<li>ok</li>`, undefined, false, 3]}</ul>`.text, '<ul>&lt;a&gt;<li>ok</li>3</ul>');
});

test('a search hit shows the source, day and story it has, one separator between each', () => {
  const hit = (published: string | undefined) => ({
    id: 'a1',
    title: 'Harbour reopens',
    source: 'Blue Coast Monitor',
    published,
    story: { id: 's1', headline: 'Storm closes harbour' },
    relevance: 1,
    snippet: { text: 'The harbour reopened.', matches: [] },
  });
  const meta = (published: string | undefined) => /<p class="meta">([\s\S]*?)<\/p>/.exec(String(findPage('harbour', undefined, { hits: [hit(published)] } as never)))![1]!;
  assert.doesNotMatch(meta(undefined), /·\s*·/);
  assert.match(meta(undefined), /Blue Coast Monitor.* · story: /);
  assert.match(meta('2026-03-05T10:00:00Z'), /Blue Coast Monitor.* · <time[^>]*>2026-03-05<\/time> · story: /);
});

test('only absolute http(s) URLs become links', () => {
  assert.equal(safeHttpUrl('https://example.org/a?b=1'), 'https://example.org/a?b=1');
  assert.equal(safeHttpUrl(' HTTP://Example.org '), 'http://example.org/');
  for (const url of ['javascript:alert(1)', ' javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>', 'vbscript:x', '//evil.example/', '/relative', 'not a url', undefined]) assert.equal(safeHttpUrl(url), undefined, String(url));
});

test('a highlight range is used only when it lies inside the text', () => {
  assert.deepEqual(highlightSpan('3-10', 20), { start: 3, end: 10 });
  for (const value of ['10-3', '5-5', '0-21', '-1-4', '3-x', '1e3-2e3', '3-10;', undefined]) assert.equal(highlightSpan(value, 20), undefined, String(value));
});

function article(text: string, paragraphs: { start: number; end: number }[]): Article {
  return { id: 'x', contentHash: 'h', origin: { path: 'x.txt', format: 'text' }, title: 't', language: 'en', text, paragraphs, sentences: [], dropped: [], ingestedAt: 0 };
}

test('the article text is cut at passage and highlight bounds: colours nest inside the mark, one id for the first piece', () => {
  const text = 'Alpha beta <gamma>.\n\nDelta epsilon.';
  const rendered = renderText(article(text, [{ start: 0, end: 19 }, { start: 21, end: 35 }]), [{ start: 6, end: 27, source: 1 }, { start: 0, end: 10, source: 0 }], { start: 3, end: 30 }).text;
  assert.equal(
    rendered,
    '<p dir="auto"><span class="reused c0" data-source="0">Alp</span><mark class="cited" id="passage" tabindex="-1"><span class="reused c0" data-source="0">ha </span></mark><mark class="cited"><span class="reused c0" data-source="0">beta</span></mark><mark class="cited"><span class="reused c1" data-source="1"> &lt;gamma&gt;.</span></mark></p>\n' +
      '<p dir="auto"><mark class="cited"><span class="reused c1" data-source="1">Delta </span></mark><mark class="cited">eps</mark>ilon.</p>\n',
  );
});

test('the timeline counts days with gaps, and buckets long stories into at most 92 bars', () => {
  const short = timelineBuckets([{ day: '2026-03-01', articles: 2 }, { day: '2026-03-04', articles: 1 }]);
  assert.deepEqual(short.buckets.map((bucket) => bucket.articles), [2, 0, 0, 1]);
  const long = timelineBuckets([{ day: '2025-01-01', articles: 1 }, { day: '2025-12-31', articles: 4 }]);
  assert.ok(long.buckets.length <= 92);
  assert.equal(long.buckets.reduce((sum, bucket) => sum + bucket.articles, 0), 5);
  assert.equal(long.buckets.at(-1)!.last, '2025-12-31');
});

test('the timeline\'s date labels never overlap: two or three days get one label "first to last"', () => {
  for (let days = 2; days <= 40; days++) {
    const perDay = [{ day: '2026-03-01', articles: 1 }, { day: new Date(Date.parse('2026-03-01') + (days - 1) * 86_400_000).toISOString().slice(0, 10), articles: 2 }];
    const svg = String(timelineChart(perDay, 't'));
    // The date labels sit on the chart's bottom line (y 144); the axis numbers are left of the plot.
    const labels = [...svg.matchAll(/<text class="label" x="([\d.]+)" y="144"( text-anchor="end")?>([^<]+)<\/text>/g)].map((match) => ({ x: Number(match[1]), end: match[2] !== undefined, text: match[3]! }));
    const extents = labels.map((label) => (label.end ? [label.x - DATE_LABEL_WIDTH, label.x] : [label.x, label.x + (label.text.length / 10) * DATE_LABEL_WIDTH]));
    for (let index = 1; index < extents.length; index++) assert.ok(extents[index]![0]! >= extents[index - 1]![1]!, `${days} days: ${labels.map((label) => label.text).join(' | ')} overlap`);
    assert.ok(labels.map((label) => label.text).join(' ').includes(perDay[1]!.day), `${days} days: the last day is labelled`);
  }
});

test('copy families: connected by any relation, each member tied to its source, unrelated articles alone and last', () => {
  const relation = (a: string, b: string, kind: Relation['kind'], score: number): Relation => ({ a, b, kind, score, coverage: { a: score, b: score }, direction: { known: true, reason: 'test' }, passages: [] });
  const families = copyFamilies(['w1', 'x', 'w2', 'farm', 'y'], [relation('w1', 'w2', 'version', 0.8), relation('w2', 'farm', 'reuse', 0.3), relation('w1', 'farm', 'reuse', 0.2), relation('x', 'y', 'duplicate', 1)]);
  assert.deepEqual(families.map((family) => family.members.map((member) => member.id)), [['w1', 'w2', 'farm'], ['x', 'y']]);
  assert.equal(families[0]!.members[2]!.via!.a, 'w2', 'the strongest relation to an earlier member');
  assert.equal(families[0]!.members[0]!.via!.b, 'w2', 'the first member names its strongest copy');
  assert.deepEqual(copyFamilies(['a', 'b'], []).map((family) => family.members.length), [1, 1]);
});

let running: Running;
before(async () => {
  running = await startServer({ examples: false });
  await running.engine.ingest([join(ROOT, 'examples'), join(ROOT, 'test', 'web', 'fixtures', 'xss.jsonl')]);
});
after(async () => {
  await running.stop();
});

async function get(path: string): Promise<{ status: number; headers: Headers; body: string }> {
  const response = await fetch(`${running.base}${path}`, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

test('pages and API answers carry the security headers; pages are HTML that names only newsfold files', async () => {
  for (const path of ['/', '/stories', '/find?q=tanker', '/static/newsfold.css', '/nothing']) {
    const { headers } = await get(path);
    assert.equal(headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, path);
    assert.equal(headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(headers.get('x-frame-options'), 'DENY', path);
  }
  assert.match(CONTENT_SECURITY_POLICY, /script-src 'self'(;|$)/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-inline|unsafe-eval/);
  assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  const list = await get('/');
  assert.equal(list.status, 200);
  assert.match(list.headers.get('content-type') ?? '', /^text\/html/);
  for (const reference of list.body.matchAll(/(?:src|href)="([^"]*)"/g)) assert.match(reference[1]!, /^(\/|#)/, `only local references: ${reference[1]}`);
  assert.doesNotMatch(list.body, /<script>|style="/, 'no inline script or style');
  const css = await get('/static/newsfold.css');
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
  const js = await get('/static/newsfold.js');
  assert.match(js.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.doesNotMatch(js.body, /\beval\(|new Function/);
  assert.equal((await get('/static/..%2Fhtml.ts')).status, 404);
});

test('a story of one day reads "on that day", and one article is "1 article" (the page and its timeline)', async () => {
  const tanker = (await running.engine.search({ query: 'Gannet Shoal' })).hits[0]!.story!.id;
  const { status, body } = await get(`/story/${tanker}`);
  assert.equal(status, 200);
  assert.match(body, /articles from \d+ sources( \(\d+ articles? without one\))? · <time datetime="[^"]+">2026-03-05<\/time> · story/);
  assert.match(body, /1 article on 2026-03-05; at most 1 in one day\./);
  assert.match(body, /<title>2026-03-05: 1 article<\/title>/);
  assert.doesNotMatch(body, /\b1 articles\b/);
  assert.doesNotMatch(body, /(\d{4}-\d\d-\d\d)(<\/time>)? to (<time[^>]*>)?\1/);
});

test('the numbers table says what each figure is in words, not the unit its value is kept in ("8,400 tons | kg") (walk, session 30)', async () => {
  const tanker = (await running.engine.search({ query: 'Gannet Shoal' })).hits[0]!.story!.id;
  const { body } = await get(`/story/${tanker}`);
  const rows = [...body.matchAll(/<tr><td><bdi>([^<]*)<\/bdi><\/td><td><bdi>([^<]*)<\/bdi><\/td>/g)].map((match) => [match[1], match[2]]);
  assert.ok(rows.length > 5, body);
  assert.match(body, /<th scope="col">What it is<\/th>/);
  const kind = (figure: string) => rows.find((row) => row[0] === figure)?.[1];
  assert.equal(kind('8,400 tons'), 'weight');
  assert.equal(kind('25 kilometres'), 'length');
  assert.equal(kind('40,000 litres'), 'volume');
  // A count is its numeral and what it counts, the counted words told once (session 31; was "30 fishing boats | fishing boats").
  assert.equal(kind('30'), 'fishing boats');
  assert.equal(kind('14'), 'crew members');
  assert.ok(!rows.some((row) => row[0]!.endsWith(` ${row[1]}`)), JSON.stringify(rows));
  assert.ok(!rows.some((row) => ['m', 'kg', 'l', 'duration'].includes(row[1]!)), JSON.stringify(rows));
});

test('a story whose records name no source says so on the list and the page, not "from 0 sources" (fresh walk, session 29)', async () => {
  const own = await startServer({ examples: false });
  try {
    const dir = await mkdtemp(join(tmpdir(), 'newsfold-nosource-'));
    const records = UNSOURCED_RECORDS.map((record) => JSON.stringify(record)).join('\n');
    await writeFile(join(dir, 'feed.jsonl'), `${records}\n`);
    await own.engine.ingest([join(dir, 'feed.jsonl')]);
    const [row] = (await own.engine.storyPage({})).stories;
    for (const path of ['/', `/story/${row!.id}`]) {
      const body = await (await fetch(`${own.base}${path}`)).text();
      assert.match(body, /2 articles, sources unknown/, path);
      assert.doesNotMatch(body, /from 0 sources/, path);
    }
  } finally {
    await own.stop();
  }
});

test('errors are HTML pages with the API status; a merged story redirects; hostile text is escaped in the raw HTML', async () => {
  const missing = await get('/story/nothing-like-this');
  assert.equal(missing.status, 404);
  assert.match(missing.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(missing.body, /<h1>Not Found<\/h1>/);
  assert.equal((await get('/?sort=sideways')).status, 400);
  assert.equal((await get('/?since=yesterday')).status, 400);
  assert.equal((await get(`/find?q=${'x'.repeat(600)}`)).status, 400);
  const hostileStory = (await running.engine.search({ query: 'Quillon ferry' })).hits[0]!.story!.id;
  for (const path of ['/', `/story/${hostileStory}`, '/find?q=ferry']) {
    const { status, body } = await get(path);
    assert.equal(status, 200, path);
    assert.doesNotMatch(body, /<script>window|<img src=x|<svg onload|<math|javascript:window\.__xss=1"/i, `${path}: raw payload in the HTML`);
    if (path.startsWith('/story/')) assert.match(body, /&lt;script&gt;window.__xss=1&lt;\/script&gt;/, `${path}: the payload is shown escaped`);
  }
  let merged: { from: string; into: string } | undefined;
  const stop = running.engine.onStoryEvent((event) => {
    if (event.type === 'merged') merged = { from: event.storyId, into: event.into };
  });
  await running.engine.ingest([join(ROOT, 'test', 'web', 'fixtures', 'merge.jsonl')]);
  stop();
  assert.ok(merged !== undefined, 'the fixture merges two stories');
  const redirect = await get(`/story/${merged.from}`);
  assert.equal(redirect.status, 308);
  assert.equal(redirect.headers.get('location'), `/story/${merged.into}`);
  assert.equal((await get(`/story/${merged.into}`)).status, 200);
});

test('a German article\'s title and text carry lang="de" (a screen reader speaks them in German); the numbers table is a region of its own name (walk, session 31)', async () => {
  const text = 'Die Deutsche Bahn streicht den Zutritt zu ihren Lounges für Fahrgäste mit einem Sparpreis-Ticket der ersten Klasse. Was bisher nur für den Super Sparpreis galt, trifft künftig auch auf die normalen Sparpreis-Tickets zu, teilte das Unternehmen am Montag mit. Die Regel gilt ab dem ersten Januar.';
  await running.engine.ingestJsonLines(`${JSON.stringify({ id: 'de-lounge', title: 'Kein Zutritt mehr mit Sparpreis-Tickets', text })}\n`);
  const hit = (await running.engine.search({ query: 'Sparpreis Lounges' })).hits[0]!;
  const { body } = await get(`/article/${hit.id}`);
  assert.match(body, /<h1 lang="de"><bdi>Kein Zutritt mehr mit Sparpreis-Tickets<\/bdi><\/h1>/, 'before: the page\'s lang="en" only');
  assert.match(body, /<div class="text" lang="de">/);
  const english = (await running.engine.search({ query: 'Gannet Shoal' })).hits[0]!;
  assert.doesNotMatch((await get(`/article/${english.id}`)).body, /<(h1|div)[^>]* lang=/, 'English text needs nothing beyond the page\'s own');
  const story = await get(`/story/${english.story!.id}`);
  assert.equal([...story.body.matchAll(/aria-labelledby="numbers-h"/g)].length, 1, 'before: the section and its table region were both "Numbers" (axe landmark-unique)');
  assert.match(story.body, /role="region" aria-label="Numbers table"/);
});

test('a count written in words is split at its numeral, as the facts read it: "a dozen | people", "half a million | people" (issue 20, sessions 32-33)', async () => {
  const { storyPage } = await import('../../src/web/pages/story.ts');
  const { extractFacts } = await import('../../src/facts/index.ts');
  // The page shows the facts' own reading of each count (session 33: it had a numeral pattern of its own).
  const sentences = ['About a dozen people gathered outside.', 'Half a million people live there.', 'Some two and a half million people watched.'];
  const facts = extractFacts([], sentences.map((text) => ({ text, sources: [] })));
  const digest = { storyId: 's', sentences: [], words: 0, facts };
  const page = String(storyPage({ story: { id: 's', headline: 'h', articleIds: [], firstSeen: '2026-04-01T00:00:00Z', lastSeen: '2026-04-01T00:00:00Z' }, articles: [], relations: [], digest, assignments: [], timeline: { perDay: [], dated: 0, undated: 0 } }, [], 1));
  const rows = [...page.matchAll(/<tr><td><bdi>([^<]*)<\/bdi><\/td><td><bdi>([^<]*)<\/bdi>/g)].map((match) => [match[1], match[2]]);
  // Was "dozen | a people" and "Half a million people | people".
  assert.deepEqual(rows, [['a dozen', 'people'], ['Half a million', 'people'], ['two and a half million', 'people']]);
  // The page reads no numerals itself: a figure the facts give no numeral for is shown whole.
  const own = { ...digest, facts: { ...facts, numbers: [{ text: '30 fishing boats', value: 30, counts: 'fishing boats', sources: [] }] } };
  const ownPage = String(storyPage({ story: { id: 's', headline: 'h', articleIds: [], firstSeen: '2026-04-01T00:00:00Z', lastSeen: '2026-04-01T00:00:00Z' }, articles: [], relations: [], digest: own, assignments: [], timeline: { perDay: [], dated: 0, undated: 0 } }, [], 1));
  assert.deepEqual([...ownPage.matchAll(/<tr><td><bdi>([^<]*)<\/bdi><\/td><td><bdi>([^<]*)<\/bdi>/g)].map((match) => [match[1], match[2]]), [['30 fishing boats', 'fishing boats']]);
});

test('"a town of 11,000" is shown as "11,000 | people", and "a crew of 14" alone as "14 | crew", never "crew of" (issue 20, session 34)', async () => {
  const { storyPage } = await import('../../src/web/pages/story.ts');
  const { extractFacts } = await import('../../src/facts/index.ts');
  // The bundled tanker story's numbers showed "11,000 | town of": the trailing "of" was never cut.
  const facts = extractFacts([], ['For a town of 11,000, the harbour closure is a blow.', 'The ferry has a crew of 14.'].map((text) => ({ text, sources: [] })));
  const digest = { storyId: 's', sentences: [], words: 0, facts };
  const page = String(storyPage({ story: { id: 's', headline: 'h', articleIds: [], firstSeen: '2026-04-01T00:00:00Z', lastSeen: '2026-04-01T00:00:00Z' }, articles: [], relations: [], digest, assignments: [], timeline: { perDay: [], dated: 0, undated: 0 } }, [], 1));
  const rows = [...page.matchAll(/<tr><td><bdi>([^<]*)<\/bdi><\/td><td><bdi>([^<]*)<\/bdi>/g)].map((match) => [match[1], match[2]]);
  assert.deepEqual(rows, [['11,000', 'people'], ['14', 'crew']]);
});

test('an Arabic article\'s paragraphs and digest sentences are dir="auto", so they read right to left on the English page (walk, session 33)', async () => {
  const text = 'افتتحت المدينة يوم الثلاثاء مكتبة جديدة تضم أكثر من مئة ألف كتاب في وسط البلدة القديمة.\n\nوقال رئيس البلدية إن المكتبة ستفتح أبوابها كل يوم من الصباح حتى المساء.';
  await running.engine.ingestJsonLines(`${JSON.stringify({ id: 'ar-library', source: 'صحيفة', title: 'افتتاح مكتبة جديدة في المدينة', text })}\n`);
  const view = await running.engine.article('ar-library');
  const { body } = await get(`/article/${view.article.id}`);
  const paragraphs = [...body.matchAll(/<p dir="auto">افتتحت|<p dir="auto">وقال/g)];
  assert.equal(paragraphs.length, 2, 'before: <p> in the English page\'s left-to-right direction');
  const story = await get(`/story/${view.storyId}`);
  assert.match(story.body, /<li><p dir="auto"><bdi[^>]*>افتتحت/);
});
