// The in-memory stories stage: candidates through the inverted index, retirement out of the window,
// copy relations, merges, and entity terms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STREAM_SETTINGS, StoryStream, type StreamArticle, type StreamSettings } from '../../src/stories/stream.ts';
import { storyTimeline } from '../../src/stories/timeline.ts';
import { DEFAULT_FEATURE_WEIGHTS, entityRuns, ENTITY_PREFIX, ENTITY_WEIGHT, NUMBER_PREFIX, numberTerm, termFrequencies } from '../../src/stories/vectors.ts';
import { tokenize } from '../../src/text/tokens.ts';
import { articleFrom, UNRELATED, WIRE_STORY, WIRE_UPDATE } from '../fixtures.ts';

const DAY = 24 * 3600 * 1000;
const START = Date.parse('2026-03-01T00:00:00Z');

function article(id: string, terms: string[], day: number | undefined, copies?: string[]): StreamArticle {
  const input: StreamArticle = {
    id,
    title: id,
    frequencies: new Map(terms.map((term) => [term, 1])),
    time: day === undefined ? 0 : START + day * DAY,
    timed: day !== undefined,
  };
  if (copies !== undefined) input.copies = copies;
  return input;
}

const FLOOD = ['flood', 'barrier', 'dunmere', 'lune', 'river', 'homes'];
const ELECTION = ['election', 'ballot', 'candidate', 'turnout', 'vote', 'mayor'];

test('articles sharing their terms join one story; unrelated ones start their own', () => {
  const stream = new StoryStream();
  const first = stream.add(article('a', FLOOD, 0));
  assert.equal(first.created, true);
  assert.equal(first.candidates, 0, 'an empty index offers no candidates');
  const second = stream.add(article('b', [...FLOOD.slice(0, 5), 'rescue'], 0.5));
  assert.equal(second.created, false);
  assert.equal(second.assignment.storyId, first.assignment.storyId);
  const third = stream.add(article('c', ELECTION, 1));
  assert.equal(third.created, true);
  assert.equal(third.candidates, 0, 'a story sharing no term is never scored');
  assert.equal(stream.storyOf('b'), stream.storyOf('a'));
  assert.notEqual(stream.storyOf('c'), stream.storyOf('a'));
});

test('a story out of the time window and the dormant horizon is retired: a late return of the subject starts a new story', () => {
  const settings: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, windowMs: 7 * DAY, dormantHorizonMs: 7 * DAY, latenessMs: DAY };
  const stream = new StoryStream(settings);
  const old = stream.add(article('a', FLOOD, 0));
  stream.add(article('filler', ELECTION, 30));
  assert.equal(stream.retired, 1, 'the flood story fell out of the window');
  assert.equal(stream.activeStories, 1);
  const back = stream.add(article('b', FLOOD, 30));
  assert.equal(back.created, true);
  assert.notEqual(back.assignment.storyId, old.assignment.storyId);
});

test('a story a few days away is still found, with a score decayed by the gap when the match is not strong', () => {
  const stream = new StoryStream({ ...DEFAULT_STREAM_SETTINGS, strongMinCosine: 2 });
  stream.add(article('a', FLOOD, 0));
  const near = stream.add(article('b', FLOOD, 0));
  const later = stream.add(article('c', FLOOD, 3));
  assert.equal(later.created, false);
  assert.ok(later.assignment.score < near.assignment.score, `${later.assignment.score} < ${near.assignment.score}`);
});

test('a dormant story (quiet beyond the window) is joined by a strong match only, undecayed', () => {
  const settings: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, windowMs: 7 * DAY, dormantHorizonMs: 30 * DAY, latenessMs: DAY, strongMinCosine: 0.6 };
  const stream = new StoryStream(settings);
  const flood = stream.add(article('a', FLOOD, 0));
  stream.add(article('filler', ELECTION, 20));
  assert.equal(stream.retired, 0, 'inside the dormant horizon the story stays indexed');
  const strong = stream.add(article('b', FLOOD, 20));
  assert.equal(strong.created, false, 'the same words 20 days later rejoin the quiet story');
  assert.equal(strong.assignment.storyId, flood.assignment.storyId);
  assert.ok(strong.assignment.score > 0.99, `a strong match is not decayed: ${strong.assignment.score}`);
  // Half the story's words: cosine about 0.5, enough inside the window (0.15) but below the strong 0.6.
  const weak = stream.add(article('c', [...FLOOD.slice(0, 3), 'alpha', 'beta', 'gamma'], 45));
  assert.equal(weak.created, true, 'a partial match to a story quiet for 25 days starts a new story');
  const weakInside = stream.add(article('d', [...FLOOD.slice(0, 3), 'delta', 'epsilon', 'zeta'], 21));
  assert.equal(weakInside.created, false, 'the same partial match inside the window joins');
});

