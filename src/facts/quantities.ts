// Typed quantities: what a number in a sentence measures. Two figures can only disagree when they are the
// same kind of quantity in the same unit or of the same counted thing: a time of day is never compared with a
// duration, an age with a count, "400 metres" with "two field seasons". Plain pattern reading, English news.
import { tokenize } from '../text/tokens.ts';
import { numberMentions } from './mentions.ts';

export type QuantityKind = 'time-of-day' | 'date' | 'age' | 'duration' | 'money' | 'percent' | 'measure' | 'count';

export interface Quantity {
  kind: QuantityKind;
  /** As written: "9:32 p.m.", "$4.5 million", "14 crew members". */
  text: string;
  /** Comparable value: minutes after midnight, day of year, years, seconds, currency units, percent, units. */
  value: number;
  /** What it is in: the currency, the unit, or the counted noun's stems (a count). */
  unit: string;
  /** Counted noun's stems, for counts: two counts compare when they share one. */
  countedStems: string[];
  /** For counts, the counted words as written: "crew" of "a crew of 14", "followers" of "four million followers". */
  counted?: string;
  /** For counts, the number as written in `text`: "14" of "a crew of 14", "four million" of "four million followers". */
  numeral?: string;
  /** "more than 14": the value is a bound or an estimate, not exact; "1.3 to 1.7 million": an end of a range. */
  qualifier: 'exact' | 'at-least' | 'at-most' | 'about' | 'range';
  /** A figure told as a whole: "75 of the 125 seats", "all 14 crew members" (a figure below it may be a part of it). */
  whole?: true;
  /** A difference or an increment, not a figure of a thing: "5mm taller than its predecessor", "another 22 countries". */
  relative?: true;
  /** A count of a part "of the" things ("120,000 of the models"): its noun refers back, any word for them. */
  partitive?: true;
  /** For an end of a range, which end: "July 3" of "July 3-5" is the low end, "2.4 hours" of "1 to 2.4 hours" the high one. */
  rangeEnd?: 'low' | 'high';
  start: number;
  end: number;
}

const WORD_NUMBERS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
const TENS = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const UNITS = 'one|two|three|four|five|six|seven|eight|nine';
const PLAIN_NUMERAL = `(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|(?:${TENS})-(?:${UNITS})|${Object.keys(WORD_NUMBERS).filter((word) => word.length > 2).join('|')})`;
/** "two and a half", "half a", "half an", "a" before a scale: a number and a half, a half or one, read as its value. */
const NUMERAL = `(?:${PLAIN_NUMERAL} and a half|half an?(?=\\s)|an?(?= (?:thousand|million|billion|trillion)\\b)|${PLAIN_NUMERAL})`;
const SCALE_WORDS: Readonly<Record<string, number>> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, m: 1e6, bn: 1e9, k: 1e3 };
const SCALE = '(?:\\s*(?:thousand|million|billion|trillion|m|bn|k)\\b)?';

function numeral(written: string): number {
  const lower = written.toLowerCase().replace(/\s+/g, ' ');
  const andAHalf = /^(.+) and a half$/.exec(lower);
  if (andAHalf !== null) return numeral(andAHalf[1]!) + 0.5;
  if (/^half an?$/.test(lower)) return 0.5;
  if (/^an?$/.test(lower)) return 1;
  const [tens, units] = lower.split('-');
  if (units !== undefined && WORD_NUMBERS[tens!] !== undefined && WORD_NUMBERS[units] !== undefined) return WORD_NUMBERS[tens!]! + WORD_NUMBERS[units]!;
  return WORD_NUMBERS[lower] ?? Number(lower.replace(/,/g, ''));
}

function scaled(written: string, scale: string | undefined): number {
  return numeral(written) * (scale === undefined || scale.trim() === '' ? 1 : (SCALE_WORDS[scale.trim().toLowerCase()] ?? 1));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const monthIndex = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase());

