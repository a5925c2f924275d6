// Readers, one file per format; this module walks the given paths (files.ts) and dispatches each file to its reader.
// Every problem is yielded as data naming the file (and line), so one bad input never stops the rest.
import { createReadStream, type Stats } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { InputProblem } from '../errors.ts';
import type { RawArticle } from '../model.ts';
import type { ExtractedPage } from '../extract/index.ts';
import { compressionOf, sniffContent } from './detect.ts';
import { decodePage, decodeRecord, decodeWith, detectUtf16 } from './encoding.ts';
import { looksLikeFeed, readFeed } from './feed.ts';
import { gunzipOrProblem, MAX_PAGE_BYTES, MAX_RECORD_BYTES, readPage } from './html.ts';
import { splitLines } from './lines.ts';
import { urlKey } from './url.ts';
import { readWarc } from './warc.ts';
import { MAX_JSON_DEPTH, nestsDeeperThan, parseJsonLine, recordFromJson } from './jsonl.ts';
import { readPlainText } from './text.ts';
import { describeFsError, JSON_EXTENSIONS, notRegular, plainExtension, problem, readerForExtension, STDIN_PATH, walk, type InputFile, type LineRange, type Reader } from './files.ts';

export { parsePublished } from './jsonl.ts';
export { urlKey } from './url.ts';
export { listInputFiles, STDIN_PATH, type InputFile, type LineRange } from './files.ts';

/** An article, with the extracted page it came from when the input was HTML (for `newsfold extract`). */
export type IngestItem = { kind: 'article'; raw: RawArticle; page?: ExtractedPage } | { kind: 'problem'; problem: InputProblem };

/** Bytes sniffed to tell what a file without a telling extension holds. */
const CONTENT_SNIFF_BYTES = 4096;

type Sniffed = 'jsonl' | 'json' | 'html' | 'feed' | 'warc' | 'text';

/**
 * One JSON document, not JSON Lines: an array of objects, or an object whose first line is its brace alone
 * (pretty-printed, as news-please writes it). Neither is ever a valid first line of JSON Lines.
 */
