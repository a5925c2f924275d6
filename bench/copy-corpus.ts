// Copy-detection corpus generator: plants known relations (exact copies, versions with edits, excerpts of
// two or more sentences, reworded copies, mashups of several sources with filler) among unrelated articles,
// streamed to disk as JSON Lines with a ground-truth file beside it. Never holds the corpus in RAM.
//
// Text: the sentences of real articles (DUC 2006 and the Multi-News validation documents, read from
// ../shared/data, never copied into the repository). With ~2,500 real articles and up to a million to
// write, each written article is a *variant* of a real one: every word is replaced by a vocabulary word
// picked by a hash of (word, variant seed), capitalisation kept. A variant keeps the real article's
// sentence and paragraph lengths, punctuation, numbers of words and word-frequency skew, while two variants
// share an 8-word run only with probability ~(1/V)^8 (V = the real vocabulary, ~60,000 words). Every
// variant seed is used once, so articles are unrelated unless a relation is planted, and the real
// articles' own overlaps (DUC cluster-mates quoting one another) never leak in as unplanned relations.
//
// Planted groups (each with a fresh source variant, written before its copies):
//   duplicate  the source's text again under another id
//   version    2 sentences edited (3 words each replaced), 1 dropped, 1 new sentence added
//   excerpt    2-4 consecutive source sentences (>= 30 words) set inside an unrelated host article
//   rewrite    the whole source spun: each word swapped for its entry in a fixed per-word replacement table
//              (a stand-in for a synonym table) with p = 0.12, a word inserted with p = 0.04, dropped with p = 0.04
//   mashup     an intro, then 2-3 excerpts (2-3 sentences) from 2-3 sources with filler sentences between
// Half the groups carry publication times (source earlier), half none (direction must come from the text).
//
// --hard (issue 21: the short and reworded lifts content farms make) changes four things:
//   topics     every article is a variant of a real article of one cluster (a DUC 2006 topic or a Multi-News
//              cluster), and a group's source, host and copies share the cluster: the cluster's topic words
//              (its 40 commonest content words in 2+ of its real articles, 3+ in clusters of 10+, at most 12%
//              of its content tokens) take the cluster's form in half of the cluster's variants, so the background shares the planted passages' vocabulary. Function
//              words stay function words (mapped per variant among the 8 of nearest corpus frequency, so the
//              text keeps English's function-word skew while sentence skeletons are not shared by chance) and other content words map into the cluster's content words.
//   excerpt    exactly 2 consecutive sentences of 20-40 words, inside an unrelated host of the same cluster
//              two to three times longer than the source
//   rewrite    the whole source spun with one word in four changed: 1 in 20 dropped, the rest swapped for a
//              synonym (a fixed per-word table; function words only where a thesaurus has one: more ->
//              additional, but -> however ...), so the swaps fall on the words that have synonyms
//   spun       2-4 consecutive source sentences (20+ words) spun the same way, inside a host as for excerpt
//
// Run: node --import tsx bench/copy-corpus.ts --articles 10000 --out /tmp/newsfold-copies-10k [--hard]
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fmix32, hashString32 } from '../src/sketch/hash.ts';
import { DUC2006_ROOT, readDucClusters } from './lib/duc.ts';
import { prng } from './lib/seeded.ts';

export const MULTI_NEWS_FILE = fileURLToPath(new URL('../../shared/data/summarization/multi-news-val250/clusters.jsonl', import.meta.url));

export type PlantedKind = 'duplicate' | 'version' | 'excerpt' | 'rewrite' | 'mashup' | 'spun';
export const PLANTED_KINDS: readonly PlantedKind[] = ['duplicate', 'version', 'excerpt', 'rewrite', 'mashup', 'spun'];
/** The kinds the original corpus plants (the hard corpus adds `spun`). */
const CLASSIC_KINDS: readonly PlantedKind[] = ['duplicate', 'version', 'excerpt', 'rewrite', 'mashup'];
/** The relation kind newsfold should report for each planted kind. */
export const EXPECTED_RELATION: Readonly<Record<PlantedKind, string>> = {
  duplicate: 'duplicate',
  version: 'version',
  excerpt: 'reuse',
  rewrite: 'rewrite',
  mashup: 'reuse',
  spun: 'rewrite',
};

