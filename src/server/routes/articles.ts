// Articles: GET /articles/{id}, GET /compare/{a}/{b}, GET /dupes, GET /search, and POST /articles (ingest JSON
// Lines; needs the bearer token; one write at a time).
import { articleJson, compareJson, dupesJson, type IngestedRecord } from '../../engine/index.ts';
import { ERROR_CATALOGUE, NewsfoldError } from '../../errors.ts';
import { checkBearer } from '../auth.ts';
import {
  ArticleSchema,
  CompareParams,
  CompareSchema,
  DupesPageSchema,
  IdParams,
  IngestReportSchema,
  PageQuery,
  problemResponses,
  SearchPageSchema,
  SearchQuery,
} from '../schemas.ts';
import type { RegisterRoutes } from './index.ts';

/** Content types POST /articles reads as JSON Lines (a JSON object alone is one line of it). */
export const JSON_LINES_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json', 'text/plain'];

/** An HTTP error with its status, answered as a problem document by the server's error mapping. */
function unsupported(detail: string): Error {
  return Object.assign(new Error(detail), { statusCode: 415 });
}

/**
 * Refuses, before the body is read, a body the reader cannot take, saying what to send: a compressed one (its
 * bytes were read as a binary "file") or one of another type (Fastify's 415 said only "Unsupported Media Type").
 */
function checkBodyType(contentType: string | undefined, contentEncoding: string | undefined): void {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity') throw unsupported(`Content-Encoding ${encoding} is not read: send the body uncompressed`);
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!JSON_LINES_TYPES.includes(type)) throw unsupported(`Content-Type ${type === '' ? '(none)' : type} is not read: send JSON Lines as ${JSON_LINES_TYPES.join(', ')}`);
}

/** A byte that is not ASCII whitespace or a control character: the body has something to read. */
const isNotWhitespace = (byte: number) => byte > 0x20;

export const registerArticleRoutes: RegisterRoutes = (app, { engine, settings, writes, metrics }) => {
  /** Requests holding a write slot: released exactly once, when answered or abandoned. */
  const holdingSlot = new WeakSet<object>();
  const releaseSlot = (request: object) => {
    if (holdingSlot.delete(request)) writes.release();
  };

  app.get(
    '/articles/:id',
    { schema: { summary: 'One article: cleaned text, dropped lines with their rules, metadata, relations with aligned passages', params: IdParams, response: { 200: ArticleSchema, ...problemResponses(400, 404) } } },
    async (request) => articleJson(await engine.article(request.params.id)),
  );

  app.get(
    '/compare/:a/:b',
    { schema: { summary: 'Two articles aligned: kind, direction and evidence, shared passages with word differences', params: CompareParams, response: { 200: CompareSchema, ...problemResponses(400, 404) } } },
    async (request) => {
      const { x, y, relation } = await engine.compare(request.params.a, request.params.b);
      return compareJson(x, y, relation, true);
    },
  );

  app.get(
    '/dupes',
    { schema: { summary: 'Groups of copies and versions, largest first, each with its earliest member', querystring: PageQuery, response: { 200: DupesPageSchema, ...problemResponses(400) } } },
    async (request) => {
      const page = await engine.dupes(request.query);
      return { ...dupesJson(page.groups), total: page.total, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
    },
  );

  app.get(
    '/search',
    { schema: { summary: 'Ranked full-text search over articles, with snippets and each hit\'s story', querystring: SearchQuery, response: { 200: SearchPageSchema, ...problemResponses(400) } } },
    async (request) => engine.search({ query: request.query.q, ...request.query }),
  );

  app.post(
    '/articles',
    {
      schema: {
        summary: 'Ingest JSON Lines (one article per line, the CLI\'s fields); needs Authorization: Bearer <token>',
        security: [{ bearer: [] }],
        consumes: JSON_LINES_TYPES,
        response: { 200: IngestReportSchema, ...problemResponses(400, 401, 403, 413, 415, 429, 503) },
      },
      // Checked before the body is read: a client without the token cannot make the server read 16 MiB, and
      // no more bodies are read than there are write slots.
      onRequest: async (request) => {
        checkBearer(settings.token, request.headers.authorization);
        checkBodyType(request.headers['content-type'], request.headers['content-encoding']);
        writes.admit();
        holdingSlot.add(request);
      },
      onResponse: async (request) => releaseSlot(request),
      onRequestAbort: async (request) => releaseSlot(request),
    },
    async (request) => {
      const body = request.body as Buffer;
      if (!Buffer.isBuffer(body) || !body.some(isNotWhitespace)) throw new NewsfoldError('E_INVALID', 'the body is empty: send JSON Lines, one article per line');
      const records: IngestedRecord[] = [];
      const report = await writes.run(() => engine.ingestJsonLines(body, { onArticle: (record) => records.push(record) }));
      metrics.ingested.inc({ outcome: 'stored' }, report.stored);
      metrics.ingested.inc({ outcome: 'already-stored' }, report.alreadyStored);
      metrics.ingested.inc({ outcome: 'problem' }, report.problems.length);
      return {
        read: report.read,
        stored: report.stored,
        alreadyStored: report.alreadyStored,
        records: records.map((record) => ({ ...(record.line === undefined ? {} : { line: record.line }), id: record.id, status: record.status, ...(record.storyId === undefined ? {} : { story: record.storyId }) })),
        problems: report.problems.map((problem) => ({ ...(problem.line === undefined ? {} : { line: problem.line }), code: problem.code, message: problem.message, hint: ERROR_CATALOGUE[problem.code] })),
        stories: report.touchedStories,
      };
    },
  );
};
