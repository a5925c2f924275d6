// The row shapes both stores read and write, and their conversion to the model's types: SQLite and
// PostgreSQL keep the same columns, so an article, relation or story reads back the same from either.
import type { Article, Relation } from '../model.ts';
import { INDEX_TERMS } from '../stories/stream.ts';
import { heaviestTermIds, heaviestTerms, sharedVocabulary, TermVector, type Vocabulary } from '../stories/vectors.ts';
import type { StoredCentroid, StoryIndexEntry, StoryState } from './store.ts';
import type { StoryTermIds } from './story-terms.ts';
import { NewsfoldError } from '../errors.ts';
import { LITTLE_ENDIAN } from '../sketch/hash.ts';
import { storyNames } from '../stories/names.ts';

/** A JSON column read back; a value that does not parse means the file was damaged or edited: E_STORE, not a crash. */
export function parseStored(text: string): any {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new NewsfoldError('E_STORE', `a stored value is not valid JSON: the database is damaged`);
  }
}


export interface ArticleRow {
  id: string;
  content_hash: string;
  path: string;
  line: number | null;
  format: string;
  external_id: string | null;
  url: string | null;
  source: string | null;
  title: string;
  published: string | null;
  byline: string | null;
  dateline: string | null;
  language: string;
  text: string;
  paragraphs: string;
  sentences: string;
  dropped: string;
  ingested_at: number;
}

export interface RelationRow {
  a: string;
  b: string;
  kind: string;
  score: number;
  coverage_a: number;
  coverage_b: number;
  direction_known: number;
  direction_reason: string;
  passages: string;
}

export interface StoryRow {
  id: string;
  headline: string;
  headline_article: string;
  first_time: number;
  last_time: number;
  timed: number;
  size: number;
  centroid: string;
  created_at: number;
  merged_into: string | null;
  /** The read side's compact row: bumped on every change, so a kept view is known to be current. */
  version: number;
  article_count: number;
  /** JSON array of the centroid's top names (storyNames). */
  top_names: string;
}

/** The part of a story row its state is read from (STORY_STATE_COLUMNS). */
export type StoryStateRow = Pick<StoryRow, 'id' | 'headline' | 'headline_article' | 'first_time' | 'last_time' | 'timed' | 'size' | 'centroid' | 'created_at'>;

/** The articles' legacy `signature` column (NOT NULL): written empty, as nothing reads it (see ArticleIndexEntry). */
export const NO_SIGNATURE = Buffer.alloc(0);
/** An article's `terms` column until the store's keepTermVector writes it (see ArticleIndexEntry.terms). */
export const NO_TERMS = '';

export const ARTICLE_COLUMNS =
  'id, content_hash, path, line, format, external_id, url, source, title, published, byline, dateline, language, text, paragraphs, sentences, dropped, ingested_at';

/** The meta row counting the documents whose terms are in term_df: the N of IDF. */
export const DOCUMENT_COUNT_KEY = 'document_count';

/** Longest chain of merges followed before giving up: merges never form cycles, this guards a damaged file. */
export const MAX_MERGE_HOPS = 64;

export function articleFromRow(row: ArticleRow): Article {
  const article: Article = {
    id: row.id,
    contentHash: row.content_hash,
    origin: { path: row.path, format: row.format as Article['origin']['format'] },
    title: row.title,
    language: row.language,
    text: row.text,
    paragraphs: parseStored(row.paragraphs),
    sentences: parseStored(row.sentences),
    dropped: parseStored(row.dropped),
    ingestedAt: row.ingested_at,
  };
  if (row.line !== null) article.origin.line = row.line;
  if (row.external_id !== null) article.externalId = row.external_id;
  if (row.url !== null) article.url = row.url;
  if (row.source !== null) article.source = row.source;
  if (row.published !== null) article.published = row.published;
  if (row.byline !== null) article.byline = row.byline;
  if (row.dateline !== null) article.dateline = parseStored(row.dateline);
  return article;
}

export function relationFromRow(row: RelationRow): Relation {
  return {
    a: row.a,
    b: row.b,
    kind: row.kind as Relation['kind'],
    score: row.score,
    coverage: { a: row.coverage_a, b: row.coverage_b },
    direction: { known: row.direction_known === 1, reason: row.direction_reason },
    passages: parseStored(row.passages),
  };
}

/** A story row as a state; its id-form columns' terms must have been read into `terms` (readStoryTerms). */
export function storyStateFromRow(row: StoryStateRow, terms?: StoryTermIds): StoryState {
  return {
    id: row.id,
    headline: row.headline,
    headlineArticleId: row.headline_article,
    firstTime: row.first_time,
    lastTime: row.last_time,
    timed: row.timed === 1,
    size: row.size,
    centroid: decodeCentroid(row.centroid, undefined, terms, readForms.get(row)),
    createdAt: row.created_at,
  };
}

