/**
 * The clock of a ticket: response-time targets in Latvian working days,
 * counted as lead times are (the applications module's `expectedCompletion`:
 * from the day after, skipping weekends and public holidays, to the end of the
 * last day in Riga); the resolution clock stands still while the ticket awaits
 * the person.
 */
import { expectedCompletion, type Pause } from '../applications/index.js';
import type { EntryRow, TicketRow } from './support.repo.js';

export interface Targets {
  firstReplyDays: number;
  resolutionDays: number;
}

/** When no institution set its own: two working days to a first reply, ten to resolution. */
export const DEFAULT_TARGETS: Targets = { firstReplyDays: 2, resolutionDays: 10 };

export interface Clock {
  firstReplyDue: string;
  resolutionDue: string;
  /** awaiting the person: the resolution clock stands still */
  paused: boolean;
  overdue: boolean;
  targets: Targets;
}

/** The periods the ticket awaited the person: from an agent's reply to the person's next message (or the closing). */
export function pausesOf(entries: readonly Pick<EntryRow, 'kind' | 'created_at'>[]): Pause[] {
  const pauses: Pause[] = [];
  let open: Pause | undefined;
  for (const entry of entries) {
    if (entry.kind === 'reply' && !open) {
      open = { from: entry.created_at.toISOString(), until: null };
      pauses.push(open);
    } else if ((entry.kind === 'message' || entry.kind === 'closed' || entry.kind === 'reopened') && open) {
      open.until = entry.created_at.toISOString();
      open = undefined;
    }
  }
  return pauses;
}

/** The ticket's targets and when they fall due, now. */
export function clockOf(row: Pick<TicketRow, 'opened_at' | 'first_reply_at' | 'state'>, entries: readonly Pick<EntryRow, 'kind' | 'created_at'>[], targets: Targets, now: Date): Clock | null {
  if (!row.opened_at) return null;
  const firstReplyDue = expectedCompletion(row.opened_at, { duration: `P${targets.firstReplyDays}D`, dayKind: 'working' }, [], now).at;
  const resolutionDue = expectedCompletion(row.opened_at, { duration: `P${targets.resolutionDays}D`, dayKind: 'working' }, pausesOf(entries), now).at;
  const paused = row.state === 'awaiting_person';
  const late = (!row.first_reply_at && now > firstReplyDue) || now > resolutionDue;
  return { firstReplyDue: firstReplyDue.toISOString(), resolutionDue: resolutionDue.toISOString(), paused, overdue: row.state === 'open' && late, targets };
}

