// The facts of a story: quotes with their speakers, numbers with what they count, named entities, and
// disagreements: the same claim stated with different numbers or times by different articles, each side
// with the articles that carry it. A claim is "the same" when two sentences share most of their words once
// the numbers and times are set aside.
import type { Article, Disagreement, DisagreementSide, EntityFact, NumberFact, Quote, StoryFacts } from '../model.ts';
import { ENGLISH_STOPWORDS, tokenize } from '../text/tokens.ts';
import { numberMentions, timeMentions, type NumberMention, type TimeMention } from './mentions.ts';
import { findQuotes } from './quotes.ts';

export { numberMentions, timeMentions } from './mentions.ts';
export { findQuotes } from './quotes.ts';

/** A sentence of the story with the articles carrying it (near-copies already merged). */
export interface FactSentence {
  text: string;
  /** Article ids, earliest first. */
  sources: readonly string[];
}

/**
 * Dice over the sentences' content stems (numbers and times removed) at or above which two sentences
 * state the same claim. Pairs that do on the seeds and examples score 0.42 to 0.5 ("26 nations ... will
 * assemble in Brussels next month" / "A meeting of 27 defense ministers ... in Brussels in three weeks");
 * on DUC's topic clusters, sentences about different events that share a subject score up to about 0.35.
 */
const SAME_CLAIM_MIN_SIMILARITY = 0.4;
/** Counting the same thing ("14 crew members" / "15 crew", 0.36 on the examples) needs a little less context. */
const SAME_COUNT_MIN_SIMILARITY = 0.3;
/** A sentence stating a side's value joins that side at this similarity to the side's sentence. */
const ATTACH_MIN_SIMILARITY = 0.25;
/** Shared content stems a claim pair needs at least, whatever the Dice: short sentences match by chance. */
const MIN_SHARED_STEMS = 4;
/** Entities shown: the most mentioned, enough to see who and where. */
const MAX_ENTITIES = 25;
/** Words of the shared claim shown as what a disagreement is about. */
const MAX_ABOUT_WORDS = 8;
const WEEKDAY_OR_MONTH = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|A|An|He|She|It|They|We|I|In|On|At|But|And|This|That|Mr|Mrs|Ms|Dr)$/;

export interface AnalysedSentence {
  sentence: FactSentence;
  numbers: NumberMention[];
  times: TimeMention[];
  /** Content stems outside the numbers and times. */
  context: Set<string>;
}

/** Undefined for a sentence with neither numbers nor times: it cannot disagree on either. */
export function analyse(sentence: FactSentence): AnalysedSentence | undefined {
  const times = timeMentions(sentence.text);
  // "in three weeks" is a time, not a count of weeks.
  const numbers = numberMentions(sentence.text).filter((mention) => !times.some((time) => mention.start < time.end && mention.end > time.start));
  if (numbers.length === 0 && times.length === 0) return undefined;
  const excluded = [...numbers, ...times];
  const context = new Set(
    tokenize(sentence.text)
      .filter((token) => !token.stop && !/\d/.test(token.norm) && !excluded.some((mention) => token.start >= mention.start && token.end <= mention.end))
      .map((token) => token.stem),
  );
  return { sentence, numbers, times, context };
}

export function similarity(x: AnalysedSentence, y: AnalysedSentence): { dice: number; shared: number } {
  let shared = 0;
  for (const stem of x.context) if (y.context.has(stem)) shared++;
  const total = x.context.size + y.context.size;
  return { dice: total === 0 ? 0 : (2 * shared) / total, shared };
}

function disjoint(x: readonly string[], y: readonly string[]): boolean {
  return !x.some((id) => y.includes(id));
}

/** What the two sentences share, in the words of the first: a short label of the claim. */
function sharedWords(x: AnalysedSentence, y: AnalysedSentence): string {
  const words = tokenize(x.sentence.text)
    .filter((token) => !token.stop && x.context.has(token.stem) && y.context.has(token.stem))
    .map((token) => x.sentence.text.slice(token.start, token.end));
  return [...new Set(words)].slice(0, MAX_ABOUT_WORDS).join(' ');
}

