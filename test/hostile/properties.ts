// Properties of every reader and of cleaning, alignment and extraction, shared by the test suite (a modest
// numRuns) and `npm run bench:fuzz` (100,000 runs per reader). Arbitrary bytes and arbitrary (deep, broken)
// HTML must never throw out of a stage; every offset stays inside its text; re-ingesting changes nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { cleanText } from '../../src/clean/index.ts';
import { Engine } from '../../src/engine/index.ts';
import { prepareArticle } from '../../src/engine/prepare.ts';
import { extractPage } from '../../src/extract/index.ts';
import { readBytes, readInputs, type ByteFormat, type IngestItem } from '../../src/ingest/index.ts';
import { relatable, relate } from '../../src/match/relate.ts';
import type { Article, Span } from '../../src/model.ts';

const TAGS = ['div', 'p', 'span', 'b', 'article', 'section', 'table', 'tr', 'td', 'li', 'ul', 'script', 'style', 'nav', 'header', 'footer', 'h1', 'title', 'meta', 'a', 'br', 'img', 'template', 'svg', 'noscript', 'time', 'html', 'head', 'body'];
const WORDS = ['the', 'council', 'approved', 'budget', 'on', 'Tuesday', 'harbour', 'said', '"', '.', ',', 'Président', '—', '€', '😀', 'Zürich', '\u0000', '\uFFFD', '&amp;', '&#0;', '&#x110000;', '<', '>', '\r', '\n', '\n\n'];

/** Text made of news-like words and hostile characters. */
export const newsText = fc.array(fc.constantFrom(...WORDS), { maxLength: 120 }).map((words) => words.join(' '));

const tagName = fc.constantFrom(...TAGS);
const attribute = fc.tuple(fc.constantFrom('class', 'id', 'href', 'content', 'property', 'datetime', 'charset', 'role', 'x"y'), fc.oneof(newsText, fc.string({ maxLength: 20 }))).map(([name, value]) => ` ${name}="${value.replace(/"/g, '')}"`);
const htmlToken = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(tagName, fc.array(attribute, { maxLength: 3 })).map(([tag, attributes]) => `<${tag}${attributes.join('')}>`) },
  { weight: 3, arbitrary: tagName.map((tag) => `</${tag}>`) },
  { weight: 4, arbitrary: newsText },
  { weight: 1, arbitrary: fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE html>', '<?xml version="1.0"?>', '<', '</', '<meta charset="windows-1252">', '<script type="application/ld+json">{"datePublished":"2024-01-02"}</script>') },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** Broken HTML, sometimes nested thousands of levels deep, closed or not. */
export const brokenHtml = fc.tuple(
  fc.array(htmlToken, { maxLength: 80 }),
  fc.oneof({ weight: 9, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 500, max: 20_000 }) }),
  tagName,
  fc.boolean(),
).map(([tokens, depth, tag, closed]) => `${`<${tag}>`.repeat(depth)}${tokens.join('')}${closed ? `</${tag}>`.repeat(depth) : ''}`);

const jsonRecord = fc.record(
  {
    id: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)),
    url: fc.oneof(fc.webUrl({ withFragments: true, withQueryParameters: true }), fc.string({ maxLength: 20 })),
    title: newsText,
    text: fc.oneof(newsText, fc.string({ maxLength: 200 }), fc.constant('')),
    maintext: newsText,
    published: fc.oneof(fc.constant('2024-03-05T10:00:00Z'), fc.constant('2024-03-05 10:00:00'), fc.string({ maxLength: 25 })),
    source: fc.string({ maxLength: 12 }),
  },
  { requiredKeys: [] },
);

