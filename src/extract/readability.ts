// Mozilla's Readability (Firefox Reader View) over linkedom: the baseline newsfold starts from and the
// second opinion it consults. Readability needs a full DOM (innerHTML, createElement, …) and changes the
// document it reads, so it gets a linkedom parse of its own.
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { keepTextBlocks, trimFurniture } from './content.ts';
import { readBlocks } from './blocks.ts';
import { isElement, normaliseRoot, parsePage, type DomElement } from './dom.ts';

/** Readability's own default; pages with less text than this are retried with looser rules by Readability itself. */
const READABILITY_CHAR_THRESHOLD = 500;

/** A full linkedom DOM of the page, rooted as newsfold's own parse roots it. */
function parseFullDom(html: string): unknown {
  return parseHTML(normaliseRoot(html)).document;
}

export interface ReadabilityResult {
  paragraphs: string[];
  title?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
}

/**
 * Elements whose text never reaches Readability's result: it deletes scripts, styles and `<noscript>` (after
 * lifting its images, which carry no text) before reading, and cleans these from every attempt's article.
 */
const READABILITY_ALWAYS_DROPS = new Set(['script', 'style', 'noscript', 'footer', 'aside', 'link', 'input', 'textarea', 'select', 'button']);

/** The last value a style attribute gives `property`, split as linkedom's CSSStyleDeclaration splits it. */
function styleValue(style: string, property: string): string | undefined {
  let value: string | undefined;
  for (const rule of style.split(/\s*;\s*/)) {
    const [key = '', ...rest] = rule.split(':');
    if (rest.length > 0 && key.trim() === property && rest.join(':').trim() !== '') value = rest.join(':').trim();
  }
  return value;
}

/** Readability's `_isProbablyVisible` and its modal-dialog test, which delete the node in every attempt. */
function readabilityHides(element: DomElement): boolean {
  const style = element.getAttribute('style');
  if (style !== null && (styleValue(style, 'display') === 'none' || styleValue(style, 'visibility') === 'hidden')) return true;
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true' && !element.className.includes('fallback-image')) return true;
  return element.getAttribute('aria-modal') === 'true' && element.getAttribute('role') === 'dialog';
}

function removeDropped(element: DomElement): void {
  for (const child of Array.from(element.childNodes)) {
    if (!isElement(child)) continue;
    if (READABILITY_ALWAYS_DROPS.has(child.localName) || readabilityHides(child)) child.remove();
    else removeDropped(child);
  }
}

/**
 * The most text Readability's result can keep after newsfold's own block filter: the length of the page's
 * prose, i.e. the blocks of the whole page (from a light parse of its own, before any pruning, without the
 * elements Readability always deletes) that `keepTextBlocks` keeps. Readability only selects and deletes
 * elements, and its result passes through the same filter, so when this is within 3x of newsfold's own text
 * Readability cannot win and is not run.
 * (Not exact to the character: Readability can merge two blocks by deleting a block element between them.)
 */
export function pageProseLength(html: string): number {
  const root = parsePage(html).documentElement;
  removeDropped(root);
  let total = 0;
  for (const block of keepTextBlocks(readBlocks(root))) total += block.text.length;
  return total;
}

/** Runs Readability on a fresh parse of `html`; returns its content as paragraphs (no link lists). */
export function readabilityExtract(html: string): ReadabilityResult | undefined {
  const document = parseFullDom(html);
  let parsed: ReturnType<Readability<DomElement>['parse']>;
  try {
    parsed = new Readability<DomElement>(document as never, { charThreshold: READABILITY_CHAR_THRESHOLD, serializer: (node) => node as unknown as DomElement }).parse();
  } catch {
    return undefined; // Readability throws on some malformed trees; the caller falls back to its own result.
  }
  if (parsed === null || parsed.content === null || parsed.content === undefined) return undefined;
  const result: ReadabilityResult = { paragraphs: trimFurniture(keepTextBlocks(readBlocks(parsed.content))).map((block) => block.text) };
  if (typeof parsed.title === 'string' && parsed.title !== '') result.title = parsed.title;
  if (typeof parsed.byline === 'string' && parsed.byline !== '') result.byline = parsed.byline;
  if (typeof parsed.siteName === 'string' && parsed.siteName !== '') result.siteName = parsed.siteName;
  if (typeof parsed.publishedTime === 'string' && parsed.publishedTime !== '') result.publishedTime = parsed.publishedTime;
  return result;
}

/** Readability's raw text, as a plain baseline: its `textContent` with nothing of newsfold's applied. */
export function readabilityRawText(html: string): string {
  const document = parseFullDom(html);
  try {
    return new Readability(document as never).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}
