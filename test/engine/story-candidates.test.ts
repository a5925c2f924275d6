// Story candidates come from the engine's in-memory index of centroid terms, filled from the store on first use.
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { cosine, renewSharedVocabularyIfFull, sharedVocabulary, TermVector } from '../../src/stories/vectors.ts';
import { DEFAULT_ENGINE_SETTINGS, Engine } from '../../src/engine/index.ts';
import { DEFAULT_STORY_CANDIDATE_SETTINGS, inCreationOrder, LoadedPostings, SpreadVector, STORED_COSINE_SLACK, StoryCandidateIndex } from '../../src/engine/story-candidates.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { StoryState } from '../../src/store/store.ts';
import { decideStory, DEFAULT_ASSIGN_SETTINGS, storyScore, type ArrivingArticle } from '../../src/stories/assign.ts';

const HARBOUR_FIRE = {
  title: 'Fire at Kestrel Bay harbour destroys fishing warehouse',
  published: '2026-03-02T08:00:00Z',
  text:
    'A fire broke out overnight at the Kestrel Bay harbour and destroyed a fishing warehouse owned by the Marlow cooperative. ' +
    'Firefighters from Kestrel Bay and two neighbouring towns fought the blaze for six hours. Nobody was hurt, said harbour master Ingrid Solberg. ' +
    'The Marlow cooperative stored nets, boats and winter catch in the warehouse.',
};

const HARBOUR_FIRE_FOLLOW_UP = {
  title: 'Kestrel Bay harbour fire: Marlow cooperative counts its losses',
  published: '2026-03-03T10:00:00Z',
  text:
    'A day after the blaze at Kestrel Bay harbour, the Marlow cooperative said the warehouse fire cost its fishermen their nets and the winter catch. ' +
    'Harbour master Ingrid Solberg said investigators from the fire service would examine the warehouse wiring. ' +
    'Fishermen in Kestrel Bay asked the council for help to replace boats before spring.',
};

const CHESS_FINAL = {
  title: 'Grandmaster Tavi Oruntu wins Lindqvist chess open',
  published: '2026-03-03T12:00:00Z',
  text:
    'Grandmaster Tavi Oruntu won the Lindqvist chess open on Sunday with a quiet endgame against Pia Hendricks. ' +
    'The tournament drew ninety players to the Lindqvist concert hall. Oruntu took the title with seven points from nine rounds.',
};

async function jsonl(dir: string, name: string, records: object[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  return path;
}

test('a restarted engine on the same database joins a new article to an earlier story', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-candidates-'));
  const dbPath = join(root, 'store.db');
  const first = Engine.openSqlite(dbPath);
  const firstReport = await first.ingest([await jsonl(root, 'day1.jsonl', [HARBOUR_FIRE])]);
  assert.equal(firstReport.storiesCreated, 1);
  await first.close();

  const restarted = Engine.openSqlite(dbPath);
  const report = await restarted.ingest([await jsonl(root, 'day2.jsonl', [HARBOUR_FIRE_FOLLOW_UP])]);
  assert.equal(report.stored, 1);
  assert.equal(report.relations, 0, 'joined by similarity, not by a copy relation');
  assert.equal(report.storiesCreated, 0, 'the follow-up joins the story made before the restart');
  const stories = await restarted.stories();
  assert.equal(stories.length, 1);
  assert.equal(stories[0]!.articles.length, 2);
  assert.equal(restarted.storyCandidates.scored, 1, 'the earlier story was found through the index');
  await restarted.close();
});

test('a story sharing no terms with an article is never scored for it', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-candidates-'));
  const engine = Engine.openSqlite(':memory:');
  const report = await engine.ingest([await jsonl(root, 'feed.jsonl', [HARBOUR_FIRE, CHESS_FINAL, HARBOUR_FIRE_FOLLOW_UP])]);
  assert.equal(report.storiesCreated, 2);
  // The chess article shares no term with the fire story (scored 0); the follow-up shares terms with the fire
  // story only, so exactly one candidate was scored in all, where the store's window held up to two.
  assert.equal(engine.storyCandidates.scored, 1);
  await engine.close();
});

