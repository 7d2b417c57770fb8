/**
 * Responses as they travel: node:http hands over the body as sent (global
 * fetch would decode it), so its length is the bytes on the wire. Used by the
 * compression test and the bench's first-visit line.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface WireResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** the body as sent (compressed when Content-Encoding says so) */
  body: Buffer;
  /** status line and headers as sent, in bytes */
  headerBytes: number;
}

/** One GET, the body left as it came. */
export function wireGet(url: string, headers: Record<string, string> = {}): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method: 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        // "HTTP/1.1 200 OK\r\n", each "name: value\r\n", the closing "\r\n".
        let headerBytes = `HTTP/${response.httpVersion} ${response.statusCode} ${response.statusMessage}\r\n\r\n`.length;
        for (let i = 0; i < response.rawHeaders.length; i += 2) headerBytes += Buffer.byteLength(`${response.rawHeaders[i]}: ${response.rawHeaders[i + 1]}\r\n`);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks), headerBytes });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The body decoded as its Content-Encoding says (br, gzip or none). */
export function decoded(response: WireResponse): Buffer {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(response.body);
  if (encoding === 'gzip') return gunzipSync(response.body);
  if (encoding === undefined || encoding === 'identity') return response.body;
  throw new Error(`unexpected content-encoding ${String(encoding)}`);
}

/** The addresses a page makes a browser fetch at once: stylesheets, scripts, icons and the manifest. */
export function linkedAssets(html: string): string[] {
  const found = new Set<string>();
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0];
    const rel = /\brel="([^"]*)"/.exec(tag)?.[1] ?? '';
    const href = /\bhref="([^"]*)"/.exec(tag)?.[1];
    if (href && /\b(?:stylesheet|icon|manifest|preload|modulepreload)\b/.test(rel)) found.add(href);
  }
  for (const match of html.matchAll(/<script\b[^>]*\bsrc="([^"]*)"/g)) if (match[1]) found.add(match[1]);
  return [...found];
}

export interface FirstVisit {
  /** each response of the visit: the page first, then what it links */
  responses: { path: string; response: WireResponse }[];
  /** bodies as sent */
  bodyBytes: number;
  /** bodies plus status lines and headers */
  totalBytes: number;
}

/** A first visit to `path`: the page and everything it links, fetched with `acceptEncoding` (none: no header). */
export async function firstVisit(base: string, path: string, acceptEncoding?: string): Promise<FirstVisit> {
  const headers: Record<string, string> = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
  const page = await wireGet(`${base}${path}`, headers);
  const responses = [{ path, response: page }];
  for (const asset of linkedAssets(decoded(page).toString('utf8'))) {
    responses.push({ path: asset, response: await wireGet(new URL(asset, `${base}${path}`).href, headers) });
  }
  const bodyBytes = responses.reduce((sum, { response }) => sum + response.body.byteLength, 0);
  const totalBytes = responses.reduce((sum, { response }) => sum + response.body.byteLength + response.headerBytes, 0);
  return { responses, bodyBytes, totalBytes };
}
