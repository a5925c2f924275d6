// A paragraph is cut where wink surely ends a sentence (a stop after a plain word, then a capital) and only the
// pieces with another possible boundary are handed to wink. The sentences (the pieces with shouldJoin's repairs,
// joinedSpans) must be exactly those of wink on the whole paragraph: on fixtures always, and on every paragraph of
// the development sets (DUC 2006, Multi-News, MMDS dev, WikiRef220) when ../shared/data is present. Before the
// repairs the pieces may differ only where a stop is followed by a lower-case word or a comma, which the repairs
// join back whatever wink made of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readDucClusters } from '../../bench/lib/duc.ts';
import { MULTI_NEWS, readMmdsDev, readWikiref } from '../../bench/lib/story-corpora.ts';
import { readFile } from 'node:fs/promises';
import type { RawArticle } from '../../src/model.ts';
import { prepareArticle } from '../../src/engine/prepare.ts';
import { joinedSpans, sentenceSpans, winkReads, winkSentences } from '../../src/text/sentences.ts';

// Boundaries cut without wink: a stop before a number, after a word with digits, before DUC's opening '', and glued
// to a capitalised word (also twice in a row: the second stop's word starts where the glued cut left the piece).
const SURE_WITHOUT_WINK = [
  'It was listing. 970 people came.',
  'The season was bad. 1982-83 was worse.',
  'He is 16-year-old. Excessive force was used.',
  'Call 972-392-0888. Lines are open.',
  'He Proposes. \'\'Tolkien\'s plan\'\' came.',
  'Seen at noon.The office said so.',
  'A Neo-nazi.Intermediate. Convictions came.',
];

// A title before a capital or a number is no boundary without wink (shouldJoin joins whatever wink cuts there),
// unless a quotation closes just before the piece, where wink's cut decides whether an attribution is joined.
const TITLES_WITHOUT_WINK = ['The talks began when Mr. Smith arrived with Gen. Lee and Dr. 5 more.', 'Then Sen. John Doe spoke.'];
const TITLE_AFTER_QUOTE = '"It is over." Mr. Smith said.';

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
  'Two plain sentences. The second ends here.',
  'He left in 1990. Then he came back at 4.5 per cent; nobody saw it: "Wow." Nothing else.',
  'It weighs 10 lb. He said so.',
  'The move was a well-known one. It failed in mass. Smith\'s plan won\'t. Then it ended!',
  "``It is over,'' she said. ``We won.'' Then they left.",
  "A paragraph that ends with DUC's quote.''",
  'The U.S. Army arrived. Gen. Smith spoke. Its price rose to $2.40. Then it fell.',
  'Version 3.0 is out. The latest is 4.1. It works.',
  'Ms Teo said the woman came in. Ms Teo left.',
  'It ended. and then it went on. (Really.) Yes.',
  'It was late.the office said. It rained. the pier closed. He said no. and left.',
  'It rained etc., and then. Then it stopped; fine. Really? yes. Wow! no; It went: on.',
  'The pier closed at noon.The harbour office said so.',
  ...SURE_WITHOUT_WINK,
  ...TITLES_WITHOUT_WINK,
  TITLE_AFTER_QUOTE,
];

const ours = (body: string) => joinedSpans(body, sentenceSpans(body));
const winks = (body: string) => joinedSpans(body, winkSentences(body));

test('cutting at sure boundaries gives wink\'s spans on the fixtures', () => {
  for (const body of FIXTURES) assert.deepEqual(ours(body), winks(body), body);
});

test('sure boundaries next to numbers, quotes and glued words are cut without wink', () => {
  for (const body of SURE_WITHOUT_WINK) {
    const before = winkReads.pieces;
    const spans = sentenceSpans(body);
    assert.equal(winkReads.pieces, before, body);
    assert.ok(spans.length >= 2, body);
  }
});

test('a title before a capital or a number is no boundary without wink, unless a quotation closes before it', () => {
  for (const body of TITLES_WITHOUT_WINK) {
    const before = winkReads.pieces;
    assert.equal(sentenceSpans(body).length, 1, body);
    assert.equal(winkReads.pieces, before, body);
  }
  const before = winkReads.pieces;
  sentenceSpans(TITLE_AFTER_QUOTE);
  assert.equal(winkReads.pieces, before + 1);
});

// A stop before a lower-case word or a comma, whatever the word before it (a web address, a sum, a unit): shouldJoin
// joins whatever wink cuts there, so no wink is asked (session 34: only a plain word before it was, 14% of wink's reading).
const JOINED_AFTER_ANY_WORD = [
  'Write to ziff.com. or visit lipman://nano.volkswagen/mid-columbia for more',
  'It cost $4. and rose to 3m. over a year, then 5m., then more',
  'He got an A+! then left',
];

test('a stop before a lower-case word or a comma is no boundary without wink, whatever the word before it', () => {
  for (const body of JOINED_AFTER_ANY_WORD) {
    const before = winkReads.pieces;
    assert.equal(sentenceSpans(body).length, 1, body);
    assert.equal(winkReads.pieces, before, body);
    assert.deepEqual(ours(body), winks(body), body);
  }
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

test('cutting at sure boundaries gives wink\'s spans on every paragraph of the development sets', async (context) => {
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
      const wink = winks(body);
      const cut = ours(body);
      paragraphs++;
      if (cut.length === 1 && wink.length === 1) fast++;
      assert.deepEqual(cut, wink, body);
    }
  }
  assert.ok(paragraphs > 10_000 && fast > 0, `${paragraphs} paragraphs checked`);
});
