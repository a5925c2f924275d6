import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanText } from '../../src/clean/index.ts';
import { findDateline } from '../../src/clean/dateline.ts';
import { BODY, HEADLINE, page } from './fixtures.ts';

const SENTENCE = 'The crane toppled onto a moored ferry on Monday, harbour officials said.';

const VARIANTS: Array<[string, { place: string; agency?: string; text: string }]> = [
  ['PARIS (AP) — ', { place: 'PARIS', agency: 'AP', text: 'PARIS (AP) —' }],
  ['PARIS — ', { place: 'PARIS', text: 'PARIS —' }],
  ['PARIS – ', { place: 'PARIS', text: 'PARIS –' }],
  ['PARIS\u00a0— ', { place: 'PARIS', text: 'PARIS —' }],
  ['WASHINGTON (Reuters) - ', { place: 'WASHINGTON', agency: 'Reuters', text: 'WASHINGTON (Reuters) -' }],
  ['KESTREL BAY, Scotland (MP) — ', { place: 'KESTREL BAY, Scotland', agency: 'MP', text: 'KESTREL BAY, Scotland (MP) —' }],
  ['NEW YORK -- ', { place: 'NEW YORK', text: 'NEW YORK --' }],
  ['ST. LOUIS (AP) — ', { place: 'ST. LOUIS', agency: 'AP', text: 'ST. LOUIS (AP) —' }],
  ['GULL HAVEN, N.Y. (MP) — ', { place: 'GULL HAVEN, N.Y.', agency: 'MP', text: 'GULL HAVEN, N.Y. (MP) —' }],
  ['PARIS (AP)—', { place: 'PARIS', agency: 'AP', text: 'PARIS (AP)—' }],
  ['WASHINGTON, Jan. 20 (Reuters) - ', { place: 'WASHINGTON', agency: 'Reuters', text: 'WASHINGTON, Jan. 20 (Reuters) -' }],
  ['LONDON, March 4, 2024 (MP) — ', { place: 'LONDON', agency: 'MP', text: 'LONDON, March 4, 2024 (MP) —' }],
];

for (const [opening, dateline] of VARIANTS) {
  test(`dateline ${JSON.stringify(opening)} is cut from the first body paragraph`, () => {
    const out = cleanText({ text: page(HEADLINE, opening + SENTENCE, ...BODY), format: 'text' });
    assert.deepEqual(out.dateline, dateline);
    assert.deepEqual(out.paragraphs, [SENTENCE, ...BODY]);
    assert.ok(out.dropped.some((d) => d.rule === 'dateline' && d.text === dateline.text));
  });
}

test('openings that are not datelines', () => {
  for (const paragraph of [
    'US Defence Secretary said the talks went well.',
    'Paris — the city of light — was quiet on Monday.',
    'I — like everyone here — was shocked.',
    'COVID-19 cases rose again in the harbour district.',
    'NATO-led exercises resumed on Tuesday.',
    'U.S.-led forces - and their allies - advanced.',
    'GULL HAVEN (MP) —',
  ]) {
    assert.equal(findDateline(paragraph), undefined, paragraph);
  }
});

test('the dateline agency names the source, by its usual name when it is a known wire agency', () => {
  const ap = cleanText({ text: page(HEADLINE, `PARIS (AP) — ${SENTENCE}`), format: 'text' });
  assert.equal(ap.sourceHint, 'Associated Press');
  const reuters = cleanText({ text: page(HEADLINE, `WASHINGTON (Reuters) - ${SENTENCE}`), format: 'text' });
  assert.equal(reuters.sourceHint, 'Reuters');
  const unknown = cleanText({ text: page(HEADLINE, `GULL HAVEN (MP) — ${SENTENCE}`), format: 'text' });
  assert.equal(unknown.sourceHint, 'MP');
  const none = cleanText({ text: page(HEADLINE, `PARIS — ${SENTENCE}`), format: 'text' });
  assert.equal(none.sourceHint, undefined);
});

test('the dateline may open the second body paragraph, but no later one', () => {
  const note = 'This story has been updated with the ferry operator\'s statement';
  const second = cleanText({ text: page(HEADLINE, note, `GULL HAVEN (MP) — ${SENTENCE}`), format: 'text' });
  assert.equal(second.dateline?.place, 'GULL HAVEN');
  assert.deepEqual(second.paragraphs, [note, SENTENCE]);
  const third = cleanText({ text: page(HEADLINE, BODY[0]!, BODY[1]!, `GULL HAVEN (MP) — ${SENTENCE}`), format: 'text' });
  assert.equal(third.dateline, undefined);
});

test('one paragraph per line: the dateline is found on the line after the headline', () => {
  const out = cleanText({ text: `${HEADLINE}\nPARIS — ${SENTENCE}\n${BODY[0]}`, format: 'text' });
  assert.equal(out.title, HEADLINE);
  assert.deepEqual(out.dateline, { place: 'PARIS', text: 'PARIS —' });
  assert.deepEqual(out.paragraphs, [SENTENCE, BODY[0]]);
});
