// Reader for PolNeAR (Newell et al., LREC 2018): political news with every attribution annotated in brat
// standoff (`text/<name>.txt`, `attributions/<name>_<annotator>.ann`). It yields each article's text and its
// attributions as character spans into that text. The data is never copied into the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FoundQuote } from '../../src/facts/quotes.ts';

export const POLNEAR_ROOT = fileURLToPath(new URL('../../../shared/data/attribution', import.meta.url));

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface GoldAttribution {
  source?: Span;
  cue?: Span;
  content?: Span;
}

export interface PolnearArticle {
  name: string;
  text: string;
  attributions: GoldAttribution[];
}

/** One annotation file per article (the first annotator's in name order when there are two). */
export function readPolnear(part: 'polnear-train' | 'polnear-dev'): PolnearArticle[] {
  const root = join(POLNEAR_ROOT, part);
  if (!existsSync(root)) return [];
  const annotations = readdirSync(join(root, 'attributions')).filter((file) => file.endsWith('.ann')).sort();
  const byArticle = new Map<string, string>();
  for (const file of annotations) {
    const name = file.replace(/_[^_]+\.ann$/, '');
    if (!byArticle.has(name)) byArticle.set(name, file);
  }
  const articles: PolnearArticle[] = [];
  for (const [name, file] of byArticle) {
    const textPath = join(root, 'text', `${name}.txt`);
    if (!existsSync(textPath)) continue;
    const text = readFileSync(textPath, 'utf8');
    const spans = new Map<string, Span>();
    const events: Array<Record<string, string>> = [];
    for (const line of readFileSync(join(root, 'attributions', file), 'utf8').split('\n')) {
      const fields = line.split('\t');
      if (line.startsWith('T') && fields.length >= 2) {
        // "Content 292 543" or, for a discontinuous span, "Content 10 20;25 40": first start to last end.
        const [, ...offsets] = fields[1]!.split(' ');
        const numbers = offsets.join(' ').split(/[ ;]/).map(Number);
        const start = numbers[0]!;
        const end = numbers[numbers.length - 1]!;
        spans.set(fields[0]!, { start, end, text: text.slice(start, end) });
      } else if (line.startsWith('E') && fields.length >= 2) {
        const roles: Record<string, string> = {};
        for (const part of fields[1]!.split(' ')) {
          const [role, id] = part.split(':');
          if (role !== undefined && id !== undefined) roles[role.replace(/\d+$/, '')] = id;
        }
        events.push(roles);
      }
    }
    const attributions = events.map((roles) => {
      const attribution: GoldAttribution = {};
      const source = roles.Source === undefined ? undefined : spans.get(roles.Source);
      const cue = roles.Cue === undefined ? undefined : spans.get(roles.Cue);
      const content = roles.Content === undefined ? undefined : spans.get(roles.Content);
      if (source !== undefined) attribution.source = source;
      if (cue !== undefined) attribution.cue = cue;
      if (content !== undefined) attribution.content = content;
      return attribution;
    });
    articles.push({ name, text, attributions });
  }
  return articles;
}

// How the quote measures (bench/eval-quotes.ts) and the speaker model's training (bench/train-speakers.ts) read
// the gold: direct quotes of 4+ words inside a Content span, with that attribution's Source.
/** A direct quote this short is a scare quote or a name; the measure counts 4 words and up. */
export const MIN_GOLD_QUOTE_WORDS = 4;
const QUOTED_RUN = /[“"]([^“”"]+)[”"]/g;
const PRONOUN_SOURCE = /^(?:he|she|they|i|we|it|you)$/i;

export function normaliseWords(text: string): string {
  return text.toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function lastWord(text: string): string {
  const words = normaliseWords(text).split(' ');
  return words[words.length - 1] ?? '';
}

export type SourceKind = 'named' | 'pronoun' | 'other';

/** Named: a capitalised word that the article also never writes in lower case ("The New York Post", "Trump"). */
export function sourceKind(source: Span, text: string): SourceKind {
  const trimmed = source.text.trim();
  if (PRONOUN_SOURCE.test(trimmed)) return 'pronoun';
  const words = trimmed.split(/\s+/);
  for (const word of words) {
    if (!/^\p{Lu}/u.test(word) || /^(?:The|A|An|His|Her|Their|Its|Our|My)$/.test(word)) continue;
    const lower = word.toLowerCase().replace(/[^\p{L}]/gu, '');
    if (lower.length === 0) continue;
    if (!new RegExp(`(?<![\\p{L}])${lower}(?![\\p{L}])`, 'u').test(text)) return 'named';
  }
  return 'other';
}

export interface GoldQuote {
  words: string;
  source: Span | undefined;
  kind: SourceKind;
  resolved: Span | undefined;
}

export function goldQuotes(article: PolnearArticle): GoldQuote[] {
  const namedSources = article.attributions
    .map((attribution) => attribution.source)
    .filter((source): source is Span => source !== undefined && sourceKind(source, article.text) === 'named')
    .sort((a, b) => a.start - b.start);
  const quotes: GoldQuote[] = [];
  for (const attribution of article.attributions) {
    if (attribution.content === undefined) continue;
    for (const run of attribution.content.text.matchAll(QUOTED_RUN)) {
      const words = normaliseWords(run[1]!);
      if (words.split(' ').length < MIN_GOLD_QUOTE_WORDS) continue;
      const source = attribution.source;
      const kind: SourceKind = source === undefined ? 'other' : sourceKind(source, article.text);
      const resolved = kind === 'pronoun' ? namedSources.filter((named) => named.start < source!.start).pop() : kind === 'named' ? source : undefined;
      quotes.push({ words, source, kind, resolved });
    }
  }
  return quotes;
}

export function covers(found: FoundQuote, gold: GoldQuote): boolean {
  const words = normaliseWords(found.text);
  if (words.length === 0) return false;
  return words.includes(gold.words) || (gold.words.includes(words) && words.split(' ').length >= MIN_GOLD_QUOTE_WORDS - 1);
}

/** The surname of a source that opens with a name ("Rep. Jim Clyburn (D-S.C.), the assistant leader" -> clyburn). */
export function leadingSurname(source: string): string | undefined {
  const run = /^(?:(?:[A-Z][\p{L}'’-]*\.?|(?:[A-Z]\.)+)\s+)*[A-Z][\p{L}'’-]*/u.exec(source.trim().replace(/^the\s+/, ''))?.[0];
  if (run === undefined || /^(?:The|A|An)\b/.test(run) || /^[’']s\b/.test(source.trim().slice(run.length))) return undefined;
  return lastWord(run);
}

export function speakerRight(found: FoundQuote | undefined, source: Span | undefined): boolean {
  if (found?.speaker === undefined || source === undefined) return false;
  const said = lastWord(found.speaker);
  return said === lastWord(source.text) || said === leadingSurname(source.text);
}

