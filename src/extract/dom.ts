// The small part of the DOM that extraction and metadata use, over newsfold's own light tree: htmlparser2
// tokenises the page (the same tokeniser and tag-closing rules linkedom uses), and the tree keeps only what
// extraction reads. A full DOM such as linkedom gives every node event-target state and costs several times
// more to build; it is kept only for Readability (see readability.ts), which needs the whole DOM API.
import { compile, selectAll, selectOne } from 'css-select';
import { Parser, type QuoteType } from 'htmlparser2';
import { collapseWhitespaceRuns } from '../text/normalize.ts';

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;

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
  previousSibling: DomNode | null;
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

const NO_CHILDREN: readonly TreeNode[] = [];
/** Bumped by every change to any tree's shape: an element index built at another value is stale. */
let treeVersion = 0;

/** A node of the light tree: children in an array (what selector matching walks) plus sibling links (what text walks use). */
abstract class TreeNode implements DomNode {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: TreeParent | null = null;
  nextSibling: TreeNode | null = null;
  previousSibling: TreeNode | null = null;

  get nodeValue(): string | null {
    return null;
  }

  get textContent(): string | null {
    return null;
  }

  get parentElement(): TreeElement | null {
    const parent = this.parentNode;
    return parent instanceof TreeElement ? parent : null;
  }

  get childNodes(): readonly TreeNode[] {
    return NO_CHILDREN;
  }

  get firstChild(): TreeNode | null {
    return null;
  }

  remove(): void {
    const parent = this.parentNode;
    if (parent === null) return;
    treeVersion++;
    const siblings = parent.nodes;
    const index = siblings.indexOf(this);
    if (index >= 0) siblings.splice(index, 1);
    if (this.previousSibling !== null) this.previousSibling.nextSibling = this.nextSibling;
    if (this.nextSibling !== null) this.nextSibling.previousSibling = this.previousSibling;
    this.parentNode = null;
    this.previousSibling = null;
    this.nextSibling = null;
  }
}

/** Text and comments: a node that is its data. */
abstract class TreeCharacterData extends TreeNode {
  constructor(public data: string) {
    super();
  }

  override get nodeValue(): string {
    return this.data;
  }
}

class TreeText extends TreeCharacterData {
  readonly nodeType = TEXT_NODE;
  readonly nodeName = '#text';

  override get textContent(): string {
    return this.data;
  }
}

class TreeComment extends TreeCharacterData {
  readonly nodeType = COMMENT_NODE;
  readonly nodeName = '#comment';
}

/** Element and document both hold children. */
abstract class TreeParent extends TreeNode {
  // Leaves and one-child elements are most of a page's elements: no array until a child comes, then one of one slot
  // (an empty array's first push reserves 17).
  nodes: TreeNode[] = NO_CHILDREN as TreeNode[];

  override get childNodes(): readonly TreeNode[] {
    return this.nodes;
  }

  override get firstChild(): TreeNode | null {
    return this.nodes[0] ?? null;
  }

  get children(): TreeElement[] {
    const elements: TreeElement[] = [];
    for (const node of this.nodes) if (node instanceof TreeElement) elements.push(node);
    return elements;
  }

  append(node: TreeNode): void {
    treeVersion++;
    const last = this.nodes[this.nodes.length - 1];
    if (last !== undefined) {
      last.nextSibling = node;
      node.previousSibling = last;
    }
    node.parentNode = this;
    if (this.nodes.length === 0) this.nodes = [node];
    else this.nodes.push(node);
  }

  /** Inserts `node` right after `reference`, one of this node's children. */
  insertAfter(node: TreeNode, reference: TreeNode): void {
    treeVersion++;
    const index = this.nodes.indexOf(reference);
    const next = reference.nextSibling;
    this.nodes.splice(index + 1, 0, node);
    node.parentNode = this;
    node.previousSibling = reference;
    node.nextSibling = next;
    reference.nextSibling = node;
    if (next !== null) next.previousSibling = node;
  }

  querySelector(selectors: string): TreeElement | null {
    const found = indexedMatches(this, selectors, true);
    return found === undefined ? selectOne<TreeNode, TreeElement>(compiledSelector(selectors), this, SELECT_OPTIONS) : (found[0] ?? null);
  }