const DAY_MS = 24 * 3600 * 1000;
const WINDOW_MS = 7 * DAY_MS;

function story(id: string, centroid: Record<string, number>, time: number, timed: boolean, createdAt: number): StoryState {
  return { id, headline: id, headlineArticleId: id, firstTime: time, lastTime: time, timed, size: 1, centroid: TermVector.fromRecord(centroid), createdAt };
}

function arriving(id: string, vector: Record<string, number>, time: number, timed: boolean): ArrivingArticle {
  return { id, title: id, vector: TermVector.fromRecord(vector), time, timed };
}

test('undated articles see only recent stories, and merged stories leave the index', async () => {
  const store = SqliteStore.open(':memory:');
  const index = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: WINDOW_MS, latenessMs: DAY_MS, idleArrivals: 2, capacity: 1 });
  const now = Date.parse('2026-03-20T00:00:00Z');
  assert.deepEqual(await index.candidatesFor(store, arriving('a0', { harbour: 1 }, now, true)), []);
  // Saved as the engine saves them: in the store, then in the index.
  const save = async (state: StoryState) => {
    await store.saveStoryState(state);
    index.saved(state);
  };
  await save(story('old', { harbour: 1 }, now - 30 * DAY_MS, true, 1));
  await save(story('recent', { harbour: 1 }, now, true, 2));
  await save(story('undated', { harbour: 1 }, now, false, 3));
  assert.equal(index.retired, 1, "'old' is over window + lateness behind 'recent': it left the index");
  const ids = async (article: ArrivingArticle) => (await index.candidatesFor(store, article)).map((found) => found.id);

  // Dated: the window around the article's own time, as the store's activeStories gives ('old' from the store,
  // its window reaching behind the index); undated stories always.
  assert.deepEqual(await ids(arriving('a1', { harbour: 1 }, now - 29 * DAY_MS, true)), ['old', 'undated']);
  // Undated: dated stories near the newest date only, and the undated story until it has been idle too long.
  assert.deepEqual(await ids(arriving('a2', { harbour: 1 }, now, false)), ['recent', 'undated']);
  assert.deepEqual(await ids(arriving('a3', { harbour: 1 }, now, false)), ['recent']);
  assert.equal(index.held, 1, 'the idle undated story left the index: undated stories do not pile up with the archive');
  // No shared term: nothing is scored.
  assert.deepEqual(await ids(arriving('a4', { chess: 1 }, now, true)), []);

  // The idle undated story is not a candidate for dated articles either.
  assert.deepEqual(await ids(arriving('a5', { harbour: 1 }, now, true)), ['recent']);

  index.merged('recent');
  assert.deepEqual(await ids(arriving('a6', { harbour: 1 }, now, true)), []);
  await store.close();
});

test('stories loaded from index entries are counted by shared terms, and leave when they change or merge', async () => {
  const store = SqliteStore.open(':memory:');
  const now = Date.parse('2026-03-20T00:00:00Z');
  await store.saveStoryState(story('three', { harbour: 3, fire: 2, warehouse: 1 }, now, true, 1));
  await store.saveStoryState(story('two', { harbour: 1, fire: 1 }, now, true, 2));
  await store.saveStoryState(story('one', { harbour: 1 }, now, true, 3));
  // One scored candidate: only the stories sharing the most query terms (ties kept) are handed out.
  const index = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: WINDOW_MS, scoredCandidates: 1 });
  const ids = async (vector: Record<string, number>) => (await index.candidatesFor(store, arriving('a', vector, now, true))).map((found) => found.id);
  const fireQuery = { harbour: 1, fire: 1, warehouse: 1 };
  assert.deepEqual(await ids(fireQuery), ['three'], 'loaded, counted over all three shared terms');
  assert.deepEqual(await ids({ harbour: 1 }), ['three', 'two', 'one'], 'the counts start afresh for each arrival: one term each, all tie');
  // 'three' changes: filed by its new terms only, and no longer under the ones it was loaded with.
  const changed = story('three', { chess: 1 }, now, true, 1);
  await store.saveStoryState(changed);
  index.saved(changed);
  assert.deepEqual(await ids(fireQuery), ['two']);
  assert.deepEqual(await ids({ chess: 1, harbour: 1 }), ['three', 'two', 'one'], 'one term each: all tie');
  index.merged('two');
  assert.deepEqual(await ids(fireQuery), ['one']);
  assert.deepEqual(await ids({ fire: 1 }), [], 'a merged story is under none of its terms');
  await store.close();
});

