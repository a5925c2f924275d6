// What a sentence states that can be checked: numbers with what they count, and relative times
// ("next month", "within ten days"). Plain pattern reading, English news style.
import { ENGLISH_STOPWORDS, tokenize } from '../text/tokens.ts';

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const PLAIN_NUMBER = `\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|${Object.keys(NUMBER_WORDS).join('|')}`;
/**
 * A number as news writes it in words, read as its value: "two and a half" (2.5), "half a" (0.5) before a scale
 * ("half a million"), "a" before a scale ("a million people"), and dozens ("a dozen", "two dozen", "half a dozen").
 */
const NUMBER = `((?:half an?|an?|${PLAIN_NUMBER}) dozen|(?:${PLAIN_NUMBER}) and a half(?= (?:thousand|million|billion|trillion)\\b)|(?:half an?|an?)(?= (?:thousand|million|billion|trillion)\\b)|${PLAIN_NUMBER})`;
const SCALE: Readonly<Record<string, number>> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
/** A scale word, maybe plural or opening a hyphenated adjective, where the counted words should begin. */
const SCALE_WORD_COUNTED = /^(?:hundred|thousand|million|billion|trillion)s?(?:-|$)/i;
/** Words naming a part of a whole rather than a counted thing: "one of three", "four of five", "most of 20". */
const PART_WORD = /^(?:one|two|three|four|five|six|seven|eight|nine|ten|some|most|all|each|none|both|many|few|several|half)$/i;
/** Words after a number that name what it counts: lower-case, not function words; at most this many. */
const MAX_COUNTED_WORDS = 2;
/** A number followed by the counted words: "26 nations", "27 defense ministers", "1.2 million people". */
// The words are read by a lookahead, so a number among them ("dollars and two ministers") is still found.
const NUMBER_THEN_NOUN = new RegExp(`(?<![\\w.,$/-])${NUMBER}(?:\\s+(hundred|thousand|million|billion|trillion))?(?=((?:\\s+[a-z][a-z'-]*){1,${MAX_COUNTED_WORDS + 1}}))`, 'gi');
/** A name (up to three capitalised words, a model number among them) between a figure and the counted words:
 * " Nimbus 3 power banks" gives "power banks". */
const NAME_THEN_COUNTED = /^\s+(?:[A-Z][\p{L}'’&-]*\s+){1,2}(?:[A-Z\d][\p{L}\d-]*\s+)?((?:[a-z][a-z'-]*\s*){1,3})/u;
/** A figure in digits "of the" things, a part of them counted: "120,000 of the compact models", "120,000 of the
 * 20,000mAh packs" (one word may stand between; not a number: "11 of the 15 crew" counts the 15). */
const PARTITIVE = new RegExp(`(?<![\\w.,$/-])(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\s+(thousand|million|billion|trillion))?\\s+of\\s+(?:the|its|their)\\s+(?:(?![\\d,.]+\\s)[\\w,.-]+\\s+)?([a-z][a-z'-]*[^s\\W]s|people|men|women|children|staff|personnel)\\b`, 'g');
/** A noun then "of" a number: "a crew of 14" (not "families of 9/11", a date's name; nor "9/11 families"; nor the end
 * of a range, "the proportion of 18-29 year olds"; nor a title, "an edition of 25 Years of ..."). */
const NOUN_OF_NUMBER = new RegExp(`\\b([a-z][a-z-]+) of ${NUMBER}(?:\\s+(hundred|thousand|million|billion|trillion))?\\b(?![\\/-]\\d|[.,]\\d)(?!\\s+(?:Seconds?|Minutes?|Hours?|Days?|Weeks?|Months?|Years?|Decades?)\\b)`, 'gi');
/** Places "of" a number that count the people living there: "a town of 11,000", "a nation of 40 million". */
const POPULATED_PLACE = /^(?:town|city|village|hamlet|suburb|borough|county|district|province|region|state|country|nation|island|community|municipality|settlement|neighbou?rhood)$/i;
/** Nouns "of" a number that measure something rather than count it: "a combined score of 1290", "a rate of 5". */
const MEASURED_NOUN = /^(?:score|rate|average|level|index|temperature|speed|height|depth|price|value|margin|ratio|reading|magnitude|grade|rating|capacity|age)$/i;
/** Words that follow numbers without being counted things. */
const NOT_COUNTED = new Set(['percent', 'per', 'cent', 'times', 'years', 'year', 'old', 'more', 'less', 'or', 'and', 'a.m', 'p.m', 'am', 'pm']);

