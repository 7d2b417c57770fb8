/** Sending a support file over HTTP, for the pages and the API alike. */
import type { FastifyReply } from 'fastify';
import type { Download } from './files.service.js';

/** A file as a download: its type only when it is a plain media type, never sniffed, never cached. */
export function sendDownload(reply: FastifyReply, file: Download): FastifyReply {
  const type = /^[a-z]+\/[a-z0-9.+-]+$/.test(file.mediaType) ? file.mediaType : 'application/octet-stream';
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .code(200)
    .type(type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(Buffer.from(file.content));
}
