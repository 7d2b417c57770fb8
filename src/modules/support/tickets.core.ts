/**
 * What the person's side (threads.service.ts) and the agent's side
 * (desk.service.ts) of the support desk share: tickets as read from their rows
 * (with their clocks), threads, the subjects, the events, who may see a
 * ticket, and one change of a ticket in one transaction, which also keeps its
 * next due time for the queue.
 */
import { createHash } from 'node:crypto';
import { inTransaction } from '../../platform/db/database.js';
import type { EventActor } from '../../platform/jobs/outbox.js';
import { parseParty } from '../access/index.js';
import type { Pause } from '../applications/index.js';
import { clockWithPauses, DEFAULT_TARGETS, pausesOf, type Targets } from './support.clock.js';
import { createSupportFiles } from './files.service.js';
import * as errors from './support.errors.js';
import { CLOSED, SUPPORT_SOURCE, TICKET_OPENED, type ClosedData, type TicketOpenedData } from './support.events.js';
import * as repo from './support.repo.js';
import type { Db, QueueRow, TicketRow } from './support.repo.js';
import type { Agent, SupportDeps, Subject, Ticket, TicketWithThread } from './support.types.js';
import { MAX_MESSAGE, REOPEN_DAYS } from './support.types.js';

export const EMAIL = /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
export const DAY_MS = 86_400_000;

/** The network of an address: IPv4 /24, IPv6 /48 (one household or office shares it). */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const parts = ip.toLowerCase().split(':');
  return `${parts.slice(0, 3).join(':')}::/48`;
}

export function cleanMessage(message: string, pointer = '#/message'): string {
  const text = message.replace(/\r\n/g, '\n').trim();
  if (text.length === 0) throw errors.invalid('write your question', pointer);
  if (text.length > MAX_MESSAGE) throw errors.invalid(`at most ${MAX_MESSAGE} characters`, pointer);
  return text;
}

