/**
 * The rules of the support desk (P13).
 *
 * Routing: a question about a service, or about an application of a service,
 * goes to the queue of the institution that provides it; a general one to
 * first-line platform support (queue null), which may transfer it to an
 * institution. The thread stays one; the transfer is an entry in it that the
 * person sees.
 *
 * Who sees a ticket: the party it belongs to (the person, or the company or
 * person they act for), and the support agents of its queue's institution (or,
 * in the first line, platform-wide agents). Anyone else is told it does not
 * exist. Internal notes never reach the person.
 *
 * Response-time targets: each institution's first reply and resolution, in
 * Latvian working days counted as lead times are (the applications module's
 * `expectedCompletion`); the resolution clock stands still while the ticket
 * awaits the person (from an agent's reply to the person's answer).
 *
 * A visitor (signed out) gives a name and an e-mail address; the question
 * waits, unconfirmed, until the link sent there is followed, and only then
 * reaches a queue. Requests are limited per address and per network.
 */
import { createHash, randomBytes } from 'node:crypto';
import { inTransaction } from '../../platform/db/database.js';
import type { Principal } from '../../platform/http/auth.js';
import { publish, type EventActor } from '../../platform/jobs/outbox.js';
import { clockOf, DEFAULT_TARGETS, type Clock, type Targets } from './support.clock.js';
import { statisticsOf, type Statistics } from './statistics.service.js';
import { createAnswers, type AnswersService } from './answers.service.js';
import { parseParty } from '../access/index.js';
import * as errors from './support.errors.js';
import { CLOSED, REPLIED, SUPPORT_SOURCE, TICKET_OPENED, type ClosedData, type RepliedData, type TicketOpenedData } from './support.events.js';
import * as repo from './support.repo.js';
import type { Channel, Db, EntryKind, EntryRow, TicketRow, TicketState } from './support.repo.js';
import { isUuid } from '../../platform/db/ids.js';
import type { FileStore } from '../applications/index.js';
import { createSupportFiles, type Download, type EntryFile, type Upload } from './files.service.js';

export { clockOf, pausesOf, DEFAULT_TARGETS, type Clock, type Targets } from './support.clock.js';
export { fillCanned, type CannedAnswer, type Faq } from './answers.service.js';
export { MAX_FILES, type Download, type EntryFile, type Upload } from './files.service.js';
export type Text = { lv: string; en: string };
export type Language = 'lv' | 'en';

export interface Subject {
  code: string;
  label: Text;
  /** offered to people asking (a retired subject still names its old tickets) */
  active?: boolean;
}

export const REOPEN_DAYS = 14;
export const MAX_MESSAGE = 5000;
/** visitors' questions per hour: per e-mail address, per network */
export const VISITOR_LIMITS = { perEmail: 3, perNetwork: 20 };
const CONFIRM_HOURS = 48;

export interface Entry {
  kind: EntryKind;
  authorKind: 'person' | 'agent' | 'visitor';
  author: string | null;
  body: string | null;
  fromQueue: string | null;
  toQueue: string | null;
  /** merged: the ticket it was merged into, or from */
  otherTicket: number | null;
  at: string;
  /** files on a message or reply */
  files: EntryFile[];
}

export interface Ticket {
  id: string;
  number: number;
  queueInstitutionId: string | null;
  subject: Subject;
  channel: Channel;
  serviceId: string | null;
  applicationId: string | null;
  applicationNumber: string | null;
  requester: string | null;
  requesterKind: 'person' | 'company' | 'visitor';
  askedBy: string | null;
  visitorName: string | null;
  visitorEmail: string | null;
  language: Language;
  state: TicketState;
  assignee: string | null;
  createdAt: string;
  openedAt: string | null;
  firstReplyAt: string | null;
  closedAt: string | null;
  clock: Clock | null;
  /** may the person reopen it now */
  reopenable: boolean;
  /** the person's rating of the answer (1–5), once closed */
  rating: number | null;
  ratingComment: string | null;
}

export interface TicketWithThread extends Ticket {
  entries: Entry[];
}

