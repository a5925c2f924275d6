// newsfold's own main-text finder, in the spirit of trafilatura: after pruning, look for the content
// container a CMS names (article body, entry content, <article>, <main>), else score containers by the
// paragraph text under them (text density with a link-density penalty); then keep the blocks inside that
// are text, not lists of links.
import { HEADING_TAGS, linkDensity, readBlocks, type TextBlock } from './blocks.ts';
import { parseTextDate } from './dates.ts';
import type { DomElement } from './dom.ts';

/**
 * Containers that hold the article in common templates, most specific first. The first selector whose
 * best element carries MIN_CONTAINER_CHARS of text wins.
 */
export const CONTENT_SELECTORS: readonly string[] = [
  '[itemprop="articleBody"]',
  '.article-body, .article__body, .articleBody, .article-content, .article__content, .article-text, .articletext, .story-body, .story-content, .storycontent',
  '.entry-content, .post-content, .post-body, .postBody, .post-entry, .entry-body, .blog-post-content, .single-content, .td-post-content, .content-body, .text-content, .rich-text, .body-text, .field-body, .field-name-body, .news-text, .newstext, .artikel, .beitrag',
  'article',
  'main, [role="main"]',
  '#content, #main-content, #maincontent, .main-content, #main, .content, #article, .article, .post, .entry, #primary',
];

/** Text a named container must hold to be trusted; smaller ones are teasers or empty shells. */
const MIN_CONTAINER_CHARS = 250;
/** Blocks shorter than this carry no density evidence (labels, dates, single links). */
const MIN_SCORED_BLOCK_CHARS = 25;
/** Link share above which a block is navigation or a link list, not prose (trafilatura and boilerpipe use similar cut-offs). */
const MAX_LINK_DENSITY = 0.5;
/** Short blocks with any real share of link text are usually "Read more"-style furniture. */
const SHORT_BLOCK_CHARS = 40;
const SHORT_BLOCK_MAX_LINK_DENSITY = 0.3;
/** How much of a block's score its grandparent and great-grandparent receive (readability's scheme, in spirit). */
const ANCESTOR_SHARES = [1, 0.5, 0.33] as const;

/**
 * Headings that open the furniture after an article: related links, "more on this", about the author,
 * comments, sharing, newsletters, tags (English, German, French, Spanish, Italian, Polish, Dutch). A short
 * block that is one of these, in the last part of the text, ends the article: it and all after it go.
 */
const TAIL_MARKER = new RegExp(
  '^(?:' +
    [
      'related(?: (?:articles|posts|stories|content|topics))?', 'you (?:might|may) also like', 'read (?:more|next|also)', 'more (?:on|from|about|stories|articles|news)\\b.*', 'see also', 'recommended(?: for you)?', 'also (?:read|interesting)', 'about the author', 'comments?', 'leave a (?:comment|reply)', 'share (?:this|on).*', 'tags?', 'topics?', 'sign up.*newsletter.*', 'subscribe.*',
      'lesen sie (?:auch|mehr)(?: die folgenden beiträge)?', 'empfohlene (?:beiträge|artikel)', 'weiterführende informationen', 'explore further', 'ähnliche (?:beiträge|artikel|themen)', 'weitere (?:informationen|artikel|beiträge|meldungen|themen|nachrichten)(?: .*)?', 'mehr (?:zum thema|zu diesem thema|themen|dazu|aus der sendung|zu|aus|kolumnen|artikel)\\b.*', 'auch interessant', 'das könnte (?:dich|sie) auch interessieren', 'siehe auch', 'über (?:den|die) autor(?:in)?', 'zum weiterlesen', 'weiterführende links', 'lesetipps?', 'kommentare?(?: schreiben)?', 'kommentieren', 'diese seite teilen', 'artikel teilen', 'teilen', 'verwandte (?:artikel|themen)', 'themen', 'schlagworte', 'quellen(?: ausblenden)?', 'artikel und videos zum thema', 'markiert mit', 'ansprechpartner(?:in)?', 'pressekontakt', 'newsletter.*',
      'articles? liés', 'à lire aussi', 'lire aussi', 'sur le même sujet', 'temas relacionados', 'noticias relacionadas', 'lee también', 'te puede interesar', 'lo último', 'articoli correlati', 'leggi anche', 'powiązane (?:tematy|artykuły)', 'czytaj (?:też|także)', 'gerelateerde artikelen', 'lees ook',
    ].join('|') +
    ')[:.!?]?$',
  'i',
);
/** Tail markers only cut in the last part of the text: earlier they are section headings inside the article. */
const TAIL_CUT_MIN_SHARE = 0.5;
/** A tail marker is a heading or label, so it is short. */
const TAIL_MARKER_MAX_CHARS = 60;
/** Short blocks that are captions, credits or widget labels wherever they stand. */
const FURNITURE_LINE = /^(?:photo|foto|bild|bildquelle|quelle|quellenangaben|abbildung|image|credits?|crédits?|titelbild|photograph by|fotos?:|anzeige|advertisement|werbung|loading\.*|weiterlesen|read more|mehr lesen|drucken|print|permalink|\(noch keine bewertungen\)|war (?:der|dieser) artikel (?:nützlich|hilfreich)\?.*|möchten sie den artikel teilen\?|dieser artikel gefällt ihnen\?)\b.*$/i;
/** Longest block FURNITURE_LINE may remove: captions and labels are short, paragraphs that begin with "Foto" are not. */
const FURNITURE_MAX_CHARS = 80;
/** Photo credits name a picture agency: "Judy Eddy/WENN.com", "AFP / MARCO BERTORELLO", "Augusta National/Getty Images". */
const PHOTO_CREDIT = /(?:getty ?images|\bafp\b|\bdpa\b|reuters|\bimago\b|wenn\.com|shutterstock|istock(?:photo)?|picture[- ]alliance|keystone|\bap photo)/i;
/** A credit is a name or two and the agency; longer blocks that mention an agency are reporting. */
const PHOTO_CREDIT_MAX_CHARS = 60;

