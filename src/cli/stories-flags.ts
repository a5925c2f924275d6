// The paging and filter flags of `stories` and `run`, validated at the edge and turned into the engine's
// story page request.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, STORY_SORTS } from '../engine/paging.ts';
import type { StoryPageRequest, StorySort } from '../engine/index.ts';

export interface PagingFlags {
  limit: number;
  all?: boolean;
}

export interface StoryFilterFlags {
  since?: string;
  until?: string;
  source?: string;
  language?: string;
  query?: string;
  minArticles?: number;
  sort: StorySort;
  cursor?: string;
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_PAGE_SIZE}`);
  return limit;
}

function parseCount(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) throw new InvalidArgumentError('expected a whole number, 0 or more');
  return count;
}

/** --limit and --all, for the listings: `stories` and `run` (stories), `dupes` (groups), with the API's page sizes. */
export function withPaging(command: Command, rows: { one: string; many: string } = { one: 'story', many: 'stories' }): Command {
  return command
    .addOption(new Option('--limit <n>', `${rows.many} per page (at most ${MAX_PAGE_SIZE})`).argParser(parseLimit).default(DEFAULT_PAGE_SIZE))
    .option('--all', `every ${rows.one}, page after page`);
}

export function withStoryFilters(command: Command): Command {
  return command
    .option('--since <date>', 'stories active on or after this ISO 8601 date or time')
    .option('--until <date>', 'stories begun on or before this ISO 8601 date or time')
    .option('--source <source>', 'stories with an article from this source')
    .option('--language <code>', 'stories with an article in this language (en, de, ...)')
    .option('--query <words>', 'stories with an article containing all these words')
    .addOption(new Option('--min-articles <n>', 'stories with at least this many articles').argParser(parseCount))
    .addOption(new Option('--sort <order>', 'recent (last active first) or size (largest first)').choices(STORY_SORTS).default('recent'))
    .option('--cursor <cursor>', 'continue after the page that printed this cursor');
}

export function storyPageRequest(flags: PagingFlags & StoryFilterFlags): StoryPageRequest {
  const request: StoryPageRequest = { sort: flags.sort, limit: flags.all === true ? MAX_PAGE_SIZE : flags.limit };
  if (flags.since !== undefined) request.since = flags.since;
  if (flags.until !== undefined) request.until = flags.until;
  if (flags.source !== undefined) request.source = flags.source;
  if (flags.language !== undefined) request.language = flags.language;
  if (flags.query !== undefined) request.query = flags.query;
  if (flags.minArticles !== undefined) request.minArticles = flags.minArticles;
  if (flags.cursor !== undefined) request.cursor = flags.cursor;
  return request;
}
