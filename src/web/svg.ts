// Charts drawn on the server as SVG, so they show without JavaScript: a story's articles per day, and the
// graph of who copied whom. Shapes carry classes (colours live in the stylesheet: no inline styles under the
// page's Content-Security-Policy) and <title>s, and every link in them is reachable by keyboard.
import type { Relation } from '../model.ts';
import { html, join, segment, type Html } from './html.ts';
import { plural } from './layout.ts';

/** Bars a timeline draws at most: longer stories are counted per bucket of several days. */
export const MAX_TIMELINE_BARS = 92;
/** Articles the copy graph draws at most (largest families first); the table below it lists every relation. */
export const MAX_GRAPH_NODES = 30;

const DAY_MS = 86_400_000;

export interface TimelineDay {
  day: string;
  articles: number;
}

interface Bucket {
  first: string;
  last: string;
  articles: number;
}

/** Days from the first to the last, gaps included, grouped so there are at most MAX_TIMELINE_BARS buckets. */
export function timelineBuckets(perDay: readonly TimelineDay[]): { buckets: Bucket[]; daysPerBucket: number } {
  if (perDay.length === 0) return { buckets: [], daysPerBucket: 1 };
  const start = Date.parse(`${perDay[0]!.day}T00:00:00Z`);
  const end = Date.parse(`${perDay[perDay.length - 1]!.day}T00:00:00Z`);
  const days = Math.round((end - start) / DAY_MS) + 1;
  const daysPerBucket = Math.max(1, Math.ceil(days / MAX_TIMELINE_BARS));
  const count = Math.ceil(days / daysPerBucket);
  const dayText = (offset: number) => new Date(start + offset * DAY_MS).toISOString().slice(0, 10);
  const buckets: Bucket[] = Array.from({ length: count }, (_, index) => ({
    first: dayText(index * daysPerBucket),
    last: dayText(Math.min(days - 1, (index + 1) * daysPerBucket - 1)),
    articles: 0,
  }));
  for (const { day, articles } of perDay) {
    const offset = Math.round((Date.parse(`${day}T00:00:00Z`) - start) / DAY_MS);
    buckets[Math.floor(offset / daysPerBucket)]!.articles += articles;
  }
  return { buckets, daysPerBucket };
}

/** Articles per day as bars, with the first and last day and the busiest count on the axes. */
/** The width of a date label ("2026-03-09") in the chart's units: ten characters of the 11px label font, with room. */
export const DATE_LABEL_WIDTH = 66;
/** Space kept between the first and the last date labels. */
const DATE_LABEL_GAP = 12;

/**
 * The dates under the bars: the first under the first bar and the last ending under the last, or, where the bars are
 * too few for both to fit side by side (two or three days), one label "first to last" from the first bar.
 */
function dateLabels(first: string, last: string, from: number, to: number, y: number): Html {
  if (first === last) return html`<text class="label" x="${from}" y="${y}">${first}</text>`;
  if (to - from < 2 * DATE_LABEL_WIDTH + DATE_LABEL_GAP) return html`<text class="label" x="${from}" y="${y}">${first} to ${last}</text>`;
  return html`<text class="label" x="${from}" y="${y}">${first}</text><text class="label" x="${to.toFixed(1)}" y="${y}" text-anchor="end">${last}</text>`;
}

export function timelineChart(perDay: readonly TimelineDay[], id: string): Html {
  const { buckets, daysPerBucket } = timelineBuckets(perDay);
  if (buckets.length === 0) return html``;
  const width = 640;
  const height = 150;
  const left = 32;
  const bottom = 24;
  const top = 10;
  const plotWidth = width - left - 8;
  const plotHeight = height - top - bottom;
  const most = Math.max(...buckets.map((bucket) => bucket.articles));
  // A few days get slots of a readable width from the left, not a handful of bars stretched across the chart.
  const slot = Math.min(plotWidth / buckets.length, 48);
  const barWidth = Math.max(1, slot * 0.8);
  const unit = daysPerBucket === 1 ? 'day' : `${daysPerBucket} days`;
  const total = buckets.reduce((sum, bucket) => sum + bucket.articles, 0);
  const first = buckets[0]!.first;
  const last = buckets[buckets.length - 1]!.last;
  const span = first === last ? `on ${first}` : `from ${first} to ${last}`;
  const bars = buckets.map((bucket, index) => {
    const barHeight = bucket.articles === 0 ? 0 : Math.max(2, (bucket.articles / most) * plotHeight);
    const when = bucket.first === bucket.last ? bucket.first : `${bucket.first} to ${bucket.last}`;
    return html`<rect class="bar" x="${(left + index * slot + (slot - barWidth) / 2).toFixed(1)}" y="${(top + plotHeight - barHeight).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}"><title>${when}: ${plural(bucket.articles, 'article')}</title></rect>`;
  });
  return html`<svg class="timeline" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc">
<title id="${id}-title">Articles per ${unit}</title>
<desc id="${id}-desc">${plural(total, 'article')} ${span}; at most ${most} in one ${unit}.</desc>
<line class="axis" x1="${left}" y1="${top + plotHeight}" x2="${width - 8}" y2="${top + plotHeight}"/>
<text class="label" x="${left - 6}" y="${top + 10}" text-anchor="end">${most}</text>
<text class="label" x="${left - 6}" y="${top + plotHeight}" text-anchor="end">0</text>
${dateLabels(buckets[0]!.first, buckets[buckets.length - 1]!.last, left, left + buckets.length * slot, height - 6)}
${bars}
</svg>`;
}

