/**
 * Support statistics per institution and month (P13; the Single Digital
 * Gateway's reporting of assistance requests): requests by channel and
 * subject, first-reply and resolution times (median), the share within the
 * institution's targets, the tickets overdue now, and satisfaction (the mean
 * of people's ratings of the answers). Published as open data,
 * so every count from 1 to 4, and every figure drawn from fewer than 5
 * tickets, is suppressed (null): a small count could point at a person.
 *
 * A month is counted in UTC by when the ticket reached its queue; a ticket is
 * counted in the queue it is in now.
 */
import { clockWithPauses, DEFAULT_TARGETS, type Targets } from './support.clock.js';
import * as repo from './support.repo.js';
import type { Db, StatisticsRow } from './support.repo.js';

export const SUPPRESS_BELOW = 5;
export const CHANNELS = ['portal', 'workspace', 'api'] as const;

export interface QueueStatistics {
  /** null: first-line platform support */
  institutionId: string | null;
  requests: number | null;
  byChannel: Record<string, number | null>;
  bySubject: Record<string, number | null>;
  firstReplyMedianHours: number | null;
  resolutionMedianHours: number | null;
  /** share (0–1) of answered tickets whose first reply came within the target */
  firstReplyWithinTarget: number | null;
  /** share (0–1) of closed tickets resolved within the target (the clock paused while awaiting the person) */
  resolutionWithinTarget: number | null;
  /** open tickets of the month that are overdue now */
  overdue: number | null;
  /** ratings of answers given, and their mean (1–5) */
  ratings: number | null;
  satisfaction: number | null;
}

export interface Statistics {
  month: string;
  suppressedBelow: number;
  queues: QueueStatistics[];
}

const count = (n: number): number | null => (n > 0 && n < SUPPRESS_BELOW ? null : n);
const share = (hits: number, of: number): number | null => (of < SUPPRESS_BELOW ? null : Math.round((hits / of) * 1000) / 1000);

function median(values: number[]): number | null {
  if (values.length < SUPPRESS_BELOW) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}

const HOUR = 3_600_000;

export function monthRange(month: string): { from: Date; to: Date } | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!match) return undefined;
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  return { from: new Date(Date.UTC(year, index, 1)), to: new Date(Date.UTC(year, index + 1, 1)) };
}

export async function statisticsOf(root: Db, month: string, subjects: string[], now: Date): Promise<Statistics> {
  const range = monthRange(month);
  if (!range) return { month, suppressedBelow: SUPPRESS_BELOW, queues: [] };
  const rows = await repo.ticketsOpenedBetween(root, range.from, range.to);
  const byQueue = new Map<string | null, StatisticsRow[]>();
  for (const row of rows) {
    const queue = byQueue.get(row.queue_institution_id);
    if (queue) queue.push(row);
    else byQueue.set(row.queue_institution_id, [row]);
  }
  const targets = await repo.targetsOf(root, [...byQueue.keys()].filter((queue): queue is string => queue !== null));
  return {
    month,
    suppressedBelow: SUPPRESS_BELOW,
    queues: [...byQueue]
      .map(([queue, mine]): QueueStatistics => {
        const target: Targets = (queue && targets.get(queue)) || DEFAULT_TARGETS;
        // Each ticket's clock from the pauses kept on its row (migration 005), as the queue's: its thread is not read.
        const clockAt = (row: StatisticsRow, at: Date) => clockWithPauses(row, row.pauses, target, at);
        const replied = mine.filter((row) => row.first_reply_at && row.opened_at);
        const closed = mine.filter((row) => row.closed_at && row.opened_at);
        const firstReplyHits = replied.filter((row) => {
          const clock = clockAt(row, row.first_reply_at as Date);
          return clock !== null && (row.first_reply_at as Date).getTime() <= Date.parse(clock.firstReplyDue);
        }).length;
        const resolutionHits = closed.filter((row) => {
          const clock = clockAt(row, row.closed_at as Date);
          return clock !== null && (row.closed_at as Date).getTime() <= Date.parse(clock.resolutionDue);
        }).length;
        const rated = mine.map((row) => row.rating).filter((value): value is number => value !== null);
        const overdue = mine.filter((row) => row.state === 'open' && clockAt(row, now)?.overdue).length;
        const tally = (key: 'channel' | 'subject_code'): Map<string, number> => {
          const counts = new Map<string, number>();
          for (const row of mine) counts.set(row[key], (counts.get(row[key]) ?? 0) + 1);
          return counts;
        };
        const channels = tally('channel');
        const bySubject = tally('subject_code');
        return {
          institutionId: queue,
          requests: count(mine.length),
          byChannel: Object.fromEntries(CHANNELS.map((channel) => [channel, count(channels.get(channel) ?? 0)])),
          bySubject: Object.fromEntries(subjects.map((subject) => [subject, count(bySubject.get(subject) ?? 0)])),
          firstReplyMedianHours: median(replied.map((row) => ((row.first_reply_at as Date).getTime() - (row.opened_at as Date).getTime()) / HOUR)),
          resolutionMedianHours: median(closed.map((row) => ((row.closed_at as Date).getTime() - (row.opened_at as Date).getTime()) / HOUR)),
          firstReplyWithinTarget: share(firstReplyHits, replied.length),
          resolutionWithinTarget: share(resolutionHits, closed.length),
          overdue: count(overdue),
          ratings: count(rated.length),
          satisfaction: rated.length < SUPPRESS_BELOW ? null : Math.round((rated.reduce((sum, value) => sum + value, 0) / rated.length) * 100) / 100,
        };
      })
      .sort((a, b) => (a.institutionId ?? '').localeCompare(b.institutionId ?? '')),
  };
}

const cell = (value: number | string | null): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The statistics as CSV (RFC 4180): one row per queue; a suppressed figure is an empty cell. */
export function statisticsCsv(statistics: Statistics, subjects: string[], institutionCode: (id: string | null) => string): string {
  const header = [
    'month',
    'institution',
    'requests',
    ...CHANNELS.map((channel) => `channel_${channel}`),
    ...subjects.map((subject) => `subject_${subject}`),
    'first_reply_median_hours',
    'resolution_median_hours',
    'first_reply_within_target',
    'resolution_within_target',
    'overdue',
    'ratings',
    'satisfaction',
  ];
  const lines = statistics.queues.map((queue) =>
    [
      statistics.month,
      institutionCode(queue.institutionId),
      queue.requests,
      ...CHANNELS.map((channel) => queue.byChannel[channel] ?? null),
      ...subjects.map((subject) => queue.bySubject[subject] ?? null),
      queue.firstReplyMedianHours,
      queue.resolutionMedianHours,
      queue.firstReplyWithinTarget,
      queue.resolutionWithinTarget,
      queue.overdue,
      queue.ratings,
      queue.satisfaction,
    ]
      .map(cell)
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
