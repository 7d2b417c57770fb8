/**
 * The portals' static assets: the stylesheet (GOV.UK Frontend's accessible
 * components, compiled from Sass with a neutral theme: our own brand colour,
 * a system font stack, no GOV.UK fonts, crown or crest), the icon, and the
 * HTML "page not found". No JavaScript is needed anywhere. (The installable
 * app's manifest, PNG icons and service worker: pwa.ts.)
 *
 * The stylesheet is compiled once per process and cached on disk, keyed by the
 * versions of govuk-frontend and sass and by the Sass source, so restarts and
 * test runs skip the ~1 s compile; its Brotli and gzip forms (highest quality)
 * are made once with it and cached beside it.
 *
 * Each asset is served at an address carrying a hash of its content
 * (`/assets/app.<hash>.css`), cached for a year as immutable; pages link those.
 * The plain addresses (`/assets/app.css`, `/assets/icon.svg`,
 * `/manifest.webmanifest`) keep answering, with a short cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { negotiateEncoding, precompress, varyOnEncoding, type Precompressed } from '../http/compression.js';
import type { App } from '../http/server.js';
import { langOfPath, otherLang, pathInLang, t } from './i18n.js';
import { PHONE_STYLES } from './phones.styles.js';

const require = createRequire(import.meta.url);

/** The platform's brand colour: a deep petrol teal (white text on it: 8.3:1). */
export const BRAND_COLOUR = '#0b5560';
/** Latvian carmine, used sparingly as an accent line. */
const ACCENT_COLOUR = '#9e3039';

const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** The components the pages use: fewer components, a smaller stylesheet and a faster compile. */
const COMPONENTS = [
  'back-link',
  'breadcrumbs',
  'button',
  'checkboxes',
  'date-input',
  'details',
  'error-message',
  'error-summary',
  'fieldset',
  'file-upload',
  'footer',
  'generic-header',
  'hint',
  'input',
  'inset-text',
  'label',
  'language-navigation',
  'notification-banner',
  'pagination',
  'panel',
  'radios',
  'select',
  'service-navigation',
  'skip-link',
  'summary-list',
  'table',
  'tag',
  'textarea',
  'warning-text',
];