interface Finding {
  kind: 'number' | 'time';
  about: string;
  sides: Array<{ value: string; valueKey: string; sentence: AnalysedSentence }>;
}

function compare(x: AnalysedSentence, y: AnalysedSentence): Finding[] {
  const findings: Finding[] = [];
  const { dice, shared } = similarity(x, y);
  if (shared < MIN_SHARED_STEMS) return findings;
  const valuesX = new Set(x.numbers.map((mention) => mention.value));
  const valuesY = new Set(y.numbers.map((mention) => mention.value));
  let countFound = false;
  if (dice >= SAME_COUNT_MIN_SIMILARITY) {
    for (const a of x.numbers) {
      for (const b of y.numbers) {
        const common = a.countedStems.find((stem) => b.countedStems.includes(stem));
        // The same thing counted differently, and neither sentence also states the other's figure.
        if (common === undefined || a.value === b.value || valuesX.has(b.value) || valuesY.has(a.value)) continue;
        const counted = a.counts.split(' ').find((word) => tokenize(word)[0]?.stem === common) ?? common;
        findings.push({
          kind: 'number',
          about: `number of ${counted}`,
          sides: [
            { value: a.text, valueKey: String(a.value), sentence: x },
            { value: b.text, valueKey: String(b.value), sentence: y },
          ],
        });
        countFound = true;
      }
    }
  }
  if (dice < SAME_CLAIM_MIN_SIMILARITY) return findings;
  const onlyX = x.numbers.filter((mention) => !valuesY.has(mention.value));
  const onlyY = y.numbers.filter((mention) => !valuesX.has(mention.value));
  if (!countFound && onlyX.length === 1 && onlyY.length === 1) {
    const about = sharedWords(x, y);
    findings.push({
      kind: 'number',
      about,
      sides: [
        { value: onlyX[0]!.text, valueKey: String(onlyX[0]!.value), sentence: x },
        { value: onlyY[0]!.text, valueKey: String(onlyY[0]!.value), sentence: y },
      ],
    });
  }
  const keysY = new Set(y.times.map((time) => time.key));
  const keysX = new Set(x.times.map((time) => time.key));
  if (x.times.length > 0 && y.times.length > 0 && !x.times.some((time) => keysY.has(time.key)) && !y.times.some((time) => keysX.has(time.key))) {
    const about = `when: ${sharedWords(x, y)}`;
    findings.push({
      kind: 'time',
      about,
      sides: [
        { value: x.times[0]!.text, valueKey: x.times[0]!.key, sentence: x },
        { value: y.times[0]!.text, valueKey: y.times[0]!.key, sentence: y },
      ],
    });
  }
  return findings;
}

/** Merges findings that share a kind and a side (a sentence stating a value) or a key into disagreements. */
function mergeFindings(findings: readonly Finding[], order: ReadonlyMap<string, number>): Disagreement[] {
  const root = findings.map((_, index) => index);
  const find = (index: number): number => (root[index] === index ? index : (root[index] = find(root[index]!)));
  const byAnchor = new Map<string, number>();
  findings.forEach((finding, index) => {
    // Findings merge through a shared side (one sentence stating one value), never through a shared label:
    // two pairs about "acres" may be about different fields.
    const anchors = finding.sides.map((side) => `${finding.kind}|${side.sentence.sentence.text}|${side.valueKey}`);
    for (const anchor of anchors) {
      const seen = byAnchor.get(anchor);
      if (seen === undefined) byAnchor.set(anchor, index);
      else root[find(index)] = find(seen);
    }
  });
  const groups = new Map<number, Finding[]>();
  findings.forEach((finding, index) => {
    const group = groups.get(find(index)) ?? [];
    group.push(finding);
    groups.set(find(index), group);
  });
  const earliest = (sources: readonly string[]) => Math.min(...sources.map((id) => order.get(id) ?? Number.MAX_SAFE_INTEGER));
  const disagreements: Disagreement[] = [];
  for (const group of groups.values()) {
    const sides = new Map<string, DisagreementSide>();
    for (const finding of group) {
      for (const side of finding.sides) {
        const existing = sides.get(side.valueKey);
        const sources = side.sentence.sentence.sources;
        if (existing === undefined) sides.set(side.valueKey, { value: side.value, sentence: side.sentence.sentence.text, sources: [...sources] });
        else for (const id of sources) if (!existing.sources.includes(id)) existing.sources.push(id);
      }
    }
    const ordered = [...sides.values()];
    for (const side of ordered) side.sources.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    ordered.sort((a, b) => earliest(a.sources) - earliest(b.sources));
    if (ordered.length < 2) continue;
    disagreements.push({ kind: group[0]!.kind, about: group[0]!.about, sides: ordered });
  }
  return disagreements;
}

