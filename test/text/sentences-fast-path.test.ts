// A paragraph where wink cannot end a sentence before its last character is taken as one sentence without
// asking wink. The fast path must give exactly wink's spans: on fixtures always, and on every paragraph of the
// development sets (DUC 2006, Multi-News, MMDS dev, WikiRef220) when ../shared/data is present.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDucClusters } from '../../bench/lib/duc.ts';
import { MULTI_NEWS, readMmdsDev, readWikiref } from '../../bench/lib/story-corpora.ts';
import { readFile } from 'node:fs/promises';
import type { RawArticle } from '../../src/model.ts';
import { prepareArticle } from '../../src/engine/prepare.ts';
import { sentenceSpans, winkSentences } from '../../src/text/sentences.ts';

const FIXTURES = [
  'A paragraph with no stop at all',
  'One sentence that ends here.',
  '  Leading and trailing spaces, then a question?  ',
  'Two sentences. The second one!',
  'Dr. Smith arrived',
  'A quote: "no stop inside"',
  'An ellipsis… in the middle',
  'A zero\u200bwidth space',
  '“Quoted whole.”',
  '100-pound liver sandberg.\'\'',
  '—',
];

test('the fast path gives wink\'s spans on the fixtures', () => {
  for (const body of FIXTURES) assert.deepEqual(sentenceSpans(body), winkSentences(body), body);
});

async function developmentArticles(): Promise<RawArticle[]> {
  const raws: RawArticle[] = [];
  try {
    for (const cluster of await readDucClusters()) for (const document of cluster.documents) raws.push(document.raw);
  } catch {
    // DUC 2006 absent.
  }
  for (const article of (await readMmdsDev()) ?? []) raws.push(article.raw);
  for (const article of (await readWikiref()) ?? []) raws.push(article.raw);
  const multiNews = await readFile(MULTI_NEWS, 'utf8').catch(() => '');
  for (const line of multiNews.split('\n').filter((row) => row !== '')) {
    for (const text of (JSON.parse(line) as { documents: string[] }).documents) raws.push({ origin: { path: 'multi-news', format: 'text' }, text });
  }
  return raws;
}

test('the fast path gives wink\'s spans on every paragraph of the development sets', async (context) => {
  const raws = await developmentArticles();
  if (raws.length === 0) return context.skip('no development sets under ../shared/data');
  let paragraphs = 0;
  let fast = 0;
  for (const raw of raws) {
    const prepared = prepareArticle(raw, 0);
    if (!prepared.ok) continue;
    const { text } = prepared.article;
    for (const span of prepared.article.paragraphs) {
      const body = text.slice(span.start, span.end);
      const wink = winkSentences(body);
      const ours = sentenceSpans(body);
      paragraphs++;
      if (ours.length === 1 && wink.length === 1) fast++;
      assert.deepEqual(ours, wink, body);
    }
  }
  assert.ok(paragraphs > 10_000 && fast > 0, `${paragraphs} paragraphs checked`);
});