const JSON_DOCUMENT_START = /^(?:\[\s*[{\]]|\{[ \t]*\r?\n)/;

/** What a file holds, by its first bytes: one JSON document, JSON Lines, HTML, a feed, WARC, else text. */
export function sniffFormat(head: Uint8Array): Sniffed {
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, CONTENT_SNIFF_BYTES)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  const start = text.trimStart();
  if (start.startsWith('WARC/')) return 'warc';
  if (JSON_DOCUMENT_START.test(start)) return 'json';
  if (start.startsWith('{')) return 'jsonl';
  if (looksLikeFeed(start)) return 'feed';
  if (/^(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)[\s>]/i.test(start) || /<(?:html|body)[\s>]/i.test(text)) return 'html';
  return 'text';
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CONTENT_SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, CONTENT_SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Hooks for a progress display and for `--verbose`: bytes as they are read, files a walk passed over. */
export interface ReadOptions {
  onBytes?: (bytes: number) => void;
  onSkip?: (path: string, reason: string) => void;
}

/** JSON Lines from a byte stream, line by line: memory is bounded by the record limit, whatever the file size. */
async function* readJsonLines(path: string, input: AsyncIterable<Buffer | string>, options: ReadOptions): AsyncGenerator<IngestItem> {
  let sawText = false;
  for await (const line of splitLines(input, MAX_RECORD_BYTES, options.onBytes)) {
    if (line.kind === 'too-large') {
      sawText = true;
      yield { kind: 'problem', problem: { code: 'E_TOO_LARGE', path, line: line.line, message: `record is ${line.size} bytes, above the limit of ${MAX_RECORD_BYTES}` } };
      continue;
    }
    const decoded = decodeRecord(line.bytes);
    if (!decoded.ok) {
      sawText = true;
      yield { kind: 'problem', problem: { code: 'E_ENCODING', path, line: line.line, message: decoded.reason } };
      continue;
    }
    const item = parseJsonLine(path, line.line, decoded.text);
    if (item === undefined) continue;
    sawText = true;
    yield item;
  }
  if (!sawText) yield problem('E_EMPTY', path, path === STDIN_PATH ? 'the input holds no JSON Lines' : 'file has no JSON Lines');
}

/** A UTF-16 JSON Lines file: decoded as a stream (UTF-16 lines cannot be split on a byte), then line by line. */
async function* utf16Lines(input: AsyncIterable<Buffer | string>, encoding: 'utf-16le' | 'utf-16be'): AsyncGenerator<Buffer> {
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of input) {
    const text = decoder.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    if (text.length > 0) yield Buffer.from(text.replace(/^\uFEFF/, ''));
  }
  const rest = decoder.end();
  if (rest !== undefined && rest.length > 0) yield Buffer.from(rest);
}

async function* readJsonLinesFile(path: string, options: ReadOptions): AsyncGenerator<IngestItem> {
  let head: Buffer;
  try {
    head = await readHead(path);
  } catch (error) {
    yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
    return;
  }
  const compressed = compressionOf(head);
  if (compressed !== undefined) {
    // One problem for the file, not one per "line" of compressed bytes (a NUL byte or malformed JSON each).
    yield problem('E_BINARY', path, compressedMessage(path, compressed, 'JSON Lines'));
    return;
  }
  const utf16 = detectUtf16(head);
  const stream = createReadStream(path);
  try {
    yield* readJsonLines(path, utf16 === undefined ? stream : utf16Lines(stream, utf16.encoding), options);
  } catch (error) {
    yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
  } finally {
    stream.destroy();
  }
}

/** A compressed file met where text was expected: what it is and the command that makes it readable. */
function compressedMessage(path: string, compression: string, format: string): string {
  const undo = compression === 'gzip' ? 'gunzip' : compression === 'zip' ? 'unzip' : compression === 'bzip2' ? 'bunzip2' : compression === 'xz' ? 'unxz' : 'unzstd';
  return `${what(path)} is ${compression}-compressed, not ${format}: decompress it first (${undo})`;
}

/** What a problem calls the input: standard input (or an HTTP body, read as one) is no file. */
function what(path: string): string {
  return path === STDIN_PATH ? 'the input' : 'file';
}

/** One whole text record (a .txt file, text on stdin): UTF-16 by BOM or pattern, else per-record decoding. */
function readTextRecord(path: string, bytes: Uint8Array): IngestItem[] {
  const utf16 = detectUtf16(bytes);
  if (utf16 !== undefined) return readPlainText(path, decodeWith(bytes.subarray(utf16.bomLength), utf16.encoding));
  const kind = sniffContent(bytes);
  if (kind === 'empty') return [problem('E_EMPTY', path, `${what(path)} is empty`)];
  const compressed = kind === 'binary' ? compressionOf(bytes) : undefined;
  if (compressed !== undefined) return [problem('E_BINARY', path, compressedMessage(path, compressed, 'text'))];
  if (kind === 'binary') return [problem('E_BINARY', path, `${what(path)} is binary, not text`)];
  const decoded = decodeRecord(bytes);
  if (!decoded.ok) return [problem('E_ENCODING', path, decoded.reason)];
  return readPlainText(path, decoded.text);
}

/** Whether a parsed JSON value holds articles (objects with a `text` or `maintext`), not some other JSON. */
function holdsArticles(value: unknown): boolean {
  const records = Array.isArray(value) ? value : [value];
  return records.some((record) => typeof record === 'object' && record !== null && ('text' in record || 'maintext' in record));
}

/** A JSON document nested deeper than a record may be: refused unparsed. */
class TooDeep extends Error {}

/**
 * news-please's output: one JSON object per file, pretty-printed (or an array of them). In a directory walk
 * (`skip` given) a `.json` file holding no article (a manifest, a config) is passed over, by name with --verbose.
 */
function readJsonDocument(path: string, bytes: Uint8Array, skip?: (reason: string) => void): IngestItem[] {
  const compressed = compressionOf(bytes);
  if (compressed !== undefined) return [problem('E_BINARY', path, compressedMessage(path, compressed, 'JSON'))];
  const utf16 = detectUtf16(bytes);
  const decoded = utf16 === undefined ? decodeRecord(bytes) : { ok: true as const, text: decodeWith(bytes.subarray(utf16.bomLength), utf16.encoding) };
  if (!decoded.ok) return [problem('E_ENCODING', path, decoded.reason)];
  if (decoded.text.trim() === '') return [problem('E_EMPTY', path, `${what(path)} is empty`)];
  // Each article may nest as deep as a JSON Lines record; an array of them adds its own level. Refused before
  // JSON.parse builds the graph (a .json file 200,000 levels deep was stored, while JSON Lines refuses 33).
  const depthLimit = MAX_JSON_DEPTH + (/^\s*\[/.test(decoded.text) ? 1 : 0);
  let value: unknown;
  try {
    if (nestsDeeperThan(decoded.text, depthLimit)) throw new TooDeep(`${what(path)} nests deeper than ${MAX_JSON_DEPTH} levels`);
    value = JSON.parse(decoded.text);
  } catch (error) {
    // Not one JSON document: perhaps JSON Lines under a .json name (each line then checked on its own).
    const lines = decoded.text.split(/\r?\n/);
    const items = lines.map((line, index) => parseJsonLine(path, index + 1, line)).filter((item): item is IngestItem => item !== undefined);
    if (items.some((item) => item.kind === 'article')) return items;
    if (error instanceof TooDeep) return [problem('E_JSON', path, error.message)];
    return [problem('E_JSON', path, `malformed JSON: ${error instanceof Error ? error.message : String(error)}`)];
  }
  if (skip !== undefined && !holdsArticles(value)) {
    skip('JSON without articles (no `text` or `maintext`)');
    return [];
  }
  const records = Array.isArray(value) ? value : [value];
  return records.map((record, index) =>
    typeof record === 'object' && record !== null && !Array.isArray(record)
      ? recordFromJson(path, Array.isArray(value) ? index + 1 : undefined, record as Record<string, unknown>)
      : problem('E_JSON', path, Array.isArray(value) ? `element ${index + 1} is not a JSON object` : 'file is not a JSON object'),
  );
}

async function* readFileAt(path: string, explicit: boolean, options: ReadOptions): AsyncGenerator<IngestItem> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
    return;
  }
  const irregular = notRegular(info);
  if (irregular !== undefined) {
    // Reading a FIFO would wait for a writer forever; `-` is the way to read a pipe.
    yield problem('E_UNREADABLE', path, `${irregular}, not a regular file: refused (pipe it to \`newsfold ... -\` instead)`);
    return;
  }
  let reader: Reader | 'json' | undefined = readerForExtension(path);
  if (reader === undefined && JSON_EXTENSIONS.has(plainExtension(path))) reader = 'json';
  if (reader === undefined) {
    let sniffed: Sniffed;
    try {
      sniffed = sniffFormat(await readHead(path));
    } catch (error) {
      yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
      return;
    }
    if (!explicit && (sniffed === 'text' || sniffed === 'jsonl' || sniffed === 'json')) {
      // A saved server page that is not HTML (a script, a config file): passed over, by name with --verbose.
      options.onSkip?.(path, `not HTML by its content (${sniffed === 'text' ? 'text' : 'JSON'})`);
      return;
    }
    reader = sniffed;
  }
  if (reader === 'warc') {
    try {
      yield* readWarc(path);
    } catch (error) {
      yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
    }
    options.onBytes?.(info.size);
    return;
  }
  if (reader === 'jsonl') {
    yield* readJsonLinesFile(path, options);
    return;
  }
  // Refused before reading, so a huge file never sits in memory. Gzip pages are checked once unzipped.
  const limit = reader === 'text' ? MAX_RECORD_BYTES : MAX_PAGE_BYTES;
  if (info.size > limit && !path.toLowerCase().endsWith('.gz')) {
    yield problem('E_TOO_LARGE', path, `${reader === 'text' ? 'record' : 'page'} is ${info.size} bytes, above the limit of ${limit}`);
    options.onBytes?.(info.size);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    yield problem('E_UNREADABLE', path, `cannot read: ${describeFsError(error)}`);
    return;
  }
  options.onBytes?.(bytes.length);
  if (reader === 'html' || reader === 'feed') yield* readMarkup(path, bytes, reader);
  else if (reader === 'json') yield* readJsonDocument(path, bytes, explicit ? undefined : (reason) => options.onSkip?.(path, reason));
  else yield* readTextRecord(path, bytes);
}

