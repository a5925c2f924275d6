// Quote attribution against PolNeAR (political news, every attribution annotated). Each article goes through
// the same preparation as `newsfold summarize` (clean, sentences) and src/facts' findQuotes; gold direct quotes
// are the quoted runs of 4+ words inside an annotated Content span, with that attribution's Source span.
// Reported (dev by default; tune there only):
// - quote recall: gold direct quotes that a found quote covers (same words, one inside the other);
// - speaker accuracy, named sources: the found speaker's last word is the gold source's last word
//   ("Trump" for "Donald Trump", "Post" for "The New York Post") or the surname of the name the source opens
//   with ("Clyburn" for "Rep. Jim Clyburn (D-S.C.), the assistant leader ..."); a quote found without a
//   speaker, or missed, is wrong;
// - speaker accuracy, pronoun sources resolved: a gold "he"/"she"/"they" stands for the nearest named gold
//   source before it in the article (an approximation of the person it refers to), compared the same way;
// - unattributed share: found quotes (all of them, matched or not) given without a speaker.
// Run: npm run eval:quotes   (node --import tsx bench/eval-quotes.ts [--part train|dev] [--errors N])
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareArticle } from '../src/engine/prepare.ts';
import { findQuotes, type FoundQuote } from '../src/facts/quotes.ts';
import { POLNEAR_ROOT, readPolnear, type PolnearArticle, type Span } from './lib/polnear.ts';

/** A direct quote this short is a scare quote or a name; the measure counts 4 words and up. */
const MIN_GOLD_QUOTE_WORDS = 4;
const QUOTED_RUN = /[“"]([^“”"]+)[”"]/g;
const PRONOUN_SOURCE = /^(?:he|she|they|i|we|it|you)$/i;

const args = process.argv.slice(2);
const part = args.includes('--part') ? `polnear-${args[args.indexOf('--part') + 1]}` : 'polnear-dev';
const SHOWN_ERRORS = args.includes('--errors') ? Number(args[args.indexOf('--errors') + 1]) : 0;

export function normaliseWords(text: string): string {
  return text.toLowerCase().replace(/[’']s\b/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function lastWord(text: string): string {
  const words = normaliseWords(text).split(' ');
  return words[words.length - 1] ?? '';
}

type SourceKind = 'named' | 'pronoun' | 'other';

/** Named: a capitalised word that the article also never writes in lower case ("The New York Post", "Trump"). */
function sourceKind(source: Span, text: string): SourceKind {
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

interface GoldQuote {
  words: string;
  source: Span | undefined;
  kind: SourceKind;
  resolved: Span | undefined;
}

function goldQuotes(article: PolnearArticle): GoldQuote[] {
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

function covers(found: FoundQuote, gold: GoldQuote): boolean {
  const words = normaliseWords(found.text);
  if (words.length === 0) return false;
  return words.includes(gold.words) || (gold.words.includes(words) && words.split(' ').length >= MIN_GOLD_QUOTE_WORDS - 1);
}

/** The surname of a source that opens with a name ("Rep. Jim Clyburn (D-S.C.), the assistant leader" -> clyburn). */
function leadingSurname(source: string): string | undefined {
  const run = /^(?:(?:[A-Z][\p{L}'’-]*\.?|(?:[A-Z]\.)+)\s+)*[A-Z][\p{L}'’-]*/u.exec(source.trim().replace(/^the\s+/, ''))?.[0];
  if (run === undefined || /^(?:The|A|An)\b/.test(run) || /^[’']s\b/.test(source.trim().slice(run.length))) return undefined;
  return lastWord(run);
}

function speakerRight(found: FoundQuote | undefined, source: Span | undefined): boolean {
  if (found?.speaker === undefined || source === undefined) return false;
  const said = lastWord(found.speaker);
  return said === lastWord(source.text) || said === leadingSurname(source.text);
}

function main(): void {
  const articles = readPolnear(part as 'polnear-train' | 'polnear-dev');
  if (articles.length === 0) {
    console.log(`eval:quotes: skipped, PolNeAR not found under ${POLNEAR_ROOT}/${part}`);
    return;
  }
  let gold = 0;
  let found = 0;
  let named = 0;
  let namedRight = 0;
  let pronoun = 0;
  let pronounRight = 0;
  let given = 0;
  let unattributed = 0;
  const errors: string[] = [];
  for (const article of articles) {
    const prepared = prepareArticle({ origin: { path: article.name, format: 'text' }, text: article.text }, 0);
    if (!prepared.ok) continue;
    const quotes = findQuotes(prepared.article);
    given += quotes.length;
    unattributed += quotes.filter((quote) => quote.speaker === undefined).length;
    for (const quote of goldQuotes(article)) {
      gold++;
      const match = quotes.find((candidate) => covers(candidate, quote));
      if (match !== undefined) found++;
      if (quote.kind === 'named') {
        named++;
        if (speakerRight(match, quote.source)) namedRight++;
        else if (errors.length < SHOWN_ERRORS) errors.push(`${article.name}: gold "${quote.source?.text}" got "${match?.speaker ?? (match ? '(none)' : '(quote missed)')}" | ${quote.words.slice(0, 70)}`);
      } else if (quote.kind === 'pronoun' && quote.resolved !== undefined) {
        pronoun++;
        if (speakerRight(match, quote.resolved)) pronounRight++;
        else if (errors.length < SHOWN_ERRORS) errors.push(`${article.name}: gold "${quote.source?.text}"="${quote.resolved.text}" got "${match?.speaker ?? '(none)'}" | ${quote.words.slice(0, 70)}`);
      }
    }
  }
  const share = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(3));
  console.log(`PolNeAR ${part.replace('polnear-', '')}: ${articles.length} articles, ${gold} gold direct quotes of ${MIN_GOLD_QUOTE_WORDS}+ words`);
  console.log(`  quote recall                      ${share(found, gold)} (${found}/${gold})   target >= 0.95`);
  console.log(`  speaker accuracy, named sources   ${share(namedRight, named)} (${namedRight}/${named})   target >= 0.90`);
  console.log(`  speaker accuracy, pronoun sources ${share(pronounRight, pronoun)} (${pronounRight}/${pronoun})`);
  console.log(`  both together                     ${share(namedRight + pronounRight, named + pronoun)} (${namedRight + pronounRight}/${named + pronoun})`);
  console.log(`  unattributed share of found       ${share(unattributed, given)} (${unattributed}/${given})   target < 0.15`);
  for (const error of errors) console.log(`  ${error}`);
  multiNewsShare();
}

/** The unattributed share on Multi-News val250's articles (scraped news of every kind; no gold speakers). */
function multiNewsShare(): void {
  const file = join(POLNEAR_ROOT, '..', 'summarization', 'multi-news-val250', 'clusters.jsonl');
  if (!existsSync(file)) return;
  let given = 0;
  let unattributed = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const cluster = JSON.parse(line) as { idx: number; documents: string[] };
    cluster.documents.forEach((text, index) => {
      if (text.trim() === '') return;
      const prepared = prepareArticle({ origin: { path: `multi-news/${cluster.idx}/${index}.txt`, format: 'text' }, text }, 0);
      if (!prepared.ok) return;
      const quotes = findQuotes(prepared.article);
      given += quotes.length;
      unattributed += quotes.filter((quote) => quote.speaker === undefined).length;
    });
  }
  console.log(`Multi-News val250: unattributed share of found quotes ${(unattributed / Math.max(1, given)).toFixed(3)} (${unattributed}/${given})`);
}

main();