/**
 * A story's centroid as stored: a JSON array of the weights (float64, little-endian, base64) followed by the
 * terms. Reading it back is a parse of one short array, where the record form ({term: weight}, stores before
 * schema 4, still read) made an object of 150 keys per story: opening a store for ingest read thousands.
 */
export function encodeCentroid(centroid: TermVector): string {
  const weights = Buffer.alloc(8 * centroid.size);
  for (let at = 0; at < centroid.size; at++) weights.writeDoubleLE(centroid.weights[at]!, 8 * at);
  return JSON.stringify([weights.toString('base64'), ...centroid.terms()]);
}

/**
 * Marks a story column in its id form (schema 5 / migration 7): base64 of the centroid's weights (float64) then
 * its story term ids (int32, story-terms.ts), or of the index terms' ids alone; little-endian. The JSON forms
 * before it start with `[` or `{` and are still read.
 */
export const ID_FORM = '~';

/** A column's id form read: the story term ids, and for a centroid the weights beside them. */
interface IdForm {
  ids: Int32Array;
  weights: Float64Array | undefined;
}

/** A centroid (12 bytes a term: weights, then ids) or index-terms column (4: ids) in its id form; undefined for the JSON forms. */
function readIdForm(text: string, bytesPerTerm: 12 | 4): IdForm | undefined {
  if (!text.startsWith(ID_FORM)) return undefined;
  const base64 = text.slice(ID_FORM.length);
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  const byteLength = (base64.length / 4) * 3 - padding;
  if (byteLength % bytesPerTerm !== 0) throw new NewsfoldError('E_STORE', 'a stored story column is damaged: its length is not whole terms');
  const count = byteLength / bytesPerTerm;
  const idsAt = (bytesPerTerm - 4) * count;
  // Decoded straight into one buffer the weights and ids are views of (weights first, so both are aligned): a
  // story read is kept until it changes, and one object survives the young generation's copies where three did.
  const buffer = new ArrayBuffer(byteLength);
  const bytes = Buffer.from(buffer);
  if (bytes.write(base64, 'base64') !== byteLength) throw new NewsfoldError('E_STORE', 'a stored story column is damaged: it is not base64');
  if (LITTLE_ENDIAN) return { ids: new Int32Array(buffer, idsAt, count), weights: bytesPerTerm === 12 ? new Float64Array(buffer, 0, count) : undefined };
  const ids = new Int32Array(count);
  const weights = bytesPerTerm === 12 ? new Float64Array(count) : undefined;
  for (let at = 0; at < count; at++) {
    ids[at] = bytes.readInt32LE(idsAt + 4 * at);
    if (weights !== undefined) weights[at] = bytes.readDoubleLE(8 * at);
  }
  return { ids, weights };
}

/** Id forms read by storyTermIdsOfRows, kept for the decoding of the same row that follows. */
const readForms = new WeakMap<object, IdForm>();

/** A story's centroid in its id form; every term's store id must be known to `terms` (StoryTermIds.learn). */
export function encodeCentroidIds(centroid: TermVector, terms: StoryTermIds): string {
  return idFormOf(terms.toStore(centroid.ids, centroid.vocabulary), centroid.weights);
}

/**
 * A story's index terms (the centroid's STORED_INDEX_TERMS heaviest, ties by term) in the id form, in the order
 * of their terms (as the JSON form listed them): a reader interns them in that order.
 */
export function encodeIndexTermIds(centroid: TermVector, terms: StoryTermIds): string {
  const { vocabulary } = centroid;
  // Sorted by name with the default order (code units, as `<`; a vocabulary's names are distinct), not by a
  // comparator made per call (no closure per call: README, Development).
  const idOfName = new Map<string, number>();
  for (const id of heaviestTermIds(centroid, STORED_INDEX_TERMS)) idOfName.set(vocabulary.name(id), id);
  const names = [...idOfName.keys()].sort();
  const byTerm = new Int32Array(names.length);
  for (let at = 0; at < names.length; at++) byTerm[at] = idOfName.get(names[at]!)!;
  return idFormOf(terms.toStore(byTerm, vocabulary));
}

