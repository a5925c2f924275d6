// The web face: pages rendered on the server from the engine calls the API routes make (no other way to
// read data), the two static files that enhance them, and the security headers every response carries.
// Registered with the API's routes in src/server/routes/index.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { compareJson, storyFamilies } from '../engine/index.ts';
import { NewsfoldError } from '../errors.ts';
import { problemFor } from '../server/problems.ts';
import type { RegisterRoutes } from '../server/routes/index.ts';
import { Html, html } from './html.ts';
import { renderPage } from './layout.ts';
import { articlePage, comparePage, highlightSpan, legendOf, type ComparedPassage } from './pages/article.ts';
import { findPage, storyListPage, storyListRequest, storyRow, type StoryListFilters } from './pages/stories.ts';
import { storyPage } from './pages/story.ts';

/**
 * Scripts and styles only from newsfold itself, no inline script or style, no eval, no plugins, no framing,
 * forms only to newsfold: hostile article text that escaped escaping still could not run or load anything.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const STATIC_DIR = fileURLToPath(new URL('./static/', import.meta.url));
/** The only files served under /static/: a fixed list, so no request path reaches the file system. */
const STATIC_FILES: Record<string, string> = { 'newsfold.css': 'text/css; charset=utf-8', 'newsfold.js': 'text/javascript; charset=utf-8' };
/** Static files are versioned in their URLs (ASSET_VERSION), so browsers may keep them a day. */
const STATIC_MAX_AGE_SECONDS = 86_400;
/** Longest query parameter the pages read (filters, cursors, queries); longer values are refused as bad input. */
const MAX_PARAMETER_CHARACTERS = 500;

type Query = Record<string, string | string[] | undefined>;

function parameter(query: Query, name: string): string | undefined {
  const raw = query[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  if (value.length > MAX_PARAMETER_CHARACTERS) throw new NewsfoldError('E_INVALID', `${name} is longer than ${MAX_PARAMETER_CHARACTERS} characters`);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function sendHtml(reply: FastifyReply, page: Html, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.text);
}

/** A page for an error: the same status and message the API gives, as HTML. */
function errorPage(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const problem = problemFor(error, request.url);
  if (problem.status >= 500 && problem.status !== 503) process.stderr.write(`newsfold serve: ${(error as Error).stack ?? String(error)}\n`);
  const page = renderPage({
    title: problem.title,
    page: 'error',
    body: html`<h1>${problem.title}</h1><p>${problem.detail}</p><p>${problem.hint}</p><p><a href="/">All stories</a></p>`,
  });
  return sendHtml(reply, page, problem.status);
}

/** Wraps a page handler so any error becomes an HTML error page rather than a problem document. */
function page(handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | Html>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      const result = await handler(request, reply);
      return result instanceof Html ? sendHtml(reply, result) : result;
    } catch (error) {
      return errorPage(request, reply, error);
    }
  };
}

export const registerWebRoutes: RegisterRoutes = (app, { engine }) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  const files = new Map(Object.entries(STATIC_FILES).map(([name, type]) => [name, { type, body: readFileSync(`${STATIC_DIR}${name}`) }]));
  app.get('/static/:name', { schema: { hide: true } }, async (request, reply) => {
    const file = files.get((request.params as { name: string }).name);
    if (file === undefined) throw new NewsfoldError('E_NOT_FOUND', 'no such static file');
    return reply.type(file.type).header('cache-control', `public, max-age=${STATIC_MAX_AGE_SECONDS}`).send(file.body);
  });

  // Browsers ask every site for /favicon.ico: newsfold has none, and says so without an error in the console.
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.code(204).header('cache-control', `public, max-age=${STATIC_MAX_AGE_SECONDS}`).send());

  app.get(
    '/',
    { schema: { hide: true } },
    page(async (request) => {
      const query = request.query as Query;
      const sort = parameter(query, 'sort') ?? 'recent';
      if (sort !== 'recent' && sort !== 'size') throw new NewsfoldError('E_INVALID', 'sort must be recent or size');
      const filters: StoryListFilters = { sort };
      for (const name of ['since', 'until', 'source', 'language', 'cursor'] as const) {
        const value = parameter(query, name);
        if (value !== undefined) filters[name] = value;
      }
      const limit = parameter(query, 'limit');
      if (limit !== undefined) filters.limit = Number(limit);
      return storyListPage(filters, await engine.storyPage(storyListRequest(filters)));
    }),
  );

  app.get(
    '/find',
    { schema: { hide: true } },
    page(async (request) => {
      const query = request.query as Query;
      const text = parameter(query, 'q');
      const cursor = parameter(query, 'cursor');
      if (text === undefined) return findPage('', undefined, undefined);
      return findPage(text, cursor, await engine.search(cursor === undefined ? { query: text } : { query: text, cursor }));
    }),
  );

  app.get(
    '/story/:id',
    { schema: { hide: true } },
    page(async (request, reply) => {
      const { id } = request.params as { id: string };
      const pageParameter = parameter(request.query as Query, 'page');
      const pageNumber = pageParameter === undefined ? 1 : Number(pageParameter);
      if (!Number.isInteger(pageNumber) || pageNumber < 1) throw new NewsfoldError('E_INVALID', 'page must be a whole number from 1');
      const view = await engine.story(id);
      // A merged story's old address leads to the live story, as the API's does.
      if (view.story.id !== id) return reply.code(308).header('location', `/story/${encodeURIComponent(view.story.id)}`).send();
      return storyPage(view, storyFamilies(view), pageNumber);
    }),
  );

  app.get(
    '/article/:id',
    { schema: { hide: true } },
    page(async (request) => {
      const { id } = request.params as { id: string };
      const view = await engine.article(id);
      const legend = legendOf(view);
      const summaries = new Map((await engine.articleSummaries(legend.map((entry) => entry.otherId))).map((summary) => [summary.id, summary]));
      for (const entry of legend) {
        const other = summaries.get(entry.otherId);
        if (other !== undefined) entry.other = other;
      }
      return articlePage(view, legend, highlightSpan(parameter(request.query as Query, 'hl'), view.article.text.length));
    }),
  );

  app.get(
    '/article/:a/compare/:b',
    { schema: { hide: true } },
    page(async (request) => {
      const { a, b } = request.params as { a: string; b: string };
      const { x, y, relation } = await engine.compare(a, b);
      // The API's own compare answer (GET /compare/{a}/{b}), word differences included, shown as a page.
      const compared = compareJson(x, y, relation, true);
      const passages: ComparedPassage[] = compared.passages.map((passage) => ({
        similarity: passage.similarity,
        source: { span: passage.a, text: passage.a.text, marks: passage.words?.a ?? [] },
        copy: { span: passage.b, text: passage.b.text, marks: passage.words?.b ?? [] },
      }));
      return comparePage(x, y, relation, passages);
    }),
  );

  // One story's row of the list, for the script that shows new and grown stories without a reload.
  app.get(
    '/fragment/story-row/:id',
    { schema: { hide: true } },
    page(async (request) => {
      const { id } = request.params as { id: string };
      const [row] = await engine.storyRows([id]);
      if (row === undefined) throw new NewsfoldError('E_NOT_FOUND', `no live story ${id}`);
      return storyRow(row);
    }),
  );
};
