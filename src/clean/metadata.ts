// Reading the metadata that boilerplate lines carry: bylines, logo lines, copyright holders, dates.
// Each reader returns undefined when the line is not of its kind, so the rules use them as tests too.

import { moreWordsThan, wordCount } from './blocks.ts';
import {
  BYLINE_MAX_WORDS,
  COPYRIGHT_MAX_WORDS,
  KNOWN_AGENCIES,
  MONTH_NUMBERS,
  OUTLET_MAX_WORDS,
  PATTERNS,
  TIMESTAMP_MAX_WORDS,
} from './patterns.ts';

/** A calendar date found in a line, with where it stood so callers can cut it out. */
export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

export interface Byline {
  /** Undefined for agency-only bylines such as "By Reuters" and for staff credits. */
  name?: string;
  /** The outlet the byline names: "Associated Press" in "By Maren O. Falk, Associated Press." */
  outlet?: string;
  published?: string;
}

export interface LogoLine {
  outlet: string;
  published?: string;
  byline?: string;
}

export interface Copyright {
  holder?: string;
}

export interface Timestamp {
  /** Set for "Published"/"Posted" lines only: an "Updated" time is not the publication date. */
  published?: string;
}

/** The first real calendar date in the text (m/d/yyyy, yyyy-mm-dd, "Jan. 20, 2016", "20 January 2016"). */
export function findDate(text: string): FoundDate | undefined {
  const candidates: Array<[RegExpExecArray | null, (m: RegExpExecArray) => [string, string, string]]> = [
    [PATTERNS.usDate.exec(text), (m) => [m[3]!, m[1]!, m[2]!]],
    [PATTERNS.isoDate.exec(text), (m) => [m[1]!, m[2]!, m[3]!]],
    [PATTERNS.monthDayYear.exec(text), (m) => [m[3]!, monthNumber(m[1]!), m[2]!]],
    [PATTERNS.dayMonthYear.exec(text), (m) => [m[3]!, monthNumber(m[2]!), m[1]!]],
  ];
  for (const [match, parts] of candidates) {
    if (!match) continue;
    const iso = isoDate(...parts(match));
    if (iso) return { iso, index: match.index, length: match[0].length };
  }
  return undefined;
}

function monthNumber(name: string): string {
  return String(MONTH_NUMBERS.get(name.slice(0, 3).toLowerCase()) ?? 0);
}

/** "2016", "1", "20" -> "2016-01-20"; undefined for impossible dates such as 2/30. */
function isoDate(year: string, month: string, day: string): string | undefined {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${year.padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function withoutDate(text: string, date: FoundDate | undefined): string {
  if (!date) return text;
  return `${text.slice(0, date.index)} ${text.slice(date.index + date.length)}`.replace(/\s+/g, ' ').trim();
}

/**
 * "By Maren O. Falk, Associated Press." -> { name: "Maren O. Falk", outlet: "Associated Press" };
 * also "By Reuters" and staff credits ("Blue Coast Monitor | Staff report").
 */
export function readByline(line: string): Byline | undefined {
  if (moreWordsThan(line, BYLINE_MAX_WORDS)) return undefined;
  const lead = PATTERNS.bylineLead.exec(line);
  if (!lead) return readStaffCredit(line);
  const date = findDate(lead[1]!);
  const rest = withoutDate(lead[1]!, date).replace(/[\s.,|–—-]+$/, '');
  const byline: Byline = {};
  if (date) byline.published = date.iso;
  if (canonicalAgency(rest) !== undefined) return { ...byline, outlet: rest };
  const [name = '', ...affiliation] = rest.split(/\s*(?:,|\||\s[-–—]\s)\s*/);
  if (!PATTERNS.personName.test(name) || wordCount(name) < 2) return undefined;
  if (!affiliation.every((part) => PATTERNS.outletName.test(part))) return undefined;
  byline.name = name;
  if (affiliation[0] !== undefined) byline.outlet = affiliation[0];
  return byline;
}

function readStaffCredit(line: string): Byline | undefined {
  const match = PATTERNS.staffCredit.exec(line);
  if (!match) return undefined;
  const outlet = (match[1] ?? match[2])?.trim();
  if (outlet === undefined) return {};
  return PATTERNS.outletName.test(outlet) && wordCount(outlet) <= OUTLET_MAX_WORDS ? { outlet } : undefined;
}

/** "The Gull Haven Gazette logo The Gull Haven Gazette 3/7/2024 Ivo Brandt" (MSN's masthead line). */
export function readLogoLine(line: string): LogoLine | undefined {
  const match = PATTERNS.logoLine.exec(line);
  if (!match) return undefined;
  const outlet = match[1]!;
  if (!PATTERNS.outletName.test(outlet) || wordCount(outlet) > OUTLET_MAX_WORDS) return undefined;
  const after = match[2] ?? '';
  if (after === '') return { outlet };
  if (!after.toLowerCase().startsWith(outlet.toLowerCase())) return undefined;
  const tail = after.slice(outlet.length).trim();
  const date = findDate(tail);
  const name = withoutDate(tail, date);
  const result: LogoLine = { outlet };
  if (date) result.published = date.iso;
  if (name !== '' && PATTERNS.personName.test(name)) result.byline = name;
  return result;
}

/** "Copyright 2016 The Associated Press. All rights reserved." -> { holder: "The Associated Press" }. */
export function readCopyright(line: string): Copyright | undefined {
  if (PATTERNS.redistribution.test(line) || /^all rights reserved\.?$/i.test(line)) return {};
  const match = PATTERNS.copyrightLead.exec(line);
  if (!match || moreWordsThan(line, COPYRIGHT_MAX_WORDS)) return undefined;
  const hasYear = match[1] !== undefined;
  if (!hasYear && !PATTERNS.allRightsReserved.test(line)) return undefined;
  const rest = match[2] ?? '';
  const end = PATTERNS.holderEnd.exec(rest);
  const holder = (end ? rest.slice(0, end.index) : rest).trim();
  if (holder === '') return {};
  // "Copyright 2016 law changes ..." is a sentence, not a notice.
  if (!PATTERNS.outletName.test(holder) || wordCount(holder) > OUTLET_MAX_WORDS) {
    return PATTERNS.allRightsReserved.test(line) ? {} : undefined;
  }
  return { holder };
}

/** "Published: 1/20/2016 3:45 PM" — a line that is only a time stamp. */
export function readTimestamp(line: string): Timestamp | undefined {
  const match = PATTERNS.timestamp.exec(line);
  if (!match || moreWordsThan(line, TIMESTAMP_MAX_WORDS)) return undefined;
  const date = findDate(match[2]!);
  if (!date) return undefined;
  return /^(?:published|posted|first published)$/i.test(match[1]!) ? { published: date.iso } : {};
}

/** "AP" -> "Associated Press"; undefined for names that are not a known wire agency. */
export function canonicalAgency(name: string): string | undefined {
  return KNOWN_AGENCIES.get(name.trim().toUpperCase());
}

/**
 * The name to report for an outlet: the agency's usual name when it is one, else as the page gave it,
 * the trading name when a company is named "doing business as" ("Example Media LLC d/b/a The Gull Haven Gazette").
 */
export function outletDisplayName(name: string): string {
  const trading = name.split(/\s+d\/b\/a\s+/i).at(-1)!.trim();
  return canonicalAgency(trading) ?? trading;
}
