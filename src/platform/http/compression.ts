/**
 * Response compression: pages, stylesheets and JSON are sent with Brotli or
 * gzip when the client offers them (@fastify/compress), and static assets are
 * compressed once, at the highest quality, and served as stored bytes.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** The encodings the platform sends, in its order of preference. */
export const ENCODINGS = ['br', 'gzip'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** Below this many bytes compression saves less than it costs (and fits one packet anyway). */
const THRESHOLD = 1024;

/**
 * Text worth compressing: HTML, CSS, JavaScript, JSON (problem+json, JSON-LD,
 * the manifest, OpenAPI), XML and SVG. Unlike the plugin's default, never
 * `application/octet-stream`: a download of unknown bytes is often compressed already.
 */
const COMPRESSIBLE = /^(?:text\/(?!event-stream)[a-z.+-]+|application\/(?:[a-z.+-]+\+)?(?:json|xml)|application\/javascript|image\/svg\+xml)\s*(?:;|$)/i;

export function isCompressible(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType);
}

/** Tells caches that the body depends on Accept-Encoding (lower case: the plugin looks for it so). */
export function varyOnEncoding(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  const values = vary === undefined ? [] : Array.isArray(vary) ? vary.map(String) : String(vary).split(',');
  if (values.some((value) => value.trim().toLowerCase() === 'accept-encoding' || value.trim() === '*')) return;
  reply.header('vary', [...values.map((value) => value.trim()).filter(Boolean), 'accept-encoding'].join(', '));
}

/**
 * Compresses compressible replies of every route registered after this call.
 * Request bodies are not decompressed: no client of the platform sends them
 * so, and inflating them would sidestep the body limit's intent.
 */
export async function installCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    encodings: [...ENCODINGS],
    threshold: THRESHOLD,
    customTypes: isCompressible,
    globalDecompression: false,
  });
  // Also an uncompressed answer (too small, or for a client without br/gzip) varies by encoding for caches.
  app.addHook('onSend', async (_request, reply) => {
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && isCompressible(type)) varyOnEncoding(reply);
  });
}

/**
 * The encoding to send for an Accept-Encoding header: the one the client
 * weighs highest (q), the platform's preference breaking ties; undefined for
 * identity.
 */
export function negotiateEncoding(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const weights = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    if (!name) continue;
    const q = parameters.map((parameter) => /^q=([0-9.]+)$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    const weight = q === undefined ? 1 : Number(q);
    // As @fastify/compress does for pages: x-gzip is gzip, and `*` is gzip unless gzip is named (old clients saying `*` know only gzip).
    if (name === '*' && weights.has('gzip')) continue;
    weights.set(name === 'x-gzip' || name === '*' ? 'gzip' : name, Number.isFinite(weight) ? weight : 0);
  }
  let chosen: Encoding | undefined;
  let best = 0;
  for (const encoding of ENCODINGS) {
    const weight = weights.get(encoding) ?? 0;
    if (weight > best) {
      chosen = encoding;
      best = weight;
    }
  }
  return chosen;
}

/** A body in each encoding the platform sends (identity always). */
export interface Precompressed {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Brotli and gzip at their highest quality, for bytes compressed once and sent many times; none for tiny bodies. */
export async function precompress(body: Buffer): Promise<Precompressed> {
  if (body.byteLength < THRESHOLD) return { identity: body };
  const [br, gz] = await Promise.all([
    brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength } }),
    gzipAsync(body, { level: constants.Z_BEST_COMPRESSION }),
  ]);
  return { identity: body, br, gzip: gz };
}