function idFormOf(ids: ArrayLike<number>, weights?: Float64Array): string {
  const count = ids.length;
  const bytes = Buffer.alloc((weights === undefined ? 4 : 12) * count);
  const idsAt = weights === undefined ? 0 : 8 * count;
  for (let at = 0; at < count; at++) {
    if (weights !== undefined) bytes.writeDoubleLE(weights[at]!, 8 * at);
    bytes.writeInt32LE(ids[at]!, idsAt + 4 * at);
  }
  return ID_FORM + bytes.toString('base64');
}

/**
 * A live story's centroid and index-terms columns in their id form, from its centroid in a JSON form (for the
 * migration to it): the terms keep their stored order, so the story reads back into a vocabulary as before.
 * `idOf` gives a term's story term id; `vocabulary` is the migration's own, for choosing the index terms.
 */
export function migratedStoryColumns(text: string, vocabulary: Vocabulary, idOf: (term: string) => number): [string, string] {
  const parsed = parseStored(text) as unknown;
  const centroid = decodeCentroid(text, vocabulary);
  let terms: string[];
  let weights: Float64Array;
  if (Array.isArray(parsed)) {
    terms = parsed.slice(1) as string[];
    weights = Float64Array.from(terms, (term) => centroid.weight(term));
  } else {
    terms = Object.keys(parsed as Record<string, number>);
    weights = Float64Array.from(terms, (term) => (parsed as Record<string, number>)[term]!);
  }
  const indexTerms = heaviestTerms(centroid, STORED_INDEX_TERMS).sort();
  return [idFormOf(terms.map(idOf), weights), idFormOf(indexTerms.map(idOf))];
}

/** The story term ids the id-form columns of `rows` hold, a list per row: what a store reads into its StoryTermIds first. */
export function storyTermIdsOfRows(rows: readonly { centroid?: string | null; index_terms?: string | null }[]): Int32Array[] {
  const lists: Int32Array[] = [];
  for (const row of rows) {
    // A full row's centroid holds its index terms too; an index entry's row has the centroid only where it
    // has no index terms.
    const form =
      row.centroid !== undefined && row.centroid !== null
        ? readIdForm(row.centroid, 12)
        : row.index_terms !== undefined && row.index_terms !== null
          ? readIdForm(row.index_terms, 4)
          : undefined;
    if (form === undefined) continue;
    readForms.set(row, form);
    lists.push(form.ids);
  }
  return lists;
}

/** `read`: the column's id form when storyTermIdsOfRows already read it. */
export function decodeCentroid(text: string, vocabulary?: Vocabulary, terms?: StoryTermIds, read?: IdForm): TermVector {
  const form = read ?? readIdForm(text, 12);
  if (form !== undefined) {
    if (terms === undefined) throw new Error('a centroid in its id form was read without the story terms');
    const into = vocabulary ?? sharedVocabulary();
    const ids = Int32Array.from(form.ids);
    for (let at = 0; at < ids.length; at++) ids[at] = terms.toVocabulary(ids[at]!, into);
    return TermVector.fromIds(ids, form.weights!, into);
  }
  const parsed = parseStored(text) as unknown;
  if (!Array.isArray(parsed)) return TermVector.fromRecord(parsed as Record<string, number>, vocabulary);
  const bytes = Buffer.from(String(parsed[0]), 'base64');
  if (bytes.length !== 8 * (parsed.length - 1)) throw new NewsfoldError('E_STORE', 'a stored story centroid is damaged: its weights and terms differ in number');
  const weights = new Float64Array(parsed.length - 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < weights.length; at++) weights[at] = view.getFloat64(8 * at, true);
  return TermVector.fromTerms(parsed.slice(1) as string[], weights, vocabulary);
}

/**
 * A centroid column as StoredCentroid (terms in their stored order: a scorer looks each one up, so no sort is
 * paid per story read); undefined for the older JSON forms.
 */
export function storedCentroidOf(text: string): StoredCentroid | undefined {
  const form = readIdForm(text, 12);
  if (form === undefined) return undefined;
  const weights = form.weights!;
  let squares = 0;
  for (let at = 0; at < weights.length; at++) squares += weights[at]! * weights[at]!;
  return { terms: form.ids, weights, norm: Math.sqrt(squares) };
}

/** storedCentroidOf each row's centroid, by story id (rows in an older form left out). */
export function storedCentroidsOfRows(rows: readonly { id: string; centroid: string }[]): Map<string, StoredCentroid> {
  const centroids = new Map<string, StoredCentroid>();
  for (const row of rows) {
    const centroid = storedCentroidOf(row.centroid);
    if (centroid !== undefined) centroids.set(row.id, centroid);
  }
  return centroids;
}

/** Centroid terms kept as a story's index terms: those the engine's candidate index files it under (INDEX_TERMS). */
export const STORED_INDEX_TERMS = INDEX_TERMS;

