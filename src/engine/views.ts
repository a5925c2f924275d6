// What the faces show: stories with their articles, relations and digest; articles with their relations.
// Plain data shaped for output, built by the engine from the store.
import { NewsfoldError } from '../errors.ts';
import { copyFamilies, type CopyFamily } from '../match/groups.ts';
import { buildDigest } from '../digest/index.ts';
import type { Article, Assignment, Digest, Relation, Story } from '../model.ts';
import type { Store } from '../store/store.ts';
import { chronologicalOrder } from '../stories/order.ts';
import { storyTimeline, type StoryTimeline } from '../stories/timeline.ts';

export interface ArticleSummary {
  id: string;
  path: string;
  line?: number;
  source?: string;
  title: string;
  published?: string;
}

export interface StoryView {
  story: Story;
  articles: ArticleSummary[];
  relations: Relation[];
  digest: Digest;
  assignments: Assignment[];
  /** First and last seen, and articles per day. */
  timeline: StoryTimeline;
}

export interface ArticleView {
  article: Article;
  storyId?: string;
  relations: Relation[];
}

export function summarize(article: Article): ArticleSummary {
  const summary: ArticleSummary = { id: article.id, path: article.origin.path, title: article.title };
  if (article.origin.line !== undefined) summary.line = article.origin.line;
  if (article.source !== undefined) summary.source = article.source;
  if (article.published !== undefined) summary.published = article.published;
  return summary;
}

export interface DigestOptions {
  words?: number;
}

export async function storyView(store: Store, story: Story, options: DigestOptions = {}): Promise<StoryView> {
  const relations = await store.relationsAmong(story.articleIds);
  const articles = chronologicalOrder(await store.getArticles(story.articleIds), relations);
  const digestInput = options.words === undefined ? { storyId: story.id, articles, relations } : { storyId: story.id, articles, relations, words: options.words };
  return {
    story,
    articles: articles.map(summarize),
    relations,
    digest: buildDigest(digestInput),
    assignments: await store.assignmentsOf(story.id),
    timeline: storyTimeline(articles),
  };
}

const PLURAL = { story: 'stories', article: 'articles' } as const;

/**
 * An empty reference is refused before any lookup: as a prefix it matched every id, so `newsfold delete "$ID"`
 * with ID unset deleted the store's only article (or any article a store of one holds).
 */
export function checkedReference(kind: keyof typeof PLURAL, reference: string): string {
  if (reference.trim() === '') throw new NewsfoldError('E_USAGE', `no ${kind} given: the ${kind} id (or a unique prefix of one) is empty`);
  return reference;
}

function single(kind: keyof typeof PLURAL, reference: string, matches: string[]): string {
  if (matches.length === 0) throw new NewsfoldError('E_NOT_FOUND', `no ${kind} matches ${JSON.stringify(reference)}`);
  if (matches.length > 1) throw new NewsfoldError('E_AMBIGUOUS', `${JSON.stringify(reference)} matches ${matches.length} ${PLURAL[kind]}: ${matches.slice(0, 5).join(', ')}`);
  return matches[0]!;
}

export async function findStory(store: Store, reference: string): Promise<Story> {
  const id = single('story', reference, await store.resolveStory(checkedReference('story', reference)));
  const story = await store.getStory(id);
  if (story === undefined) throw new NewsfoldError('E_NOT_FOUND', `no story ${id}`);
  // Its every article deleted: it showed as '0 articles' with the dates of articles no longer held.
  if (story.articleIds.length === 0) throw new NewsfoldError('E_NOT_FOUND', `story ${id} has no articles left: they were deleted`);
  return story;
}

export async function findArticle(store: Store, reference: string): Promise<ArticleView> {
  const id = single('article', reference, await store.resolveArticle(checkedReference('article', reference)));
  const article = await store.getArticle(id);
  if (article === undefined) throw new NewsfoldError('E_NOT_FOUND', `no article ${id}`);
  const view: ArticleView = { article, relations: await store.relationsOf(id) };
  const storyId = await store.storyOfArticle(id);
  if (storyId !== undefined) view.storyId = (await store.getStory(storyId))?.id ?? storyId;
  return view;
}

/** The story's articles grouped by copy family (a wire story with its versions and copies), in telling order. */
export function storyFamilies(view: StoryView): CopyFamily[] {
  return copyFamilies(view.articles.map((article) => article.id), view.relations);
}