  querySelectorAll(selectors: string): TreeElement[] {
    return indexedMatches(this, selectors, false) ?? selectAll<TreeNode, TreeElement>(compiledSelector(selectors), this, SELECT_OPTIONS);
  }
}

/**
 * Descendants of `scope` matching `selectors`, in document order, from the element index (only the first when
 * `firstOnly`); undefined when the index cannot answer (see indexedScope) and css-select must walk the tree.
 */
function indexedMatches(scope: TreeParent, selectors: string, firstOnly: boolean): TreeElement[] | undefined {
  const range = indexedScope(scope);
  if (range === undefined) return undefined;
  const { index, from, to } = range;
  const found: TreeElement[] = [];
  if (BARE_TAG.test(selectors)) {
    for (const element of index.byTag.get(selectors) ?? NO_ELEMENTS) {
      if (element.order < from || element.order >= to) continue;
      found.push(element);
      if (firstOnly) break;
    }
    return found;
  }
  const query = compiledSelector(selectors);
  for (let position = from; position < to; position++) {
    const element = index.elements[position] as TreeElement;
    if (!query(element)) continue;
    found.push(element);
    if (firstOnly) break;
  }
  return found;
}

const NO_ELEMENTS: readonly TreeElement[] = [];
/** A selector that is one lower-case tag name: answered from the index's per-tag lists. */
const BARE_TAG = /^[a-z][a-z0-9]*$/;

/**
 * Every element of a document in document order, with each element's place in it, so that a selector query
 * scans a flat list (or a per-tag list) instead of walking the tree again: metadata asks a dozen questions of
 * the unchanged page, each a walk over every node through css-select's adapter.
 */
interface ElementIndex {
  version: number;
  elements: TreeElement[];
  byTag: Map<string, TreeElement[]>;
}

function buildIndex(document: TreeDocument): ElementIndex {
  const elements: TreeElement[] = [];
  const byTag = new Map<string, TreeElement[]>();
  indexElements(document, elements, byTag);
  return { version: treeVersion, elements, byTag };
}

// A module function, not a walk made per page (no closure per call: README, Development).
function indexElements(parent: TreeParent, elements: TreeElement[], byTag: Map<string, TreeElement[]>): void {
  for (const node of parent.nodes) {
    if (!(node instanceof TreeElement)) continue;
    node.order = elements.length;
    elements.push(node);
    const tagged = byTag.get(node.localName);
    if (tagged === undefined) byTag.set(node.localName, [node]);
    else tagged.push(node);
    indexElements(node, elements, byTag);
    node.end = elements.length;
  }
}

/**
 * The index range holding `scope`'s descendants, or undefined (css-select walks the tree then) when `scope` is
 * not in a document, or the document changed since its index was built and `scope` is an inner element: while
 * pruning removes nodes between queries on small subtrees, rebuilding for each would cost more than walking.
 * Queries on the document, its root or <head>/<body> rebuild a stale index: they span the page anyway.
 */
function indexedScope(scope: TreeParent): { index: ElementIndex; from: number; to: number } | undefined {
  let top: TreeParent = scope;
  let depth = 0;
  while (top.parentNode !== null) {
    top = top.parentNode;
    depth++;
  }
  if (!(top instanceof TreeDocument)) return undefined;
  let index = top.elementIndex;
  if (index === undefined || index.version !== treeVersion) {
    if (depth > 2) return undefined;
    index = buildIndex(top);
    top.elementIndex = index;
  }
  return scope instanceof TreeElement ? { index, from: scope.order + 1, to: scope.end } : { index, from: 0, to: index.elements.length };
}

class TreeElement extends TreeParent implements DomElement {
  readonly nodeType = ELEMENT_NODE;
  /** This element's place in its document's element index, and the place after its last descendant. */
  order = -1;
  end = -1;
  constructor(
    readonly localName: string,
    /** Names and values in turn, in source order, each name once (the first of duplicates wins, as in browsers). */
    readonly attributePairs: readonly string[],
  ) {
    super();
  }

