/**
 * The status register's engine (P8). It applies status events for every path:
 * an institution's batch, a case handler's or a system's single change, the
 * applicant's answer and withdrawal, result delivery. It reads the named applications and the known
 * event ids in two statements, decides each event in memory (idempotency,
 * occurredAt order per application, the transition table, registration of
 * applications submitted elsewhere), and writes everything in two or three
 * more: events and new states, and their `applications.status_changed`
 * events on the platform's outbox. Each event that cannot be applied
 * is refused by name while the others are kept.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { parseParty } from '../access/index.js';
import type { Service } from '../catalog/index.js';
import { asRoot, leadTimeOf, RaceLost, type ApplicationsDeps } from './applications.context.js';
import { EVENT_PROBLEMS } from './applications.errors.js';
import * as repo from './applications.repo.js';
import type { ApplicationsTables } from './applications.repo.js';
import type { EventResult, StatusEventInput } from './applications.schemas.js';
import { expectedCompletion, rigaDate, type Pause } from './lead-time.js';
import { workspaceLink } from './tracking.service.js';
import { publish } from '../../platform/jobs/outbox.js';
import { eventActor, statusChanged } from './applications.events.js';
import * as registerRepo from './status-register.repo.js';
import type { ApplicationState, EventRow, NewApplication, StateUpdate } from './status-register.repo.js';
import { DEFAULT_LABELS, isCompleting, isFinal, isStatusCode, STATUS_CODES, transitionProblem, type ActorRole, type StatusCode } from './statuses.js';

type Db = Kysely<ApplicationsTables>;

/** Where an event points: the platform's id or number, or the institution's own case number. */
type Target =
  | { kind: 'id'; ref: string }
  | { kind: 'external'; externalId: string; applicant: { kind: 'person' | 'company'; id: string } | null; serviceId: string | null; submittedAt: Date | null };

/** A status event that passed its own checks, ready to be decided against its application. */
export interface PendingEvent {
  index: number;
  eventId: string | null;
  target: Target;
  code: StatusCode;
  occurredAt: Date;
  note: string | null;
  noteForApplicant: string | null;
  awaiting: string | null;
  message: string | null;
}

export interface EngineActor {
  /** for the timeline and the audit trail: person:<code> or the client id */
  name: string;
  role: ActorRole;
  /** the institutions whose applications it may touch (for the applicant's side: the one application's) */
  institutions: string[];
  /** the institution whose idempotency keys and case numbers the events use (systems and case handlers) */
  institutionId: string | null;
}

export interface EngineOutcome {
  results: EventResult[];
  /** status_events ids of the applied events, by index */
  eventRowIds: Map<number, string>;
  states: Map<string, ApplicationState>;
}

const FUTURE_SKEW_MS = 5 * 60_000;
const MAX_TEXT = 4000;

export const refused = (index: number, eventId: string | null, code: string, detail: string): EventResult => ({ index, eventId, status: 'refused', problem: { code, detail } });

