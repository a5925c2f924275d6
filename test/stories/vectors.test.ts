// Term vectors: the interned (stream) path must give exactly the vectors of the string path, and the
// array-based centroid arithmetic must match the definition (normalised weighted sum, truncated).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addToCentroid, ARTICLE_VECTOR_TERMS, CENTROID_TERMS, cosine, DocumentFrequencies, heaviestTermIds, IdWeightTable, internTerms, mergeCentroids, TermVector, tfidfVector, tfidfVectorInOrder, tfidfVectorOfInterned, topTermIds, Vocabulary, renewSharedVocabularyIfFull, sharedVocabulary } from '../../src/stories/vectors.ts';

/** A deterministic pseudo-article: `size` distinct terms drawn from a vocabulary, with counts 1-4. */
function frequencies(seed: number, size: number): Map<string, number> {
  const counts = new Map<string, number>();
  // Distinct terms by construction (a stride coprime to the vocabulary size), counts varying with the seed.
  for (let index = 0; index < size; index++) counts.set(`term${(seed * 37 + index * 13) % 401}`, 1 + ((seed + index * 7) % 4));
  return counts;
}

function close(actualVector: TermVector, expectedVector: TermVector): void {
  const actual = actualVector.toJSON();
  const expected = expectedVector.toJSON();
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort());
  for (const term of Object.keys(expected)) assert.ok(Math.abs(actual[term]! - expected[term]!) < 1e-12, `${term}: ${actual[term]} vs ${expected[term]}`);
}

test('interned term statistics give the same TF-IDF vectors as the string-keyed path', () => {
  const articles = Array.from({ length: 30 }, (_, index) => frequencies(index + 1, 40 + index * 5));
  const byString = new Map<string, number>();
  const byId = new DocumentFrequencies();
  for (const [index, article] of articles.entries()) {
    const expected = tfidfVector(article, index, byString);
    const interned = internTerms(article);
    close(tfidfVectorOfInterned(interned, byId), expected);
    assert.ok(expected.size <= ARTICLE_VECTOR_TERMS);
    for (const term of article.keys()) byString.set(term, (byString.get(term) ?? 0) + 1);
    byId.add(interned);
  }
  assert.equal(byId.documents, articles.length);
});

test('a centroid is the normalised weighted sum of its members, cut to its heaviest terms', () => {
  const members = Array.from({ length: 8 }, (_, index) => tfidfVector(frequencies(100 + index, 90), 10, new Map()));
  let centroid = members[0]!;
  for (let index = 1; index < members.length; index++) centroid = addToCentroid(centroid, index, members[index]!);
  // The definition, with plain objects: sum weights (the running centroid scaled by its size), keep the heaviest.
  let expected = members[0]!;
  for (let index = 1; index < members.length; index++) {
    const sum = new Map<string, number>();
    for (const [term, weight] of expected.entries()) sum.set(term, weight * index);
    for (const [term, weight] of members[index]!.entries()) sum.set(term, (sum.get(term) ?? 0) + weight);
    const top = [...sum].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, CENTROID_TERMS);
    const norm = Math.sqrt(top.reduce((total, [, weight]) => total + weight * weight, 0));
    expected = TermVector.fromRecord(Object.fromEntries(top.map(([term, weight]) => [term, weight / norm])));
  }
  close(centroid, expected);
  assert.ok(Math.abs(cosine(centroid, expected) - 1) < 1e-12);
  // Ids are ascending, and a merge of two equal halves points the same way as the whole.
  const ids = [...centroid.ids];
  assert.deepEqual(ids, [...ids].sort((x, y) => x - y));
  assert.ok(cosine(mergeCentroids(centroid, 8, centroid, 8), centroid) > 0.999999);
});

test('vectors read back from storage (plain objects) compare like the vectors they were made from', () => {
  const made = tfidfVector(frequencies(7, 60), 5, new Map());
  const stored = TermVector.fromRecord(JSON.parse(JSON.stringify(made)) as Record<string, number>);
  assert.deepEqual(stored.entries(), made.entries(), 'the record form (what the store keeps) reads back to the same vector');
  assert.equal(stored.weight(made.terms()[0]!), made.weights[0]);
  assert.equal(stored.weight('absent-term'), 0);
  const other = tfidfVector(frequencies(8, 60), 5, new Map());
  assert.ok(Math.abs(cosine(stored, other) - cosine(made, other)) < 1e-12);
  assert.ok(Math.abs(cosine(stored, made) - 1) < 1e-12);
});

