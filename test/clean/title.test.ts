import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText } from '../../src/clean/index.ts';
import { BODY, HEADLINE, LEAD, LEAD_BODY, page } from './fixtures.ts';

test('the first line is the title when it reads as a headline, and leaves the body', () => {
  const out = cleanText({ text: page(HEADLINE, LEAD, ...BODY), format: 'text' });
  assert.equal(out.title, HEADLINE);
  assert.deepEqual(out.paragraphs, [LEAD_BODY, ...BODY]);
  assert.deepEqual(out.dropped[0], { text: HEADLINE, rule: 'title' });
});

test('boilerplate before the headline is skipped', () => {
  const text = page(
    'You are using an older browser version. Please use a supported version for the best experience.',
    'Advertisement',
    HEADLINE,
    LEAD,
  );
  const out = cleanText({ text, format: 'text' });
  assert.equal(out.title, HEADLINE);
  assert.deepEqual(out.paragraphs, [LEAD_BODY]);
});

test('a long first line with a dateline is not a title', () => {
  const out = cleanText({ text: page(LEAD, ...BODY), format: 'text' });
  assert.equal(out.title, undefined);
  assert.deepEqual(out.paragraphs, [LEAD_BODY, ...BODY]);
});

test('a short first line with a dateline is not a title either', () => {
  const out = cleanText({ text: page('GULL HAVEN (MP) — The crane fell.', ...BODY), format: 'text' });
  assert.equal(out.title, undefined);
  assert.equal(out.paragraphs[0], 'The crane fell.');
});

test('a body paragraph first is not a title: too long, or a sentence of many words', () => {
  const long = BODY[0]!;
  assert.equal(cleanText({ text: page(long, BODY[1]!), format: 'text' }).title, undefined);
  const sentence = 'Engineers will examine the crane base and the quay wall later this week.';
  const out = cleanText({ text: page(sentence, BODY[1]!), format: 'text' });
  assert.equal(out.title, undefined);
  assert.deepEqual(out.paragraphs, [sentence, BODY[1]]);
});

test('section labels and lead-ins are not titles', () => {
  assert.equal(cleanText({ text: page('World', ...BODY), format: 'text' }).title, undefined);
  assert.equal(cleanText({ text: page('What we know so far:', ...BODY), format: 'text' }).title, undefined);
  assert.equal(cleanText({ text: page('and then the crane fell', ...BODY), format: 'text' }).title, undefined);
});

test('a headline asking a question is still a title', () => {
  const out = cleanText({ text: page('Was the Gull Haven crane safe?', ...BODY), format: 'text' });
  assert.equal(out.title, 'Was the Gull Haven crane safe?');
});

test('a headline set directly above body text, with no blank line between, is still the title', () => {
  const out = cleanText({ text: `${HEADLINE}\n${BODY[0]}\n\n${BODY[1]}`, format: 'text' });
  assert.equal(out.title, HEADLINE);
  assert.deepEqual(out.paragraphs, [BODY[0], BODY[1]]);
});

test('the first line of hard-wrapped prose is not taken for a headline', () => {
  const wrapped = [
    'Engineers from the port authority will examine',
    'the crane base this week, and ferry crossings to',
    'the islands are suspended until further notice.',
  ];
  const out = cleanText({ text: `${wrapped.join('\n')}\n\n${BODY[1]}`, format: 'text' });
  assert.equal(out.title, undefined);
  assert.deepEqual(out.paragraphs, [wrapped.join(' '), BODY[1]]);
});

test('a given title repeated on the first line of a block drops only that line', () => {
  const out = cleanText({ text: `${HEADLINE}\n${BODY[0]}\n\n${BODY[1]}`, title: HEADLINE, format: 'jsonl' });
  assert.deepEqual(out.paragraphs, [BODY[0], BODY[1]]);
  const question = 'Was the Gull Haven crane safe?';
  const asked = cleanText({ text: `${question}\n${BODY[0]}\n\n${BODY[1]}`, title: question, format: 'jsonl' });
  assert.deepEqual(asked.paragraphs, [BODY[0], BODY[1]]);
});

test('a lone line is body, not a title with an empty body', () => {
  const out = cleanText({ text: 'Ferry crossings suspended', format: 'text' });
  assert.equal(out.title, undefined);
  assert.deepEqual(out.paragraphs, ['Ferry crossings suspended']);
});

test('a given title is kept and its repeat on the first line is dropped', () => {
  const out = cleanText({ text: page(HEADLINE, ...BODY), title: HEADLINE, format: 'jsonl' });
  assert.equal(out.title, HEADLINE);
  assert.deepEqual(out.paragraphs, BODY);
  assert.deepEqual(out.dropped, [{ text: HEADLINE, rule: 'title' }]);
});

test('a given title matches the first line up to case, curly quotes and a site suffix', () => {
  const first = 'Crane "topples" onto ferry';
  const given = 'Crane “Topples” Onto Ferry - Gull Haven Gazette';
  const out = cleanText({ text: page(first, ...BODY), title: given, format: 'jsonl' });
  assert.equal(out.title, given);
  assert.deepEqual(out.paragraphs, BODY);
});

test('with a given title, a different first line stays in the body even if it looks like a headline', () => {
  const out = cleanText({ text: page('Ferry crossings suspended', ...BODY), title: HEADLINE, format: 'jsonl' });
  assert.equal(out.title, HEADLINE);
  assert.deepEqual(out.paragraphs, ['Ferry crossings suspended', ...BODY]);
});

test('a blank given title counts as none', () => {
  const out = cleanText({ text: page(HEADLINE, ...BODY), title: '  ', format: 'jsonl' });
  assert.equal(out.title, HEADLINE);
});

test('a headline in a script without capitals or spaces is the title; a lead sentence of theirs is not (walk, session 34)', () => {
  const cases: [string, string][] = [
    ['上海地铁新线开通', '上海地铁十八号线周六正式开通运营，连接浦东新区多个居民区，预计每日客流量超过二十万人次。'],
    ['東京で震度5の地震、けが人なし', '気象庁によると、東京都内で日曜日の午後に震度5弱の地震があったが、けが人は報告されていない。'],
    ['الحكومة تعلن عن خطة جديدة للمياه', 'أعلنت الحكومة يوم الاثنين عن خطة جديدة لإدارة المياه في المناطق الجنوبية بعد موجة جفاف طويلة أثرت على المزارعين.'],
    ['गंगा में बाढ़ से गांव खाली', 'बिहार में गंगा नदी में बाढ़ के कारण सोमवार को कई गांव खाली कराए गए।'],
  ];
  for (const [headline, body] of cases) assert.equal(cleanText({ text: `${headline}\n\n${body}`, format: 'text' }).title, headline);
  // A first paragraph that is a long sentence stays body: only twelve "words" of it could make the title.
  assert.equal(cleanText({ text: `${cases[0]![1]}\n\n另一段。`, format: 'text' }).title, undefined);
});