/** Bytes for a reader: raw bytes, or text of the format with broken bytes and encodings spliced in. */
function bytesFor(format: ByteFormat | 'warc'): fc.Arbitrary<Uint8Array> {
  const raw = fc.uint8Array({ maxLength: 3000 });
  const encoded = (text: fc.Arbitrary<string>) =>
    fc.tuple(text, fc.constantFrom('utf-8', 'utf16le', 'latin1'), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 })).map(([value, encoding, splices]) => {
      const bytes = encoding === 'utf-8' ? Buffer.from(value) : Buffer.from(value, encoding as BufferEncoding);
      for (const [at, byte] of splices) if (bytes.length > 0) bytes[at % bytes.length] = byte;
      return new Uint8Array(bytes);
    });
  const structured: Record<ByteFormat | 'warc', fc.Arbitrary<string>> = {
    jsonl: fc.array(fc.oneof(jsonRecord.map((record) => JSON.stringify(record)), fc.string({ maxLength: 60 })), { maxLength: 8 }).map((lines) => lines.join('\n')),
    json: fc.oneof(jsonRecord.map((record) => JSON.stringify(record, null, 4)), fc.array(jsonRecord, { maxLength: 3 }).map((records) => JSON.stringify(records)), fc.string({ maxLength: 60 })),
    text: fc.array(newsText, { maxLength: 6 }).map((paragraphs) => paragraphs.join('\n\n')),
    html: brokenHtml,
    feed: fc.tuple(fc.constantFrom('<rss><channel>', '<feed xmlns="http://www.w3.org/2005/Atom">', '<rdf:RDF>'), fc.array(fc.tuple(newsText, brokenHtml), { maxLength: 3 }), fc.boolean()).map(
      ([root, items, cdata]) => `<?xml version="1.0"?>${root}${items.map(([title, body]) => `<item><title>${title}</title><link>https://example.com/${title.length}</link><description>${cdata ? `<![CDATA[${body}]]>` : body}</description></item><entry><title>${title}</title><content type="html">${body}</content></entry>`).join('')}`,
    ),
    warc: fc.array(fc.tuple(fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })), brokenHtml, fc.oneof(fc.constant('exact'), fc.constant('abc'), fc.integer({ min: -5, max: 100_000 }).map(String)), fc.constantFrom('response', 'request', 'warcinfo', '')), { maxLength: 4 }).map((records) =>
      records
        .map(([junk, html, length, type]) => {
          const block = `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${html}`;
          const declared = length === 'exact' ? String(Buffer.byteLength(block)) : length;
          return `${junk}WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Record-ID: <urn:uuid:${html.length}>\r\nContent-Length: ${declared}\r\n\r\n${block}\r\n\r\n`;
        })
        .join(''),
    ),
  };
  return fc.oneof({ weight: 1, arbitrary: raw }, { weight: 3, arbitrary: encoded(structured[format]) });
}

function inside(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.start <= span.end && span.end <= length;
}

/** An item as a stage may yield it: an article with text, or a problem with a code and a path. */
function checkItem(item: IngestItem): void {
  if (item.kind === 'problem') {
    if (typeof item.problem.code !== 'string' || typeof item.problem.path !== 'string') throw new Error(`malformed problem ${JSON.stringify(item.problem)}`);
    return;
  }
  if (typeof item.raw.text !== 'string') throw new Error('an article without text');
}

/** Prepared articles' paragraph and sentence spans stay inside their text. */
function checkArticle(article: Article): void {
  for (const span of [...article.paragraphs, ...article.sentences]) if (!inside(span, article.text.length)) throw new Error(`span ${JSON.stringify(span)} outside ${article.text.length}`);
}

