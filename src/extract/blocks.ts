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
  const reader = new BlockReader(root);
  reader.visit(root, false);
  reader.flush();
  return reader.blocks;
}

/**
 * readBlocks' walk. A class, not closures made per page (no closure per call: README, Development).
 */
class BlockReader {
  readonly blocks: TextBlock[] = [];
  // The block's text so far, concatenated: most blocks are one text node, which then is the text itself (an array
  // of parts reserved 17 slots at its first push).
  private raw = '';
  private linkChars = 0;
  constructor(private owner: DomElement) {}

  flush(): void {
    // Nothing but empty text nodes: linkChars is 0 too.
    if (this.raw === '') return;
    const text = collapseWhitespace(this.raw);
    if (text !== '') {
      // Link characters were counted before collapsing; scale them so the density stays within [0, 1].
      const scaled = this.raw.length === 0 ? 0 : Math.min(text.length, Math.round((this.linkChars * text.length) / this.raw.length));
      this.blocks.push({ text, linkChars: scaled, element: this.owner, tag: this.owner.localName });
    }
    this.raw = '';
    this.linkChars = 0;
  }

  visit(node: DomNode, inLink: boolean): void {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      this.raw += value;
      if (inLink) this.linkChars += value.length;
      return;
    }
    if (!isElement(node)) return;
    const tag = node.localName;
    if (tag === 'br') {
      this.raw += ' ';
      return;
    }
    const isBlock = BLOCK_TAGS.has(tag);
    if (isBlock) {
      this.flush();
      const previous = this.owner;
      this.owner = node;
      for (let child = node.firstChild; child !== null; child = child.nextSibling) this.visit(child, inLink);
      this.flush();
      this.owner = previous;
      return;
    }
    // Inline elements: images give their alt text nowhere (captions are not body text); links are counted.
    if (tag === 'img') return;
    const link = inLink || tag === 'a';
    for (let child = node.firstChild; child !== null; child = child.nextSibling) this.visit(child, link);
  }
}