test('a dormant story retires at the end of its horizon and leaves no posting behind', () => {
  const settings: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, windowMs: 7 * DAY, dormantHorizonMs: 30 * DAY, latenessMs: DAY };
  const stream = new StoryStream(settings);
  stream.add(article('a', FLOOD, 0));
  stream.add(article('filler', ELECTION, 20));
  assert.equal(stream.retired, 0, 'day 20: dormant, not retired');
  stream.add(article('filler2', ELECTION, 40));
  assert.equal(stream.retired, 1, 'day 40: beyond 30 days + 1 day of lateness');
  const back = stream.add(article('b', FLOOD, 40));
  assert.equal(back.created, true);
  assert.equal(back.candidates, 0, 'neither the full nor the lean index still names the retired story');
});

test('a story is found through its heaviest centroid terms only: a light term it shares is not a way in', () => {
  const stream = new StoryStream({ ...DEFAULT_STREAM_SETTINGS, indexTerms: 3 });
  // Three heavy flood terms (counted 5 times) and one light term (once) shared with the later article.
  const founding = stream.add({ ...article('a', [], 0), frequencies: new Map([...FLOOD.slice(0, 3).map((term): [string, number] => [term, 5]), ['weather', 1]]) });
  const viaLight = stream.add(article('b', ['weather', ...ELECTION], 0));
  assert.equal(viaLight.candidates, 0, 'only the light term is shared: the story is not in its posting');
  const viaHeavy = stream.add(article('c', FLOOD.slice(0, 3), 0));
  assert.equal(viaHeavy.assignment.storyId, founding.assignment.storyId);
});

test('slots of retired stories are reused, and a reused slot answers for its new story only', () => {
  const settings: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, windowMs: 7 * DAY, dormantHorizonMs: 7 * DAY, latenessMs: DAY };
  const stream = new StoryStream(settings);
  stream.add(article('flood', FLOOD, 0));
  stream.add(article('election', ELECTION, 30));
  assert.equal(stream.retired, 1);
  const storm = ['storm', 'gale', 'coast', 'ferry', 'cancelled', 'winds'];
  const newStory = stream.add(article('storm', storm, 30));
  assert.equal(newStory.created, true);
  const flood = stream.add(article('flood-again', FLOOD, 30));
  assert.equal(flood.candidates, 0, 'the flood story is gone even though its slot now holds another story');
  const stormFollowUp = stream.add(article('storm-2', storm.slice(0, 5), 30.5));
  assert.equal(stormFollowUp.assignment.storyId, newStory.assignment.storyId);
});

test('terms gone idle are forgotten, those of active stories never, and forgetting terms that do not return changes no assignment', () => {
  // Twenty articles a day for two months: one-off fillers (terms never seen again, each its own story, retired a
  // week on) between the articles of two stories that run throughout.
  const events: StreamArticle[] = [];
  for (let index = 0; index < 1200; index++) {
    if (index % 50 === 0) events.push(article(`flood-${index}`, FLOOD, index / 20));
    else if (index % 50 === 25) events.push(article(`election-${index}`, ELECTION, index / 20));
    else events.push(article(`filler-${index}`, [`once${index}a`, `once${index}b`, `once${index}c`], index / 20));
  }
  const settings: StreamSettings = { ...DEFAULT_STREAM_SETTINGS, windowMs: 7 * DAY, dormantHorizonMs: 7 * DAY, latenessMs: DAY };
  const forgetting = new StoryStream({ ...settings, forgetAfterArrivals: 20, vocabularyFloor: 60 });
  const keeping = new StoryStream({ ...settings, vocabularyFloor: Number.POSITIVE_INFINITY });
  let largest = 0;
  for (const input of events) {
    const forgettingDecision = forgetting.add(input);
    const keepingDecision = keeping.add(input);
    assert.equal(forgettingDecision.assignment.storyId, keepingDecision.assignment.storyId, `${input.id} lands in the same story`);
    assert.equal(forgettingDecision.created, keepingDecision.created);
    largest = Math.max(largest, forgetting.vocabulary.size);
  }
  assert.ok(forgetting.forgotten > 2000, `idle filler terms were forgotten (${forgetting.forgotten})`);
  // About 500 terms are held by the week of active fillers; a pass runs when the vocabulary doubles.
  assert.ok(largest <= 1100, `the vocabulary stayed bounded (at most ${largest} terms, against ${keeping.vocabulary.size} kept)`);
  assert.equal(keeping.forgotten, 0);
  for (const term of [...FLOOD, ...ELECTION]) assert.notEqual(forgetting.vocabulary.lookup(term), undefined, `${term}, held by an active story, is kept`);
  assert.equal(forgetting.storyOf('flood-1150'), forgetting.storyOf('flood-0'), 'the long story kept its terms across the passes');
});

