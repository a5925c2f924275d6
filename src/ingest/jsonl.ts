// JSON Lines reader: one article per line, with newsfold's field names or news-please's.
import type { RawArticle } from '../model.ts';
import type { IngestItem } from './index.ts';

/** The field names newsfold reads, each with the news-please name it also accepts. */
const FIELD_ALIASES = {
  text: ['text', 'maintext'],
  published: ['published', 'date_publish'],
  source: ['source', 'source_domain'],
  title: ['title'],
  url: ['url'],
  id: ['id'],
  language: ['language'],
} as const;

type Field = keyof typeof FIELD_ALIASES;

function pickString(record: Record<string, unknown>, field: Field): string | undefined {
  for (const name of FIELD_ALIASES[field]) {
    const value = record[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number' && field === 'id') return String(value);
  }
  return undefined;
}

/** news-please writes "2016-01-20 10:00:00" without a zone; such times are read as UTC. */
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Whether text starting YYYY-MM-DD names a day no calendar has (2026-02-30, 2026-04-31, a 29 February outside a
 * leap year): Date.parse rolls such a day into the next month, so a record's date was stored days off, silently.
 */
export function impossibleDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text.trim());
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day;
}

/** Normalises a publication time to ISO 8601 UTC, or returns undefined if it is not a date. */
export function parsePublished(value: string): string | undefined {
  const trimmed = value.trim();
  if (!ISO_DATE.test(trimmed) || impossibleDay(trimmed)) return undefined;
  const withZone = ZONELESS_DATE_TIME.test(trimmed) ? `${trimmed.replace(' ', 'T')}Z` : trimmed.replace(' ', 'T');
  const millis = Date.parse(withZone);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}

/**
 * Deepest nesting a record may have. Article records nest two or three levels; a deeper line is refused
 * before JSON.parse builds it, so a line of brackets cannot make the reader build a deep object graph.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `line` nests objects and arrays deeper than `limit` (brackets inside strings do not count). */
export function nestsDeeperThan(line: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let at = 0; at < line.length; at++) {
    const code = line.charCodeAt(at);
    if (inString) {
      if (code === 0x5c) at++; // backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x7b || code === 0x5b) {
      if (++depth > limit) return true;
    } else if (code === 0x7d || code === 0x5d) depth--;
  }
  return false;
}

export function parseJsonLine(path: string, lineNumber: number, line: string): IngestItem | undefined {
  if (line.trim() === '') return undefined;
  const where = { path, line: lineNumber };
  if (nestsDeeperThan(line, MAX_JSON_DEPTH)) {
    return { kind: 'problem', problem: { code: 'E_JSON', message: `record nests deeper than ${MAX_JSON_DEPTH} levels`, ...where } };
  }
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'problem', problem: { code: 'E_JSON', message: `malformed JSON: ${reason}`, ...where } };
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    return { kind: 'problem', problem: { code: 'E_JSON', message: 'line is not a JSON object', ...where } };
  }
  return recordFromJson(path, lineNumber, record as Record<string, unknown>);
}

/** Why a record has no text, in its own terms: `{"text": 123}` was "has no `text`", which it plainly has. */
function missingText(fields: Record<string, unknown>): string {
  for (const name of FIELD_ALIASES.text) {
    const value = fields[name];
    if (value === undefined) continue;
    if (typeof value === 'string') return `record's \`${name}\` is empty`;
    return `record's \`${name}\` is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not a string`;
  }
  return 'record has no `text` or `maintext`';
}

/** What a field should be, as a problem says it; the id may be a number too (news sites number their articles). */
function expectedType(field: Field): string {
  if (field === 'id') return 'a string or a number';
  if (field === 'published') return 'a string (an ISO 8601 date)';
  return 'a string';
}

/**
 * Why a record's field cannot be read, when one is given with a type no article field has (a `published` given as
 * epoch seconds, a `title` as a list): dropping it quietly would file the article undated or untitled with no word.
 * `null` is a field not given (news-please writes null for what it did not find).
 */
function wrongType(fields: Record<string, unknown>): string | undefined {
  for (const field of Object.keys(FIELD_ALIASES) as Field[]) {
    if (field === 'text') continue; // missingText says why a record has no text
    for (const name of FIELD_ALIASES[field]) {
      const value = fields[name];
      if (value === undefined || value === null || typeof value === 'string') continue;
      if (typeof value === 'number' && field === 'id') continue;
      const kind = Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
      return `record's \`${name}\` is ${kind}, not ${expectedType(field)}`;
    }
  }
  return undefined;
}

/** An article from one parsed JSON object (a JSON Lines line, or a news-please `.json` file when `lineNumber` is undefined). */
export function recordFromJson(path: string, lineNumber: number | undefined, fields: Record<string, unknown>): IngestItem {
  const where = lineNumber === undefined ? { path } : { path, line: lineNumber };
  const text = pickString(fields, 'text');
  if (text === undefined) {
    return { kind: 'problem', problem: { code: 'E_RECORD', message: missingText(fields), ...where } };
  }
  const wrong = wrongType(fields);
  if (wrong !== undefined) return { kind: 'problem', problem: { code: 'E_RECORD', message: wrong, ...where } };
  const raw: RawArticle = { origin: lineNumber === undefined ? { path, format: 'jsonl' } : { path, line: lineNumber, format: 'jsonl' }, text };
  const givenPublished = pickString(fields, 'published');
  if (givenPublished !== undefined) {
    const published = parsePublished(givenPublished);
    if (published === undefined) {
      const message = impossibleDay(givenPublished)
        ? `\`published\` names a day that does not exist: ${JSON.stringify(givenPublished)}`
        : `\`published\` is not an ISO 8601 date: ${JSON.stringify(givenPublished)}`;
      return { kind: 'problem', problem: { code: 'E_RECORD', message, ...where } };
    }
    raw.published = published;
  }
  const externalId = pickString(fields, 'id');
  if (externalId !== undefined) raw.externalId = externalId;
  const url = pickString(fields, 'url');
  if (url !== undefined) raw.url = url;
  const source = pickString(fields, 'source');
  if (source !== undefined) raw.source = source;
  const title = pickString(fields, 'title');
  if (title !== undefined) raw.title = title.trim();
  const language = pickString(fields, 'language');
  if (language !== undefined) raw.language = language;
  return { kind: 'article', raw };
}
