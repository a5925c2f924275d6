// Term vectors for story assignment: TF-IDF over stems of content words, with the title and capitalised
// words (names of people, places, organisations) weighted up, as news clustering systems do.
import type { Article } from '../model.ts';
import type { TermVector } from '../store/store.ts';
import { englishEquivalents, hasEnglishEquivalents, isForeignStopword } from '../text/crosslingual.ts';
import { tokenize, type Token } from '../text/tokens.ts';

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

const DIGITS_ONLY = /^[\d.,-]+$/;

/**
 * Entity terms (multi-word names: "Port Alder", "Ministry of Transport") start with this character, which no
 * word token contains, so they share the vector with words and never collide with a stem.
 */
export const ENTITY_PREFIX = '@';
/**
 * Weight of a multi-word name, on top of its words: a full name ("Maria Okafor") pins an event far better
 * than either word alone. Tuned on the development streams (see BENCHMARKS.md, "Stories: tuning").
 */
export const ENTITY_WEIGHT = 2;
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
  if (!DIGITS_ONLY.test(norm)) return undefined;
  const digits = norm.replace(/,/g, '').replace(/^[.-]+|[.-]+$/g, '');
  if (digits.replace(/\D/g, '').length < MIN_NUMBER_DIGITS) return undefined;
  return `${NUMBER_PREFIX}${digits}`;
}

/** Lower-case words allowed inside a name between capitalised words: "Bank of England", "Gulf of Mexico". */
const NAME_CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'la', 'van', 'von', 'der', 'al', 'bin', 'da', 'di', 'du', 'le']);
/** Names longer than this are title-case headings or lists, not one name. */
const MAX_ENTITY_WORDS = 4;