/** A support agent: the institutions where they hold the role, and whether they are first-line (platform-wide) support. */
export interface Agent {
  personalCode: string;
  institutions: string[];
  firstLine: boolean;
}

export type QueueFilter = 'all' | 'mine' | 'unassigned' | 'overdue';
export interface QueueOptions {
  subject?: string;
  q?: string;
  /** at most 200 */
  limit?: number;
  offset?: number;
}

/** What a question is about: a service, an application (by id or number), or nothing (a general question). */
export interface About {
  serviceId?: string | undefined;
  application?: string | undefined;
}

export interface PersonQuestion {
  /** the signed-in person asking (their personal code) */
  askedBy: string;
  /** the same person as signed in: an application is looked up as they may see it */
  principal: Principal;
  /** whom they act for: themselves, or a company or person (the right was checked by the caller) */
  requester: string;
  requesterKind: 'person' | 'company';
  subject: string;
  message: string;
  about: About;
  channel: Channel;
  language: Language;
  /** optional files, checked as application attachments are */
  files?: Upload[];
}

export interface VisitorQuestion {
  name: string;
  email: string;
  subject: string;
  message: string;
  serviceId?: string | undefined;
  language: Language;
  /** the visitor's address, for the per-network limit */
  ip: string;
  files?: Upload[];
}

/** Mails a visitor (who has no workspace inbox): the link that confirms their address, and support's replies (the notifications core's confirmation sender). */
export interface VisitorMailer {
  send(message: { to: string; name: string; language: Language; link: string; number: number }): Promise<void>;
  sendReply(message: { to: string; name: string; language: Language; link: string; number: number; body: string }): Promise<void>;
}

/** What support needs of other modules, handed in by index.ts. */
export interface SupportDeps {
  root: Db;
  /** the institution that provides a service; undefined for an unknown service */
  serviceInstitution(serviceId: string): Promise<string | undefined>;
  /** hands a service's FAQ text to the catalog's search (optional: without it FAQ are not searched) */
  faqSearchText?(serviceId: string, text: Text): Promise<void>;
  /** whether an institution of that id exists (a transfer's destination) */
  institutionExists(institutionId: string): Promise<boolean>;
  /** an application as the person (acting for `party`) may see it; undefined when they may not */
  application(principal: Principal, ref: string): Promise<{ id: string; number: string; serviceId: string; institutionId: string } | undefined>;
  mailer: VisitorMailer;
  /** where files' bytes live (the platform's file store) */
  files: FileStore;
  audit(entry: { actor: string; onBehalfOf?: string | null; action: string; target: string; details?: Record<string, unknown> }): Promise<void>;
  publicUrl: string;
  now(): Date;
}

export interface SupportService extends AnswersService {
  subjects(): Promise<Subject[]>;
  /** every subject, retired ones too (platform administrators edit the taxonomy) */
  allSubjects(): Promise<Subject[]>;
  /** adds a subject, or changes the labels and whether it is offered */
  saveSubject(subject: { code: string; label: Text; active: boolean }): Promise<void>;
  targets(institutionId: string | null): Promise<Targets>;
  setTargets(institutionId: string, targets: Targets): Promise<void>;

  ask(question: PersonQuestion): Promise<Ticket>;
  askAsVisitor(question: VisitorQuestion): Promise<{ number: number }>;
  /** the ticket a confirmation token would open, without opening it */
  peekConfirmation(token: string): Promise<{ number: number; email: string }>;
  confirmVisitor(token: string): Promise<Ticket>;

  /** the party's questions, newest first */
  ticketsOf(party: string): Promise<Ticket[]>;
  /** one question of the party, its thread without internal notes */
  ticketOf(party: string, number: number, reader: string): Promise<TicketWithThread>;
  answer(party: string, personalCode: string, number: number, message: string, files?: Upload[]): Promise<Ticket>;
  /** a file of the party's question (not of an internal note), for the person reading it (audited) */
  fileOf(party: string, number: number, fileId: string, reader: string): Promise<Download>;
  closeByPerson(party: string, personalCode: string, number: number): Promise<Ticket>;
  reopen(party: string, personalCode: string, number: number): Promise<Ticket>;
  /** the person rates the answer of a closed question, once */
  rate(party: string, number: number, rating: number, comment: string): Promise<Ticket>;

