// For tests that turn a current SQLite database back into an older schema: back to schema 7, then to schema 6, whose
// story terms are a table of their own, document frequencies and story sources rowid tables with their indexes.
import type Database from 'better-sqlite3';

/** Back to schema 7: no deletion tombstones, no URL keys, the raw URL indexed. */
export function backToSchema7(raw: Database.Database): void {
  raw.exec(`
    DROP TABLE article_deletions;
    DROP INDEX articles_url_key;
    ALTER TABLE articles DROP COLUMN url_key;
    CREATE INDEX articles_url ON articles(url);`);
  raw.pragma('user_version = 7');
}

export function backToSchema6(raw: Database.Database): void {
  backToSchema7(raw);
  raw.exec(`
    CREATE TABLE story_terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
    INSERT INTO story_terms (id, term) SELECT story_term, term FROM term_df WHERE story_term IS NOT NULL ORDER BY story_term;
    CREATE TABLE term_df_6 (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
    INSERT INTO term_df_6 SELECT term, df FROM term_df WHERE df > 0;
    DROP TABLE term_df;
    ALTER TABLE term_df_6 RENAME TO term_df;
    CREATE TABLE story_sources_6 (story_id TEXT NOT NULL, source TEXT NOT NULL, language TEXT NOT NULL, articles INTEGER NOT NULL, PRIMARY KEY (story_id, source, language));
    INSERT INTO story_sources_6 SELECT * FROM story_sources;
    DROP TABLE story_sources;
    ALTER TABLE story_sources_6 RENAME TO story_sources;
    CREATE INDEX story_sources_source ON story_sources(source, story_id);
    CREATE INDEX story_sources_language ON story_sources(language, story_id);
    CREATE INDEX stories_last_time ON stories(last_time);`);
  raw.pragma('user_version = 6');
}
