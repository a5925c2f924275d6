// Term vectors for story assignment: TF-IDF over stems of content words, with the title and capitalised
// words (names of people, places, organisations) weighted up, as news clustering systems do.
import type { Article } from '../model.ts';
import { englishEquivalents, hasEnglishEquivalents, isForeignStopword } from '../text/crosslingual.ts';
import { tokenize, tokensOfSpans, type Token } from '../text/tokens.ts';

/** Title words say what the story is about more than any body word. */
const TITLE_WEIGHT = 3;
/** Capitalised words inside a sentence are mostly names: the strongest evidence of the same event. */
const NAME_WEIGHT = 2;
/** Terms kept per article vector: enough for the event's names and themes, small enough to store per article. */
export const ARTICLE_VECTOR_TERMS = 80;
/**
 * Terms kept in a story centroid: its size bounds the cost of each cosine and centroid update. 300 and 100
 * gave BCubed F1 0.799 / 0.792 (mixed stream), 0.858 / 0.784 (WikiRef), 0.780 / 0.786 (MMDS, catch-all as
 * singletons); 100 ran twice as fast on the scale benchmark. 150 sits between.
 */
export const CENTROID_TERMS = 150;
/** Stems shorter than this are initials and fragments, not topics. */
const MIN_TERM_LENGTH = 2;

/** /^[\d.,-]+$/.test(text), a number's characters only, by character code (asked of nearly every token, up to three times). */
export function digitsOnly(text: string): boolean {
  if (text.length === 0) return false;
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    // 0-9, then "," "-" "." (0x2c-0x2e).
    if (!((code >= 0x30 && code <= 0x39) || (code >= 0x2c && code <= 0x2e))) return false;
  }
  return true;
}
const ALL_DIGITS = /^\d+$/;

/**
 * Entity terms (multi-word names: "Port Alder", "Ministry of Transport") start with this character, which no
 * word token contains, so they share the vector with words and never collide with a stem.
 */
export const ENTITY_PREFIX = '@';
/**
 * Weight of a multi-word name, on top of its words (already weighted as names): a full name ("Maria Okafor")
 * pins an event better than either word alone. Re-swept once Chinese and Malay glosses were in (bench/tune-stories.ts,
 * BENCHMARKS.md "Stories: entity weight re-swept"): 0 / 0.5 / 1 / 2 gave MMDS2025 (catch-all as singletons)
 * 0.844 / 0.847 / 0.854 / 0.847, WikiRef220 0.888 / 0.875 / 0.868 / 0.828, mixed topic horizon 0.810 / 0.814 /
 * 0.810 / 0.799. 1 is best on the event-level set and better than 2 on every set.
 */
export const ENTITY_WEIGHT = 1;
/** Number terms ("#1200", "#3.5") start with this character: kept apart from word stems. */
export const NUMBER_PREFIX = '#';
/** Numbers shorter than this (in digits) are counts and list markers that every story has. */
const MIN_NUMBER_DIGITS = 2;
/**
 * Weight of a number (a toll, a sum, a year), off. Written in digits in every script, numbers were tried as the
 * lexical feature a Chinese, Malay and English report of one event share: weight 0 / 1 / 2 gave BCubed F1
 * 0.777 / 0.786 / 0.791 on MMDS2025 dev (catch-all as singletons; recall barely moved, so few cross-language
 * joins), 0.828 / 0.818 / 0.769 on WikiRef220 and 0.561 / 0.561 / 0.553 on the mixed stream: no net gain.
 */
export const NUMBER_WEIGHT = 0;
/**
 * Weight of an English term that stands for a Chinese or Malay word (src/text/crosslingual.ts), relative to
 * the word's own weight: the bridge a Chinese, Malay and English report of one event share. On MMDS2025 dev
 * (catch-all as singletons, glossed words at 0.2) 1 / 2 / 3 gave BCubed F1 0.841 / 0.847 / 0.846; WikiRef220
 * and the mixed stream are English and did not move. See BENCHMARKS.md, "Stories: cross-language linking".
 */
export const GLOSS_WEIGHT = 2;
/**
 * Weight kept by a Chinese or Malay word that has English equivalents, relative to its usual weight. Its
 * English terms then carry the article: at full weight the foreign words (rare, so heavy by IDF) hold most of
 * the vector and an English twin's cosine stays low. 1 / 0.35 / 0.2 / 0.1 / 0 gave MMDS2025 dev F1 0.818 /
 * 0.844 / 0.847 / 0.844 / 0.828 (gloss weight 2); at 0 the Malay and Chinese reports lose each other.
 */
export const GLOSSED_WORD_WEIGHT = 0.2;

/** A number token as a term, thousands separators dropped; undefined for words and too-short numbers. */
export function numberTerm(norm: string): string | undefined {
  if (!digitsOnly(norm)) return undefined;
  const digits = norm.replace(/,/g, '').replace(/^[.-]+|[.-]+$/g, '');
  if (digits.replace(/\D/g, '').length < MIN_NUMBER_DIGITS) return undefined;
  return `${NUMBER_PREFIX}${digits}`;
}

