// The store-wide table of story terms (story_terms in PostgreSQL; in SQLite from schema 7 the story_term column
// of term_df): each term of a story centroid is stored once with an integer id, and a story's centroid and
// index terms are stored as those ids (rows.ts, the "~" forms). Opening a store for ingest then reads no term
// string per story: a process asks the table only for the ids it has not met, and interns each distinct term
// once (at 100,000 articles the story index and its candidates' centroids held 2.1 million term strings, 14% of
// the opening's profile, for some 100,000 distinct).
import type { Vocabulary } from '../stories/vectors.ts';

/** A row of story_terms. */
export interface StoryTermRow {
  id: number;
  term: string;
}

interface Mapping {
  /** Store id -> vocabulary id + 1 (0: not met yet; -1 briefly while unknownStoreIds collects it). */
  toVocabulary: Int32Array;
  /** Vocabulary id -> store id (0: not met yet; store ids start at 1). */
  toStore: Int32Array;
  /** Terms read from the table and not yet interned, by store id. */
  unread: Map<number, string>;
}

function grown(array: Int32Array, index: number): Int32Array {
  if (index < array.length) return array;
  const larger = new Int32Array(Math.max(index + 1, array.length * 2));
  larger.set(array);
  return larger;
}

/**
 * What this process knows of story_terms, per vocabulary: store id <-> vocabulary id, both ways, as typed
 * arrays (no string is kept here; the vocabulary holds the names). Only committed ids may be kept: a store
 * calls `forget` when a transaction that may have added terms rolls back, since another writer may then give
 * those ids to other terms.
 */
export class StoryTermIds {
  private mappings = new WeakMap<Vocabulary, Mapping>();

  private mapping(vocabulary: Vocabulary): Mapping {
    let mapping = this.mappings.get(vocabulary);
    if (mapping === undefined) {
      mapping = { toVocabulary: new Int32Array(1024), toStore: new Int32Array(1024), unread: new Map() };
      this.mappings.set(vocabulary, mapping);
    }
    return mapping;
  }

  /** The distinct ids of `lists` this vocabulary has not met: their terms are to be read and `learn`ed. */
  unknownStoreIds(lists: readonly ArrayLike<number>[], vocabulary: Vocabulary): number[] {
    const mapping = this.mapping(vocabulary);
    const { unread } = mapping;
    const unknown: number[] = [];
    for (const ids of lists) {
      for (let at = 0; at < ids.length; at++) {
        const id = ids[at]!;
        if (id < mapping.toVocabulary.length && mapping.toVocabulary[id] !== 0) continue;
        if (unread.has(id)) continue;
        // Marked -1 (not met, asked for) until learned or asked again, so each id is asked for once.
        mapping.toVocabulary = grown(mapping.toVocabulary, id);
        if (mapping.toVocabulary[id] === -1) continue;
        mapping.toVocabulary[id] = -1;
        unknown.push(id);
      }
    }
    for (const id of unknown) mapping.toVocabulary[id] = 0;
    return unknown;
  }

  /** The terms of vocabulary ids `ids` that have no store id known here: to be looked up or added, then `learn`ed. */
  unknownTerms(ids: Int32Array, vocabulary: Vocabulary): string[] {
    const { toStore } = this.mapping(vocabulary);
    const unknown: string[] = [];
    for (const id of ids) if (id >= toStore.length || toStore[id] === 0) unknown.push(vocabulary.name(id));
    return unknown;
  }

  /**
   * Records rows of story_terms read for decoding. A term is interned when first decoded (toVocabulary), not
   * here: the vocabulary then gives ids in the order the stories' terms are read, as when stories held their
   * terms as strings, so sums over a vector's ids run in the same order and give the same bits.
   */
  learn(rows: Iterable<StoryTermRow>, vocabulary: Vocabulary): void {
    const mapping = this.mapping(vocabulary);
    for (const row of rows) if (row.id >= mapping.toVocabulary.length || mapping.toVocabulary[row.id]! <= 0) mapping.unread.set(row.id, row.term);
  }

  /** Records rows of story_terms (committed, or written by the open transaction) for terms `vocabulary` holds. */
  learnWritten(rows: Iterable<StoryTermRow>, vocabulary: Vocabulary): void {
    const mapping = this.mapping(vocabulary);
    for (const row of rows) {
      const id = vocabulary.lookup(row.term);
      if (id !== undefined) this.record(mapping, row.id, id);
    }
  }

  private record(mapping: Mapping, storeId: number, id: number): void {
    mapping.toVocabulary = grown(mapping.toVocabulary, storeId);
    mapping.toVocabulary[storeId] = id + 1;
    mapping.toStore = grown(mapping.toStore, id);
    mapping.toStore[id] = storeId;
  }

  /** The vocabulary id of a store id this vocabulary has met (`learn`), interning its term the first time. */
  toVocabulary(storeId: number, vocabulary: Vocabulary): number {
    const mapping = this.mapping(vocabulary);
    const id = mapping.toVocabulary[storeId];
    if (id !== undefined && id > 0) return id - 1;
    const term = mapping.unread.get(storeId);
    if (term === undefined) throw new Error(`story term ${storeId} was not read before use`);
    mapping.unread.delete(storeId);
    const interned = vocabulary.intern(term);
    this.record(mapping, storeId, interned);
    return interned;
  }

  /** Store ids of vocabulary ids, all met (`learn`): what a story row is written with. */
  toStore(ids: Int32Array, vocabulary: Vocabulary): Int32Array {
    const { toStore } = this.mapping(vocabulary);
    const stored = new Int32Array(ids.length);
    for (let at = 0; at < ids.length; at++) {
      const id = toStore[ids[at]!];
      if (id === undefined || id === 0) throw new Error(`term ${vocabulary.name(ids[at]!)} has no story term id`);
      stored[at] = id;
    }
    return stored;
  }

  /** Store ids of vocabulary ids, 0 for those with none known here (see unknownTerms). */
  storeIdsOf(ids: Int32Array, vocabulary: Vocabulary): Int32Array {
    const { toStore } = this.mapping(vocabulary);
    return Int32Array.from(ids, (id) => (id < toStore.length ? toStore[id]! : 0));
  }

  /** Drops everything known (after a rolled-back transaction): ids are read from the table again when met. */
  forget(): void {
    this.mappings = new WeakMap();
  }
}
