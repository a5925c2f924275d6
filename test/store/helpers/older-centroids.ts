// For tests that turn a current database back into an older schema: the stories' centroids in the record form
// ({term: weight}) every schema before 5 reads, from their id form (rows.ts ID_FORM) and the story_terms table.
import { decodeCentroid } from '../../../src/store/rows.ts';
import { StoryTermIds, type StoryTermRow } from '../../../src/store/story-terms.ts';
import { Vocabulary } from '../../../src/stories/vectors.ts';

/** [id, centroid in record form] of every story row, given the rows of stories and of story_terms. */
export function centroidRecords(stories: readonly { id: string; centroid: string }[], storyTerms: readonly StoryTermRow[]): [string, string][] {
  const vocabulary = new Vocabulary();
  const terms = new StoryTermIds();
  terms.learn(storyTerms, vocabulary);
  return stories.map((row) => [row.id, JSON.stringify(decodeCentroid(row.centroid, vocabulary, terms).toJSON())]);
}
