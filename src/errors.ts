// Errors as data: a catalogue of codes with a hint each. Stages return or throw these; only the faces
// turn them into exit codes, messages or HTTP statuses.

export const ERROR_CATALOGUE = {
  E_UNREADABLE: 'Check that the path exists and that you may read it.',
  E_BINARY: 'newsfold reads plain text (.txt), JSON Lines (.jsonl), HTML, WARC and RSS/Atom files; convert the file first.',
  E_EMPTY: 'The file has no text to ingest; remove it or fill it.',
  E_JSON: 'Each line of a JSON Lines file must be one complete JSON object.',
  E_RECORD: 'A record needs a non-empty `text` (or `maintext`) string; `published` must be ISO 8601.',
  E_NO_TEXT: 'Cleaning removed every line; the input may be only site boilerplate.',
  E_NOT_FOUND: 'List ids with `newsfold stories`; a unique prefix of an id is enough.',
  E_AMBIGUOUS: 'Give more characters of the id.',
  E_STORE: 'The database file may be damaged or written by a newer newsfold.',
  E_SKETCH_MISMATCH: 'Stored signatures were made with other settings; re-ingest into a new database.',
  E_USAGE: 'Run with --help to see the options.',
  E_GZIP: 'The gzip data is truncated or damaged; fetch or copy the file again.',
  E_ENCODING: 'Declare the page\'s charset (a <meta charset> or the HTTP header) or convert it to UTF-8.',
  E_TOO_LARGE: 'Pages above the size limit are refused so one file cannot exhaust memory; split or trim it.',
  E_WARC: 'The WARC record is malformed; the records before it were read. Re-fetch or repair the WARC file.',
  E_FEED: 'A feed file must be XML with an <rss>, <feed> (Atom) or <rdf:RDF> root.',
  E_EXTRACT: 'No main text was found in the page; it may be an index, a form or a script-only page.',
  E_INVALID: 'Check the value against the command\'s --help, or the request against the API description at /openapi.json.',
  E_AUTH: 'Send `Authorization: Bearer <token>` with the token the server was started with (NEWSFOLD_TOKEN or --token-file).',
  E_FORBIDDEN: 'Writes need the server to be started with a token (NEWSFOLD_TOKEN or --token-file), and that token.',
  E_BUSY: 'The store is busy with another write; retry after a short wait.',
  E_RATE: 'Too many requests of this kind are under way; retry after the time the Retry-After header gives.',
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

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'NewsfoldError';
    this.code = code;
    this.hint = ERROR_CATALOGUE[code];
  }
}

export function describeProblem(problem: InputProblem): string {
  const file = problem.line === undefined ? problem.path : `${problem.path}:${problem.line}`;
  const where = problem.record === undefined ? file : `${file} record ${problem.record}`;
  return `${where}: ${problem.message} [${problem.code}] (${ERROR_CATALOGUE[problem.code]})`;
}
