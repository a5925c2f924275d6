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
import { findQuotes } from '../src/facts/quotes.ts';
import { covers, goldQuotes, MIN_GOLD_QUOTE_WORDS, POLNEAR_ROOT, readPolnear, speakerRight } from './lib/polnear.ts';

const args = process.argv.slice(2);
const part = args.includes('--part') ? `polnear-${args[args.indexOf('--part') + 1]}` : 'polnear-dev';
const SHOWN_ERRORS = args.includes('--errors') ? Number(args[args.indexOf('--errors') + 1]) : 0;

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
