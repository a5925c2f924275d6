// The facts of a story: quotes with their speakers, numbers with what they count, named entities, and
// disagreements: the same claim stated with different numbers or times by different articles, each side
// with the articles that carry it. A claim is "the same" when two sentences share most of their words once
// the numbers and times are set aside.
import type { Article, Disagreement, DisagreementSide, EntityFact, NumberFact, Quote, StoryFacts } from '../model.ts';
import { ENGLISH_STOPWORDS, tokenize } from '../text/tokens.ts';
import { numberMentions, timeMentions, type TimeMention } from './mentions.ts';
import { comparable, conflicting, neighbourhood, quantities, type Quantity } from './quantities.ts';
import { findQuotes } from './quotes.ts';

export { numberMentions, timeMentions } from './mentions.ts';
export { quantities, type Quantity, type QuantityKind } from './quantities.ts';
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
/** Content stems the words around two figures share at least: "average wholesale price of $2.42" and "average
 * wholesale price ... is $2.02" share three; "percent of child car seats" and "percent of car deaths" one, and
 * at 1 a hand-checked sample of 30 reported disagreements held 8 real ones (BENCHMARKS.md). */
const MIN_NEIGHBOURHOOD_OVERLAP = 2;
/** ... for counts, whose counted noun already matches: "14 crew members were lifted off" / "15 crew, ... lifted". */
const MIN_COUNT_NEIGHBOURHOOD_OVERLAP = 1;
/**
 * A disagreement with more sides than this is a heap of different figures that happen to share words (sea
 * levels, box-office takes across a topic), not two sources telling one fact differently.
 */
const MAX_SIDES = 2;
/** Relative times that look ahead: a plan or a schedule. */
const FUTURE_TIME = /^(?:next|coming|following|in|within|after)\b|\bfrom now$/;
/** Embedded social posts ("A post shared by ... at 10:33am PDT") are page furniture, not claims. */
const NOT_A_CLAIM = /\bA post shared by\b|\bpic\.twitter\.com\b|— .+\(@\w+\)/;
/** Entities shown: the most mentioned, enough to see who and where. */
const MAX_ENTITIES = 25;
/** Words of the shared claim shown as what a disagreement is about. */
const MAX_ABOUT_WORDS = 8;
const WEEKDAY_OR_MONTH = /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|The|A|An|He|She|It|They|We|I|In|On|At|But|And|This|That|Mr|Mrs|Ms|Dr)$/;

export interface AnalysedSentence {
  sentence: FactSentence;
  quantities: Quantity[];
  /** Per quantity, the content stems of the words around it (quantities.ts, neighbourhood). */
  around: Array<Set<string>>;
  times: TimeMention[];
  /** Content stems outside the quantities and times. */
  context: Set<string>;
}