/** Lower-case words allowed inside a name between capitalised words: "Bank of England", "Gulf of Mexico". */
const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'la', 'van', 'von', 'der', 'al', 'bin', 'da', 'di', 'du', 'le']);
/** A possessive ending, dropped from a name's word; a constant, since a regex literal in the loop is a new object a word. */
const POSSESSIVE_END = /'s?$/;
/** Names longer than this are title-case headings or lists, not one name. */
const MAX_ENTITY_WORDS = 4;

function usable(token: Token): boolean {
  return !token.stop && token.stem.length >= MIN_TERM_LENGTH && !digitsOnly(token.stem);
}

/**
 * Names in a sentence by the capitalisation heuristic: runs of two or more capitalised words, joined across
 * a connector ("of"). wink-nlp's English lite model recognises dates, numbers, e-mails and the like but not
 * people, organisations or places, and its full pipeline doubles the text stage's cost, so a heuristic that
 * news copy suits (names are capitalised, sentence-initial single words are not names) is used instead.
 * Scripts without case (CJK, Arabic, Thai) yield no names; their words carry the weight alone.
 */
export function entityRuns(tokens: readonly Token[]): string[] {
  const names: string[] = [];
  const run: string[] = [];
  let pendingConnector: string | undefined;
  let runStartsSentence = false;
  const close = () => {
    pendingConnector = undefined;
    // Most tokens close no run: the array is emptied and kept, not replaced by a new one a token (10 KB an article).
    if (run.length === 0) return;
    // "Later Maria Okafor ...": a sentence's capitalised first word is usually not part of the name that
    // follows it; it is dropped when a name of two words or more remains ("Maria Okafor said" stays whole).
    if (runStartsSentence && run.length >= 3) run.shift();
    if (run.length >= 2 && run.length <= MAX_ENTITY_WORDS) names.push(run.join(' '));
    run.length = 0;
  };
  // An indexed loop: entries() makes a [position, token] pair for every token.
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position]!;
    if (token.capitalized && !token.stop && !digitsOnly(token.norm)) {
      if (run.length === 0) runStartsSentence = position === 0;
      if (pendingConnector !== undefined) run.push(pendingConnector);
      pendingConnector = undefined;
      run.push(token.norm.replace(POSSESSIVE_END, ''));
    } else if (run.length > 0 && pendingConnector === undefined && NAME_CONNECTORS.has(token.norm)) {
      pendingConnector = token.norm;
    } else {
      close();
    }
  }
  close();
  return names;
}

/** Weights of a term occurrence by where it is; a body word counts 1. Harnesses vary them when tuning. */
export interface FeatureWeights {
  title: number;
  name: number;
  entity: number;
  /** Weight of a number term (0: numbers ignored). */
  number: number;
  /** Weight of an English gloss of a Chinese or Malay word, relative to the word's own (0: no glosses). */
  gloss: number;
  /** Weight kept by a Chinese or Malay word that has English glosses, relative to its usual weight. */
  glossedWord: number;
}

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { title: TITLE_WEIGHT, name: NAME_WEIGHT, entity: ENTITY_WEIGHT, number: NUMBER_WEIGHT, gloss: GLOSS_WEIGHT, glossedWord: GLOSSED_WORD_WEIGHT };

function addCount(counts: Map<string, number>, stem: string, weight: number): void {
  counts.set(stem, (counts.get(stem) ?? 0) + weight);
}

/** A word's count; a Chinese or Malay word adds its English equivalents, and then counts less itself. */
function addWord(counts: Map<string, number>, token: Token, weight: number, foreign: boolean, language: string | undefined, weights: FeatureWeights): void {
  if (!foreign) return addCount(counts, token.stem, weight);
  if (isForeignStopword(token, language)) return;
  const glosses = weights.gloss > 0 ? englishEquivalents(token, language) : [];
  addCount(counts, token.stem, glosses.length > 0 ? weight * weights.glossedWord : weight);
  for (const stem of glosses) addCount(counts, stem, weight * weights.gloss);
}

/**
 * Raw weighted term frequencies of an article; the keys are what document frequencies are needed for.
 * `textTokens`, the tokens of the whole text when the caller has them, spares scanning the text again.
 */
export function termFrequencies(
  article: Pick<Article, 'title' | 'text' | 'sentences'> & { language?: string },
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
  textTokens: readonly Token[] = tokenize(article.text),
): Map<string, number> {
  const counts = new Map<string, number>();
  const language = article.language;
  const foreign = hasEnglishEquivalents(language);
  // Module functions and indexed loops (no closure per call: README, Development).
  for (const token of tokenize(article.title)) {
    if (usable(token)) addWord(counts, token, weights.title, foreign, language, weights);
  }
  for (const tokens of tokensOfSpans(article.text, article.sentences, textTokens)) {
    for (let position = 0; position < tokens.length; position++) {
      const token = tokens[position]!;
      if (weights.number > 0 && !token.stop) {
        const number = numberTerm(token.norm);
        if (number !== undefined) addCount(counts, number, weights.number);
      }
      if (!usable(token)) continue;
      addWord(counts, token, position > 0 && token.capitalized ? weights.name : 1, foreign, language, weights);
    }
    if (weights.entity > 0) for (const name of entityRuns(tokens)) addCount(counts, `${ENTITY_PREFIX}${name}`, weights.entity);
  }
  return counts;
}

