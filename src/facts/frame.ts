// What statistic a figure is (issue 20, session 31): the qualifier words of its noun phrase and the period or the
// outcome its clause attaches to it. Two like figures of one counted thing are still two statistics when their frames
// fill one slot differently: "sentences average 27 months" / "a maximum five-year sentence" (average, maximum),
// "current three-year contracts" / "the four-year contract of 1999" (now, a past year), "executed 131 in five years" /
// "143 in five and a half years" (two periods), "seven people died" / "seventeen contracted the disease" (two outcomes).
// A slot only one side fills says nothing (a paraphrase may drop a word); a qualifier word the other sentence writes
// too is no difference (that sentence tells both). Scopes: "two nationally" / "three in the West".
import { quantities, type Quantity } from './quantities.ts';

/** Words read each side of a figure for its qualifiers: a determiner, two modifiers and the figure's noun
 * ("a maximum five-year sentence", "27 months on average"). */
const QUALIFIER_REACH_WORDS = 3;

/** Statistic classes: what a figure is of its thing (one value of many, the mean, the largest, the sum, a rate). */
const STATISTIC: ReadonlyArray<[string, RegExp]> = [
  ['average', /^(?:average[sd]?|mean|median|typical(?:ly)?)$/i],
  ['maximum', /^(?:maximum|max|highest|peak|record|longest|largest|biggest)$/i],
  ['minimum', /^(?:minimum|min|lowest|shortest|smallest|fewest)$/i],
  ['total', /^(?:total(?:s|ed|led|ling)?|combined|cumulative|overall|altogether)$/i],
  ['rate', /^(?:annual(?:ly)?|yearly|monthly|weekly|daily|hourly|per)$/i],
  // A change, not a level: "dropped 66%", "a 9 percent drop", "rose by 5 percent" (a figure after "to" or "from" is a
  // level reached or left, read below).
  ['change', /^(?:rose|risen|rise[sn]?|fell|fallen|falls?|drop(?:s|ped)?|declined?|declines|increased?|increases|decreased?|decreases|grew|grown|growth|jump(?:s|ed)?|climb(?:s|ed)?|gain(?:s|ed)?|plunged?|plummeted|soared|slipped|surged?|tumbled|cut)$/i],
];
/** Statistic classes read from the figure's place: a change, the level it ends at ("to"), the level it starts from ("from"). */
const ROLES = new Set(['change', 'end', 'start', 'death', 'illness', 'injury', 'arrest', 'rescue']);
/** A copula right before a figure: what it is of is the subject before it. */
const COPULA = /^(?:is|was|are|were|stood|totaled|totalled|reached|averaged)$/i;
/** Words of a copula's subject read for qualifiers: "the average sentence for a federal conviction". */
const SUBJECT_WORDS = 7;
/** Words between a figure and the preposition that makes it a level ("rose to about 27", "fell from nearly 9,900"). */
const APPROXIMATION = /^(?:about|around|nearly|almost|some|roughly|approximately|an?|estimated|more|less|fewer|than|over|under|just|only|least|most|at)$/i;
/** Status classes: which instance of a recurring thing (a contract, a term, a law) the figure is of. */
const STATUS: ReadonlyArray<[string, RegExp]> = [
  ['now', /^(?:current(?:ly)?|present|existing|incumbent)$/i],
  ['before', /^(?:former|previous|prior|old|original|outgoing|expired|earlier)$/i],
  ['after', /^(?:new|proposed|planned|future|upcoming|incoming)$/i],
];
/** A rate written as "a year", "each month", "per day" right after the figure's noun phrase. */
const RATE_AFTER = /^(?:[\p{L}-]+\s+){0,2}(?:a|an|each|every|per)\s+(?:year|month|week|day|hour|annum|capita)\b/iu;
/** A year inside the figure's phrase: "the four-year contract of 1999", "its 1999 contract". */
const YEAR = /^(?:19|20)\d\d$/;

/** The period a figure is counted over, in its clause: "in five years", "over the past decade", "in five and a half
 * years", "since 1983", "from 1973". Its length in seconds or its start year. */
const SPAN = /\b(?:in|over|during|within|across|for)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+|my\s+)?(?:(?:past|last|next|first|coming|previous|following|ensuing)\s+)?((?:[\w-]+)(?:\s+and\s+a\s+half)?)\s+(years?|months?|weeks?|days?|decades?)\b|\b(?:since|from)\s+((?:19|20)\d\d)\b/gi;