/** Share of written articles that open a planted group (of each kind, alike); the rest are unrelated. */
const GROUP_START_PROBABILITY = 0.05;
/** Copies follow their source within this many articles, so a source is never written after its copy. */
const MAX_COPY_DELAY = 200;
const SWAP_PROBABILITY = 0.12;
const INSERT_PROBABILITY = 0.04;
const DROP_PROBABILITY = 0.04;
const MIN_EXCERPT_WORDS = 30;
/** Hard corpus: a two-sentence excerpt has 20-40 words (the short lifts the issue quotes). */
const SHORT_EXCERPT_WORDS = { min: 20, max: 40 };
/** Hard corpus: a spun passage has at least this many words. */
const MIN_SPUN_WORDS = 20;
/** Hard corpus: share of words a spinner changes (drops plus swaps), and of them dropped outright. */
const HARD_CHANGE_SHARE = 0.25;
const HARD_DROP_SHARE = 0.05;
/** Hard corpus: a host is this many times longer than its source (drawn uniformly). */
const HOST_LENGTH_RATIO = { min: 2, max: 3 };
/** Hard corpus: source articles range over these sizes, so hosts 2-3x longer stay realistic (<= 12 KB). */
const HARD_SOURCE_CHARS = { min: 1200, max: 4096 };
/** Articles are cut after the sentence that reaches this size: the 4 KB articles of the speed target. */
const ARTICLE_CHARS = 4096;
/** Real articles shorter than this give too few sentences to plant excerpts into. */
const MIN_REAL_SENTENCES = 6;
const MINUTE_MS = 60_000;
const START_TIME = Date.parse('2026-01-01T00:00:00Z');

interface RealSentence {
  /** Vocabulary ids of the words. */
  words: Int32Array;
  /** 1 where the word starts with a capital. */
  capitals: Uint8Array;
  /** Separators: before the first word, then after each word. */
  separators: string[];
}

/** A real article's sentences and the index of its cluster (the topic it belongs to). */
type RealArticle = RealSentence[] & { cluster?: number };

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /(?<=[.!?]["”’']?)\s+(?=["“‘]?[A-Z])/;

/**
 * English function words (closed classes: articles, pronouns, prepositions, conjunctions, auxiliaries,
 * quantifiers). In the hard corpus they stay function words; the spinner swaps the few with a synonym.
 */
const FUNCTION_WORDS = (
  'a about above after again against all am an and any are as at be because been before being below between both but by ' +
  'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
  'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
  'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
  'these they this those through to too under until up very was we were what when where which while who whom why will ' +
  'with would you your yours yourself also many much must might may shall said says since though although whether upon'
).split(' ');

/** Function words are mapped within bands of this many, by corpus frequency rank. */
const FUNCTION_BAND = 8;

/** The function words a spinner's thesaurus has a synonym for (the rest are never swapped, only dropped). */
const FUNCTION_SYNONYMS: Readonly<Record<string, string>> = {
  more: 'additional', most: 'largest', also: 'additionally', but: 'however', about: 'approximately', many: 'numerous',
  much: 'considerable', very: 'extremely', before: 'prior', after: 'following', because: 'since', said: 'stated',
  says: 'states', since: 'because', though: 'although', although: 'though', few: 'handful', must: 'should',
  might: 'could', may: 'might', under: 'beneath', above: 'over', only: 'merely', just: 'simply', until: 'till',
  while: 'whereas', against: 'versus', during: 'throughout', between: 'amid', further: 'additional', some: 'certain',
  each: 'every', all: 'every', now: 'currently', so: 'thus', too: 'also', whether: 'if', upon: 'on', into: 'in',
};

class Vocabulary {
  readonly words: string[] = [];
  readonly hashes: number[] = [];
  private readonly ids = new Map<string, number>();
  private readonly functionIds = new Set<number>();
  /** Ids of the function words the corpus has, in FUNCTION_WORDS order (looked up, never added: the classic corpus's ids stay as they were). */
  readonly functionList: number[] = [];
  markFunctionWords(): void {
    for (const word of FUNCTION_WORDS) {
      const id = this.ids.get(word);
      if (id !== undefined && !this.functionIds.has(id)) {
        this.functionIds.add(id);
        this.functionList.push(id);
      }
    }
  }
  isFunction(id: number): boolean {
    return this.functionIds.has(id);
  }
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
      this.hashes.push(hashString32(word, 0x2545f491));
    }
    return id;
  }
}

