/**
 * Quiet hours: a daily window in Latvian time (Europe/Riga) during which SMS
 * and push wait. Pure functions; daylight-saving changes are handled by asking
 * Intl for the zone's offset rather than assuming one.
 */

export const QUIET_ZONE = 'Europe/Riga';

export interface QuietHours {
  /** minutes after local midnight, 0–1439 */
  from: number;
  until: number;
}

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "22:00" → 1320; undefined when it is not a time of day. */
export function parseTimeOfDay(text: string): number | undefined {
  const match = HHMM.exec(text.trim());
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** 1320 → "22:00". */
export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: QUIET_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface Local {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

function local(at: Date): Local {
  const parts = Object.fromEntries(partsFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The zone's offset from UTC at `at`, in minutes. */
function offsetAt(at: Date): number {
  const l = local(at);
  const seconds = at.getUTCSeconds();
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, Math.floor(l.minutes / 60), l.minutes % 60, seconds);
  return Math.round((asUtc - at.getTime() + at.getUTCMilliseconds()) / 60_000);
}

/** The instant of a local wall-clock time in Riga (the offset is re-read after the first guess, for DST days). */
function instantOf(year: number, month: number, day: number, minutes: number): Date {
  const wall = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  const guess = new Date(wall - offsetAt(new Date(wall)) * 60_000);
  return new Date(wall - offsetAt(guess) * 60_000);
}

function inWindow(minutes: number, quiet: QuietHours): boolean {
  if (quiet.from === quiet.until) return false;
  return quiet.from < quiet.until ? minutes >= quiet.from && minutes < quiet.until : minutes >= quiet.from || minutes < quiet.until;
}

/**
 * When a message due at `at` may go out: undefined when `at` is outside the
 * quiet hours, else the end of the quiet hours (the same or the next day).
 */
export function quietUntil(at: Date, quiet: QuietHours | null): Date | undefined {
  if (!quiet) return undefined;
  const now = local(at);
  if (!inWindow(now.minutes, quiet)) return undefined;
  // The window ends today when its end is still ahead, otherwise tomorrow.
  const endsToday = now.minutes < quiet.until;
  const base = new Date(Date.UTC(now.year, now.month - 1, now.day + (endsToday ? 0 : 1)));
  return instantOf(base.getUTCFullYear(), base.getUTCMonth() + 1, base.getUTCDate(), quiet.until);
}