/**
 * Standard input, read by its content: JSON Lines (streamed), one JSON document (an array of articles or one
 * pretty-printed article, as a .json file is read), an HTML page or feed, else one text article.
 */
async function* readStdin(stdin: AsyncIterable<Buffer | string>, options: ReadOptions): AsyncGenerator<IngestItem> {
  const iterator = stdin[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headBytes = 0;
  let done = false;
  while (headBytes < CONTENT_SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done === true) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    headBytes += chunk.length;
  }
  const rest = async function* (): AsyncGenerator<Buffer | string> {
    yield* head;
    if (done) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
  };
  const first = Buffer.concat(head);
  const utf16 = detectUtf16(first);
  // UTF-16 is sniffed as what it says, not taken for JSON Lines: a UTF-16 text article was an E_JSON a line.
  const format = sniffFormat(utf16 === undefined ? first : Buffer.from(decodeWith(first.subarray(utf16.bomLength, first.length - ((first.length - utf16.bomLength) % 2)), utf16.encoding)));
  if (format === 'jsonl') {
    yield* readJsonLines(STDIN_PATH, utf16 === undefined ? rest() : utf16Lines(rest(), utf16.encoding), options);
    return;
  }
  if (format === 'warc') {
    yield problem('E_WARC', STDIN_PATH, 'WARC on standard input is not read: give the .warc file\'s path');
    return;
  }
  // A page or a text article: read whole, up to the limit.
  const limit = format === 'text' ? MAX_RECORD_BYTES : MAX_PAGE_BYTES;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of rest()) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.length;
    options.onBytes?.(bytes.length);
    if (size <= limit) chunks.push(bytes);
  }
  if (size > limit) {
    yield problem('E_TOO_LARGE', STDIN_PATH, `${format === 'text' ? 'record' : 'page'} is ${size} bytes, above the limit of ${limit}`);
    return;
  }
  const bytes = Buffer.concat(chunks);
  if (format === 'text') yield* readTextRecord(STDIN_PATH, bytes);
  else if (format === 'json') yield* readJsonDocument(STDIN_PATH, bytes);
  else yield* readMarkup(STDIN_PATH, bytes, format);
}