/**
 * Pseudo-documents, containing none of the terms, added to the counts. Without them the first articles of a
 * stream get IDF from a handful of documents, where every term shared with an earlier article is penalised
 * exactly for being shared; with them IDF starts near-uniform and the real counts take over as N grows.
 */
const IDF_PRIOR_DOCUMENTS = 50;

/** ln(N + prior + 1): the part of every term's IDF that depends only on the number of documents. */
function logDocumentsOf(documents: number): number {
  return Math.log(documents + IDF_PRIOR_DOCUMENTS + 1);
}

/**
 * Terms as small integers and back: vectors hold ids, so cosines and centroid updates work on typed arrays. A
 * StoryStream owns one and forgets the terms no active story holds and no arrival has used for a long time, so
 * its size follows the stream's recent vocabulary, not everything ever seen; a forgotten id is given to the next
 * new term. The shared vocabulary (sharedVocabulary) never forgets; it is replaced when full.
 */
export class Vocabulary {
  private readonly idOf = new Map<string, number>();
  private readonly names: (string | undefined)[] = [];
  private readonly freeIds: number[] = [];
  /** The `clock` at which each id was last interned. */
  private lastUsed = new Int32Array(1024);
  /** The owner's arrival count, stamped on each term it interns. */
  clock = 0;

  /** Terms known. */
  get size(): number {
    return this.idOf.size;
  }

  /** One past the highest id given so far: the length an array indexed by id needs. */
  get idLimit(): number {
    return this.names.length;
  }

  /** The term's id, given a new one (or a forgotten one) the first time. */
  intern(term: string): number {
    let id = this.idOf.get(term);
    if (id === undefined) {
      id = this.freeIds.pop() ?? this.names.length;
      this.idOf.set(term, id);
      this.names[id] = term;
      if (id >= this.lastUsed.length) {
        const grown = new Int32Array(Math.max(id + 1, this.lastUsed.length * 2));
        grown.set(this.lastUsed);
        this.lastUsed = grown;
      }
    }
    this.lastUsed[id] = this.clock;
    return id;
  }

  /** The term's id if it is known. */
  lookup(term: string): number | undefined {
    return this.idOf.get(term);
  }

  /** The term of a live id. */
  name(id: number): string {
    return this.names[id]!;
  }

  /** Whether an id names a term now (ids of forgotten terms wait for reuse). */
  holds(id: number): boolean {
    return this.names[id] !== undefined;
  }

  /** The clock at which a live id was last interned. */
  lastUsedAt(id: number): number {
    return this.lastUsed[id]!;
  }

  /** Drops a term; its id goes to the next new term, so no vector may still hold it. */
  forget(id: number): void {
    const name = this.names[id];
    if (name === undefined) return;
    this.idOf.delete(name);
    this.names[id] = undefined;
    this.freeIds.push(id);
  }
}

/**
 * Terms the shared vocabulary may hold before it is renewed (17 MB: 67 bytes a term, measured). The engine keeps 80 terms per stored
 * article and 150 per story; the stream corpus brings about 10,000 new terms per 1,000 articles, so an ingest of
 * its 1 GB file renews about every 25,000 articles. A renewal costs the story index a re-read of the centroids it
 * holds (at most its capacity, well under a second), so renewing at 1M kept 32 MB more live heap for nothing, and
 * at 500,000 16 MB more, with V8's committed heap above it (issue 19: the 1 GB file under 500 MB).
 */
export const SHARED_VOCABULARY_LIMIT = 250_000;

let shared = new Vocabulary();

/**
 * Share of the limit a renewal must leave room for. The holders reload their vectors into the new vocabulary,
 * and the live stories alone may hold more terms than the limit; it would then renew before every article.
 */
const RENEWAL_MIN_ROOM = 0.5;
/** The shared vocabulary's size at the first check after a renewal: what the reloads brought back. */
let sizeAfterReload: number | undefined = 0;

/**
 * The vocabulary of vectors made outside a StoryStream (the engine's, and those read from the store's records).
 * It never forgets a term; instead it is replaced when full (renewSharedVocabularyIfFull).
 */
export function sharedVocabulary(): Vocabulary {
  return shared;
}

/**
 * Replaces the shared vocabulary with an empty one when it holds more than `limit` terms, and also more than
 * half the limit beyond what the last renewal's reloads brought back; true when it did. No id is reused: vectors
 * made before keep the old vocabulary and their names, and cosine refuses to compare them with new ones, so a
 * holder of vectors (the engine's story index) rebuilds them from their records. Call it only where no vector
 * is being made (the engine does, before each article).
 */
export function renewSharedVocabularyIfFull(limit: number = SHARED_VOCABULARY_LIMIT): boolean {
  sizeAfterReload ??= shared.size;
  if (shared.size <= Math.max(limit, sizeAfterReload + limit * RENEWAL_MIN_ROOM)) return false;
  shared = new Vocabulary();
  sizeAfterReload = undefined;
  return true;
}