/** Undefined for a sentence with neither quantities nor relative times: it cannot disagree on either. */
export function analyse(sentence: FactSentence): AnalysedSentence | undefined {
  // A lead-in ("The Times said in an editorial for Friday, April 7:") dates the piece, it claims nothing.
  if (NOT_A_CLAIM.test(sentence.text) || /:\s*$/.test(sentence.text)) return undefined;
  const times = timeMentions(sentence.text);
  // "in three weeks" is a time, not a duration or a count of weeks.
  const found = quantities(sentence.text).filter((quantity) => !times.some((time) => quantity.start < time.end && quantity.end > time.start));
  if (found.length === 0 && times.length === 0) return undefined;
  const excluded = [...found, ...times];
  const context = new Set(
    tokenize(sentence.text)
      .filter((token) => !token.stop && !/\d/.test(token.norm) && !excluded.some((mention) => token.start >= mention.start && token.end <= mention.end))
      .map((token) => token.stem),
  );
  return { sentence, quantities: found, around: found.map((quantity) => neighbourhood(sentence.text, quantity)), times, context };
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

/** A name both sentences use (a capitalised run not opening the sentence): what the claim is about. */
function sharedName(x: string, y: string): string | undefined {
  const names = (text: string) => [...text.matchAll(/(?<=\S\s+)(?:[A-Z][\p{L}'’-]+)(?:\s+(?:of\s+|de\s+)?[A-Z][\p{L}'’-]+)*/gu)].map((match) => match[0]).filter((name) => !WEEKDAY_OR_MONTH.test(name));
  const inY = new Set(names(y));
  return names(x).find((name) => inY.has(name));
}

const MEASURE_NAMES: Readonly<Record<string, string>> = { m: 'distance', kg: 'weight', l: 'volume', m2: 'area', 'm/s': 'speed', deg: 'temperature', degF: 'temperature' };

/** A readable label of what a figure measures: "number of crew (Kestrel Dawn)", "age (Jane Roe)". */
function quantityLabel(a: Quantity, x: AnalysedSentence, y: AnalysedSentence): string {
  let what: string;
  switch (a.kind) {
    case 'count': {
      const counted = a.text.split(/\s+/).slice(1).filter((word) => !/^(?:thousand|million|billion|trillion)$/i.test(word));
      const common = counted.find((word) => a.countedStems.includes(tokenize(word)[0]?.stem ?? '')) ?? counted.join(' ');
      what = `number of ${common}`;
      break;
    }
    case 'money':
      what = `amount (${a.unit})`;
      break;
    case 'measure':
      what = MEASURE_NAMES[a.unit] ?? a.unit;
      break;
    case 'time-of-day':
      what = 'time of day';
      break;
    default:
      what = a.kind;
  }
  const name = sharedName(x.sentence.text, y.sentence.text);
  return name === undefined ? what : `${what} (${name})`;
}

/** The clause before a relative time ("Safety investigators will arrive in Port Alder"): what it dates. */
function timeLabel(x: AnalysedSentence, time: TimeMention): string {
  const before = x.sentence.text.slice(0, time.start).split(/[,;:—–]/).pop()!.trim().split(/\s+/);
  const MAX_CLAUSE_WORDS = 8;
  const clause = before.slice(-MAX_CLAUSE_WORDS).join(' ').replace(/^["“]/, '');
  return clause === '' ? 'when' : `when ${clause}`;
}

interface Finding {
  kind: 'number' | 'time';
  about: string;
  sides: Array<{ value: string; valueKey: string; sentence: AnalysedSentence }>;
}

/** A quantity's key: kind, unit and value, so that only like figures merge into one side. */
const quantityKey = (quantity: Quantity) => `${quantity.kind}|${quantity.kind === 'count' ? '' : quantity.unit}|${quantity.value}`;

function compare(x: AnalysedSentence, y: AnalysedSentence): Finding[] {
  const findings: Finding[] = [];
  const { dice, shared } = similarity(x, y);
  if (shared < MIN_SHARED_STEMS) return findings;
  if (dice >= SAME_COUNT_MIN_SIMILARITY) {
    // Each figure of x against the like figure of y it sits closest to: the same kind, the same unit or
    // counted thing, words around them in common, and neither sentence also stating the other's figure.
    for (let aIndex = 0; aIndex < x.quantities.length; aIndex++) {
      const a = x.quantities[aIndex]!;
      let best: { b: Quantity; overlap: number } | undefined;
      const aWords = x.around[aIndex]!;
      for (let bIndex = 0; bIndex < y.quantities.length; bIndex++) {
        const b = y.quantities[bIndex]!;
        if (!comparable(a, b)) continue;
        let overlap = 0;
        for (const stem of y.around[bIndex]!) if (aWords.has(stem)) overlap++;
        if (best === undefined || overlap > best.overlap) best = { b, overlap };
      }
      if (best === undefined || !conflicting(a, best.b)) continue;
      const { b } = best;
      // The same claim: sentences alike, and words around both figures in common.
      // (A looser rule, Dice 0.2 with two stems around the figures in common, found 0.56 of planted
      // contradictions against 0.37 but reported 86 on real clusters instead of 33, most of them not contradictions.)
      // A count already names its thing (the counted noun both share), so one more word around it will do.
      const sameClaim =
        a.kind === 'count' ? best.overlap >= MIN_COUNT_NEIGHBOURHOOD_OVERLAP && dice >= SAME_COUNT_MIN_SIMILARITY : best.overlap >= MIN_NEIGHBOURHOOD_OVERLAP && dice >= SAME_CLAIM_MIN_SIMILARITY;
      if (!sameClaim || a.qualifier === 'range' || b.qualifier === 'range') continue;
      if (x.quantities.some((other) => comparable(other, b) && !conflicting(other, b)) || y.quantities.some((other) => comparable(other, a) && !conflicting(other, a))) continue;
      findings.push({
        kind: 'number',
        about: quantityLabel(a, x, y),
        sides: [
          { value: a.text, valueKey: quantityKey(a), sentence: x },
          { value: b.text, valueKey: quantityKey(b), sentence: y },
        ],
      });
    }
  }
  if (dice < SAME_CLAIM_MIN_SIMILARITY) return findings;
  const keysY = new Set(y.times.map((time) => time.key));
  const keysX = new Set(x.times.map((time) => time.key));
  // Only plans disagree in relative time ("next week" / "within ten days"): past ones ("last Friday" / "last
  // week", "several days ago" / "a few days ago") mostly nest, and "this year" holds "this spring".
  const ahead = (time: TimeMention) => FUTURE_TIME.test(time.key);
  if (x.times.length > 0 && y.times.length > 0 && ahead(x.times[0]!) && ahead(y.times[0]!) && !x.times.some((time) => keysY.has(time.key)) && !y.times.some((time) => keysX.has(time.key))) {
    findings.push({
      kind: 'time',
      about: timeLabel(x, x.times[0]!),
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
    if (ordered.length < 2 || ordered.length > MAX_SIDES) continue;
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
      const quantity = anchor.quantities.find((item) => item.text === side.value);
      const value = disagreement.kind === 'time' ? anchor.times.find((time) => time.text === side.value)?.key : quantity?.value;
      if (value === undefined) continue;
      for (const other of analysed) {
        if (other === anchor) continue;
        const states = disagreement.kind === 'time' ? other.times.some((time) => time.key === value) : other.quantities.some((item) => quantity !== undefined && comparable(item, quantity) && item.value === value);
        if (!states) continue;
        const { dice, shared } = similarity(anchor, other);
        if (dice < ATTACH_MIN_SIMILARITY || shared < MIN_SHARED_STEMS) continue;
        for (const id of other.sentence.sources) if (!side.sources.includes(id)) side.sources.push(id);
      }
      side.sources.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    }
  }
}

/**
 * Different articles stating the same claim with different figures or times. `sameText(a, b)` says two articles
 * are one text (a duplicate or a version): a wire update changing its own figures is no disagreement.
 */
export function findDisagreements(sentences: readonly FactSentence[], articleOrder: readonly string[], sameText: (a: string, b: string) => boolean = () => false): Disagreement[] {
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
      if (x.sentence.sources.some((a) => y.sentence.sources.some((b) => sameText(a, b)))) continue;
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

export function extractFacts(articles: readonly Article[], sentences: readonly FactSentence[], sameText?: (a: string, b: string) => boolean): StoryFacts {
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
    // Typed figures: "9:32 p.m." is a time of day, not "32 p"; a count says what it counts.
    for (const quantity of quantities(sentence.text)) {
      if (quantity.kind === 'time-of-day' || quantity.kind === 'date') continue;
      const key = `${quantity.kind} ${quantity.value} ${quantity.unit}`;
      const counts = quantity.kind === 'count' ? quantity.text.split(/\s+/).slice(1).join(' ') : quantity.kind === 'measure' || quantity.kind === 'money' || quantity.kind === 'percent' ? quantity.unit : quantity.kind;
      const existing = numbers.get(key);
      if (existing === undefined) numbers.set(key, { text: quantity.text, value: quantity.value, counts, sources: [...sentence.sources] });
      else for (const id of sentence.sources) addSource(existing.sources, id);
    }
  }
  const bySupport = <T extends { sources: string[] }>(items: Iterable<T>) => [...items].sort((a, b) => b.sources.length - a.sources.length);
  return {
    quotes: [...quotes.values()],
    numbers: bySupport(numbers.values()),
    entities: bySupport(entities.values()).slice(0, MAX_ENTITIES),
    disagreements: findDisagreements(sentences, order, sameText),
  };
}
