import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Relation } from '../../src/model.ts';
import type { StoryState } from '../../src/store/store.ts';
import { decideStory, growStory, startStory, STORY_JOIN_MIN_COSINE, type ArrivingArticle } from '../../src/stories/assign.ts';
import { chronologicalOrder } from '../../src/stories/order.ts';
import { cosine, TermVector, tfidfVector } from '../../src/stories/vectors.ts';
import { articleFrom, UNRELATED, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

function arriving(id: string, vector: Record<string, number>, time = 0): ArrivingArticle {
  return { id, title: `title ${id}`, vector: TermVector.fromRecord(vector), time, timed: true };
}

function storyWith(id: string, centroid: Record<string, number>): StoryState {
  return { id, headline: id, headlineArticleId: id, firstTime: 0, lastTime: 0, timed: true, size: 1, centroid: TermVector.fromRecord(centroid), createdAt: 0 };
}

function relation(a: string, b: string, kind: Relation['kind'], known = true): Relation {
  return { a, b, kind, score: 0.8, coverage: { a: 0.8, b: 0.8 }, direction: { known, reason: 'test' }, passages: [] };
}

test('a version of an article joins its story, and stories linked by versions are merged', () => {
  const decision = decideStory(
    arriving('new', { flood: 1 }),
    [
      { storyId: 's1', relation: relation('old1', 'new', 'reuse'), otherArticleId: 'old1' },
      { storyId: 's2', relation: relation('old2', 'new', 'version'), otherArticleId: 'old2' },
      { storyId: 's3', relation: relation('old3', 'new', 'duplicate'), otherArticleId: 'old3' },
    ],
    [],
  );
  assert.equal(decision.assignment.storyId, 's3', 'the strongest relation decides');
  assert.equal(decision.assignment.reason, 'relation');
  assert.deepEqual(decision.merge, ['s2'], 'versions merge stories; reuse alone does not');
});

test('without relations the most similar story is joined above the threshold, else a story starts', () => {
  const candidates = [storyWith('flood', { flood: 0.8, barrier: 0.6 }), storyWith('music', { orchestra: 1 })];
  const joined = decideStory(arriving('a', { flood: 0.7, river: 0.7 }), [], candidates);
  assert.equal(joined.assignment.storyId, 'flood');
  assert.ok(joined.assignment.score >= STORY_JOIN_MIN_COSINE);
  const started = decideStory(arriving('b', { election: 1 }), [], candidates);
  assert.equal(started.created, true);
  assert.match(started.assignment.detail, /closest story/);
});

test('articles on one event are closer than articles on different events', () => {
  const vectorOf = (text: string, path: string) => {
    const article = articleFrom(path, text);
    const frequencies = new Map<string, number>();
    for (const sentence of article.sentences) {
      for (const word of article.text.slice(sentence.start, sentence.end).toLowerCase().match(/[a-z]+/g) ?? []) frequencies.set(word, (frequencies.get(word) ?? 0) + 1);
    }
    return tfidfVector(frequencies, 0, new Map());
  };
  const wire = vectorOf(WIRE_STORY, 'w.txt');
  assert.ok(cosine(wire, vectorOf(WIRE_UPDATE, 'u.txt')) > cosine(wire, vectorOf(UNRELATED, 'o.txt')) + 0.3);
});

test('a growing story keeps the earliest and latest times, and the headline nearest its centroid', () => {
  const first = arriving('a', { flood: 1 }, 5000);
  let story = startStory('s', first, 0);
  story = growStory(story, { ...arriving('b', { flood: 0.6, river: 0.8 }, 1000), title: 'River story' }, first.vector);
  assert.equal(story.firstTime, 1000);
  assert.equal(story.lastTime, 5000);
  assert.equal(story.size, 2);
  assert.ok(['title a', 'River story'].includes(story.headline));
});

test('story order: publication time where known, otherwise sources before their copies', () => {
  const copy = articleFrom('copy.txt', WIRE_UPDATE);
  const source = articleFrom('source.txt', WIRE_STORY);
  const timedLate = articleFrom('late.txt', UNRELATED, { published: '2026-05-02T00:00:00Z' });
  const timedEarly = articleFrom('early.txt', UNRELATED, { published: '2026-05-01T00:00:00Z', url: 'https://x.example/early' });
  const ordered = chronologicalOrder([copy, timedLate, source, timedEarly], [relation(source.id, copy.id, 'version')]);
  const names = ordered.map((article) => article.origin.path);
  assert.ok(names.indexOf('source.txt') < names.indexOf('copy.txt'));
  assert.ok(names.indexOf('early.txt') < names.indexOf('late.txt'));
});

test('a report title heads the story over a question or an explainer, whatever the fit (issue 20)', () => {
  const question = { ...arriving('q', { lake: 1, glacier: 0.9, drill: 0.2 }), title: 'Will anyone drill into the Skarvald lake?' };
  let story = startStory('s', question, 0);
  const report = { ...arriving('r', { lake: 0.3, radar: 1 }), title: 'Radar reveals hidden lake beneath Skarvald Glacier' };
  story = growStory(story, report, question.vector);
  assert.equal(story.headline, 'Radar reveals hidden lake beneath Skarvald Glacier');
  const explainer = { ...arriving('e', { lake: 1, glacier: 1 }), title: 'Skarvald lake: why the radar saw water at all' };
  story = growStory(story, explainer, report.vector);
  assert.equal(story.headline, 'Radar reveals hidden lake beneath Skarvald Glacier');
});

test('a wire desk slug ("UPDATE 1-", "REFILE-UPDATE 2-", "CORRECTED-") is no part of a story\'s headline (walk, session 33)', async () => {
  const first = { ...arriving('w1', { crane: 1, harbour: 1 }), title: 'UPDATE 1-Crane collapses at Eastport harbour' };
  let story = startStory('s', first, 0);
  assert.equal(story.headline, 'Crane collapses at Eastport harbour', 'before: "UPDATE 1-Crane ..." headed the list');
  const update = { ...arriving('w2', { crane: 1, harbour: 1, workers: 0.5 }), title: 'REFILE-UPDATE 2-Crane collapse injures three at Eastport' };
  story = growStory(story, update, TermVector.fromRecord({}));
  assert.equal(story.headline, 'Crane collapse injures three at Eastport');
  const { storyHeadline } = await import('../../src/stories/headline.ts');
  assert.equal(storyHeadline('UPDATE 1-Crane collapses at Eastport harbour'), 'Crane collapses at Eastport harbour');
  assert.equal(storyHeadline('REFILE-UPDATE 2-Crane collapses at Eastport harbour'), 'Crane collapses at Eastport harbour');
  assert.equal(storyHeadline('CORRECTED-Ferry strike ends'), 'Ferry strike ends');
  assert.equal(storyHeadline('WRAPUP 3-Storm hits coast'), 'Storm hits coast');
  // Not slugs: a word that happens to open a title, a hyphenated word, a slug alone.
  assert.equal(storyHeadline('Update on the crane collapse'), 'Update on the crane collapse');
  assert.equal(storyHeadline('RPT-'), 'RPT-');
  assert.equal(storyHeadline('UPDATED-timeline of the collapse'), 'UPDATED-timeline of the collapse');
});