/** Caption, label, credit, or a related/comments marker heading standing on its own: never article text. */
function isFurnitureLine(text: string): boolean {
  if (text.length <= FURNITURE_MAX_CHARS && FURNITURE_LINE.test(text)) return true;
  if (text.length <= PHOTO_CREDIT_MAX_CHARS && PHOTO_CREDIT.test(text)) return true;
  return text.length <= TAIL_MARKER_MAX_CHARS && TAIL_MARKER.test(text);
}

/** Meta lines (date, time, author, category) are short; a longer block with a date is prose that mentions one. */
const META_LINE_MAX_WORDS = 8;

/** "Veröffentlichung: 2. Februar 2022", "May 3, 2021 by Ana": a date with a few words around it. */
function isMetaLine(text: string): boolean {
  if (text.split(' ').length > META_LINE_MAX_WORDS) return false;
  return parseTextDate(text) !== undefined;
}

/** Drops caption and widget lines, then everything from a tail marker in the last part of the text on. */
export function trimFurniture(blocks: readonly TextBlock[]): TextBlock[] {
  const total = textLength(blocks);
  const kept: TextBlock[] = [];
  let seen = 0;
  for (const block of blocks) {
    if (seen >= total * TAIL_CUT_MIN_SHARE && block.text.length <= TAIL_MARKER_MAX_CHARS && TAIL_MARKER.test(block.text)) return kept;
    seen += block.text.length;
    if (isFurnitureLine(block.text) || (block.tag !== 'td' && isMetaLine(block.text))) continue;
    kept.push(block);
  }
  return withoutTrailingLabels(withoutLeadingLabels(kept));
}

