// Page sizes and sort orders of story listings, in a module of their own so the faces can declare their flags
// without loading the engine.
import type { StorySort } from '../store/store.ts';

/** Rows a page holds unless asked otherwise, and at most: a page's cost is bounded whatever the archive. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export const STORY_SORTS: readonly StorySort[] = ['recent', 'size'];
