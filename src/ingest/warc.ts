// WARC reader (ISO 28500, as written by Common Crawl's CC-NEWS and by wget/warcio): every `response`
// record whose HTTP payload is HTML becomes a page. warcio parses the records and undoes chunked and
// content encodings; gzip members (.warc.gz) are detected by warcio itself.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { WARCParser } from 'warcio';
import type { IngestItem } from './index.ts';
import { charsetFromContentType } from './encoding.ts';
import { MAX_PAGE_BYTES, pageProblem, readPage } from './html.ts';

const HTML_CONTENT_TYPE = /^\s*(?:text\/html|application\/xhtml\+xml)/i;

type Record = NonNullable<Awaited<ReturnType<WARCParser['parse']>>>;

/**
 * Bytes of the record's block still owed after reading it. warcio 2.4 loops forever when it skips past a
 * record cut short by the end of the file (its LimitReader waits for bytes that never come), so each record
 * is read to its end here and a short one is reported before warcio is asked for the next.
 */
function bytesMissing(record: Record): number {
  const reader = (record as unknown as { _reader?: { limit?: unknown } })._reader;
  return typeof reader?.limit === 'number' ? Math.max(0, reader.limit) : 0;
}

/** Reads what is left of a record we do not want, so the parser stands at the next one. */
async function drain(record: Record): Promise<void> {
  for await (const _chunk of record.reader) {
    // discarded
  }
}

/**
 * Reads past a record already reported as a problem; false when the file ends inside it (warcio would loop on
 * the missing bytes), so the caller stops reading the file there: the problem already names the record.
 */
async function skipped(record: Record): Promise<boolean> {
  try {
    await drain(record);
  } catch {
    return false;
  }
  return bytesMissing(record) === 0;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function truncated(path: string, where: string, id: string, missing: number): IngestItem {
  const record = id === where ? where : `${where} ${id}`;
  return { kind: 'problem', problem: { code: 'E_WARC', path, record, message: `record is cut short: ${missing} bytes of its declared Content-Length are missing; the rest of the file is skipped` } };
}

/** Bytes of a file (decompressed when gzip) checked for the `WARC/` version line every WARC file opens with. */
const WARC_SNIFF_BYTES = 64;
const GZIP_MAGIC = [0x1f, 0x8b];

/** The first bytes of the file's content, gunzipped when it is gzip (a .warc.gz is a series of gzip members). */
async function contentHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  let raw: Buffer;
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    raw = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (raw[0] !== GZIP_MAGIC[0] || raw[1] !== GZIP_MAGIC[1]) return raw.subarray(0, WARC_SNIFF_BYTES);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const gunzip = createGunzip();
    gunzip.on('data', (chunk: Buffer) => chunks.push(chunk));
    gunzip.on('error', () => resolve(Buffer.concat(chunks).subarray(0, WARC_SNIFF_BYTES)));
    gunzip.on('end', () => resolve(Buffer.concat(chunks).subarray(0, WARC_SNIFF_BYTES)));
    gunzip.end(raw);
  });
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(GZIP_MAGIC.length);
    await handle.read(magic, 0, magic.length, 0);
    return magic[0] === GZIP_MAGIC[0] && magic[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/**
 * Longest header line (of a WARC header block, or of the HTTP headers opening a record's block) read. warcio reads a
 * header line whole, unbounded: a 300 MB line with no newline cost 1 GB. Real lines (a long target URI, a
 * Content-Security-Policy or Set-Cookie header) stay within a few KiB; web servers refuse lines over 8-64 KiB.
 */
export const MAX_WARC_HEADER_LINE_BYTES = 1024 * 1024;

/** Where the first header line over the limit is: the record's number as readWarc counts them, and its id if read. */
interface LongHeaderLine {
  index: number;
  id: string | undefined;
}

/**
 * Streams the file once (gunzipped when gzip; memory stays at one chunk) following the records' header blocks and
 * Content-Lengths as warcio will, and finds the first header line longer than MAX_WARC_HEADER_LINE_BYTES, so
 * readWarc stops before warcio reaches it. A file it cannot follow (junk, a length that is not a number) is left
 * to warcio and its own problems.
 */
async function findLongHeaderLine(path: string, compressed: boolean): Promise<LongHeaderLine | undefined> {
  const file = createReadStream(path);
  const input = compressed ? file.pipe(createGunzip()) : file;
  let state: 'warc' | 'http' | 'block' = 'warc';
  let index = 0;
  let lineBytes = 0;
  let line: number[] = [];
  let headerLines: string[] = [];
  let blockLeft = 0;
  let id: string | undefined;
  const header = (name: string) => headerLines.find((text) => text.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim();
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length; ) {
        if (state === 'block') {
          const step = Math.min(blockLeft, chunk.length - at);
          blockLeft -= step;
          at += step;
          if (blockLeft === 0) state = 'warc';
          continue;
        }
        const byte = chunk[at++]!;
        if (state === 'http') blockLeft--;
        if (byte !== 0x0a) {
          if (++lineBytes > MAX_WARC_HEADER_LINE_BYTES) return { index: state === 'warc' && headerLines.length === 0 ? index + 1 : index, id };
          if (line.length < 256) line.push(byte); // names and lengths are short; a URI need not be kept
          if (state === 'http' && blockLeft === 0) state = 'warc';
          continue;
        }
        const text = Buffer.from(line).toString('latin1').trimEnd();
        line = [];
        lineBytes = 0;
        if (state === 'http') {
          if (text === '' || blockLeft <= 0) state = blockLeft > 0 ? 'block' : 'warc';
          continue;
        }
        if (text === '') {
          if (headerLines.length === 0) continue; // the blank lines between records
          const length = header('Content-Length') ?? '';
          if (!DECIMAL.test(length)) return undefined;
          blockLeft = Number(length);
          const type = header('WARC-Type');
          state = blockLeft === 0 ? 'warc' : type === 'response' || type === 'request' || type === 'revisit' ? 'http' : 'block';
          headerLines = [];
          continue;
        }
        if (headerLines.length === 0) {
          if (!WARC_VERSION_LINE.test(text)) return undefined;
          index++;
          id = undefined;
        }
        headerLines.push(text);
        if (text.toLowerCase().startsWith('warc-record-id:')) id = text.slice('warc-record-id:'.length).trim();
      }
    }
  } catch {
    return undefined; // a damaged gzip: warcio reports it, naming the record
  } finally {
    file.destroy();
  }
  return undefined;
}