/** A kicker or section label above the text is a few words: "Pressemitteilung Aktuell", "Artikel", "TR 7/2019". */
const LEADING_LABEL_MAX_CHARS = 25;
/** Text that ends like a sentence or a quotation is a line of the article, however short. */
const SENTENCE_END = /[.!?"“”»]$/;

/**
 * Leading labels: short lines before the first real block of the text (kickers, section names, issue labels,
 * a date) are page furniture, as jusText classes short blocks at the edge of the text by their boilerplate
 * neighbours. Headings and lines that end like a sentence stay.
 */
function withoutLeadingLabels(blocks: TextBlock[]): TextBlock[] {
  let start = 0;
  for (const block of blocks) {
    if (block.text.length > LEADING_LABEL_MAX_CHARS || HEADING_TAGS.has(block.tag) || SENTENCE_END.test(block.text)) break;
    start++;
  }
  return start === 0 ? blocks : blocks.slice(start);
}

/** A label is as short as a tail marker: "Meistgelesene Artikel", "Contenido relacionado", "Kontakt:", "Schon gelesen?". */
const TRAILING_LABEL_MAX_CHARS = TAIL_MARKER_MAX_CHARS;
/** Lines that introduce what follows: a colon, or a question put to the reader. */
const LABEL_END = /[:?]$/;

/**
 * Trailing labels: the widget a heading or a "…:" / "…?" line introduced (a link list, a form, a share bar) was
 * pruned, so the label is left dangling at the end of the text. Short headings and such lines at the end go.
 */
function withoutTrailingLabels(blocks: TextBlock[]): TextBlock[] {
  let end = blocks.length;
  while (end > 0) {
    const block = blocks[end - 1];
    if (block === undefined || block.text.length > TRAILING_LABEL_MAX_CHARS) break;
    if (!HEADING_TAGS.has(block.tag) && !LABEL_END.test(block.text)) break;
    end--;
  }
  return end === blocks.length ? blocks : blocks.slice(0, end);
}

export interface ContentResult {
  paragraphs: string[];
  /** Which way the container was found: a selector, or `density`. */
  method: string;
}

/** The blocks worth keeping: not link lists, not short linked snippets. */
export function keepTextBlocks(blocks: readonly TextBlock[]): TextBlock[] {
  return blocks.filter(isTextBlock);
}

// A module function, not an arrow made per page (no closure per call: README, Development).
function isTextBlock(block: TextBlock): boolean {
  const density = linkDensity(block);
  if (density > MAX_LINK_DENSITY) return false;
  if (block.text.length < SHORT_BLOCK_CHARS && density > SHORT_BLOCK_MAX_LINK_DENSITY && !HEADING_TAGS.has(block.tag)) return false;
  return true;
}

function textLength(blocks: readonly TextBlock[]): number {
  let total = 0;
  for (const block of blocks) total += block.text.length;
  return total;
}

/** Block score: length and commas say prose; links take away (readability's content score, simplified). */
function blockScore(block: TextBlock): number {
  const commas = (block.text.match(/[,،、，]/g) ?? []).length;
  return (1 + commas + Math.min(3, block.text.length / 100)) * (1 - linkDensity(block));
}

function byDensity(body: DomElement): DomElement | undefined {
  const scores = new Map<DomElement, number>();
  for (const block of readBlocks(body)) {
    if (block.text.length < MIN_SCORED_BLOCK_CHARS) continue;
    const score = blockScore(block);
    let ancestor: DomElement | null = block.element.parentElement;
    for (const share of ANCESTOR_SHARES) {
      if (ancestor === null) break;
      scores.set(ancestor, (scores.get(ancestor) ?? 0) + score * share);
      ancestor = ancestor.parentElement;
    }
  }
  let best: DomElement | undefined;
  let bestScore = 0;
  for (const [element, score] of scores) {
    if (score > bestScore) {
      best = element;
      bestScore = score;
    }
  }
  return best;
}

/** A lead (standfirst) before the body container is a real paragraph: at least this long. */
const MIN_LEAD_CHARS = 80;
/** Siblings before the container searched for a lead: the standfirst sits right above the body. */
const LEAD_SIBLINGS = 2;

/**
 * Templates often put the lead paragraph (standfirst, teaser, intro) just before the article-body element.
 * Prose blocks in the nearest preceding siblings are taken in front of the body.
 */
function leadBlocks(container: DomElement): TextBlock[] {
  const leads: TextBlock[][] = [];
  let sibling = previousElement(container);
  for (let step = 0; step < LEAD_SIBLINGS && sibling !== undefined; step++, sibling = previousElement(sibling)) {
    const blocks = keepTextBlocks(readBlocks(sibling)).filter((block) => block.text.length >= MIN_LEAD_CHARS && !HEADING_TAGS.has(block.tag));
    if (blocks.length > 0) leads.unshift(blocks);
  }
  return leads.flat();
}

function previousElement(element: DomElement): DomElement | undefined {
  const parent = element.parentElement;
  if (parent === null) return undefined;
  let previous: DomElement | undefined;
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child === element) return previous;
    if (child.nodeType === 1) previous = child as DomElement;
  }
  return undefined;
}

/** Text between the headline and the body beyond which the <h1> is not this article's headline (a site logo, a section page). */
const MAX_HEADLINE_GAP_CHARS = 1500;

/** Pages without an <h1> title the article with the nearest of these. */
const SUBHEADLINE_TAGS = new Set(['h2', 'h3']);

function isInside(element: DomElement, container: DomElement): boolean {
  for (let current: DomElement | null = element; current !== null; current = current.parentElement) if (current === container) return true;
  return false;
}