test('a renewed vocabulary carries over a story loaded from its index entry whose centroid was never read', async () => {
  const store = SqliteStore.open(':memory:');
  const now = Date.parse('2026-03-20T00:00:00Z');
  await store.saveStoryState(story('fire', { harbour: 1, warehouse: 1 }, now, true, 1));
  await store.saveStoryState(story('chess', { grandmaster: 1, endgame: 1 }, now, true, 2));
  const index = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: WINDOW_MS });
  const ids = async (article: ArrivingArticle) => (await index.candidatesFor(store, article)).map((found) => found.id);
  // The first query loads both stories as index entries and reads only the fire story's centroid.
  assert.deepEqual(await ids(arriving('a1', { harbour: 1 }, now, true)), ['fire']);

  const old = sharedVocabulary();
  for (let n = 0; sharedVocabulary() === old; n++) {
    old.intern(`filler-${n}`);
    renewSharedVocabularyIfFull(0);
  }
  // Terms the new vocabulary meets first take the low ids, so an id kept from the old one would name another term.
  for (const term of ['ferry', 'quince', 'orchard', 'tide']) sharedVocabulary().intern(term);
  assert.deepEqual(await ids(arriving('a2', { endgame: 1 }, now, true)), ['chess'], 'the unread story is found by its terms');
  assert.deepEqual(await ids(arriving('a3', { quince: 1 }, now, true)), [], 'and by no other');
  const fire = await index.candidatesFor(store, arriving('a4', { harbour: 1 }, now, true));
  assert.equal(fire[0]?.centroid.vocabulary, sharedVocabulary(), 'a story read before the renewal comes in the new vocabulary');
  await store.close();
});

test('over capacity, stories far behind the newest date leave the index; a late article still finds its story through the store', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-candidates-'));
  const engine = Engine.openSqlite(':memory:');
  Object.assign(engine.storyCandidates.settings, { capacity: 1 });
  // The fire story in March, then the chess open 40 days later: the fire story falls out of the index.
  const later = { ...CHESS_FINAL, published: '2026-04-12T12:00:00Z' };
  await engine.ingest([await jsonl(root, 'feed.jsonl', [HARBOUR_FIRE, later])]);
  assert.equal(engine.storyCandidates.retired, 1, 'the March story was retired from the in-memory index');
  // A follow-up dated the day after the fire arrives late: it joins the fire story, found in the store.
  const report = await engine.ingest([await jsonl(root, 'late.jsonl', [HARBOUR_FIRE_FOLLOW_UP])]);
  assert.equal(report.storiesCreated, 0);
  const stories = await engine.stories();
  assert.deepEqual(stories.map((view) => view.articles.length).sort(), [1, 2]);
  await engine.close();
});

test('when the in-memory vocabulary is renewed, the story index re-reads the stories it holds and stories come out the same', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-vocabulary-'));
  const feed = await jsonl(root, 'feed.jsonl', [HARBOUR_FIRE, CHESS_FINAL, HARBOUR_FIRE_FOLLOW_UP]);
  const storiesOf = async (engine: Engine) => (await engine.stories()).map((view) => view.articles.length).sort();

  const steady = new Engine(SqliteStore.open(':memory:'));
  await steady.ingest([feed]);
  const before = sharedVocabulary();
  // A limit below one article's terms: the vocabulary starts afresh before the first article, and again once the
  // second article's terms fill half the limit beyond the reloaded index's.
  const renewing = new Engine(SqliteStore.open(':memory:'), { ...DEFAULT_ENGINE_SETTINGS, vocabularyLimit: 10 });
  const report = await renewing.ingest([feed]);
  assert.notEqual(sharedVocabulary(), before, 'the vocabulary was renewed');
  assert.equal(report.vocabularyRenewals, 2, 'before the first article and before the follow-up');
  assert.equal(report.storiesCreated, 2);
  assert.deepEqual(await storiesOf(renewing), await storiesOf(steady));
  assert.deepEqual(await storiesOf(steady), [1, 2], 'the follow-up joined the fire story through the re-read index');
  assert.equal(renewing.storyCandidates.held, steady.storyCandidates.held, 'the index holds the same stories, no more');
  assert.equal(renewing.storyCandidates.scored, steady.storyCandidates.scored, 'and hands out the same candidates');
  await steady.close();
  await renewing.close();
});

