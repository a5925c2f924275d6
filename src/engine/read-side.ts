// The read side shared by the faces: story listings as compact rows with keyset cursors, story views kept in
// the store under the story's version (made once per change, never per listing), article search and pages
// of copy groups. Everything here is bounded by the page asked for, not by the archive.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NewsfoldError } from '../errors.ts';
import { copyGroups, GROUPING_KINDS, type CopyGroup } from '../match/groups.ts';
import { impossibleDay } from '../ingest/jsonl.ts';
import type { Story } from '../model.ts';
import type { ArticleSearchHit, Store, StoryQuery, StorySort, StorySummary } from '../store/store.ts';
import { storyView, type DigestOptions, type StoryView } from './views.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, STORY_SORTS } from './paging.ts';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, STORY_SORTS };

/** Search hits reachable by paging: ranking deeper than this is noise, and each page re-ranks every match. */
export const MAX_SEARCH_HITS = 1000;
/** Longest query text: longer texts are refused, not truncated, so the caller knows. */
export const MAX_QUERY_CHARACTERS = 200;

export interface StoryPageRequest {
  /** ISO 8601 date or time: stories active at or after it. */
  since?: string;
  /** ISO 8601 date or time: stories begun at or before it. */
  until?: string;
  source?: string;
  language?: string;
  /** Words every story must have in one of its articles. */
  query?: string;
  minArticles?: number;
  sort?: StorySort;
  limit?: number;
  /** The `nextCursor` of the page before. */
  cursor?: string;
}

export type StoryRow = Omit<StorySummary, 'sortKey'>;

export interface StoryPage {
  stories: StoryRow[];
  /** Present when more rows follow: pass it as `cursor` for the next page. */
  nextCursor?: string;
}

export interface SearchRequest {
  query: string;
  limit?: number;
  cursor?: string;
}

export interface SearchHit extends ArticleSearchHit {
  story?: { id: string; headline: string };
}

export interface SearchPage {
  hits: SearchHit[];
  nextCursor?: string;
}

export interface DupesRequest {
  limit?: number;
  cursor?: string;
}

export interface DupesPage {
  groups: CopyGroup[];
  /** Groups in the store in all. */
  total: number;
  /** How many groups came before this page: the CLI numbers groups across pages from it. */
  offset: number;
  nextCursor?: string;
}

function invalid(message: string): NewsfoldError {
  return new NewsfoldError('E_INVALID', message);
}

export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw invalid(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return limit;
}

/** A BCP 47 language tag as stories record them ("en", "de", "und", "pt-BR"); "english" matched nothing and gave an empty page. */
const LANGUAGE_CODE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

function timeOf(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw invalid(`${name} must be an ISO 8601 date or time, like 2026-05-01 or 2026-05-01T12:00:00Z`);
  if (impossibleDay(value)) throw invalid(`${name} names a day that does not exist: ${value.slice(0, 10)}`);
  return time;
}

function checkedQuery(text: string): string {
  if (text.length > MAX_QUERY_CHARACTERS) throw invalid(`the query has ${text.length} characters; at most ${MAX_QUERY_CHARACTERS} are read`);
  if (!/[\p{L}\p{N}]/u.test(text)) throw invalid('the query has no word to search for');
  return text;
}

/** Cursors are opaque to clients: base64url JSON of what the next page starts after. */
function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('the cursor is not one newsfold gave; pass it exactly as the page before printed it (`--cursor` in the CLI, `nextCursor` in the API)');
  }
}

function storyCursorAfter(cursor: string, sort: StorySort): { key: number; id: string } {
  const decoded = decodeCursor(cursor) as { sort?: unknown; key?: unknown; id?: unknown } | null;
  if (decoded === null || typeof decoded !== 'object' || decoded.sort !== sort || typeof decoded.key !== 'number' || !Number.isFinite(decoded.key) || typeof decoded.id !== 'string') {
    throw invalid('the cursor is not one newsfold gave for this sort order; pass it exactly as the page before printed it, with the same --sort (`sort` in the API)');
  }
  return { key: decoded.key, id: decoded.id };
}