  get nodeName(): string {
    return this.localName.toUpperCase();
  }

  get id(): string {
    return this.getAttribute('id') ?? '';
  }

  get className(): string {
    return this.getAttribute('class') ?? '';
  }

  getAttribute(name: string): string | null {
    const pairs = this.attributePairs;
    for (let at = 0; at < pairs.length; at += 2) if (pairs[at] === name) return pairs[at + 1]!;
    return null;
  }

  hasAttribute(name: string): boolean {
    const pairs = this.attributePairs;
    for (let at = 0; at < pairs.length; at += 2) if (pairs[at] === name) return true;
    return false;
  }

  override get textContent(): string {
    const parts: string[] = [];
    collectText(this, parts);
    return parts.join('');
  }

  cloneNode(deep: boolean): TreeElement {
    const copy = new TreeElement(this.localName, this.attributePairs.length === 0 ? NO_ATTRIBUTES : this.attributePairs.slice());
    if (!deep) return copy;
    for (const node of this.nodes) {
      if (node instanceof TreeElement) copy.append(node.cloneNode(true));
      else if (node instanceof TreeText) copy.append(new TreeText(node.data));
      else if (node instanceof TreeComment) copy.append(new TreeComment(node.data));
    }
    return copy;
  }
}

/** Shared by every element without attributes (most of a page's elements): never written to. */
const NO_ATTRIBUTES: readonly string[] = [];

function collectText(parent: TreeParent, parts: string[]): void {
  for (const node of parent.nodes) {
    if (node instanceof TreeText) parts.push(node.data);
    else if (node instanceof TreeElement) collectText(node, parts);
  }
}

class TreeDocument extends TreeParent implements DomDocument {
  readonly nodeType = DOCUMENT_NODE;
  readonly nodeName = '#document';
  private bodyElement: TreeElement | undefined;
  /** True when `body` added an empty <body> the page did not have: the tree is then no longer the page's parse. */
  addedBody = false;
  elementIndex: ElementIndex | undefined;
  /** Element tags dropped below MAX_ELEMENT_DEPTH while parsing. */
  flattenedElements = 0;

  get documentElement(): TreeElement {
    for (const node of this.nodes) if (node instanceof TreeElement) return node;
    const root = new TreeElement('html', NO_ATTRIBUTES);
    this.append(root);
    return root;
  }

  /** The root's first element child when it is <head> (as in linkedom). */
  get head(): TreeElement | null {
    const first = this.documentElement.children[0];
    return first?.localName === 'head' ? first : null;
  }

  /**
   * The element after <head> (or the root's first element when there is no head) when it is <body>; else an
   * empty <body> is added there, as linkedom does. Malformed pages can so have an empty body with the content
   * beside it: see contentRoot.
   */
  get body(): TreeElement {
    if (this.bodyElement !== undefined) return this.bodyElement;
    const root = this.documentElement;
    const elements = root.children;
    const head = this.head;
    const candidate = elements[head === null ? 0 : 1];
    if (candidate?.localName === 'body') this.bodyElement = candidate;
    else {
      const body = new TreeElement('body', NO_ATTRIBUTES);
      if (head === null) root.nodes.length === 0 ? root.append(body) : insertFirst(root, body);
      else root.insertAfter(body, head);
      this.bodyElement = body;
      this.addedBody = true;
    }
    return this.bodyElement;
  }
}

function insertFirst(parent: TreeParent, node: TreeNode): void {
  treeVersion++;
  const first = parent.nodes[0];
  parent.nodes.unshift(node);
  node.parentNode = parent;
  node.nextSibling = first ?? null;
  if (first !== undefined) first.previousSibling = node;
}

/**
 * Puts a removed node back under `parent`, right after `previous` (first when null): undoes `remove()` when
 * removals are undone last first, each with the parent and previous sibling it had when removed.
 */
export function reinsert(node: DomNode, parent: DomNode, previous: DomNode | null): void {
  if (!(node instanceof TreeNode) || !(parent instanceof TreeParent)) throw new Error('reinsert: not a node of the light tree');
  if (previous === null) insertFirst(parent, node);
  else parent.insertAfter(node, previous as TreeNode);
}