let scratch: string | undefined;
let fileNumber = 0;
function scratchFile(name: string, bytes: Uint8Array): string {
  scratch ??= mkdtempSync(join(tmpdir(), 'newsfold-fuzz-'));
  const path = join(scratch, `${fileNumber++ % 64}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

async function readerRun(format: ByteFormat | 'warc', bytes: Uint8Array, prepare: boolean): Promise<void> {
  const items = format === 'warc' ? readInputs([scratchFile('input.warc', bytes)]) : readBytes(`input.${format}`, bytes, format);
  for await (const item of items) {
    checkItem(item);
    if (item.kind === 'article' && prepare) {
      const prepared = prepareArticle(item.raw, 0);
      if (prepared.ok) checkArticle(prepared.article);
    }
  }
}

export const READER_FORMATS = ['jsonl', 'text', 'html', 'feed', 'json', 'warc'] as const;

/**
 * A reader never throws on any bytes, and (with `prepare`) what it yields prepares into articles whose spans stay
 * inside their text. The fuzz bench runs the reader stage alone, for throughput.
 */
export function readerProperty(format: (typeof READER_FORMATS)[number], prepare = true) {
  return fc.asyncProperty(bytesFor(format), (bytes) => readerRun(format, bytes, prepare));
}

/** Extraction (no safety net around it) never throws on broken or deep HTML, and gives a string. */
export const extractionProperty = fc.property(brokenHtml, (html) => {
  const page = extractPage(html);
  if (typeof page.text !== 'string') throw new Error('extraction gave no text');
});

/** Cleaning never throws; every line it drops is named with its rule. */
export const cleaningProperty = fc.property(fc.oneof(newsText, fc.string({ maxLength: 400 }), fc.array(newsText, { maxLength: 8 }).map((parts) => parts.join('\n'))), fc.option(newsText, { nil: undefined }), fc.constantFrom('text', 'jsonl', 'html', 'warc', 'feed' as const), (text, title, format) => {
  const cleaned = cleanText(title === undefined ? { text, format } : { text, title, format });
  for (const dropped of cleaned.dropped) if (typeof dropped.rule !== 'string') throw new Error('a dropped line without its rule');
});

const prepared = (text: string, path: string): Article | undefined => {
  const result = prepareArticle({ origin: { path, format: 'text' }, text }, 0);
  if (result.ok) checkArticle(result.article);
  return result.ok ? result.article : undefined;
};

/** Alignment of a text with an edited copy: every passage's ranges stay inside both articles' texts. */
export const alignmentProperty = fc.property(
  fc.array(newsText, { minLength: 1, maxLength: 6 }),
  fc.array(fc.tuple(fc.nat(), fc.constantFrom('drop', 'dup', 'swap', 'insert')), { maxLength: 6 }),
  newsText,
  (paragraphs, edits, inserted) => {
    const copy = [...paragraphs];
    for (const [at, edit] of edits) {
      const index = at % Math.max(copy.length, 1);
      if (edit === 'drop' && copy.length > 1) copy.splice(index, 1);
      else if (edit === 'dup') copy.splice(index, 0, copy[index] ?? '');
      else if (edit === 'swap' && copy.length > 1) [copy[0], copy[index]] = [copy[index] ?? '', copy[0] ?? ''];
      else copy.splice(index, 0, inserted);
    }
    const x = prepared(paragraphs.join('\n\n'), 'x.txt');
    const y = prepared(copy.join('\n\n'), 'y.txt');
    // Texts equal once normalised, with no URL, id or source, are one article (one id): nothing to relate.
    if (x === undefined || y === undefined || x.id === y.id) return;
    const relation = relate(relatable(x), relatable(y));
    if (relation === undefined) return;
    const byId = new Map([[x.id, x], [y.id, y]]);
    const a = byId.get(relation.a);
    const b = byId.get(relation.b);
    if (a === undefined || b === undefined) throw new Error('a relation between unknown articles');
    for (const passage of relation.passages) {
      if (!inside(passage.a, a.text.length) || !inside(passage.b, b.text.length)) throw new Error(`passage ${JSON.stringify(passage)} outside its texts`);
    }
  },
);

/** Ingesting the same inputs again stores nothing new and changes no count. */
export const reingestProperty = fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom<ByteFormat>('jsonl', 'text', 'html'), bytesFor('jsonl'), newsText), { minLength: 1, maxLength: 4 }), async (inputs) => {
  const engine = Engine.openSqlite(':memory:');
  try {
    const items = async function* (): AsyncGenerator<IngestItem> {
      for (const [index, [format, bytes, text]] of inputs.entries()) {
        yield* readBytes(`input-${index}.${format}`, bytes, 'jsonl');
        yield* readBytes(`text-${index}.txt`, Buffer.from(`Title ${index}\n\n${text}`), 'text');
      }
    };
    const first = await engine.ingestItems(items());
    const stories = (await engine.store.listStories()).length;
    const second = await engine.ingestItems(items());
    if (second.stored !== 0) throw new Error(`re-ingest stored ${second.stored} articles again`);
    if (second.alreadyStored !== first.stored + first.alreadyStored) throw new Error('re-ingest saw other articles');
    if ((await engine.store.listStories()).length !== stories) throw new Error('re-ingest changed the stories');
  } finally {
    await engine.close();
  }
});
