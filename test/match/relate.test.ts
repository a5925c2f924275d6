import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relatable, relate } from '../../src/match/relate.ts';
import { profileSentences, sentenceSimilarity } from '../../src/match/sentences.ts';
import type { Article } from '../../src/model.ts';
import { articleFrom, LIFTING_PAGE, UNRELATED, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';


test('the same text at two addresses is a duplicate', () => {
  const one = articleFrom('a.txt', WIRE_STORY, { url: 'https://one.example/flood' });
  const two = articleFrom('b.txt', WIRE_STORY, { url: 'https://two.example/flood' });
  assert.notEqual(one.id, two.id);
  const relation = relate(relatable(one), relatable(two));
  assert.equal(relation?.kind, 'duplicate');
  assert.equal(relation?.score, 1);
});

test('an update that edits and adds paragraphs is a version, with passages in both texts', () => {
  const first = articleFrom('v1.txt', WIRE_STORY);
  const update = articleFrom('v2.txt', WIRE_UPDATE);
  const relation = relate(relatable(first), relatable(update));
  assert.equal(relation?.kind, 'version');
  assert.ok(relation!.passages.length >= 1);
  assert.ok(relation!.passages.some((passage) => passage.similarity < 1), 'the edited sentence aligns as a near-copy');
  for (const passage of relation!.passages) {
    const [source, copy] = relation!.a === first.id ? [first, update] : [update, first];
    assert.ok(source.text.slice(passage.a.start, passage.a.end).length > 0);
    assert.ok(copy.text.slice(passage.b.start, passage.b.end).length > 0);
  }
});

test('a page lifting sentences, one reworded, is reuse with the wire as source', () => {
  const wire = articleFrom('wire.txt', WIRE_STORY);
  const page = articleFrom('page.txt', LIFTING_PAGE);
  const relation = relate(relatable(page), relatable(wire));
  assert.equal(relation?.kind, 'reuse');
  assert.equal(relation?.a, wire.id, 'the wire story (with an agency dateline) is the source');
  assert.equal(relation?.direction.known, true);
  assert.match(relation!.direction.reason, /wire dateline/);
  const reworded = relation!.passages.map((passage) => page.text.slice(passage.b.start, passage.b.end)).join(' ');
  assert.match(reworded, /crested at 5\.2 metres/, 'the reworded sentence is aligned');
});

test('publication time decides direction before any page evidence', () => {
  const late = articleFrom('wire.txt', WIRE_STORY, { published: '2026-02-02T10:00:00.000Z' });
  const early = articleFrom('page.txt', LIFTING_PAGE, { published: '2026-02-01T10:00:00.000Z' });
  const relation = relate(relatable(late), relatable(early));
  assert.equal(relation?.a, early.id);
  assert.match(relation!.direction.reason, /published earlier/);
});

test('unrelated articles have no relation', () => {
  assert.equal(relate(relatable(articleFrom('w.txt', WIRE_STORY)), relatable(articleFrom('u.txt', UNRELATED))), undefined);
});

test('sentence similarity: a one-word swap stays a near-copy, a shared short quote does not', () => {
  const [a] = profileSentences(articleFrom('x.txt', 'Coalition needs\n\nBut the key needs are trainers and surveillance assets, such as drones.'));
  const [b] = profileSentences(articleFrom('y.txt', 'Coalition needs\n\nBut the vital needs are trainers and surveillance assets, such as drones.'));
  assert.ok(sentenceSimilarity(a!, b!) >= 0.6);
  const [c] = profileSentences(articleFrom('z.txt', 'Ministers meet\n\n"We all must do more," he said.'));
  const [d] = profileSentences(
    articleFrom('w.txt', 'Ministers meet\n\n"We all must do more," Carter said shortly after a long session with the defence ministers of six other nations.'),
  );
  assert.ok(sentenceSimilarity(c!, d!) < 0.6);
});

test('without times or page signs, containment does not decide: the first fetched is taken as source, direction unknown', () => {
  const shared = WIRE_STORY.split('\n\n').slice(2, 4).join('\n\n');
  const longText = `${WIRE_STORY}\n\n${UNRELATED.split('\n\n').slice(1).join('\n\n')}`.replace(/DUNMERE \(NW\) — /, '');
  // The brief is fetched first: a long story built around a short item looks, by containment, like its source.
  const short = articleFrom('short.txt', `Brief\n\n${shared}`);
  const long = articleFrom('long.txt', longText);
  for (const [x, y] of [[short, long], [long, short]] as const) {
    const relation = relate(relatable(x), relatable(y));
    assert.equal(relation?.kind, 'reuse');
    assert.equal(relation?.a, short.id, 'the article fetched first is ordered first');
    assert.equal(relation?.direction.known, false);
    assert.match(relation!.direction.reason, /first ingest/);
    assert.match(relation!.direction.reason, new RegExp(`containment, not taken as evidence: \\d+% of ${short.id}`));
  }
});

// Issue 21: a spun passage (a synonym every four to five words, one word dropped) set inside an unrelated
// article is kept as a rewrite, with the aligned passage inside the spun text on both sides.
const SPUN_SOURCE_PASSAGE = [
  'The two sides emphasized the need for non-proliferation and agreed to meet again in the spring.',
  'Officials said the talks had been frank but useful, and that both delegations would report to their governments.',
  'We are even more confident that we will reach our goal before the end of the year, the envoy told reporters.',
].join(' ');
const SPUN_COPY_PASSAGE = [
  'The two parties stressed the require for non-proliferation and consented to convene again in the springtime.',
  'Authorities stated the discussions had been candid but helpful, and that both groups would report to their administrations.',
  'We are even additional certain that we will our target before the finish of the year, the emissary told journalists.',
].join(' ');

test('issue 21: a spun passage inside an unrelated host is a rewrite, aligned inside the spun text', () => {
  const source = articleFrom('source.txt', `Talks end in Vienna\n\n${UNRELATED}\n\n${SPUN_SOURCE_PASSAGE}`);
  const copy = articleFrom('farm.txt', `Flood news\n\n${WIRE_STORY}\n\n${SPUN_COPY_PASSAGE}`);
  const relation = relate(relatable(source), relatable(copy));
  assert.equal(relation?.kind, 'rewrite');
  const [first, second] = relation!.a === source.id ? [source, copy] : [copy, source];
  const inside = (article: Article, passage: string, span: { start: number; end: number }) => {
    const at = article.text.indexOf(passage.slice(0, 20));
    assert.ok(at >= 0 && span.start >= at && span.end <= at + passage.length + 5, `span ${span.start}-${span.end} outside the passage at ${at}`);
  };
  for (const passage of relation!.passages) {
    inside(first, first === source ? SPUN_SOURCE_PASSAGE : SPUN_COPY_PASSAGE, passage.a);
    inside(second, second === source ? SPUN_SOURCE_PASSAGE : SPUN_COPY_PASSAGE, passage.b);
    assert.ok(passage.similarity < 0.88, `similarity ${passage.similarity}`);
  }
});

test('issue 21: a two-sentence lift (20-40 words) in a host three times longer than its source is found and kept as reuse', async () => {
  const { chooseCandidates, DEFAULT_SKETCH_SETTINGS, sketchArticle } = await import('../../src/match/candidates.ts');
  const { CopyIndex } = await import('../../src/sketch/copy-index.ts');
  // 36 words: the barrier quote and the river-level sentence.
  const lift =
    '"The barrier was never designed to hold back a surge of this size," said Colin Marsh, the county\'s chief fire officer. ' +
    'The Environment Office said river levels had peaked at 5.2 metres overnight.';
  const hostText = `Regional round-up\n\n${UNRELATED}\n\n${lift}\n\n${UNRELATED.split('\n\n').reverse().join('\n\n')}\n\n${LIFTING_PAGE}\n\n${UNRELATED}`;
  assert.ok(hostText.length >= 2 * WIRE_STORY.length, `host ${hostText.length} chars, source ${WIRE_STORY.length}`);
  const source = articleFrom('wire.txt', WIRE_STORY);
  const host = articleFrom('roundup.txt', hostText);
  const index = new CopyIndex();
  const stored = sketchArticle(source, DEFAULT_SKETCH_SETTINGS);
  index.add(0, stored.bandKeys, stored.fingerprints);
  const arriving = sketchArticle(host, DEFAULT_SKETCH_SETTINGS);
  const hits = index.query(arriving.bandKeys, arriving.fingerprints, arriving.probeKeys);
  assert.deepEqual(chooseCandidates(hits.lsh, hits.fingerprints, 1), [0]);
  const relation = relate(relatable(source), relatable(host));
  assert.equal(relation?.kind, 'reuse');
  assert.ok(relation!.passages.some((passage) => source.text.slice(passage.a.start, passage.a.end).includes('never designed to hold back')));
});