/** True when `document` is still its page's parse but for removals: nothing added it an element (see TreeDocument.body). */
export function onlyRemovedFrom(document: DomDocument): boolean {
  return document instanceof TreeDocument && !document.addedBody;
}

type SelectOptions = NonNullable<Parameters<typeof selectAll<TreeNode, TreeElement>>[2]>;
type CompiledQuery = ReturnType<typeof compile<TreeNode, TreeElement>>;

/** css-select reads the tree through this adapter. */
const ADAPTER: NonNullable<SelectOptions['adapter']> = {
  isTag: (node): node is TreeElement => node instanceof TreeElement,
  getAttributeValue: (element, name) => element.getAttribute(name) ?? undefined,
  getChildren: (node) => (node instanceof TreeParent ? node.nodes : []),
  getName: (element) => element.localName,
  getParent: (node) => node.parentNode,
  getSiblings: (node) => (node.parentNode === null ? [node] : node.parentNode.nodes),
  prevElementSibling: (node) => {
    for (let previous = node.previousSibling; previous !== null; previous = previous.previousSibling) if (previous instanceof TreeElement) return previous;
    return null;
  },
  getText: (node) => node.textContent ?? '',
  hasAttrib: (element, name) => element.hasAttribute(name),
  removeSubsets: (nodes) => nodes.filter((node) => !nodes.some((other) => other !== node && contains(other, node))),
};

function contains(ancestor: TreeNode, node: TreeNode): boolean {
  for (let current = node.parentNode; current !== null; current = current.parentNode) if (current === ancestor) return true;
  return false;
}

const SELECT_OPTIONS: SelectOptions = { adapter: ADAPTER };
/** Selectors are a handful of fixed strings, compiled once each. */
const COMPILED = new Map<string, CompiledQuery>();

function compiledSelector(selectors: string): CompiledQuery {
  let query = COMPILED.get(selectors);
  if (query === undefined) {
    query = compile<TreeNode, TreeElement>(selectors, SELECT_OPTIONS);
    COMPILED.set(selectors, query);
  }
  return query;
}

/**
 * Deepest element nesting kept: the tree walks of extraction, cleaning and css-select recurse, and a page nested
 * 5,000+ levels (broken or hostile markup) would overflow the stack. Blink's HTML parser caps DOM depth at 512
 * likewise; real news pages stay under 100. Deeper tags are dropped and their text kept (see flattenedElements).
 */
export const MAX_ELEMENT_DEPTH = 512;

/** Elements whose content is never text a reader sees: below MAX_ELEMENT_DEPTH, where no tag is kept to prune, their text is dropped. */
const HIDDEN_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'svg', 'math']);

/** Block elements whose end, below MAX_ELEMENT_DEPTH, is kept as a blank line between their text and the next. */
const FLATTENED_BLOCK_TAGS: ReadonlySet<string> = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'article', 'tr', 'td', 'th', 'dd', 'dt', 'pre', 'figure', 'figcaption', 'header', 'footer', 'table', 'ul', 'ol']);

/** How many element tags below MAX_ELEMENT_DEPTH a parse dropped (0 for every ordinary page). */
export function flattenedElements(document: DomDocument): number {
  return document instanceof TreeDocument ? document.flattenedElements : 0;
}

/**
 * The parser's handlers, building the light tree. A class, not an object of closures made per page
 * (no closure per call: README, Development): those were optimised again up to 14 times a run.
 */
class TreeBuilder {
  readonly document = new TreeDocument();
  private current: TreeParent = this.document;
  private depth = 0;
  /** Elements opened below the depth cap, innermost last: their tags are dropped (their text stays in the capped element). */
  private readonly flattened: string[] = [];
  /** How many of them hold no reader's text (a script, a style): text inside any of them is dropped, not kept. */
  private hiddenFlattened = 0;

  /** The name of the tag being read, from its name until it is complete (opened) or the page ends (dropped). */
  private opening: string | undefined;
  /**
   * The names and values of the tag being read: the first `pendingLength` slots of a scratch array reused for
   * every tag (emptying it by `length = 0` would drop its store), of which its element gets an exact-size copy.
   */
  private readonly pending: string[] = [];
  private pendingLength = 0;