/** Plurals without an s: "4,000 people died" counts people. */
const IRREGULAR_PLURAL = /^(?:people|men|women|children|police|personnel|staff|cattle|sheep|fish|deer|feet|teeth|geese|mice)$/i;

/** Singular nouns that count several: "14 crew", "the 15 crew". */
const COLLECTIVE_NOUN = /^(?:crew|aircraft|livestock|offspring|youth|clergy|infantry|militia)$/i;
/** "the 3000 block of", "the 747 jet": a number over one before a singular noun, after "the", names one thing, not a count. */
const DEFINITE_BEFORE = /\bthe\s+$/i;

/** A month name just before a number makes it a day of the month. */
const MONTH_BEFORE = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\.?\s+$/;

/** A word with a capital (not opening the sentence) just before a number: the number is part of a name ("Boeing 737",
 * "micro-USB 3", "iPhone 5"). */
const MODEL_NAME_BEFORE = /\S\s+[A-Za-z-]*[A-Z][A-Za-z-]*\s+$/;
/** A label word before a number names a version or a place in a series, written in lower case ("version 2 of the app",
 * "season 3 episodes", "phase 2 trials", "model 3 cars"): no count of what follows. */
const LABEL_BEFORE = /\b(?:version|v\.?|release|model|generation|gen|phase|season|episode|chapter|series|stage|level|tier|category|grade|round|page|section|article|route|flight|gate|platform|exit|step)\s+$/i;
/** "the No. 1 grossing movie", "No. 2 movie", "#3 seed": a rank, not a count. */
const RANK_BEFORE = /(?:\bNos?\.|#)\s*$/i;

/** Words that make "hundred" or "thousand" after them a magnitude: "several hundred", "a few thousand". */
const VAGUE_MULTIPLE_BEFORE = /\b(?:several|a few|few|many|some|hundreds of|thousands of)\s+$/i;

export interface NumberMention {
  /** As written, with what it counts: "27 defense ministers". */
  text: string;
  value: number;
  /** The counted words ("defense ministers"). */
  counts: string;
  /** The number as written in `text`, with its scale: "27", "two million", "a dozen", "14" of "a crew of 14". */
  numeral: string;
  /** Stems of the counted words: two mentions count the same thing when they share one. */
  countedStems: string[];
  /** Counted as a part "of the" things ("120,000 of the models"): the noun refers back, any word for them. */
  partitive?: true;
  start: number;
  end: number;
}

export interface TimeMention {
  text: string;
  /** Lower-case, spaces collapsed: equal keys say the same time. */
  key: string;
  start: number;
  end: number;
}

/** The value of a number as written in NUMBER: digits, a word, or a compound ("two dozen", "one and a half", "half a"). */
function writtenValue(lower: string): number {
  const dozen = /^(.+) dozen$/.exec(lower);
  if (dozen !== null) return writtenValue(dozen[1]!) * 12;
  const andAHalf = /^(.+) and a half$/.exec(lower);
  if (andAHalf !== null) return writtenValue(andAHalf[1]!) + 0.5;
  if (/^half an?$/.test(lower)) return 0.5;
  if (/^an?$/.test(lower)) return 1;
  return NUMBER_WORDS[lower] ?? Number(lower.replace(/,/g, ''));
}

function numberValue(written: string, scale: string | undefined): number {
  const base = writtenValue(written.toLowerCase().replace(/\s+/g, ' '));
  return base * (scale === undefined ? 1 : (SCALE[scale.toLowerCase()] ?? 1));
}

export function numberMentions(sentence: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (const match of sentence.matchAll(NUMBER_THEN_NOUN)) {
    // "May 21 release" is a date, not 21 releases.
    if (MONTH_BEFORE.test(sentence.slice(0, match.index))) continue;
    // A number right after a capitalised word names a model or a place in a series ("Nimbus 3", "Boeing 737").
    if (MODEL_NAME_BEFORE.test(sentence.slice(0, match.index))) continue;
    if (RANK_BEFORE.test(sentence.slice(0, match.index)) || LABEL_BEFORE.test(sentence.slice(0, match.index))) continue;
    // "several hundred birds", "a few thousand people": a magnitude, not a figure anyone could contradict.
    if (VAGUE_MULTIPLE_BEFORE.test(sentence.slice(0, match.index)) && /^(?:hundred|thousand|dozen)$/i.test(match[1]!)) continue;
    // A year is a date, not a count ("1999 budget"); thousands are written with a comma in news style.
    if (/^(1[89]|20|21)\d\d$/.test(match[1]!) && match[2] === undefined) continue;
    let words = match[3]!.trim().split(/\s+/);
    // "120,000 Nimbus 3 power banks", "40 Boeing 737 jets": a figure in digits, a name, then what it counts.
    const named = /\d/.test(match[1]!) ? NAME_THEN_COUNTED.exec(sentence.slice(match.index + match[0].length)) : null;
    if (named !== null && /^[A-Z]/.test(words[0]!)) {
      // "30 Rock returns later this year.": news writes no figure in digits to open a sentence, so digits and a
      // capitalised word there, or just inside a quote mark ("``60 Minutes''"), are a title, not a count.
      if (/(?:^|["“]|``)\s*$/.test(sentence.slice(0, match.index))) continue;
      words = named[1]!.trim().split(/\s+/);
    }
    // "1.5 million.", "150 million-year-old fossils": a scale word is part of the number, never what it counts (read as
    // counting it, "Four hundred families" was 4 "hundred families"); a hyphen makes the whole an adjective. A number
    // word after the number, or a number after "hundred", is a compound this reading does not build ("one hundred
    // fourteen people").
    if (SCALE_WORD_COUNTED.test(words[0]!) || Object.hasOwn(NUMBER_WORDS, words[0]!.toLowerCase()) || /\bhundred\s+(?:and\s+)?$/i.test(sentence.slice(0, match.index))) continue;
    const counted: string[] = [];
    for (const word of words) {
      const lower = word.toLowerCase();
      // Counted things are common nouns: lower-case ("four Massachusetts schools" is not a count of Massachusetts).
      if (!/^[a-z]/.test(word) || ENGLISH_STOPWORDS.has(lower) || NOT_COUNTED.has(lower)) break;
      if (counted.length >= MAX_COUNTED_WORDS) {
        // "120,000 portable power banks": the noun is the plural the words run to, its nearest modifier kept.
        if (/[^s]s$/i.test(word) || IRREGULAR_PLURAL.test(word)) counted.splice(0, counted.length, counted[counted.length - 1]!, word);
        break;
      }
      counted.push(word);
      // A plural ends the noun phrase: "26 nations met" counts nations, "4,000 people died" people.
      if (/[^s]s$/i.test(word) || IRREGULAR_PLURAL.test(word)) break;
    }
    // Written numbers need a plural noun after them ("two ministers"), or "one" would be everywhere.
    if (counted.length === 0) continue;
    const last = counted[counted.length - 1]!;
    if (!/\d/.test(match[1]!) && !/s$/.test(last) && !IRREGULAR_PLURAL.test(last)) continue;
    if (DEFINITE_BEFORE.test(sentence.slice(0, match.index)) && match[2] === undefined && numberValue(match[1]!, undefined) > 1 && !/s$/i.test(last) && !IRREGULAR_PLURAL.test(last) && !COLLECTIVE_NOUN.test(last)) continue;
    const counts = counted.join(' ');
    const start = match.index;
    const between = named !== null && /^[A-Z]/.test(match[3]!.trim()) ? named[0].slice(0, named[0].length - named[1]!.length) : ' ';
    let text = `${match[1]}${match[2] === undefined ? '' : ` ${match[2]}`}${between}${counts}`;
    // A modifier passed over ("portable" of "120,000 portable power banks"): the text is the figure as written.
    if (counted[0] !== words[0]) text = sentence.slice(start, sentence.indexOf(last, start + match[0].length) + last.length);
    // The number opens the text: as built above, or as the sentence writes it when the text is its slice.
    const numeral = counted[0] !== words[0] ? match[0] : `${match[1]}${match[2] === undefined ? '' : ` ${match[2]}`}`;
    mentions.push({ text, value: numberValue(match[1]!, match[2]), counts, numeral, countedStems: tokenize(counts).map((token) => token.stem), start, end: start + text.length });
  }
  for (const match of sentence.matchAll(PARTITIVE)) {
    const noun = match[3]!;
    // A year is a date ("in 2015 of the ..."), no count.
    if (/^(1[89]|20|21)\d\d$/.test(match[1]!) && match[2] === undefined) continue;
    if (mentions.some((mention) => mention.start < match.index + match[0].length && mention.end > match.index)) continue;
    const numeral = match[0].slice(0, match[0].search(/\s+of\s/));
    mentions.push({ text: match[0], value: numberValue(match[1]!, match[2]), counts: noun, numeral, countedStems: tokenize(noun).map((token) => token.stem), partitive: true, start: match.index, end: match.index + match[0].length });
  }
  for (const match of sentence.matchAll(NOUN_OF_NUMBER)) {
    // "a town of 11,000": a place of N is N people living there, not N towns.
    const noun = POPULATED_PLACE.test(match[1]!) ? 'people' : match[1]!;
    // "comprised of one", "made up of two": a verb's participle before "of" counts nothing.
    if (ENGLISH_STOPWORDS.has(noun.toLowerCase()) || MEASURED_NOUN.test(noun) || PART_WORD.test(noun) || /\w{2,}[^e]ed$/i.test(noun) || mentions.some((mention) => mention.start <= match.index + match[0].length && mention.end >= match.index)) continue;
    mentions.push({
      text: match[0],
      value: numberValue(match[2]!, match[3]),
      counts: noun,
      numeral: match[0].replace(/^\S+\s+of\s+/i, ''),
      countedStems: tokenize(noun).map((token) => token.stem),
      start: match.index,
      end: match.index + match[0].length,
    });
  }
  return mentions.sort((x, y) => x.start - y.start);
}

const TIME_UNIT = '(?:hours?|days?|weeks?|months?|years?|fortnight)';
const COUNT_WORD = '(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|a couple of|\\d+)';
const PERIOD = '(?:week|month|year|weekend|spring|summer|autumn|fall|winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday)';
const RELATIVE_TIME = new RegExp(`\\b(?:(?:next|last|this|coming|following) ${PERIOD}|(?:in|within|after) (?:the next |the coming )?${COUNT_WORD} ${TIME_UNIT}|${COUNT_WORD} ${TIME_UNIT} (?:ago|later|from now))\\b`, 'gi');

export function timeMentions(sentence: string): TimeMention[] {
  return [...sentence.matchAll(RELATIVE_TIME)].map((match) => ({
    text: match[0],
    key: match[0].toLowerCase().replace(/\s+/g, ' '),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Days a unit of a relative time spans. */
const UNIT_DAYS: Readonly<Record<string, number>> = { hour: 1 / 24, day: 1, week: 7, fortnight: 14, month: 30.44, year: 365.25 };
/** What a vague count may stand for: "a few weeks" is two to five of them. */
const VAGUE_COUNTS: Readonly<Record<string, readonly [number, number]>> = { 'a few': [2, 5], several: [3, 7], 'a couple of': [2, 3] };
/** "in three weeks" is about three weeks off, give or take a quarter of its unit (at least a day): a plan, not a deadline to the hour. */
const IN_TOLERANCE_UNITS = 0.25;
/** Days two plans' windows must share to be one moment: "next week" and "in two weeks" touch only at their ends. */
const MIN_SHARED_DAYS = 1;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY_MS = 86_400_000;
/** The last day "next week" (or a weekday, or a weekend) can be without the telling day: told on a Monday, next Sunday is 13 days off. */
const NEXT_WEEK_LAST_DAY = 13;
/** The same for "next month": told on the 1st of a 31-day month, the next month of 31 days ends 61 days off. */
const NEXT_MONTH_LAST_DAY = 62;
/** The same for "next year", and for a season ("next spring"): at most two years off. */
const NEXT_YEAR_LAST_DAY = 731;

/**
 * The days a forward-looking relative time can fall on, counted from the day it was told (day 0), as [from, to]:
 * "next week" told on a Wednesday is days 5-11, "within ten days" 0-10, "in three weeks" 19.25-22.75. Without the
 * telling day, every day it could be is allowed ("next week": 1-13). Undefined for a time that looks back or is
 * not read here. Two plans contradict only when their windows do not meet ("next month" and "in three weeks" told
 * on 20 January are both early February).
 */
export function planWindow(key: string, told?: Date): readonly [number, number] | undefined {
  const known = told !== undefined && !Number.isNaN(told.getTime());
  const period = /^(?:next|coming|following) (\w+)$/.exec(key);
  if (period !== null) {
    const what = period[1]!;
    if (what === 'week' && known) {
      const weekday = (told.getUTCDay() + 6) % 7; // Monday 0
      return [7 - weekday, 13 - weekday];
    }
    if (what === 'week' || what === 'weekend' || WEEKDAYS.includes(what)) return [key.startsWith('coming') ? 0 : 1, NEXT_WEEK_LAST_DAY];
    if (what === 'month') {
      if (!known) return [key.startsWith('coming') ? 0 : 1, NEXT_MONTH_LAST_DAY];
      const year = told.getUTCFullYear();
      const month = told.getUTCMonth();
      const toNext = (Date.UTC(year, month + 1, 1) - Date.UTC(year, month, told.getUTCDate())) / DAY_MS;
      return [toNext, toNext + (Date.UTC(year, month + 2, 1) - Date.UTC(year, month + 1, 1)) / DAY_MS - 1];
    }
    if (what === 'year') {
      if (!known) return [1, NEXT_YEAR_LAST_DAY];
      const year = told.getUTCFullYear();
      const toNext = (Date.UTC(year + 1, 0, 1) - Date.UTC(year, told.getUTCMonth(), told.getUTCDate())) / DAY_MS;
      return [toNext, toNext + (Date.UTC(year + 2, 0, 1) - Date.UTC(year + 1, 0, 1)) / DAY_MS - 1];
    }
    return [1, NEXT_YEAR_LAST_DAY]; // a season
  }
  const span = /^(?:(in|within|after) (the next |the coming )?(.+) (hour|day|week|fortnight|month|year)s?|(.+) (hour|day|week|fortnight|month|year)s? from now)$/.exec(key);
  if (span === null) return undefined;
  const word = span[1] ?? 'in';
  const count = (span[3] ?? span[5])!;
  const unit = UNIT_DAYS[(span[4] ?? span[6])!]!;
  const [low, high] = VAGUE_COUNTS[count] ?? (() => {
    const value = /^\d+$/.test(count) ? Number(count) : count === 'a' || count === 'an' ? 1 : NUMBER_WORDS[count];
    return value === undefined ? [Number.NaN, Number.NaN] : [value, value];
  })();
  if (Number.isNaN(low)) return undefined;
  if (word === 'within' || span[2] !== undefined) return [0, high * unit];
  const tolerance = Math.max(1, IN_TOLERANCE_UNITS * unit);
  if (word === 'after') return [low * unit - tolerance, Number.POSITIVE_INFINITY];
  return [Math.max(0, low * unit - tolerance), high * unit + tolerance];
}

/**
 * Whether two plans told in relative time can be the same moment: their windows (planWindow), each counted from
 * its own telling day when both days are known, share more than MIN_SHARED_DAYS. A time not read here is taken to
 * meet anything.
 */
export function plansMeet(x: string, xTold: Date | undefined, y: string, yTold: Date | undefined): boolean {
  const bothKnown = xTold !== undefined && yTold !== undefined && !Number.isNaN(xTold.getTime()) && !Number.isNaN(yTold.getTime());
  const a = planWindow(x, bothKnown ? xTold : undefined);
  const b = planWindow(y, bothKnown ? yTold : undefined);
  if (a === undefined || b === undefined) return true;
  const shift = bothKnown ? Math.floor(yTold.getTime() / DAY_MS) - Math.floor(xTold.getTime() / DAY_MS) : 0;
  return Math.min(a[1], b[1] + shift) - Math.max(a[0], b[0] + shift) > MIN_SHARED_DAYS;
}
