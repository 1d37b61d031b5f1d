import fs from 'node:fs';
import path from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { declarePublic, type AppEnv } from '../auth/guard.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * Serves the built React UI: files under dist/web, and index.html for every other non-API
 * GET path so that client-side routes (/logbook, /users…) load on reload.
 */
export function registerWebUi(app: OpenAPIHono<AppEnv>, root: string): void {
  declarePublic('GET', '/*');
  app.get('*', async (c, next) => {
    const url = c.req.path;
    if (url.startsWith('/api/') || url === '/api') return next();
    const index = path.join(root, 'index.html');
    const candidate = path.normalize(path.join(root, decodeURIComponent(url)));
    const file = candidate.startsWith(root + path.sep) && fs.existsSync(candidate) && fs.statSync(candidate).isFile() ? candidate : index;
    if (!fs.existsSync(file)) {
      return c.text('The web UI is not built: run `npm run build`.', 503);
    }
    const immutable = file !== index && file.includes(`${path.sep}assets${path.sep}`);
    return c.body(fs.readFileSync(file), 200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
}