const DURATION_UNITS: Readonly<Record<string, number>> = {
  second: 1, minute: 60, hour: 3600, day: 86400, week: 604800, fortnight: 1209600, month: 2629800, year: 31557600, decade: 315576000,
};
const MEASURE_UNITS: Readonly<Record<string, [string, number]>> = {
  km: ['m', 1000], kilometre: ['m', 1000], kilometer: ['m', 1000], metre: ['m', 1], meter: ['m', 1], m: ['m', 1], cm: ['m', 0.01], mm: ['m', 0.001],
  mile: ['m', 1609.34], foot: ['m', 0.3048], feet: ['m', 0.3048], ft: ['m', 0.3048], yard: ['m', 0.9144], inch: ['m', 0.0254],
  'nautical mile': ['m', 1852],
  kg: ['kg', 1], kilogram: ['kg', 1], kilo: ['kg', 1], gram: ['kg', 0.001], g: ['kg', 0.001], tonne: ['kg', 1000], ton: ['kg', 1000], pound: ['kg', 0.4536], lb: ['kg', 0.4536],
  litre: ['l', 1], liter: ['l', 1], l: ['l', 1], gallon: ['l', 3.785], barrel: ['l', 159],
  hectare: ['m2', 10000], acre: ['m2', 4046.86], 'square kilometre': ['m2', 1e6], 'square kilometer': ['m2', 1e6], 'square mile': ['m2', 2.59e6],
  mph: ['m/s', 0.44704], 'km/h': ['m/s', 0.27778], knot: ['m/s', 0.51444],
  degree: ['deg', 1], celsius: ['deg', 1], fahrenheit: ['degF', 1],
};
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '£': 'GBP', '€': 'EUR', '¥': 'JPY' };
const CURRENCY_WORDS: Readonly<Record<string, string>> = { dollar: 'USD', pound: 'GBP', euro: 'EUR', yen: 'JPY', yuan: 'CNY', rupee: 'INR', franc: 'CHF', krone: 'NOK', kroner: 'NOK', crown: 'SEK' };

const QUALIFIER_BEFORE = /\b(more than|over|at least|upwards of|in excess of|fewer than|less than|under|up to|at most|about|around|nearly|almost|some|roughly|approximately|an estimated|estimated|close to|as many as|as much as)\s+$/i;

/** A figure written as one end of a range: "between 1.3 and 1.7 million", "4 to 10 inches", "50-70 percent". */
function inRange(sentence: string, start: number, end: number): 'part' | 'low' | 'high' | undefined {
  const before = sentence.slice(Math.max(0, start - 30), start);
  const after = sentence.slice(end, end + 30);
  // "four of five charges": the total of a part named just before, not a count of its own.
  if (/\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|all|both|none)\s+of\s+$/i.test(before)) return 'part';
  // "from midnight to 2 a.m.": midnight and noon are times of day written without digits.
  if (/\b(?:between\s+(?:[a-z]+\s+)?(?:[\d.,:]+(?:\s*[ap]\.\s?m\.)?|midnight|noon)\s*\w*\s+and|from\s+(?:[\d.,$£€]+|midnight|noon)\s*\w*\s+to|(?:\d[\d.,]*|\b(?:one|two|three|four|five|six|seven|eight|nine|ten))\s*\w{0,12}\s+(?:to|or)|\d[\d.,]*\s*[-–])\s*$/i.test(before)) return 'high';
  return /^\s*(?:to|or|and|[-–])\s*[$£€]?\d/i.test(after) ? 'low' : undefined;
}

function qualifierBefore(sentence: string, start: number): Quantity['qualifier'] {
  const found = QUALIFIER_BEFORE.exec(sentence.slice(Math.max(0, start - 24), start))?.[1]?.toLowerCase();
  if (found === undefined) return 'exact';
  if (/^(?:more than|over|at least|upwards of|in excess of)$/.test(found)) return 'at-least';
  if (/^(?:fewer than|less than|under|up to|at most|as many as|as much as)$/.test(found)) return 'at-most';
  return 'about';
}

/** A duration unit's singular: only an s comes off ("minutes" is "minute", not "minut", which has no length). */
const singular = (word: string) => word.toLowerCase().replace(/s$/, '');

function unitOf(word: string): [string, number] | undefined {
  const lower = word.toLowerCase().replace(/\.$/, '');
  return MEASURE_UNITS[lower] ?? MEASURE_UNITS[lower.replace(/s$/, '')] ?? MEASURE_UNITS[lower.replace(/es$/, '')];
}

