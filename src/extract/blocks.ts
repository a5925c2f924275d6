// Turns a (pruned) DOM subtree into text blocks: one per paragraph-level element, with the share of its
// characters inside links. Inline markup joins into its block; block tags start a new one.
import { collapseWhitespace, isElement, TEXT_NODE, type DomElement, type DomNode } from './dom.ts';

/** Tags that end the running text and start a new block. */
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset', 'figure',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'caption', 'footer', 'nav', 'aside',
]);

export const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

export interface TextBlock {
  text: string;
  /** Characters of `text` that sit inside <a> elements. */
  linkChars: number;
  /** The block-level element the text belongs to (its tag tells paragraphs from headings and list items). */
  element: DomElement;
  tag: string;
}

export function linkDensity(block: TextBlock): number {
  return block.text.length === 0 ? 0 : block.linkChars / block.text.length;
}

/** Reads the blocks under `root`, in document order, skipping empty ones. */
export function readBlocks(root: DomElement): TextBlock[] {
  const blocks: TextBlock[] = [];
  // The block's text so far, concatenated: most blocks are one text node, which then is the text itself (an array
  // of parts reserved 17 slots at its first push).
  let raw = '';
  let linkChars = 0;
  let owner: DomElement = root;
  const flush = (): void => {
    // Nothing but empty text nodes: linkChars is 0 too.
    if (raw === '') return;
    const text = collapseWhitespace(raw);
    if (text !== '') {
      // Link characters were counted before collapsing; scale them so the density stays within [0, 1].
      const scaled = raw.length === 0 ? 0 : Math.min(text.length, Math.round((linkChars * text.length) / raw.length));
      blocks.push({ text, linkChars: scaled, element: owner, tag: owner.localName });
    }
    raw = '';
    linkChars = 0;
  };
  const visit = (node: DomNode, inLink: boolean): void => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      raw += value;
      if (inLink) linkChars += value.length;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.localName;
    if (tag === 'br') {
      raw += ' ';
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) {
      flush();
      const previous = owner;
      owner = node;
      for (let child = node.firstChild; child !== null; child = child.nextSibling) visit(child, inLink);
      flush();
      owner = previous;
      return;
    }
    // Inline elements: images give their alt text nowhere (captions are not body text); links are counted.
    if (tag === 'img') return;
    const link = inLink || tag === 'a';
    for (let child = node.firstChild; child !== null; child = child.nextSibling) visit(child, link);
  };
  visit(root, false);
  flush();
  return blocks;
}
