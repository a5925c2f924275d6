// Output of the CLI: human-readable text for a terminal (the JSON shapes are the engine's, src/engine/json.ts).
import type { ArticleSummary, ArticleView, IngestReport, StoryRow, StoryView } from '../engine/index.ts';
import type { Relation } from '../model.ts';
import { languageNote, renderDigestFacts } from './digest-render.ts';
import { outputColumns, wrapLine } from './wrap.ts';
import { plural, sourcesPhrase } from './plural.ts';

/** Characters of an id shown in human output: unique in any realistic store, short enough to read. */
const SHORT_ID = 8;


const short = (id: string) => id.slice(0, SHORT_ID);

function wrap(text: string, indent: string, width = outputColumns()): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((text, index) => (index === 0 ? text : `${indent}${text}`)).join('\n');
}

function articleLine(article: ArticleSummary): string {
  const when = article.published === undefined ? '' : ` ${article.published.slice(0, 10)}`;
  const source = article.source === undefined ? '' : ` [${article.source}]`;
  const where = article.line === undefined ? article.path : `${article.path}:${article.line}`;
  return `  ${short(article.id)}${when}${source} ${article.title}\n           ${where}`;
}

/** One relation row; `--` where the direction is unknown (the first ingested is only written first). */
export function relationLine(relation: Relation): string {
  const arrow = relation.direction.known ? '->' : '--';
  return `  ${relation.kind.padEnd(9)} ${short(relation.a)} ${arrow} ${short(relation.b)}  score ${relation.score.toFixed(2)}  (${relation.direction.reason})`;
}

export function renderStory(view: StoryView): string {
  const { story } = view;
  const span = story.firstSeen.slice(0, 10) === story.lastSeen.slice(0, 10) ? story.firstSeen.slice(0, 10) : `${story.firstSeen.slice(0, 10)} .. ${story.lastSeen.slice(0, 10)}`;
  const out = [`Story ${story.id}: ${story.headline}`, `  ${plural(view.articles.length, 'article')}, ${span}`];
  const { perDay, undated } = view.timeline;
  if (perDay.length > 1 || undated > 0) out.push(`  per day: ${perDay.map((entry) => `${entry.day} ${entry.articles}`).join(', ')}${undated > 0 ? `; ${undated} undated` : ''}`);
  out.push('');
  const note = languageNote(view.digest.language);
  out.push(note === '' ? 'Digest:' : `Digest (${note.slice(2)}):`);
  for (const sentence of view.digest.sentences) {
    out.push(`  * ${wrap(sentence.text, '    ')}`);
    out.push(`    [${sentence.sources.map(short).join(', ')}]`);
  }
  out.push(...renderDigestFacts(view.digest));
  out.push('', 'Articles:');
  for (const article of view.articles) out.push(articleLine(article));
  if (view.relations.length > 0) {
    out.push('', 'Relations:');
    for (const relation of view.relations) out.push(relationLine(relation));
  }
  return out.flatMap((line) => line.split('\n')).map((line) => wrapLine(line)).join('\n');
}

export function renderStories(views: readonly StoryView[]): string {
  // `run` prints what its own ingest touched: none touched says nothing of the stories already stored.
  if (views.length === 0) return 'This ingest created or changed no story; list the stored ones with `newsfold stories`.';
  return views.map(renderStory).join(`\n\n${'-'.repeat(outputColumns())}\n\n`);
}

export function renderArticle(view: ArticleView): string {
  const { article } = view;
  const where = article.origin.line === undefined ? article.origin.path : `${article.origin.path}:${article.origin.line}`;
  const out = [`Article ${article.id}: ${article.title}`, `  from ${where}`];
  const facts: [string, string | undefined][] = [
    ['source', article.source],
    ['url', article.url],
    ['published', article.published],
    ['byline', article.byline],
    ['dateline', article.dateline?.text],
    ['language', article.language],
    ['story', view.storyId],
  ];
  for (const [name, value] of facts) if (value !== undefined) out.push(`  ${name}: ${value}`);
  out.push('', 'Text:');
  for (const paragraph of article.paragraphs) out.push(`  ${wrap(article.text.slice(paragraph.start, paragraph.end), '  ')}`, '');
  out.push(`Dropped by cleaning (${article.dropped.length}):`);
  for (const line of article.dropped) out.push(`  [${line.rule}] ${line.text}`);
  out.push('', `Relations (${view.relations.length}):`);
  for (const relation of view.relations) {
    out.push(relationLine(relation));
    const mine = relation.a === article.id ? 'a' : 'b';
    for (const passage of relation.passages) {
      const span = passage[mine];
      const excerpt = article.text.slice(span.start, span.end);
      out.push(`      ${(passage.similarity * 100).toFixed(0)}%  ${wrap(excerpt.length > 160 ? `${excerpt.slice(0, 157)}...` : excerpt, '            ')}`);
    }
  }
  return out.flatMap((line) => line.split('\n')).map((line) => wrapLine(line)).join('\n');
}

export function renderIngestReport(report: IngestReport): string {
  const lines = [
    `Read ${plural(report.read, 'article')}: ${report.stored} stored, ${report.alreadyStored} already stored, ${plural(report.problems.length, 'problem')}.`,
    `Found ${plural(report.relations, 'relation')}; started ${plural(report.storiesCreated, 'story', 'stories')}, merged ${report.storiesMerged}.`,
  ];
  return lines.join('\n');
}

/** Characters of a headline in a listing row before it is cut. */
const ROW_HEADLINE = 72;

function day(iso: string): string {
  return iso.slice(0, 10);
}

/** The compact listing: one line per story (and its names under it), then how to get the next page. */
export function renderStoryRows(rows: readonly StoryRow[], nextCursor: string | undefined): string {
  if (rows.length === 0) return 'No stories match: ingest some articles first, or loosen the filters.';
  const lines: string[] = [];
  for (const row of rows) {
    const span = day(row.firstSeen) === day(row.lastSeen) ? day(row.firstSeen) : `${day(row.firstSeen)}..${day(row.lastSeen)}`;
    const headline = row.headline.length > ROW_HEADLINE ? `${row.headline.slice(0, ROW_HEADLINE - 1)}…` : row.headline;
    const counts = `${plural(row.articles, 'article')}, ${sourcesPhrase(row.sources, row.articles)}`;
    lines.push(`${short(row.id)}  ${span.padEnd(22)} ${counts.padEnd(24)} ${headline}`);
    if (row.topNames.length > 0) lines.push(`${' '.repeat(SHORT_ID + 2)}${row.topNames.join(', ')}`);
  }
  if (nextCursor !== undefined) lines.push('', `More stories: newsfold stories --cursor ${nextCursor} (same filters), or --all.`);
  return lines.join('\n');
}
