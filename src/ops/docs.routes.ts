import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { declarePublic, type AppEnv } from '../auth/guard.js';

const require = createRequire(import.meta.url);
const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css',
  'swagger-ui-bundle.js': 'text/javascript',
};

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Toezicht API</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="ui"></div><script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#ui' });`;

/**
 * The OpenAPI 3 document, generated from the same zod schemas that validate requests, and
 * browsable docs served from the locally installed swagger-ui-dist (no CDN: the machine is offline).
 */
export function registerDocsRoutes(app: OpenAPIHono<AppEnv>) {
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Toezicht API',
      version: '0.1.0',
      description: 'Camera surveillance that enforces the camera protocol. Every state-changing request needs the x-csrf-token header from /api/auth/me.',
    },
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'toezicht_session' });
  for (const p of ['/api/openapi.json', '/api/docs', '/api/docs/init.js', ...Object.keys(assets).map((f) => `/api/docs/${f}`)]) declarePublic('GET', p);
  app.get('/api/docs', (c) => c.html(page));
  app.get('/api/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript' }));
  for (const [file, type] of Object.entries(assets)) {
    const body = fs.readFileSync(path.join(swaggerDir, file));
    app.get(`/api/docs/${file}`, (c) => c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' }));
  }
}