/** Outcome classes of what happened to counted people: two outcomes are two counts ("died" / "contracted"). */
const OUTCOME: ReadonlyArray<[string, RegExp]> = [
  ['death', /^(?:died|dies|die|dying|dead|deaths?|killed|kills|kill|killing|fatalities|perished|fatally)$/i],
  ['illness', /^(?:contracted|contract|infected|infections?|sickened|ill|sick|cases?|diagnosed|caught)$/i],
  ['injury', /^(?:injured|injuries|injuring|wounded|wounding|hurt|hospitalized|hospitalised)$/i],
  ['arrest', /^(?:arrested|arrests?|detained|jailed|charged|convicted|indicted)$/i],
  ['rescue', /^(?:rescued|saved|evacuated|survived|survivors?|freed|released)$/i],
];
/** ... and after it, where a subject's verb may follow its modifiers: "Three people in Staten Island, New York contracted". */
const OUTCOME_AFTER_WORDS = 7;
/** Words that start another predicate: an outcome beyond them is another figure's ("killed seven and sickened 60"). */
const PREDICATE_BREAK = /^(?:and|but|while|or|who|which|whom|whose|that)$/i;
/** Words of an outcome read each side of a count, in its clause: "seven people died", "killed seven", "seventeen
 * people contracted the disease". */
const OUTCOME_REACH_WORDS = 4;

