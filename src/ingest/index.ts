// Readers, one file per format; this module walks the given paths and dispatches each file to its reader.
// Every problem is yielded as data naming the file (and line), so one bad input never stops the rest.
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { InputProblem } from '../errors.ts';
import type { RawArticle } from '../model.ts';
import type { ExtractedPage } from '../extract/index.ts';
import { decodeUtf8, sniffContent } from './detect.ts';
import { decodePage } from './encoding.ts';
import { readFeed } from './feed.ts';
import { gunzipOrProblem, MAX_PAGE_BYTES, readPage } from './html.ts';
import { readWarc } from './warc.ts';
import { parseJsonLine } from './jsonl.ts';
import { readPlainText } from './text.ts';

export { parsePublished } from './jsonl.ts';

/** An article, with the extracted page it came from when the input was HTML (for `newsfold extract`). */
export type IngestItem = { kind: 'article'; raw: RawArticle; page?: ExtractedPage } | { kind: 'problem'; problem: InputProblem };

/** The path that means "JSON Lines on standard input". */
export const STDIN_PATH = '-';

const TEXT_EXTENSIONS = new Set(['.txt', '.text']);
const JSONL_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const FEED_EXTENSIONS = new Set(['.rss', '.atom', '.xml']);
const WARC_EXTENSIONS = new Set(['.warc']);

export type Reader = 'text' | 'jsonl' | 'html' | 'feed' | 'warc';

/** The reader for a path by its extension; `.gz` after an HTML, feed or WARC extension means gzip-compressed. */
function readerForExtension(path: string): Reader | undefined {
  const lower = path.toLowerCase();
  const compressed = lower.endsWith('.gz');
  const extension = extname(compressed ? lower.slice(0, -3) : lower);
  if (WARC_EXTENSIONS.has(extension)) return 'warc';
  if (HTML_EXTENSIONS.has(extension)) return 'html';
  if (FEED_EXTENSIONS.has(extension)) return 'feed';
  if (compressed) return undefined;
  if (TEXT_EXTENSIONS.has(extension)) return 'text';
  if (JSONL_EXTENSIONS.has(extension)) return 'jsonl';
  return undefined;
}

function problem(code: InputProblem['code'], path: string, message: string): IngestItem {
  return { kind: 'problem', problem: { code, path, message } };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

/** Lists the files under a directory, recursively, in a stable order; hidden entries are skipped. */
async function* walk(directory: string): AsyncGenerator<string> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else if (entry.isFile() && readerForExtension(path) !== undefined) yield path;
  }
}

async function* readJsonLines(path: string, input: Readable): AsyncGenerator<IngestItem> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let sawText = false;
  for await (const line of lines) {
    lineNumber++;
    const item = parseJsonLine(path, lineNumber, lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line);
    if (item === undefined) continue;
    sawText = true;
    yield item;
  }
  if (!sawText) yield problem('E_EMPTY', path, 'no JSON Lines on standard input');
}

/** Lines of a JSON Lines file, 1-based and inclusive: a queue job reads one slice of a large file. */
export interface LineRange {
  from: number;
  to: number;
}

/** One input file as a queue job names it: `explicit` when the user named it (not found in a directory). */
export interface InputFile {
  path: string;
  explicit: boolean;
  /** The reader its extension selects; undefined for an explicit file whose content decides. */
  reader: Reader | undefined;
}

/** Every input file under the paths, in the order readInputs reads them (standard input left out). */
export async function* listInputFiles(paths: readonly string[]): AsyncGenerator<InputFile> {
  for (const path of paths) {
    if (path === STDIN_PATH) continue;
    const isDirectory = await stat(path).then((info) => info.isDirectory(), () => false);
    if (!isDirectory) {
      yield { path, explicit: true, reader: readerForExtension(path) };
      continue;
    }
    try {
      for await (const file of walk(path)) yield { path: file, explicit: false, reader: readerForExtension(file) };
    } catch {
      yield { path, explicit: true, reader: undefined }; // read as a file, it reports the problem
    }
  }
}

/** Reads one input file, or one slice of lines of a JSON Lines file; feed items are not held back here. */
export function readInputFile(file: InputFile, lines?: LineRange): AsyncGenerator<IngestItem> {
  return readFileAt(file.path, file.explicit, lines);
}

/** The key under which a page's URL makes a feed item with the same link redundant (see readInputs). */
export function pageUrlKey(url: string): string {
  return urlKey(url);
}

