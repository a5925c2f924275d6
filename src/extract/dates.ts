// Publication dates as pages write them: ISO 8601 in attributes, and day-month-year in words or digits
// in visible text. A date is only returned when every part was read from the page: nothing is guessed.

export interface PageDate {
  /**
   * ISO 8601 as the page states it: with its own offset when a time of day was given (`Z` when the page
   * gave none), else the calendar day `YYYY-MM-DD`. Converting to UTC would move late-evening dates a day.
   */
  iso: string;
  /** The calendar day as the page states it, before any time-zone shift. */
  day: string;
  /**
   * True when a time of day was written in UTC (`Z`, `+00:00`) or with no zone: the stated day is then
   * UTC's, which for publishers east or west of Greenwich can be a day off their own calendar.
   */
  utcTime?: boolean;
}

const DAY_MILLIS = 24 * 60 * 60 * 1000;

/** Whole days from `a` to `b` (both `YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MILLIS);
}

/** Years outside this range are page furniture (copyright lines, ids), not publication dates of web pages. */
const MIN_YEAR = 1995;
const MAX_YEAR = 2100;

const MONTHS: Record<string, number> = {};
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'jänner', 'janvier', 'janv', 'enero', 'gennaio', 'januari', 'janeiro', 'stycznia', 'styczeń'],
  ['february', 'feb', 'februar', 'feber', 'février', 'fevrier', 'févr', 'febrero', 'febbraio', 'februari', 'fevereiro', 'lutego', 'luty'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'maart', 'março', 'marca', 'marzec'],
  ['april', 'apr', 'avril', 'abril', 'aprile', 'kwietnia', 'kwiecień'],
  ['may', 'mai', 'mayo', 'maggio', 'mei', 'maio', 'maja', 'maj'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'junho', 'czerwca', 'czerwiec'],
  ['july', 'jul', 'juli', 'juillet', 'julio', 'luglio', 'julho', 'lipca', 'lipiec'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'augustus', 'sierpnia', 'sierpień'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'setembro', 'września', 'wrzesień'],
  ['october', 'oct', 'okt', 'oktober', 'octobre', 'octubre', 'ottobre', 'outubro', 'października', 'październik'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopada', 'listopad'],
  ['december', 'dec', 'dez', 'dezember', 'décembre', 'decembre', 'diciembre', 'dicembre', 'dezembro', 'grudnia', 'grudzień'],
];
MONTH_NAMES.forEach((names, index) => {
  for (const name of names) MONTHS[name] = index + 1;
});
const MONTH_WORD = `(${Object.keys(MONTHS).sort((x, y) => y.length - x.length).join('|')})\\.?`;

const pad = (value: number): string => String(value).padStart(2, '0');

function validDay(year: number, month: number, day: number): string | undefined {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined; // 31 April and the like
  return `${year}-${pad(month)}-${pad(day)}`;
}

