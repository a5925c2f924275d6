// One web page, whatever held it (an .html file, a WARC record, a feed item's content): size check,
// charset decoding, main-text and metadata extraction, then a RawArticle for the unchanged pipeline.
import { gunzipSync } from 'node:zlib';
import type { InputProblem } from '../errors.ts';
import { extractPage, type ExtractedPage } from '../extract/index.ts';
import type { InputFormat, RawArticle } from '../model.ts';
import { decodePage } from './encoding.ts';
import { parsePublished } from './jsonl.ts';

/**
 * Largest page read, in bytes after decompression: news pages are well under 1 MB; bigger ones are dumps or
 * traps. Extraction costs about 95 times a page's size at peak (a 19 MB page took 1.8 GB RSS), so 5 MiB keeps
 * one page under 500 MB.
 */
export const MAX_PAGE_BYTES = 5 * 1024 * 1024;
/**
 * Largest record read (a JSON Lines line, a text file): the pipeline costs about 36 times a record's size at
 * peak (a 100 MB line took 3.6 GB RSS), so 5 MiB keeps one record near 200 MB; the longest news articles are
 * a few hundred KB.
 */
export const MAX_RECORD_BYTES = 5 * 1024 * 1024;

export interface PageSource {
  path: string;
  format: InputFormat;
  record?: string;
  /** Where the page was fetched from (WARC target URI), when the container says. */
  url?: string;
  /** Charset from outside the page (the HTTP Content-Type in a WARC record). */
  declaredCharset?: string;
}

export type PageResult = { ok: true; page: ExtractedPage; raw: RawArticle } | { ok: false; problem: InputProblem };

export function pageProblem(source: Pick<PageSource, 'path' | 'record'>, code: InputProblem['code'], message: string): { ok: false; problem: InputProblem } {
  const problem: InputProblem = { code, path: source.path, message };
  if (source.record !== undefined) problem.record = source.record;
  return { ok: false, problem };
}

/** Gunzips, reporting truncated or damaged data as a problem rather than throwing. */
export function gunzipOrProblem(bytes: Uint8Array, source: Pick<PageSource, 'path' | 'record'>): { ok: true; bytes: Uint8Array } | { ok: false; problem: InputProblem } {
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: MAX_PAGE_BYTES + 1 }) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') return pageProblem(source, 'E_TOO_LARGE', `page is larger than ${MAX_PAGE_BYTES} bytes once decompressed`);
    return pageProblem(source, 'E_GZIP', `gzip data is truncated or damaged (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Builds the RawArticle the pipeline takes from an extracted page. */
export function rawFromPage(page: ExtractedPage, source: PageSource): RawArticle {
  const origin: RawArticle['origin'] = { path: source.path, format: source.format };
  if (source.record !== undefined) origin.record = source.record;
  const raw: RawArticle = { origin, text: page.text };
  const { metadata } = page;
  const url = metadata.url ?? source.url;
  if (url !== undefined) raw.url = url;
  if (metadata.site !== undefined) raw.source = metadata.site;
  if (metadata.title !== undefined) raw.title = metadata.title;
  const published = metadata.published === undefined ? undefined : parsePublished(metadata.published);
  if (published !== undefined) raw.published = published;
  if (metadata.author !== undefined) raw.byline = metadata.author;
  if (metadata.language !== undefined) raw.language = metadata.language;
  return raw;
}

/** Reads one page's bytes into an article, or a problem naming the file and record. */
export function readPage(bytes: Uint8Array, source: PageSource): PageResult {
  if (bytes.length > MAX_PAGE_BYTES) return pageProblem(source, 'E_TOO_LARGE', `page is ${bytes.length} bytes, above the limit of ${MAX_PAGE_BYTES}`);
  const decoded = decodePage(bytes, source.declaredCharset);
  if (!decoded.ok) return pageProblem(source, 'E_ENCODING', decoded.reason);
  let page: ExtractedPage;
  try {
    page = extractPage(decoded.text, source.url === undefined ? {} : { url: source.url });
  } catch (error) {
    // A bug or a limit met by one hostile page must cost that page only, never the batch or the walk.
    return pageProblem(source, 'E_EXTRACT', `extraction failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (page.text.trim() === '') return pageProblem(source, 'E_EXTRACT', 'no main text found in the page');
  return { ok: true, page, raw: rawFromPage(page, source) };
}
