/**
 * What the platform's status register accepts, as its OpenAPI document
 * describes it (`StatusEventInput`, `StatusInput`, `StatusBatch`): the stand-in
 * refuses what the platform would refuse, so that a system sending events the
 * platform cannot take fails here, not in production. The codes are the
 * platform's one status model; the kit's test compares them with the
 * platform's own list, so they cannot drift apart unnoticed.
 */
export const STATUS_CODES = ['submitted', 'received', 'in_progress', 'awaiting_client', 'decided', 'delivered', 'rejected', 'withdrawn', 'cancelled'] as const;

const MAX_BATCH = 1000;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/** Field name → its largest length (and whether it is a date-time), per the platform's schema. */
const EVENT_FIELDS: Record<string, { max: number; min?: number; dateTime?: boolean }> = {
  eventId: { min: 1, max: 200 },
  applicationId: { max: 64 },
  externalId: { min: 1, max: 200 },
  applicant: { max: 20 },
  serviceId: { max: 36 },
  submittedAt: { max: 40, dateTime: true },
  code: { max: 40 },
  occurredAt: { max: 40, dateTime: true },
  note: { max: 4000 },
  noteForApplicant: { max: 4000 },
  awaiting: { max: 4000 },
};
/** A single status change names its application in the path, so these do not belong in its body. */
const BATCH_ONLY = ['applicationId', 'externalId', 'applicant', 'serviceId', 'submittedAt'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Why the platform would refuse this event, or undefined when it takes it. */
export function eventProblem(event: unknown, where: string, single: boolean): string | undefined {
  if (!isObject(event)) return `${where} is not an object`;
  for (const [name, value] of Object.entries(event)) {
    const field = EVENT_FIELDS[name];
    if (!field || (single && BATCH_ONLY.includes(name))) return `${where}/${name} is not a field of the status register (${single ? 'StatusInput' : 'StatusEventInput'})`;
    if (typeof value !== 'string') return `${where}/${name} must be a string`;
    if (value.length > field.max || value.length < (field.min ?? 0)) return `${where}/${name} must be ${field.min ?? 0}–${field.max} characters long`;
    if (field.dateTime && !DATE_TIME.test(value)) return `${where}/${name} must be an ISO 8601 date-time`;
  }
  if (typeof event.code !== 'string') return `${where}/code is required`;
  if (!(STATUS_CODES as readonly string[]).includes(event.code)) return `${where}/code "${event.code}" is not a status code (${STATUS_CODES.join(', ')})`;
  if (!single && !event.applicationId && !event.externalId) return `${where} names no application: give applicationId, or externalId`;
  return undefined;
}

export function batchProblem(body: unknown): string | undefined {
  if (!isObject(body) || !Array.isArray(body.events)) return 'the body must be { "events": [ … ] }';
  if (Object.keys(body).some((name) => name !== 'events')) return 'the body has fields other than events';
  if (body.events.length < 1 || body.events.length > MAX_BATCH) return `a batch holds 1–${MAX_BATCH} events`;
  for (const [index, event] of body.events.entries()) {
    const problem = eventProblem(event, `#/events/${index}`, false);
    if (problem) return problem;
  }
  return undefined;
}
