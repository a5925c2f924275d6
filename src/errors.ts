// Errors as data: a catalogue of codes with a hint each. Stages return or throw these; only the faces
// turn them into exit codes, messages or HTTP statuses.

export const ERROR_CATALOGUE = {
  E_UNREADABLE: 'Check that the path exists and that you may read it.',
  E_BINARY: 'newsfold reads plain text (.txt), JSON Lines (.jsonl), HTML, WARC and RSS/Atom files; convert the file first.',
  E_EMPTY: 'The file has no text to ingest; remove it or fill it.',
  E_JSON: 'Each line of a JSON Lines file must be one complete JSON object, and a .json file one JSON object or an array of them; neither may nest deeper than 32 levels.',
  E_RECORD: 'A record needs a non-empty `text` (or `maintext`) string; `published` must be ISO 8601.',
  E_DATE: 'A publication date more than two days ahead of the clock cannot be true yet: the article was stored as undated (the stated date is listed among what cleaning dropped). Correct the date at its source.',
  E_NO_TEXT: 'Cleaning removed every line; the input may be only site boilerplate.',
  E_NOT_FOUND: 'List ids with `newsfold stories`; a unique prefix of an id is enough.',
  E_AMBIGUOUS: 'Give more characters of the id.',
  E_STORE: 'Check the --db path; the file may be damaged, not a newsfold database, or written by a newer newsfold. Restore a copy or ingest again into a new file.',
  E_STORE_BUSY: 'Another newsfold process held the database for longer than the wait allows; run the command again, or give the writers smaller batches.',
  E_SKETCH_MISMATCH: 'Stored signatures were made with other settings; re-ingest into a new database.',
  E_USAGE: 'Run with --help to see the options.',
  E_GZIP: 'The gzip data is truncated or damaged; fetch or copy the file again.',
  E_ENCODING: 'Convert the file to UTF-8; for a page, declare its charset (a <meta charset> or the HTTP header).',
  E_TOO_LARGE: 'Pages and records above the size limit are refused so one input cannot exhaust memory; split or trim it.',
  E_WARC: 'The file is not WARC, or a record in it is malformed (the records before it were read). Re-fetch or repair the WARC file.',
  E_FEED: 'A feed file must be XML with an <rss>, <feed> (Atom) or <rdf:RDF> root.',
  E_FETCH: 'The URL could not be fetched (network, HTTP status, size limit or robots.txt); it is tried again at the next poll.',
  E_EXTRACT: 'No main text was found in the page; it may be an index, a form or a script-only page.',
  E_INVALID: 'Check the value against the command\'s --help, or the request against the API description at /openapi.json.',
  E_AUTH: 'Send `Authorization: Bearer <token>` with the token the server was started with (NEWSFOLD_TOKEN or --token-file).',
  E_FORBIDDEN: 'Writes need the server to be started with a token (NEWSFOLD_TOKEN or --token-file), and that token.',
  E_RATE: 'Too many requests of this kind are under way; retry after the time the Retry-After header gives.',
  E_WORKER: 'A worker thread preparing articles stopped (often out of memory); run again with --jobs 1 or more memory. Batches already committed are kept.',
  E_INTERNAL: 'newsfold failed on this input (a bug); the rest was read. Please report it with the input.',
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** One problem with one input, named precisely enough to find and fix it. */
export interface InputProblem {
  code: ErrorCode;
  message: string;
  path: string;
  line?: number;
  /** The record inside a container file (WARC record id, feed item), when the problem is one record's. */
  record?: string;
}

export class NewsfoldError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  /** `hint` replaces the code's catalogue hint where the case is known better than the code says. */
  constructor(code: ErrorCode, message: string, hint: string = ERROR_CATALOGUE[code]) {
    super(message);
    this.name = 'NewsfoldError';
    this.code = code;
    this.hint = hint;
  }
}

/** The hint for a SQLite store this user may not write (`SQLITE_READONLY*`): it is not damaged, so the catalogue's hint would mislead. */
export const READ_ONLY_STORE_HINT =
  'The database file, or its folder, is read-only for this user. newsfold writes into it to ingest or delete, and beside it (its -wal and -shm files) even to read it: make both writable by this user, or copy the database to a folder you can write to.';

/** Whether a store's driver refused to write because the file or its folder is read-only. */
export function isReadOnlyStore(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_READONLY');
}

/** The hint for a store whose disk is full (`SQLITE_FULL`, PostgreSQL's 53100): it is not damaged either. */
export const FULL_STORE_HINT =
  'The disk holding the database is full (SQLite also needs room beside the file for its -wal file while writing). Free some space, then run the command again: what was stored before is kept, and articles already stored are skipped.';

/** Whether a store's driver refused to write because its disk is full. */
export function isFullStore(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}

/**
 * Whether an error thrown by a store's driver means the database itself is unusable (damaged pages, a
 * dropped table, a file that is not a database): SQLite reports these with SQLITE_* codes.
 */
export function isStoreFailure(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'SqliteError' || (typeof code === 'string' && code.startsWith('SQLITE_'));
}

/** Line breaks in a file name: shown as U+FFFD, so a problem stays one line and names its file whole. */
const LINE_BREAKS = /[\r\n\u2028\u2029]/g;

export function describeProblem(problem: InputProblem): string {
  const path = problem.path.replace(LINE_BREAKS, '\uFFFD');
  const file = problem.line === undefined ? path : `${path}:${problem.line}`;
  const where = problem.record === undefined ? file : `${file} record ${problem.record}`;
  return `${where}: ${problem.message} [${problem.code}] (${ERROR_CATALOGUE[problem.code]})`;
}