/** Checks one incoming event on its own; the string is why it is refused. */
export function normaliseEvent(input: StatusEventInput, index: number, now: Date, options: { requireEventId: boolean }): PendingEvent | string {
  if (typeof input !== 'object' || input === null) return 'an event is an object';
  const eventId = typeof input.eventId === 'string' && input.eventId.length > 0 ? input.eventId : null;
  if (options.requireEventId && !eventId) return 'eventId is required: it makes a retried batch safe';
  if (eventId && eventId.length > 200) return 'eventId is longer than 200 characters';
  if (!isStatusCode(input.code)) return `"${String(input.code)}" is not a status code (${STATUS_CODES.join(', ')})`;
  let occurredAt = now;
  if (input.occurredAt !== undefined) {
    occurredAt = new Date(input.occurredAt);
    if (typeof input.occurredAt !== 'string' || Number.isNaN(occurredAt.getTime())) return 'occurredAt is not an ISO 8601 date-time';
    if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) return 'occurredAt is in the future';
  }
  for (const field of ['note', 'noteForApplicant', 'awaiting'] as const) {
    const value = input[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > MAX_TEXT)) return `${field} is text of at most ${MAX_TEXT} characters`;
  }
  let target: Target;
  if (input.applicationId) {
    if (!repo.isUuid(input.applicationId) && !repo.isNumber(input.applicationId)) return 'applicationId is neither a platform id nor a number YYYY-NNNNNN';
    target = { kind: 'id', ref: input.applicationId };
  } else if (input.externalId) {
    let applicant: { kind: 'person' | 'company'; id: string } | null = null;
    if (input.applicant !== undefined) {
      const party = parseParty(input.applicant);
      if (!party) return `applicant "${input.applicant}" is neither a personal code nor a registration number`;
      applicant = party;
    }
    if (input.serviceId !== undefined && !repo.isUuid(input.serviceId)) return 'serviceId is not a service id';
    let submittedAt: Date | null = null;
    if (input.submittedAt !== undefined) {
      submittedAt = new Date(input.submittedAt);
      if (Number.isNaN(submittedAt.getTime()) || submittedAt.getTime() > occurredAt.getTime()) return 'submittedAt is not a date-time before occurredAt';
    }
    target = { kind: 'external', externalId: String(input.externalId).slice(0, 200), applicant, serviceId: input.serviceId ?? null, submittedAt };
  } else {
    return 'name the application: applicationId, or externalId (with applicant and serviceId the first time)';
  }
  return {
    index,
    eventId,
    target,
    code: input.code,
    occurredAt,
    note: input.note ?? null,
    noteForApplicant: input.noteForApplicant ?? null,
    awaiting: input.code === 'awaiting_client' ? (input.awaiting ?? null) : null,
    message: null,
  };
}

const keyOf = (target: Target, resolved: ApplicationState | undefined): string => (resolved ? resolved.id : target.kind === 'external' ? `external:${target.externalId}` : `missing:${target.ref}`);

/** The clock after a change: expected completion unless paused (then null: the queue shows it as waiting). */
function expectedAt(state: { submittedAt: Date; leadTime: ApplicationState['leadTime']; pauses: Pause[] }, now: Date): Date | null {
  const expected = expectedCompletion(state.submittedAt, state.leadTime, state.pauses, now);
  return expected.paused ? null : expected.at;
}

/**
 * Applies status events within `trx`: decides each, writes the applied ones
 * with their outbox events and new application states, and records one audit
 * entry. Throws RaceLost when a concurrent transaction registered the same
 * application or stored the same event first (the caller redoes the work).
 */
