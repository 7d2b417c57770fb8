/**
 * The installable app (P16): the web app manifest (start at the workspace,
 * PNG and maskable icons, shortcuts to my applications and the inbox), the
 * service worker at `/sw.js` (pwa.worker.ts: offline page, the person's last
 * opened applications readable offline, web push), the tiny script every page
 * loads to register it, and the offline pages. Every page works without any of
 * it; the script only adds.
 *
 * Personal pages are marked for the worker with the person's cache key
 * (`X-PK-Offline`): a hash of the web session's subject, so each person's
 * pages go to their own cache and never reach another's.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sessionPrincipal } from '../http/auth.js';
import { precompress } from '../http/compression.js';
import type { App } from '../http/server.js';
import { BRAND_COLOUR, fixedAsset, ICON_URL, IMMUTABLE, sendAsset, SHORT_CACHE, stylesheetUrl, type StaticAsset } from './assets.js';
import { LANGS, otherLang, pathInLang, t, type Lang } from './i18n.js';
import { PWA_ICONS } from './pwa.icons.js';
import { PERSONAL_PATHS, workerSource } from './pwa.worker.js';

/** Where the service worker lives: the site's root, so it may control every page. */
export const SERVICE_WORKER_URL = '/sw.js';
/** The header that tells the worker whose page this is. */
export const PERSON_HEADER = 'x-pk-offline';
const OFFLINE_PATH = '/offline';

const iconOf = (file: string): StaticAsset => {
  const icon = PWA_ICONS.find((candidate) => candidate.file === file);
  if (!icon) throw new Error(`no PWA icon ${file}`);
  return icon.asset;
};

const MANIFEST = fixedAsset(
  'manifest',
  'webmanifest',
  '/manifest.webmanifest',
  'application/manifest+json; charset=utf-8',
  JSON.stringify(
    {
      id: '/workspace',
      name: 'Pakalpojumi',
      short_name: 'Pakalpojumi',
      description: 'Valsts un pašvaldību pakalpojumi vienuviet. Public services in one place.',
      lang: 'lv',
      dir: 'ltr',
      start_url: '/workspace',
      scope: '/',
      display: 'standalone',
      theme_color: BRAND_COLOUR,
      background_color: '#ffffff',
      icons: [
        { src: ICON_URL, sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        { src: iconOf('icon-192.png').url, sizes: '192x192', type: 'image/png', purpose: 'any' },
        { src: iconOf('icon-512.png').url, sizes: '512x512', type: 'image/png', purpose: 'any' },
        { src: iconOf('maskable-512.png').url, sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
      shortcuts: [
        { name: t('lv', 'pwa.applications'), url: '/workspace/applications', icons: [{ src: iconOf('icon-192.png').url, sizes: '192x192', type: 'image/png' }] },
        { name: t('lv', 'pwa.inbox'), url: '/workspace/notifications', icons: [{ src: iconOf('icon-192.png').url, sizes: '192x192', type: 'image/png' }] },
      ],
    },
    null,
    2,
  ),
);
export const MANIFEST_URL = MANIFEST.url;

/** Registers the worker where browsers have one, once the page has loaded, so it never competes with the page. */
const REGISTER = fixedAsset(
  'pwa',
  'js',
  '/assets/pwa.js',
  'text/javascript; charset=utf-8',
  `'use strict';\nif ('serviceWorker' in navigator) window.addEventListener('load', function () { navigator.serviceWorker.register('${SERVICE_WORKER_URL}', { scope: '/' }).catch(function () {}); });\n`,
);
export const PWA_SCRIPT_URL = REGISTER.url;

/** The person's cache key: not their id itself, and the same on every instance. */
export function personCacheKey(subject: string): string {
  return createHash('sha256').update(`pakalpojumi.offline\u0000${subject}`).digest('hex').slice(0, 32);
}

/** The worker's source, made once the stylesheet's address is known (it precaches it). */
let worker: string | undefined;
function workerScript(): string {
  const precache = [...LANGS.map((lang) => pathInLang(OFFLINE_PATH, lang)), stylesheetUrl(), ICON_URL, REGISTER.url];
  const settings = { precache, offlinePages: { lv: OFFLINE_PATH, en: pathInLang(OFFLINE_PATH, 'en') }, icon: ICON_URL, personHeader: PERSON_HEADER };
  worker ??= workerSource({ ...settings, version: createHash('sha256').update(JSON.stringify(settings)).update(workerSource({ ...settings, version: '' })).digest('hex').slice(0, 16) });
  return worker;
}

async function offlinePage(lang: Lang): Promise<string> {
  // Imported here: the layout imports this module's addresses.
  const { renderMessagePage } = await import('./layout.js');
  return renderMessagePage({
    lang,
    title: t(lang, 'offline.title'),
    alternateUrl: pathInLang(OFFLINE_PATH, otherLang(lang)),
    paragraphs: [t(lang, 'offline.lead'), t(lang, 'offline.kept')],
    links: [{ href: pathInLang('/workspace/applications', lang), text: t(lang, 'offline.applications') }],
  });
}

/** Marks a signed-in person's workspace page for the worker (only answers that show it: 200 to a GET). */
function markPersonalPage(request: FastifyRequest, reply: FastifyReply): void {
  if (request.method !== 'GET' || reply.statusCode !== 200) return;
  if (!PERSONAL_PATHS.test(request.url.split('?')[0] ?? '')) return;
  const principal = sessionPrincipal(request);
  if (principal) reply.header(PERSON_HEADER, personCacheKey(principal.subject));
}

export async function registerPwa(app: App): Promise<void> {
  const options = { schema: { hide: true }, compress: false as const };
  // Text is stored compressed too (the stored bytes are sent as they are); PNGs are compressed already.
  const manifest = { ...MANIFEST, body: await precompress(MANIFEST.body.identity) };
  for (const asset of [manifest, REGISTER, ...PWA_ICONS.map((icon) => icon.asset)]) {
    app.get(asset.url, options, async (request, reply) => sendAsset(request, reply, asset, IMMUTABLE));
    app.get(asset.plainUrl, options, async (request, reply) => sendAsset(request, reply, asset, SHORT_CACHE));
  }
  // Browsers check the worker for updates at every navigation: always revalidated, never kept long.
  app.get(SERVICE_WORKER_URL, { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(workerScript()));
  for (const lang of LANGS) {
    app.get(pathInLang(OFFLINE_PATH, lang), { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('content-language', lang).header('cache-control', 'no-cache').send(await offlinePage(lang)),
    );
  }
  app.addHook('onSend', async (request, reply, payload) => {
    markPersonalPage(request, reply);
    return payload;
  });
}
