// The HTTP face: a fastify app over the engine. `buildServer` is the app factory: it installs the limits, the
// problem+json error mapping, the OpenAPI generator and then every route (src/server/routes/index.ts). A
// later face (src/web/) adds its pages to the same app through `registerRoutes`-style plugins.
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Engine } from '../engine/index.ts';
import { answerClientError, answerFrameworkError, installProblemHandlers } from './problems.ts';
import { registerRoutes, type RouteContext } from './routes/index.ts';
import { JSON_LINES_TYPES } from './routes/articles.ts';
import { EventHub } from './events.ts';
import { ServerMetrics } from './metrics.ts';
import { WriteGate } from './write-gate.ts';

export interface ServerSettings {
  /** The bearer token writes must carry; undefined refuses every write (403). */
  token?: string;
  /** Largest request body: POST /articles refuses more with 413 before reading further. */
  bodyLimitBytes: number;
  /** A request (headers and body) must arrive within this, or the connection is closed (408). */
  requestTimeoutMs: number;
  /** Writes waiting behind the running one; beyond this a write is refused with 429. */
  maxQueuedWrites: number;
  /** Clients following GET /events at once; beyond this a client is refused with 429. */
  maxEventClients: number;
  /** Origins allowed by CORS; empty means no CORS headers at all (browsers then refuse cross-origin calls). */
  corsOrigins: string[];
}

/** Headers must arrive within this (or the request timeout, if shorter). */
const HEADERS_TIMEOUT_MS = 10_000;
/** Bounds on how often Node looks for requests past their deadline. */
const MIN_CHECK_INTERVAL_MS = 100;
const MAX_CHECK_INTERVAL_MS = 2_000;

/**
 * How long the server's store waits for another process's write lock: a request should answer 503 with
 * Retry-After within a couple of seconds rather than hang for the CLI's two-minute wait.
 */
export const SERVER_STORE_BUSY_TIMEOUT_MS = 2_000;

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  bodyLimitBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  maxQueuedWrites: 4,
  maxEventClients: 64,
  corsOrigins: [],
};


/** What the process that owns the server needs from it besides the app. */
export interface Server {
  app: FastifyInstance;
  events: EventHub;
  /** Stops following clients and closes the app (the engine is the caller's to close). */
  close(): Promise<void>;
}

/** Builds the app over an open engine; `listen` is the caller's (the CLI, a test, the benchmark). */
export async function buildServer(engine: Engine, overrides: Partial<ServerSettings> = {}): Promise<Server> {
  const settings: ServerSettings = { ...DEFAULT_SERVER_SETTINGS, ...overrides };
  const app = Fastify({
    logger: false,
    bodyLimit: settings.bodyLimitBytes,
    // Node checks request deadlines every connectionsCheckingInterval (30 s by default): checked more often
    // here so a slow drip of bytes is cut off near the deadline, not up to 30 s after it.
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: settings.requestTimeoutMs,
          headersTimeout: Math.min(settings.requestTimeoutMs, HEADERS_TIMEOUT_MS),
          connectionsCheckingInterval: Math.max(MIN_CHECK_INTERVAL_MS, Math.min(settings.requestTimeoutMs / 4, MAX_CHECK_INTERVAL_MS)),
        },
        handler,
      ),
    connectionTimeout: settings.requestTimeoutMs,
    // A query string, id or header longer than this is refused by the HTTP parser before any route runs.
    routerOptions: { maxParamLength: 500 },
    // A path that does not decode or a parameter over that length is answered before any route: as a problem document.
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // verbose: each validation error carries the schema it broke, so the problem can say what form is expected.
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false, verbose: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Bodies are JSON Lines handed to the ingest reader as bytes (each line is decoded as the CLI decodes it,
  // a Windows-1252 record too, then parsed, depth-checked), never parsed whole into one object graph.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(JSON_LINES_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  installProblemHandlers(app, (error) => process.stderr.write(`newsfold serve: ${(error as Error).stack ?? String(error)}\n`));
  if (settings.corsOrigins.length > 0) await app.register(cors, { origin: settings.corsOrigins });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'newsfold', version: '0.1.0', description: 'Stories folded from scraped news: digests with citations, copies, versions and lifted passages.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  const events = new EventHub(settings.maxEventClients);
  const metrics = new ServerMetrics(engine);
  const context: RouteContext = { engine, settings, events, metrics, writes: new WriteGate(settings.maxQueuedWrites) };
  metrics.instrument(app);
  const unsubscribe = engine.onStoryEvent((event) => events.publish(event));
  // Other processes' commits too: queue workers' batches (PostgreSQL), another ingest into the same file (SQLite).
  const stopFollowing = await engine.followOtherWriters();
  await registerRoutes(app, context);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return {
    app,
    events,
    close: async () => {
      unsubscribe();
      await stopFollowing();
      events.closeAll();
      await app.close();
    },
  };
}