export interface GraphNode {
  id: string;
  /** Short text drawn in the box (an outlet's name). */
  label: string;
  /** The article's title, for the box's tooltip and accessible name (after the label). */
  title: string;
}

const NODE_WIDTH = 230;
const NODE_HEIGHT = 30;
const ROW_GAP = 14;
const MARGIN = 12;
/** How far an arc reaches right of the boxes: a base, and more per row it spans, so nested arcs and their labels part. */
const ARC_BASE = 44;
const ARC_PER_ROW = 52;
/** Arcs spanning more rows than this reach no further: the drawing stays a bounded width. */
const ARC_MAX_ROWS = 12;

function clip(text: string, characters: number): string {
  const chars = [...text];
  return chars.length <= characters ? text : `${chars.slice(0, characters - 1).join('')}…`;
}

/** How a relation's direction reads to a person: source, copy and the evidence. */
export function directionText(relation: Relation, name: (id: string) => string): string {
  const arrow = relation.direction.known ? 'copied into' : 'shares text with (direction unknown)';
  return `${name(relation.a)} ${arrow} ${name(relation.b)}: ${relation.kind}, score ${relation.score.toFixed(2)}. Evidence: ${relation.direction.reason}`;
}

/**
 * Who copied whom, as an arc diagram: the articles one under another in the story's telling order (sources
 * before their copies where the direction is known), and one arc per relation on their right, from source to
 * copy with the arrowhead at the copy, labelled with kind and score; dashed where the direction is unknown.
 * Arcs over more rows reach further right, so they nest instead of crossing the boxes. Each arc is a link to
 * the two articles compared, and its title and label hold the evidence for the direction.
 */
export function copyGraph(nodes: readonly GraphNode[], relations: readonly Relation[], id: string): Html {
  const row = new Map(nodes.map((node, index) => [node.id, index]));
  const edges = relations.filter((relation) => row.has(relation.a) && row.has(relation.b));
  if (edges.length === 0) return html``;
  const reach = (relation: Relation) => ARC_BASE + ARC_PER_ROW * Math.min(ARC_MAX_ROWS, Math.abs(row.get(relation.a)! - row.get(relation.b)!));
  const right = MARGIN + NODE_WIDTH;
  const width = right + Math.max(...edges.map(reach)) + 48;
  const height = MARGIN * 2 + nodes.length * (NODE_HEIGHT + ROW_GAP) - ROW_GAP;
  const middle = (index: number) => MARGIN + index * (NODE_HEIGHT + ROW_GAP) + NODE_HEIGHT / 2;
  // Arcs name their ends by the boxes' labels (number and outlet): a long story draws dozens of arcs.
  const short = (articleId: string) => nodes[row.get(articleId)!]!.label;

  const arcs = edges.map((relation, index) => {
    const y1 = middle(row.get(relation.a)!);
    const y2 = middle(row.get(relation.b)!);
    const bow = reach(relation);
    // A cubic from the source's right edge out and back to the copy's; its farthest point is at 3/4 of the bow.
    const path = `M${right},${y1} C${right + bow},${y1} ${right + bow},${y2} ${right + 6},${y2}`;
    const evidence = directionText(relation, short);
    const visible = `${relation.kind} ${relation.score.toFixed(2)}`;
    const classes = `edge ${relation.kind}${relation.direction.known ? '' : ' unknown'}`;
    // The evidence once, as the arc's title (tooltip and accessible description); the script shows it on focus.
    return html`<a class="${classes}" href="/article/${segment(relation.b)}/compare/${segment(relation.a)}" aria-label="${visible}: ${short(relation.a)} to ${short(relation.b)}" id="${id}-edge-${index}">
<title>${evidence}</title>
<path d="${path}" marker-end="url(#${id}-arrow-${relation.kind})"/>
<text class="edge-label" x="${(right + bow * 0.75 + 4).toFixed(1)}" y="${((y1 + y2) / 2 + 4).toFixed(1)}">${visible}</text>
</a>`;
  });
  const boxes = nodes.map((node, index) => {
    const y = middle(index) - NODE_HEIGHT / 2;
    const visible = clip(node.label, 32);
    // The title starts with the label, so the box's accessible name holds its visible text; a clipped label is named in full.
    return html`<a class="node" href="/article/${segment(node.id)}"${visible === node.label ? '' : html` aria-label="${node.label}: ${node.title}"`}>
<title>${node.label}: ${node.title}</title>
<rect x="${MARGIN}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="5"/>
<text x="${MARGIN + 8}" y="${y + NODE_HEIGHT / 2 + 4}">${visible}</text>
</a>`;
  });
  const markers = ['duplicate', 'version', 'reuse', 'rewrite'].map(
    (kind) => html`<marker id="${id}-arrow-${kind}" class="arrowhead ${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>`,
  );
  return html`<svg class="copy-graph" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="group" aria-labelledby="${id}-title">
<title id="${id}-title">Who copied whom: arcs from source to copy</title>
<defs>${join(markers)}</defs>
${join(boxes)}
${join(arcs)}
</svg>`;
}