function offsetCursor(cursor: string | undefined, kind: string): number {
  if (cursor === undefined) return 0;
  const decoded = decodeCursor(cursor) as { kind?: unknown; offset?: unknown } | null;
  if (decoded === null || typeof decoded !== 'object' || decoded.kind !== kind || !Number.isInteger(decoded.offset) || (decoded.offset as number) < 0) {
    throw invalid(`the cursor is not one newsfold gave for ${kind}; pass it exactly as the page before printed it (\`--cursor\` in the CLI, \`nextCursor\` in the API)`);
  }
  return decoded.offset as number;
}

export async function storyPage(store: Store, request: StoryPageRequest): Promise<StoryPage> {
  const sort = request.sort ?? 'recent';
  if (!STORY_SORTS.includes(sort)) throw invalid(`sort must be one of ${STORY_SORTS.join(', ')}`);
  const limit = pageSize(request.limit);
  const query: StoryQuery = { sort, limit: limit + 1 };
  const since = timeOf('since', request.since);
  const until = timeOf('until', request.until);
  if (since !== undefined && until !== undefined && since > until) {
    throw invalid(`since (${request.since}) is later than until (${request.until}): no story lies between them; swap the two`);
  }
  if (since !== undefined) query.since = since;
  if (until !== undefined) query.until = until;
  if (request.source !== undefined) query.source = request.source;
  if (request.language !== undefined) {
    if (!LANGUAGE_CODE.test(request.language)) throw invalid('language must be a language code, like en or de');
    query.language = request.language;
  }
  if (request.query !== undefined) query.text = checkedQuery(request.query);
  if (request.minArticles !== undefined) {
    if (!Number.isInteger(request.minArticles) || request.minArticles < 0) throw invalid('min_articles must be a whole number');
    query.minArticles = request.minArticles;
  }
  if (request.cursor !== undefined) query.after = storyCursorAfter(request.cursor, sort);
  const rows = await store.storyRows(query);
  const page: StoryPage = { stories: rows.slice(0, limit).map(({ sortKey: _sortKey, ...row }) => row) };
  if (rows.length > limit) {
    const last = rows[limit - 1]!;
    page.nextCursor = encodeCursor({ sort, key: last.sortKey, id: last.id });
  }
  return page;
}

/** The compact rows of the given live stories, in the given order of sort. */
export async function storyRowsOf(store: Store, ids: readonly string[], sort: StorySort = 'recent'): Promise<StoryRow[]> {
  if (ids.length === 0) return [];
  const rows = await store.storyRows({ ids, sort, limit: ids.length });
  return rows.map(({ sortKey: _sortKey, ...row }) => row);
}

/** A view as kept: relations without their passages (the article and compare views give those). */
function keptView(view: StoryView): StoryView {
  return { ...view, relations: view.relations.map((relation) => ({ ...relation, passages: [] })) };
}

/** The program's own files (src/, or dist/src/ when compiled): what a kept view was made by. */
const PROGRAM_ROOT = fileURLToPath(new URL('..', import.meta.url));
let programDigest: string | undefined;

/**
 * A digest of the program's files, read once per process (about 130 files, 1.6 MB). A view kept by another
 * newsfold (an older digest order, older labels) is not this program's: shown as kept, `newsfold story` told a
 * story differently from `newsfold summarize` on the same articles (found by the user walk). One program built
 * twice, or checked out twice, gives one digest, so its kept views stay good.
 */
export function viewMaker(): string {
  if (programDigest !== undefined) return programDigest;
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) hash.update(`${path.slice(PROGRAM_ROOT.length)}\0`).update(readFileSync(path)).update('\0');
    }
  };
  walk(PROGRAM_ROOT);
  programDigest = hash.digest('hex').slice(0, 16);
  return programDigest;
}

/** A view as the store keeps it: with what made it. */
export function keptViewText(view: unknown): string {
  return JSON.stringify({ maker: viewMaker(), view });
}