test('terms interned ahead are taken only from this stream and only while none of them can have been forgotten', () => {
  const stream = new StoryStream({ ...DEFAULT_STREAM_SETTINGS, forgetAfterArrivals: 2 });
  const early = { ...article('early', FLOOD, 0), frequencies: stream.intern(new Map(FLOOD.map((term) => [term, 1]))) };
  const foreign = { ...article('foreign', FLOOD, 0), frequencies: new StoryStream().intern(new Map(FLOOD.map((term) => [term, 1]))) };
  assert.throws(() => stream.add(foreign), /article foreign: its terms were interned in another vocabulary/);
  stream.add(article('a', ELECTION, 0));
  stream.add(article('b', ELECTION, 0));
  assert.throws(() => stream.add(early), /article early: its terms were interned 3 arrivals ago/);
  const fresh = { ...article('fresh', FLOOD, 0), frequencies: stream.intern(new Map(FLOOD.map((term) => [term, 1]))) };
  assert.equal(stream.add(fresh).created, true);
});

test('undated stories retire after idling for too many arrivals, so undated articles never scan the archive', () => {
  const stream = new StoryStream({ ...DEFAULT_STREAM_SETTINGS, idleArrivals: 3 });
  stream.add(article('a', FLOOD, undefined));
  for (let index = 0; index < 4; index++) stream.add(article(`e${index}`, [...ELECTION, `word${index}`], undefined));
  assert.equal(stream.retired, 1);
  const back = stream.add(article('b', FLOOD, undefined));
  assert.equal(back.created, true);
});

test('a copy joins the story of its original whatever its words, and links to two stories merge them', () => {
  const stream = new StoryStream();
  const flood = stream.add(article('a', FLOOD, 0)).assignment.storyId;
  const election = stream.add(article('b', ELECTION, 0)).assignment.storyId;
  const copy = stream.add(article('c', ['unrelated', 'words', 'entirely'], 0, ['a']));
  assert.equal(copy.assignment.reason, 'relation');
  assert.equal(copy.assignment.storyId, flood);
  const bridge = stream.add(article('d', ['other'], 0, ['a', 'b']));
  assert.deepEqual(bridge.merged, [election]);
  assert.equal(stream.storyOf('b'), flood, 'the merged story is followed to the live one');
});

