// Boilerplate pruning on the DOM, before any text is read. Each rule has a name, so a removal can be
// explained. Three kinds: whole tags that never hold article text, ARIA roles that mark page furniture,
// and class/id words that CMSs and templates give to navigation, comments, share bars and the like.
import { HEADING_TAGS } from './blocks.ts';
import { isElement, reinsert, textLength, type DomElement, type DomNode } from './dom.ts';

/** Tags whose content is never article text: code, media, form controls, page furniture. */
export const DROP_TAGS: ReadonlyMap<string, string> = new Map([
  ...['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'object', 'embed', 'video', 'audio', 'map', 'head', 'link', 'meta'].map((tag) => [tag, 'non-text'] as const),
  ...['button', 'input', 'select', 'textarea', 'option', 'label'].map((tag) => [tag, 'form-control'] as const),
  ['nav', 'navigation'],
  ['aside', 'aside'],
  ['footer', 'footer'],
  ['figcaption', 'caption'],
  ['dialog', 'dialog'],
  ['menu', 'navigation'],
]);

/** ARIA roles of page furniture (landmarks other than `main`, and pop-ups). */
const DROP_ROLES: ReadonlyMap<string, string> = new Map([
  ['navigation', 'navigation'],
  ['banner', 'page-header'],
  ['contentinfo', 'footer'],
  ['complementary', 'aside'],
  ['search', 'navigation'],
  ['dialog', 'dialog'],
  ['alertdialog', 'dialog'],
  ['menu', 'navigation'],
  ['menubar', 'navigation'],
]);

/**
 * Class/id words, each with the rule it names. Tested against each class token and the id, lower-cased.
 * Anchored at a token start or after a separator, so `nav` matches `main-nav` but not `canvas`.
 */
const CLASS_RULES: readonly { rule: string; pattern: RegExp }[] = [
  { rule: 'navigation', pattern: /(?:^|[-_])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|pagination|pager|skip-?links?|subnav|topnav|mainmenu)(?:$|[-_])/ },
  { rule: 'comments', pattern: /(?:^|[-_])(?:comments?|commentlist|comment-?list|respond|disqus[a-z_-]*|reply|replies|kommentare?|leserkommentare)(?:$|[-_])/ },
  { rule: 'share-bar', pattern: /(?:share|sharing|social|sociable|addthis|shariff|sharedaddy|sharethis|socialmedia|follow-us)/ },
  { rule: 'related', pattern: /(?:related|recommend|more-?stories|read-?more|readmore|also-?read|you-?may|outbrain|taboola|teaser-?list|most-?popular|popular-?posts|trending)/ },
  // Boxes set into the article that are not its text: fact boxes, calls to action, promotion and buy boxes.
  { rule: 'inset-box', pattern: /(?:^|[-_])(?:factbox|fact-?box|inline-?textbox|textbox|cta|cta\d|call-?to-?action|promotion-?box|promo-?box|buy-?box|buybox)(?:$|[-_])/ },
  { rule: 'newsletter', pattern: /(?:newsletter|subscribe|subscription|signup|sign-up|paywall|registration-?wall)/ },
  { rule: 'cookie-notice', pattern: /(?:cookie|consent|gdpr|privacy-?banner|cmp-?container)/ },
  { rule: 'advert', pattern: /(?:^|[-_])(?:ad|ads|adv|advert|advertisement|advertising|anzeige|werbung|sponsor|sponsored|promo|banner|dfp|adslot|adsense|ad-?container)(?:$|[-_\d])/ },
  // A token that starts with the word, or ends in a sidebar region's name: `has-sidebar`, `layout-…-and-sidebar`
  // and `right-rail-article` describe the layout of the element that holds the article, and Elementor's
  // `elementor-widget-wrap` and Blogger's `widget Blog` wrap the article itself.
  { rule: 'sidebar', pattern: /^(?:sidebar|side-?bar|widget-?area|widgets|marginal|(?:right|left)-?rail|rail)(?:$|[-_\d])|^(?!has-|with-|no-)[a-z\d]+[-_]side-?bar(?:[-_](?:first|second|left|right|primary|secondary|\d))?$/ },
  { rule: 'page-header', pattern: /(?:^|[-_])(?:masthead|site-?header|page-?header|topbar|top-?bar|toolbar|header-?bar|site-?footer|page-?footer|footer)(?:$|[-_])/ },
  // Author boxes after the article, however the theme spells them (`m-author__description`, `author-info`), and the WordPress author-box plugins.
  { rule: 'post-meta', pattern: /(?:^|[-_])author[-_]+(?:description|desc|info|bio|box|details|card|text|about)(?:$|[-_])|^(?:abh_box|saboxplugin-wrap)$/ },
  { rule: 'caption', pattern: /(?:caption|bildunterschrift|photo-?credit|image-?credit|copyright)/ },
  // Image legends and sources that templates write outside <figcaption>.
  { rule: 'caption', pattern: /(?:^|[-_])(?:legend|image-?description|imagedescription|image-?source|img-?desc|media-?desc|photo-?desc|bildquelle|bildnachweis|fotonachweis)(?:$|[-_])/ },
  { rule: 'post-meta', pattern: /(?:^|[-_])(?:tags|tag-?list|tagcloud|tag-?cloud|post-?meta|entry-?meta|meta-?data|postmetadata|byline|author-?box|author-?bio|about-?author|entry-?footer|post-?footer|categories|cat-?links|post-?info|dateline|published|datum|date)(?:$|[-_])/ },
  // Whole tokens only: `field-label-hidden`, `overflow-hidden` and `print-only` style a part of the element or
  // another medium, and Drupal and Bootstrap put them on the article body itself.
  { rule: 'hidden', pattern: /^(?:hidden|hide|is-hidden|u-hidden|d-none|sr-only|screen-reader-text|visually-?hidden|visuallyhidden|element-invisible|offscreen)$/ },
];

