/**
 * A local web push service for tests: an HTTPS server posing as a browser's
 * push endpoint (web-push speaks only https; its certificate is made here by
 * openssl and trusted by this process's global https agent). It holds a
 * subscription's key pair and auth secret as a browser would, and for each
 * push it
 * - checks the VAPID `Authorization: vapid t=<JWT>, k=<key>` header (RFC 8292):
 *   `k` is the platform's public key and the JWT is signed by it (ES256), for
 *   this service's origin (`aud`), not expired, with a contact (`sub`);
 * - decrypts the `aes128gcm` body (RFC 8188 with the keys of RFC 8291) with the
 *   subscription's private key, using nothing but node:crypto.
 */
import assert from 'node:assert/strict';
import { createECDH, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, globalAgent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importJWK, jwtVerify } from 'jose';

export interface ReceivedPush {
  /** the decrypted payload, as text */
  text: string;
  /** the verified JWT's claims */
  claims: { aud: string; sub: string; exp: number };
  headers: Record<string, string | string[] | undefined>;
}

export interface LocalPushService {
  /** what a browser's PushSubscription.toJSON() gives */
  subscription: { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };
  /** pushes received and decrypted, oldest first */
  received: ReceivedPush[];
  /** requests refused, with why */
  refused: string[];
  close(): Promise<void>;
}

const b64url = (bytes: Buffer): string => bytes.toString('base64url');

/** A self-signed certificate for 127.0.0.1, trusted by this process's https requests from now on. */
function trustedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pk-push-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const pair = { key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) };
    globalAgent.options.ca = [pair.cert];
    return pair;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RFC 8291 section 3.4 and RFC 8188 section 2: the payload of one aes128gcm message. */
export function decryptAes128gcm(body: Buffer, receiver: { privateKey: Buffer; publicKey: Buffer; auth: Buffer }): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(receiver.privateKey);
  const shared = ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiver.publicKey, senderKey]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, receiver.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 2, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  assert.equal(padded[end], 2, 'the single record ends with the last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** The platform's VAPID public key (base64url of the uncompressed P-256 point) as a key jose can verify with. */
async function vapidKey(publicKey: string): Promise<CryptoKey | Uint8Array> {
  const point = Buffer.from(publicKey, 'base64url');
  assert.equal(point.length, 65);
  return importJWK({ kty: 'EC', crv: 'P-256', x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33)) }, 'ES256');
}

/** Starts the service; `platformKey` is the VAPID public key the platform publishes. */
export async function startLocalPushService(platformKey: string): Promise<LocalPushService> {
  const ecdh = createECDH('prime256v1');
  const receiver = { publicKey: ecdh.generateKeys(), privateKey: ecdh.getPrivateKey(), auth: randomBytes(16) };
  const key = await vapidKey(platformKey);
  const received: ReceivedPush[] = [];
  const refused: string[] = [];
  const server: Server = createServer(trustedCertificate(), (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void (async () => {
        const authorization = request.headers.authorization ?? '';
        const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(authorization);
        if (!match || match[2] !== platformKey) throw new Error(`no VAPID header with the platform's key: ${authorization.slice(0, 40)}`);
        if (request.headers['content-encoding'] !== 'aes128gcm') throw new Error(`content-encoding ${String(request.headers['content-encoding'])}`);
        const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const { payload } = await jwtVerify(match[1]!, key, { algorithms: ['ES256'], audience: origin });
        if (typeof payload.sub !== 'string' || !/^(mailto:|https?:)/.test(payload.sub) || typeof payload.exp !== 'number') throw new Error('the JWT names no contact or expiry');
        const text = decryptAes128gcm(Buffer.concat(chunks), receiver);
        received.push({ text, claims: { aud: String(payload.aud), sub: payload.sub, exp: payload.exp }, headers: request.headers });
        response.writeHead(201, { location: `${origin}/messages/${received.length}` }).end();
      })().catch((error: unknown) => {
        refused.push(error instanceof Error ? error.message : String(error));
        // 400, not 401/403: the platform would drop the subscription for good; the test reads `refused`.
        response.writeHead(400).end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    subscription: { endpoint: `https://127.0.0.1:${port}/push/${b64url(randomBytes(12))}`, expirationTime: null, keys: { p256dh: b64url(receiver.publicKey), auth: b64url(receiver.auth) } },
    received,
    refused,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