/** A story's index terms: its centroid's STORED_INDEX_TERMS heaviest terms, sorted. */
function indexTermsOf(centroid: TermVector): string[] {
  return heaviestTerms(centroid, STORED_INDEX_TERMS).sort();
}

/** The index_terms column of a story: its index terms as JSON (written with every centroid). */
export function storedIndexTerms(centroid: TermVector): string {
  return JSON.stringify(indexTermsOf(centroid));
}

/**
 * The values of a story row, in the column order both stores' upserts name (id ... created_at, then the change
 * sequence, then top_names and index_terms; `version` is written by the statement itself).
 */
export function storyRowValues(state: StoryState, sequence: number, terms: StoryTermIds): [string, string, string, number, number, number, number, string, number, number, string, string] {
  return [
    state.id,
    state.headline,
    state.headlineArticleId,
    state.firstTime,
    state.lastTime,
    state.timed ? 1 : 0,
    state.size,
    encodeCentroidIds(state.centroid, terms),
    state.createdAt,
    sequence,
    JSON.stringify(state.names ?? storyNames(state.centroid)),
    encodeIndexTermIds(state.centroid, terms),
  ];
}

/** A story's state with the names its compact row shows (getStoryState: what the engine grows a story from). */
export function withShownNames(state: StoryState, row: Pick<StoryRow, 'top_names'>): StoryState {
  return { ...state, names: JSON.parse(row.top_names) as string[] };
}

/** The columns a story's state is made of (storyStateFromRow): what getStoryStates reads, no more. */
export const STORY_STATE_COLUMNS = 'id, headline, headline_article, first_time, last_time, timed, size, centroid, created_at';

/** The columns storyIndexEntries reads (StoryIndexRow): the centroid only where index_terms is missing. */
export const STORY_INDEX_COLUMNS = 'id, first_time, last_time, timed, created_at, index_terms, CASE WHEN index_terms IS NULL THEN centroid END AS centroid';

/**
 * The columns SQLite's storyIndexEntries reads: every row's centroid too, kept as a StoredCentroid with its entry.
 * Nearly every story in reach is scored by its stored centroid within a few hundred arrivals (5,370 of 5,400 at
 * 100,000 articles for 200), each read by id: read in the same scan the index terms come from, they cost no
 * lookup of their own. (STORY_INDEX_COLUMNS' centroid is this one where index_terms is missing, so a row reads
 * the same either way.)
 */
export const STORY_INDEX_COLUMNS_WITH_CENTROID = 'id, first_time, last_time, timed, created_at, index_terms, centroid';

/** What storyIndexEntries reads: the centroid only where index_terms is missing (a row no migration filled). */
export interface StoryIndexRow {
  id: string;
  first_time: number;
  last_time: number;
  timed: number;
  created_at: number;
  index_terms: string | null;
  centroid: string | null;
}