test("heaviestTermIds gives the ids of a vector's heaviest terms in ascending id order, or all its ids when it has no more", () => {
  const vector = TermVector.fromRecord({ light: 0.1, heavy: 0.9, middle: 0.4, heavier: 0.7 });
  const ids = heaviestTermIds(vector, 2);
  assert.deepEqual([...ids], [...ids].sort((x, y) => x - y), 'ascending ids, as the postings walk needs');
  assert.deepEqual([...ids].map((id) => vector.terms()[[...vector.ids].indexOf(id)]).sort(), ['heavier', 'heavy']);
  assert.equal(heaviestTermIds(vector, 10), vector.ids, 'a short vector is indexed under all its terms');
});

test('a vocabulary gives a forgotten id to the next new term, and vectors of two vocabularies never meet in a cosine', () => {
  const vocabulary = new Vocabulary();
  const flood = vocabulary.intern('flood');
  const river = vocabulary.intern('river');
  assert.equal(vocabulary.intern('flood'), flood, 'a known term keeps its id');
  vocabulary.forget(flood);
  assert.equal(vocabulary.lookup('flood'), undefined);
  assert.equal(vocabulary.holds(flood), false);
  assert.equal(vocabulary.size, 1);
  const ballot = vocabulary.intern('ballot');
  assert.equal(ballot, flood, 'the freed id is reused');
  assert.equal(vocabulary.name(ballot), 'ballot');
  assert.equal(vocabulary.name(river), 'river');
  assert.equal(vocabulary.idLimit, 2, 'reuse keeps the id range (and the arrays indexed by it) from growing');

  const own = TermVector.fromRecord({ flood: 1, river: 1 }, vocabulary);
  const shared = TermVector.fromRecord({ flood: 1, river: 1 });
  assert.deepEqual(own.toJSON(), shared.toJSON());
  assert.throws(() => cosine(own, shared), /two vocabularies/);
});

test('an article vector keeps its heaviest terms, ties at the cut going to the first terms by name; topTermIds orders them as a full sort would', () => {
  // 200 terms in four weight classes, so many tie at both cuts (80 kept, 30 queried), in a scrambled order.
  const record: Record<string, number> = {};
  for (let index = 0; index < 200; index++) record[`w${String((index * 67) % 200).padStart(3, '0')}`] = 1 + ((index * 31) % 4);
  const vector = tfidfVector(new Map(Object.entries(record)), 10, new Map());
  const byWeightThenName = Object.entries(record).sort(([x, a], [y, b]) => b - a || (x < y ? -1 : 1));
  assert.deepEqual(vector.terms().sort(), byWeightThenName.slice(0, ARTICLE_VECTOR_TERMS).map(([term]) => term).sort());
  const names = new Map(vector.entries().map(([term], at) => [vector.ids[at]!, term]));
  assert.deepEqual(topTermIds(vector, 30).map((id) => names.get(id)), byWeightThenName.slice(0, 30).map(([term]) => term));
});

test('the shared vocabulary renews when full, but not again until it has room for half the limit beyond what the reloads brought back', () => {
  let next = 0;
  const internNew = (count: number) => internTerms(new Map(Array.from({ length: count }, () => [`renewal-term-${next++}`, 1] as [string, number])));
  internNew(1);
  assert.equal(renewSharedVocabularyIfFull(0), true, 'any term over a zero limit renews');
  const fresh = sharedVocabulary();
  assert.equal(fresh.size, 0);
  internNew(30); // the holders reload more terms than the limit
  assert.equal(renewSharedVocabularyIfFull(10), false, 'no renewal right after a reload, though over the limit');
  internNew(5);
  assert.equal(renewSharedVocabularyIfFull(10), false, 'still within half the limit of the reloaded size');
  internNew(1);
  assert.equal(renewSharedVocabularyIfFull(10), true);
  assert.notEqual(sharedVocabulary(), fresh);
});

