// The API's shapes, written once as TypeBox schemas: fastify validates requests and serialises responses with
// them, the TypeScript types of the handlers come from them, and @fastify/swagger turns them into the OpenAPI
// document at /openapi.json. Nothing here is written twice.
import { Type, type Static, type TSchema } from '@sinclair/typebox';

/** Longest id, cursor or query text accepted: ids are 12-40 hex characters; a longer value is an attack or a mistake. */
export const MAX_ID_LENGTH = 200;
export const MAX_QUERY_LENGTH = 200;
export const MAX_CURSOR_LENGTH = 200;
/** Rows per page: a page is bounded whatever the archive's size. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    code: Type.String({ description: "newsfold's error code (src/errors.ts)" }),
    hint: Type.String({ description: 'how to fix it' }),
  },
  { description: 'RFC 9457 problem details' },
);

export const IdParam = Type.String({ minLength: 1, maxLength: MAX_ID_LENGTH, description: 'an id or a unique prefix of one' });
export const IdParams = Type.Object({ id: IdParam });

export const SpanSchema = Type.Object({ start: Type.Integer(), end: Type.Integer() });

export const DirectionSchema = Type.Object({ known: Type.Boolean(), reason: Type.String() });
const RelationKindSchema = Type.Union([Type.Literal('duplicate'), Type.Literal('version'), Type.Literal('reuse'), Type.Literal('rewrite')]);

/** A relation as a story shows it: no passages (those are on the article and compare views). */
export const RelationSummarySchema = Type.Object({
  a: Type.String(),
  b: Type.String(),
  kind: RelationKindSchema,
  score: Type.Number(),
  direction: DirectionSchema,
});

export const RelationSchema = Type.Object({
  a: Type.String(),
  b: Type.String(),
  kind: RelationKindSchema,
  score: Type.Number(),
  coverage: Type.Object({ a: Type.Number(), b: Type.Number() }),
  direction: DirectionSchema,
  passages: Type.Array(Type.Object({ a: SpanSchema, b: SpanSchema, similarity: Type.Number() }), { description: 'aligned passages as character ranges into each article\'s cleaned text' }),
});

export const ArticleSummarySchema = Type.Object({
  id: Type.String(),
  path: Type.String(),
  line: Type.Optional(Type.Integer()),
  source: Type.Optional(Type.String()),
  title: Type.String(),
  published: Type.Optional(Type.String()),
});

const Sources = Type.Array(Type.String(), { description: 'article ids, earliest first' });

export const FactsSchema = Type.Object({
  quotes: Type.Array(Type.Object({ text: Type.String(), speaker: Type.Optional(Type.String()), sources: Sources })),
  numbers: Type.Array(Type.Object({ text: Type.String(), value: Type.Number(), counts: Type.String(), numeral: Type.Optional(Type.String({ description: 'for a count, its number as written in text' })), sources: Sources })),
  entities: Type.Array(Type.Object({ name: Type.String(), sources: Sources })),
  disagreements: Type.Array(
    Type.Object({
      kind: Type.Union([Type.Literal('number'), Type.Literal('time'), Type.Literal('name')]),
      about: Type.String(),
      sides: Type.Array(Type.Object({ value: Type.String(), sentence: Type.String(), sources: Sources })),
    }),
  ),
});

export const TimelineSchema = Type.Object({
  firstSeen: Type.Optional(Type.String()),
  lastSeen: Type.Optional(Type.String()),
  perDay: Type.Array(Type.Object({ day: Type.String(), articles: Type.Integer() })),
  dated: Type.Integer(),
  undated: Type.Integer(),
});

/** What `newsfold story --json` prints, and GET /stories/{id} answers. */
export const StorySchema = Type.Object(
  {
    id: Type.String(),
    headline: Type.String(),
    firstSeen: Type.String(),
    lastSeen: Type.String(),
    timeline: TimelineSchema,
    articles: Type.Array(ArticleSummarySchema),
    relations: Type.Array(RelationSummarySchema),
    language: Type.String({ description: "the language most digest sentences are written in (BCP 47; 'und' when unsure)" }),
    digest: Type.Array(Type.Object({ text: Type.String(), sources: Sources, language: Type.Optional(Type.String({ description: "this sentence's language, where it differs from the digest's" })) })),
    facts: Type.Optional(FactsSchema),
    additions: Type.Optional(Type.Array(Type.Object({ articleId: Type.String(), sentences: Type.Array(Type.String()) }))),
  },
  { description: 'a story: digest with citations, facts and disagreements, what each source adds, timeline, articles, relations' },
);

/** What `newsfold article --json` prints, and GET /articles/{id} answers. */
export const ArticleSchema = Type.Object({
  id: Type.String(),
  path: Type.String(),
  line: Type.Optional(Type.Integer()),
  externalId: Type.Optional(Type.String()),
  url: Type.Optional(Type.String()),
  source: Type.Optional(Type.String()),
  title: Type.String(),
  published: Type.Optional(Type.String()),
  byline: Type.Optional(Type.String()),
  dateline: Type.Optional(Type.Object({ place: Type.String(), agency: Type.Optional(Type.String()), text: Type.String() })),
  language: Type.String(),
  story: Type.Optional(Type.String()),
  text: Type.String({ description: 'the cleaned text; every range points into it' }),
  dropped: Type.Array(Type.Object({ text: Type.String(), rule: Type.String() }), { description: 'lines cleaning removed, with the rule that removed each' }),
  relations: Type.Array(RelationSchema),
});