/**
 * Completes each side's sources: another sentence stating the side's value (the same figure, the same time)
 * and close to the side's sentence joins it, at a lower similarity than it takes to start a disagreement.
 */
function attachLikeSentences(disagreements: Disagreement[], analysed: readonly AnalysedSentence[], order: ReadonlyMap<string, number>): void {
  const byText = new Map(analysed.map((sentence) => [sentence.sentence.text, sentence]));
  for (const disagreement of disagreements) {
    for (const side of disagreement.sides) {
      const anchor = byText.get(side.sentence);
      if (anchor === undefined) continue;
      const value = disagreement.kind === 'time' ? anchor.times.find((time) => time.text === side.value)?.key : anchor.numbers.find((number) => number.text === side.value)?.value;
      if (value === undefined) continue;
      for (const other of analysed) {
        if (other === anchor) continue;
        const states = disagreement.kind === 'time' ? other.times.some((time) => time.key === value) : other.numbers.some((number) => number.value === value);
        if (!states) continue;
        const { dice, shared } = similarity(anchor, other);
        if (dice < ATTACH_MIN_SIMILARITY || shared < MIN_SHARED_STEMS) continue;
        for (const id of other.sentence.sources) if (!side.sources.includes(id)) side.sources.push(id);
      }
      side.sources.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
  }
}

export function findDisagreements(sentences: readonly FactSentence[], articleOrder: readonly string[]): Disagreement[] {
  const analysed = sentences.map(analyse).filter((sentence) => sentence !== undefined);
  // Only pairs sharing enough context stems are compared, found through an inverted index.
  const postings = new Map<string, number[]>();
  analysed.forEach((sentence, index) => {
    for (const stem of sentence.context) {
      const list = postings.get(stem);
      if (list === undefined) postings.set(stem, [index]);
      else list.push(index);
    }
  });
  const findings: Finding[] = [];
  for (let i = 0; i < analysed.length; i++) {
    const x = analysed[i]!;
    const shared = new Map<number, number>();
    for (const stem of x.context) for (const j of postings.get(stem)!) if (j > i) shared.set(j, (shared.get(j) ?? 0) + 1);
    for (const [j, count] of [...shared].sort((a, b) => a[0] - b[0])) {
      const y = analysed[j]!;
      // Sentences an article carries together are not a disagreement between sources.
      if (count < MIN_SHARED_STEMS || !disjoint(x.sentence.sources, y.sentence.sources)) continue;
      findings.push(...compare(x, y));
    }
  }
  const order = new Map(articleOrder.map((id, index) => [id, index]));
  const disagreements = mergeFindings(findings, order);
  attachLikeSentences(disagreements, analysed, order);
  return disagreements;
}

function addSource(sources: string[], id: string): void {
  if (!sources.includes(id)) sources.push(id);
}

/** What the story says about its words' case: words seen in lower case, and capitalised words seen inside a
 * sentence. A capitalised word opening a sentence is taken for a name only if it also appears capitalised
 * inside one and never in lower case ("Affected units...", "Several owners..." are ordinary words). */
interface CaseEvidence {
  lowerCase: Set<string>;
  capitalisedInside: Set<string>;
}

const SENTENCE_OPENING = /(?:^|[.!?:;"“”]\s*|\n\s*)$/;

function caseEvidence(articles: readonly Article[]): CaseEvidence {
  const lowerCase = new Set<string>(ENGLISH_STOPWORDS);
  const capitalisedInside = new Set<string>();
  for (const article of articles) {
    for (const match of article.text.matchAll(/(?<![\w'’-])[A-Za-z][\w'’-]*/g)) {
      const word = match[0];
      if (/^[a-z]/.test(word)) lowerCase.add(word);
      else if (!SENTENCE_OPENING.test(article.text.slice(Math.max(0, match.index - 3), match.index))) capitalisedInside.add(word.toLowerCase());
    }
  }
  return { lowerCase, capitalisedInside };
}

/** Capitalized runs that are not sentence-initial ordinary words, weekdays or months. */
function entityNames(text: string, evidence: CaseEvidence): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\b[A-Z][\w'’-]*(?:\s+(?:of|de|the|van|von|al)?\s*[A-Z][\w'’-]*)*/g)) {
    const words = match[0].replace(/['’]s$/, '').split(/\s+/);
    const opening = words[0]!.toLowerCase();
    if (SENTENCE_OPENING.test(text.slice(Math.max(0, match.index - 3), match.index)) && (evidence.lowerCase.has(opening) || !evidence.capitalisedInside.has(opening))) words.shift();
    while (words.length > 0 && WEEKDAY_OR_MONTH.test(words[0]!)) words.shift();
    while (words.length > 0 && /^(?:of|de|the|van|von|al)$/.test(words[words.length - 1]!)) words.pop();
    if (words.length === 0) continue;
    const name = words.join(' ');
    if (name.length < 2 || /^[A-Z]$/.test(name)) continue;
    names.push(name);
  }
  return names;
}

export function extractFacts(articles: readonly Article[], sentences: readonly FactSentence[]): StoryFacts {
  const order = articles.map((article) => article.id);
  const quotes = new Map<string, Quote>();
  const entities = new Map<string, EntityFact>();
  const evidence = caseEvidence(articles);
  for (const article of articles) {
    for (const found of findQuotes(article)) {
      const key = found.text.toLowerCase().replace(/\W+/g, ' ').trim();
      const existing = quotes.get(key);
      if (existing === undefined) {
        const quote: Quote = { text: found.text, sources: [article.id] };
        if (found.speaker !== undefined) quote.speaker = found.speaker;
        quotes.set(key, quote);
      } else {
        addSource(existing.sources, article.id);
        if (existing.speaker === undefined && found.speaker !== undefined) existing.speaker = found.speaker;
      }
    }
    for (const name of entityNames(article.text, evidence)) {
      const entity = entities.get(name) ?? { name, sources: [] };
      addSource(entity.sources, article.id);
      entities.set(name, entity);
    }
  }
  const numbers = new Map<string, NumberFact>();
  for (const sentence of sentences) {
    for (const mention of numberMentions(sentence.text)) {
      const key = `${mention.value} ${mention.countedStems.join(' ')}`;
      const existing = numbers.get(key);
      if (existing === undefined) numbers.set(key, { text: mention.text, value: mention.value, counts: mention.counts, sources: [...sentence.sources] });
      else for (const id of sentence.sources) addSource(existing.sources, id);
    }
  }
  const bySupport = <T extends { sources: string[] }>(items: Iterable<T>) => [...items].sort((a, b) => b.sources.length - a.sources.length);
  return {
    quotes: [...quotes.values()],
    numbers: bySupport(numbers.values()),
    entities: bySupport(entities.values()).slice(0, MAX_ENTITIES),
    disagreements: findDisagreements(sentences, order),
  };
}