/** The view kept in `text` when this program made it; undefined for another newsfold's (or an older format's). */
function viewKeptByThisProgram(text: string): StoryView | undefined {
  const kept = JSON.parse(text) as { maker?: unknown; view?: StoryView } | null;
  return kept !== null && typeof kept === 'object' && kept.maker === viewMaker() ? kept.view : undefined;
}

/**
 * The kept view of a live story, read without loading the story itself: its compact row gives the version.
 * Undefined when the id is not a live story or no view is kept for its current version by this program.
 */
export async function keptViewById(store: Store, id: string): Promise<StoryView | undefined> {
  const [row] = await store.storyRows({ ids: [id], sort: 'recent', limit: 1 });
  if (row === undefined) return undefined;
  const stored = await store.storedView(id);
  return stored !== undefined && stored.version === row.version ? viewKeptByThisProgram(stored.view) : undefined;
}

/**
 * The story's view: read from the store when kept for the story's current version by this program, else made
 * and kept. Views with a non-default digest length are made afresh and not kept (a kept view per length would
 * let one client fill the disk).
 */
export async function keptStoryView(store: Store, story: Story, options: DigestOptions = {}): Promise<StoryView> {
  const cacheable = options.words === undefined && story.version !== undefined;
  if (cacheable) {
    const stored = await store.storedView(story.id);
    const kept = stored !== undefined && stored.version === story.version ? viewKeptByThisProgram(stored.view) : undefined;
    if (kept !== undefined) return kept;
  }
  const view = keptView(await storyView(store, story, options));
  if (cacheable) await store.putStoredView(story.id, story.version!, keptViewText(view));
  return view;
}

export async function searchArticles(store: Store, request: SearchRequest): Promise<SearchPage> {
  const text = checkedQuery(request.query);
  const limit = pageSize(request.limit);
  const offset = offsetCursor(request.cursor, 'search');
  if (offset >= MAX_SEARCH_HITS) return { hits: [] };
  const take = Math.min(limit, MAX_SEARCH_HITS - offset);
  const found = await store.searchArticles({ text, offset, limit: take + 1 });
  const hits: SearchHit[] = found.slice(0, take);
  const storyIds = [...new Set(hits.flatMap((hit) => hit.storyId ?? []))];
  const headlines = new Map((await storyRowsOf(store, storyIds)).map((row) => [row.id, row.headline]));
  for (const hit of hits) {
    const headline = hit.storyId === undefined ? undefined : headlines.get(hit.storyId);
    if (hit.storyId !== undefined && headline !== undefined) hit.story = { id: hit.storyId, headline };
  }
  const page: SearchPage = { hits };
  if (found.length > take && offset + take < MAX_SEARCH_HITS) page.nextCursor = encodeCursor({ kind: 'search', offset: offset + take });
  return page;
}

/**
 * Groups of copies and versions, a page at a time: groups are found over the relations' ids alone, ordered
 * largest first (ties by smallest member id), and only the page's articles are read.
 */
export async function dupesPage(store: Store, request: DupesRequest): Promise<DupesPage> {
  const limit = pageSize(request.limit);
  const offset = offsetCursor(request.cursor, 'dupes');
  const relations = await store.relationsOfKinds(GROUPING_KINDS);
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let node = id; node !== root; ) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const { a, b } of relations) {
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const members = new Map<string, string[]>();
  for (const id of parent.keys()) {
    const root = find(id);
    const group = members.get(root);
    if (group === undefined) members.set(root, [id]);
    else group.push(id);
  }
  const ordered = [...members.values()].map((ids) => ids.sort()).sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
  const pageGroups = ordered.slice(offset, offset + limit);
  const pageIds = new Set(pageGroups.flat());
  const articles = new Map((await store.getArticles([...pageIds])).map((article) => [article.id, article]));
  const groupOf = new Map(pageGroups.flatMap((ids, index) => ids.map((id) => [id, index] as const)));
  const groups = pageGroups.flatMap((_ids, index) => copyGroups(relations.filter((r) => groupOf.get(r.a) === index), articles));
  const page: DupesPage = { groups, total: ordered.length, offset };
  if (offset + limit < ordered.length) page.nextCursor = encodeCursor({ kind: 'dupes', offset: offset + limit });
  return page;
}