/**
 * A sparse term vector: interned term ids in ascending order with their weights (never mutated; every
 * function here builds new vectors). Cosines and centroid updates are merges and lookups over typed arrays,
 * so an arrival hashes no strings beyond the article's own terms and builds no objects keyed by term. The
 * term -> weight record form is made only to store or show a vector (`toJSON`, `fromRecord`).
 */
export class TermVector {
  static readonly EMPTY = new TermVector(new Int32Array(0), new Float64Array(0), new Vocabulary());
  readonly ids: Int32Array;
  readonly weights: Float64Array;
  readonly norm: number;
  /** What its ids mean: vectors of different vocabularies are not comparable. */
  readonly vocabulary: Vocabulary;

  /** `ids` ascending and distinct; the arrays are kept, not copied. */
  constructor(ids: Int32Array, weights: Float64Array, vocabulary: Vocabulary) {
    this.ids = ids;
    this.weights = weights;
    this.norm = normOf(weights, weights.length);
    this.vocabulary = vocabulary;
  }

  /** A vector from its record form (as stored): term order does not matter. */
  static fromRecord(record: Readonly<Record<string, number>>, vocabulary: Vocabulary = shared): TermVector {
    const terms = Object.keys(record);
    const ids = Int32Array.from(terms, (term) => vocabulary.intern(term));
    const order = idOrder(ids, terms.length);
    return new TermVector(
      Int32Array.from(order, (at) => ids[at]!),
      Float64Array.from(order, (at) => record[terms[at]!]!),
      vocabulary,
    );
  }

  /** A vector from terms and their weights side by side (a stored packed form): term order does not matter. */
  static fromTerms(terms: readonly string[], weights: Float64Array, vocabulary: Vocabulary = shared): TermVector {
    // Plain loops: TypedArray.from with a mapping function costs several times more (a store reads thousands).
    const ids = new Int32Array(terms.length);
    for (let at = 0; at < terms.length; at++) ids[at] = vocabulary.intern(terms[at]!);
    return TermVector.fromIds(ids, weights, vocabulary);
  }

