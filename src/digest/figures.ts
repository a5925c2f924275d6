// The figures a sentence tells, as facts two sentences can share: "about 120,000 Nimbus 3 power banks" and
// "roughly 120,000 of the 20,000mAh packs" tell one fact in two wordings, though they share no other word.
import { neighbourhood, quantities, type Quantity } from '../facts/quantities.ts';

/**
 * A figure at least this large, or written with a decimal point, is specific enough that a story uses it for one
 * thing: two sentences giving it tell the same fact whatever noun each puts after it ("120,000 power banks",
 * "120,000 of the packs"). A smaller whole number ("14", "three") is one fact only with the same counted thing.
 */
const SPECIFIC_FIGURE_MIN = 1000;
/** Kinds that place something in time or give a person's age: told in many sentences with different facts. */
const NOT_A_FACT_OF_ITS_OWN: ReadonlySet<Quantity['kind']> = new Set(['date', 'time-of-day', 'age']);
/**
 * Kinds a story uses for many things at once ("$50,000 bail" of two people, "10 percent" of weight and of risk, "a
 * year" in prison and of probation): the same sum, share or length of time is one fact only about the same thing,
 * read as a content word shared by the figures' own clauses ("six months in prison" / "six months of probation": no;
 * "a 10% stake" / "a stake as large as 10%": yes; "in prison" / "a sentence": yes, SAME_FRAME).
 */
const FRAMED_KINDS: ReadonlySet<Quantity['kind']> = new Set(['money', 'percent', 'duration']);
/**
 * A sum, share or length of time written with this many significant digits ("$136,927", "$8.84 million", "22.5
 * percent") is specific enough to be one fact whatever it is said of, as a count of 1,000 or more is.
 */
const SPECIFIC_FRAMED_DIGITS = 3;
/** Characters either side of a framed figure read for what it is of (the figure's clause within them). */
const ABOUT_REACH_CHARS = 20;
/**
 * Stems that name one frame in other words: a length of time "in prison", "in jail", a "sentence", "jailed",
 * "imprisoned" is the term a court gave ("six months in prison" / "a six-month sentence"), so they count as one word.
 */
const SAME_FRAME: ReadonlyMap<string, string> = new Map(['jail', 'prison', 'imprison', 'incarcer', 'sentenc', 'custodi'].map((stem) => [stem, 'custodial term']));

/**
 * A figure after "the" or a possessive points back to one told ("said the 8,400 tons of solvents appeared to be
 * secure", "the 14 victims included"): the sentence tells something of it, not the figure again.
 */
const REFERRING_BEFORE = /\b(?:the|these|those|its|their|his|her|our)\s+(?:(?:about|some|nearly|roughly|estimated)\s+)?$/i;
/** Characters before a figure read for REFERRING_BEFORE: "those estimated " with room. */
const REFERRING_LOOKBEHIND_CHARS = 20;

function refersBack(text: string, start: number): boolean {
  return REFERRING_BEFORE.test(text.slice(Math.max(0, start - REFERRING_LOOKBEHIND_CHARS), start));
}

/** Significant digits of the first number written in a figure: 3 for "$136,000" and "$1.25 million", 1 for "$50,000". */
function significantDigits(written: string): number {
  const digits = /\d[\d,]*(?:\.\d+)?/.exec(written)?.[0].replace(/[,.]/g, '').replace(/^0+/, '').replace(/0+$/, '') ?? '';
  return digits.length;
}

function isSpecific(value: number): boolean {
  return value >= SPECIFIC_FIGURE_MIN || !Number.isInteger(value);
}

/** One figure a sentence tells: its kind and value (and unit), and what it counts where that can be read. */
export interface FigureFact {
  /** A count ("120,000 Nimbus 3 power banks", "120,000 of the packs") is a 'figure'. */
  kind: Exclude<Quantity['kind'], 'count'> | 'figure';
  /** Kind, value and unit: "figure 120000", "measure 400 m", "money 5000000 USD". */
  key: string;
  /** Stems of the counted noun ("peopl"); empty when the sentence names none that can be read. */
  counted: string[];
  /** A small whole number ("14 people", "two parties"): the same fact only with the same counted thing. */
  small: boolean;
  /** For a sum, share or length of time (FRAMED_KINDS): content stems of its own clause, what it is of. */
  about?: string[];
}

/** The figures of a sentence as facts; sameFigure tells when two of them are one. */
export function figureFacts(text: string): FigureFact[] {
  const facts: FigureFact[] = [];
  const typed = quantities(text);
  for (const quantity of typed) {
    if (NOT_A_FACT_OF_ITS_OWN.has(quantity.kind) || quantity.relative === true || refersBack(text, quantity.start)) continue;
    // Counts and plain figures share one key space: "120,000 units" and a bare "120,000" are one figure.
    const kind = quantity.kind === 'count' ? 'figure' : quantity.kind;
    const key = kind === 'figure' ? `figure ${quantity.value}` : `${kind} ${quantity.value} ${quantity.unit}`;
    const small = !isSpecific(quantity.value);
    // "120,000 of the models": the things are named by a reference back, any word for them; what it counts is unread.
    const counted = quantity.partitive === true ? [] : quantity.countedStems;
    // A small count needs its counted noun to say which fact it is; a small measure or sum has its unit.
    if (small && quantity.kind === 'count' && counted.length === 0) continue;
    const fact: FigureFact = { kind, key, counted, small: small && quantity.kind === 'count' };
    if (FRAMED_KINDS.has(quantity.kind) && significantDigits(quantity.text) < SPECIFIC_FRAMED_DIGITS) fact.about = [...new Set([...neighbourhood(text, quantity, ABOUT_REACH_CHARS)].map((stem) => SAME_FRAME.get(stem) ?? stem))];
    facts.push(fact);
  }
  return facts;
}

/**
 * Whether two figures are one fact: the same kind, value and unit, and not two different counted things ("5,000
 * people" and "5,000 cases" are two facts; "120,000 power banks" and a bare "120,000" one). A small count needs
 * the same counted noun on both sides; a sum, share or length of time not written specifically needs a content word
 * of its own clause on both sides ("a 10% stake" / "a stake as large as 10%").
 */
export function sameFigure(x: FigureFact, y: FigureFact): boolean {
  if (x.key !== y.key) return false;
  if (x.about !== undefined || y.about !== undefined) return (x.about ?? []).some((stem) => (y.about ?? []).includes(stem));
  if (x.counted.length === 0 || y.counted.length === 0) return !x.small && !y.small;
  return x.counted.some((stem) => y.counted.includes(stem));
}