  onopentagname(name: string): void {
    this.opening = name;
    this.pendingLength = 0;
  }

  /** One attribute of the tag being read (from LightParser); a repeated name keeps its first value. */
  attribute(name: string, value: string): void {
    const pairs = this.pending;
    const length = this.pendingLength;
    for (let at = 0; at < length; at += 2) if (pairs[at] === name) return;
    pairs[length] = name;
    pairs[length + 1] = value;
    this.pendingLength = length + 2;
  }

  /** The tag being read is complete: its element is made (from LightParser, or an implied tag's close). */
  opened(): void {
    const name = this.opening;
    if (name === undefined) return;
    this.opening = undefined;
    if (this.depth >= MAX_ELEMENT_DEPTH) {
      this.flattened.push(name);
      if (HIDDEN_TEXT_TAGS.has(name)) this.hiddenFlattened++;
      this.document.flattenedElements++;
      return;
    }
    const element = new TreeElement(name, this.pendingLength === 0 ? NO_ATTRIBUTES : this.pending.slice(0, this.pendingLength));
    this.current.append(element);
    this.current = element;
    this.depth++;
  }

  /** The page ended inside a tag: it makes no element (as htmlparser2 opens none). */
  ended(): void {
    this.opening = undefined;
  }

  onclosetag(): void {
    // A tag htmlparser2 opens and closes at once (</p> alone opens an implied <p>, </br> a <br>) is complete here.
    this.opened();
    if (this.flattened.length > 0) {
      const name = this.flattened.pop()!;
      if (HIDDEN_TEXT_TAGS.has(name)) this.hiddenFlattened--;
      // A block's end still parts its text from what follows, as its tag would have.
      else if (FLATTENED_BLOCK_TAGS.has(name)) this.ontext('\n\n');
      return;
    }
    if (this.current === this.document) return;
    this.current = this.current.parentNode ?? this.document;
    this.depth--;
  }

  ontext(text: string): void {
    // A script's code below the depth cap was kept as the page's text (walk, session 34).
    if (this.hiddenFlattened > 0) return;
    const nodes = this.current.nodes;
    const last = nodes[nodes.length - 1];
    // The tokeniser can hand one run of text over in pieces (around entities); one node is enough.
    if (last instanceof TreeText) last.data += text;
    else this.current.append(new TreeText(text));
  }

  oncomment(data: string): void {
    this.current.append(new TreeComment(data));
  }
}

/**
 * A small page holding every construct htmlparser2's tokeniser has a state for (declarations, comments, CDATA,
 * special tags, entities named, numeric and unterminated, in text and attributes, every kind of attribute value,
 * stray and broken close tags). Parsed a few times before the first real page, it leaves type feedback in every
 * branch of the tokeniser, so the optimised code V8 makes from real pages covers them all: without it, each rare
 * branch a later page reaches deoptimises the tokeniser's loop, which is compiled again (on 990 real pages
 * `parse` was compiled 15-19 times a run, 1-2 with it; BENCHMARKS.md, session 30).
 */
const TOKENIZER_WARM_PAGE = `<!DOCTYPE html><?xml version="1.0"?><html lang=en><head><meta charset='utf-8'><title>A &amp; B &#8212; C&nbsp;D</title>
<script type="text/javascript">var a = 1 < 2 && "</scr" + "ipt>"; if (a) { b = '<p>'; }</script><style>p > a { color: red }</style>
<!-- a comment --><!----><!x bogus><![CDATA[ data ]]><link rel="stylesheet" href="/a.css"/></head>
<body class = "main page" data-x=1 hidden><div id="top"><p>First &amp; second &copy 2024 &#x27;quoted&#39; &unknown; &lt;tag&gt; a < b<br/>
<a href="https://example.com/a?b=1&amp;c=2" title='It&apos;s'>link</a><img src=x.png alt="" /><input disabled value=a&amp;b>
<ul><li>one<li>two</ul><p>Para<div>block</div></p><table><tr><td>1<td>2</table><select><option>a<option>b</select>
<textarea>raw <b>text</b> &amp;</textarea><noscript><p>no</p></noscript><iframe src="x"></iframe>
<svg viewBox="0 0 1 1"><path d="M0 0"/><![CDATA[x]]></svg><math><mi>x</mi></math>
</span></p ></div ><p>Tail text &hellip;</p><xmp><b></xmp></br></><p>a </1x> &ampx &notit; &amp &#12 &#x1f &#9;</p>
<a href="?a=1&copy=2&amp=3&lt">q</a><br/ x><!-x><script>
</script
><style>a</style ><svg><![CDATA[ y ]]></svg></body></html>`;
/** Parses of the warm page: enough for V8 to give every tokeniser function a feedback vector (2 did as well as 50). */
const TOKENIZER_WARM_PARSES = 8;
let tokenizerWarmed = false;