/** " and a half" right after a duration's unit: "a year and a half" is a year and a half, not a year. */
const AND_A_HALF_AFTER = /^ and a half\b/i;
/** A unit of time after "per", "a" or "every" after a duration makes it a rate: "six days per week", "4 hours a week". */
const PER_UNIT_AFTER = /^\s+(?:a|an|per|each|every)\s+(second|minute|hour|day|night|week|weekend|fortnight|month|year|shift|session)\b/i;
/** Words after a duration making it a point in time ("ago") or an age ("old"), not a length of time. */
const LOOKS_BACK_AFTER = /^\s+(?:ago|old|later|earlier|from now)\b/i;

/** What may come before a figure that opens a sentence or a quote: nothing but an opening quote mark, or a dateline
 * before it ("WASHINGTON _ A week after ...", "BEIRUT, Lebanon (AP) — A day after ..."). */
const OPENING_BEFORE = /(?:^|["“‘]|``|^\p{Lu}[\p{Lu} .'-]+(?:,\s*[\p{L}. ]+)?(?:\s*\([\p{L} ]+\))?\s*(?:_|--?|—|–))\s*$/u;
/** Share of a sentence's words written with a capital above which it is in title case (a headline), not prose. */
const TITLE_CASE_SHARE = 0.6;
/** Whether a sentence is written in title case ("Crew Rescued After 14 Hours at Sea"): its capitals mark no names. */
function titleCase(sentence: string): boolean {
  const words = sentence.match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  return words.length > 0 && words.filter((word) => /^\p{Lu}/u.test(word)).length > TITLE_CASE_SHARE * words.length;
}

/** Words making a count the size of a selection: "the first 50 people", "the top 10 teams". */
const SELECTION_BEFORE = /\b(?:first|last|top|bottom|next|final)\s+$/i;
/** Characters before a count read for SELECTION_BEFORE: its longest word and a space. */
const SELECTION_LOOKBEHIND_CHARS = 12;

/** Characters before a figure read for WHOLE_BEFORE: "11 of the", "half of their", "all the" with spaces. */
const WHOLE_LOOKBEHIND_CHARS = 24;
/** A figure told as the whole of a part ("75 of the 125 seats", "11 of the 15 crew") or as all there are ("all 14 crew"). */
const WHOLE_BEFORE = /(?:\b(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|most|some|half)\s+of\s+(?:the|its|their)|\ball(?:\s+the)?)\s+$/i;

/** A comparison right after a figure makes it a difference: "5mm taller than", "3 million more than", "6 points below". */
const COMPARATIVE_AFTER = /^\s*(?:(?:more|less|fewer|[a-z]{2,}er)\s+than\b|(?:higher|lower|bigger|smaller|taller|shorter|longer|larger|heavier|lighter|thinner|thicker|wider|narrower|faster|slower|older|younger|cheaper|costlier|above|below|behind|ahead\s+of|short\s+of)\b)/i;
/** A duration followed by "into" tells how far into something a moment is ("23 days into early voting"). */
const ELAPSED_INTO = /^\s*into\b/i;
/** Characters after a figure read for COMPARATIVE_AFTER: "ahead of" or "cheaper than" with spaces. */
const COMPARATIVE_LOOKAHEAD_CHARS = 16;
/** Words making a figure an increment on another or a rest of a whole: "another 22 countries", "an additional 500 troops",
 * "a further 10", "the other two unions". */
const INCREMENT_BEFORE = /\b(?:another|additional|further|extra|other)\s+$/i;
/** Characters before a figure read for INCREMENT_BEFORE: "additional" and a space. */
const INCREMENT_LOOKBEHIND_CHARS = 12;

/** Milliseconds in a day. */
const DAY_MS = 24 * 3600 * 1000;

/** Whether a figure of `sentence` is an increment on another ("another 22 countries", "an additional 500 troops"). */
export function isIncrement(sentence: string, quantity: Pick<Quantity, 'start'>): boolean {
  return INCREMENT_BEFORE.test(sentence.slice(Math.max(0, quantity.start - INCREMENT_LOOKBEHIND_CHARS), quantity.start));
}

/** The day a date figure written with its year stands for, in days since 1970 (UTC); undefined for a date without a year. */
export function dayOfDate(date: Quantity): number | undefined {
  const year = /^day (\d{4})$/.exec(date.unit)?.[1];
  if (date.kind !== 'date' || year === undefined) return undefined;
  // The figure's value is its day of a common year (DAYS_BEFORE_MONTH); back to its month and day.
  const month = DAYS_BEFORE_MONTH.filter((start) => start < date.value).length - 1;
  return Date.UTC(Number(year), month, date.value - DAYS_BEFORE_MONTH[month]!) / DAY_MS;
}

/** A figure needs a digit, a number word, "a"/"an" before a unit of time or a scale, or "half": most sentences have none. */
const MAY_HOLD_FIGURE = new RegExp(`\\d|\\b(?:${Object.keys(WORD_NUMBERS).filter((word) => word.length > 2).join('|')}|half)\\b|\\ban? (?:second|minute|hour|day|week|fortnight|month|year|decade|thousand|million|billion|trillion)\\b`, 'i');

/** Characters before "a year" / "an hour" looked at for the figure it is a rate of ("about 210 meters a year"). */
const RATE_REACH = 40;
/** A figure with at most two words after it, or once / twice / N times, right before "a" / "an" + unit, or a word
 * and a hyphen ("a $100 million-a-year plan", "$15-an-hour jobs"): a rate. */
const RATE_BEFORE = /(?:\d[\d,.]*%?(?:\s+[\p{L}-]+){0,2}|\b(?:once|twice|thrice|times))\s+$|\w-$/iu;
/** "a second" followed by a word it modifies ("a second radar campaign", "a second time"), not by a clause's next word. */
const ORDINAL_SECOND_AFTER = /^\s+(?!(?:of|to|and|or|but|before|after|later|earlier|ago|in|on|at|for|from|with|or|as|than|while|when|the|a|an|it|he|she|they|we|i|you)\b)[\p{L}-]/iu;

/** Every typed quantity of a sentence, without overlaps (the first pattern to claim a span keeps it). */
export function quantities(sentence: string): Quantity[] {
  if (!MAY_HOLD_FIGURE.test(sentence)) return [];
  const found: Quantity[] = [];
  const claim = (quantity: Omit<Quantity, 'qualifier' | 'countedStems'> & { countedStems?: string[] }) => {
    if (found.some((other) => quantity.start < other.end && quantity.end > other.start)) return;
    const range = inRange(sentence, quantity.start, quantity.end);
    // "Of the 23.5 million high-speed lines, 16.3 million provided ...": a sentence opening on the whole.
    const whole = WHOLE_BEFORE.test(sentence.slice(Math.max(0, quantity.start - WHOLE_LOOKBEHIND_CHARS), quantity.start)) || /^\s*of\s+(?:the|its|their)\s+$/i.test(sentence.slice(0, quantity.start));
    const after = sentence.slice(quantity.end, quantity.end + COMPARATIVE_LOOKAHEAD_CHARS);
    // "23 days into early voting", "three weeks into the strike": a point reached in a span, not its length.
    const relative = COMPARATIVE_AFTER.test(after) || (quantity.kind === 'duration' && ELAPSED_INTO.test(after)) || isIncrement(sentence, quantity);
    found.push({ countedStems: [], ...quantity, qualifier: range === undefined ? qualifierBefore(sentence, quantity.start) : 'range', ...(range === 'low' || range === 'high' ? { rangeEnd: range } : {}), ...(whole ? { whole: true as const } : {}), ...(relative ? { relative: true as const } : {}) });
  };
  // Times of day: "9:32 p.m.", "6 a.m.", "18:45", "noon" is left alone.
  for (const match of sentence.matchAll(/\b(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?\s?m\b\.?|\b([01]?\d|2[0-3]):([0-5]\d)\b(?!\s*(?:percent|%))/gi)) {
    let hours: number;
    let minutes: number;
    if (match[3] !== undefined) {
      hours = (Number(match[1]) % 12) + (match[3].toLowerCase() === 'p' ? 12 : 0);
      minutes = Number(match[2] ?? 0);
    } else {
      hours = Number(match[4]);
      minutes = Number(match[5]);
    }
    claim({ kind: 'time-of-day', text: match[0].trim(), value: hours * 60 + minutes, unit: 'minute of day', start: match.index, end: match.index + match[0].trimEnd().length });
  }
  // Dates: "March 5", "5 March", "March 5, 2026".
  for (const match of sentence.matchAll(new RegExp(`\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\b(?:,?\\s+(\\d{4}))?`, 'g'))) {
    const month = monthIndex(match[1] ?? match[5]!);
    const day = Number(match[2] ?? match[4]);
    if (month < 0 || day < 1 || day > 31) continue;
    const year = match[3] ?? match[6];
    claim({ kind: 'date', text: match[0], value: DAYS_BEFORE_MONTH[month]! + day, unit: year === undefined ? 'day' : `day ${year}`, start: match.index, end: match.index + match[0].length });
  }
  // Ages: "45-year-old", "aged 45", "45 years old", "4 months old" (in years), "(45)" after a name is left alone.
  for (const match of sentence.matchAll(new RegExp(`\\b(${NUMERAL})[- ](years?|months?)[- ]old\\b|\\baged?\\s+(${NUMERAL})\\b`, 'gi'))) {
    const months = match[2] !== undefined && /^month/i.test(match[2]);
    claim({ kind: 'age', text: match[0], value: numeral(match[1] ?? match[3]!) / (months ? 12 : 1), unit: 'years of age', start: match.index, end: match.index + match[0].length });
  }
  // Percentages: "30 percent", "30%", "30 per cent".
  for (const match of sentence.matchAll(new RegExp(`(${NUMERAL})\\s*(?:%|percent\\b|per cent\\b|percentage points?\\b)`, 'gi'))) {
    claim({ kind: 'percent', text: match[0], value: numeral(match[1]!), unit: /point/i.test(match[0]) ? 'points' : 'percent', start: match.index, end: match.index + match[0].length });
  }
  // Money: "$4.5 million", "£20m", "5 million dollars", "€300".
  for (const match of sentence.matchAll(new RegExp(`([$£€¥])\\s?(${NUMERAL})(${SCALE})`, 'g'))) {
    claim({ kind: 'money', text: match[0].trim(), value: scaled(match[2]!, match[3]), unit: CURRENCY_SYMBOLS[match[1]!]!, start: match.index, end: match.index + match[0].trimEnd().length });
  }
  for (const match of sentence.matchAll(new RegExp(`\\b(${NUMERAL})(${SCALE})\\s+(dollars?|pounds? sterling|euros?|yen|yuan|rupees?|francs?|kroner|krone|crowns?)\\b`, 'gi'))) {
    const currency = CURRENCY_WORDS[match[3]!.toLowerCase().replace(/ sterling$/, '').replace(/s$/, '')] ?? match[3]!.toLowerCase();
    claim({ kind: 'money', text: match[0], value: scaled(match[1]!, match[2]), unit: currency, start: match.index, end: match.index + match[0].length });
  }
  // Durations: "70 minutes", "three hours", "two weeks" (not "two weeks ago", a date, nor "in two weeks", a time).
  for (const match of sentence.matchAll(new RegExp(`\\b(${NUMERAL}|a|an)(?:\\s+|-)(seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)\\b(?!\\s+(?:ago|old|later|earlier|from now))`, 'gi'))) {
    const before = sentence.slice(Math.max(0, match.index - 12), match.index);
    if (/\b(?:in|within|after|next|last|for the past|over the next)\s+$/i.test(before) && !/\bfor\b/i.test(before)) continue;
    // "the first two days of sales": the window another figure is counted over, not a length anyone states.
    if (/\b(?:first|initial|opening|final)\s+$/i.test(before)) continue;
    if (/^an?$/i.test(match[1]!)) {
      // "on a day when officials announced ...": a moment, not a length of time.
      if (/\bon\s+$/i.test(before) || /^\s+(?:when|where|in which|on which)\b/i.test(sentence.slice(match.index + match[0].length))) continue;
      // "210 meters a year", "$15 an hour", "twice a day": the unit a rate is counted per, not a length of time.
      if (RATE_BEFORE.test(sentence.slice(Math.max(0, match.index - RATE_REACH), match.index))) continue;
      // "a second radar campaign", "for a second time": the ordinal, not one second.
      if (/^seconds?$/i.test(match[2]!) && ORDINAL_SECOND_AFTER.test(sentence.slice(match.index + match[0].length))) continue;
    }
    // "A week without landings we can survive," / "A week after the attacks, ...": "a" opening a sentence or a quote
    // begins a noun phrase (a generic span, or a moment), not a length anyone states; "A month-long inquiry" is one.
    if (/^An?$/.test(match[1]!) && OPENING_BEFORE.test(sentence.slice(0, match.index)) && !/^-?\s*long\b/i.test(sentence.slice(match.index + match[0].length))) continue;
    // "aired on 60 Minutes", "28 Days Later": a capitalised unit in a sentence not written in title case names a show.
    if (/^\p{Lu}/u.test(match[2]!) && !titleCase(sentence)) continue;
    const unit = singular(match[2]!);
    // "a year and a half", "two hours and a half": the half follows the unit.
    const half = AND_A_HALF_AFTER.exec(sentence.slice(match.index + match[0].length))?.[0] ?? '';
    if (half !== '' && LOOKS_BACK_AFTER.test(sentence.slice(match.index + match[0].length + half.length))) continue;
    // "six days per week", "4 hours a week": how often, a time per a period, compared only with another per that period.
    const per = PER_UNIT_AFTER.exec(sentence.slice(match.index + match[0].length + half.length));
    const text = match[0] + half + (per?.[0] ?? '');
    claim({ kind: 'duration', text, value: (numeral(match[1]!) + (half === '' ? 0 : 0.5)) * (DURATION_UNITS[unit] ?? 1), unit: per === null ? 'seconds' : `seconds per ${singular(per[1]!)}`, start: match.index, end: match.index + text.length });
  }
  // Measures: "400 metres", "40,000 litres", "5 km", "2,000 m of boom".
  for (const match of sentence.matchAll(new RegExp(`(?<![\\w.,:$£€-])(${NUMERAL})(${SCALE})[\\s-]?(square kilometres?|square kilometers?|square miles?|nautical miles?|km/h|[a-zA-Z]+\\.?)`, 'g'))) {
    const unit = unitOf(match[3]!);
    if (unit === undefined) continue;
    // "m" after a number is a million in "£20m" (claimed above) and metres elsewhere.
    const text = match[0].replace(/\.$/, '');
    claim({ kind: 'measure', text, value: scaled(match[1]!, match[2]) * unit[1], unit: unit[0], start: match.index, end: match.index + text.length });
  }
  // Counts: "14 crew members", "26 nations", "a crew of 14" (what numberMentions reads), outside the spans above.
  for (const mention of numberMentions(sentence)) {
    // "32 p" from "9:32 p.m.": a number glued to a colon or a point belongs to another figure.
    if (/[:.]\d*$/.test(sentence.slice(Math.max(0, mention.start - 3), mention.start))) continue;
    if (/^(?:[ap]|[ap]\.m|am|pm)$/i.test(mention.counts)) continue;
    // "the first four days": a span the duration reading left out on purpose is no count of days either.
    if (/^(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?)$/i.test(mention.counts)) continue;
    // "send itself to the first 50 people on the list": a cut-off of a selection, no tally of anything (as "the first four days").
    if (SELECTION_BEFORE.test(sentence.slice(Math.max(0, mention.start - SELECTION_LOOKBEHIND_CHARS), mention.start))) continue;
    // "a micro-USB 3.0 port", "Android 4.4 devices": a version. Things are counted whole, so a decimal count without a
    // scale word ("2.5 million people" has one) is a version or a model number, not a tally.
    if (/^\d+\.\d+(?!\s+(?:thousand|million|billion|trillion)\b)(?:\s|$)/.test(mention.text)) continue;
    claim({ kind: 'count', text: mention.text, value: mention.value, unit: mention.countedStems.join(' '), countedStems: mention.countedStems, counted: mention.counts, numeral: mention.numeral, ...(mention.partitive === true ? { partitive: true as const } : {}), start: mention.start, end: mention.end });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Tolerance within which two times of day are the same time told roughly ("9:30" for "9:32"). */
const TIME_OF_DAY_TOLERANCE_MINUTES = 10;
/** ... and when either is told as approximate ("around 9:30 p.m." / "9:19 p.m."): a quarter hour, the coarsest
 * rounding of a clock time in speech. The plant generator moves a time by two hours. */
const APPROXIMATE_TIME_TOLERANCE_MINUTES = 15;
/** Measures written in different units agree within this share: a conversion rounded ("50 cm" / "20-inch" is 1.6%). */
const CONVERSION_TOLERANCE = 0.05;
/** The unit word as written ("cm", "inch"), to tell a converted measure from the same unit restated. */
const writtenUnit = (quantity: Quantity) => /[a-z]+\.?$/i.exec(quantity.text)?.[0].toLowerCase().replace(/(?:es|s|\.)$/, '') ?? '';
/** "about 40" agrees with anything within this share of 40. */
const ABOUT_TOLERANCE = 0.1;

/** Whether two quantities can disagree at all: the same kind, and the same unit or counted thing. */
export function comparable(x: Quantity, y: Quantity): boolean {
  if (x.kind !== y.kind) return false;
  if (x.kind === 'count') return x.countedStems.some((stem) => y.countedStems.includes(stem));
  if (x.kind === 'date') return x.unit === y.unit || x.unit === 'day' || y.unit === 'day';
  return x.unit === y.unit;
}

/** The value of one unit in the last written digit: 1 for "43 percent", 0.1 for "42.8", 100,000 for "7.3 million"
 * (for kinds whose value is the written number times a unit or scale, not dates or times of day). */
function step(quantity: Quantity): number {
  let known = steps.get(quantity);
  if (known === undefined) steps.set(quantity, (known = stepOf(quantity)));
  return known;
}

/** Steps and round steps by quantity: a large story compares each figure with thousands of others. */
const steps = new WeakMap<Quantity, number>();
const roundSteps = new WeakMap<Quantity, number>();

function stepOf(quantity: Quantity): number {
  const written = /\d[\d,]*(?:\.(\d+))?/.exec(quantity.text);
  if (written === null) return 0;
  const number = Number(written[0].replace(/,/g, ''));
  // A one-digit figure ("$1 million", "2 minutes") is a figure as said, not a rounding of another one.
  const significant = written[0].replace(/[,.]/g, '').replace(/^0+/, '').replace(written[1] === undefined ? /0+$/ : /$^/, '').length;
  if (number === 0 || significant < 2) return 0;
  return (quantity.value / number) * 10 ** -(written[1]?.length ?? 0);
}

/** Kinds whose round figures are roundings ("2 percent" for 2.3, "60 percent" for 62, "$3 trillion" for $2.9 trillion);
 * a count, an age or a duration told as "60" or "2" is taken as counted. */
const ROUNDED_KINDS: ReadonlySet<QuantityKind> = new Set(['percent', 'money', 'measure']);
/** ... and only within this share of the larger figure: "10 percent" is no rounding of 13 percent, "60" is of 62. */
const ROUND_FIGURE_MAX_SHARE = 0.15;

/** The value of one unit in a round figure's only significant digit ("60 percent": 10, "$3 trillion": 1 trillion), or 0. */
function roundStep(quantity: Quantity): number {
  let known = roundSteps.get(quantity);
  if (known === undefined) roundSteps.set(quantity, (known = roundStepOf(quantity)));
  return known;
}

function roundStepOf(quantity: Quantity): number {
  // "two million members" for 2.1 million, "three million people" for 3.3 million: a count told in millions is rounded.
  const scale = quantity.kind === 'count' ? /^(?:one|two|three|four|five|six|seven|eight|nine|\d)\s+(thousand|million|billion|trillion)\b/i.exec(quantity.text)?.[1] : undefined;
  if (scale !== undefined) return SCALE_WORDS[scale.toLowerCase()]!;
  if (!ROUNDED_KINDS.has(quantity.kind)) return 0;
  const written = /\d[\d,]*(?:\.\d+)?/.exec(quantity.text)?.[0];
  if (written === undefined || written.includes('.')) return 0;
  const digits = written.replace(/,/g, '').replace(/^0+/, '');
  if (digits === '' || digits.replace(/0+$/, '').length !== 1) return 0;
  return quantity.value / Number(digits[0]);
}

/** A round figure that the other, finer one rounds to: "2 percent" / "2.3 percent", "60 percent" / "62 percent". */
function roundingOf(round: Quantity, fine: Quantity): boolean {
  const unit = roundStep(round);
  const difference = Math.abs(round.value - fine.value);
  return unit > 0 && difference < unit / 2 && difference <= ROUND_FIGURE_MAX_SHARE * Math.max(round.value, fine.value);
}

/** A figure that is the finer one with its last digits dropped: "29 percent" for 29.6 percent (news copy truncates as
 * often as it rounds), for the kinds whose round figures are roundings. */
function truncationOf(coarse: Quantity, fine: Quantity): boolean {
  if (!ROUNDED_KINDS.has(coarse.kind)) return false;
  const unit = step(coarse);
  if (unit <= 0 || step(fine) >= unit || fine.value < coarse.value) return false;
  return fine.value - coarse.value < unit * (1 - 1e-9);
}

/** Whether two comparable quantities say different things (bounds and estimates that overlap agree). */
export function conflicting(x: Quantity, y: Quantity): boolean {
  if (x.value === y.value) return false;
  if (roundingOf(x, y) || roundingOf(y, x)) return false;
  // "43 percent" is "42.8 percent" rounded: figures agree within half a step of the coarser one as written.
  if (x.kind !== 'date' && x.kind !== 'time-of-day' && Math.abs(x.value - y.value) <= Math.max(step(x), step(y)) / 2) return false;
  // Two approximate figures agree when their tolerances meet: "around 5:30 p.m." and "around 5pm" may be one moment.
  const approximate = (quantity: Quantity) => (quantity.qualifier === 'about' ? 1 : 0);
  if (x.kind === 'time-of-day') return Math.abs(x.value - y.value) > Math.max(TIME_OF_DAY_TOLERANCE_MINUTES, (approximate(x) + approximate(y)) * APPROXIMATE_TIME_TOLERANCE_MINUTES);
  if (truncationOf(x, y) || truncationOf(y, x)) return false;
  // "a 50 cm rise" / "a 20-inch rise": one measure converted by the writer, rounded in its own unit.
  if (x.kind === 'measure' && writtenUnit(x) !== writtenUnit(y) && Math.abs(x.value - y.value) <= CONVERSION_TOLERANCE * Math.max(x.value, y.value)) return false;
  const fits = (bound: Quantity, other: Quantity) =>
    (bound.qualifier === 'at-least' && other.value >= bound.value) ||
    (bound.qualifier === 'at-most' && other.value <= bound.value) ||
    (bound.qualifier === 'about' && Math.abs(other.value - bound.value) <= ABOUT_TOLERANCE * (bound.value + approximate(other) * other.value));
  return !fits(x, y) && !fits(y, x);
}

/** Content stems of the words next to a quantity: what it is a figure of ("crew", "rescued", "Kestrel"). */
export function neighbourhood(sentence: string, quantity: Quantity, reach = 40): Set<string> {
  // Within the figure's own clause: "..., according to IMS Health" or "The Times said, ..." say who, not what.
  // A count keeps the whole reach: its counted noun already says what it is ("11 of the 15 crew, while ...").
  const clip = quantity.kind !== 'count';
  const rawBefore = sentence.slice(Math.max(0, quantity.start - reach), quantity.start);
  const rawAfter = sentence.slice(quantity.end, quantity.end + reach);
  const before = clip ? rawBefore.split(/[,;:—–(]|\baccording to\b/).pop()! : rawBefore;
  const after = clip ? rawAfter.split(/[,;:—–)]|\baccording to\b/)[0]! : rawAfter;
  const window = `${before} ${after}`;
  return new Set(tokenize(window).filter((token) => !token.stop && !/\d/.test(token.norm)).map((token) => token.stem));
}
