// GET /healthz (is the store readable, and how big is it) and GET /metrics (Prometheus text format).
import { HealthSchema, problemResponses } from '../schemas.ts';
import type { RegisterRoutes } from './index.ts';

export const registerHealthRoutes: RegisterRoutes = (app, { engine, metrics }) => {
  app.get('/healthz', { schema: { summary: 'Liveness: the store answers', response: { 200: HealthSchema, ...problemResponses(503) } } }, async () => ({
    status: 'ok' as const,
    ...(await engine.counts()),
  }));

  app.get('/metrics', { schema: { summary: 'Prometheus metrics: articles, stories, ingest, request latency', produces: ['text/plain'] } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
};