  /** A vector from ids of `vocabulary`, distinct, in any order, with their weights side by side (arrays not kept). */
  static fromIds(ids: Int32Array, weights: Float64Array, vocabulary: Vocabulary): TermVector {
    const count = ids.length;
    const order = idOrder(ids, count);
    const sortedIds = new Int32Array(count);
    const sortedWeights = new Float64Array(count);
    for (let at = 0; at < count; at++) {
      sortedIds[at] = ids[order[at]!]!;
      sortedWeights[at] = weights[order[at]!]!;
    }
    return new TermVector(sortedIds, sortedWeights, vocabulary);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The terms, in id order. */
  terms(): string[] {
    return Array.from(this.ids, (id) => this.vocabulary.name(id));
  }

  /** The weight of a term, 0 where absent. */
  weight(term: string): number {
    const id = this.vocabulary.lookup(term);
    if (id === undefined) return 0;
    let low = 0;
    let high = this.ids.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const at = this.ids[middle]!;
      if (at === id) return this.weights[middle]!;
      if (at < id) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }

  /** [term, weight] pairs in id order. */
  entries(): [string, number][] {
    return Array.from(this.ids, (id, at) => [this.vocabulary.name(id), this.weights[at]!]);
  }

  /**
   * JSON.stringify of the record form, written directly (the store writes one per article): terms in id order,
   * as the record holds them, unless a term is all digits (an object puts such keys first; then the record).
   */
  toJSONText(): string {
    let text = '{';
    for (let at = 0; at < this.ids.length; at++) {
      const term = this.vocabulary.name(this.ids[at]!);
      if (ALL_DIGITS.test(term)) return JSON.stringify(this.toJSON());
      const weight = this.weights[at]!;
      text += `${at === 0 ? '' : ','}${JSON.stringify(term)}:${Number.isFinite(weight) ? String(weight) : 'null'}`;
    }
    return `${text}}`;
  }

  /** The record form, term -> weight (what the store keeps and JSON shows). */
  toJSON(): Record<string, number> {
    const record: Record<string, number> = {};
    for (let at = 0; at < this.ids.length; at++) record[this.vocabulary.name(this.ids[at]!)] = this.weights[at]!;
    return record;
  }
}

function normOf(weights: Float64Array, count: number): number {
  let sum = 0;
  for (let index = 0; index < count; index++) sum += weights[index]! * weights[index]!;
  return Math.sqrt(sum);
}

/** Positions 0..count-1 ordered by ascending id: one numeric typed-array sort of (id, position) packed in a double. */
function idOrder(ids: Int32Array, count: number): Int32Array {
  const packed = new Float64Array(count);
  for (let index = 0; index < count; index++) packed[index] = ids[index]! * count + index;
  packed.sort();
  const order = new Int32Array(count);
  for (let index = 0; index < count; index++) order[index] = packed[index]! % count;
  return order;
}

const byTermName = (x: [string, number], y: [string, number]): number => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
// Compared, not subtracted: a difference of weights returned from a comparator is a boxed number a comparison.
const heavierThenByName = (x: [number, string, number], y: [number, string, number]): number => (x[0] > y[0] ? -1 : x[0] < y[0] ? 1 : x[1] < y[1] ? -1 : 1);

/**
 * Where heaviest reads a position's term when ties at the cut need names: the terms themselves, or ids of a
 * vocabulary (a TermVector is one). Data, not a callback made per call: see heaviest.
 */
type TermsByPosition = readonly string[] | { readonly ids: Int32Array; readonly vocabulary: Vocabulary };

function termAt(terms: TermsByPosition, at: number): string {
  return 'vocabulary' in terms ? terms.vocabulary.name(terms.ids[at]!) : terms[at]!;
}

/**
 * Which of `count` weights are the `size` heaviest, ties at the cut broken by term (so the result never
 * depends on insertion order): a flag per position. Finds the cut with a numeric typed-array sort.
 */
function heaviest(weights: Float64Array, count: number, size: number, terms: TermsByPosition): Uint8Array {
  const keep = new Uint8Array(count);
  if (count <= size) return keep.fill(1);
  const cut = kthSmallest(weights, count, count - size);
  let kept = 0;
  const ties: number[] = [];
  for (let index = 0; index < count; index++) {
    if (weights[index]! > cut) {
      keep[index] = 1;
      kept++;
    } else if (weights[index] === cut) ties.push(index);
  }
  const wanted = size - kept;
  if (ties.length > wanted) {
    // Only then do names decide; an article's many unseen, once-used terms often tie at the cut.
    // Pairs sorted by a module comparator, stable as the sort of indices was (no closure per call: README, Development).
    const named: [string, number][] = [];
    for (let at = 0; at < ties.length; at++) named.push([termAt(terms, ties[at]!), ties[at]!]);
    named.sort(byTermName);
    for (let at = 0; at < named.length; at++) ties[at] = named[at]![1];
  }
  for (let at = 0; at < wanted; at++) keep[ties[at]!] = 1;
  return keep;
}

/** Scratch for kthSmallest, grown as needed: one vector is cut at a time. */
let selectScratch = new Float64Array(1024);

/** The k-th smallest (from 0) of values[0..count), by quickselect on a scratch copy: linear time, where a sort is n log n. */
function kthSmallest(values: Float64Array, count: number, k: number): number {
  if (selectScratch.length < count) selectScratch = new Float64Array(Math.max(count, selectScratch.length * 2));
  const scratch = selectScratch;
  scratch.set(values.subarray(0, count));
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const pivot = scratch[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (scratch[i]! < pivot) i++;
      while (scratch[j]! > pivot) j--;
      if (i <= j) {
        const held = scratch[i]!;
        scratch[i++] = scratch[j]!;
        scratch[j--] = held;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return scratch[k]!;
  }
  return scratch[k]!;
}

/** The vector of `ids` (ascending) and `weights`, L2-normalised in place. */
function normalisedVector(ids: Int32Array, weights: Float64Array, vocabulary: Vocabulary): TermVector {
  const norm = normOf(weights, weights.length);
  for (let index = 0; index < weights.length; index++) weights[index] = norm === 0 ? 0 : weights[index]! / norm;
  return new TermVector(ids, weights, vocabulary);
}

/** The vector of the kept entries (ids ascending, weights), L2-normalised. */
function vectorOf(ids: Int32Array, weights: Float64Array, keep: Uint8Array, count: number, vocabulary: Vocabulary): TermVector {
  let size = 0;
  for (let index = 0; index < count; index++) size += keep[index]!;
  const keptIds = new Int32Array(size);
  const keptWeights = new Float64Array(size);
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (keep[index] === 0) continue;
    keptIds[at] = ids[index]!;
    keptWeights[at++] = weights[index]!;
  }
  return normalisedVector(keptIds, keptWeights, vocabulary);
}

/** ln(n) for small integers, looked up: term and document frequencies are counts, and logs are the cost of a vector. */
const LOG_TABLE_SIZE = 4096;
const LOG_TABLE = Float64Array.from({ length: LOG_TABLE_SIZE }, (_, n) => (n === 0 ? Number.NEGATIVE_INFINITY : Math.log(n)));

function logOf(n: number): number {
  return n < LOG_TABLE_SIZE && Number.isInteger(n) ? LOG_TABLE[n]! : Math.log(n);
}

/**
 * Sublinear term frequency times smoothed IDF, ln((N + prior + 1) / (df + 1)) + 1: never zero, so a term seen in
 * every stored article still counts a little.
 */
function tfidfWeight(tf: number, logDocuments: number, documentFrequency: number): number {
  return (1 + logOf(tf)) * (logDocuments - logOf(documentFrequency + 1) + 1);
}

/** The article's L2-normalised TF-IDF vector (tfidfWeight), cut to its ARTICLE_VECTOR_TERMS heaviest terms. */
export function tfidfVector(frequencies: ReadonlyMap<string, number>, documents: number, df: ReadonlyMap<string, number>): TermVector {
  const dfInOrder = new Float64Array(frequencies.size);
  let at = 0;
  for (const term of frequencies.keys()) dfInOrder[at++] = df.get(term) ?? 0;
  return tfidfVectorInOrder(frequencies, documents, dfInOrder);
}

/**
 * tfidfVector with the document frequency of each term given by position, in `frequencies`' order: a caller
 * that holds them already (the engine's batch counts) spares a lookup per term; `knownIds` as heaviestVector's
 * (ids in the shared vocabulary, -1 where not known; filled in for the terms kept).
 */
export function tfidfVectorInOrder(frequencies: ReadonlyMap<string, number>, documents: number, df: ArrayLike<number>, knownIds?: Int32Array): TermVector {
  // Sized once, and read by keys() and values() in turn: entries() made a [term, tf] pair an entry, and a
  // forEach callback would be a closure made per call (no closure per call: README, Development).
  const terms = new Array<string>(frequencies.size);
  const logDocuments = logDocumentsOf(documents);
  const weights = new Float64Array(frequencies.size);
  let position = 0;
  for (const term of frequencies.keys()) terms[position++] = term;
  position = 0;
  for (const tf of frequencies.values()) {
    weights[position] = tfidfWeight(tf, logDocuments, df[position]!);
    position++;
  }
  const vocabulary = shared;
  return heaviestVector(weights, terms, vocabulary, knownIds);
}

/**
 * The article vector of `weights` (by position): its heaviest terms (ties by term), ordered by id, normalised.
 * `knownIds` (terms given as strings): each position's id in `vocabulary` where the caller knows it, else -1; the
 * ids of the terms kept are filled in. Terms not known are interned in position order, as when none is known.
 */
function heaviestVector(weights: Float64Array, terms: TermsByPosition, vocabulary: Vocabulary, knownIds?: Int32Array): TermVector {
  const keep = heaviest(weights, weights.length, ARTICLE_VECTOR_TERMS, terms);
  const size = Math.min(weights.length, ARTICLE_VECTOR_TERMS);
  const keptPositions = new Int32Array(size);
  const keptIds = new Int32Array(size);
  let kept = 0;
  for (let at = 0; at < weights.length; at++) {
    if (keep[at] === 0) continue;
    keptPositions[kept] = at;
    if ('vocabulary' in terms) keptIds[kept++] = terms.ids[at]!;
    else if (knownIds !== undefined && knownIds[at]! >= 0) keptIds[kept++] = knownIds[at]!;
    else {
      const id = vocabulary.intern(terms[at]!);
      if (knownIds !== undefined) knownIds[at] = id;
      keptIds[kept++] = id;
    }
  }
  const order = idOrder(keptIds, size);
  const sortedIds = new Int32Array(size);
  const sortedWeights = new Float64Array(size);
  for (let at = 0; at < size; at++) {
    sortedIds[at] = keptIds[order[at]!]!;
    sortedWeights[at] = weights[keptPositions[order[at]!]!]!;
  }
  return normalisedVector(sortedIds, sortedWeights, vocabulary);
}

/** Fibonacci hashing's multiplier (2^32 / golden ratio): consecutive ids land far apart in the table. */
const FIBONACCI_MULTIPLIER = 0x9e3779b1;
/** An IdWeightTable's least size, as bits: 1,024 slots (12 KB), room for a 150-term centroid. */
const ID_TABLE_MIN_BITS = 10;
/** Slots an id at least, so that a lookup that misses (the usual case) probes about one slot. */
const ID_TABLE_LOAD_INVERSE = 4;
/** A free slot (term ids, and store term ids, are never negative). */
const EMPTY_SLOT = -1;
/**
 * Bits of an IdWeightTable's filter, as a power of two: one bit an id's low bits, 8 KB, in the L1 cache. A vector of
 * 80 terms sets under 0.2% of them, so nearly every id looked up and not held is told by one bit, not a probe.
 */
const ID_FILTER_BITS = 16;
const ID_FILTER_MASK = (1 << (ID_FILTER_BITS - 5)) - 1;

/**
 * Term id -> weight in a small open-addressing table (linear probing), so a vector is scored against another by
 * looking the other's terms up in any order: no merge of two sorted lists (a branch mispredicted a term). It
 * stays in the L1 cache however large the vocabulary grows, where an array indexed by id did not (at 1M articles
 * its misses made an arrival 2x dearer than at 10k).
 */
export class IdWeightTable {
  private bits = ID_TABLE_MIN_BITS;
  private ids = new Int32Array(1 << ID_TABLE_MIN_BITS).fill(EMPTY_SLOT);
  private weights = new Float64Array(1 << ID_TABLE_MIN_BITS);
  /** A bit for the low ID_FILTER_BITS of each id set: clear, the id is not held. */
  private readonly filter = new Int32Array(1 << (ID_FILTER_BITS - 5));

