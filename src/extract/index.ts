// Main-text extraction: one stage for every container (HTML file, WARC record, feed item). A page is parsed
// once for metadata and newsfold's own extractor; Readability is consulted as a second opinion when our text is
// short and the page holds enough prose for Readability to beat it (the prose bound, see pageProseLength).
import { pruneBoilerplate, unprune } from './boilerplate.ts';
import { extractContent } from './content.ts';
import { contentRoot, flattenedElements, onlyRemovedFrom, parsePage } from './dom.ts';
import { readMetadata, type PageMetadata } from './metadata.ts';
import { pageProseLength, proseLength, readabilityExtract } from './readability.ts';

/**
 * Own results shorter than this are checked against Readability's (trafilatura compares with its fallbacks
 * likewise). On trafilatura-eval (BENCHMARKS.md, "Consult threshold"), 1,000 / 700 / 500 gave F1 0.9388 / 0.9380 /
 * 0.9370 (English 0.9375 / 0.9375 / 0.9333) at 98.7 / 108.8 pages per CPU-second for the first two in one process:
 * 700 keeps English and costs 5 segments of 2,951 for a tenth of the time.
 */
const MIN_OWN_CHARS = 700;
/** Readability wins only when its text is this many times longer than ours: ours then missed most of the article. */
const READABILITY_LONGER_FACTOR = 3;

export interface Extraction {
  paragraphs: string[];
  /** `selector:…`, `density`, or `readability`: which route found the text. */
  method: string;
}

function totalLength(paragraphs: readonly string[]): number {
  let total = 0;
  for (const paragraph of paragraphs) total += paragraph.length;
  return total;
}

export interface ExtractedPage extends Extraction {
  /** Paragraphs joined by a blank line. */
  text: string;
  metadata: PageMetadata;
  /** Element tags dropped below the parse's depth cap (MAX_ELEMENT_DEPTH); absent for ordinary pages. */
  flattenedElements?: number;
}

export interface ExtractOptions {
  /** Where the page came from (WARC target URI, feed link), used for relative links and URL dates. */
  url?: string;
}

/** Extracts the main text and the metadata of one HTML page. */
export function extractPage(html: string, options: ExtractOptions = {}): ExtractedPage {
  const document = parsePage(html);
  const metadata = readMetadata(document, options.url);
  const flattened = flattenedElements(document);
  const extraction = extractFromDocument(document, html, flattened === 0);
  const page: ExtractedPage = { ...extraction, text: extraction.paragraphs.join('\n\n'), metadata };
  if (flattened > 0) page.flattenedElements = flattened;
  return page;
}

/** `mayConsultReadability` is false for a page nested beyond the depth cap: linkedom's full DOM has no cap, and Readability's walks recurse. */
function extractFromDocument(document: ReturnType<typeof parsePage>, html: string, mayConsultReadability: boolean): Extraction {
  const body = contentRoot(document);
  const pruned = pruneBoilerplate(body);
  const own = extractContent(body);
  const ownLength = totalLength(own.paragraphs);
  if (ownLength >= MIN_OWN_CHARS || !mayConsultReadability) return { paragraphs: own.paragraphs, method: own.method };
  // A consult costs several whole extractions; the prose bound skips those Readability cannot win. It reads the
  // whole page as parsed: this tree with the pruning undone (extraction only removed from it), else a new parse.
  let prose: number;
  if (onlyRemovedFrom(document)) {
    unprune(pruned);
    prose = proseLength(document.documentElement);
  } else prose = pageProseLength(html);
  if (prose <= READABILITY_LONGER_FACTOR * Math.max(ownLength, 1)) return { paragraphs: own.paragraphs, method: own.method };
  const second = readabilityExtract(html);
  if (second !== undefined && totalLength(second.paragraphs) > READABILITY_LONGER_FACTOR * Math.max(ownLength, 1)) {
    return { paragraphs: second.paragraphs, method: 'readability' };
  }
  return { paragraphs: own.paragraphs, method: own.method };
}