export async function applyEvents(deps: ApplicationsDeps, trx: Db, actor: EngineActor, events: PendingEvent[], audit: { action: string; onBehalfOf?: string | null }): Promise<EngineOutcome> {
  const now = deps.now();
  const results: EventResult[] = [];
  const ids = new Set<string>();
  const numbers = new Set<string>();
  const externalIds = new Set<string>();
  for (const event of events) {
    if (event.target.kind === 'id') (repo.isUuid(event.target.ref) ? ids : numbers).add(event.target.ref);
    else externalIds.add(event.target.externalId);
  }
  const locked = await registerRepo.lockApplications(trx, {
    ids: [...ids],
    numbers: [...numbers],
    institutionId: actor.institutionId,
    externalIds: actor.institutionId ? [...externalIds] : [],
  });
  const allowed = new Set(actor.institutions);
  const visible = locked.filter((state) => allowed.has(state.institutionId));
  const byRef = new Map<string, ApplicationState>();
  for (const state of visible) {
    byRef.set(state.id, state);
    byRef.set(state.number, state);
    if (state.externalId && state.institutionId === actor.institutionId) byRef.set(`external:${state.externalId}`, state);
  }
  const eventIds = events.map((event) => event.eventId).filter((id): id is string => id !== null);
  const known = await registerRepo.knownEventIds(trx, actor.institutionId ? [actor.institutionId] : actor.institutions, eventIds);

  // Idempotency first: an event id seen before (or earlier in this batch) changes nothing.
  const seen = new Set<string>();
  const groups = new Map<string, PendingEvent[]>();
  for (const event of events) {
    if (event.eventId !== null) {
      if (known.has(event.eventId) || seen.has(event.eventId)) {
        results.push({ index: event.index, eventId: event.eventId, status: 'duplicate' });
        continue;
      }
      seen.add(event.eventId);
    }
    const resolved = byRef.get(event.target.kind === 'id' ? event.target.ref : `external:${event.target.externalId}`);
    if (!resolved && event.target.kind === 'id') {
      results.push(refused(event.index, event.eventId, EVENT_PROBLEMS.unknownApplication, `No application ${event.target.ref} of this institution.`));
      continue;
    }
    const key = keyOf(event.target, resolved);
    const group = groups.get(key) ?? [];
    group.push(event);
    groups.set(key, group);
  }

  // Applications submitted elsewhere, seen for the first time: what their services say.
  const registrations = new Map<string, PendingEvent>();
  for (const [key, group] of groups) {
    if (!key.startsWith('external:')) continue;
    const carrier = group.find((event) => event.target.kind === 'external' && event.target.applicant && event.target.serviceId);
    if (carrier) registrations.set(key, carrier);
  }
  const serviceIds = [...new Set([...registrations.values()].map((event) => (event.target.kind === 'external' ? event.target.serviceId : null)).filter((id): id is string => id !== null))];
  const services = new Map<string, Service>();
  if (serviceIds.length > 0) for (const service of await deps.catalog(asRoot(trx)).getMany(serviceIds)) services.set(service.id, service);
  const declared = await repo.findLeadTimes(trx, [...services.keys()]);

  const newApplications: (Omit<NewApplication, 'number'> & { key: string })[] = [];
  const eventRows: (EventRow & { index: number })[] = [];
  const updates: StateUpdate[] = [];
  const states = new Map<string, ApplicationState>();
  const applied: EventResult[] = [];

  for (const [key, group] of groups) {
    group.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.index - b.index);
    let state: ApplicationState | undefined = byRef.get(key);
    let fresh: (typeof newApplications)[number] | undefined;
    if (!state) {
      const carrier = registrations.get(key);
      const target = carrier?.target.kind === 'external' ? carrier.target : undefined;
      const service = target?.serviceId ? services.get(target.serviceId) : undefined;
      let problem: [string, string] | undefined;
      if (!target || !target.applicant) problem = [EVENT_PROBLEMS.unknownApplication, `No application with externalId ${key.slice(9)}; register it by giving applicant and serviceId.`];
      else if (!service || service.institutionId !== actor.institutionId) problem = [EVENT_PROBLEMS.unknownService, `No published service ${target.serviceId} of this institution.`];
      if (problem || !target?.applicant || !service) {
        const [code, detail] = problem ?? [EVENT_PROBLEMS.unknownApplication, 'unknown application'];
        for (const event of group) results.push(refused(event.index, event.eventId, code, detail));
        continue;
      }
      const first = group[0] as PendingEvent;
      const leadTime = leadTimeOf(service, declared.get(service.id));
      const id = randomUUID();
      state = {
        id,
        number: '',
        serviceId: service.id,
        institutionId: service.institutionId,
        applicant: target.applicant.id,
        origin: 'external',
        externalId: target.externalId,
        status: first.code,
        submittedAt: target.submittedAt ?? first.occurredAt,
        lastEventAt: first.occurredAt,
        leadTime: { duration: leadTime.duration, dayKind: leadTime.dayKind, legalBasis: leadTime.legalBasis },
        pauses: [],
        awaiting: null,
        completedAt: null,
        closedAt: null,
        expectedAt: null,
        serviceTitle: service.title,
        applicantKind: target.applicant.kind,
        submittedBy: null,
      };
      fresh = {
        key,
        id,
        serviceId: service.id,
        institutionId: service.institutionId,
        serviceTitle: service.title,
        applicant: target.applicant.id,
        applicantKind: target.applicant.kind,
        submittedBy: null,
        basis: null,
        mandateId: null,
        origin: 'external',
        externalId: target.externalId,
        formVersion: null,
        data: {},
        status: first.code,
        statusAt: first.occurredAt,
        awaiting: null,
        submittedAt: state.submittedAt,
        lastEventAt: first.occurredAt,
        leadTime: state.leadTime,
        pauses: [],
        expectedAt: null,
        completedAt: null,
        closedAt: null,
        receipt: null,
      };
    }
    let current: StatusCode | null = fresh ? null : state.status;
    let { lastEventAt, awaiting, completedAt, closedAt } = state;
    const pauses = state.pauses.map((pause) => ({ ...pause }));
    let changed = false;
    for (const event of group) {
      if (current !== null && event.occurredAt.getTime() < lastEventAt.getTime()) {
        results.push(refused(event.index, event.eventId, EVENT_PROBLEMS.outOfOrder, `occurredAt ${event.occurredAt.toISOString()} is before the application's latest status (${lastEventAt.toISOString()}).`));
        continue;
      }
      const problem = transitionProblem(current, event.code, actor.role, state.origin);
      if (problem) {
        results.push(refused(event.index, event.eventId, EVENT_PROBLEMS.invalidTransition, problem));
        continue;
      }
      if (event.code === 'awaiting_client' && current !== 'awaiting_client') pauses.push({ from: event.occurredAt.toISOString(), until: null });
      if (current === 'awaiting_client' && event.code !== 'awaiting_client') {
        const open = pauses[pauses.length - 1];
        if (open && open.until === null) open.until = event.occurredAt.toISOString();
      }
      if (isCompleting(event.code) && !completedAt) completedAt = event.occurredAt;
      if (isFinal(event.code) && !closedAt) closedAt = event.occurredAt;
      awaiting = event.code === 'awaiting_client' ? event.awaiting : null;
      eventRows.push({
        index: event.index,
        applicationId: state.id,
        institutionId: actor.role === 'applicant' || actor.role === 'platform' ? null : state.institutionId,
        eventId: event.eventId,
        code: event.code,
        fromCode: current,
        occurredAt: event.occurredAt,
        actor: actor.name,
        role: actor.role,
        note: event.note,
        noteForApplicant: event.noteForApplicant,
        awaiting: event.awaiting,
        message: event.message,
        application: state,
      });
      applied.push({ index: event.index, eventId: event.eventId, status: 'applied', applicationId: state.id });
      current = event.code;
      lastEventAt = event.occurredAt;
      changed = true;
    }
    if (!changed || current === null) continue;
    const next = { ...state, status: current, lastEventAt, awaiting, completedAt, closedAt, pauses };
    next.expectedAt = expectedAt(next, now);
    states.set(state.id, next);
    if (fresh) newApplications.push({ ...fresh, status: current, statusAt: lastEventAt, lastEventAt, awaiting, pauses, completedAt, closedAt, expectedAt: next.expectedAt });
    else updates.push({ id: state.id, status: current, statusAt: lastEventAt, lastEventAt, awaiting, pauses, expectedAt: next.expectedAt, completedAt, closedAt });
  }

  if (newApplications.length > 0) {
    const year = Number(rigaDate(now).slice(0, 4));
    const first = await registerRepo.allocateNumbers(trx, year, newApplications.length);
    const rows = newApplications.map((row, offset) => ({ ...row, number: registerRepo.formatNumber(year, first + offset) }));
    const inserted = await registerRepo.insertApplications(trx, rows);
    if (inserted.size !== rows.length) throw new RaceLost('an application was registered by a concurrent batch');
    const numbers = new Map(rows.map((row) => [row.id, row.number]));
    for (const [id, number] of numbers) {
      const state = states.get(id);
      if (state) state.number = number;
    }
    for (const row of eventRows) {
      const number = numbers.get(row.applicationId);
      if (number) row.application = { ...row.application, number };
    }
  }
  const written = await registerRepo.writeEvents(trx, eventRows, updates);
  if (written.length !== eventRows.length) throw new RaceLost('a concurrent batch stored some of these events first');
  await announce(trx, actor, eventRows, states, now);

  const eventRowIds = new Map<number, string>();
  written.forEach((row, position) => {
    const index = eventRows[position]?.index;
    if (index !== undefined) eventRowIds.set(index, row.id);
  });
  for (const result of applied) result.number = states.get(result.applicationId ?? '')?.number;
  results.push(...applied);
  results.sort((a, b) => a.index - b.index);

  if (eventRows.length > 0 || actor.role !== 'applicant') {
    const touched = [...states.keys()];
    const single = touched.length === 1 && events.length === 1;
    await deps.audit(asRoot(trx)).record({
        actor: actor.name,
        onBehalfOf: audit.onBehalfOf ?? null,
        action: audit.action,
        target: single ? `application:${touched[0]}` : actor.institutionId ? `institution:${actor.institutionId}` : null,
        details: {
          applied: eventRows.length,
          duplicate: results.filter((result) => result.status === 'duplicate').length,
          refused: results.filter((result) => result.status === 'refused').length,
          ...(single ? { code: eventRows[0]?.code, from: eventRows[0]?.fromCode, eventId: eventRows[0]?.eventId } : { applications: touched.slice(0, 1000) }),
        },
    });
  }
  return { results, eventRowIds, states };
}


