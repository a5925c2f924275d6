// Stock passages (a company's "About ..." block, disclaimers, sign-offs, newsletter pitches) make no reuse
// relation and join no stories; a reuse relation alone does not join articles far apart in time (issue 20).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Engine } from '../../src/engine/index.ts';
import type { IngestItem } from '../../src/ingest/index.ts';
import { relatable, relate } from '../../src/match/relate.ts';
import { createHash } from 'node:crypto';
import { isStockPassage, keyText, longEnough, paragraphKey, StockIndex, stockForm, stockParagraphKeys } from '../../src/match/stock.ts';
import type { RawArticle, Relation } from '../../src/model.ts';
import { decideStory, type ArrivingArticle } from '../../src/stories/assign.ts';
import { TermVector } from '../../src/stories/vectors.ts';
import { articleFrom } from '../fixtures.ts';

const ABOUT_BRANDWELL = `About Brandwell Robotics

Brandwell Robotics is a leading developer of autonomous warehouse systems, with offices in Velmont, Oakmere and Tarran. Founded in 2011, the company serves more than 400 logistics customers in 19 countries and employs 1,200 people. For more information, visit brandwell.example.`;

const RELEASE_MARCH = `Brandwell Robotics opens new research centre in Oakmere

OAKMERE — Brandwell Robotics on Tuesday opened a research centre in Oakmere that will employ 140 engineers working on battery systems for warehouse robots.

The centre, built on the site of a former printing works, cost 38 million euros and was part-funded by the regional development agency.

"Oakmere gives us the engineers we need and a university next door," chief executive Lotte Vries said at the opening ceremony.

${ABOUT_BRANDWELL}`;

const RELEASE_AUGUST = `Brandwell Robotics names Henrik Saal chief financial officer

VELMONT — Brandwell Robotics said on Monday that Henrik Saal, formerly finance director at the shipping group Halvard, will become its chief financial officer on 1 October.

Saal replaces Anneke Droste, who is retiring after nine years in the post. The board thanked her for steering the company through two funding rounds.

"Henrik knows how to grow a business without losing sight of cash," chairman Piet Molen said.

${ABOUT_BRANDWELL}`;

test('an "About ..." block, a disclaimer, a sign-off and a newsletter pitch read as stock', () => {
  assert.equal(stockForm(ABOUT_BRANDWELL), 'about block heading');
  assert.equal(stockForm('Brandwell Robotics is a leading developer of autonomous warehouse systems.'), 'company boilerplate');
  assert.equal(stockForm('This press release contains forward-looking statements within the meaning of the act.'), 'forward-looking statements');
  assert.equal(stockForm('Reporting by Jo Lind; Editing by Mark Sand'), 'wire sign-off');
  assert.equal(stockForm('Sign up for our morning newsletter and get the news delivered to your inbox.'), 'newsletter pitch');
  assert.equal(stockForm('Firefighters used boats to reach residents trapped on upper floors along Mill Street.'), undefined);
});

test('two press releases five months apart sharing only their About paragraph make no reuse relation', () => {
  const march = articleFrom('march.txt', RELEASE_MARCH, { published: '2026-03-03T09:00:00Z', source: 'Brandwell newsroom' });
  const august = articleFrom('august.txt', RELEASE_AUGUST, { published: '2026-08-10T09:00:00Z', source: 'Brandwell newsroom' });
  assert.equal(relate(relatable(march), relatable(august)), undefined);
});

test('a paragraph seen under three different sources is stock, under two it is not', () => {
  const paragraph = 'Readers can reach the desk at any hour with tips about the city, its council, its courts and its schools.';
  const index = new StockIndex();
  index.add({ id: 'a', source: 'Velmont Herald', text: `Story one.\n\n${paragraph}` });
  index.add({ id: 'b', source: 'Oakmere Post', text: `Story two.\n\n${paragraph}` });
  const text = `Story three.\n\n${paragraph}`;
  const span = { start: text.indexOf('Readers'), end: text.length };
  assert.equal(isStockPassage(text, span, index), false);
  index.add({ id: 'c', source: 'Tarran Times', text });
  assert.equal(isStockPassage(text, span, index), true);
});

test('the two press releases end in different stories', async () => {
  const engine = Engine.openSqlite(':memory:');
  const raws: RawArticle[] = [
    { origin: { path: 'march.jsonl', format: 'jsonl' }, externalId: 'march', source: 'Brandwell newsroom', published: '2026-03-03T09:00:00Z', title: 'Brandwell Robotics opens new research centre in Oakmere', text: RELEASE_MARCH.split('\n\n').slice(1).join('\n\n') },
    { origin: { path: 'august.jsonl', format: 'jsonl' }, externalId: 'august', source: 'Brandwell newsroom', published: '2026-08-10T09:00:00Z', title: 'Brandwell Robotics names Henrik Saal chief financial officer', text: RELEASE_AUGUST.split('\n\n').slice(1).join('\n\n') },
  ];
  async function* items(): AsyncIterable<IngestItem> {
    for (const raw of raws) yield { kind: 'article', raw };
  }
  const report = await engine.ingestItems(items());
  assert.equal(report.stored, 2);
  assert.equal(report.relations, 0);
  assert.equal((await engine.stories()).length, 2);
  await engine.close();
});

