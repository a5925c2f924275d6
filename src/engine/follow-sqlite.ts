// How `serve` on a SQLite file tells its event stream of what another process (`newsfold ingest`, `watch`, a
// second `serve`) commits to the same file: SQLite has no notifications, so the committed change sequence is
// looked at on a timer and the stories written since are read as events. PostgreSQL uses NOTIFY (queue.ts).
import type { SqliteStore } from '../store/sqlite.ts';
import type { StoryEvent } from './index.ts';

/** How often the file is looked at: a page follows another process within about a second, for one indexed read. */
export const SQLITE_FOLLOW_INTERVAL_MS = 1000;

/**
 * Publishes, every `intervalMs`, the story events of transactions committed since the last look by other
 * processes (the sequences in `own` are this process's, told as they committed). Returns the function that stops.
 */
export function followSqliteCommits(store: SqliteStore, own: Set<number>, publish: (event: StoryEvent) => void, intervalMs = SQLITE_FOLLOW_INTERVAL_MS): () => Promise<void> {
  const start = store.committedStoryChanges(Number.POSITIVE_INFINITY, 0, own);
  let seen = start?.sequence ?? 0;
  let seenNewest = start?.newestIngest ?? 0;
  const look = (): void => {
    let changes;
    try {
      changes = store.committedStoryChanges(seen, seenNewest, own);
    } catch {
      // The file went away or is closing: nothing to tell now; the next look tries again.
      return;
    }
    if (changes === undefined) return;
    for (const sequence of own) if (sequence <= changes.sequence) own.delete(sequence);
    seen = changes.sequence;
    seenNewest = Math.max(seenNewest, changes.newestIngest);
    // In the order committed: a story's ingest and a deletion from it, by their transactions' sequences.
    const told: { sequence: number; event: StoryEvent }[] = [];
    for (const story of changes.stories) {
      if (story.mergedInto !== null) told.push({ sequence: story.sequence, event: { type: 'merged', storyId: story.id, into: story.mergedInto } });
      // No article came (a deletion shrank it: told below from its tombstone).
      else if (story.added === 0) continue;
      else if (story.added >= story.articles) told.push({ sequence: story.sequence, event: { type: 'created', storyId: story.id, headline: story.headline, articles: story.articles } });
      else told.push({ sequence: story.sequence, event: { type: 'grown', storyId: story.id, headline: story.headline, articles: story.articles, added: story.added } });
    }
    for (const removal of changes.removals) {
      told.push({ sequence: removal.sequence, event: { type: 'shrunk', storyId: removal.id, headline: removal.headline, articles: removal.articles, removed: removal.removed } });
    }
    told.sort((x, y) => x.sequence - y.sequence);
    for (const { event } of told) publish(event);
  };
  const timer = setInterval(look, intervalMs);
  timer.unref();
  return async () => clearInterval(timer);
}