  /** How many ids the table holds at its least size within its load bound. */
  static readonly LEAST_CAPACITY = (1 << ID_TABLE_MIN_BITS) / ID_TABLE_LOAD_INVERSE;

  /** Sizes the empty table for `count` ids within its load bound (the least size that holds them). */
  reserve(count: number): void {
    let bits = ID_TABLE_MIN_BITS;
    while (count * ID_TABLE_LOAD_INVERSE > 1 << bits) bits++;
    if (bits === this.bits) return;
    this.bits = bits;
    this.ids = new Int32Array(1 << bits).fill(EMPTY_SLOT);
    this.weights = new Float64Array(1 << bits);
  }

  set(id: number, weight: number): void {
    this.filter[(id >>> 5) & ID_FILTER_MASK]! |= 1 << (id & 31);
    const mask = this.ids.length - 1;
    let slot = Math.imul(id, FIBONACCI_MULTIPLIER) >>> (32 - this.bits);
    while (this.ids[slot] !== EMPTY_SLOT && this.ids[slot] !== id) slot = (slot + 1) & mask;
    this.ids[slot] = id;
    this.weights[slot] = weight;
  }

  /** The weight of `id`; 0 for an id not set. */
  get(id: number): number {
    const { ids } = this;
    const mask = ids.length - 1;
    let slot = Math.imul(id, FIBONACCI_MULTIPLIER) >>> (32 - this.bits);
    for (;;) {
      const held = ids[slot]!;
      if (held === id) return this.weights[slot]!;
      if (held === EMPTY_SLOT) return 0;
      slot = (slot + 1) & mask;
    }
  }