/** The live stories of `rows` in the order of `ids` (ids without a row left out): what getStoryStates answers. */
export function storyStatesInOrder(ids: readonly string[], rows: readonly StoryStateRow[], terms: StoryTermIds): StoryState[] {
  const byId = new Map(rows.map((row) => [row.id, storyStateFromRow(row, terms)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * The last time an untimed story may have to be read for index entries, given the ingest times of the newest
 * articles (newest first, up to `untimedArticles` of them): that of the oldest of them, or none when fewer
 * are stored; no untimed story when none is asked for.
 */
export function untimedSince(newestIngestTimes: readonly number[], untimedArticles: number): number {
  if (untimedArticles <= 0) return Number.POSITIVE_INFINITY;
  return newestIngestTimes.length < untimedArticles ? Number.NEGATIVE_INFINITY : newestIngestTimes[newestIngestTimes.length - 1]!;
}

/** Articles ingested after `lastTime`, among the newest ones (ingest times newest first; stamps are distinct). */
function articlesAfter(lastTime: number, newestIngestTimes: readonly number[]): number {
  let low = 0;
  let high = newestIngestTimes.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (newestIngestTimes[middle]! > lastTime) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * An index entry; an untimed story's idle articles counted among `newestIngestTimes` (newest first). Id-form index
 * terms stay store term ids; the older forms become ids of the shared vocabulary (a centroid's id-form terms must
 * have been read into `terms`).
 */
export function storyIndexEntryFromRow(row: StoryIndexRow, terms: StoryTermIds, newestIngestTimes: readonly number[]): StoryIndexEntry {
  const stored = row.index_terms === null ? undefined : (readForms.get(row) ?? readIdForm(row.index_terms, 4));
  const vocabulary = stored === undefined ? sharedVocabulary() : undefined;
  const indexTerms = (
    stored !== undefined
      ? stored.ids.slice()
      : row.index_terms !== null
        ? Int32Array.from(parseStored(row.index_terms) as string[], (term) => vocabulary!.intern(term))
        : Int32Array.from(heaviestTermIds(decodeCentroid(row.centroid ?? '{}', vocabulary, terms), STORED_INDEX_TERMS))
  ).sort();
  const entry: StoryIndexEntry = { id: row.id, firstTime: row.first_time, lastTime: row.last_time, timed: row.timed === 1, createdAt: row.created_at, indexTerms };
  if (vocabulary !== undefined) entry.vocabulary = vocabulary;
  if (!entry.timed) entry.idleArticles = articlesAfter(row.last_time, newestIngestTimes);
  return entry;
}

/** Meta rows of the change sequence (bumped once per write transaction) and of copy-index deletions. */
export const CHANGE_SEQUENCE_KEY = 'change_sequence';
export const COPY_DELETIONS_KEY = 'copy_deletions';

/** Paragraph-source rows grouped by paragraph: what `Store.paragraphSources` answers. */
export function sourcesByParagraph(rows: Iterable<{ paragraph: string; source: string }>): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const row of rows) {
    const sources = found.get(row.paragraph);
    if (sources === undefined) found.set(row.paragraph, new Set([row.source]));
    else sources.add(row.source);
  }
  return found;
}

/** Bits of a position under a string's two code units in inCodeUnitOrder's numeric keys (2^19 = 524,288 strings). */
const ORDER_POSITION_BITS = 19;
const ORDER_POSITIONS = 2 ** ORDER_POSITION_BITS;
/** Two code units, each + 1 (0: the string has ended), take 17 bits each: 34 + 19 bits, exact in a double. */
const ORDER_UNIT_SCALE = 2 ** 17;
/** Runs this short are sorted by comparing the strings (in place: no copy a run). */
const ORDER_SMALL_RUN = 16;
/** The strings of the run being put in order, reused from run to run (a copy a run was 50 MB per 3,000 articles). */
const orderScratch: string[] = [];

/** The code unit at `at` plus one, or 0 past the end (a string that ends sorts before its extensions). */
function unitKey(text: string, at: number): number {
  return at < text.length ? text.charCodeAt(at) + 1 : 0;
}

/** Sorts strings[from..to), which share their first `depth` code units, two code units at a time (see inCodeUnitOrder). */
function sortByUnits(strings: string[], from: number, to: number, depth: number): void {
  const count = to - from;
  if (count < 2) return;
  if (count <= ORDER_SMALL_RUN) {
    // Insertion: `<` on strings compares code units, as sort() does.
    for (let at = from + 1; at < to; at++) {
      const text = strings[at]!;
      let place = at;
      while (place > from && text < strings[place - 1]!) {
        strings[place] = strings[place - 1]!;
        place--;
      }
      strings[place] = text;
    }
    return;
  }
  const keys = new Float64Array(count);
  for (let at = 0; at < count; at++) {
    const text = strings[from + at]!;
    keys[at] = (unitKey(text, depth) * ORDER_UNIT_SCALE + unitKey(text, depth + 1)) * ORDER_POSITIONS + at;
  }
  keys.sort();
  for (let at = 0; at < count; at++) orderScratch[at] = strings[from + at]!;
  for (let at = 0; at < count; at++) strings[from + at] = orderScratch[keys[at]! % ORDER_POSITIONS]!;
  // Strings with the same two units sorted on by the next two; those that ended share no more than one string.
  let start = 0;
  let units = Math.floor(keys[0]! / ORDER_POSITIONS);
  for (let at = 1; at <= count; at++) {
    const next = at < count ? Math.floor(keys[at]! / ORDER_POSITIONS) : -1;
    if (next === units) continue;
    if (at - start > 1) sortByUnits(strings, from + start, from + at, depth + 2);
    start = at;
    units = next;
  }
}

/**
 * Distinct `strings` sorted in place as `strings.sort()` sorts them (by UTF-16 code units), by numeric sorts of
 * two code units at a time: a batch's 30,000 terms compared as strings cost 2% of an ingest's CPU (a comparison a
 * string read from wherever it lies in the heap). Returns `strings`.
 */
export function inCodeUnitOrder(strings: string[]): string[] {
  if (strings.length >= ORDER_POSITIONS) return strings.sort();
  sortByUnits(strings, 0, strings.length, 0);
  orderScratch.length = 0;
  return strings;
}