function parseSentence(text: string, vocabulary: Vocabulary): RealSentence | undefined {
  const words: number[] = [];
  const capitals: number[] = [];
  const separators: string[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    separators.push(text.slice(last, match.index));
    const word = match[0];
    words.push(vocabulary.id(word.toLowerCase()));
    capitals.push(word[0] !== word[0]!.toLowerCase() ? 1 : 0);
    last = match.index + word.length;
  }
  if (words.length < 3) return undefined;
  separators.push(text.slice(last));
  return { words: Int32Array.from(words), capitals: Uint8Array.from(capitals), separators };
}

function parseArticle(text: string, vocabulary: Vocabulary): RealArticle {
  const sentences: RealArticle = [];
  for (const paragraph of text.split(/\n\s*\n|\n(?=\s)/)) {
    const flat = paragraph.replace(/\s+/g, ' ').trim();
    if (flat === '') continue;
    for (const piece of flat.split(SENTENCE_END)) {
      const sentence = parseSentence(piece.trim(), vocabulary);
      if (sentence !== undefined) sentences.push(sentence);
    }
  }
  return sentences;
}

export interface RealCorpus {
  articles: RealArticle[];
  vocabulary: Vocabulary;
  /** Per cluster: its content-word ids (what its variants' content words map into) and its topic words. */
  clusters: { content: Int32Array; topic: Set<number> }[];
  /** Rank of each function word's id in vocabulary.functionList (sorted by corpus frequency, commonest first). */
  functionRank: Map<number, number>;
}

