/**
 * Predictability (P12), the arithmetic: when an application is expected to be
 * completed, given the lead time in force when it was submitted and the
 * periods the clock was paused while the institution awaited the applicant.
 *
 * Rules (after the Administrative Procedure Law's way of counting terms):
 * - a term counted in days starts on the day after the submission, in
 *   Europe/Riga local dates, and ends at the end of its last day;
 * - working days skip Saturdays, Sundays and Latvian public holidays
 *   (`date-holidays`, country LV, including substitute days off);
 * - a term in calendar days, months or years whose last day is not a working
 *   day ends on the next working day;
 * - a term in hours or minutes (an automated service) is plain elapsed time;
 * - while awaiting the applicant the clock stands still: days after the day the
 *   request was made, up to and including the day the applicant answered, do
 *   not count. A pause still open counts as if the applicant answered now.
 */
import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import type { Text } from '../catalog/index.js';

export type DayKind = 'working' | 'calendar';

export interface LeadTime {
  /** ISO 8601 duration: P10D, P2W, P1M, PT1H */
  duration: string;
  dayKind: DayKind;
  /** the law or regulation that sets the term */
  legalBasis: Text | null;
}

/** A period the clock stood still (ISO instants); `until` null: still paused. */
export interface Pause {
  from: string;
  until: string | null;
}

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(text: string): Duration | undefined {
  const match = DURATION.exec(text);
  if (!match) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number, number];
  return { years, months, weeks, days, hours, minutes, seconds };
}

export function hasDateParts(duration: Duration): boolean {
  return duration.years + duration.months + duration.weeks + duration.days > 0;
}

/** Working days can count only days and weeks; months and years are calendar terms. */
export function leadTimeProblem(leadTime: Pick<LeadTime, 'duration' | 'dayKind'>): string | undefined {
  const duration = parseDuration(leadTime.duration);
  if (!duration) return 'not an ISO 8601 duration such as P10D';
  if (leadTime.dayKind === 'working' && duration.years + duration.months > 0) return 'a term in months or years is counted in calendar days';
  const days = duration.years * 366 + duration.months * 31 + duration.weeks * 7 + duration.days;
  if (days > 3 * 366) return 'longer than three years';
  return undefined;
}

/** The default when a service says nothing: calendar months, working days otherwise. */
export function defaultDayKind(duration: string): DayKind {
  const parsed = parseDuration(duration);
  return parsed && parsed.years + parsed.months === 0 && hasDateParts(parsed) ? 'working' : 'calendar';
}

const rigaPartsFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Riga',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** Riga's offset from UTC at an instant, in milliseconds (+2 h in winter, +3 h in summer). */
function rigaOffsetUncached(at: Date): number {
  const parts = Object.fromEntries(rigaPartsFormat.formatToParts(at).map((part) => [part.type, part.value]));
  const local = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local - Math.floor(at.getTime() / 1000) * 1000;
}

// Offsets change only on the hour (daylight saving time), so one lookup per UTC hour is exact;
// a batch of status events asks about the same few hours thousands of times.
const offsetByHour = new Map<number, number>();
const HOUR = 3_600_000;

function rigaOffset(at: Date): number {
  const hour = Math.floor(at.getTime() / HOUR);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size > 100_000) offsetByHour.clear();
    offset = rigaOffsetUncached(new Date(hour * HOUR));
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** The local date in Riga of an instant: `YYYY-MM-DD`. */
export function rigaDate(at: Date): string {
  return new Date(at.getTime() + rigaOffset(at)).toISOString().slice(0, 10);
}

/** The last millisecond of a Riga local date, as an instant. */
export function endOfRigaDay(date: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const local = Date.UTC(year, month - 1, day, 23, 59, 59, 999);
  let offset = rigaOffset(new Date(local - 3 * HOUR));
  offset = rigaOffset(new Date(local - offset));
  return new Date(local - offset);
}

/** Calendar arithmetic on `YYYY-MM-DD` dates. */
export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Adds months, keeping the day of month or falling back to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

let latvian: Holidays | undefined;

/**
 * date-holidays holds every country's rules (8.7 MB of JavaScript heap after GC, measured), so it is loaded on
 * the first date that needs a public holiday, not at start: an idle platform does not hold it. Synchronously,
 * as the arithmetic here is synchronous: the first lead time a process works out waits for it once (measured
 * 90–170 ms on a loaded machine with V8's code cache warm).
 */
function latvianHolidays(): Holidays {
  latvian ??= new (createRequire(import.meta.url)('date-holidays') as typeof Holidays)('LV');
  return latvian;
}

const holidaysByYear = new Map<number, Set<string>>();