/** A WARC header block opens with a version line such as `WARC/1.0`. */
const WARC_VERSION_LINE = /^WARC\/\d/;
const DECIMAL = /^\d+$/;

/**
 * Runs one step of warcio with its console warnings caught: warcio writes them to stderr itself ("Content-Length
 * Too Small: ...") naming no file, and they are problems of a record.
 */
async function withWarningsCaught<T>(step: () => Promise<T>, warnings: string[]): Promise<T> {
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    return await step();
  } finally {
    console.warn = original;
  }
}

/**
 * Whether a response's HTTP status says it is the page asked for (2xx, or none given): a crawl's 404 and 500
 * pages were stored as articles ("Page not found ..." from every site folded into one story) and its
 * redirects were "no main text found" problems. They are skipped, like requests and images.
 */
function successful(status: string | number | undefined): boolean {
  if (status === undefined || status === '') return true;
  const code = Number(status);
  return !Number.isFinite(code) || (code >= 200 && code < 300 && code !== 204);
}

/** Reads the HTML responses of a WARC file; a broken record ends the file with a problem naming it. */
export async function* readWarc(path: string): AsyncGenerator<IngestItem> {
  const head = await contentHead(path);
  // A 0-byte WARC (or .warc.gz) is empty, as an empty page or text is, not "not a WARC file" (a gzip that
  // decompresses to nothing is left to the WARC test: it may be a broken one).
  if (head.length === 0 && (await stat(path)).size === 0) {
    yield { kind: 'problem', problem: { code: 'E_EMPTY', path, message: 'file is empty' } };
    return;
  }
  if (!head.toString('latin1').startsWith('WARC/')) {
    const shown = JSON.stringify(head.subarray(0, 16).toString('latin1'));
    yield { kind: 'problem', problem: { code: 'E_WARC', path, message: `not a WARC file: it starts with ${shown}, not a WARC/ version line` } };
    return;
  }
  const compressed = await isGzip(path);
  const longLine = await findLongHeaderLine(path, compressed);
  const parser = new WARCParser(createReadStream(path));
  let index = 0;
  let records: AsyncIterator<Awaited<ReturnType<WARCParser['parse']>>>;
  try {
    records = parser[Symbol.asyncIterator]() as typeof records;
  } catch (error) {
    yield { kind: 'problem', problem: { code: 'E_WARC', path, message: `not a WARC file: ${describe(error)}` } };
    return;
  }
  // The last record read, its page held back until warcio has moved past it: only then is a Content-Length too
  // small for the record's block found, and the page read from a cut block must not be stored.
  let previous: { record: string; declared: string; item: IngestItem | undefined } | undefined;
  for (;;) {
    index++;
    const where = `#${index}`;
    if (longLine !== undefined && index === longLine.index) {
      if (previous?.item !== undefined) yield previous.item;
      const record = longLine.id === undefined ? where : `${where} ${longLine.id}`;
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record, message: `a header line is longer than ${MAX_WARC_HEADER_LINE_BYTES} bytes, so it is not read; the rest of the file is skipped` } };
      return;
    }
    let next: IteratorResult<Awaited<ReturnType<WARCParser['parse']>>>;
    const warnings: string[] = [];
    try {
      next = await withWarningsCaught(() => records.next(), warnings);
    } catch (error) {
      if (previous?.item !== undefined) yield previous.item;
      previous = undefined;
      const reason = /gzip|inflate|header|unexpected end/i.test(describe(error)) ? describe(error) : `malformed record: ${describe(error)}`;
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record: where, message: `${reason}; the rest of the file is skipped` } };
      return;
    }
    if (warnings.length > 0) {
      // warcio warns while moving past the previous record: its block went on past its Content-Length.
      const record = previous?.record ?? `#${index - 1}`;
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record, message: tooSmallMessage(previous?.declared, warnings) } };
    } else if (previous?.item !== undefined) yield previous.item;
    previous = undefined;
    if (next.done === true) {
      if (index === 1) yield { kind: 'problem', problem: { code: 'E_WARC', path, message: 'no WARC records in the file' } };
      else {
        // warcio ends quietly at a gzip member cut short before its record's header and some content came out:
        // the bytes after the last whole record are that record, cut short.
        const unread = (await stat(path)).size - parser.offset;
        if (compressed && unread > 0) yield { kind: 'problem', problem: { code: 'E_WARC', path, record: where, message: `record is cut short: the file ends ${unread} bytes into its gzip member` } };
      }
      return;
    }
    const record = next.value;
    if (record === null || record === undefined) return;
    const id = record.warcHeader('WARC-Record-ID') ?? where;
    const source = { path, record: id === where ? where : `${where} ${id}` };
    const statusline = record.warcHeaders.statusline ?? '';
    if (!WARC_VERSION_LINE.test(statusline)) {
      // warcio finds the next record after junk; the junk itself is one problem.
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record: source.record, message: `not a WARC header block (it starts ${JSON.stringify(statusline.slice(0, 40))}); skipped` } };
      if (!(await skipped(record))) return;
      continue;
    }
    const declaredLength = (record.warcHeader('Content-Length') ?? '').trim();
    if (!DECIMAL.test(declaredLength)) {
      const message = `Content-Length ${JSON.stringify(declaredLength)} is not a number, so where the record ends is unknown; the rest of the file is skipped`;
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record: source.record, message } };
      return;
    }
    previous = { record: source.record, declared: declaredLength, item: undefined };
    if (record.warcType === null || record.warcType === undefined) {
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record: source.record, message: 'record has no WARC-Type; skipped' } };
      if (!(await skipped(record))) return;
      continue;
    }
    const contentType = record.httpHeaders?.headers.get('content-type') ?? '';
    if (record.warcType !== 'response' || !HTML_CONTENT_TYPE.test(contentType) || !successful(record.httpHeaders?.statusCode)) {
      try {
        await drain(record);
      } catch (error) {
        yield { kind: 'problem', problem: { code: 'E_WARC', path, record: id === where ? where : `${where} ${id}`, message: `cannot read the record: ${describe(error)}; the rest of the file is skipped` } };
        return;
      }
      if (bytesMissing(record) > 0) {
        yield truncated(path, where, id, bytesMissing(record));
        return;
      }
      continue;
    }
    let payload: Uint8Array;
    try {
      const length = Number(record.warcHeader('Content-Length') ?? 0);
      if (length > MAX_PAGE_BYTES) {
        await drain(record);
        if (bytesMissing(record) > 0) {
          yield truncated(path, where, id, bytesMissing(record));
          return;
        }
        previous.item = { kind: 'problem', problem: pageProblem(source, 'E_TOO_LARGE', `record is ${length} bytes, above the page limit of ${MAX_PAGE_BYTES}`).problem };
        continue;
      }
      payload = await record.readFully(true);
      if (bytesMissing(record) > 0) {
        yield truncated(path, where, id, bytesMissing(record));
        return;
      }
    } catch (error) {
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record: id, message: `cannot read the record's payload: ${describe(error)}; the rest of the file is skipped` } };
      return;
    }
    const pageSource: Parameters<typeof readPage>[1] = { path, format: 'warc', record: id };
    const url = record.warcTargetURI;
    if (url !== null && url !== undefined) pageSource.url = url;
    const declared = charsetFromContentType(contentType);
    if (declared !== undefined) pageSource.declaredCharset = declared;
    const result = readPage(payload, pageSource);
    previous.item = result.ok ? { kind: 'article', raw: result.raw, page: result.page } : { kind: 'problem', problem: result.problem };
  }
}

/** What a record whose Content-Length is smaller than its block gets told: the declared length, and that it was skipped. */
function tooSmallMessage(declared: string | undefined, warnings: readonly string[]): string {
  const remainder = /Remainder Length: (\d+)/.exec(warnings[0] ?? '')?.[1];
  const length = declared === undefined ? '' : ` (${declared} bytes)`;
  const after = remainder === undefined ? '' : `, at least ${remainder} more bytes follow it before the next record`;
  return `record's Content-Length${length} is too small for its block${after}: read to that length the record is cut short, so it is skipped`;
}
