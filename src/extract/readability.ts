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

const ELEMENT = 1;
const TEXT = 3;
const CDATA = 4;
const NOT_WHITESPACE = /\S/;

/** The few DOM members the overrides below read (linkedom's nodes have them all). */
interface ReadNode {
  nodeType: number;
  textContent: string | null;
  firstChild: ReadNode | null;
  nextSibling: ReadNode | null;
  children: ArrayLike<unknown>;
  hasAttribute(name: string): boolean;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<unknown>;
}

/** True when some text (or CDATA) under `node` is not all whitespace: `textContent.trim() !== ''` without building the text. */
function holdsText(node: ReadNode): boolean {
  for (let child = node.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT || child.nodeType === CDATA) {
      if (NOT_WHITESPACE.test(child.textContent ?? '')) return true;
    } else if (child.nodeType === ELEMENT && holdsText(child)) return true;
  }
  return false;
}

/**
 * Readability 0.6.0 with three of its tests answered alike at less cost. Its node loop runs each of them on every
 * element in each of its attempts, and two of them built a node's whole text (linkedom joins it afresh at every
 * read) for every element: 14 MB allocated in one run on the pages it is consulted for. The answers are the same:
 * the same inputs are read, only in an order that skips what cannot change them (see test/extract/readability.test.ts,
 * which checks each against Readability's own on every element of a page).
 */
class LeanReadability<T> extends Readability<T> {
  /** Readability's byline test reads the node's text length first; it counts only when the rel, itemprop or class/id test passes. */
  _isValidByline(node: ReadNode, matchString: string): boolean {
    const rel = node.getAttribute('rel');
    const itemprop = node.getAttribute('itemprop');
    if (!(rel === 'author' || (itemprop !== null && itemprop.includes('author')) || (this as unknown as ReadabilityInternals).REGEXPS.byline.test(matchString))) return false;
    const bylineLength = (node.textContent ?? '').trim().length;
    return bylineLength > 0 && bylineLength < 100;
  }

  /** `!node.textContent.trim().length`, answered by a walk that stops at the first text that is not whitespace. */
  _isElementWithoutContent(node: ReadNode): boolean {
    return (
      node.nodeType === ELEMENT &&
      !holdsText(node) &&
      (!node.children.length || node.children.length === node.getElementsByTagName('br').length + node.getElementsByTagName('hr').length)
    );
  }

  /**
   * An element with no style attribute has an empty style (display and visibility read ''), which Readability's test
   * passes: it is not asked for (linkedom makes a style object for each element asked, and parses the attribute).
   */
  _isProbablyVisible(node: ReadNode): boolean {
    if (node.hasAttribute('style')) return (Readability.prototype as unknown as ReadabilityInternals)._isProbablyVisible.call(this, node);
    return (
      !node.hasAttribute('hidden') &&
      (!node.hasAttribute('aria-hidden') || node.getAttribute('aria-hidden') !== 'true' || (node as unknown as { className?: { includes?: (text: string) => boolean } }).className?.includes?.('fallback-image') === true)
    );
  }
}

interface ReadabilityInternals {
  REGEXPS: { byline: RegExp };
  _isProbablyVisible(node: ReadNode): boolean;
  _isValidByline(node: ReadNode, matchString: string): boolean;
  _isElementWithoutContent(node: ReadNode): boolean;
}

/** For tests: Readability's own tests and the lean ones, on one instance each for `document`. */
export function readabilityTests(document: unknown): { own: ReadabilityInternals; lean: ReadabilityInternals } {
  return {
    own: new Readability(document as never) as unknown as ReadabilityInternals,
    lean: new LeanReadability(document as never) as unknown as ReadabilityInternals,
  };
}

/** A full linkedom DOM of the page, rooted as newsfold's own parse roots it. */
export function parseFullDom(html: string): unknown {
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
  return proseLength(parsePage(html).documentElement);
}

/** pageProseLength on `root`, the root of the page's light parse, which it changes (it removes what Readability drops). */
export function proseLength(root: DomElement): number {
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
    parsed = new LeanReadability<DomElement>(document as never, { charThreshold: READABILITY_CHAR_THRESHOLD, serializer: (node) => node as unknown as DomElement }).parse();
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
