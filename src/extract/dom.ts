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
  // linkedom is not an HTML5 tree builder: text before <!DOCTYPE>/<html> (PHP warnings, BOM junk) leaves an empty
  // tree, so such a prefix is cut. A prefix with comments is kept: it may hold conditional <html> tags.
  const start = html.search(/<!doctype|<html[\s>]/i);
  const trimmed = start > 0 && !html.slice(0, start).includes('<!--') ? html.slice(start) : html;
  const source = start >= 0 ? trimmed : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  const { document } = parseHTML(source);
  return document as unknown as DomDocument;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Whitespace collapsed to single spaces, ends trimmed: how text is compared and emitted. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}
