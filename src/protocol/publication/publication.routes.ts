import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { securedRoute, type AppEnv } from '../../auth/guard.js';
import type { Policy } from '../../auth/policy.js';
import type { Clock } from '../../platform/clock.js';
import type { ActiveProfile } from '../active-profile.js';
import { amsterdamDate } from '../calendar.js';
import type { Language } from './document-model.js';
import { protocolDocument } from './protocol-document.js';
import { renderProtocolHtml } from './protocol-html.js';
import { renderProtocolPdf } from './protocol-pdf.js';
import type { PublicCameraSource } from './public-camera.js';
import type { SiteProtocolSource } from './site-protocol.js';

export interface PublicationDeps {
  profile: ActiveProfile;
  cameras: PublicCameraSource;
  sites: SiteProtocolSource;
  policy: Policy;
  clock: Clock;
}

const LanguageQuery = z.object({ lang: z.string().optional().openapi({ description: 'nl (default) or en', example: 'en' }) });
const SiteParam = z.object({ siteId: z.string().min(1).max(64).openapi({ param: { name: 'siteId', in: 'path' } }) });
const html = { content: { 'text/html': { schema: z.string() } } };
const pdf = { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } } };

const languageOf = (lang: string | undefined): Language => (lang === 'en' ? 'en' : 'nl');
const withLanguage = (path: string, language: Language) => (language === 'en' ? `${path}?lang=en` : path);
const noCache = { 'cache-control': 'no-cache' };

const notFoundPage = (language: Language) =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${language === 'nl' ? 'Niet gevonden' : 'Not found'}</title></head><body><main><h1>${
    language === 'nl' ? 'Dit protocol bestaat niet' : 'This protocol does not exist'
  }</h1><p><a href="${withLanguage('/protocol', language)}">${language === 'nl' ? 'Naar het cameraprotocol' : 'To the camera protocol'}</a></p></main></body></html>`;

/**
 * The public protocol (issue 3 item 9; MOZ-7, WCP-12, X-6): no login, rendered on every request
 * from the profile in force, so the published text is always the version the system enforces.
 * `/protocol` is the organisation's; `/protocol/{siteId}` a site's, with its tightenings (DOM-12).
 */
export function registerPublicationRoutes(app: OpenAPIHono<AppEnv>, deps: PublicationDeps) {
  const { profile, cameras, sites, policy, clock } = deps;
  const today = () => amsterdamDate(clock.now());

  async function documentFor(language: Language, siteId?: string) {
    if (siteId === undefined) return protocolDocument({ profile: profile.current(), language, cameras: await cameras.publicCameras() });
    const site = await sites.siteProtocol(siteId);
    if (!site) return null;
    return protocolDocument({ profile: site.profile, language, cameras: await cameras.publicCameras(siteId), siteName: site.siteName });
  }

  async function page(c: Context<AppEnv>, language: Language, siteId?: string) {
    const document = await documentFor(language, siteId);
    if (!document) return c.html(notFoundPage(language), 404, noCache);
    const base = siteId === undefined ? '/protocol' : `/protocol/${encodeURIComponent(siteId)}`;
    const links = { otherLanguage: withLanguage(base, language === 'nl' ? 'en' : 'nl'), pdf: withLanguage(siteId === undefined ? '/protocol.pdf' : `${base}/pdf`, language) };
    return c.html(renderProtocolHtml(document, links, today()), 200, noCache);
  }

  async function file(c: Context<AppEnv>, language: Language, siteId?: string) {
    const document = await documentFor(language, siteId);
    if (!document) return c.html(notFoundPage(language), 404, noCache);
    const name = `${language === 'nl' ? 'cameraprotocol' : 'camera-protocol'}-${document.organisation}${document.siteName ? `-${document.siteName}` : ''}-${document.version}`
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, '-');
    const body = await renderProtocolPdf(document, today());
    return c.body(new Uint8Array(body), 200, { ...noCache, 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${name}.pdf"` });
  }

  app.openapi(
    securedRoute(policy, 'public', {
      method: 'get', path: '/protocol', tags: ['protocol'], summary: 'The public camera protocol (HTML), from the profile in force',
      request: { query: LanguageQuery },
      responses: { 200: { description: 'The protocol page', ...html } },
    }),
    (c) => page(c, languageOf(c.req.valid('query').lang)),
  );

  app.openapi(
    securedRoute(policy, 'public', {
      method: 'get', path: '/protocol.pdf', tags: ['protocol'], summary: 'The public camera protocol as PDF',
      request: { query: LanguageQuery },
      responses: { 200: { description: 'The protocol as PDF', ...pdf } },
    }),
    (c) => file(c, languageOf(c.req.valid('query').lang)),
  );

  app.openapi(
    securedRoute(policy, 'public', {
      method: 'get', path: '/protocol/{siteId}', tags: ['protocol'], summary: 'A site\u2019s public camera protocol (HTML): the profile in force with the site\u2019s tightenings',
      request: { params: SiteParam, query: LanguageQuery },
      responses: { 200: { description: 'The protocol page', ...html }, 404: { description: 'No such site', ...html } },
    }),
    (c) => page(c, languageOf(c.req.valid('query').lang), c.req.valid('param').siteId),
  );

  app.openapi(
    securedRoute(policy, 'public', {
      method: 'get', path: '/protocol/{siteId}/pdf', tags: ['protocol'], summary: 'A site\u2019s public camera protocol as PDF',
      request: { params: SiteParam, query: LanguageQuery },
      responses: { 200: { description: 'The protocol as PDF', ...pdf }, 404: { description: 'No such site', ...html } },
    }),
    (c) => file(c, languageOf(c.req.valid('query').lang), c.req.valid('param').siteId),
  );
}