/** Elements the class rules never remove: a CMS decorates these with words like `has-comments` or `tag-share`. */
const PROTECTED_TAGS = new Set(['html', 'body', 'main', 'article']);
/** Elements holding this much of the page's paragraph text are kept whatever their class or landmark tag. */
const PROTECT_TEXT_SHARE = 0.5;

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** The rule that condemns this element by its tag, role, attributes or class/id words, if any. */
export function boilerplateRule(element: DomElement): string | undefined {
  const tag = element.localName;
  const byTag = DROP_TAGS.get(tag);
  if (byTag !== undefined) return byTag;
  const role = element.getAttribute('role');
  if (role !== null) {
    const byRole = DROP_ROLES.get(role.toLowerCase());
    if (byRole !== undefined) return byRole;
  }
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return 'hidden';
  const style = element.getAttribute('style');
  if (style !== null && HIDDEN_STYLE.test(style)) return 'hidden';
  if (PROTECTED_TAGS.has(tag)) return undefined;
  // A heading's id is an anchor spelled from its own words (`nav_nur_die_folie__1`, `share-your-story`), not a role.
  const id = HEADING_TAGS.has(tag) ? '' : (element.getAttribute('id') ?? '');
  const names = `${element.getAttribute('class') ?? ''} ${id}`.toLowerCase();
  if (names.trim() === '') return undefined;
  for (const token of names.split(/\s+/)) {
    if (token === '') continue;
    for (const { rule, pattern } of CLASS_RULES) if (pattern.test(token)) return rule;
  }
  return undefined;
}

/** Paragraph-ish text under an element, counted cheaply (lengths, no text built): the share test only needs an estimate. */
function paragraphTextLength(element: DomElement): number {
  let total = 0;
  const paragraphs = element.querySelectorAll('p');
  for (let index = 0; index < paragraphs.length; index++) {
    const paragraph = paragraphs[index];
    if (paragraph !== undefined) total += textLength(paragraph);
  }
  return total;
}

/**
 * One removal: the rule, the removed element, whose text is read only when asked (extraction never asks), and
 * where it stood (its parent and previous sibling then), so that the removal can be undone (unprune).
 */
export class Pruned {
  constructor(
    readonly rule: string,
    readonly element: DomElement,
    readonly parent: DomNode,
    readonly previous: DomNode | null,
  ) {}

  get text(): string {
    return this.element.textContent ?? '';
  }
}

/**
 * Removes boilerplate elements in place, outermost first, and returns what went and why. Removals that
 * would take the article with them are skipped (see holdsTheArticle).
 */
export function pruneBoilerplate(root: DomElement): Pruned[] {
  const pruned: Pruned[] = [];
  const pageText = Math.max(1, paragraphTextLength(root));
  pruneUnder(root, pageText, pruned);
  return pruned;
}

// A module function, not a walk made per page (no closure per call: README, Development).
function pruneUnder(node: DomNode, pageText: number, pruned: Pruned[]): void {
  let child = node.firstChild;
  while (child !== null) {
    const next = child.nextSibling;
    if (isElement(child)) {
      const rule = boilerplateRule(child);
      if (rule !== undefined && !(isOverridable(child, rule) && holdsTheArticle(child, pageText))) {
        pruned.push(new Pruned(rule, child, node, child.previousSibling));
        child.remove();
      } else {
        pruneUnder(child, pageText, pruned);
      }
    } else if (child.nodeType === 8) {
      child.remove(); // comments
    }
    child = next;
  }
}

/**
 * Puts back every element pruneBoilerplate removed, last removed first, each where it stood: the tree's elements
 * and text are then the page's again (the comments it removed stay out; they hold no text).
 */
export function unprune(pruned: readonly Pruned[]): void {
  for (let at = pruned.length - 1; at >= 0; at--) {
    const removal = pruned[at]!;
    reinsert(removal.element, removal.parent, removal.previous);
  }
}

/** Rules that text evidence may override: class words, and landmark tags that malformed markup left unclosed. */
function isOverridable(element: DomElement, rule: string): boolean {
  return rule !== 'non-text' && rule !== 'form-control' && rule !== 'hidden';
}

/**
 * An element is kept whatever its rule says when it holds the article: the schema.org article body, or at
 * least PROTECT_TEXT_SHARE of the page's paragraph text (a wrapper class, or an <aside> that broken markup
 * never closed, so that the article ended up inside it).
 */
function holdsTheArticle(element: DomElement, pageText: number): boolean {
  if (element.querySelector('[itemprop="articleBody"]') !== null) return true;
  return paragraphTextLength(element) / pageText >= PROTECT_TEXT_SHARE;
}
