// How a digest's sentences, facts and per-source additions print: shared by `summarize` and the story views.
import type { Digest } from '../model.ts';
import { wrapLine } from './wrap.ts';
import { plural } from './plural.ts';
import { readsAsEnglish } from '../text/language.ts';

/** Characters of an id shown in human output. */
const SHORT_ID = 8;
/** Lines of each fact list shown in text output; JSON carries them all. */
const SHOWN_QUOTES = 8;
const SHOWN_NUMBERS = 10;
const SHOWN_ENTITIES = 12;
/** Sentences shown per source under "What each source adds". */
const SHOWN_ADDITIONS = 3;

const short = (id: string) => id.slice(0, SHORT_ID);
const cite = (sources: readonly string[]) => `[${sources.map(short).join(', ')}]`;

/** ", language de" after a digest's length when it is not in English (nor undetermined); "" otherwise. */
export function languageNote(language: string | undefined): string {
  return readsAsEnglish(language) ? '' : `, language ${language}`;
}

/** The text lines of a digest's facts (disagreements first: what a reader must know) and additions. */
export function renderDigestFacts(digest: Digest): string[] {
  const out: string[] = [];
  const facts = digest.facts;
  if (facts !== undefined) {
    if (facts.disagreements.length > 0) {
      out.push('', 'Sources disagree:');
      for (const disagreement of facts.disagreements) {
        out.push(`  * ${disagreement.about}: ${disagreement.sides.map((side) => `"${side.value}" ${cite(side.sources)}`).join(' vs ')}`);
      }
    }
    if (facts.quotes.length > 0) {
      out.push('', 'Quotes:');
      for (const quote of facts.quotes.slice(0, SHOWN_QUOTES)) out.push(`  * ${quote.speaker ?? '(unattributed)'}: "${quote.text}" ${cite(quote.sources)}`);
    }
    if (facts.numbers.length > 0) {
      out.push('', 'Numbers:');
      out.push(`  ${facts.numbers.slice(0, SHOWN_NUMBERS).map((number) => `${number.text} ${cite(number.sources)}`).join('; ')}`);
    }
    if (facts.entities.length > 0) {
      out.push('', 'Names:');
      out.push(`  ${facts.entities.slice(0, SHOWN_ENTITIES).map((entity) => `${entity.name} (${entity.sources.length})`).join(', ')}`);
    }
  }
  const additions = (digest.additions ?? []).filter((addition) => addition.sentences.length > 0);
  if (additions.length > 0) {
    out.push('', 'What each source adds:');
    for (const addition of additions) {
      out.push(`  ${short(addition.articleId)}: ${plural(addition.sentences.length, 'sentence')} no other article carries`);
      for (const sentence of addition.sentences.slice(0, SHOWN_ADDITIONS)) out.push(`    - ${sentence}`);
    }
  }
  return out.map(oneWrappedLine);
}

/** Each entry is one line: a quote or sentence that runs across a paragraph break (a poem quoted) is joined, not left at column 0. */
function oneWrappedLine(line: string): string {
  return wrapLine(line.replace(/\s*\n\s*/g, ' '));
}

/** The digest as text: each sentence, then its sources. */
export function renderDigestSentences(digest: Digest): string[] {
  const out: string[] = [];
  for (const sentence of digest.sentences) out.push(`  * ${sentence.text}`, `    ${cite(sentence.sources)}`);
  return out.map(oneWrappedLine);
}