function readMarkup(path: string, stored: Buffer, reader: 'html' | 'feed'): IngestItem[] {
  let bytes: Uint8Array = stored;
  if (path.toLowerCase().endsWith('.gz')) {
    const unzipped = gunzipOrProblem(stored, { path });
    if (!unzipped.ok) return [{ kind: 'problem', problem: unzipped.problem }];
    bytes = unzipped.bytes;
  }
  const kind = detectUtf16(bytes) === undefined ? sniffContent(bytes) : 'text';
  if (kind === 'empty') return [problem('E_EMPTY', path, `${what(path)} is empty`) as IngestItem];
  if (kind === 'binary') return [problem('E_BINARY', path, `${what(path)} is binary, not HTML or XML`) as IngestItem];
  if (reader === 'feed') {
    const decoded = decodePage(bytes);
    if (!decoded.ok) return [problem('E_ENCODING', path, decoded.reason)];
    try {
      return readFeed(path, decoded.text);
    } catch (error) {
      return [problem('E_FEED', path, `feed could not be read: ${error instanceof Error ? error.message : String(error)}`)];
    }
  }
  const result = readPage(bytes, { path, format: 'html' });
  return [result.ok ? { kind: 'article', raw: result.raw, page: result.page } : { kind: 'problem', problem: result.problem }];
}

/**
 * Reads every article under the given paths. Feed items are held back to the end: an item whose link is
 * a page also in the input (an HTML file or a WARC record) is dropped, because the full page wins.
 */