/** A short hash of an asset's content: the part of its address that changes with it. */
function fingerprint(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" role="img" aria-label="Pakalpojumi">
<rect width="512" height="512" rx="96" fill="${BRAND_COLOUR}"/>
<rect x="112" y="368" width="288" height="28" rx="14" fill="${ACCENT_COLOUR}"/>
<path d="M176 112h104c50 0 88 36 88 84s-38 84-88 84h-48v56h-56zm56 48v72h44c22 0 36-15 36-36s-14-36-36-36z" fill="#ffffff"/>
</svg>
`;

/**
 * The icon for masks (Android's adaptive icons, iOS's home screen): the brand
 * colour to every edge, the mark shrunk into the central safe circle (40% of
 * the size), so any mask shape keeps it whole.
 */
export const MASKABLE_ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
<rect width="512" height="512" fill="${BRAND_COLOUR}"/>
<g transform="translate(256 256) scale(0.8) translate(-256 -256)">
<rect x="112" y="368" width="288" height="28" rx="14" fill="${ACCENT_COLOUR}"/>
<path d="M176 112h104c50 0 88 36 88 84s-38 84-88 84h-48v56h-56zm56 48v72h44c22 0 36-15 36-36s-14-36-36-36z" fill="#ffffff"/>
</g>
</svg>
`;

/** The icon's address: the fingerprinted one that pages and the manifest link. */
export const ICON_URL = `/assets/icon.${fingerprint(ICON_SVG)}.svg`;

/**
 * Every image GOV.UK Frontend would reference (only the footer's crest) resolves
 * to our own icon, so nothing in the stylesheet points at GOV.UK artwork.
 */
const THEME_MODULE = `
@function image-url($filename) {
  @return url("${ICON_URL}");
}
@function font-url($filename) {
  @return url("/assets/#{$filename}");
}
`;

const SASS_SOURCE = `
@use "sass:meta";
@use "pakalpojumi:theme" as theme;
@use "govuk-frontend/dist/govuk/base" as govuk with (
  $govuk-font-family: (${SYSTEM_FONTS}),
  $govuk-include-default-font-face: false,
  $govuk-image-url-function: meta.get-function("image-url", $module: "theme"),
  $govuk-font-url-function: meta.get-function("font-url", $module: "theme"),
  $govuk-functional-colours: (
    "brand": ${BRAND_COLOUR},
    "template-background": #f3f5f6,
    "surface-background": #f2f7f7,
    "surface-border": #9fc4c8,
  ),
);
@use "govuk-frontend/dist/govuk/core";
@use "govuk-frontend/dist/govuk/objects";
${COMPONENTS.map((name) => `@use "govuk-frontend/dist/govuk/components/${name}";`).join('\n')}
@use "govuk-frontend/dist/govuk/utilities";
@use "govuk-frontend/dist/govuk/overrides";

$brand: govuk.govuk-functional-colour(brand);
$accent: ${ACCENT_COLOUR};

// ---- header: brand bar with the platform's mark, and a thin accent line ----
.pk-header {
  border-bottom: 4px solid $accent;
}
.govuk-generic-header.pk-generic-header {
  background: $brand;
}
.pk-header__logo {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  column-gap: govuk.govuk-spacing(3);
  row-gap: govuk.govuk-spacing(1);
}
.pk-header__mark {
  width: 32px;
  height: 32px;
  margin-right: govuk.govuk-spacing(2);
  vertical-align: middle;
}
.pk-header__name {
  font-weight: 700;
  letter-spacing: -0.01em;
  vertical-align: middle;
}
.pk-header__tagline {
  @include govuk.govuk-font($size: 16);
  color: #ffffff;
  opacity: 0.92;
}

// Without JavaScript the menu is always open: on small screens let its items
// flow side by side instead of stacking one per line.
@media #{govuk.govuk-until-breakpoint(tablet)} {
  .govuk-service-navigation__list {
    display: flex;
    flex-wrap: wrap;
    column-gap: govuk.govuk-spacing(4);
  }
  .govuk-service-navigation__item {
    margin: govuk.govuk-spacing(1) 0;
  }
}

// ---- hero: the portal's front door with the search box ----
.pk-hero {
  @include govuk.govuk-responsive-padding(7, "top");
  @include govuk.govuk-responsive-padding(6, "bottom");
  --govuk-text-colour: #ffffff;
  color: #ffffff;
  background: $brand;

  .govuk-heading-xl,
  .govuk-body-l,
  .govuk-label,
  .govuk-hint {
    color: #ffffff;
  }
  .govuk-body-l {
    max-width: 38em;
  }
}

// ---- search: the input and its button on one line ----
.pk-search {
  display: flex;
  max-width: 40em;
  align-items: stretch;

  .govuk-input {
    flex: 1 1 auto;
    min-width: 0;
    height: 48px;
    margin-right: 0;
    border-right-width: 0;
  }
  .govuk-input:focus {
    border-right-width: 2px;
  }
  .govuk-button {
    flex: 0 0 auto;
    width: auto;
    min-height: 48px;
    margin-bottom: 0;
  }
}
.pk-hero .pk-search {
  .govuk-input {
    border-color: #ffffff;
    border-right-width: 2px;
  }
  .govuk-button {
    margin-left: govuk.govuk-spacing(2);
  }
}

// ---- cards: life events and business events ----
.pk-cards {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr));
  gap: govuk.govuk-spacing(4);
  margin: 0 0 govuk.govuk-spacing(7);
  padding: 0;
  list-style: none;
}
.pk-card {
  position: relative;
  display: flex;
  flex-direction: column;
  padding: govuk.govuk-spacing(4);
  border: 1px solid govuk.govuk-functional-colour(border);
  border-top: 4px solid $brand;
  background: #ffffff;

  &:hover {
    border-color: $brand;
    box-shadow: 0 2px 8px rgba(11, 12, 12, 0.12);
  }
}
.pk-card__title {
  @include govuk.govuk-font($size: 19, $weight: bold);
  margin: 0 0 govuk.govuk-spacing(2);
}
.pk-card__link::after {
  // The whole card is the link's target; the text stays the accessible name.
  content: "";
  position: absolute;
  inset: 0;
}
.pk-card__text {
  @include govuk.govuk-font($size: 16);
  margin: 0 0 govuk.govuk-spacing(3);
  color: govuk.govuk-functional-colour(secondary-text);
  flex-grow: 1;
}
.pk-card__meta {
  @include govuk.govuk-font($size: 16, $weight: bold);
  margin: 0;
  color: $brand;
}

// ---- lists of services: search results, event pages, popular services ----
.pk-results {
  margin: 0 0 govuk.govuk-spacing(6);
  padding: 0;
  list-style: none;
}
.pk-results__item {
  padding: govuk.govuk-spacing(4) 0;
  border-bottom: 1px solid govuk.govuk-functional-colour(border);

  &:first-child {
    border-top: 1px solid govuk.govuk-functional-colour(border);
  }
}
.pk-results__title {
  @include govuk.govuk-font($size: 24, $weight: bold);
  margin: 0 0 govuk.govuk-spacing(2);
}
.pk-results__description {
  @include govuk.govuk-font($size: 19);
  margin: 0 0 govuk.govuk-spacing(2);
}
.pk-results__time {
  white-space: nowrap;
}
.pk-results__meta {
  @include govuk.govuk-font($size: 16);
  margin: 0;
  color: govuk.govuk-functional-colour(secondary-text);

  .govuk-tag {
    margin-right: govuk.govuk-spacing(2);
  }
}

// ---- filters beside the results ----
.pk-filters {
  padding: govuk.govuk-spacing(4);
  background: govuk.govuk-functional-colour(surface-background);
  border-top: 4px solid $brand;
  @include govuk.govuk-responsive-margin(6, "bottom");

  .govuk-select {
    width: 100%;
  }
}

// ---- the service page: the "before you apply" box ----
.pk-apply {
  @include govuk.govuk-responsive-padding(5);
  @include govuk.govuk-responsive-margin(6, "bottom");
  border-left: 6px solid $brand;
  background: govuk.govuk-functional-colour(surface-background);

  > :last-child {
    margin-bottom: 0;
  }
}
.pk-facts {
  margin-bottom: govuk.govuk-spacing(6);
}
.pk-section {
  @include govuk.govuk-responsive-margin(7, "bottom");
}
.pk-channel {
  margin-bottom: govuk.govuk-spacing(4);
  padding-bottom: govuk.govuk-spacing(4);
  border-bottom: 1px solid govuk.govuk-functional-colour(border);

  &:last-child {
    border-bottom: 0;
  }
}
.pk-aside {
  padding: govuk.govuk-spacing(4);
  border-top: 4px solid $brand;
  background: govuk.govuk-functional-colour(surface-background);
  @include govuk.govuk-responsive-margin(6, "bottom");
}

// contact details in a narrow column: each label above its value
.pk-contacts {
  .govuk-summary-list__row {
    display: block;
    margin-bottom: govuk.govuk-spacing(3);
  }
  .govuk-summary-list__key,
  .govuk-summary-list__value {
    display: block;
    width: auto;
    margin: 0;
    padding: 0;
  }
}
.pk-permalink {
  overflow-wrap: anywhere;
}

// code samples (the developer portal): scroll sideways, reachable by keyboard
.pk-code {
  margin: 0 0 govuk.govuk-spacing(6);
  padding: govuk.govuk-spacing(3);
  overflow-x: auto;
  border-left: 5px solid $brand;
  background: govuk.govuk-functional-colour(surface-background);
  font-family: ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 1rem;
  line-height: 1.45;
  white-space: pre;
  &:focus {
    outline: 3px solid govuk.govuk-functional-colour(focus);
    outline-offset: 0;
  }
}

// ---- footer ----
.pk-footer__about {
  max-width: 40em;
}
${PHONE_STYLES}`;

/** An asset held in memory in every encoding it is sent in. */
export interface StaticAsset {
  /** the fingerprinted address pages link, cached for a year */
  url: string;
  /** the address before fingerprinting, still answered with a short cache */
  plainUrl: string;
  type: string;
  fingerprint: string;
  body: Precompressed;
}

interface Stylesheet extends StaticAsset {
  /** how it was obtained and how long it took, for the log */
  source: 'compiled' | 'cache';
  ms: number;
}

function packageVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** Changes whenever the compiled stylesheet could change: govuk-frontend, sass or our Sass source. */
const STYLESHEET_KEY = createHash('sha256')
  .update(`govuk-frontend@${packageVersion('govuk-frontend')}\nsass@${packageVersion('sass')}\n${THEME_MODULE}\n${SASS_SOURCE}`)
  .digest('hex')
  .slice(0, 16);

const STYLESHEET_PLAIN_URL = '/assets/app.css';
const STYLESHEET_TYPE = 'text/css; charset=utf-8';

function cacheFile(): string {
  // node_modules/.cache is where tools conventionally keep rebuildable output.
  const nodeModules = path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), '..');
  return path.join(nodeModules, '.cache', 'pakalpojumi', `app-${STYLESHEET_KEY}.css`);
}