/** The shared pieces of one support service. */
export function createCore(deps: SupportDeps) {
  const { root, now } = deps;
  const files = createSupportFiles(root, deps.files);
  // Every subject, kept for 5 s (an edit on another instance shows within that; this one forgets at once):
  // a queue page read them twice per request.
  let subjectCache: { at: number; all: Subject[]; active: Subject[] } | undefined;

  async function subjectList(all = false): Promise<Subject[]> {
    if (!subjectCache || Date.now() - subjectCache.at >= 5_000) {
      const list = (await repo.subjects(root, true)).map((row) => ({ code: row.code, label: { lv: row.label_lv, en: row.label_en }, active: row.active }));
      subjectCache = { at: Date.now(), all: list, active: list.filter((subject) => subject.active) };
    }
    return all ? subjectCache.all : subjectCache.active;
  }

  async function subjectOf(code: string): Promise<Subject> {
    const found = (await subjectList(true)).find((subject) => subject.code === code);
    return found ?? { code, label: { lv: code, en: code } };
  }

  async function checkSubject(code: string): Promise<string> {
    if (!(await subjectList()).some((subject) => subject.code === code)) throw errors.invalid('choose a subject', '#/subject');
    return code;
  }

  async function targetsFor(queues: (string | null)[]): Promise<Map<string | null, Targets>> {
    const ids = [...new Set(queues.filter((queue): queue is string => queue !== null))];
    const found = await repo.targetsOf(root, ids);
    return new Map(queues.map((queue) => [queue, (queue && found.get(queue)) || DEFAULT_TARGETS]));
  }

  /** Tickets with their clocks (from the pauses kept on their rows); a queue page brings its queues' targets along (else they are read). */
  async function toTickets(rows: QueueRow[], withTargets?: Map<string, Targets>): Promise<Ticket[]> {
    const targets = withTargets ? new Map(rows.map((row) => [row.queue_institution_id, (row.queue_institution_id && withTargets.get(row.queue_institution_id)) || DEFAULT_TARGETS])) : await targetsFor(rows.map((row) => row.queue_institution_id));
    const subjects = await subjectList(true);
    const at = now();
    return rows.map((row) => {
      const subject = subjects.find((s) => s.code === row.subject_code) ?? { code: row.subject_code, label: { lv: row.subject_code, en: row.subject_code } };
      return {
        id: row.id,
        number: Number(row.number),
        queueInstitutionId: row.queue_institution_id,
        subject,
        channel: row.channel,
        serviceId: row.service_id,
        applicationId: row.application_id,
        applicationNumber: row.application_number,
        requester: row.requester,
        requesterKind: row.requester_kind,
        askedBy: row.asked_by,
        visitorName: row.visitor_name,
        visitorEmail: row.visitor_email,
        language: row.language,
        state: row.state,
        assignee: row.assignee,
        createdAt: row.created_at.toISOString(),
        openedAt: row.opened_at?.toISOString() ?? null,
        firstReplyAt: row.first_reply_at?.toISOString() ?? null,
        closedAt: row.closed_at?.toISOString() ?? null,
        clock: clockWithPauses(row, row.pauses, targets.get(row.queue_institution_id) ?? DEFAULT_TARGETS, at),
        reopenable: row.state === 'closed' && row.closed_at !== null && at.getTime() - row.closed_at.getTime() <= REOPEN_DAYS * DAY_MS,
        rating: row.rating,
        ratingComment: row.rating_comment,
      };
    });
  }

  const toTicket = async (row: TicketRow): Promise<Ticket> => (await toTickets([row]))[0] as Ticket;

  async function withThread(row: TicketRow, internal: boolean): Promise<TicketWithThread> {
    const entries = await repo.entriesOf(root, row.id);
    const [ticket] = await toTickets([row]);
    const filesOf = await files.ofEntries(entries.filter((entry) => internal || entry.kind !== 'note').map((entry) => String(entry.id)));
    return {
      ...(ticket as Ticket),
      entries: entries
        .filter((entry) => internal || entry.kind !== 'note')
        .map((entry) => ({
          kind: entry.kind,
          authorKind: entry.author_kind,
          // The person sees that support answered, not which agent.
          author: internal || entry.author_kind !== 'agent' ? entry.author : null,
          body: entry.body,
          fromQueue: entry.from_queue,
          toQueue: entry.to_queue,
          otherTicket: entry.other_ticket === null ? null : Number(entry.other_ticket),
          at: entry.created_at.toISOString(),
          files: filesOf.get(String(entry.id)) ?? [],
        })),
    };
  }

  const openedEvent = (row: TicketRow, actor: EventActor) => ({
    type: TICKET_OPENED,
    source: SUPPORT_SOURCE,
    subject: row.id,
    actor,
    data: {
      ticketId: row.id,
      number: Number(row.number),
      queueInstitutionId: row.queue_institution_id,
      subject: row.subject_code,
      channel: row.channel,
      serviceId: row.service_id,
      applicationId: row.application_id,
    } satisfies TicketOpenedData,
  });

  const closedEvent = (row: TicketRow, by: 'person' | 'agent', actor: EventActor) => ({
    type: CLOSED,
    source: SUPPORT_SOURCE,
    subject: row.id,
    actor,
    data: { ticketId: row.id, number: Number(row.number), queueInstitutionId: row.queue_institution_id, by } satisfies ClosedData,
  });

  /**
   * Keeps the ticket's clock on its row: its pauses (migration 005), and
   * while open its next due time (migration 003), as its clock counts it: the
   * first-reply target while unanswered (or the resolution target when
   * earlier), then the resolution target; so the queue finds the overdue ones
   * in SQL and works out its clocks without the threads. Called in the
   * transaction of every change.
   */
  async function refreshDue(db: Db, row: TicketRow): Promise<TicketRow> {
    if (row.state === 'unconfirmed') return row;
    const pauses = pausesOf(await repo.entriesOf(db, row.id));
    let due = row.due_at;
    if (row.state === 'open' || row.state === 'awaiting_person') {
      const queue = row.queue_institution_id;
      const targets = (queue ? (await repo.targetsOf(db, [queue])).get(queue) : undefined) ?? DEFAULT_TARGETS;
      due = nextDue(row, pauses, targets) ?? due;
    }
    if (due?.getTime() === row.due_at?.getTime() && samePauses(pauses, row.pauses)) return row;
    return repo.keepClock(db, row.id, due, pauses);
  }

  /** An open ticket's next due time by `targets`: the first-reply target while unanswered (or the resolution target when earlier), then the resolution target. */
  function nextDue(row: Pick<TicketRow, 'opened_at' | 'first_reply_at' | 'state'>, pauses: Pause[], targets: Targets): Date | undefined {
    const clock = clockWithPauses(row, pauses, targets, now());
    return clock ? new Date(row.first_reply_at || clock.resolutionDue < clock.firstReplyDue ? clock.resolutionDue : clock.firstReplyDue) : undefined;
  }

  /**
   * The open tickets of an institution's queue fall due by its new targets, in the caller's transaction: read and
   * locked at once, their clocks from the pauses kept on their rows (their threads did not change), and the due
   * times that moved written in one statement. Ticket by ticket, with each thread read, a queue of 5,400 took 4 s.
   */
  async function refreshQueueDues(db: Db, institutionId: string, targets: Targets): Promise<void> {
    const moved: { id: string; due: Date }[] = [];
    for (const row of await repo.openTicketsOf(db, institutionId)) {
      const due = nextDue(row, row.pauses, targets);
      if (due && due.getTime() !== row.due_at?.getTime()) moved.push({ id: row.id, due });
    }
    await repo.keepDues(db, moved);
  }

  const queueCounts = keptQueueCounts();

  /**
   * `work` in a transaction that writes tickets: once it has ended (committed or not), the queues' kept counts
   * are forgotten. Every write of a ticket goes through here, so this instance never shows a count from before
   * its own change.
   */
  async function writeTickets<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(root, work);
    } finally {
      queueCounts.changed();
    }
  }

  /** Runs `change` on the locked ticket in one transaction with its entries and events. */
  async function change(row: TicketRow, work: (trx: Db, locked: TicketRow) => Promise<TicketRow>): Promise<Ticket> {
    const changed = await writeTickets(async (trx) => {
      const locked = await repo.findTicketForUpdate(trx, row.id);
      if (!locked) throw errors.ticketNotFound();
      return refreshDue(trx, await work(trx, locked));
    });
    return toTicket(changed);
  }

  // Tickets from before due times were kept get them once, when a queue is first read.
  let duesKnown = false;
  async function fillMissingDues(): Promise<void> {
    if (duesKnown) return;
    for (let rows = await repo.ticketsWithoutDue(root, 500); rows.length > 0; rows = await repo.ticketsWithoutDue(root, 500)) {
      await writeTickets(async (trx) => {
        for (const row of rows) await refreshDue(trx, row);
      });
      if (rows.length < 500) break;
    }
    duesKnown = true;
  }

  // ---- the person's side ----

  /** A person's code or a company's number as stored: the canonical form (DDMMYY-NNNNN), whatever was given. */
  const partyKey = (party: string): string => parseParty(party)?.id ?? party;

  async function personsTicket(party: string, number: number): Promise<TicketRow> {
    const row = await repo.findTicket(root, number);
    if (!row || row.requester !== partyKey(party) || row.state === 'unconfirmed') throw errors.ticketNotFound();
    return row;
  }

  // ---- the agent's side ----

  const seesQueue = (agent: Agent, queue: string | null): boolean => (queue === null ? agent.firstLine : agent.institutions.includes(queue));

  async function agentsTicket(agent: Agent, number: number): Promise<TicketRow> {
    const row = await repo.findTicket(root, number);
    if (!row || row.state === 'unconfirmed' || !seesQueue(agent, row.queue_institution_id)) throw errors.ticketNotFound();
    return row;
  }

  const agentActor = (agent: Agent): EventActor => ({ kind: 'person', id: agent.personalCode });

  return {
    root,
    now,
    deps,
    files,
    subjectList,
    /** a subject was saved: the next read asks the database */
    forgetSubjects: (): void => {
      subjectCache = undefined;
    },
    subjectOf,
    checkSubject,
    targetsFor,
    toTickets,
    toTicket,
    withThread,
    openedEvent,
    closedEvent,
    refreshDue,
    refreshQueueDues,
    writeTickets,
    queueCounts,
    change,
    fillMissingDues,
    partyKey,
    personsTicket,
    seesQueue,
    agentsTicket,
    agentActor,
  };
}