test('a vector made after the vocabulary is renewed names its own terms, though the kept counts knew their ids in the old one', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-vocabulary-'));
  const first = await jsonl(root, 'first.jsonl', [HARBOUR_FIRE, CHESS_FINAL]);
  const next = await jsonl(root, 'next.jsonl', [HARBOUR_FIRE_FOLLOW_UP]);
  const storiesOf = async (engine: Engine) => (await engine.stories()).map((view) => view.articles.length).sort();
  const engine = new Engine(SqliteStore.open(':memory:'));
  await engine.ingest([first]);
  // Renewed between the two batches (the counts of the first are kept for the next), and the new vocabulary
  // meets other terms first: the old ids of the fire story's terms name other terms in it.
  const before = sharedVocabulary();
  for (let attempt = 0; sharedVocabulary() === before && attempt < 3; attempt++) {
    sharedVocabulary().intern(`unheard-${attempt}`);
    renewSharedVocabularyIfFull(0);
  }
  assert.notEqual(sharedVocabulary(), before, 'the vocabulary was renewed');
  for (let at = 0; at < 20_000; at++) sharedVocabulary().intern(`filler${at}`);
  await engine.ingest([next]);
  assert.deepEqual(await storiesOf(engine), [1, 2], 'the follow-up joined the fire story, as without the renewal');
  await engine.close();
});

test('a restarted engine loads only the stories within window + lateness of the newest; a late article still finds an older one in the store', async () => {
  const root = await mkdtemp(join(tmpdir(), 'newsfold-candidates-'));
  const dbPath = join(root, 'store.db');
  const first = Engine.openSqlite(dbPath);
  // The fire story in March, the chess open 40 days later: both stay in the first engine's index (under capacity).
  const later = { ...CHESS_FINAL, published: '2026-04-12T12:00:00Z' };
  await first.ingest([await jsonl(root, 'feed.jsonl', [HARBOUR_FIRE, later])]);
  assert.equal(first.storyCandidates.held, 2);
  await first.close();

  const restarted = Engine.openSqlite(dbPath);
  const chessFollowUp = { ...CHESS_FINAL, title: 'Oruntu after the Lindqvist open', published: '2026-04-13T09:00:00Z', text: `${CHESS_FINAL.text} Oruntu said the Lindqvist open was his best.` };
  await restarted.ingest([await jsonl(root, 'next.jsonl', [chessFollowUp])]);
  assert.equal(restarted.storyCandidates.held, 1, 'only the April story was loaded');
  // A follow-up of the March fire arrives late: it joins the fire story, found through the store.
  const report = await restarted.ingest([await jsonl(root, 'late.jsonl', [HARBOUR_FIRE_FOLLOW_UP])]);
  assert.equal(report.storiesCreated, 0);
  const stories = await restarted.stories();
  assert.deepEqual(stories.map((view) => view.articles.length).sort(), [2, 2]);
  await restarted.close();
});