  /**
   * The sum of get(ids[at]) * weights[at] over the ids held with a weight other than 0, added in the order given
   * (cosine's dot product): the filter first, then the probe, with the table's fields read once.
   */
  dot(ids: Int32Array, weights: Float64Array): number {
    const { filter } = this;
    const held = this.ids;
    const heldWeights = this.weights;
    const mask = held.length - 1;
    const shift = 32 - this.bits;
    let dot = 0;
    for (let at = 0; at < ids.length; at++) {
      const id = ids[at]!;
      if ((filter[(id >>> 5) & ID_FILTER_MASK]! & (1 << (id & 31))) === 0) continue;
      let slot = Math.imul(id, FIBONACCI_MULTIPLIER) >>> shift;
      for (;;) {
        const found = held[slot]!;
        if (found === id) {
          const weight = heldWeights[slot]!;
          if (weight !== 0) dot += weight * weights[at]!;
          break;
        }
        if (found === EMPTY_SLOT) break;
        slot = (slot + 1) & mask;
      }
    }
    return dot;
  }

  /** Empties the table, given every id set since it was last empty: each one's run of slots from its home. */
  clear(set: ArrayLike<number>): void {
    const { ids, filter } = this;
    const mask = ids.length - 1;
    for (let at = 0; at < set.length; at++) {
      filter[(set[at]! >>> 5) & ID_FILTER_MASK] = 0;
      let slot = Math.imul(set[at]!, FIBONACCI_MULTIPLIER) >>> (32 - this.bits);
      while (ids[slot] !== EMPTY_SLOT) {
        ids[slot] = EMPTY_SLOT;
        slot = (slot + 1) & mask;
      }
    }
  }
}

/**
 * The last vector passed as `x` to cosine, spread in an IdWeightTable: an arrival scores one article against 30
 * to 40 centroids in a row. Products are added in ascending id order either way, so the result is the same. A
 * vector with more terms than the table's least capacity is merged instead: probes would lengthen.
 */
const spreadTable = new IdWeightTable();
let spreadOwner: TermVector | undefined;

function spread(vector: TermVector): boolean {
  if (spreadOwner !== undefined) spreadTable.clear(spreadOwner.ids);
  spreadOwner = undefined;
  if (vector.ids.length > IdWeightTable.LEAST_CAPACITY) return false;
  for (let index = 0; index < vector.ids.length; index++) spreadTable.set(vector.ids[index]!, vector.weights[index]!);
  spreadOwner = vector;
  return true;
}

export function cosine(x: TermVector, y: TermVector): number {
  if (x.norm === 0 || y.norm === 0) return 0;
  if (x.vocabulary !== y.vocabulary) throw new Error('cosine of vectors from two vocabularies: their term ids mean different terms');
  const yIds = y.ids;
  const yWeights = y.weights;
  let dot = 0;
  if (x === spreadOwner || spread(x)) {
    dot = spreadTable.dot(yIds, yWeights);
  } else {
    const xIds = x.ids;
    let i = 0;
    let j = 0;
    while (i < xIds.length && j < yIds.length) {
      const left = xIds[i]!;
      const right = yIds[j]!;
      if (left === right) dot += x.weights[i++]! * yWeights[j++]!;
      else if (left < right) i++;
      else j++;
    }
  }
  return dot / (x.norm * y.norm);
}

/** a * aScale + b * bScale over the union of their terms (a merge of two id-sorted vectors), cut to `size` terms. */
function weightedSum(a: TermVector, aScale: number, b: TermVector, bScale: number, size: number): TermVector {
  const vocabulary = a.size > 0 ? a.vocabulary : b.vocabulary;
  const capacity = a.ids.length + b.ids.length;
  const ids = new Int32Array(capacity);
  const weights = new Float64Array(capacity);
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.ids.length || j < b.ids.length) {
    const left = i < a.ids.length ? a.ids[i]! : Number.POSITIVE_INFINITY;
    const right = j < b.ids.length ? b.ids[j]! : Number.POSITIVE_INFINITY;
    if (left === right) {
      ids[count] = left;
      weights[count++] = a.weights[i++]! * aScale + b.weights[j++]! * bScale;
    } else if (left < right) {
      ids[count] = left;
      weights[count++] = a.weights[i++]! * aScale;
    } else {
      ids[count] = right;
      weights[count++] = b.weights[j++]! * bScale;
    }
  }
  return vectorOf(ids, weights, heaviest(weights, count, size, { ids, vocabulary }), count, vocabulary);
}