test('a reuse relation alone does not join articles months apart; a version still does', () => {
  const arriving: ArrivingArticle = { id: 'new', title: 'New', vector: TermVector.fromRecord({ robot: 1 }), time: Date.parse('2026-08-10T09:00:00Z'), timed: true };
  const relation = (kind: Relation['kind']): Relation => ({ a: 'old', b: 'new', kind, score: 0.3, coverage: { a: 0.3, b: 0.3 }, direction: { known: true, reason: 'test' }, passages: [] });
  const otherTime = { time: Date.parse('2026-03-03T09:00:00Z'), timed: true };
  const far = decideStory(arriving, [{ storyId: 'old-story', relation: relation('reuse'), otherArticleId: 'old', otherTime }], []);
  assert.equal(far.created, true);
  const near = decideStory(arriving, [{ storyId: 'old-story', relation: relation('reuse'), otherArticleId: 'old', otherTime: { time: arriving.time - 3600_000, timed: true } }], []);
  assert.equal(near.assignment.storyId, 'old-story');
  const version = decideStory(arriving, [{ storyId: 'old-story', relation: relation('version'), otherArticleId: 'old', otherTime }], []);
  assert.equal(version.assignment.storyId, 'old-story');
});

test('paragraph keys are those of their definition (stored keys stay valid), ASCII or not', () => {
  const defined = (paragraph: string) => paragraph.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const paragraphs = [
    '', '   ', '...', 'Plain ASCII, with 12.5 per cent -- and (brackets).', '“Curly” quotes’ and — dashes…',
    'İstanbul ÇAĞ ﬁne Straße ΣΑΣ ǅ', 'astral \u{1D400}letters\u{1D401} and emoji \u{1F600} between', 'lone \uD800 surrogates x\uDC00',
    '北京时间 3月5日，记者报道', ABOUT_BRANDWELL,
  ];
  for (const paragraph of paragraphs) assert.equal(keyText(paragraph), defined(paragraph), JSON.stringify(paragraph));
  // Paragraphs of eleven words are not counted, of twelve are, however the whitespace runs.
  const eleven = ' one two three four five six seven eight nine ten eleven ';
  assert.deepEqual(stockParagraphKeys(eleven.trim()), []);
  assert.deepEqual(stockParagraphKeys(eleven), [paragraphKey(eleven)]);
  assert.deepEqual(stockParagraphKeys(`${eleven.trim()}\ttwelve`), [paragraphKey(`${eleven.trim()} twelve`)]);
});

test('a paragraph key is the SHA-1 of its key text, though hashed from bytes written in one pass (random strings)', () => {
  const byString = (paragraph: string) => createHash('sha1').update(keyText(paragraph)).digest('base64').slice(0, 16);
  const alphabet = ['a', 'Z', '0', ' ', '.', ',', "'", '-', '\n', 'é', 'É', 'İ', '\u0301', '\u2019', 'ﬁ', 'Ⅻ', '中', '😀', '\ud800', '\udc00', '𝐀', 'ß', 'Σ', '\u0660', 'Ж'];
  let seed = 5;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let k = 0; k < 20_000; k++) {
    let paragraph = '';
    for (let i = next(40); i > 0; i--) paragraph += alphabet[next(alphabet.length)];
    assert.equal(paragraphKey(paragraph), byString(paragraph), JSON.stringify(paragraph));
  }
  // Longer than the buffer the bytes start in: it grows.
  const long = `${'Жé中 '.repeat(3000)}end`;
  assert.equal(paragraphKey(long), byString(long));
});

test('a paragraph is long enough as its split at whitespace runs says, for every kind of whitespace', () => {
  const bySplit = (paragraph: string) => paragraph.split(/\s+/).length >= 12;
  for (let code = 0; code < 0x10000; code++) {
    const ch = String.fromCharCode(code);
    const words = Array.from({ length: 12 }, (_, i) => `w${i}`);
    for (const paragraph of [words.join(ch), words.slice(1).join(ch), `${ch}${words.slice(1).join(' ')}`, `${words.slice(2).join(' ')}${ch}${ch} x`]) {
      assert.equal(longEnough(paragraph), bySplit(paragraph), `U+${code.toString(16)} ${JSON.stringify(paragraph)}`);
    }
  }
});
