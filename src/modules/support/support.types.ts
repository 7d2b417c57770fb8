/** The public shapes of customer support: tickets, threads, agents, questions, and the SupportService interface (support.service.ts builds it). */
import type { Principal } from '../../platform/http/auth.js';
import type { FileStore } from '../applications/index.js';
import type { Clock, Targets } from './support.clock.js';
import type { Statistics } from './statistics.service.js';
import type { AnswersService } from './answers.service.js';
import type { Download, EntryFile, Upload } from './files.service.js';
import type { Channel, Db, EntryKind, TicketState } from './support.repo.js';

export { pausesOf, DEFAULT_TARGETS, type Clock, type Targets } from './support.clock.js';
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