test('stories whose centroids come to agree through a bridging article are merged', () => {
  const stream = new StoryStream({ ...DEFAULT_STREAM_SETTINGS, joinMinScore: 0.3, mergeMinCosine: 0.3 });
  stream.add(article('a', ['alpha', 'beta', 'gamma'], 0));
  stream.add(article('b', ['delta', 'epsilon', 'zeta'], 0));
  assert.notEqual(stream.storyOf('a'), stream.storyOf('b'));
  const bridge = stream.add(article('c', ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta'], 0));
  assert.equal(bridge.merged.length, 1);
  assert.equal(stream.storyOf('a'), stream.storyOf('b'));
  assert.equal(stream.activeStories, 1);
});

test('real articles: a wire story and its update share a story, an unrelated report does not', () => {
  const stream = new StoryStream();
  const add = (path: string, text: string) => {
    const prepared = articleFrom(path, text);
    return stream.add({ id: prepared.id, title: prepared.title, frequencies: termFrequencies(prepared), time: prepared.ingestedAt, timed: false });
  };
  const wire = add('wire.txt', WIRE_STORY);
  const update = add('update.txt', WIRE_UPDATE);
  const other = add('other.txt', UNRELATED);
  assert.equal(update.assignment.storyId, wire.assignment.storyId);
  assert.notEqual(other.assignment.storyId, wire.assignment.storyId);
});

test('names: runs of capitalised words, joined across "of", sentence-initial single words left out', () => {
  const tokens = tokenize('Officials said Maria Okafor of the Port Alder Harbour Board met the Bank of England on Tuesday.');
  assert.deepEqual(entityRuns(tokens), ['maria okafor', 'port alder harbour board', 'bank of england']);
  assert.deepEqual(entityRuns(tokenize('港口管理局宣布渡轮停航')), [], 'caseless scripts have no capitalised names');
  const frequencies = termFrequencies(articleFrom('names.txt', 'Ferry halted\n\nThe ferry operator said Maria Okafor would speak. Later Maria Okafor spoke again at length about the ferry.'));
  assert.equal(frequencies.get(`${ENTITY_PREFIX}maria okafor`), 2 * ENTITY_WEIGHT, 'each mention counts, at the entity weight');
});

test('a timeline counts articles per UTC day, publication time first', () => {
  const a = articleFrom('t1.txt', WIRE_STORY, { published: '2026-05-01T09:00:00Z' });
  const b = articleFrom('t2.txt', WIRE_UPDATE, { published: '2026-05-01T23:00:00Z', url: 'https://x.example/b' });
  const c = articleFrom('t3.txt', UNRELATED, { published: '2026-05-03T01:00:00Z' });
  const timeline = storyTimeline([c, a, b]);
  assert.deepEqual(timeline.perDay, [
    { day: '2026-05-01', articles: 2 },
    { day: '2026-05-03', articles: 1 },
  ]);
  assert.equal(timeline.firstSeen, '2026-05-01T09:00:00.000Z');
  assert.equal(timeline.lastSeen, '2026-05-03T01:00:00.000Z');
  assert.equal(timeline.dated, 3);
  assert.deepEqual(storyTimeline([]), { perDay: [], dated: 0, undated: 0 });
});

test('a timeline with some dated articles counts the undated ones apart, not on the day they were read', () => {
  const dated = articleFrom('t1.txt', WIRE_STORY, { published: '2026-05-01T09:00:00Z' });
  const undated = { ...articleFrom('t2.txt', WIRE_UPDATE, { url: 'https://x.example/b' }), ingestedAt: Date.parse('2026-11-22T05:00:00Z') };
  const mixed = storyTimeline([undated, dated]);
  assert.deepEqual(mixed.perDay, [{ day: '2026-05-01', articles: 1 }]);
  assert.equal(mixed.undated, 1);
  assert.equal(mixed.lastSeen, '2026-05-01T09:00:00.000Z', 'the read time of an undated article does not stretch the story');
  const onlyUndated = storyTimeline([undated]);
  assert.deepEqual(onlyUndated.perDay, [{ day: '2026-11-22', articles: 1 }], 'with no publication time at all, ingest days are all there is');
  assert.equal(onlyUndated.undated, 0);
});

test('numbers become terms of their own, separators dropped, when the number weight is on', () => {
  assert.equal(numberTerm('1,200'), `${NUMBER_PREFIX}1200`);
  assert.equal(numberTerm('3.5'), `${NUMBER_PREFIX}3.5`);
  assert.equal(numberTerm('7'), undefined, 'a single digit is a list marker, not evidence');
  assert.equal(numberTerm('harbour'), undefined);
  const text = 'Officials counted 1,200 homes flooded in 2026.';
  const withNumbers = termFrequencies({ title: '', text, sentences: [{ start: 0, end: text.length, paragraph: 0 }] }, { ...DEFAULT_FEATURE_WEIGHTS, number: 1 });
  assert.equal(withNumbers.get(`${NUMBER_PREFIX}1200`), 1);
  assert.equal(withNumbers.get(`${NUMBER_PREFIX}2026`), 1);
  const without = termFrequencies({ title: '', text, sentences: [{ start: 0, end: text.length, paragraph: 0 }] }, { ...DEFAULT_FEATURE_WEIGHTS, number: 0 });
  assert.equal([...without.keys()].some((term) => term.startsWith(NUMBER_PREFIX)), false);
});

test('only the stories sharing the most query terms are scored, ties with the last kept', () => {
  // Three stories: the article shares 3 terms with the flood story, 2 with the election story, 1 with the ferry story.
  const FERRY = ['ferry', 'harbour', 'crossing', 'timetable', 'pier', 'captain'];
  const arrival = ['flood', 'barrier', 'dunmere', 'election', 'ballot', 'ferry', 'fresh'];
  const scoredWith = (scoredCandidates: number, extra: string[] = []) => {
    const stream = new StoryStream({ ...DEFAULT_STREAM_SETTINGS, scoredCandidates });
    for (const [id, terms] of [['flood', FLOOD], ['election', ELECTION], ['ferry', FERRY]] as const) stream.add(article(id, [...terms], 0));
    return stream.add(article('arrival', [...arrival, ...extra], 0.5)).candidates;
  };
  assert.equal(scoredWith(8), 3, 'fewer touched stories than the limit: all are scored');
  assert.equal(scoredWith(1), 1, 'the flood story alone shares the most terms');
  assert.equal(scoredWith(2), 2);
  assert.equal(scoredWith(1, ['turnout']), 2, 'the election story now ties the flood story at 3 shared terms: both are scored');
});