export type Core = ReturnType<typeof createCore>;

function samePauses(a: readonly Pause[], b: readonly Pause[]): boolean {
  return a.length === b.length && a.every((pause, i) => pause.from === b[i]?.from && pause.until === b[i]?.until);
}

/** How long a queue's count is kept when nothing on this instance wrote a ticket meanwhile (another instance's writes show within this). */
export const QUEUE_COUNT_MAX_AGE_MS = 5_000;
/** counts kept at most (one per queue, filter, subject and search asked for): emptied whole beyond */
const QUEUE_COUNTS_KEPT = 1_000;

/**
 * How many tickets each queue's filter holds, kept for a few seconds. Counting every open ticket of a large queue
 * (5,400 in the bench's PMLP) was about half of the database's work for a queue page, and every agent of an
 * institution asks for the same few counts again and again; the page's tickets are still read afresh each time.
 * A count is kept only when no write of a ticket ended on this instance while it was worked out, and is forgotten
 * at every such write, so the agent who changed a ticket sees the count change at once; other instances' writes
 * and tickets falling overdue show within QUEUE_COUNT_MAX_AGE_MS.
 */
export function keptQueueCounts(now = () => Date.now()) {
  const kept = new Map<string, { total: number; at: number }>();
  let generation = 0;
  return {
    /** the kept count of `key`, if it is fresh */
    get(key: string): number | undefined {
      const found = kept.get(key);
      if (!found) return undefined;
      if (now() - found.at < QUEUE_COUNT_MAX_AGE_MS) return found.total;
      kept.delete(key);
      return undefined;
    },
    /** what a count worked out from now on must be kept with (see keep) */
    since: (): number => generation,
    /** keeps `total`, worked out after `since()` said `from`, unless a write ended since */
    keep(key: string, total: number, from: number): void {
      if (from !== generation) return;
      if (kept.size >= QUEUE_COUNTS_KEPT) kept.clear();
      kept.set(key, { total, at: now() });
    },
    /** a write of tickets ended: every count is forgotten */
    changed(): void {
      generation += 1;
      kept.clear();
    },
  };
}