/** The centroid after adding one member: the normalised mean of the member vectors, truncated. */
export function addToCentroid(centroid: TermVector, size: number, vector: TermVector): TermVector {
  return weightedSum(centroid, size, vector, 1, CENTROID_TERMS);
}

/** The centroid of two merged stories. */
export function mergeCentroids(x: TermVector, xSize: number, y: TermVector, ySize: number): TermVector {
  return weightedSum(x, xSize, y, ySize, CENTROID_TERMS);
}

/** An article's weighted term frequencies with the terms interned: what the stream keeps statistics by. */
export interface InternedTerms {
  ids: Int32Array;
  counts: Float64Array;
  vocabulary: Vocabulary;
  /** The vocabulary's clock when they were interned: a stream refuses terms it may have forgotten since. */
  internedAt: number;
}

/** Interns an article's terms: one string lookup per term, after which the stream works on integers. */
export function internTerms(frequencies: ReadonlyMap<string, number>, vocabulary: Vocabulary = shared): InternedTerms {
  const ids = new Int32Array(frequencies.size);
  const counts = new Float64Array(frequencies.size);
  let at = 0;
  for (const [term, count] of frequencies) {
    ids[at] = vocabulary.intern(term);
    counts[at++] = count;
  }
  return { ids, counts, vocabulary, internedAt: vocabulary.clock };
}

/** Document frequencies by interned term id, in a typed array that grows with the vocabulary. */
export class DocumentFrequencies {
  documents = 0;
  private counts = new Int32Array(1024);
  /** The vocabulary the ids are of. */
  readonly vocabulary: Vocabulary;

  constructor(vocabulary: Vocabulary = shared) {
    this.vocabulary = vocabulary;
  }

  /** A forgotten term counts from zero if it comes back. */
  forget(id: number): void {
    if (id < this.counts.length) this.counts[id] = 0;
  }

  frequency(id: number): number {
    return id < this.counts.length ? this.counts[id]! : 0;
  }

  /** Counts one more document holding these terms. */
  add(terms: InternedTerms): void {
    this.documents++;
    for (const id of terms.ids) {
      if (id >= this.counts.length) {
        const grown = new Int32Array(Math.max(id + 1, this.counts.length * 2));
        grown.set(this.counts);
        this.counts = grown;
      }
      this.counts[id]!++;
    }
  }
}

/** tfidfVector for interned terms and id-indexed document frequencies: no string is hashed. */
export function tfidfVectorOfInterned(terms: InternedTerms, df: DocumentFrequencies): TermVector {
  const logDocuments = logDocumentsOf(df.documents);
  const count = terms.ids.length;
  const weights = new Float64Array(count);
  for (let at = 0; at < count; at++) weights[at] = tfidfWeight(terms.counts[at]!, logDocuments, df.frequency(terms.ids[at]!));
  return heaviestVector(weights, { ids: terms.ids, vocabulary: df.vocabulary }, df.vocabulary);
}

/** The ids of a vector's `count` heaviest terms (ties by term), in ascending id order; the vector's own ids when it has no more. */
export function heaviestTermIds(vector: TermVector, count: number): Int32Array {
  if (vector.ids.length <= count) return vector.ids;
  const keep = heaviest(vector.weights, vector.ids.length, count, vector);
  const ids = new Int32Array(count);
  let kept = 0;
  for (let at = 0; at < keep.length; at++) if (keep[at] === 1) ids[kept++] = vector.ids[at]!;
  return ids;
}

/** The terms of heaviestTermIds(vector, count), as strings (what a store keeps, since ids live only in one process). */
export function heaviestTerms(vector: TermVector, count: number): string[] {
  return Array.from(heaviestTermIds(vector, count), (id) => vector.vocabulary.name(id));
}

/** The `count` heaviest term ids of a vector, heaviest first (ties by term). */
export function topTermIds(vector: TermVector, count: number): number[] {
  const { ids, weights, vocabulary } = vector;
  // The same `count` terms a full sort would put first, picked in linear time; only they are sorted.
  const keep = heaviest(weights, ids.length, count, vector);
  // Triples sorted by a module comparator, not positions by one made per call (see heaviest): the same order,
  // since no two terms of a vector share a name.
  const kept: [number, string, number][] = [];
  for (let at = 0; at < ids.length; at++) if (keep[at] === 1) kept.push([weights[at]!, vocabulary.name(ids[at]!), ids[at]!]);
  kept.sort(heavierThenByName);
  const top: number[] = new Array(kept.length);
  for (let at = 0; at < kept.length; at++) top[at] = kept[at]![2];
  return top;
}