export async function* readInputs(paths: readonly string[], stdin?: Readable | AsyncIterable<Buffer | string>, options: ReadOptions = {}): AsyncGenerator<IngestItem> {
  const pageUrls = new Set<string>();
  const feedItems: IngestItem[] = [];
  for await (const item of readInputsInOrder(paths, stdin, options)) {
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

/** Reads every article under the given paths (files, directories, or `-` for standard input). */
async function* readInputsInOrder(paths: readonly string[], stdin: AsyncIterable<Buffer | string> | undefined, options: ReadOptions): AsyncGenerator<IngestItem> {
  for (const path of paths) {
    if (path === STDIN_PATH) {
      if (stdin === undefined) yield problem('E_UNREADABLE', path, 'standard input is not available');
      else yield* readStdin(stdin, options);
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
      yield* readFileAt(path, true, options);
      continue;
    }
    for await (const entry of walk(path)) {
      if (entry.kind === 'problem') yield entry.item;
      else if (entry.kind === 'skipped') options.onSkip?.(entry.path, entry.reason);
      else yield* readFileAt(entry.path, false, options);
    }
  }
}

/** How many input files the paths name (stdin not counted). */
export async function countInputFiles(paths: readonly string[]): Promise<number> {
  let count = 0;
  for (const path of paths) {
    if (path === STDIN_PATH) continue;
    try {
      if (!(await stat(path)).isDirectory()) {
        count++;
        continue;
      }
      for await (const entry of walk(path)) if (entry.kind === 'file') count++;
    } catch {
      count++; // reported as a problem when read
    }
  }
  return count;
}

/** How many bytes the input files under the paths hold (stdin not counted): the total of a progress bar. */
export async function countInputBytes(paths: readonly string[]): Promise<number> {
  let bytes = 0;
  const sizeOf = (path: string) => stat(path).then((info) => (info.isFile() ? info.size : 0), () => 0);
  for (const path of paths) {
    if (path === STDIN_PATH) continue;
    const info = await stat(path).catch(() => undefined);
    if (info === undefined) continue;
    if (!info.isDirectory()) {
      bytes += info.isFile() ? info.size : 0;
      continue;
    }
    for await (const entry of walk(path)) if (entry.kind === 'file') bytes += await sizeOf(entry.path);
  }
  return bytes;
}

/**
 * Reads one input file, or one slice of lines of a JSON Lines file (the file is streamed up to the slice's
 * end); feed items are not held back here. A problem with no line belongs to the first slice.
 */
export async function* readInputFile(file: InputFile, lines?: LineRange): AsyncGenerator<IngestItem> {
  for await (const item of readFileAt(file.path, file.explicit, {})) {
    if (lines === undefined) {
      yield item;
      continue;
    }
    const line = item.kind === 'article' ? item.raw.origin.line : item.problem.line;
    if (line !== undefined && line > lines.to) return;
    if (line === undefined ? lines.from <= 1 : line >= lines.from) yield item;
  }
}

/** The key under which a page's URL makes a feed item with the same link redundant (see readInputs). */
export function pageUrlKey(url: string): string {
  return urlKey(url);
}

/** The formats `readBytes` reads: what a file's extension or content would choose. */
export type ByteFormat = 'jsonl' | 'text' | 'html' | 'feed' | 'json';

/**
 * Reads bytes already in memory as one format, exactly as a file of that format is read (property tests and
 * tools that hold a page or a batch in memory). WARC needs a file: see readInputs.
 */
export async function* readBytes(path: string, bytes: Uint8Array, format: ByteFormat): AsyncGenerator<IngestItem> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (format === 'jsonl') {
    const utf16 = detectUtf16(buffer);
    const chunks = (async function* () {
      yield buffer;
    })();
    yield* readJsonLines(path, utf16 === undefined ? chunks : utf16Lines(chunks, utf16.encoding), {});
  } else if (format === 'text') yield* readTextRecord(path, buffer);
  else if (format === 'json') yield* readJsonDocument(path, buffer);
  else yield* readMarkup(path, buffer, format);
}