export const HealthSchema = Type.Object({ status: Type.Literal('ok'), articles: Type.Integer(), stories: Type.Integer() });

export type StoryBody = Static<typeof StorySchema>;
export type ArticleBody = Static<typeof ArticleSchema>;

/** Responses every route may give besides its own: a problem document. */
export const problemResponses = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [status, ProblemSchema]));

const Cursor = Type.String({ minLength: 1, maxLength: MAX_CURSOR_LENGTH, description: 'the nextCursor of the page before' });
const Limit = Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE });
const QueryText = Type.String({ minLength: 1, maxLength: MAX_QUERY_LENGTH, description: 'words to look for' });
const IsoTime = Type.String({ minLength: 10, maxLength: 40, pattern: '^\\d{4}-\\d{2}-\\d{2}', description: 'an ISO 8601 date or time', examples: ['2026-05-01', '2026-05-01T12:00:00Z'] });

export const StoryListQuery = Type.Object(
  {
    since: Type.Optional(IsoTime),
    until: Type.Optional(IsoTime),
    source: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_ID_LENGTH, description: 'a source name' })),
    language: Type.Optional(Type.String({ minLength: 2, maxLength: 16, description: 'a language code', examples: ['en', 'de'] })),
    q: Type.Optional(QueryText),
    min_articles: Type.Optional(Type.Integer({ minimum: 0 })),
    sort: Type.Optional(Type.Union([Type.Literal('recent'), Type.Literal('size')], { default: 'recent' })),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

export const StoryRowSchema = Type.Object({
  id: Type.String(),
  headline: Type.String(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  articles: Type.Integer(),
  sources: Type.Integer({ description: 'distinct sources' }),
  topNames: Type.Array(Type.String()),
  version: Type.Integer({ description: 'bumped on every change of the story' }),
});

export const StoryPageSchema = Type.Object({ stories: Type.Array(StoryRowSchema), nextCursor: Type.Optional(Type.String()) });

export const SearchQuery = Type.Object({ q: QueryText, limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });

export const SearchPageSchema = Type.Object({
  hits: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      source: Type.Optional(Type.String()),
      published: Type.Optional(Type.String()),
      storyId: Type.Optional(Type.String()),
      story: Type.Optional(Type.Object({ id: Type.String(), headline: Type.String() })),
      score: Type.Number({ description: 'higher is better; comparable within one query' }),
      snippet: Type.Object({ text: Type.String(), matches: Type.Array(SpanSchema, { description: 'matched words as character ranges into the snippet text' }) }),
    }),
  ),
  nextCursor: Type.Optional(Type.String()),
});

export const PageQuery = Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false });

const MemberSchema = Type.Object({ id: Type.String(), path: Type.String(), title: Type.String(), published: Nullable(Type.String()), ingestedAt: Type.String() });

export const DupesPageSchema = Type.Object({
  groups: Type.Array(Type.Object({ earliest: Type.String(), members: Type.Array(MemberSchema), relations: Type.Array(RelationSummarySchema) })),
  total: Type.Integer({ description: 'groups in the store' }),
  nextCursor: Type.Optional(Type.String()),
});

export const CompareParams = Type.Object({ a: IdParam, b: IdParam });

const ComparedSpan = Type.Object({ start: Type.Integer(), end: Type.Integer(), text: Type.String() });

export const CompareSchema = Type.Object({
  a: Type.String({ description: 'the source where the direction is known' }),
  b: Type.String(),
  related: Type.Boolean(),
  kind: Type.Optional(RelationKindSchema),
  score: Type.Optional(Type.Number()),
  coverage: Type.Optional(Type.Object({ a: Type.Number(), b: Type.Number() })),
  direction: Type.Optional(DirectionSchema),
  passages: Type.Array(
    Type.Object({
      similarity: Type.Number(),
      a: ComparedSpan,
      b: ComparedSpan,
      words: Type.Optional(Type.Object(
        {
          a: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), shared: Type.Boolean() })),
          b: Type.Array(Type.Object({ start: Type.Integer(), end: Type.Integer(), shared: Type.Boolean() })),
        },
        { description: 'each word of the passage with whether the other side has it; ranges relative to the passage text' },
      )),
    }),
  ),
});

export const IngestReportSchema = Type.Object({
  read: Type.Integer(),
  stored: Type.Integer(),
  alreadyStored: Type.Integer(),
  records: Type.Array(
    Type.Object({ line: Type.Optional(Type.Integer()), id: Type.String(), status: Type.Union([Type.Literal('stored'), Type.Literal('already-stored')]), story: Type.Optional(Type.String()) }),
  ),
  problems: Type.Array(Type.Object({ line: Type.Optional(Type.Integer()), code: Type.String(), message: Type.String(), hint: Type.String() })),
  stories: Type.Array(Type.String(), { description: 'live ids of the stories this request created or changed' }),
});
