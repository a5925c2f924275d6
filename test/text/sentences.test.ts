import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Span } from '../../src/model.ts';
import { forgetWink, splitSentences, winkAddedWords, winkSentences } from '../../src/text/sentences.ts';

/** Joins paragraphs with a blank line, as Article.text does, and returns their spans. */
function article(paragraphs: string[]): { text: string; spans: Span[] } {
  const spans: Span[] = [];
  let pos = 0;
  for (const p of paragraphs) {
    spans.push({ start: pos, end: pos + p.length });
    pos += p.length + 2;
  }
  return { text: paragraphs.join('\n\n'), spans };
}

/** The sentences as [paragraph, text], checking every span's offsets on the way. */
function sentences(paragraphs: string[]): [number, string][] {
  const { text, spans } = article(paragraphs);
  return splitSentences(text, spans).map((s) => {
    const body = text.slice(s.start, s.end);
    const para = spans[s.paragraph]!;
    assert.ok(s.start >= para.start && s.end <= para.end, 'sentence inside its paragraph');
    assert.equal(body, body.trim(), 'whitespace-trimmed');
    return [s.paragraph, body];
  });
}

test('abbreviations do not end sentences', () => {
  assert.deepEqual(
    sentences([
      'The U.S. Navy said Vice Adm. Ada Lowe would reach Norfolk on Jan. 20 with two frigates. She declined to comment.',
      'Lt. Col. Ruiz and Sgt. Maj. Okafor met Gov. Hale at 9 a.m. The talks moved to No. 4 Dock St. in Leith.',
    ]),
    [
      [0, 'The U.S. Navy said Vice Adm. Ada Lowe would reach Norfolk on Jan. 20 with two frigates.'],
      [0, 'She declined to comment.'],
      [1, 'Lt. Col. Ruiz and Sgt. Maj. Okafor met Gov. Hale at 9 a.m.'],
      [1, 'The talks moved to No. 4 Dock St. in Leith.'],
    ],
  );
});

test('a quotation closed by its attribution stays one sentence', () => {
  assert.deepEqual(
    sentences([
      '"We are not finished with this harbour..." Mayor Dunn said. The crowd went home.',
      '“The pier will reopen.” Dunn said on Friday. “It is safe.” he added. “Is it?” asked a fisherman.',
      '"It is over," the captain said. "We sail at dawn." The crew cheered.',
    ]),
    [
      [0, '"We are not finished with this harbour..." Mayor Dunn said.'],
      [0, 'The crowd went home.'],
      [1, '“The pier will reopen.” Dunn said on Friday.'],
      [1, '“It is safe.” he added.'],
      [1, '“Is it?” asked a fisherman.'],
      [2, '"It is over," the captain said.'],
      [2, '"We sail at dawn."'],
      [2, 'The crew cheered.'],
    ],
  );
});

test('never across a paragraph boundary; empty paragraphs give nothing', () => {
  assert.deepEqual(
    sentences(['Storm warning for the coast', '', '   ', 'Ferries stay in port. Trains run late!', 'Who pays?']),
    [
      [0, 'Storm warning for the coast'],
      [3, 'Ferries stay in port.'],
      [3, 'Trains run late!'],
      [4, 'Who pays?'],
    ],
  );
});

test('offsets are into the whole text and whitespace-trimmed', () => {
  const text = 'Headline here\n\n  First sentence.   Second one.  \n\nLast.';
  const spans: Span[] = [
    { start: 0, end: 13 },
    { start: 15, end: 48 },
    { start: 50, end: 55 },
  ];
  const found = splitSentences(text, spans);
  assert.deepEqual(found, [
    { start: 0, end: 13, paragraph: 0 },
    { start: 17, end: 32, paragraph: 1 },
    { start: 35, end: 46, paragraph: 1 },
    { start: 50, end: 55, paragraph: 2 },
  ]);
  assert.deepEqual(found.map((s) => text.slice(s.start, s.end)), ['Headline here', 'First sentence.', 'Second one.', 'Last.']);
});

test('sentences that really end at an abbreviation or a quote still split', () => {
  assert.deepEqual(
    sentences(['The parcel went to Acme Inc. The rest stayed here. "Enough." The meeting ended.']),
    [
      [0, 'The parcel went to Acme Inc.'],
      [0, 'The rest stayed here.'],
      [0, '"Enough."'],
      [0, 'The meeting ended.'],
    ],
  );
});

test('odd characters keep offsets exact', () => {
  const para = 'Prices rose 3.5\u00a0percent in the U.K.\u200b The index fell—again. Can\'t stop, won\'t stop.';
  for (const [, body] of sentences([para])) assert.ok(para.includes(body));
  assert.equal(sentences([para]).length, 3);
});

test('what wink read before does not change its answer (the same sentences on every --jobs thread)', () => {
  // From the 10k stream: once wink had read "rift.15m" it knew "15m" as a word and cut "15m. Assented" where a
  // fresh wink does not, so a thread that had read that article split this one otherwise.
  const later = 'foul-smelling Settlers 15m. Assented, Investment-led mandating pivotal.';
  const earlier = 'raptors rift.15m sincere lazuli misunderstood.';
  const split = (text: string) => splitSentences(text, [{ start: 0, end: text.length }]);
  const fresh = split(later);
  split(earlier);
  assert.deepEqual(split(later), fresh);
});

test('wink counts the unknown words it adds to its lexicon (it is built afresh past WINK_ADDED_WORDS_LIMIT)', () => {
  const before = winkAddedWords();
  // A stop after a made-up abbreviation-like word ("U.S"-style) is a doubtful boundary, so wink reads this paragraph.
  const text = 'the zorbliq V.T.vantrex. Glimbor quastel ran off. Then frabjous.';
  splitSentences(text, [{ start: 0, end: text.length }]);
  assert.ok(winkAddedWords() > before, 'made-up words were added');
});

test('words wink read before are added again, and every split is a fresh wink\'s', () => {
  // Unknown words in several cases and token kinds (the part of speech wink guesses depends on the case, the
  // suffix and whether the lower-cased word is in its vocabulary), each met again in a later read.
  const texts = [
    'foul-smelling Settlers 15m. Assented, Investment-led mandating pivotal.',
    'raptors rift.15m sincere lazuli misunderstood.',
    'The ZORBLIQ V.T. vantrex. Zorbliq glimbored 15m. Frabjous quastel ran off.',
    'zorbliq vantrex. Glimboring quastels, V.T.vantrex 7m. Assented Zorbliq left.',
    'Then frabjous Vantrex. ZORBLIQ. zorbliq. Glimbored. Ran.',
  ];
  const fresh = texts.map((text) => {
    forgetWink();
    return winkSentences(text);
  });
  forgetWink();
  for (let round = 0; round < 2; round++) {
    texts.forEach((text, at) => assert.deepEqual(winkSentences(text), fresh[at], `round ${round}: ${text}`));
  }
});

test('wink can be built afresh again and again (it is, past WINK_ADDED_WORDS_LIMIT, in a long-running thread)', () => {
  // Its model's custom-entity loader escaped its JSON once more at every load: the 20th build threw.
  const text = 'The zorbliq V.T.vantrex. Glimbor quastel ran off.';
  const fresh = winkSentences(text);
  for (let build = 0; build < 24; build++) {
    forgetWink();
    assert.deepEqual(winkSentences(text), fresh);
  }
});