/** The real articles, parsed; undefined (with a message) when the shared data is absent. */
export async function loadRealCorpus(): Promise<RealCorpus | undefined> {
  const vocabulary = new Vocabulary();
  const articles: RealArticle[] = [];
  let cluster = 0;
  const add = (text: string) => {
    const article = parseArticle(text, vocabulary);
    article.cluster = cluster;
    articles.push(article);
  };
  if (existsSync(join(DUC2006_ROOT, 'docs'))) {
    for (const ducCluster of await readDucClusters()) {
      for (const document of ducCluster.documents) add(document.raw.text);
      cluster++;
    }
  } else {
    console.error(`copy-corpus: DUC 2006 not found at ${DUC2006_ROOT}`);
  }
  if (existsSync(MULTI_NEWS_FILE)) {
    for (const line of readFileSync(MULTI_NEWS_FILE, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as { documents?: unknown };
      if (!Array.isArray(record.documents)) continue;
      for (const document of record.documents) if (typeof document === 'string') add(document);
      cluster++;
    }
  } else {
    console.error(`copy-corpus: Multi-News not found at ${MULTI_NEWS_FILE}`);
  }
  const usable = articles.filter((article) => article.length >= MIN_REAL_SENTENCES);
  if (usable.length === 0) return undefined;
  vocabulary.markFunctionWords();
  const frequency = new Map<number, number>();
  for (const article of usable) for (const sentence of article) for (const id of sentence.words) if (vocabulary.isFunction(id)) frequency.set(id, (frequency.get(id) ?? 0) + 1);
  vocabulary.functionList.sort((x, y) => (frequency.get(y) ?? 0) - (frequency.get(x) ?? 0) || x - y);
  const functionRank = new Map(vocabulary.functionList.map((id, rank) => [id, rank]));
  return { articles: usable, vocabulary, clusters: clusterVocabularies(usable, cluster, vocabulary), functionRank };
}

/**
 * Topic words per cluster: its most frequent shared content words (names, key nouns), at most TOPIC_WORDS
 * and at most TOPIC_TOKEN_SHARE of the cluster's content-word tokens, so that clusters of near-identical
 * reports (Multi-News has some) share their names, not whole sentences of them.
 */
const TOPIC_WORDS = 40;
const TOPIC_TOKEN_SHARE = 0.12;
const TOPIC_FORM_SALT = 0x3b9aca07;

/**
 * Each cluster's content words and topic words: the TOPIC_WORDS most frequent content words found in at
 * least 2 of its real articles (3 in clusters of 10 or more), the words every report of the topic uses.
 */
function clusterVocabularies(articles: readonly RealArticle[], count: number, vocabulary: Vocabulary): RealCorpus['clusters'] {
  const members: RealArticle[][] = Array.from({ length: count }, () => []);
  for (const article of articles) members[article.cluster!]!.push(article);
  return members.map((cluster) => {
    const documentFrequency = new Map<number, number>();
    const frequency = new Map<number, number>();
    for (const article of cluster) {
      const seen = new Set<number>();
      for (const sentence of article) {
        for (const id of sentence.words) {
          if (vocabulary.isFunction(id)) continue;
          seen.add(id);
          frequency.set(id, (frequency.get(id) ?? 0) + 1);
        }
      }
      for (const id of seen) documentFrequency.set(id, (documentFrequency.get(id) ?? 0) + 1);
    }
    const minTopicFrequency = cluster.length >= 10 ? 3 : 2;
    const shared = [...documentFrequency].filter(([, df]) => df >= minTopicFrequency).map(([id]) => id);
    shared.sort((x, y) => frequency.get(y)! - frequency.get(x)! || x - y);
    let tokens = 0;
    for (const count of frequency.values()) tokens += count;
    const topic = new Set<number>();
    let covered = 0;
    for (const id of shared) {
      if (topic.size >= TOPIC_WORDS || covered + frequency.get(id)! > TOPIC_TOKEN_SHARE * tokens) break;
      topic.add(id);
      covered += frequency.get(id)!;
    }
    return { content: Int32Array.from(documentFrequency.keys()), topic };
  });
}

/** A written sentence: its text and its word count. */
interface Sentence {
  text: string;
  words: number;
}

class Writer {
  private variantSeed = 1;
  constructor(
    private readonly corpus: RealCorpus,
    private readonly rand: () => number,
  ) {}

  private pickReal(): RealArticle {
    return this.corpus.articles[Math.floor(this.rand() * this.corpus.articles.length)]!;
  }

  /** A fresh variant of a random real article, as sentences, cut to about ARTICLE_CHARS characters. */
  variant(): Sentence[] {
    const seed = fmix32(this.variantSeed++ * 0x9e3779b1);
    const out: Sentence[] = [];
    let chars = 0;
    for (const sentence of this.pickReal()) {
      if (chars >= ARTICLE_CHARS) break;
      const rendered = this.render(sentence, seed);
      out.push(rendered);
      chars += rendered.text.length + 1;
    }
    return out;
  }

  render(sentence: RealSentence, seed: number): Sentence {
    const { words: vocabulary, hashes } = this.corpus.vocabulary;
    const size = vocabulary.length;
    let text = sentence.separators[0]!;
    for (let i = 0; i < sentence.words.length; i++) {
      let word = vocabulary[fmix32(hashes[sentence.words[i]!]! ^ seed) % size]!;
      if (sentence.capitals[i] === 1) word = word.charAt(0).toUpperCase() + word.slice(1);
      text += word + sentence.separators[i + 1]!;
    }
    return { text: text.trim(), words: sentence.words.length };
  }

  /**
   * Hard corpus: a fresh variant of a real article of `cluster` (a random cluster when undefined), cut after
   * the sentence that reaches `maxChars`. Function words map to function words (per variant), the
   * cluster's topic words take the cluster's form in half its variants, other content words map per variant
   * into the cluster's content words.
   */
  topicVariant(cluster: number | undefined, maxChars: number, avoid?: RealArticle): { sentences: Sentence[]; cluster: number; real: RealArticle } {
    const seed = fmix32(this.variantSeed++ * 0x9e3779b1);
    const real = cluster === undefined ? this.pickReal() : this.pickRealOf(cluster, avoid);
    const out: Sentence[] = [];
    let chars = 0;
    for (const sentence of real) {
      if (chars >= maxChars) break;
      const rendered = this.renderTopical(sentence, seed, real.cluster!);
      out.push(rendered);
      chars += rendered.text.length + 1;
    }
    return { sentences: out, cluster: real.cluster!, real };
  }

  /**
   * Sentences of `cluster`'s variants, one variant after another, until they reach `chars` characters;
   * none a variant of `avoid` (the source), so a host echoes its source's topic, not its sentences.
   */
  topicalText(cluster: number, chars: number, avoid?: RealArticle): Sentence[] {
    const out: Sentence[] = [];
    let total = 0;
    while (total < chars) {
      for (const sentence of this.topicVariant(cluster, chars - total, avoid).sentences) {
        out.push(sentence);
        total += sentence.text.length + 1;
      }
    }
    return out;
  }

  private pickRealOf(cluster: number, avoid?: RealArticle): RealArticle {
    let members = this.byCluster.get(cluster);
    if (members === undefined) {
      members = this.corpus.articles.filter((article) => article.cluster === cluster);
      this.byCluster.set(cluster, members);
    }
    const others = avoid === undefined || members.length < 2 ? members : members.filter((member) => member !== avoid);
    return others[Math.floor(this.rand() * others.length)]!;
  }
  private readonly byCluster = new Map<number, RealArticle[]>();

  private renderTopical(sentence: RealSentence, seed: number, cluster: number): Sentence {
    const { words: vocabulary, hashes, functionList } = this.corpus.vocabulary;
    const { content, topic } = this.corpus.clusters[cluster]!;
    const clusterSeed = fmix32((cluster + 1) * 0x85ebca6b);
    let text = sentence.separators[0]!;
    for (let i = 0; i < sentence.words.length; i++) {
      const id = sentence.words[i]!;
      const hash = hashes[id]!;
      let target: number;
      if (this.corpus.vocabulary.isFunction(id)) {
        // Within its frequency band: "the" becomes another of the commonest function words, so the text
        // keeps English's function-word skew (and the share of them a thesaurus can swap).
        const rank = this.corpus.functionRank.get(id)!;
        const bandStart = rank - (rank % FUNCTION_BAND);
        const band = Math.min(FUNCTION_BAND, functionList.length - bandStart);
        target = functionList[bandStart + (fmix32(hash ^ seed) % band)]!;
      } else {
        // A topic word takes the cluster's form in half the variants (chosen per word and variant), so the
        // background shares the topic's vocabulary without two variants of one real sentence echoing it.
        const clusterForm = topic.has(id) && (fmix32(hash ^ seed ^ TOPIC_FORM_SALT) & 1) === 0;
        target = content[fmix32(hash ^ (clusterForm ? clusterSeed : seed)) % content.length]!;
      }
      let word = vocabulary[target]!;
      if (sentence.capitals[i] === 1) word = word.charAt(0).toUpperCase() + word.slice(1);
      text += word + sentence.separators[i + 1]!;
    }
    return { text: text.trim(), words: sentence.words.length };
  }

  /** A random vocabulary word (lower case). */
  word(): string {
    const { words } = this.corpus.vocabulary;
    return words[Math.floor(this.rand() * words.length)]!;
  }
}

/** Joins sentences into paragraphs of 1-3 sentences, as news text is laid out. */
function layout(sentences: readonly Sentence[], rand: () => number): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const sentence of sentences) {
    current.push(sentence.text);
    if (current.length >= 3 || rand() < 0.4) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs.join('\n\n');
}

