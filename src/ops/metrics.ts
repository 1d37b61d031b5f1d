import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';

/** One Prometheus registry per running instance (tests start many). */
export class Metrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'toezicht_http_requests_total', help: 'HTTP requests', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly duration = new Histogram({
    name: 'toezicht_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly logbookAppends = new Counter({ name: 'toezicht_logbook_appends_total', help: 'Logboek entries written', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const start = performance.now();
      await next();
      const route = routePath(c) || 'unmatched';
      this.requests.inc({ method: c.req.method, route, status: String(c.res.status) });
      this.duration.observe({ method: c.req.method, route }, (performance.now() - start) / 1000);
    };
  }
}
