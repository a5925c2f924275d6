// The small part of the DOM that extraction uses, typed here because the project compiles without the DOM
// library; linkedom supplies the implementation (a fast server-side DOM, no browser needed).
import { parseHTML } from 'linkedom';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export interface DomNode {
  nodeType: number;
  nodeName: string;
  nodeValue: string | null;
  textContent: string | null;
  parentNode: DomNode | null;
  parentElement: DomElement | null;
  childNodes: ArrayLike<DomNode>;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
  remove(): void;
}

export interface DomElement extends DomNode {
  localName: string;
  id: string;
  className: string;
  children: ArrayLike<DomElement>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  cloneNode(deep: boolean): DomElement;
}

export interface DomDocument {
  documentElement: DomElement;
  head: DomElement | null;
  body: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

/** Parses a whole page. linkedom wants a root element; bare fragments are wrapped so they still parse as a page. */
export function parsePage(html: string): DomDocument {
  const { document } = parseHTML(normaliseRoot(html));
  return document as unknown as DomDocument;
}

/**
 * linkedom is not an HTML5 tree builder, so the root is made explicit first. Text before <!DOCTYPE>/<html>
 * (PHP warnings) would leave an empty tree: it is cut, unless it holds comments (conditional <html> tags).
 * A page with no <html> element gets one, and a fragment with no <body> is wrapped in a body.
 */
function normaliseRoot(html: string): string {
  const htmlTag = html.search(/<html[\s>]/i);
  if (htmlTag >= 0) {
    const start = html.search(/<!doctype|<html[\s>]/i);
    return start > 0 && !html.slice(0, start).includes('<!--') ? html.slice(start) : html;
  }
  const rest = html.replace(/^\s*<!doctype[^>]*>/i, '');
  return /<body[\s>]/i.test(rest) ? `<!DOCTYPE html><html>${rest}</html>` : `<!DOCTYPE html><html><head></head><body>${rest}</body></html>`;
}

/**
 * The element holding the page's visible content: normally <body>, but on malformed pages linkedom can leave
 * <body> empty and hang the content off the root, so the root is taken when <body> holds under half its text.
 */
export function contentRoot(document: DomDocument): DomElement {
  const body = document.body;
  if (body === null) return document.documentElement;
  const bodyText = (body.textContent ?? '').length;
  return bodyText * 2 >= (document.documentElement.textContent ?? '').length ? body : document.documentElement;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Whitespace collapsed to single spaces, ends trimmed: how text is compared and emitted. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}