test('toJSONText is JSON.stringify of the record form, term order and all', () => {
  const vocabulary = new Vocabulary();
  const records: Record<string, number>[] = [
    {},
    { flood: 0.8, river: 0.6 },
    { 'say "no"': 0.5, 'back\\slash': 0.25, 'ünïcödé': 1e-7, '中文': 0.125, '@maria okafor': 0.3, '#1200': 0.2 },
    // All-digit terms are ordered first by any object: the record is then stringified as before.
    { zeta: 0.5, '2020': 0.25, alpha: 0.1, '007': 0.3 },
  ];
  for (const record of records) {
    const vector = TermVector.fromRecord(record, vocabulary);
    assert.equal(vector.toJSONText(), JSON.stringify(vector.toJSON()));
  }
  const vector = tfidfVector(frequencies(5, 120), 1000, new Map([['term5', 10]]));
  assert.equal(vector.toJSONText(), JSON.stringify(vector.toJSON()));
});

test('an id table\'s dot product is the sum of get() times the weights, in order, whatever ids share a filter bit, and nothing stays after clear', () => {
  const table = new IdWeightTable();
  // 5 and its kin 65,536 apart share one bit of the filter; 9 is held with weight 0; 70 is never held.
  const held: [number, number][] = [[5, 0.5], [5 + 2 * 65_536, 0.25], [9, 0], [1_000_003, 0.125], [2 ** 30 + 7, 3]];
  for (const [id, weight] of held) table.set(id, weight);
  const ids = new Int32Array([70, 5 + 65_536, 2 ** 30 + 7, 5, 9, 5 + 2 * 65_536, 1_000_003, 5 + 3 * 65_536]);
  const weights = new Float64Array([1, 2, 0.1, 0.3, 4, 0.7, 1.1, 9]);
  let expected = 0;
  for (let at = 0; at < ids.length; at++) {
    const weight = table.get(ids[at]!);
    if (weight !== 0) expected += weight * weights[at]!;
  }
  assert.equal(table.dot(ids, weights), expected);
  assert.equal(expected, 3 * 0.1 + 0.5 * 0.3 + 0.25 * 0.7 + 0.125 * 1.1);
  table.clear(held.map(([id]) => id));
  assert.equal(table.dot(ids, weights), 0, 'nothing of the first ids stays held');
  // A new id in a filter word the clear emptied is found.
  table.set(5 + 3 * 65_536, 2);
  assert.equal(table.dot(ids, weights), 18);
});

test('an article vector takes the ids its caller knows and fills in the ids of the other terms it keeps, the vector the same', () => {
  const counts = frequencies(11, ARTICLE_VECTOR_TERMS + 40);
  const df = Float64Array.from(counts.keys(), (_, at) => at % 5);
  const plain = tfidfVectorInOrder(counts, 1000, df);
  const terms = [...counts.keys()];
  // Known: every third term's id (interned already, by the plain vector or here).
  const known = Int32Array.from(terms, (term, at) => (at % 3 === 0 ? sharedVocabulary().intern(term) : -1));
  const given = Int32Array.from(known);
  const vector = tfidfVectorInOrder(counts, 1000, df, known);
  assert.deepEqual(vector.entries(), plain.entries());
  const kept = new Set(plain.terms());
  for (let at = 0; at < terms.length; at++) {
    if (given[at]! >= 0) assert.equal(known[at], given[at], 'a known id stays');
    else assert.equal(known[at], kept.has(terms[at]!) ? sharedVocabulary().lookup(terms[at]!) : -1, 'a kept term gets its id, a dropped one none');
  }
  // A known id is taken as given, not looked up: the caller vouches for it.
  const first = terms.findIndex((term) => kept.has(term));
  const trusted = Int32Array.from(terms, (_, at) => (at === first ? sharedVocabulary().intern('stand-in') : -1));
  assert.ok(tfidfVectorInOrder(counts, 1000, df, trusted).terms().includes('stand-in'));
});