test('a stored centroid scores against a spread article as cosine() does, whatever its term order, and nothing stays spread', () => {
  const article = TermVector.fromRecord({ flood: 0.5, tide: 0.25, barrier: 0.75, unheard: 0.4 });
  const story = TermVector.fromRecord({ barrier: 0.2, flood: 0.6, tide: 0.3, levee: 0.9 });
  // Store term ids: any numbers, one a term; `unheard` is held by no story (0).
  const storeIds = new Map([['flood', 7], ['tide', 3], ['barrier', 2500], ['levee', 11]]);
  const idsOf = (vector: TermVector) => Int32Array.from(vector.ids, (id) => storeIds.get(vector.vocabulary.name(id)) ?? 0);
  // The centroid's terms in reverse order of their ids.
  const order = Array.from(story.ids.keys()).sort((x, y) => idsOf(story)[y]! - idsOf(story)[x]!);
  const stored = { terms: Int32Array.from(order, (at) => idsOf(story)[at]!), weights: Float64Array.from(order, (at) => story.weights[at]!), norm: story.norm };
  const spread = new SpreadVector();
  spread.spread(article, idsOf(article));
  assert.ok(Math.abs(spread.cosine(stored) - cosine(article, story)) < STORED_COSINE_SLACK);
  spread.clear();
  // A second article sharing only `levee`: the first one's weights are gone.
  const other = TermVector.fromRecord({ levee: 1, unheard: 1 });
  spread.spread(other, idsOf(other));
  assert.ok(Math.abs(spread.cosine(stored) - cosine(other, story)) < STORED_COSINE_SLACK);
  spread.clear();
  spread.spread(TermVector.fromRecord({ unheard: 1 }), new Int32Array([0]));
  assert.equal(spread.cosine(stored), 0);
});

test('the spread article finds its terms whatever their store ids: ids that share a slot, ids in the millions, more terms than the first table holds', () => {
  const spread = new SpreadVector();
  // 400 terms (the table grows past its 1,024 slots), ids spaced so that many hash to the same slots, up to 2^30.
  const terms = Array.from({ length: 400 }, (_, at) => `t${at}`);
  const article = TermVector.fromRecord(Object.fromEntries(terms.map((term, at) => [term, 1 + (at % 7)])));
  const idOf = (term: string) => (Number(term.slice(1)) + 1) * 2_684_354;
  const ids = Int32Array.from(article.ids, (id) => idOf(article.vocabulary.name(id)));
  spread.spread(article, ids);
  // A centroid holding every other term of the article and some the article does not hold, in descending id order.
  const held = terms.filter((_, at) => at % 2 === 0);
  const story = TermVector.fromRecord(Object.fromEntries([...held.map((term, at): [string, number] => [term, 0.5 + (at % 3)]), ['absent1', 2], ['absent2', 3]]));
  const storeIdOf = (id: number) => {
    const name = story.vocabulary.name(id);
    return name.startsWith('absent') ? 5 + Number(name.slice(6)) * 1_073_741_823 : idOf(name);
  };
  const order = Array.from(story.ids.keys()).sort((x, y) => storeIdOf(story.ids[y]!) - storeIdOf(story.ids[x]!));
  const stored = { terms: Int32Array.from(order, (at) => storeIdOf(story.ids[at]!)), weights: Float64Array.from(order, (at) => story.weights[at]!), norm: story.norm };
  assert.ok(Math.abs(spread.cosine(stored) - cosine(article, story)) < STORED_COSINE_SLACK);
  assert.ok(cosine(article, story) > 0.1);
  spread.clear();
  spread.spread(TermVector.fromRecord({ unheard: 1 }), new Int32Array([0]));
  assert.equal(spread.cosine(stored), 0, 'nothing of the first article stays spread');
});

test('a best story known by its stored centroid alone is handed out with its score, unread, only where the score settles the decision', async () => {
  const store = SqliteStore.open(':memory:');
  const now = Date.parse('2026-03-20T00:00:00Z');
  await store.saveStoryState(story('near', { harbour: 3, fire: 2, warehouse: 1 }, now, true, 1));
  await store.saveStoryState(story('far', { harbour: 1, chess: 4 }, now, true, 2));
  const settings = { ...DEFAULT_ASSIGN_SETTINGS, decayMs: WINDOW_MS };
  const index = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: WINDOW_MS });
  const read: string[][] = [];
  const getStoryStates = store.getStoryStates.bind(store);
  store.getStoryStates = async (ids) => {
    read.push([...ids]);
    return getStoryStates(ids);
  };
  // Below the join: the closest story and its rounded score, as the full state gives them, without reading it.
  const weak = arriving('weak', { harbour: 1, tide: 4, barrier: 4 }, now, true);
  const candidates = await index.candidatesFor(store, weak, settings);
  assert.deepEqual(candidates.map((found) => found.id), ['near']);
  assert.ok('score' in candidates[0]!, 'handed out by its score');
  assert.deepEqual(read, [], 'no full state read');
  const exact = [(await getStoryStates(['near']))[0]!, (await getStoryStates(['far']))[0]!];
  assert.deepEqual(decideStory(weak, [], candidates, settings), decideStory(weak, [], exact, settings));
  assert.equal(decideStory(weak, [], candidates, settings).created, true);
  assert.equal(index.settled, 1);
  // Its score a hair from the join: the bounds cannot tell the side, so the story is read and scored exactly.
  const strong = arriving('strong', { harbour: 3, fire: 2, warehouse: 1 }, now, true);
  const scoreOfStrong = storyScore(strong, exact[0]!, settings);
  const onTheEdge = { ...settings, joinMinScore: scoreOfStrong + STORED_COSINE_SLACK / 2 };
  const edge = await index.candidatesFor(store, strong, onTheEdge);
  assert.deepEqual(read, [['near']]);
  assert.ok(!('score' in edge[0]!));
  assert.deepEqual(decideStory(strong, [], edge, onTheEdge).assignment, decideStory(strong, [], exact, onTheEdge).assignment);
  await store.close();
});