function usable(token: Token): boolean {
  return !token.stop && token.stem.length >= MIN_TERM_LENGTH && !DIGITS_ONLY.test(token.stem);
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
  let run: string[] = [];
  let pendingConnector: string | undefined;
  let runStartsSentence = false;
  const close = () => {
    // "Later Maria Okafor ...": a sentence's capitalised first word is usually not part of the name that
    // follows it; it is dropped when a name of two words or more remains ("Maria Okafor said" stays whole).
    if (runStartsSentence && run.length >= 3) run.shift();
    if (run.length >= 2 && run.length <= MAX_ENTITY_WORDS) names.push(run.join(' '));
    run = [];
    pendingConnector = undefined;
  };
  for (const [position, token] of tokens.entries()) {
    if (token.capitalized && !token.stop && !DIGITS_ONLY.test(token.norm)) {
      if (run.length === 0) runStartsSentence = position === 0;
      if (pendingConnector !== undefined) run.push(pendingConnector);
      pendingConnector = undefined;
      run.push(token.norm.replace(/'s?$/, ''));
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

/** Raw weighted term frequencies of an article; the keys are what document frequencies are needed for. */
export function termFrequencies(article: Pick<Article, 'title' | 'text' | 'sentences'> & { language?: string }, weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Map<string, number> {
  const counts = new Map<string, number>();
  const language = article.language;
  const foreign = hasEnglishEquivalents(language);
  const add = (stem: string, weight: number) => counts.set(stem, (counts.get(stem) ?? 0) + weight);
  // A Chinese or Malay word adds its English equivalents, and then counts less itself.
  const addWord = (token: Token, weight: number) => {
    if (!foreign) return add(token.stem, weight);
    if (isForeignStopword(token, language)) return;
    const glosses = weights.gloss > 0 ? englishEquivalents(token, language) : [];
    add(token.stem, glosses.length > 0 ? weight * weights.glossedWord : weight);
    for (const stem of glosses) add(stem, weight * weights.gloss);
  };
  for (const token of tokenize(article.title)) {
    if (usable(token)) addWord(token, weights.title);
  }
  for (const sentence of article.sentences) {
    const tokens = tokenize(article.text.slice(sentence.start, sentence.end));
    tokens.forEach((token, position) => {
      if (weights.number > 0 && !token.stop) {
        const number = numberTerm(token.norm);
        if (number !== undefined) add(number, weights.number);
      }
      if (!usable(token)) return;
      addWord(token, position > 0 && token.capitalized ? weights.name : 1);
    });
    if (weights.entity > 0) for (const name of entityRuns(tokens)) add(`${ENTITY_PREFIX}${name}`, weights.entity);
  }
  return counts;
}

/**
 * Pseudo-documents, containing none of the terms, added to the counts. Without them the first articles of a
 * stream get IDF from a handful of documents, where every term shared with an earlier article is penalised
 * exactly for being shared; with them IDF starts near-uniform and the real counts take over as N grows.
 */
const IDF_PRIOR_DOCUMENTS = 50;

/** Smoothed IDF: never zero, so a term seen in every stored article still counts a little. */
export function inverseDocumentFrequency(documents: number, frequency: number): number {
  return Math.log((documents + IDF_PRIOR_DOCUMENTS + 1) / (frequency + 1)) + 1;
}

/**
 * The `size` heaviest terms (ties broken by term, so the result never depends on insertion order),
 * L2-normalised. Runs on every arrival for the article and its story's centroid, so instead of sorting all
 * entries it finds the cut weight with a numeric typed-array sort and sorts only the ties at the cut.
 */
function keepTop(weights: Map<string, number>, size: number): TermVector {
  let top: [string, number][];
  if (weights.size <= size) {
    top = [...weights];
  } else {
    const values = Float64Array.from(weights.values()).sort();
    const cut = values[values.length - size]!;
    top = [];
    const ties: [string, number][] = [];
    for (const entry of weights) {
      if (entry[1] > cut) top.push(entry);
      else if (entry[1] === cut) ties.push(entry);
    }
    ties.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    for (const entry of ties.slice(0, size - top.length)) top.push(entry);
  }
  let norm = 0;
  for (const [, weight] of top) norm += weight * weight;
  norm = Math.sqrt(norm);
  const vector: TermVector = {};
  for (const [term, weight] of top) vector[term] = norm === 0 ? 0 : weight / norm;
  return vector;
}

/** The article's L2-normalised TF-IDF vector, with sublinear term frequency. */
export function tfidfVector(frequencies: ReadonlyMap<string, number>, documents: number, df: ReadonlyMap<string, number>): TermVector {
  const weights = new Map<string, number>();
  for (const [term, tf] of frequencies) {
    weights.set(term, (1 + Math.log(tf)) * inverseDocumentFrequency(documents, df.get(term) ?? 0));
  }
  return keepTop(weights, ARTICLE_VECTOR_TERMS);
}

interface VectorShape {
  /** Interned term ids, ascending, with their weights: a cosine is then one merge of two sorted arrays. */
  ids: Int32Array;
  weights: Float64Array;
  norm: number;
}

/** Term → small integer, for all vectors of the process; grows with the vocabulary, not the archive. */
const termIds = new Map<string, number>();

function termId(term: string): number {
  let id = termIds.get(term);
  if (id === undefined) {
    id = termIds.size;
    termIds.set(term, id);
  }
  return id;
}

/**
 * A vector's sorted ids, weights and norm, computed once per vector object: term vectors are never mutated
 * (keepTop and the centroid functions always build new ones), and looking terms up in a large object is the
 * slow part of a cosine, paid again for every candidate story otherwise.
 */
const shapes = new WeakMap<TermVector, VectorShape>();

function shapeOf(vector: TermVector): VectorShape {
  let shape = shapes.get(vector);
  if (shape === undefined) {
    const entries: [number, number][] = [];
    let norm = 0;
    for (const term in vector) {
      const weight = vector[term]!;
      entries.push([termId(term), weight]);
      norm += weight * weight;
    }
    entries.sort((x, y) => x[0] - y[0]);
    const ids = new Int32Array(entries.length);
    const weights = new Float64Array(entries.length);
    entries.forEach(([id, weight], index) => {
      ids[index] = id;
      weights[index] = weight;
    });
    shape = { ids, weights, norm: Math.sqrt(norm) };
    shapes.set(vector, shape);
  }
  return shape;
}

export function cosine(x: TermVector, y: TermVector): number {
  const a = shapeOf(x);
  const b = shapeOf(y);
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  const aIds = a.ids;
  const bIds = b.ids;
  while (i < aIds.length && j < bIds.length) {
    const left = aIds[i]!;
    const right = bIds[j]!;
    if (left === right) dot += a.weights[i++]! * b.weights[j++]!;
    else if (left < right) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
}

/** The centroid after adding one member: the normalised mean of the member vectors, truncated. */
export function addToCentroid(centroid: TermVector, size: number, vector: TermVector): TermVector {
  const sum = new Map<string, number>();
  for (const term in centroid) sum.set(term, centroid[term]! * size);
  for (const term in vector) sum.set(term, (sum.get(term) ?? 0) + vector[term]!);
  return keepTop(sum, CENTROID_TERMS);
}

/** The centroid of two merged stories. */
export function mergeCentroids(x: TermVector, xSize: number, y: TermVector, ySize: number): TermVector {
  const sum = new Map<string, number>();
  for (const term in x) sum.set(term, x[term]! * xSize);
  for (const term in y) sum.set(term, (sum.get(term) ?? 0) + y[term]! * ySize);
  return keepTop(sum, CENTROID_TERMS);
}