function warmTokenizer(): void {
  tokenizerWarmed = true;
  for (let parse = 0; parse < TOKENIZER_WARM_PARSES; parse++) parseNormalised(TOKENIZER_WARM_PAGE);
}

/** What LightParser reads of htmlparser2 10's Parser: the attribute being read (private in its types). */
interface ParserAttribute {
  attribname: string;
  attribvalue: string;
}

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseAttributeNames: false };

/**
 * The Parser's stacks of open tags and of foreign contexts, innermost first as the Parser reads them (`[0]`,
 * `shift`, `unshift`, `indexOf`, `length`), kept innermost last: the Parser's arrays moved every entry at each
 * tag opened, so a page of 100,000 unclosed <div>s (600 KB) took 22 s to parse and a 5 MB one half an hour.
 * `indexOf` of a name not open answers at once from the counts: stray end tags under a deep stack cost nothing.
 */
export class InnermostFirst<T> {
  private readonly items: T[] = [];
  private readonly open = new Map<T, number>();

  get length(): number {
    return this.items.length;
  }

  // The Parser empties its stacks by setting the length to 0 (reset).
  set length(length: number) {
    while (this.items.length > length) this.shift();
  }

  /** The innermost entry. */
  get 0(): T | undefined {
    return this.items[this.items.length - 1];
  }

  shift(): T | undefined {
    const item = this.items.pop();
    if (item !== undefined) {
      const count = this.open.get(item)! - 1;
      if (count === 0) this.open.delete(item);
      else this.open.set(item, count);
    }
    return item;
  }

  unshift(item: T): number {
    this.items.push(item);
    this.open.set(item, (this.open.get(item) ?? 0) + 1);
    return this.items.length;
  }

  /** How far from the innermost entry the nearest `item` is; -1 when none is open. */
  indexOf(item: T): number {
    if (!this.open.has(item)) return -1;
    return this.items.length - 1 - this.items.lastIndexOf(item);
  }

  /** Innermost first, as an array: what the Parser's end reads by index. */
  toArray(): T[] {
    return this.items.slice().reverse();
  }
}

/** The Parser's stacks (private in its types). */
interface ParserStacks {
  stack: InnermostFirst<string> | string[];
  foreignContext: InnermostFirst<boolean> | boolean[];
}

/**
 * htmlparser2's Parser, telling the builder each attribute as a name and a value and when a tag is complete, with
 * no attributes object: with the builder's `onopentag` the Parser made one for every tag and stored each attribute
 * in it by its computed name, a hidden-class transition per name and order, 13% of parsing the 990 real pages
 * (BENCHMARKS.md, session 31). The overrides are the Parser's own methods (htmlparser2 10) with that taken out or
 * the builder told first; the Parser opens, closes and implies tags as before.
 */
class LightParser extends Parser {
  constructor(private readonly builder: TreeBuilder) {
    super(builder, PARSER_OPTIONS);
    const stacks = this as unknown as ParserStacks;
    stacks.stack = new InnermostFirst<string>();
    const foreign = new InnermostFirst<boolean>();
    for (const context of (stacks.foreignContext as boolean[]).slice().reverse()) foreign.unshift(context);
    stacks.foreignContext = foreign;
  }