/** Scope classes: where a figure holds, "two nationally" / "three in the West", "deaths worldwide" / "in Nigeria". */
const SCOPE: ReadonlyArray<[string, RegExp]> = [
  ['national', /\b(?:nationally|nationwide|countrywide|across the (?:country|nation)|in the (?:country|nation)\b)/i],
  ['world', /\b(?:worldwide|globally|around the world|across the world|in the world\b)/i],
  ['state', /\b(?:statewide|across the state)\b/i],
  // A named place: "in the West", "in Nigeria", "across Syria" (not a month or a weekday: "a poll in June").
  ['place', /\b(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+(?:the\s+)?(?!(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][\p{L}.'’-]+/u],
];

export interface FigureFrame {
  /** Statistic classes and the words that gave them ("average" of "Federal sentences average 27 months"). */
  statistic: Map<string, string>;
  status: Map<string, string>;
  /** "len SECONDS" or "from YEAR", and the words as written. */
  spans: Map<string, string>;
  outcomes: Map<string, string>;
  scopes: Map<string, string>;
  /** Years the sentence writes outside the figure: the moment it is anchored to ("In 1999, the UAW began ..."). */
  years: Set<string>;
}

const lowerWords = (text: string) => [...text.matchAll(/[\p{L}\d'’-]+/gu)].map((match) => match[0]);

function classify(words: readonly string[], classes: ReadonlyArray<[string, RegExp]>, into: Map<string, string>): void {
  for (const word of words) for (const [name, pattern] of classes) if (pattern.test(word) && !into.has(name)) into.set(name, word.toLowerCase());
}

/**
 * A figure's frame, read in its clause (`clauseFrom` to `clauseTo`, the caller's clause bounds): qualifier words within
 * QUALIFIER_REACH_WORDS each side, a rate ("a year"), a year in its phrase, the periods of the clause and, for counts,
 * the outcomes within OUTCOME_REACH_WORDS.
 */
export function figureFrame(text: string, quantity: Pick<Quantity, 'kind' | 'start' | 'end' | 'text'>, clauseFrom: number, clauseTo: number): FigureFrame {
  const before = lowerWords(text.slice(clauseFrom, quantity.start));
  const after = lowerWords(text.slice(quantity.end, clauseTo));
  const near = [...before.slice(-QUALIFIER_REACH_WORDS), ...after.slice(0, QUALIFIER_REACH_WORDS)];
  const statistic = new Map<string, string>();
  // "rose to 27", "fell from 9,900 meters": the level reached or left, not the change.
  let last = before.length - 1;
  while (last >= 0 && APPROXIMATION.test(before[last]!)) last--;
  // "close to one meter", "up to 12 years": a bound or an approximation, no level.
  const level = last >= 0 && /^(?:to|from)$/i.test(before[last]!) && !/^(?:close|up|near|equal|amounting)$/i.test(before[last - 1] ?? '') ? before[last]!.toLowerCase() : undefined;
  if (level !== undefined) statistic.set(level === 'to' ? 'end' : 'start', level);
  // The figure's own words too: "a maximum five-year sentence" has its qualifier before, "27 months on average" after.
  const classes = level === undefined ? STATISTIC : STATISTIC.filter(([name]) => name !== 'change');
  classify(before.slice(-QUALIFIER_REACH_WORDS), classes, statistic);
  // "the average sentence for a federal conviction was 27 months": the figure is said of the copula's subject.
  if (last >= 0 && COPULA.test(before[last]!)) classify(before.slice(Math.max(0, last - SUBJECT_WORDS), last), classes, statistic);
  classify(after.slice(0, QUALIFIER_REACH_WORDS), classes, statistic);
  if (RATE_AFTER.test(text.slice(quantity.end, clauseTo).trimStart())) statistic.set('rate', 'a year');
  const status = new Map<string, string>();
  classify(near, STATUS, status);
  for (const word of near) if (YEAR.test(word) && !quantity.text.includes(word)) status.set(`year ${word}`, word);
  const spans = new Map<string, string>();
  const clause = text.slice(clauseFrom, clauseTo);
  const own = { start: quantity.start - clauseFrom, end: quantity.end - clauseFrom };
  for (const match of clause.matchAll(SPAN)) {
    if (match.index < own.end && match.index + match[0].length > own.start) continue;
    if (match[3] !== undefined) {
      spans.set(`from ${match[3]}`, match[0]);
      continue;
    }
    const half = /\s+and\s+a\s+half$/i.test(match[1]!);
    const length = quantities(`${match[1]!.replace(/\s+and\s+a\s+half$/i, '')} ${match[2]!}`).find((found) => found.kind === 'duration');
    if (length === undefined) continue;
    spans.set(`len ${length.value + (half ? unitOfSpan(match[2]!) / 2 : 0)}`, match[0]);
  }
  const outcomes = new Map<string, string>();
  if (quantity.kind === 'count') {
    // The figure's own predicate: the words up to another predicate's start ("killed seven people and sickened scores").
    const own = (words: readonly string[]) => {
      const stop = words.findIndex((word) => PREDICATE_BREAK.test(word));
      return stop < 0 ? words : words.slice(0, stop);
    };
    const ownBefore = [...own([...before].reverse())].reverse();
    classify([...ownBefore.slice(-OUTCOME_REACH_WORDS), ...own(after).slice(0, OUTCOME_AFTER_WORDS)], OUTCOME, outcomes);
  }
  const scopes = new Map<string, string>();
  for (const [name, pattern] of SCOPE) {
    const found = pattern.exec(clause);
    if (found !== null) scopes.set(name, found[0]);
  }
  const years = new Set([...text.matchAll(/\b(?:19|20)\d\d\b/g)].filter((match) => match.index < quantity.start || match.index >= quantity.end).map((match) => match[0]));
  return { statistic, status, spans, outcomes, scopes, years };
}

/** Seconds in one of a span's units ("years" of "five and a half years"). */
function unitOfSpan(unit: string): number {
  return quantities(`one ${unit.replace(/s$/i, '')}`).find((found) => found.kind === 'duration')?.value ?? 0;
}

/**
 * Why two like figures are two statistics, or undefined: a slot both frames fill with different classes, where neither
 * sentence writes the other's word. `xText` and `yText` are the two sentences.
 */
export function framesApart(first: FigureFrame, xText: string, second: FigureFrame, yText: string): string | undefined {
  const writes = (text: string, word: string) => new RegExp(`(?<![\\p{L}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu').test(text);
  // A role (a change, a level reached or left) is told by the figure's place, not by a word: "dropped from 9,900 meters"
  // and "dropped 4,000 meters" both write "dropped".
  const worded = (slot: ReadonlyMap<string, string>) => [...slot].filter(([key]) => !ROLES.has(key)).map(([, word]) => word);
  const slotApart = (one: ReadonlyMap<string, string>, other: ReadonlyMap<string, string>) =>
    one.size > 0 && other.size > 0 && ![...one.keys()].some((key) => other.has(key)) && !worded(one).some((word) => writes(yText, word)) && !worded(other).some((word) => writes(xText, word));
  if (slotApart(first.statistic, second.statistic)) return 'two statistics';
  if (slotApart(first.status, second.status)) return 'two instances';
  // "current" against a sentence anchored to a year ("In 1999, ... a four-year contract"): the instance of the telling and
  // one of that year.
  const nowAgainstYear = (one: FigureFrame, other: FigureFrame) => one.status.has('now') && one.years.size === 0 && other.status.size === 0 && other.years.size > 0;
  if (nowAgainstYear(first, second) || nowAgainstYear(second, first)) return 'two instances';
  // Periods: two lengths or two starts; a length against a start may be one period told two ways.
  const kinds = (spans: ReadonlyMap<string, string>, kind: string) => new Map([...spans].filter(([key]) => key.startsWith(kind)));
  for (const kind of ['len ', 'from ']) if (slotApart(kinds(first.spans, kind), kinds(second.spans, kind))) return 'two periods';
  if (slotApart(first.outcomes, second.outcomes)) return 'two outcomes';
  if (slotApart(first.scopes, second.scopes)) return 'two scopes';
  return undefined;
}
