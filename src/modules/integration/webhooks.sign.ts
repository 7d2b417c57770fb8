/**
 * Standard Webhooks signatures (standardwebhooks.com): the secret is
 * `whsec_` + base64 of 24–64 random bytes; a message is signed as HMAC-SHA256
 * over `${webhook-id}.${webhook-timestamp}.${body}` with the decoded secret,
 * sent as `v1,<base64>`; while a rotated-out secret is still valid both
 * signatures go, separated by a space, so a receiver with either verifies.
 * Receivers verify with the official libraries (the tests use `standardwebhooks`).
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

export function newSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three headers of a delivery, signed with every secret that is valid now. */
export function signedHeaders(secrets: string[], id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => sign(secret, id, timestamp, body)).join(' '),
  };
}
