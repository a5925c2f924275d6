// GET /metrics in the Prometheus text format (prom-client): the archive's size, the ingest rate and request
// latency per route. One registry per server, so two servers in one process (tests) do not share counters.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Engine } from '../engine/index.ts';

/** Latency buckets in seconds: fine below 50 ms (the target), coarse above. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export class ServerMetrics {
  readonly registry = new Registry();
  readonly ingested: Counter<'outcome'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;

  constructor(engine: Engine) {
    collectDefaultMetrics({ register: this.registry, prefix: 'newsfold_' });
    this.ingested = new Counter({ name: 'newsfold_ingested_articles_total', help: 'Articles received by POST /articles, by outcome', labelNames: ['outcome'], registers: [this.registry] });
    this.latency = new Histogram({
      name: 'newsfold_http_request_duration_seconds',
      help: 'Time from request to response, by route',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers: [this.registry],
    });
    const counts = async () => engine.counts();
    new Gauge({
      name: 'newsfold_articles',
      help: 'Articles in the store',
      registers: [this.registry],
      async collect() {
        this.set((await counts()).articles);
      },
    });
    new Gauge({
      name: 'newsfold_stories',
      help: 'Live stories in the store',
      registers: [this.registry],
      async collect() {
        this.set((await counts()).stories);
      },
    });
  }

  /** Times every request; the route label is the route's pattern, so ids do not make new series. */
  instrument(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.latency.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }
}
