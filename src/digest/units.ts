// Sentence units: sentences that say the same thing across a story's articles (exact or near copies) become
// one unit that carries all of its sources. The earliest wording is the one shown.
import type { Article, Span } from '../model.ts';
import { SentenceIndex, type SentenceProfile } from '../match/sentences.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { KNOWN_AGENCIES } from '../clean/patterns.ts';

export interface SentenceUnit {
  /** The earliest occurrence: what the digest shows. */
  representative: { article: Article; profile: SentenceProfile; tokens: Token[] };
  /** Article ids carrying the sentence or a near-copy, in the story's time order, each once. */
  sources: string[];
  /** Where each source carries it (its first occurrence there), parallel to `sources`: what a citation points to. */
  spans: Span[];
  /** Best (smallest) sentence position among the occurrences, relative to its article's length. */
  relativePosition: number;
  sentenceIndex: number;
  /** Where the sentence (or its near-copy) stands in each article carrying it: the lead of which articles. */
  indexIn: Map<string, number>;
  /** Each distinct wording of the unit with the articles using it: a near-copy may change a figure. */
  variants: Map<string, string[]>;
}

/**
 * How many independent outlets carry a unit: its sources joined by any copy relation (duplicate, version,
 * or reuse, which is how a copied sentence got there) count once, as one wire story carried by many sites does.
 */
export function independentSupport(sources: readonly string[], related: (a: string, b: string) => boolean): number {
  const root = sources.map((_, index) => index);
  const find = (index: number): number => (root[index] === index ? index : (root[index] = find(root[index]!)));
  for (let i = 0; i < sources.length; i++) {
    for (let j = i + 1; j < sources.length; j++) if (related(sources[i]!, sources[j]!)) root[find(i)] = find(j);
  }
  return new Set(sources.map((_, index) => find(index))).size;
}

/**
 * Sentence profiles as the match stage makes them (profileSentences), keeping each sentence's tokens too:
 * the digest reads its concepts from them, so every sentence is tokenized once.
 */
function profilesWithTokens(article: Article): Array<{ profile: SentenceProfile; tokens: Token[] }> {
  return article.sentences.map((span, index) => {
    const tokens = tokenize(article.text.slice(span.start, span.end));
    const stems = new Set(tokens.map((token) => token.stem));
    const contentStems = [...new Set(tokens.filter((token) => !token.stop).map((token) => token.stem))];
    return { profile: { index, span, stems, contentStems, words: tokens.length }, tokens };
  });
}

/** Articles must come earliest first: the first occurrence of a sentence becomes its representative. */
export function buildUnits(articles: readonly Article[]): SentenceUnit[] {
  const index = new SentenceIndex();
  const units: SentenceUnit[] = [];
  for (const article of articles) {
    const profiles = profilesWithTokens(article);
    for (const { profile, tokens } of profiles) {
      const relativePosition = profiles.length <= 1 ? 0 : profile.index / (profiles.length - 1);
      const match = index.nearCopies(profile)[0];
      const unit = match === undefined ? undefined : units[match.id];
      if (unit === undefined) {
        index.add(profile);
        units.push({
          representative: { article, profile, tokens },
          sources: [article.id],
          spans: [{ start: profile.span.start, end: profile.span.end }],
          relativePosition,
          sentenceIndex: profile.index,
          indexIn: new Map([[article.id, profile.index]]),
          variants: new Map([[article.text.slice(profile.span.start, profile.span.end), [article.id]]]),
        });
        continue;
      }
      const wording = article.text.slice(profile.span.start, profile.span.end);
      const users = unit.variants.get(wording);
      if (users === undefined) unit.variants.set(wording, [article.id]);
      else if (!users.includes(article.id)) users.push(article.id);
      if (!unit.sources.includes(article.id)) {
        unit.sources.push(article.id);
        unit.spans.push({ start: profile.span.start, end: profile.span.end });
      }
      if (!unit.indexIn.has(article.id)) unit.indexIn.set(article.id, profile.index);
      unit.relativePosition = Math.min(unit.relativePosition, relativePosition);
    }
  }
  return units;
}

/** The sentences facts are read from: every wording of every unit, each with the articles using it. */
export function factSentences(units: readonly SentenceUnit[]): Array<{ text: string; sources: string[] }> {
  return units.flatMap((unit) => [...unit.variants].map(([text, sources]) => ({ text, sources })));
}

/**
 * An agency's dateline with no place, left at a sentence's start by cleaning ("(CNN) -- As the death toll ..."):
 * a byline, not part of what the sentence tells.
 */
const PLACELESS_DATELINE = /^\(([A-Za-z][\w&.' -]{0,28})\)\s*(?:--?|[—–])\s*(?=\S)/;

/** An interview's answer label ("A. West Nile encephalitis is ..."), after a question labelled "Q." in the paragraph before. */
const ANSWER_LABEL = /^A[.:]\s+(?=["“\p{Lu}])/u;
const QUESTION_BEFORE = /(?:^|\n)\s*Q[.:]\s[^\n]*\?["”]?\s*$/;
/** How far back the labelled question may start: one paragraph of a question. */
const QUESTION_REACH = 400;

export function unitText(unit: SentenceUnit): string {
  const { article, profile } = unit.representative;
  const text = article.text.slice(profile.span.start, profile.span.end);
  const dateline = PLACELESS_DATELINE.exec(text);
  if (dateline !== null && KNOWN_AGENCIES.has(dateline[1]!.trim().toUpperCase())) return text.slice(dateline[0].length);
  // A Q&A's "A." labels the answer, not a person or a letter of the sentence: the answer is told without it.
  const answer = ANSWER_LABEL.exec(text);
  if (answer !== null && QUESTION_BEFORE.test(article.text.slice(Math.max(0, profile.span.start - QUESTION_REACH), profile.span.start))) return text.slice(answer[0].length);
  return text;
}
