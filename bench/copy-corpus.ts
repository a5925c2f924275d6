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
// Run: node --import tsx bench/copy-corpus.ts --articles 10000 --out /tmp/newsfold-copies-10k
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fmix32, hashString32 } from '../src/sketch/hash.ts';
import { DUC2006_ROOT, readDucClusters } from './lib/duc.ts';
import { prng } from './lib/seeded.ts';

export const MULTI_NEWS_FILE = fileURLToPath(new URL('../../shared/data/summarization/multi-news-val250/clusters.jsonl', import.meta.url));

export type PlantedKind = 'duplicate' | 'version' | 'excerpt' | 'rewrite' | 'mashup';
export const PLANTED_KINDS: readonly PlantedKind[] = ['duplicate', 'version', 'excerpt', 'rewrite', 'mashup'];
/** The relation kind newsfold should report for each planted kind. */
export const EXPECTED_RELATION: Readonly<Record<PlantedKind, string>> = {
  duplicate: 'duplicate',
  version: 'version',
  excerpt: 'reuse',
  rewrite: 'rewrite',
  mashup: 'reuse',
};

/** Share of written articles that open a planted group (of each kind, alike); the rest are unrelated. */
const GROUP_START_PROBABILITY = 0.05;
/** Copies follow their source within this many articles, so a source is never written after its copy. */
const MAX_COPY_DELAY = 200;
const SWAP_PROBABILITY = 0.12;
const INSERT_PROBABILITY = 0.04;
const DROP_PROBABILITY = 0.04;
const MIN_EXCERPT_WORDS = 30;
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

type RealArticle = RealSentence[];

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /(?<=[.!?]["”’']?)\s+(?=["“‘]?[A-Z])/;

class Vocabulary {
  readonly words: string[] = [];
  readonly hashes: number[] = [];
  private readonly ids = new Map<string, number>();
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
}

/** The real articles, parsed; undefined (with a message) when the shared data is absent. */
export async function loadRealCorpus(): Promise<RealCorpus | undefined> {
  const vocabulary = new Vocabulary();
  const articles: RealArticle[] = [];
  if (existsSync(join(DUC2006_ROOT, 'docs'))) {
    for (const cluster of await readDucClusters()) for (const document of cluster.documents) articles.push(parseArticle(document.raw.text, vocabulary));
  } else {
    console.error(`copy-corpus: DUC 2006 not found at ${DUC2006_ROOT}`);
  }
  if (existsSync(MULTI_NEWS_FILE)) {
    for (const line of readFileSync(MULTI_NEWS_FILE, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as { documents?: unknown };
      if (!Array.isArray(record.documents)) continue;
      for (const document of record.documents) if (typeof document === 'string') articles.push(parseArticle(document, vocabulary));
    }
  } else {
    console.error(`copy-corpus: Multi-News not found at ${MULTI_NEWS_FILE}`);
  }
  const usable = articles.filter((article) => article.length >= MIN_REAL_SENTENCES);
  if (usable.length === 0) return undefined;
  return { articles: usable, vocabulary };
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

/** Writes `articles` articles (published `spacingMs` apart) and their ground truth; returns counts per planted kind. */
export async function writeCorpus(real: RealCorpus, articles: number, outDir: string, seed: number, spacingMs = MINUTE_MS): Promise<Record<PlantedKind, number>> {
  mkdirSync(outDir, { recursive: true });
  const rand = prng(seed);
  const writer = new Writer(real, rand);
  const corpusOut = createWriteStream(join(outDir, 'corpus.jsonl'));
  const truthOut = createWriteStream(join(outDir, 'truth.jsonl'));
  const counts: Record<PlantedKind, number> = { duplicate: 0, version: 0, excerpt: 0, rewrite: 0, mashup: 0 };
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
      await write(makeArticle(layout(writer.variant(), rand), rand() < 0.5));
      continue;
    }
    const kind = PLANTED_KINDS[Math.floor(rand() * PLANTED_KINDS.length)]!;
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
  return counts;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, out: { type: 'string' }, seed: { type: 'string', default: '2026' } } });
  const articles = Number(values.articles);
  if (!Number.isInteger(articles) || articles < 1000) throw new Error(`--articles must be a whole number of at least 1000, got ${values.articles}`);
  const out = values.out ?? `/tmp/newsfold-copies-${articles}`;
  const real = await loadRealCorpus();
  if (real === undefined) {
    console.log('copy-corpus: no real article text under ../shared/data; skipping');
    return;
  }
  const t0 = Date.now();
  const counts = await writeCorpus(real, articles, out, Number(values.seed));
  console.log(`copy-corpus: ${articles} articles from ${real.articles.length} real ones (vocabulary ${real.vocabulary.words.length}) to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s; planted ${JSON.stringify(counts)}`);
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
