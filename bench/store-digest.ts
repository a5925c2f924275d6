// Hashes of what an ingest decided, read from an SQLite store, to compare two builds' results on the same input:
// every relation row, every assignment row, every story row as stored (live and merged), the story terms, the
// document frequencies, the paragraph sources, the sentence spans and content hashes. Two stores with the same lines decided the same.
//
// Run: node --import tsx bench/store-digest.ts STORE.db
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

const QUERIES: Record<string, string> = {
  relations: 'SELECT a, b, kind, score, coverage_a, coverage_b, direction_known, direction_reason, passages FROM relations ORDER BY a, b',
  assignments: 'SELECT article_id, story_id, reason, detail, score FROM story_articles ORDER BY article_id',
  // An undated story's times are the ingest's clock: not compared.
  stories: 'SELECT id, headline, headline_article, CASE WHEN timed THEN first_time END, CASE WHEN timed THEN last_time END, timed, size, centroid, merged_into, article_count, top_names, index_terms FROM stories ORDER BY id',
  story_sources: 'SELECT story_id, source, language, articles FROM story_sources ORDER BY story_id, source, language',
  story_terms: 'SELECT id, term FROM story_terms ORDER BY id',
  term_df: 'SELECT term, df FROM term_df ORDER BY term',
  paragraph_sources: 'SELECT paragraph, source FROM paragraph_sources ORDER BY paragraph, source',
  // Each article's sentence spans as stored (what digests and quotes read).
  sentences: 'SELECT id, sentences FROM articles ORDER BY id',
  // Each article's hash of its normalised body (what finds exact duplicates).
  content_hash: 'SELECT id, content_hash FROM articles ORDER BY id',
};

/** The same from schema 7 on, where the story terms are a column of term_df (its rows with df 0 are only that). */
const SCHEMA_7_QUERIES: Record<string, string> = {
  story_terms: 'SELECT story_term, term FROM term_df WHERE story_term IS NOT NULL ORDER BY story_term',
  term_df: 'SELECT term, df FROM term_df WHERE df > 0 ORDER BY term',
};

function main(): void {
  const path = process.argv[2];
  if (path === undefined) throw new Error('usage: store-digest.ts STORE.db');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const folded = (db.pragma('user_version', { simple: true }) as number) >= 7;
  for (const [name, sql] of Object.entries({ ...QUERIES, ...(folded ? SCHEMA_7_QUERIES : {}) })) {
    const hash = createHash('sha256');
    let rows = 0;
    for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? value.toString('base64') : value)));
      hash.update('\n');
      rows++;
    }
    console.log(`${name.padEnd(18)} ${String(rows).padStart(9)} ${hash.digest('hex').slice(0, 16)}`);
  }
  db.close();
}

main();
