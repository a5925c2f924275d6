import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyGroups } from '../../src/match/groups.ts';
import { diffWords } from '../../src/match/word-diff.ts';
import type { Article, Relation } from '../../src/model.ts';
import { articleFrom, UNRELATED, WIRE_STORY } from '../fixtures.ts';

const link = (a: string, b: string, kind: Relation['kind']): Relation => ({ a, b, kind, score: 1, coverage: { a: 1, b: 1 }, direction: { known: false, reason: 'test' }, passages: [] });

test('duplicates and versions chain into one group with the earliest published member first; reuse does not group', () => {
  const late = articleFrom('late.txt', WIRE_STORY, { url: 'https://x.example/1', published: '2026-03-02T10:00:00Z' });
  const early = articleFrom('early.txt', WIRE_STORY, { url: 'https://x.example/2', published: '2026-03-01T10:00:00Z' });
  const middle = articleFrom('middle.txt', WIRE_STORY, { url: 'https://x.example/3', published: '2026-03-01T12:00:00Z' });
  const other = articleFrom('other.txt', UNRELATED);
  const articles = new Map<string, Article>([late, early, middle, other].map((a) => [a.id, a]));
  const groups = copyGroups([link(late.id, early.id, 'duplicate'), link(late.id, middle.id, 'version'), link(early.id, other.id, 'reuse')], articles);
  assert.equal(groups.length, 1);
  assert.equal(groups[0]!.members.length, 3);
  assert.deepEqual(groups[0]!.members.map((m) => m.id), [early.id, middle.id, late.id]);
  assert.equal(groups[0]!.relations.length, 2);
});

test('word diff marks swapped words on both sides and shared words as shared', () => {
  const marks = diffWords('the key needs are trainers', 'the vital needs are trainers');
  assert.deepEqual(marks.a.map((m) => m.shared), [true, false, true, true, true]);
  assert.deepEqual(marks.b.map((m) => m.shared), [true, false, true, true, true]);
});