  // The Parser's own, but for the store into the attributes object (never made here: the builder has no onopentag).
  override onattribend(_quote: QuoteType, endIndex: number): void {
    const attribute = this as unknown as ParserAttribute;
    this.endIndex = endIndex;
    this.builder.attribute(attribute.attribname, attribute.attribvalue);
    attribute.attribvalue = '';
  }

  // `>` or `/>` ends an open tag: its element is made before the Parser closes a void one.
  override onopentagend(endIndex: number): void {
    this.builder.opened();
    super.onopentagend(endIndex);
  }

  override onselfclosingtag(endIndex: number): void {
    this.builder.opened();
    super.onselfclosingtag(endIndex);
  }

  // The Parser closes the open elements at the end: a tag still being read then is not one of them.
  override onend(): void {
    this.builder.ended();
    // The Parser closes what is still open reading its stack by index, innermost first.
    const stacks = this as unknown as ParserStacks;
    if (stacks.stack instanceof InnermostFirst) stacks.stack = stacks.stack.toArray();
    super.onend();
  }
}

function parseNormalised(html: string): TreeDocument {
  const builder = new TreeBuilder();
  const parser = new LightParser(builder);
  parser.write(html);
  parser.end();
  return builder.document;
}

/**
 * Parses a whole page into the light tree. Attribute names keep their case and entities are decoded, the
 * options linkedom parses with, so both trees agree on every page.
 */
export function parsePage(html: string): DomDocument {
  if (!tokenizerWarmed) warmTokenizer();
  return parseNormalised(normaliseRoot(html));
}

/**
 * The tokeniser is not an HTML5 tree builder, so the root is made explicit first. Text before <!DOCTYPE>/<html>
 * (PHP warnings) would leave an empty tree: it is cut, unless it holds comments (conditional <html> tags).
 * A page with no <html> element gets one, and a fragment with no <body> is wrapped in a body.
 */
export function normaliseRoot(html: string): string {
  const htmlTag = html.search(/<html[\s>]/i);
  if (htmlTag >= 0) {
    const start = html.search(/<!doctype|<html[\s>]/i);
    return start > 0 && !html.slice(0, start).includes('<!--') ? html.slice(start) : html;
  }
  const rest = html.replace(/^\s*<!doctype[^>]*>/i, '');
  return /<body[\s>]/i.test(rest) ? `<!DOCTYPE html><html>${rest}</html>` : `<!DOCTYPE html><html><head></head><body>${rest}</body></html>`;
}

/**
 * The element holding the page's visible content: normally <body>, but on malformed pages <body> can be left
 * empty with the content hanging off the root, so the root is taken when <body> holds under half its text.
 */
export function contentRoot(document: DomDocument): DomElement {
  const body = document.body;
  const root = document.documentElement;
  if (body === null) return root;
  const bodyText = textLength(body);
  let rootText = 0;
  for (let child = root.firstChild; child !== null; child = child.nextSibling) rootText += child === body ? bodyText : textLength(child);
  return bodyText * 2 >= rootText ? body : root;
}

/**
 * The length of `node.textContent`, counted without building the string (pages run to megabytes). With a
 * `limit`, counting stops once past it: the result is then some value above the limit, not the length.
 */
export function textLength(node: DomNode, limit = Infinity): number {
  if (node instanceof TreeText) return node.data.length;
  if (!(node instanceof TreeParent)) return node.nodeType === COMMENT_NODE ? 0 : (node.textContent ?? '').length;
  return countText(node, 0, limit);
}

function countText(parent: TreeParent, counted: number, limit: number): number {
  let total = counted;
  for (const child of parent.nodes) {
    if (child instanceof TreeText) total += child.data.length;
    else if (child instanceof TreeElement) total = countText(child, total, limit);
    if (total > limit) return total;
  }
  return total;
}

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

const ZERO_WIDTH_SPACE = /\u200b/g;

/** Whitespace collapsed to single spaces (a zero-width space counted as one), ends trimmed: how text is compared and emitted. */
export function collapseWhitespace(text: string): string {
  return collapseWhitespaceRuns(text.replace(ZERO_WIDTH_SPACE, ' '));
}