/** The replacement a spinner's table gives a word: fixed per word, so a spun text is consistent. */
function replacementOf(word: string, vocabulary: Vocabulary): string {
  const words = vocabulary.words;
  return words[fmix32(hashString32(word.toLowerCase(), 0x7f4a7c15)) % words.length]!;
}

function spin(text: string, writer: Writer, vocabulary: Vocabulary, rand: () => number): string {
  return text.replace(WORD, (word) => {
    const roll = rand();
    if (roll < DROP_PROBABILITY) return '';
    if (roll < DROP_PROBABILITY + SWAP_PROBABILITY) return replacementOf(word, vocabulary);
    if (roll < DROP_PROBABILITY + SWAP_PROBABILITY + INSERT_PROBABILITY) return `${word} ${writer.word()}`;
    return word;
  }).replace(/ {2,}/g, ' ');
}

const FUNCTION_WORD_SET = new Set(FUNCTION_WORDS);

/** A content word's synonym in the hard spinner's table: fixed per word, never a function word. */
function contentSynonymOf(word: string, vocabulary: Vocabulary): string {
  const words = vocabulary.words;
  for (let salt = 0x7f4a7c15; ; salt++) {
    const candidate = words[fmix32(hashString32(word.toLowerCase(), salt)) % words.length]!;
    if (!FUNCTION_WORD_SET.has(candidate) && candidate !== word.toLowerCase()) return candidate;
  }
}

/**
 * The hard spinner: one word in four changed. HARD_DROP_SHARE of the words are dropped; the rest of the
 * changes are synonym swaps, falling on the words that have a synonym (content words, and the function
 * words in FUNCTION_SYNONYMS), at the rate that brings the changes to HARD_CHANGE_SHARE. Capitals kept.
 * Returns the spun sentences and how many words were changed.
 */