test('an SQLite store hands out each story\'s stored centroid with its index entry, so a candidate search reads none by id', async () => {
  const store = SqliteStore.open(':memory:');
  const now = Date.parse('2026-03-20T00:00:00Z');
  await store.saveStoryState(story('near', { harbour: 3, fire: 2, warehouse: 1 }, now, true, 1));
  await store.saveStoryState(story('far', { harbour: 1, chess: 4 }, now, true, 2));
  const entries = await store.storyIndexEntries(Number.NEGATIVE_INFINITY, 10);
  const byId = await store.storedCentroids(['near', 'far']);
  assert.deepEqual(entries.map((entry) => [entry.id, entry.centroid]), [['near', byId.get('near')], ['far', byId.get('far')]]);
  const settings = { ...DEFAULT_ASSIGN_SETTINGS, decayMs: WINDOW_MS };
  const index = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: WINDOW_MS });
  const readById: string[][] = [];
  const storedCentroids = store.storedCentroids.bind(store);
  store.storedCentroids = async (ids) => {
    readById.push([...ids]);
    return storedCentroids(ids);
  };
  const candidates = await index.candidatesFor(store, arriving('weak', { harbour: 1, tide: 4, barrier: 4 }, now, true), settings);
  assert.deepEqual(candidates.map((found) => found.id), ['near']);
  assert.ok('score' in candidates[0]!, 'settled by its stored centroid');
  assert.deepEqual(readById, [], 'no centroid read by id');
  await store.close();
});

test('interning a stored centroid\'s terms brings them into the vocabulary at once, so reading the story interns nothing more', async () => {
  const store = SqliteStore.open(':memory:');
  await store.saveStoryState(story('s', { zephyr: 1, quarry: 2, mantle: 3 }, Date.parse('2026-03-20T00:00:00Z'), true, 1));
  const old = sharedVocabulary();
  for (let n = 0; sharedVocabulary() === old; n++) {
    old.intern(`filler-${n}`);
    renewSharedVocabularyIfFull(0);
  }
  const fresh = sharedVocabulary();
  const before = fresh.size;
  const stored = (await store.storedCentroids(['s'])).get('s')!;
  await store.internStoryTerms(stored.terms);
  const ids = ['zephyr', 'quarry', 'mantle'].map((term) => fresh.lookup(term)!).sort((x, y) => x - y);
  assert.deepEqual(ids, [before, before + 1, before + 2], 'the three terms, one after another');
  const read = (await store.getStoryStates(['s']))[0]!;
  assert.equal(fresh.size, before + 3, 'reading the story interned nothing more');
  assert.deepEqual(Array.from(read.centroid.ids), ids);
  await store.close();
});

