// The row shapes both stores read and write, and their conversion to the model's types: SQLite and
// PostgreSQL keep the same columns, so an article, relation or story reads back the same from either.
import type { Article, Relation } from '../model.ts';
import { INDEX_TERMS } from '../stories/stream.ts';
import { heaviestTerms, TermVector, type Vocabulary } from '../stories/vectors.ts';
import type { StoryIndexEntry, StoryState } from './store.ts';
import { NewsfoldError } from '../errors.ts';
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

export function storyStateFromRow(row: StoryRow): StoryState {
  return {
    id: row.id,
    headline: row.headline,
    headlineArticleId: row.headline_article,
    firstTime: row.first_time,
    lastTime: row.last_time,
    timed: row.timed === 1,
    size: row.size,
    centroid: decodeCentroid(row.centroid),
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

export function decodeCentroid(text: string, vocabulary?: Vocabulary): TermVector {
  const parsed = parseStored(text) as unknown;
  if (!Array.isArray(parsed)) return TermVector.fromRecord(parsed as Record<string, number>, vocabulary);
  const bytes = Buffer.from(String(parsed[0]), 'base64');
  if (bytes.length !== 8 * (parsed.length - 1)) throw new NewsfoldError('E_STORE', 'a stored story centroid is damaged: its weights and terms differ in number');
  const weights = new Float64Array(parsed.length - 1);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at < weights.length; at++) weights[at] = view.getFloat64(8 * at, true);
  return TermVector.fromTerms(parsed.slice(1) as string[], weights, vocabulary);
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
export function storyRowValues(state: StoryState, sequence: number): [string, string, string, number, number, number, number, string, number, number, string, string] {
  return [
    state.id,
    state.headline,
    state.headlineArticleId,
    state.firstTime,
    state.lastTime,
    state.timed ? 1 : 0,
    state.size,
    encodeCentroid(state.centroid),
    state.createdAt,
    sequence,
    JSON.stringify(storyNames(state.centroid)),
    storedIndexTerms(state.centroid),
  ];
}

/** The columns storyIndexEntries reads (StoryIndexRow): the centroid only where index_terms is missing. */
export const STORY_INDEX_COLUMNS = 'id, first_time, last_time, timed, created_at, index_terms, CASE WHEN index_terms IS NULL THEN centroid END AS centroid';

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
export function storyStatesInOrder(ids: readonly string[], rows: readonly StoryRow[]): StoryState[] {
  const byId = new Map(rows.map((row) => [row.id, storyStateFromRow(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export function storyIndexEntryFromRow(row: StoryIndexRow): StoryIndexEntry {
  const indexTerms =
    row.index_terms !== null
      ? (parseStored(row.index_terms) as string[])
      : indexTermsOf(decodeCentroid(row.centroid ?? '{}'));
  return { id: row.id, firstTime: row.first_time, lastTime: row.last_time, timed: row.timed === 1, createdAt: row.created_at, indexTerms };
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