  /** the agent's queues: open tickets, overdue first; with `q`, a search (number, application, personal code, a visitor's name or e-mail) over closed ones too; the first `limit` (default 100) */
  queue(agent: Agent, filter: QueueFilter, options?: QueueOptions): Promise<Ticket[]>;
  /** one page of the agent's queues, as `queue`, and how many tickets all its pages hold */
  queuePage(agent: Agent, filter: QueueFilter, options?: QueueOptions): Promise<{ tickets: Ticket[]; total: number }>;
  /** one ticket for an agent of its queue (audited); not found for any other agent */
  ticketForAgent(agent: Agent, number: number): Promise<TicketWithThread>;
  assignToMe(agent: Agent, number: number): Promise<Ticket>;
  reply(agent: Agent, number: number, message: string, files?: Upload[]): Promise<Ticket>;
  /** a file of a ticket in the agent's queues (audited) */
  fileForAgent(agent: Agent, number: number, fileId: string): Promise<Download>;
  note(agent: Agent, number: number, message: string): Promise<Ticket>;
  transfer(agent: Agent, number: number, institutionId: string, note: string): Promise<Ticket>;
  closeByAgent(agent: Agent, number: number): Promise<Ticket>;
  reopenByAgent(agent: Agent, number: number): Promise<Ticket>;
  /** merges a duplicate into another question of the same person in the agent's queues: the thread moves, the duplicate closes */
  merge(agent: Agent, duplicate: number, into: number): Promise<Ticket>;

  /** per institution (queue) and month `YYYY-MM`, small counts suppressed */
  statistics(month: string): Promise<Statistics>;
}