/**
 * Lead by headline: templates put the standfirst (deck, intro, teaser, chapo) in the article header, between
 * the <h1> and the body container, often several levels away from it. Prose blocks there (not captions, meta
 * lines or links) are taken in front of the body; a long deck in an <h2> counts too.
 */
function headlineLead(body: DomElement, container: DomElement): TextBlock[] {
  const blocks = readBlocks(body);
  let start = blocks.findIndex((block) => isInside(block.element, container));
  if (start <= 0) return [];
  let headline = -1;
  let nearestHeading = -1;
  let gap = 0;
  for (let index = start - 1; index >= 0; index--) {
    const block = blocks[index];
    if (block === undefined) break;
    if (block.tag === 'h1') {
      headline = index;
      break;
    }
    if (nearestHeading < 0 && SUBHEADLINE_TAGS.has(block.tag)) nearestHeading = index;
    gap += block.text.length;
    if (gap > MAX_HEADLINE_GAP_CHARS) break;
  }
  if (headline < 0) headline = nearestHeading;
  if (headline < 0) return [];
  return trimFurniture(keepTextBlocks(blocks.slice(headline + 1, start))).filter((block) => block.text.length >= MIN_LEAD_CHARS);
}

/** Lead blocks found both ways are taken once. */
function withoutRepeats(first: readonly TextBlock[], second: readonly TextBlock[]): TextBlock[] {
  const seen = new Set(first.map((block) => `${block.text}`));
  return [...first, ...second.filter((block) => !seen.has(block.text))];
}

/** Selectors that name a whole page column rather than the article: inside them, text density narrows the choice. */
const BROAD_SELECTORS = new Set(['main, [role="main"]', '#content, #main-content, #maincontent, .main-content, #main, .content, #article, .article, .post, .entry, #primary']);
/** Share of a broad container's text the densest part inside must keep to replace it: less means the article was cut. */
const NARROW_MIN_SHARE = 0.7;

interface Candidate {
  element: DomElement;
  kept: TextBlock[];
  length: number;
}

/**
 * Split container: some templates cut one article into sibling elements of the same kind (a recipe's header,
 * ingredients and steps as three <article>s; a forum thread's posts; a report's sections). Siblings of the
 * best match that the same selector matches and that each hold MIN_CONTAINER_CHARS are taken together, in
 * document order. Page columns (`main`, `#content`) are left out: their siblings are other columns.
 */
function splitParts(candidates: readonly Candidate[], best: DomElement): Candidate[] {
  const parent = best.parentElement;
  return candidates.filter((candidate) => candidate.element.parentElement === parent && candidate.length >= MIN_CONTAINER_CHARS);
}

/** Finds the main text under an already pruned body. */
export function extractContent(body: DomElement): ContentResult {
  for (const selector of CONTENT_SELECTORS) {
    const found = body.querySelectorAll(selector);
    let best: TextBlock[] | undefined;
    let bestElement: DomElement | undefined;
    let bestLength = 0;
    const candidates: Candidate[] = [];
    for (let index = 0; index < found.length; index++) {
      const element = found[index];
      if (element === undefined) continue;
      const kept = trimFurniture(keepTextBlocks(readBlocks(element)));
      const length = textLength(kept);
      candidates.push({ element, kept, length });
      if (length > bestLength) {
        best = kept;
        bestElement = element;
        bestLength = length;
      }
    }
    if (best !== undefined && bestElement !== undefined && bestLength >= MIN_CONTAINER_CHARS) {
      let chosen = bestElement;
      if (!BROAD_SELECTORS.has(selector)) {
        const parts = splitParts(candidates, bestElement);
        if (parts.length > 1) {
          best = parts.flatMap((part) => part.kept);
          chosen = parts[0]?.element ?? bestElement;
        }
      }
      if (BROAD_SELECTORS.has(selector)) {
        const dense = byDensity(bestElement);
        if (dense !== undefined && dense !== bestElement) {
          const narrow = trimFurniture(keepTextBlocks(readBlocks(dense)));
          if (textLength(narrow) >= NARROW_MIN_SHARE * bestLength) {
            best = narrow;
            chosen = dense;
          }
        }
      }
      const withLead = [...withoutRepeats(headlineLead(body, chosen), leadBlocks(chosen)), ...best];
      return { paragraphs: withLead.map((block) => block.text), method: selector.split(',')[0] ?? selector };
    }
  }
  const container = byDensity(body) ?? body;
  const kept = trimFurniture(keepTextBlocks(readBlocks(container)));
  return { paragraphs: [...headlineLead(body, container), ...kept].map((block) => block.text), method: 'density' };
}
