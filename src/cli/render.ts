// Output of the CLI: the JSON shapes promised in the README, and human-readable text for a terminal.
import type { ArticleSummary, ArticleView, IngestReport, StoryView } from '../engine/index.ts';
import { STAGE_NAMES } from '../engine/index.ts';
import type { Relation } from '../model.ts';
import { renderDigestFacts } from './digest-render.ts';
import { outputColumns, wrapLine } from './wrap.ts';

/** Characters of an id shown in human output: unique in any realistic store, short enough to read. */
const SHORT_ID = 8;


const short = (id: string) => id.slice(0, SHORT_ID);

export function storyJson(view: StoryView) {
  return {
    id: view.story.id,
    headline: view.story.headline,
    firstSeen: view.story.firstSeen,
    lastSeen: view.story.lastSeen,
    timeline: view.timeline,
    articles: view.articles,
    relations: view.relations.map((relation) => ({
      a: relation.a,
      b: relation.b,
      kind: relation.kind,
      score: relation.score,
      direction: relation.direction,
    })),
    digest: view.digest.sentences.map((sentence) => ({ text: sentence.text, sources: sentence.sources })),
    facts: view.digest.facts,
    additions: view.digest.additions,
  };
}

export function storiesJson(views: readonly StoryView[]) {
  return { stories: views.map(storyJson) };
}

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

function relationLine(relation: Relation): string {
  const arrow = relation.direction.known ? '->' : '--';
  return `  ${relation.kind.padEnd(9)} ${short(relation.a)} ${arrow} ${short(relation.b)}  score ${relation.score.toFixed(2)}  (${relation.direction.reason})`;
}

export function renderStory(view: StoryView): string {
  const { story } = view;
  const span = story.firstSeen.slice(0, 10) === story.lastSeen.slice(0, 10) ? story.firstSeen.slice(0, 10) : `${story.firstSeen.slice(0, 10)} .. ${story.lastSeen.slice(0, 10)}`;
  const out = [`Story ${story.id}: ${story.headline}`, `  ${view.articles.length} article${view.articles.length === 1 ? '' : 's'}, ${span}`];
  const { perDay, undated } = view.timeline;
  if (perDay.length > 1 || undated > 0) out.push(`  per day: ${perDay.map((entry) => `${entry.day} ${entry.articles}`).join(', ')}${undated > 0 ? `; ${undated} undated` : ''}`);
  out.push('');
  out.push('Digest:');
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
  if (views.length === 0) return 'No stories yet: ingest some articles first.';
  return views.map(renderStory).join(`\n\n${'-'.repeat(outputColumns())}\n\n`);
}

export function articleJson(view: ArticleView) {
  const { article } = view;
  return {
    id: article.id,
    path: article.origin.path,
    line: article.origin.line,
    externalId: article.externalId,
    url: article.url,
    source: article.source,
    title: article.title,
    published: article.published,
    byline: article.byline,
    dateline: article.dateline,
    language: article.language,
    story: view.storyId,
    text: article.text,
    dropped: article.dropped,
    relations: view.relations,
  };
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
    `Read ${report.read} article${report.read === 1 ? '' : 's'}: ${report.stored} stored, ${report.alreadyStored} already stored, ${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}.`,
    `Found ${report.relations} relation${report.relations === 1 ? '' : 's'}; started ${report.storiesCreated} stor${report.storiesCreated === 1 ? 'y' : 'ies'}, merged ${report.storiesMerged}.`,
  ];
  return lines.join('\n');
}

export function ingestReportJson(report: IngestReport) {
  return {
    read: report.read,
    stored: report.stored,
    alreadyStored: report.alreadyStored,
    relations: report.relations,
    storiesCreated: report.storiesCreated,
    storiesMerged: report.storiesMerged,
    problems: report.problems,
    stageMs: Object.fromEntries(STAGE_NAMES.map((name) => [name, Math.round(report.stageMs[name])])),
  };
}