const EMAIL = /^[^\s@<>()",;:]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const DAY_MS = 86_400_000;

/** The network of an address: IPv4 /24, IPv6 /48 (one household or office shares it). */
export function networkOf(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/.exec(ip);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  const parts = ip.toLowerCase().split(':');
  return `${parts.slice(0, 3).join(':')}::/48`;
}

function cleanMessage(message: string, pointer = '#/message'): string {
  const text = message.replace(/\r\n/g, '\n').trim();
  if (text.length === 0) throw errors.invalid('write your question', pointer);
  if (text.length > MAX_MESSAGE) throw errors.invalid(`at most ${MAX_MESSAGE} characters`, pointer);
  return text;
}

export function createSupportService(deps: SupportDeps): SupportService {
  const { root, now } = deps;
  const files = createSupportFiles(root, deps.files);
  let subjectCache: { at: number; list: Subject[] } | undefined;

  async function subjectList(all = false): Promise<Subject[]> {
    if (!all && subjectCache && Date.now() - subjectCache.at < 5_000) return subjectCache.list;
    const list = (await repo.subjects(root, all)).map((row) => ({ code: row.code, label: { lv: row.label_lv, en: row.label_en }, active: row.active }));
    if (!all) subjectCache = { at: Date.now(), list };
    return list;
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

  async function toTickets(rows: TicketRow[], withEntries?: Map<string, EntryRow[]>): Promise<Ticket[]> {
    const entries = withEntries ?? groupEntries(await repo.entriesOfMany(root, rows.map((row) => row.id)));
    const targets = await targetsFor(rows.map((row) => row.queue_institution_id));
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
        clock: clockOf(row, entries.get(row.id) ?? [], targets.get(row.queue_institution_id) ?? DEFAULT_TARGETS, at),
        reopenable: row.state === 'closed' && row.closed_at !== null && at.getTime() - row.closed_at.getTime() <= REOPEN_DAYS * DAY_MS,
        rating: row.rating,
        ratingComment: row.rating_comment,
      };
    });
  }

  const toTicket = async (row: TicketRow): Promise<Ticket> => (await toTickets([row]))[0] as Ticket;

  async function withThread(row: TicketRow, internal: boolean): Promise<TicketWithThread> {
    const entries = await repo.entriesOf(root, row.id);
    const [ticket] = await toTickets([row], new Map([[row.id, entries]]));
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
   * Keeps the ticket's next due time on its row (migration 003), as its clock
   * counts it: the first-reply target while unanswered (or the resolution
   * target when earlier), then the resolution target; so the queue finds the
   * overdue ones in SQL. Called in the transaction of every change.
   */
  async function refreshDue(db: Db, row: TicketRow): Promise<TicketRow> {
    if (row.state !== 'open' && row.state !== 'awaiting_person') return row;
    const entries = await repo.entriesOf(db, row.id);
    const queue = row.queue_institution_id;
    const targets = (queue ? (await repo.targetsOf(db, [queue])).get(queue) : undefined) ?? DEFAULT_TARGETS;
    const clock = clockOf(row, entries, targets, now());
    if (!clock) return row;
    const due = row.first_reply_at || clock.resolutionDue < clock.firstReplyDue ? clock.resolutionDue : clock.firstReplyDue;
    if (row.due_at?.toISOString() === due) return row;
    return repo.updateTicket(db, row.id, { due_at: new Date(due) });
  }

  /** Runs `change` on the locked ticket in one transaction with its entries and events. */
  async function change(row: TicketRow, work: (trx: Db, locked: TicketRow) => Promise<TicketRow>): Promise<Ticket> {
    const changed = await inTransaction(root, async (trx) => {
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
      await inTransaction(root, async (trx) => {
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

  async function queuePage(agent: Agent, filter: QueueFilter, options: QueueOptions = {}): Promise<{ tickets: Ticket[]; total: number }> {
    await fillMissingDues();
    const q = (options.q ?? '').trim().slice(0, 100);
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 100), 1), 200);
    const offset = Math.max(Math.trunc(options.offset ?? 0), 0);
    const page = await repo.queuePage(root, {
      queues: { institutions: agent.institutions, firstLine: agent.firstLine },
      filter,
      agent: agent.personalCode,
      subject: options.subject,
      q: q ? (parseParty(q)?.id ?? q) : undefined,
      now: now(),
      limit,
      offset,
    });
    return { tickets: await toTickets(page.rows), total: page.total };
  }

  const agentActor = (agent: Agent): EventActor => ({ kind: 'person', id: agent.personalCode });

  return {
    ...createAnswers({ root, serviceInstitution: deps.serviceInstitution, seesQueue, ...(deps.faqSearchText ? { faqSearchText: deps.faqSearchText } : {}) }),
    subjects: () => subjectList(),
    allSubjects: () => subjectList(true),

    async saveSubject(subject) {
      if (!/^[a-z][a-z0-9-]{0,39}$/.test(subject.code)) throw errors.invalid('lowercase letters, digits and hyphens, starting with a letter', '#/code');
      const lv = subject.label.lv.trim();
      const en = subject.label.en.trim();
      if (!lv || lv.length > 120) throw errors.invalid('a label of up to 120 characters', '#/label/lv');
      if (!en || en.length > 120) throw errors.invalid('a label of up to 120 characters', '#/label/en');
      await repo.saveSubject(root, { code: subject.code, label_lv: lv, label_en: en, active: subject.active });
      subjectCache = undefined;
    },

    async targets(institutionId) {
      return (await targetsFor([institutionId])).get(institutionId) ?? DEFAULT_TARGETS;
    },

    async setTargets(institutionId, targets) {
      if (!isUuid(institutionId)) throw errors.invalid('not an institution', '#/institution');
      if (!Number.isInteger(targets.firstReplyDays) || targets.firstReplyDays < 1 || targets.firstReplyDays > 60) throw errors.invalid('1 to 60 working days', '#/firstReplyDays');
      if (!Number.isInteger(targets.resolutionDays) || targets.resolutionDays < targets.firstReplyDays || targets.resolutionDays > 120)
        throw errors.invalid('from the first-reply target to 120 working days', '#/resolutionDays');
      await inTransaction(root, async (trx) => {
        await repo.saveTargets(trx, institutionId, targets.firstReplyDays, targets.resolutionDays);
        // The queue's open tickets fall due by the new targets.
        for (const row of await repo.openTicketsOf(trx, institutionId)) await refreshDue(trx, row);
      });
    },

    async ask(question) {
      const subject = await checkSubject(question.subject);
      const message = cleanMessage(question.message);
      let serviceId: string | null = null;
      let queue: string | null = null;
      let application: { id: string; number: string } | null = null;
      if (question.about.application) {
        const found = await deps.application(question.principal, question.about.application);
        if (!found) throw errors.unknownApplication();
        application = found;
        serviceId = found.serviceId;
        queue = found.institutionId;
      } else if (question.about.serviceId) {
        queue = isUuid(question.about.serviceId) ? ((await deps.serviceInstitution(question.about.serviceId)) ?? null) : null;
        if (!queue) throw errors.unknownService();
        serviceId = question.about.serviceId;
      }
      const prepared = await files.prepare(question.files);
      const at = now();
      const row = await inTransaction(root, async (trx) => {
        const inserted = await repo.insertTicket(trx, {
          queue_institution_id: queue,
          subject_code: subject,
          channel: question.channel,
          service_id: serviceId,
          application_id: application?.id ?? null,
          application_number: application?.number ?? null,
          requester: partyKey(question.requester),
          requester_kind: question.requesterKind,
          asked_by: partyKey(question.askedBy),
          visitor_name: null,
          visitor_email: null,
          language: question.language,
          state: 'open',
          assignee: null,
          created_at: at,
          opened_at: at,
          first_reply_at: null,
          closed_at: null,
          confirm_hash: null,
          confirm_expires_at: null,
          network: null,
          rating: null,
          rating_comment: null,
          rated_at: null,
        });
        const entryId = await repo.addEntry(trx, { ticket_id: inserted.id, kind: 'message', author_kind: 'person', author: question.askedBy, body: message, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        await publish(trx, openedEvent(inserted, { kind: 'person', id: question.askedBy }));
        return refreshDue(trx, inserted);
      });
      return toTicket(row);
    },

    async askAsVisitor(question) {
      const name = question.name.trim();
      const email = question.email.trim();
      if (name.length === 0 || name.length > 200) throw errors.invalid('write your name', '#/name');
      if (!EMAIL.test(email) || email.length > 254) throw errors.invalid('an e-mail address like name@example.com', '#/email');
      const subject = await checkSubject(question.subject);
      const message = cleanMessage(question.message);
      let queue: string | null = null;
      if (question.serviceId) {
        queue = isUuid(question.serviceId) ? ((await deps.serviceInstitution(question.serviceId)) ?? null) : null;
        if (!queue) throw errors.unknownService();
      }
      const at = now();
      const network = networkOf(question.ip);
      const counts = await repo.visitorCounts(root, email, network, new Date(at.getTime() - 3_600_000));
      if (counts.byEmail >= VISITOR_LIMITS.perEmail || counts.byNetwork >= VISITOR_LIMITS.perNetwork) throw errors.rateLimited();
      const prepared = await files.prepare(question.files);
      const token = randomBytes(32).toString('base64url');
      const row = await inTransaction(root, async (trx) => {
        const inserted = await repo.insertTicket(trx, {
          queue_institution_id: queue,
          subject_code: subject,
          channel: 'portal',
          service_id: question.serviceId ?? null,
          application_id: null,
          application_number: null,
          requester: null,
          requester_kind: 'visitor',
          asked_by: null,
          visitor_name: name,
          visitor_email: email,
          language: question.language,
          state: 'unconfirmed',
          assignee: null,
          created_at: at,
          opened_at: null,
          first_reply_at: null,
          closed_at: null,
          confirm_hash: sha256(token),
          confirm_expires_at: new Date(at.getTime() + CONFIRM_HOURS * 3_600_000),
          network,
          rating: null,
          rating_comment: null,
          rated_at: null,
        });
        const entryId = await repo.addEntry(trx, { ticket_id: inserted.id, kind: 'message', author_kind: 'visitor', author: null, body: message, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        return inserted;
      });
      const path = `${question.language === 'en' ? '/en' : ''}/support/confirm?token=${token}`;
      await deps.mailer.send({ to: email, name, language: question.language, link: `${deps.publicUrl}${path}`, number: Number(row.number) });
      return { number: Number(row.number) };
    },

    async peekConfirmation(token) {
      if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw errors.confirmationInvalid();
      const row = await repo.findByConfirmation(root, sha256(token));
      if (!row || row.state !== 'unconfirmed' || !row.confirm_expires_at || row.confirm_expires_at <= now()) throw errors.confirmationInvalid();
      return { number: Number(row.number), email: row.visitor_email ?? '' };
    },

    async confirmVisitor(token) {
      if (typeof token !== 'string' || token.length < 20 || token.length > 100) throw errors.confirmationInvalid();
      const row = await inTransaction(root, async (trx) => {
        const found = await repo.findByConfirmation(trx, sha256(token));
        if (!found || found.state !== 'unconfirmed' || !found.confirm_expires_at || found.confirm_expires_at <= now()) throw errors.confirmationInvalid();
        const at = now();
        const opened = await repo.updateTicket(trx, found.id, { state: 'open', opened_at: at, confirm_hash: null, confirm_expires_at: null });
        await publish(trx, openedEvent(opened, { kind: 'platform', id: 'support' }));
        return refreshDue(trx, opened);
      });
      return toTicket(row);
    },

    async ticketsOf(party) {
      return toTickets(await repo.ticketsOfRequester(root, partyKey(party), 200));
    },

    async ticketOf(party, number, reader) {
      const row = await personsTicket(party, number);
      await deps.audit({ actor: `person:${reader}`, onBehalfOf: party === reader ? null : party, action: 'support.ticket_read', target: `ticket:${row.id}`, details: { number: Number(row.number), as: 'person' } });
      return withThread(row, false);
    },

    async answer(party, personalCode, number, message, uploads) {
      const text = cleanMessage(message);
      const row = await personsTicket(party, number);
      if (row.state === 'closed') throw errors.closed();
      const prepared = await files.prepare(uploads);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        const at = now();
        const entryId = await repo.addEntry(trx, { ticket_id: locked.id, kind: 'message', author_kind: 'person', author: personalCode, body: text, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        // The person answered: the clock runs again.
        return repo.updateTicket(trx, locked.id, { state: 'open' });
      });
    },

    async fileOf(party, number, fileId, reader) {
      const row = await personsTicket(party, number);
      const file = isUuid(fileId) ? await repo.findFile(root, fileId) : undefined;
      // An internal note's file is the agents' alone.
      if (!file || file.ticket_id !== row.id || file.entry_kind === 'note') throw errors.fileNotFound();
      await deps.audit({ actor: `person:${reader}`, onBehalfOf: party === reader ? null : party, action: 'support.file_read', target: `ticket:${row.id}`, details: { number: Number(row.number), file: file.id, as: 'person' } });
      return files.content(file);
    },

    async closeByPerson(party, personalCode, number) {
      const row = await personsTicket(party, number);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        const at = now();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'closed', author_kind: 'person', author: personalCode, body: null, from_queue: null, to_queue: null, created_at: at });
        const closedRow = await repo.updateTicket(trx, locked.id, { state: 'closed', closed_at: at });
        await publish(trx, closedEvent(closedRow, 'person', { kind: 'person', id: personalCode }));
        return closedRow;
      });
    },

    async reopen(party, personalCode, number) {
      const row = await personsTicket(party, number);
      return change(row, async (trx, locked) => {
        if (locked.state !== 'closed' || !locked.closed_at) throw errors.notClosed();
        const at = now();
        if (at.getTime() - locked.closed_at.getTime() > REOPEN_DAYS * DAY_MS) throw errors.reopenTooLate();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'reopened', author_kind: 'person', author: personalCode, body: null, from_queue: null, to_queue: null, created_at: at });
        return repo.updateTicket(trx, locked.id, { state: 'open', closed_at: null });
      });
    },

    async rate(party, number, rating, comment) {
      if (!Number.isInteger(rating) || rating < 1 || rating > 5) throw errors.invalid('a rating from 1 to 5', '#/rating');
      const text = comment.trim();
      if (text.length > 2000) throw errors.invalid('at most 2000 characters', '#/comment');
      const row = await personsTicket(party, number);
      return change(row, async (trx, locked) => {
        if (locked.state !== 'closed') throw errors.notClosed();
        if (locked.rated_at) throw errors.alreadyRated();
        return repo.updateTicket(trx, locked.id, { rating, rating_comment: text || null, rated_at: now() });
      });
    },

    queuePage,

    async queue(agent, filter, options = {}) {
      return (await queuePage(agent, filter, options)).tickets;
    },

    async ticketForAgent(agent, number) {
      const row = await agentsTicket(agent, number);
      await deps.audit({
        actor: `person:${agent.personalCode}`,
        onBehalfOf: null,
        action: 'support.ticket_read',
        target: `ticket:${row.id}`,
        details: { number: Number(row.number), as: 'agent', requester: row.requester },
      });
      return withThread(row, true);
    },

    async assignToMe(agent, number) {
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        if (locked.assignee === agent.personalCode) return locked;
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'assigned', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, created_at: now() });
        return repo.updateTicket(trx, locked.id, { assignee: agent.personalCode });
      });
    },

    async reply(agent, number, message, uploads) {
      const text = cleanMessage(message);
      const row = await agentsTicket(agent, number);
      if (row.state === 'closed') throw errors.closed();
      // Read before the transaction: on the embedded database a read outside it would wait for it to end.
      const subject = await subjectOf(row.subject_code);
      const prepared = await files.prepare(uploads);
      const replied = await change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        if (!seesQueue(agent, locked.queue_institution_id)) throw errors.ticketNotFound();
        const at = now();
        const entryId = await repo.addEntry(trx, { ticket_id: locked.id, kind: 'reply', author_kind: 'agent', author: agent.personalCode, body: text, from_queue: null, to_queue: null, created_at: at });
        await files.attach(trx, entryId, prepared, at);
        const updated = await repo.updateTicket(trx, locked.id, {
          state: 'awaiting_person',
          first_reply_at: locked.first_reply_at ?? at,
          assignee: locked.assignee ?? agent.personalCode,
        });
        const recipient = locked.requester_kind === 'visitor' ? null : (locked.asked_by ?? locked.requester);
        const data: RepliedData = {
          ticketId: locked.id,
          number: Number(locked.number),
          recipient,
          subject: subject.label,
          body: text,
          link: `/workspace/support/${Number(locked.number)}`,
          queueInstitutionId: locked.queue_institution_id,
          serviceId: locked.service_id,
          applicationId: locked.application_id,
        };
        await publish(trx, { type: REPLIED, source: SUPPORT_SOURCE, subject: locked.id, actor: agentActor(agent), data });
        return updated;
      });
      // A visitor has no inbox: the reply goes to the confirmed address, once, after it is stored (not retried: the desk keeps it).
      if (row.requester_kind === 'visitor' && row.visitor_email) {
        const path = `${row.language === 'en' ? '/en' : ''}/support`;
        await deps.mailer
          .sendReply({ to: row.visitor_email, name: row.visitor_name ?? '', language: row.language, link: `${deps.publicUrl}${path}`, number: Number(row.number), body: text })
          .catch(() => undefined);
      }
      return replied;
    },

    async fileForAgent(agent, number, fileId) {
      const row = await agentsTicket(agent, number);
      const file = isUuid(fileId) ? await repo.findFile(root, fileId) : undefined;
      if (!file || file.ticket_id !== row.id) throw errors.fileNotFound();
      await deps.audit({
        actor: `person:${agent.personalCode}`,
        onBehalfOf: null,
        action: 'support.file_read',
        target: `ticket:${row.id}`,
        details: { number: Number(row.number), file: file.id, as: 'agent', requester: row.requester },
      });
      return files.content(file);
    },

    async note(agent, number, message) {
      const text = cleanMessage(message);
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'note', author_kind: 'agent', author: agent.personalCode, body: text, from_queue: null, to_queue: null, created_at: now() });
        return locked;
      });
    },

    async transfer(agent, number, institutionId, note) {
      const row = await agentsTicket(agent, number);
      if (row.queue_institution_id !== null || !agent.firstLine) throw errors.notFirstLine();
      if (!isUuid(institutionId) || !(await deps.institutionExists(institutionId))) throw errors.invalid('choose an institution', '#/institution');
      const text = note.trim().slice(0, MAX_MESSAGE) || null;
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        if (locked.queue_institution_id !== null) throw errors.notFirstLine();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'transfer', author_kind: 'agent', author: agent.personalCode, body: text, from_queue: null, to_queue: institutionId, created_at: now() });
        // The institution's agents pick it up afresh; the targets become the institution's.
        return repo.updateTicket(trx, locked.id, { queue_institution_id: institutionId, assignee: null });
      });
    },

    async statistics(month) {
      return statisticsOf(root, month, (await subjectList(true)).map((subject) => subject.code), now());
    },

    async merge(agent, duplicate, into) {
      const from = await agentsTicket(agent, duplicate);
      const target = await agentsTicket(agent, into);
      const sameAsker = from.requester_kind === 'visitor' ? from.visitor_email?.toLowerCase() === target.visitor_email?.toLowerCase() : from.requester === target.requester;
      if (from.id === target.id || !sameAsker) throw errors.invalid('another question of the same person', '#/into');
      if (from.state === 'closed' || target.state === 'closed') throw errors.closed();
      const merged = await inTransaction(root, async (trx) => {
        const locked = await repo.findTicketForUpdate(trx, from.id);
        if (!locked || locked.state === 'closed') throw errors.closed();
        const at = now();
        await repo.moveEntries(trx, from.id, target.id);
        await repo.addEntry(trx, { ticket_id: target.id, kind: 'merged', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, other_ticket: Number(from.number), created_at: at });
        await repo.addEntry(trx, { ticket_id: from.id, kind: 'merged', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, other_ticket: Number(target.number), created_at: at });
        const closedRow = await repo.updateTicket(trx, from.id, { state: 'closed', closed_at: at });
        await publish(trx, closedEvent(closedRow, 'agent', agentActor(agent)));
        const into = await repo.findTicketForUpdate(trx, target.id);
        return into && refreshDue(trx, into);
      });
      return toTicket(merged as TicketRow);
    },

    async reopenByAgent(agent, number) {
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        if (locked.state !== 'closed') throw errors.notClosed();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'reopened', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, created_at: now() });
        return repo.updateTicket(trx, locked.id, { state: 'open', closed_at: null });
      });
    },

    async closeByAgent(agent, number) {
      const row = await agentsTicket(agent, number);
      return change(row, async (trx, locked) => {
        if (locked.state === 'closed') throw errors.closed();
        const at = now();
        await repo.addEntry(trx, { ticket_id: locked.id, kind: 'closed', author_kind: 'agent', author: agent.personalCode, body: null, from_queue: null, to_queue: null, created_at: at });
        const closedRow = await repo.updateTicket(trx, locked.id, { state: 'closed', closed_at: at });
        await publish(trx, closedEvent(closedRow, 'agent', agentActor(agent)));
        return closedRow;
      });
    },
  };
}

function groupEntries(entries: EntryRow[]): Map<string, EntryRow[]> {
  const map = new Map<string, EntryRow[]>();
  for (const entry of entries) {
    const list = map.get(entry.ticket_id) ?? [];
    list.push(entry);
    map.set(entry.ticket_id, list);
  }
  return map;
}