async function* readFileAt(path: string, explicit: boolean, range?: LineRange): AsyncGenerator<IngestItem> {
  const byExtension = readerForExtension(path);
  if (byExtension === 'warc') {
    try {
      yield* readWarc(path);
    } catch (error) {
      yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
    }
    return;
  }
  if ((byExtension === 'html' || byExtension === 'feed') && !path.toLowerCase().endsWith('.gz')) {
    // Refused before reading, so a huge file never sits in memory.
    const size = await stat(path).then((info) => info.size, () => 0);
    if (size > MAX_PAGE_BYTES) {
      yield problem('E_TOO_LARGE', path, `page is ${size} bytes, above the limit of ${MAX_PAGE_BYTES}`);
      return;
    }
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
    return;
  }
  if (byExtension === 'html' || byExtension === 'feed') {
    yield* readMarkup(path, bytes, byExtension);
    return;
  }
  const kind = sniffContent(bytes);
  // A later slice of a file says nothing of the whole file: its first slice reported it.
  const firstSlice = range === undefined || range.from <= 1;
  if (kind === 'empty') {
    if (firstSlice) yield problem('E_EMPTY', path, 'file is empty');
    return;
  }
  if (kind === 'binary') {
    if (firstSlice) yield problem('E_BINARY', path, 'file is binary, not text');
    return;
  }
  // Not UTF-8: most scraped text that is not is Windows-1252, which decodes every byte.
  const text = decodeUtf8(bytes) ?? new TextDecoder('windows-1252').decode(bytes);
  const reader = readerForExtension(path) ?? (explicit && text.trimStart().startsWith('{') ? 'jsonl' : 'text');
  if (reader === 'text') {
    yield* readPlainText(path, text);
    return;
  }
  const lines = text.split(/\r?\n/);
  const last = range === undefined ? lines.length : Math.min(lines.length, range.to);
  for (let index = range === undefined ? 0 : range.from - 1; index < last; index++) {
    const item = parseJsonLine(path, index + 1, lines[index] ?? '');
    if (item !== undefined) yield item;
  }
}

function readMarkup(path: string, stored: Buffer, reader: 'html' | 'feed'): IngestItem[] {
  let bytes: Uint8Array = stored;
  if (path.toLowerCase().endsWith('.gz')) {
    const unzipped = gunzipOrProblem(stored, { path });
    if (!unzipped.ok) return [{ kind: 'problem', problem: unzipped.problem }];
    bytes = unzipped.bytes;
  }
  const kind = sniffContent(bytes);
  if (kind === 'empty') return [problem('E_EMPTY', path, 'file is empty') as IngestItem];
  if (kind === 'binary') return [problem('E_BINARY', path, 'file is binary, not HTML or XML') as IngestItem];
  if (reader === 'feed') {
    const decoded = decodePage(bytes);
    if (!decoded.ok) return [problem('E_ENCODING', path, decoded.reason)];
    return readFeed(path, decoded.text);
  }
  const result = readPage(bytes, { path, format: 'html' });
  return [result.ok ? { kind: 'article', raw: result.raw, page: result.page } : { kind: 'problem', problem: result.problem }];
}

/** URLs compared for "the page wins over the feed item": no fragment, no trailing slash, no scheme. */
function urlKey(url: string): string {
  return url.trim().replace(/#.*$/, '').replace(/^https?:\/\//i, '').replace(/\/+$/, '').toLowerCase();
}

/**
 * Reads every article under the given paths. Feed items are held back to the end: an item whose link is
 * a page also in the input (an HTML file or a WARC record) is dropped, because the full page wins.
 */
export async function* readInputs(paths: readonly string[], stdin?: Readable): AsyncGenerator<IngestItem> {
  const pageUrls = new Set<string>();
  const feedItems: IngestItem[] = [];
  for await (const item of readInputsInOrder(paths, stdin)) {
    if (item.kind === 'article' && item.raw.origin.format === 'feed') {
      feedItems.push(item);
      continue;
    }
    if (item.kind === 'article' && (item.raw.origin.format === 'html' || item.raw.origin.format === 'warc')) {
      if (item.raw.url !== undefined) pageUrls.add(urlKey(item.raw.url));
    }
    yield item;
  }
  for (const item of feedItems) {
    if (item.kind === 'article' && item.raw.url !== undefined && pageUrls.has(urlKey(item.raw.url))) continue;
    yield item;
  }
}

/** Reads every article under the given paths (files, directories, or `-` for JSON Lines on stdin). */
async function* readInputsInOrder(paths: readonly string[], stdin?: Readable): AsyncGenerator<IngestItem> {
  for (const path of paths) {
    if (path === STDIN_PATH) {
      if (stdin === undefined) yield problem('E_UNREADABLE', path, 'standard input is not available');
      else yield* readJsonLines(STDIN_PATH, stdin);
      continue;
    }
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
      continue;
    }
    if (!isDirectory) {
      yield* readFileAt(path, true);
      continue;
    }
    try {
      for await (const file of walk(path)) yield* readFileAt(file, false);
    } catch (error) {
      yield problem('E_UNREADABLE', path, `cannot list directory: ${describeFsError(error)}`);
    }
  }
}

/** How many input files the paths name (stdin not counted): the total of a progress bar. */
export async function countInputFiles(paths: readonly string[]): Promise<number> {
  let count = 0;
  for (const path of paths) {
    if (path === STDIN_PATH) continue;
    try {
      if (!(await stat(path)).isDirectory()) {
        count++;
        continue;
      }
      for await (const _file of walk(path)) count++;
    } catch {
      count++; // reported as a problem when read
    }
  }
  return count;
}
