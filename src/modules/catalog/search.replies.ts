/**
 * Search replies kept as sent, per index generation: the serialised bytes, an
 * ETag, and each compressed variant once a client has asked for it. A repeated
 * query then costs no search, serialisation, hashing or compression — only the
 * write — and a client that already holds the reply gets a 304. Everything is
 * dropped when the index's generation moves (an edit on any instance reaches
 * this one's index within its poll), so nothing here outlives what it shows.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from '../../platform/http/compression.js';

export interface SearchReply {
  identity: Buffer;
  /** weak: the same for every encoding of the same JSON */
  etag: string;
  /** compressed variants, made on first demand */
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}

export interface SearchReplies {
  get(generation: number, key: string): SearchReply | undefined;
  /** keeps `bytes` as the reply to `key` in `generation` and answers the entry */
  set(generation: number, key: string, bytes: Buffer): SearchReply;
}

/** Below this a reply is sent as it is (the compression plugin's threshold too). */
const COMPRESS_FROM = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Middle qualities: made once and sent many times, but made at a request's
 * expense (Brotli 11 took ~80 ms for a 10 KB reply, 5 a few ms for ~7% more bytes).
 */
const COMPRESSORS: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  br: (bytes) =>
    brotli(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength } }),
  gzip: (bytes) => gzipAsync(bytes, { level: 9 }),
};

/** An ETag from the bytes themselves: instances number their generations differently, but the same reply gets the same tag on each. */
function etagOf(bytes: Buffer): string {
  return `W/"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** True when If-None-Match names `etag` (weak comparison, RFC 9110 13.1.2) or is `*`. */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = etag.slice(2);
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === opaque;
  });
}

/** The reply's bytes in `encoding` (identity when undefined or when too small to be worth it). */
export async function encodedBody(reply: SearchReply, encoding: Encoding | undefined): Promise<{ bytes: Buffer; encoding?: Encoding }> {
  if (!encoding || reply.identity.byteLength < COMPRESS_FROM) return { bytes: reply.identity };
  let variant = reply.encoded[encoding];
  if (!variant) {
    variant = COMPRESSORS[encoding](reply.identity);
    reply.encoded[encoding] = variant;
    // A failed compression is not kept: the next request tries again.
    variant.catch(() => {
      if (reply.encoded[encoding] === variant) delete reply.encoded[encoding];
    });
  }
  return { bytes: await variant, encoding };
}

/** At most `size` replies of the current generation, least recently used out first. */
export function createSearchReplies(size: number): SearchReplies {
  let current = -1;
  const entries = new Map<string, SearchReply>();
  const sameGeneration = (generation: number): void => {
    if (generation !== current) entries.clear();
    current = generation;
  };
  return {
    get(generation, key) {
      sameGeneration(generation);
      const entry = entries.get(key);
      if (entry) {
        entries.delete(key);
        entries.set(key, entry);
      }
      return entry;
    },
    set(generation, key, bytes) {
      sameGeneration(generation);
      if (entries.size >= size) entries.delete(entries.keys().next().value as string);
      const entry: SearchReply = { identity: bytes, etag: etagOf(bytes), encoded: {} };
      entries.set(key, entry);
      return entry;
    },
  };
}