/** Latvian public holidays (days off) of a year, as `YYYY-MM-DD`. */
export function publicHolidays(year: number): Set<string> {
  let set = holidaysByYear.get(year);
  if (!set) {
    set = new Set(
      latvianHolidays()
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    holidaysByYear.set(year, set);
  }
  return set;
}

export function isWorkingDay(date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(year).has(date);
}

function nextWorkingDay(date: string): string {
  let current = date;
  while (!isWorkingDay(current)) current = addDays(current, 1);
  return current;
}

interface PausedDays {
  /** local dates (after, upTo]: the clock stands still on these */
  after: string;
  upTo: string;
}

function pausedDays(pauses: readonly Pause[], now: Date): PausedDays[] {
  return pauses.map((pause) => ({ after: rigaDate(new Date(pause.from)), upTo: rigaDate(pause.until ? new Date(pause.until) : now) }));
}

function daysBetween(after: string, upTo: string): number {
  return Math.max(0, Math.round((Date.parse(`${upTo}T00:00:00Z`) - Date.parse(`${after}T00:00:00Z`)) / 86_400_000));
}

export interface ExpectedCompletion {
  /** when the application is expected to be completed (for an open pause: if the applicant answered now) */
  at: Date;
  /** the clock stands still: the institution awaits the applicant */
  paused: boolean;
}

/** The last day of a term in days, weeks, months or years, counted from `startDate` with the clock standing still on `stops`. */
function dueDate(startDate: string, duration: Duration, dayKind: DayKind, stops: readonly PausedDays[]): string {
  if (duration.years + duration.months > 0) {
    let date = addMonths(startDate, duration.years * 12 + duration.months);
    date = addDays(date, duration.weeks * 7 + duration.days + stops.reduce((total, stop) => total + daysBetween(stop.after, stop.upTo), 0));
    return nextWorkingDay(date);
  }
  const working = dayKind === 'working';
  const count = duration.weeks * (working ? 5 : 7) + duration.days;
  let date = startDate;
  for (let counted = 0; counted < count; ) {
    date = addDays(date, 1);
    // A pause is stepped over whole: one still open since long ago would otherwise be walked day by day.
    const stop = stops.find((each) => date > each.after && date <= each.upTo);
    if (stop) date = stop.upTo;
    else if (!working || isWorkingDay(date)) counted++;
  }
  return working ? date : nextWorkingDay(date);
}

// Applications submitted on the same day under the same lead time, paused on the same days, share a
// due date (it depends on nothing but those local dates): a batch of thousands, or a queue page read
// again and again, computes it once.
const dueByDays = new Map<string, Date>();

function cachedDue(startDate: string, duration: Duration, leadTime: Pick<LeadTime, 'duration' | 'dayKind'>, stops: readonly PausedDays[]): Date {
  const key = `${startDate}|${leadTime.duration}|${leadTime.dayKind}${stops.map((stop) => `|${stop.after}~${stop.upTo}`).join('')}`;
  let at = dueByDays.get(key);
  if (!at) {
    if (dueByDays.size > 50_000) dueByDays.clear();
    at = endOfRigaDay(dueDate(startDate, duration, leadTime.dayKind, stops));
    dueByDays.set(key, at);
  }
  return at;
}

/** The expected completion of an application submitted at `start` under `leadTime`, given its pauses. */
export function expectedCompletion(start: Date, leadTime: Pick<LeadTime, 'duration' | 'dayKind'>, pauses: readonly Pause[], now: Date): ExpectedCompletion {
  const paused = pauses.some((pause) => pause.until === null);
  const duration = parseDuration(leadTime.duration) ?? { years: 0, months: 1, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };
  if (!hasDateParts(duration)) {
    // An automated service's term: elapsed time, plus the time the clock stood still.
    const stood = pauses.reduce((total, pause) => total + Math.max(0, (pause.until ? Date.parse(pause.until) : now.getTime()) - Date.parse(pause.from)), 0);
    const term = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
    return { at: new Date(start.getTime() + term + stood), paused };
  }
  return { at: new Date(cachedDue(rigaDate(start), duration, leadTime, pausedDays(pauses, now))), paused };
}

/** Overdue: past the expected completion while the institution still has the application in hand. */
export function isOverdue(expected: ExpectedCompletion | null, completed: boolean, final: boolean, now: Date): boolean {
  return expected !== null && !expected.paused && !completed && !final && now.getTime() > expected.at.getTime();
}

/** Seconds as an ISO 8601 duration (days and time), e.g. 183600 → P2DT3H. */
export function secondsToDuration(totalSeconds: number): string {
  let rest = Math.max(0, Math.round(totalSeconds));
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3_600);
  rest -= hours * 3_600;
  const minutes = Math.floor(rest / 60);
  const seconds = rest - minutes * 60;
  const time = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}