function spinHard(sentences: readonly Sentence[], vocabulary: Vocabulary, rand: () => number): { sentences: Sentence[]; words: number; changed: number } {
  let words = 0;
  let swappable = 0;
  for (const sentence of sentences) {
    for (const match of sentence.text.matchAll(WORD)) {
      words++;
      const lower = match[0].toLowerCase();
      if (!FUNCTION_WORD_SET.has(lower) || FUNCTION_SYNONYMS[lower] !== undefined) swappable++;
    }
  }
  const swapRate = Math.min(1, (HARD_CHANGE_SHARE - HARD_DROP_SHARE) / ((1 - HARD_DROP_SHARE) * Math.max(1, swappable) / Math.max(1, words)));
  let changed = 0;
  const out = sentences.map((sentence) => {
    const text = sentence.text
      .replace(WORD, (word) => {
        if (rand() < HARD_DROP_SHARE) {
          changed++;
          return '';
        }
        const lower = word.toLowerCase();
        const synonym = FUNCTION_WORD_SET.has(lower) ? FUNCTION_SYNONYMS[lower] : contentSynonymOf(lower, vocabulary);
        if (synonym === undefined || rand() >= swapRate) return word;
        changed++;
        return word[0] !== word[0]!.toLowerCase() ? synonym.charAt(0).toUpperCase() + synonym.slice(1) : synonym;
      })
      .replace(/ {2,}/g, ' ')
      .replace(/ ([,.;:!?])/g, '$1')
      .trim();
    return { text, words: sentence.words };
  });
  return { sentences: out, words, changed };
}

/** Hard corpus: `count` consecutive sentences whose words fall in [minWords, maxWords], or undefined. */
function runOf(sentences: readonly Sentence[], count: number, minWords: number, maxWords: number, rand: () => number): Sentence[] | undefined {
  const starts: number[] = [];
  for (let start = 0; start + count <= sentences.length; start++) {
    let words = 0;
    for (let k = 0; k < count; k++) words += sentences[start + k]!.words;
    if (words >= minWords && words <= maxWords) starts.push(start);
  }
  if (starts.length === 0) return undefined;
  const start = starts[Math.floor(rand() * starts.length)]!;
  return sentences.slice(start, start + count);
}

/** Sets `passage` inside `host` at a random sentence boundary (never first). */
function inHost(host: readonly Sentence[], passage: readonly Sentence[], rand: () => number): Sentence[] {
  const at = 1 + Math.floor(rand() * Math.max(1, host.length - 1));
  return [...host.slice(0, at), ...passage, ...host.slice(at)];
}

function textLength(sentences: readonly Sentence[]): number {
  return sentences.reduce((sum, sentence) => sum + sentence.text.length + 1, 0);
}

function editSentence(sentence: Sentence, writer: Writer, rand: () => number): Sentence {
  const words = sentence.text.split(' ');
  for (let edit = 0; edit < 3; edit++) words[Math.floor(rand() * words.length)] = writer.word();
  return { text: words.join(' '), words: sentence.words };
}

/** A run of 2-4 consecutive sentences of at least MIN_EXCERPT_WORDS words, or undefined. */
function excerptOf(sentences: readonly Sentence[], rand: () => number, maxSentences = 4): Sentence[] | undefined {
  for (let attempt = 0; attempt < 10; attempt++) {
    const length = 2 + Math.floor(rand() * (maxSentences - 1));
    if (sentences.length < length) return undefined;
    const start = Math.floor(rand() * (sentences.length - length + 1));
    const run = sentences.slice(start, start + length);
    if (run.reduce((sum, s) => sum + s.words, 0) >= MIN_EXCERPT_WORDS) return run;
  }
  return undefined;
}

export interface CorpusArticle {
  id: string;
  text: string;
  published?: string;
}

export interface PlantedRelation {
  source: string;
  copy: string;
  planted: PlantedKind;
}

interface Pending {
  due: number;
  article: CorpusArticle;
  truth: PlantedRelation[];
}

export interface CorpusStats {
  counts: Record<PlantedKind, number>;
  /** Hard corpus: words in spun text and how many the spinner changed. */
  spunWords: number;
  spunChanged: number;
}

/**
 * Writes `articles` articles (published `spacingMs` apart) and their ground truth; returns counts per planted
 * kind. `hard`: same-topic background, two-sentence excerpts in longer hosts, spun passages (issue 21).
 */