/** One `applications.status_changed` per stored event, in order, carrying what subscribers need. */
async function announce(trx: Db, actor: EngineActor, eventRows: EventRow[], states: Map<string, ApplicationState>, now: Date): Promise<void> {
  if (eventRows.length === 0) return;
  const labels = await repo.labelsOf(trx, [...new Set(eventRows.map((row) => row.application.institutionId))]);
  const who = eventActor(actor.name, actor.role);
  // As the application's page shows it after the change (while paused: as if the clock ran on from now); once per application.
  const expectedOf = new Map<string, string | null>();
  const expectedCompletionAt = (state: ApplicationState | undefined): string | null => {
    if (!state) return null;
    let expected = expectedOf.get(state.id);
    if (expected === undefined) {
      // Unless paused, the new state carries it already (expectedAt, worked out from the same clock and `now`).
      expected = (state.expectedAt ?? expectedCompletion(state.submittedAt, state.leadTime, state.pauses, now).at)?.toISOString() ?? null;
      expectedOf.set(state.id, expected);
    }
    return expected;
  };
  await publish(
    asRoot(trx),
    ...eventRows.map((row) => {
      const state = states.get(row.applicationId);
      return statusChanged(
        {
          applicationId: row.applicationId,
          number: row.application.number,
          serviceId: row.application.serviceId,
          serviceTitle: state?.serviceTitle ?? { lv: '', en: '' },
          institutionId: row.application.institutionId,
          applicant: row.application.applicant,
          applicantKind: state?.applicantKind ?? 'person',
          submittedBy: state?.submittedBy ?? null,
          code: row.code,
          previousCode: row.fromCode,
          statusLabel: labels.get(row.application.institutionId)?.get(row.code) ?? DEFAULT_LABELS[row.code],
          occurredAt: row.occurredAt.toISOString(),
          eventId: row.eventId,
          noteForApplicant: row.noteForApplicant,
          awaiting: row.awaiting,
          expectedCompletionAt: expectedCompletionAt(state),
          link: workspaceLink(row.application.number),
        },
        who,
        row.occurredAt,
      );
    }),
  );
}
