// WARC reader (ISO 28500, as written by Common Crawl's CC-NEWS and by wget/warcio): every `response`
// record whose HTTP payload is HTML becomes a page. warcio parses the records and undoes chunked and
// content encodings; gzip members (.warc.gz) are detected by warcio itself.
import { createReadStream } from 'node:fs';
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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function truncated(path: string, where: string, id: string, missing: number): IngestItem {
  const record = id === where ? where : `${where} ${id}`;
  return { kind: 'problem', problem: { code: 'E_WARC', path, record, message: `record is cut short: ${missing} bytes of its declared Content-Length are missing; the rest of the file is skipped` } };
}

/** Reads the HTML responses of a WARC file; a broken record ends the file with a problem naming it. */
export async function* readWarc(path: string): AsyncGenerator<IngestItem> {
  const parser = new WARCParser(createReadStream(path));
  let index = 0;
  let records: AsyncIterator<Awaited<ReturnType<WARCParser['parse']>>>;
  try {
    records = parser[Symbol.asyncIterator]() as typeof records;
  } catch (error) {
    yield { kind: 'problem', problem: { code: 'E_WARC', path, message: `not a WARC file: ${describe(error)}` } };
    return;
  }
  for (;;) {
    index++;
    const where = `#${index}`;
    let next: IteratorResult<Awaited<ReturnType<WARCParser['parse']>>>;
    try {
      next = await records.next();
    } catch (error) {
      const reason = /gzip|inflate|header|unexpected end/i.test(describe(error)) ? describe(error) : `malformed record: ${describe(error)}`;
      yield { kind: 'problem', problem: { code: 'E_WARC', path, record: where, message: `${reason}; the rest of the file is skipped` } };
      return;
    }
    if (next.done === true) {
      if (index === 1) yield { kind: 'problem', problem: { code: 'E_WARC', path, message: 'no WARC records in the file' } };
      return;
    }
    const record = next.value;
    if (record === null || record === undefined) return;
    const id = record.warcHeader('WARC-Record-ID') ?? where;
    const source = { path, record: id === where ? where : `${where} ${id}` };
    const contentType = record.httpHeaders?.headers.get('content-type') ?? '';
    if (record.warcType !== 'response' || !HTML_CONTENT_TYPE.test(contentType)) {
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
        const problem = pageProblem(source, 'E_TOO_LARGE', `record is ${length} bytes, above the page limit of ${MAX_PAGE_BYTES}`);
        yield { kind: 'problem', problem: problem.problem };
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
    yield result.ok ? { kind: 'article', raw: result.raw, page: result.page } : { kind: 'problem', problem: result.problem };
  }
}