export async function writeCorpus(real: RealCorpus, articles: number, outDir: string, seed: number, hard = false, spacingMs = MINUTE_MS): Promise<CorpusStats> {
  mkdirSync(outDir, { recursive: true });
  const rand = prng(seed);
  const writer = new Writer(real, rand);
  const corpusOut = createWriteStream(join(outDir, 'corpus.jsonl'));
  const truthOut = createWriteStream(join(outDir, 'truth.jsonl'));
  const counts: Record<PlantedKind, number> = { duplicate: 0, version: 0, excerpt: 0, rewrite: 0, mashup: 0, spun: 0 };
  let spunWords = 0;
  let spunChanged = 0;
  const spun = (sentences: readonly Sentence[]): Sentence[] => {
    const result = spinHard(sentences, real.vocabulary, rand);
    spunWords += result.words;
    spunChanged += result.changed;
    return result.sentences;
  };
  const pending: Pending[] = [];
  let written = 0;
  let made = 0;
  const write = async (article: CorpusArticle) => {
    if (!corpusOut.write(`${JSON.stringify(article)}\n`)) await new Promise<void>((resolve) => corpusOut.once('drain', () => resolve()));
    written++;
  };
  const makeArticle = (text: string, timed: boolean): CorpusArticle => {
    const article: CorpusArticle = { id: `c${(made++).toString(36)}`, text };
    if (timed) article.published = new Date(START_TIME + written * spacingMs).toISOString();
    return article;
  };
  const schedule = (article: CorpusArticle, truth: PlantedRelation[]) => {
    pending.push({ due: written + 1 + Math.floor(rand() * MAX_COPY_DELAY), article, truth });
  };
  while (written < articles) {
    const dueIndex = pending.findIndex((p) => p.due <= written);
    if (dueIndex >= 0) {
      const [due] = pending.splice(dueIndex, 1);
      // Publication time is set when written, so a copy is always published after its source.
      if (due!.article.published !== undefined) due!.article.published = new Date(START_TIME + written * spacingMs).toISOString();
      await write(due!.article);
      for (const relation of due!.truth) {
        truthOut.write(`${JSON.stringify(relation)}\n`);
        counts[relation.planted]++;
      }
      continue;
    }
    const timed = rand() < 0.5;
    if (rand() >= GROUP_START_PROBABILITY || articles - written < 2 * MAX_COPY_DELAY) {
      const sentences = hard ? writer.topicVariant(undefined, ARTICLE_CHARS).sentences : writer.variant();
      await write(makeArticle(layout(sentences, rand), rand() < 0.5));
      continue;
    }
    const kinds = hard ? PLANTED_KINDS : CLASSIC_KINDS;
    const kind = kinds[Math.floor(rand() * kinds.length)]!;
    if (hard) {
      // A source of the topic, then its copy or a copy inside a longer host of the same topic.
      const sourceChars = HARD_SOURCE_CHARS.min + Math.floor(rand() * (HARD_SOURCE_CHARS.max - HARD_SOURCE_CHARS.min));
      const { sentences, cluster, real: sourceReal } = writer.topicVariant(undefined, sourceChars);
      const hostChars = () => Math.round(textLength(sentences) * (HOST_LENGTH_RATIO.min + rand() * (HOST_LENGTH_RATIO.max - HOST_LENGTH_RATIO.min)));
      const sources: CorpusArticle[] = [];
      let copySentences: Sentence[] | undefined;
      if (kind === 'mashup') {
        copySentences = writer.topicVariant(cluster, ARTICLE_CHARS).sentences.slice(0, 2);
        const sourceCount = 2 + Math.floor(rand() * 2);
        for (let s = 0; s < sourceCount; s++) {
          const other = s === 0 ? sentences : writer.topicVariant(cluster, ARTICLE_CHARS).sentences;
          const excerpt = excerptOf(other, rand, 3);
          if (excerpt === undefined) continue;
          sources.push(makeArticle(layout(other, rand), timed));
          copySentences.push(...excerpt, ...writer.topicVariant(cluster, ARTICLE_CHARS).sentences.slice(0, 1 + Math.floor(rand() * 2)));
        }
      } else {
        sources.push(makeArticle(layout(sentences, rand), timed));
        if (kind === 'duplicate') {
          copySentences = undefined;
        } else if (kind === 'version') {
          const edited = [...sentences];
          for (let e = 0; e < 2; e++) {
            const at = Math.floor(rand() * edited.length);
            edited[at] = editSentence(edited[at]!, writer, rand);
          }
          edited.splice(1 + Math.floor(rand() * (edited.length - 1)), 1);
          edited.splice(Math.floor(rand() * edited.length), 0, writer.topicVariant(cluster, ARTICLE_CHARS).sentences[0]!);
          copySentences = edited;
        } else if (kind === 'excerpt') {
          const excerpt = runOf(sentences, 2, SHORT_EXCERPT_WORDS.min, SHORT_EXCERPT_WORDS.max, rand);
          if (excerpt !== undefined) copySentences = inHost(writer.topicalText(cluster, hostChars(), sourceReal), excerpt, rand);
        } else if (kind === 'rewrite') {
          copySentences = spun(sentences);
        } else {
          const passage = runOf(sentences, 2 + Math.floor(rand() * 3), MIN_SPUN_WORDS, Number.MAX_SAFE_INTEGER, rand);
          if (passage !== undefined) copySentences = inHost(writer.topicalText(cluster, hostChars(), sourceReal), spun(passage), rand);
        }
      }
      for (const source of sources) await write(source);
      if (kind === 'duplicate') {
        const copy = makeArticle(sources[0]!.text, timed);
        schedule(copy, [{ source: sources[0]!.id, copy: copy.id, planted: kind }]);
      } else if (copySentences !== undefined && sources.length > 0) {
        const copy = makeArticle(layout(copySentences, rand), timed);
        schedule(copy, sources.map((source) => ({ source: source.id, copy: copy.id, planted: kind })));
      }
      continue;
    }
    if (kind === 'mashup') {
      const parts: Sentence[] = writer.variant().slice(0, 2);
      const sources: CorpusArticle[] = [];
      const sourceCount = 2 + Math.floor(rand() * 2);
      for (let s = 0; s < sourceCount; s++) {
        const sentences = writer.variant();
        const excerpt = excerptOf(sentences, rand, 3);
        if (excerpt === undefined) continue;
        const source = makeArticle(layout(sentences, rand), timed);
        await write(source);
        sources.push(source);
        parts.push(...excerpt, ...writer.variant().slice(0, 1 + Math.floor(rand() * 2)));
      }
      const copy = makeArticle(layout(parts, rand), timed);
      schedule(copy, sources.map((source) => ({ source: source.id, copy: copy.id, planted: 'mashup' })));
      continue;
    }
    const sentences = writer.variant();
    const source = makeArticle(layout(sentences, rand), timed);
    let copyText: string | undefined;
    if (kind === 'duplicate') {
      copyText = source.text;
    } else if (kind === 'version') {
      const edited = [...sentences];
      for (let e = 0; e < 2; e++) {
        const at = Math.floor(rand() * edited.length);
        edited[at] = editSentence(edited[at]!, writer, rand);
      }
      edited.splice(1 + Math.floor(rand() * (edited.length - 1)), 1);
      edited.splice(Math.floor(rand() * edited.length), 0, writer.variant()[0]!);
      copyText = layout(edited, rand);
    } else if (kind === 'excerpt') {
      const excerpt = excerptOf(sentences, rand);
      if (excerpt !== undefined) {
        const host = writer.variant();
        const at = 1 + Math.floor(rand() * (host.length - 1));
        copyText = layout([...host.slice(0, at), ...excerpt, ...host.slice(at)], rand);
      }
    } else {
      copyText = spin(source.text, writer, real.vocabulary, rand);
    }
    await write(source);
    if (copyText !== undefined) {
      const copy = makeArticle(copyText, timed);
      schedule(copy, [{ source: source.id, copy: copy.id, planted: kind }]);
    }
  }
  await new Promise<void>((resolve) => corpusOut.end(resolve));
  await new Promise<void>((resolve) => truthOut.end(resolve));
  return { counts, spunWords, spunChanged };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { articles: { type: 'string', default: '10000' }, out: { type: 'string' }, seed: { type: 'string', default: '2026' }, hard: { type: 'boolean', default: false } },
  });
  const articles = Number(values.articles);
  if (!Number.isInteger(articles) || articles < 1000) throw new Error(`--articles must be a whole number of at least 1000, got ${values.articles}`);
  const out = values.out ?? `/tmp/newsfold-copies-${articles}`;
  const real = await loadRealCorpus();
  if (real === undefined) {
    console.log('copy-corpus: no real article text under ../shared/data; skipping');
    return;
  }
  const t0 = Date.now();
  const { counts, spunWords, spunChanged } = await writeCorpus(real, articles, out, Number(values.seed), values.hard);
  const spinNote = spunWords > 0 ? `; spinner changed ${spunChanged} of ${spunWords} words (${((100 * spunChanged) / spunWords).toFixed(1)}%)` : '';
  console.log(
    `copy-corpus${values.hard ? ' --hard' : ''}: ${articles} articles from ${real.articles.length} real ones in ${real.clusters.length} clusters (vocabulary ${real.vocabulary.words.length}) to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s; planted ${JSON.stringify(counts)}${spinNote}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