/** A cached file's bytes, or undefined when it is not there (yet). */
async function readCached(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** Writes the cache files whole (rename), then drops those of earlier versions; a read-only installation skips this. */
async function writeCache(file: string, body: Precompressed): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    for (const [suffix, bytes] of [['', body.identity], ['.br', body.br], ['.gz', body.gzip]] as const) {
      if (!bytes) continue;
      const temporary = `${file}${suffix}.${process.pid}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, `${file}${suffix}`);
    }
    const current = path.basename(file);
    for (const name of await readdir(path.dirname(file))) {
      if (/^app-[0-9a-f]{16}\.css(?:\.br|\.gz)?$/.test(name) && !name.startsWith(current)) await rm(path.join(path.dirname(file), name), { force: true });
    }
  } catch {
    // A read-only installation simply compiles (and compresses) at every start.
  }
}

/** Sass is loaded only when there is something to compile: a cached start never needs it. */
async function compileSass(): Promise<string> {
  const sass = await import('sass');
  return sass.compileString(SASS_SOURCE, {
    style: 'compressed',
    loadPaths: [path.resolve(path.dirname(require.resolve('govuk-frontend/package.json')), '..')],
    quietDeps: true,
    importers: [
      {
        canonicalize: (url) => (url === 'pakalpojumi:theme' ? new URL(url) : null),
        load: () => ({ contents: THEME_MODULE, syntax: 'scss' }),
      },
    ],
  }).css;
}

async function compileStylesheet(): Promise<Stylesheet> {
  const started = performance.now();
  const file = cacheFile();
  const [cached, br, gzip] = await Promise.all([readCached(file), readCached(`${file}.br`), readCached(`${file}.gz`)]);
  let body: Precompressed;
  let source: Stylesheet['source'] = 'cache';
  if (cached?.byteLength && br?.byteLength && gzip?.byteLength) {
    body = { identity: cached, br, gzip };
  } else {
    if (!cached?.byteLength) source = 'compiled';
    body = await precompress(cached?.byteLength ? cached : Buffer.from(await compileSass()));
    await writeCache(file, body);
  }
  const hash = fingerprint(body.identity);
  return {
    url: `/assets/app.${hash}.css`,
    plainUrl: STYLESHEET_PLAIN_URL,
    type: STYLESHEET_TYPE,
    fingerprint: hash,
    body,
    source,
    ms: Math.round(performance.now() - started),
  };
}

let stylesheet: Promise<Stylesheet> | undefined;
let loadedStylesheet: Stylesheet | undefined;

/** The compiled stylesheet: compiled (or read from the cache) once per process. */
export function loadStylesheet(): Promise<Stylesheet> {
  stylesheet ??= compileStylesheet().then(
    (loaded) => (loadedStylesheet = loaded),
    (error: unknown) => {
      stylesheet = undefined;
      throw error;
    },
  );
  return stylesheet;
}

/** The stylesheet's fingerprinted address once it is loaded (registerWebAssets loads it before any page); the plain one before. */
export function stylesheetUrl(): string {
  return loadedStylesheet?.url ?? STYLESHEET_PLAIN_URL;
}

/** An asset whose content is fixed in the code: its fingerprint is known at once. */
export function fixedAsset(name: string, extension: string, plainUrl: string, type: string, content: string | Buffer): StaticAsset {
  const hash = fingerprint(content);
  return { url: `/assets/${name}.${hash}.${extension}`, plainUrl, type, fingerprint: hash, body: { identity: Buffer.from(content) } };
}

const ICON = fixedAsset('icon', 'svg', '/assets/icon.svg', 'image/svg+xml; charset=utf-8', ICON_SVG);


/** A fingerprinted address cannot change content: a year, never revalidated. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A plain (or outdated fingerprinted) address may change content at the next release. */
export const SHORT_CACHE = 'public, max-age=3600';

/** Whether If-None-Match names this content (in any of its encodings). */
function notModified(request: FastifyRequest, hash: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header.split(',').some((tag) => {
    const opaque = tag.trim().replace(/^W\//, '');
    return opaque === '*' || opaque.replace(/-(?:br|gzip)"$/, '"') === `"${hash}"`;
  });
}

/** Sends an asset's stored bytes in the encoding the client prefers (never compressed per request). */
export function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: StaticAsset, cacheControl: string): FastifyReply {
  const negotiable = asset.body.br !== undefined || asset.body.gzip !== undefined;
  const encoding = negotiable ? negotiateEncoding(request.headers['accept-encoding']) : undefined;
  const encoded = encoding ? asset.body[encoding] : undefined;
  reply.header('cache-control', cacheControl).type(asset.type);
  if (negotiable) varyOnEncoding(reply);
  // Each encoding is its own representation, so it has its own strong tag.
  reply.header('etag', encoded ? `"${asset.fingerprint}-${encoding}"` : `"${asset.fingerprint}"`);
  if (notModified(request, asset.fingerprint)) return reply.code(304).send();
  if (encoded) return reply.header('content-encoding', encoding).send(encoded);
  return reply.send(asset.body.identity);
}

/** An outdated fingerprinted address (a page of an earlier release, or of another instance mid-deploy). */
const FINGERPRINTED = /^(app|icon)\.[0-9a-f]{16}\.(css|svg)$/;

export async function registerWebAssets(app: App): Promise<void> {
  const loaded = await loadStylesheet();
  app.log.debug({ source: loaded.source, ms: loaded.ms, bytes: loaded.body.identity.byteLength, br: loaded.body.br?.byteLength, gzip: loaded.body.gzip?.byteLength }, 'stylesheet ready');

  // The stored bytes are sent as they are: the compression hook leaves these routes alone.
  const options = { schema: { hide: true }, compress: false as const };
  const assets: StaticAsset[] = [loaded, ICON];
  for (const asset of assets) {
    app.get(asset.url, options, async (request, reply) => sendAsset(request, reply, asset, IMMUTABLE));
    app.get(asset.plainUrl, options, async (request, reply) => sendAsset(request, reply, asset, SHORT_CACHE));
  }
  // The current content under an outdated fingerprint beats an unstyled page; it is not cached as immutable.
  app.get('/assets/:name', options, async (request, reply) => {
    const match = FINGERPRINTED.exec((request.params as { name: string }).name);
    const asset = assets.find((candidate) => match && candidate.url.startsWith(`/assets/${match[1]}.`) && candidate.url.endsWith(`.${match[2]}`));
    return asset ? sendAsset(request, reply, asset, SHORT_CACHE) : reply.callNotFound();
  });
}

/** The HTML "page not found", in the language of the path (English under /en/). */
export async function renderNotFoundPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const lang = langOfPath(request.url);
  // Imported here: the layout imports this module's asset addresses.
  const { renderMessagePage } = await import('./layout.js');
  const html = await renderMessagePage({
    lang,
    title: t(lang, 'notFound.title'),
    alternateUrl: pathInLang('/', otherLang(lang)),
    paragraphs: [t(lang, 'notFound.lead'), t(lang, 'notFound.address')],
    links: [{ href: pathInLang('/', lang), text: t(lang, 'notFound.home') }],
  });
  return reply.code(404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
