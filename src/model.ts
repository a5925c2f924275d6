// The plain data that flows from stage to stage. No stage imports anything above this file.

/** A half-open character range [start, end) into some text. */
export interface Span {
  start: number;
  end: number;
}

export type InputFormat = 'text' | 'jsonl' | 'html' | 'warc' | 'feed';

/** Where a raw article came from, precise enough to name it in an error or in the output. */
export interface Origin {
  path: string;
  /** 1-based line number for JSON Lines records. */
  line?: number;
  /** The record inside a container: a WARC-Record-ID, or `item N` of a feed. */
  record?: string;
  format: InputFormat;
}

/** What a reader yields: the fields as the input gave them, nothing inferred yet. */
export interface RawArticle {
  origin: Origin;
  /** The id the input itself gave (JSON Lines `id`), kept so users can find their records. */
  externalId?: string;
  url?: string;
  source?: string;
  /** Given title; plain-text readers leave it unset and `clean` finds it in the text. */
  title?: string;
  /** ISO 8601 as given and validated by the reader. */
  published?: string;
  language?: string;
  /** Author as the page's metadata names it (HTML readers); `clean` finds one in plain text otherwise. */
  byline?: string;
  text: string;
}

/** One removed line and why it was removed, kept for audit (`newsfold article ID`). */
export interface DroppedLine {
  text: string;
  /** The named rule that removed it, e.g. `browser-notice`, `share-bar`, `photo-credit`. */
  rule: string;
}

/** "PARIS (AP) —": the place and agency that open a wire story. */
export interface Dateline {
  place: string;
  agency?: string;
  /** The dateline exactly as it stood in the text, dash included. */
  text: string;
}

export interface SentenceSpan extends Span {
  /** Index into `Article.paragraphs`. */
  paragraph: number;
}

/** An article after cleaning and text analysis: what the store keeps and every later stage reads. */
export interface Article {
  /** Stable id: hash of the identity (source, url) and the normalised body. */
  id: string;
  /** Hash of the normalised body alone: equal hashes mean exact duplicates. */
  contentHash: string;
  origin: Origin;
  externalId?: string;
  url?: string;
  source?: string;
  title: string;
  published?: string;
  byline?: string;
  dateline?: Dateline;
  language: string;
  /** Cleaned body: paragraphs joined by a blank line. All spans point into this. */
  text: string;
  paragraphs: Span[];
  sentences: SentenceSpan[];
  dropped: DroppedLine[];
  /** Milliseconds since the epoch at which this process first stored the article. */
  ingestedAt: number;
}

export const RELATION_KINDS = ['duplicate', 'version', 'reuse', 'rewrite'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** Two aligned stretches of text, one in each article, with their similarity in [0, 1]. */
export interface Passage {
  a: Span;
  b: Span;
  similarity: number;
}

/** Which article is the source, and on what evidence. */
export interface Direction {
  /** True when `a` was judged the source; false when the evidence could not tell. */
  known: boolean;
  reason: string;
}

/** A copy relation between two articles; `a` is the source where the direction is known. */
export interface Relation {
  a: string;
  b: string;
  kind: RelationKind;
  /** Strength in [0, 1]: 1 for duplicates; the smaller coverage for versions; the larger (the copier's lifted share) for reuse and rewrite. */
  score: number;
  /** Share of each article's characters inside aligned passages. */
  coverage: { a: number; b: number };
  direction: Direction;
  passages: Passage[];
}

/** Why an article joined the story it is in: decisions are data, so faces can explain them. */
export interface Assignment {
  articleId: string;
  storyId: string;
  reason: 'relation' | 'similarity' | 'new-story';
  /** The related article or the similarity that decided it. */
  detail: string;
  score: number;
}

export interface Story {
  id: string;
  headline: string;
  articleIds: string[];
  /** ISO 8601; from publication times where known, else ingest times. */
  firstSeen: string;
  lastSeen: string;
  /** Set when this story was folded into another; clients follow it to the live id. */
  mergedInto?: string;
  /** Bumped by the store on every change of the story: what a kept view of it is valid for. */
  version?: number;
}

/** One article carrying a digest sentence, and where in its cleaned text. */
export interface Citation {
  articleId: string;
  span: Span;
}

export interface DigestSentence {
  text: string;
  /** Every article that carries this sentence or a near-copy of it, earliest first. */
  sources: string[];
  /** Each source with the span of its own copy of the sentence (parallel to `sources`): where a citation points. */
  citations: Citation[];
  /** Where the chosen wording comes from. */
  from: { articleId: string; span: Span };
  score: number;
  /** The language of the article the chosen wording comes from (BCP 47, "und" when unsure). */
  language?: string;
}

export interface Digest {
  storyId: string;
  sentences: DigestSentence[];
  words: number;
  /** The language most of its sentences are written in (BCP 47): what a face marks the digest's text with. */
  language?: string;
  /** Quotes, numbers, names and disagreements found in the story's articles (src/facts). */
  facts?: StoryFacts;
  /** For each article, the sentences no other article of the story carries. */
  additions?: SourceAddition[];
}

/** A quotation with who said it; `speaker` is absent when the text does not say. */
export interface Quote {
  text: string;
  speaker?: string;
  sources: string[];
}

/** A number and what it counts ("26 nations": value 26, counts "nations"). */
export interface NumberFact {
  text: string;
  value: number;
  counts: string;
  /** For a count, its number as written in `text` ("14" of "a crew of 14", "half a million"): what a face shows apart. */
  numeral?: string;
  sources: string[];
}

export interface EntityFact {
  name: string;
  /** Articles mentioning it. */
  sources: string[];
}

/** One side of a disagreement: the value, the sentence that states it, and who carries it. */
export interface DisagreementSide {
  value: string;
  sentence: string;
  sources: string[];
}

/** The same claim stated with different numbers, times or names by different articles. */
export interface Disagreement {
  kind: 'number' | 'time' | 'name';
  about: string;
  sides: DisagreementSide[];
}

export interface StoryFacts {
  quotes: Quote[];
  numbers: NumberFact[];
  entities: EntityFact[];
  disagreements: Disagreement[];
}

export interface SourceAddition {
  articleId: string;
  sentences: string[];
}
