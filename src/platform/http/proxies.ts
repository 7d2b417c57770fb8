/**
 * Which peers may speak for the client. X-Forwarded-For/-Proto/-Host (and
 * Forwarded, X-Real-IP) are believed only from the configured proxies
 * (TRUST_PROXY); from anyone else they are removed before any part of the
 * platform — Fastify's request.ip, the OpenID provider, the audit trail — can
 * read them. Links are built from PUBLIC_URL, never from these headers.
 */
import { BlockList, isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';

const FORWARDING_HEADERS = ['x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-forwarded-prefix', 'forwarded', 'x-real-ip'];

/** A predicate over peer addresses from TRUST_PROXY entries: addresses, CIDR ranges and `loopback`. */
export function proxyTrust(entries: readonly string[]): (address: string | undefined) => boolean {
  if (entries.length === 0) return () => false;
  const trusted = new BlockList();
  for (const entry of entries) {
    if (entry === 'loopback') {
      trusted.addSubnet('127.0.0.0', 8, 'ipv4');
      trusted.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(bits), family);
  }
  return (address) => {
    if (!address) return false;
    // An IPv4 peer on a dual-stack socket shows as ::ffff:a.b.c.d.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
    const plain = mapped ?? address;
    const family = isIP(plain);
    return family !== 0 && trusted.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** Drops the forwarding headers of a request whose peer is not a trusted proxy; runs before every other hook. */
export function installTrustedProxies(app: FastifyInstance, trust: (address: string | undefined) => boolean): void {
  app.addHook('onRequest', async (request) => {
    if (trust(request.raw.socket.remoteAddress)) return;
    for (const name of FORWARDING_HEADERS) delete request.raw.headers[name];
  });
}
