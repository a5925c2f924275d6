// Every route of the API, registered in one place. Each file holds one resource's routes as a function
// (app, context) => void; a new face (src/web/) registers its pages the same way on the same app.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { Engine } from '../../engine/index.ts';
import type { ServerSettings } from '../app.ts';
import type { EventHub } from '../events.ts';
import type { ServerMetrics } from '../metrics.ts';
import type { WriteGate } from '../write-gate.ts';
import { registerArticleRoutes } from './articles.ts';
import { registerEventRoutes } from './events.ts';
import { registerHealthRoutes } from './health.ts';
import { registerStoryRoutes } from './stories.ts';
import { registerWebRoutes } from '../../web/routes.ts';

/** The app as routes see it: request and reply types come from the TypeBox schemas. */
export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What a route may use: the engine (never the store), the settings and the server's shared parts. */
export interface RouteContext {
  engine: Engine;
  settings: ServerSettings;
  events: EventHub;
  metrics: ServerMetrics;
  writes: WriteGate;
}

export type RegisterRoutes = (app: App, context: RouteContext) => void | Promise<void>;

// The web pages (src/web/) are one more family on the same app, over the same engine calls.
const ROUTE_FAMILIES: RegisterRoutes[] = [registerHealthRoutes, registerStoryRoutes, registerArticleRoutes, registerEventRoutes, registerWebRoutes];

export async function registerRoutes(app: App, context: RouteContext): Promise<void> {
  for (const register of ROUTE_FAMILIES) await register(app, context);
}
