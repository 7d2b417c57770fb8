/**
 * What feedback may keep: free text with personal codes, e-mail addresses and
 * phone numbers masked before storage (Implementing Regulation 2020/1121: the
 * feedback tool is anonymous), the device class instead of the User-Agent, and
 * a network's hash instead of an address.
 */
import { createHash } from 'node:crypto';

export const MASKS = { personalCode: '[personas kods]', email: '[e-pasts]', phone: '[tālrunis]' } as const;

// DDMMYY-NNNNN and 32NNNN-NNNNN, with or without the hyphen (and with a space), not inside a longer number.
const PERSONAL_CODE = /(?<![\d])\d{6}[-\s–]?\d{5}(?![\d])/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// +371 2xxxxxxx, 0037126…, 26 123 456, 67-123-456: seven or more digits with separators, optionally international.
const PHONE = /(?<![\p{L}\p{N}])(?:\+|00)?\d(?:[\s.()-]{0,2}\d){6,14}(?![\p{L}\p{N}])/gu;

/** The text with personal codes, e-mail addresses and phone numbers replaced by a mark. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, MASKS.email).replace(PERSONAL_CODE, MASKS.personalCode).replace(PHONE, MASKS.phone);
}

export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

/** The device class a User-Agent names (desktop when it names none). */
export function deviceClass(userAgent: string | undefined): DeviceClass {
  const ua = userAgent ?? '';
  if (/iPad|Tablet|PlayBook|Silk|Kindle|(Android(?!.*Mobile))/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone|Opera Mini/i.test(ua)) return 'mobile';
  return 'desktop';
}

/**
 * The network an address belongs to (IPv4 /24, IPv6 /48), hashed: a rate
 * limit needs to tell networks apart, never to know them.
 */
export function networkKey(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.(\d+)\.\d+$/i.exec(ip);
  let prefix: string;
  if (v4) prefix = `${v4[1]}.${v4[2]}.${v4[3]}`;
  else {
    const [head = ''] = ip.split('::');
    prefix = head.split(':').slice(0, 3).join(':').toLowerCase();
  }
  return createHash('sha256').update(`participation:${prefix}`).digest('base64url').slice(0, 22);
}
