// The names a story is about, for its compact row in a listing: the heaviest multi-word names (entity terms)
// of its centroid. Read off the centroid the story already keeps, so a listing costs nothing per article.
import { ENTITY_PREFIX, type TermVector } from './vectors.ts';

/** Names a listing shows per story: enough to tell stories apart at a glance. */
export const STORY_NAMES = 5;

/** Lower-case words inside a name that stay lower-case when shown ("Bank of England"). */
const LOWER_CASE_CONNECTORS: ReadonlySet<string> = new Set(['of', 'de', 'del', 'la', 'van', 'von', 'der', 'al', 'bin', 'da', 'di', 'du', 'le']);

/** Entity terms are stored normalised (lower case); a listing shows them capitalised. */
function displayName(normalised: string): string {
  return normalised
    .split(' ')
    .map((word, position) => (position > 0 && LOWER_CASE_CONNECTORS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(' ');
}

/** The story's heaviest names, heaviest first (ties by name, so the order is stable). */
export function storyNames(centroid: TermVector, count = STORY_NAMES): string[] {
  // Only the entity terms made into pairs: a story is saved at every arrival, its centroid of 150 terms holds a few names.
  const names: [string, number][] = [];
  for (let at = 0; at < centroid.size; at++) {
    const term = centroid.vocabulary.name(centroid.ids[at]!);
    if (term.startsWith(ENTITY_PREFIX)) names.push([term, centroid.weights[at]!]);
  }
  return names.sort(heaviestFirst).slice(0, count).map(entityName);
}

// storyNames' callbacks as module functions (no closure per call: README, Development).
const heaviestFirst = (x: [string, number], y: [string, number]): number => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
const entityName = ([term]: [string, number]): string => displayName(term.slice(ENTITY_PREFIX.length));