const ISO_PATTERN = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/;
const COMPACT_PATTERN = /^\s*(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?\s*$/;

/**
 * RFC 2822 as HTTP headers and RSS write it ("Wed, 04 May 2022 00:25:56 GMT") and JavaScript's
 * `Date.toString()` ("Tue Feb 20 2018 01:00:00 GMT+0100 (…)"): English month names, a time, a zone.
 */
const RFC_2822_PATTERN = /^\s*(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?)?/i;
const JS_DATE_PATTERN = /^\s*[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(?:GMT|UTC)?([+-]\d{4})?)?/i;
/** Java's `Date.toString()`, which JSP-based CMSs print: "Mon Oct 11 14:57:21 CEST 2021". Its zone is an abbreviation, so only the day is kept. */
const JAVA_DATE_PATTERN = /^\s*[a-z]{3}\s+([a-z]{3})\s+(\d{1,2})\s+\d{2}:\d{2}(?::\d{2})?\s+[a-z]{2,5}\s+(\d{4})\b/i;
const ENGLISH_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A day, an optional time of day and an optional zone, as one PageDate (the zone kept as the page gave it). */
function withTime(day: string, hour: string | undefined, minute: string | undefined, second: string | undefined, zoneText: string | undefined): PageDate {
  if (hour === undefined || minute === undefined) return { iso: day, day };
  const rawZone = zoneText === undefined || /^(?:GMT|UTC|UT)$/i.test(zoneText) ? 'Z' : zoneText.toUpperCase();
  const zone = /^[+-]\d{4}$/.test(rawZone) ? `${rawZone.slice(0, 3)}:${rawZone.slice(3)}` : rawZone;
  const local = `${day}T${hour.padStart(2, '0')}:${minute}:${second ?? '00'}${zone}`;
  if (Number.isNaN(Date.parse(local))) return { iso: day, day };
  const utcTime = zone === 'Z' || /^[+-]00:00$/.test(zone);
  return utcTime ? { iso: local, day, utcTime } : { iso: local, day };
}

/** Reads a machine-readable date (ISO 8601 and its common near-misses, RFC 2822) from an attribute value. */
export function parseMachineDate(value: string): PageDate | undefined {
  const match = ISO_PATTERN.exec(value) ?? COMPACT_PATTERN.exec(value);
  if (match !== null) {
    const day = validDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return day === undefined ? undefined : withTime(day, match[4], match[5], match[6], match[7]);
  }
  const rfc = RFC_2822_PATTERN.exec(value);
  const rfcMonth = rfc === null ? -1 : ENGLISH_MONTHS.indexOf((rfc[2] ?? '').toLowerCase());
  if (rfc !== null && rfcMonth >= 0) {
    const day = validDay(Number(rfc[3]), rfcMonth + 1, Number(rfc[1]));
    return day === undefined ? undefined : withTime(day, rfc[4], rfc[5], rfc[6], rfc[7]);
  }
  const js = JS_DATE_PATTERN.exec(value);
  const jsMonth = js === null ? -1 : ENGLISH_MONTHS.indexOf((js[1] ?? '').toLowerCase());
  if (js !== null && jsMonth >= 0) {
    const day = validDay(Number(js[3]), jsMonth + 1, Number(js[2]));
    return day === undefined ? undefined : withTime(day, js[4], js[5], js[6], js[7]);
  }
  const java = JAVA_DATE_PATTERN.exec(value);
  const javaMonth = java === null ? -1 : ENGLISH_MONTHS.indexOf((java[1] ?? '').toLowerCase());
  if (java !== null && javaMonth >= 0) {
    const day = validDay(Number(java[3]), javaMonth + 1, Number(java[2]));
    return day === undefined ? undefined : { iso: day, day };
  }
  return parseTextDate(value);
}

/** How a page writes dates in digits, where the digits alone do not say. */
export interface TextDateOptions {
  /**
   * The order of an all-digit slash date such as `03/05/2022`, from the page's locale: the United States
   * write month first, most of the world day first. Without it, such a date is read only when one order is
   * impossible (a part above 12).
   */
  slashOrder?: 'day-first' | 'month-first';
  /**
   * Read two-digit years (`23.09.22`). Only for a short element that shows a date: in running text the
   * same digits are as often versions, scores or times.
   */
  shortYear?: boolean;
}

/** Two-digit years from this one on are read as 19xx (the oldest pages on the web), below it as 20xx. */
const SHORT_YEAR_PIVOT = 90;

const TEXT_PATTERNS: readonly { pattern: RegExp; read: (match: RegExpExecArray, options: TextDateOptions) => string | undefined }[] = [
  // 2019-08-02, 2019/08/02
  { pattern: /\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/, read: (m) => validDay(Number(m[1]), Number(m[2]), Number(m[3])) },
  // 02.08.2019 (day first: the European order; the corpus languages write it so)
  { pattern: /\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b/, read: (m) => validDay(Number(m[3]), Number(m[2]), Number(m[1])) },
  // 2. August 2019, 2 août 2019, 2nd August 2019
  { pattern: new RegExp(`\\b(\\d{1,2})(?:\\.|st|nd|rd|th)?\\s+(?:de\\s+)?${MONTH_WORD}\\s+(?:de\\s+)?(\\d{4})\\b`, 'i'), read: (m) => validDay(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1])) },
  // August 2, 2019
  { pattern: new RegExp(`\\b${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'i'), read: (m) => validDay(Number(m[3]), MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2])) },
  // 08/02/2019: the locale's order when known, else only when one order is impossible
  {
    pattern: /\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/,
    read: (m, options) => {
      const first = Number(m[1]);
      const second = Number(m[2]);
      if (first > 12 || (second <= 12 && options.slashOrder === 'day-first')) return validDay(Number(m[3]), second, first);
      if (second > 12 || (first <= 12 && options.slashOrder === 'month-first')) return validDay(Number(m[3]), first, second);
      return undefined;
    },
  },
  // 23.09.22, day first, in short date elements only (see TextDateOptions.shortYear)
  {
    pattern: /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d])/,
    read: (m, options) => {
      if (options.shortYear !== true) return undefined;
      const shortYear = Number(m[3]);
      return validDay(shortYear >= SHORT_YEAR_PIVOT ? 1900 + shortYear : 2000 + shortYear, Number(m[2]), Number(m[1]));
    },
  },
];

/** Finds the first full date (day, month and year) written in a piece of text. */
export function parseTextDate(text: string, options: TextDateOptions = {}): PageDate | undefined {
  let best: { index: number; day: string } | undefined;
  for (const { pattern, read } of TEXT_PATTERNS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const day = read(match, options);
    if (day !== undefined && (best === undefined || match.index < best.index)) best = { index: match.index, day };
  }
  return best === undefined ? undefined : { iso: best.day, day: best.day };
}

/** Dates in a URL path: /2019/08/02/, /2019-08-02-, /20190802/. Year and month alone are not a date. */
export function parseUrlDate(url: string): PageDate | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /(?:^|\/)(\d{4})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_-]|$)/.exec(path) ?? /(?:^|[/_-])(\d{4})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(path);
  if (match !== null) {
    const day = validDay(Number(match[1]), Number(match[2]), Number(match[3]));
    return day === undefined ? undefined : { iso: day, day };
  }
  // Day first with the year last (/meldungen/29-10-2021), as European CMSs name pages: hyphens only, since
  // slashes there would be folders whose order nothing fixes.
  const dayFirst = /(?:^|[/_-])(\d{1,2})-(\d{1,2})-(\d{4})(?:[/_.-]|$)/.exec(path);
  if (dayFirst === null) return undefined;
  const day = validDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return day === undefined ? undefined : { iso: day, day };
}