test('loaded postings file each story under its store term ids in load order, for ids of every size the counting passes sort', () => {
  // Ids needing one, two and three passes of the term sort, a term twice in one story, and ids that share low bits.
  const big = 2 ** 30 + 7;
  const stories = [
    { indexed: Int32Array.from([5, 2 ** 11 + 5, big]) },
    { indexed: Int32Array.from([5, 5, 2 ** 22 + 5]) },
    { indexed: Int32Array.from([2 ** 22 + 5, big, 2 ** 11 + 5]) },
    { indexed: Int32Array.from([1]) },
  ];
  const postings = new LoadedPostings(stories);
  const slotsOf = (term: number) => {
    const met: (string | number)[] = [];
    postings.count(term, met);
    postings.clear(met);
    return met;
  };
  assert.deepEqual(slotsOf(5), [0, 1], 'a term twice in one story files it once');
  assert.deepEqual(slotsOf(2 ** 11 + 5), [0, 2]);
  assert.deepEqual(slotsOf(2 ** 22 + 5), [1, 2]);
  assert.deepEqual(slotsOf(big), [0, 2]);
  assert.deepEqual(slotsOf(1), [3]);
  assert.deepEqual(slotsOf(2 ** 22 + 6), [], 'a term no story holds');
  assert.deepEqual([5, 2 ** 11 + 5, 2 ** 22 + 5, big, 1].map((term) => postings.size(term)), [2, 2, 2, 2, 1]);
  const met: (string | number)[] = [];
  for (const term of [5, big, 2 ** 11 + 5]) postings.count(term, met);
  assert.deepEqual(met.map((slot) => [slot, postings.shared(slot as number)]), [[0, 3], [1, 1], [2, 2]], 'shared terms counted by slot');
  postings.clear(met);
  postings.remove(0, stories[0]!.indexed);
  assert.deepEqual(slotsOf(5), [1], 'a removed story leaves every term it was filed under');
  assert.equal(postings.size(big), 1);
});

test('candidates come in creation order, ties by id, whatever shape each state has', () => {
  const now = Date.parse('2026-03-20T00:00:00Z');
  const plain = story('s-b', { harbour: 1 }, now, true, 20);
  // The shapes a story's state takes in the engine: made whole, grown (spread), with shown names.
  const grown = { ...story('s-c', { harbour: 1 }, now, true, 10), size: 2 };
  const named = { ...story('s-a', { harbour: 1 }, now, true, 20), names: ['Port Alder'] };
  const early = story('s-z', { harbour: 1 }, now, false, 5);
  const states = [plain, grown, named, early];
  const ordered = inCreationOrder(states);
  assert.deepEqual(ordered.map((state) => state.id), ['s-z', 's-c', 's-a', 's-b']);
  assert.deepEqual(ordered.map((state) => state.id), [...states].sort((x, y) => x.createdAt - y.createdAt || (x.id < y.id ? -1 : 1)).map((state) => state.id));
  assert.deepEqual(states.map((state) => state.id), ['s-b', 's-c', 's-a', 's-z'], 'the given array is left as it was');
  assert.deepEqual(inCreationOrder([]), []);
});

test('the shared terms counted for one arrival do not carry over to the next', async () => {
  const store = SqliteStore.open(':memory:');
  const index = new StoryCandidateIndex({ ...DEFAULT_STORY_CANDIDATE_SETTINGS, windowMs: WINDOW_MS });
  const now = Date.parse('2026-03-20T00:00:00Z');
  await index.candidatesFor(store, arriving('a0', { harbour: 1 }, now, true));
  // Ten stories holding `harbour`; all but s9 also hold `levee`.
  for (let at = 0; at < 10; at++) {
    const state = story(`s${at}`, at === 9 ? { harbour: 1, other: 1 } : { harbour: 1, levee: 1 }, now, true, at);
    await store.saveStoryState(state);
    index.saved(state);
  }
  const ids = async (article: ArrivingArticle) => (await index.candidatesFor(store, article)).map((found) => found.id);
  const sharingTwo = Array.from({ length: 9 }, (_, at) => `s${at}`);
  // Nine stories share two terms: at least eight do, so the one sharing one is not scored.
  assert.deepEqual(await ids(arriving('a1', { harbour: 1, levee: 1 }, now, true)), sharingTwo);
  // The next arrival shares `harbour` alone with each: all ten are scored (counts carried over would have left
  // s9 out again).
  assert.deepEqual(await ids(arriving('a2', { harbour: 1 }, now, true)), [...sharingTwo, 's9']);
  await store.close();
});
