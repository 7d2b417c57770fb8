/**
 * The one status model of every application of every institution (P8): the
 * common codes, which code may follow which, and who may set it. Pure rules,
 * used by every path that changes a status (submission, an institution's
 * status events, the applicant's answer and withdrawal, result delivery).
 */
import type { Text } from '../catalog/index.js';

export const STATUS_CODES = ['submitted', 'received', 'in_progress', 'awaiting_client', 'decided', 'delivered', 'rejected', 'withdrawn', 'cancelled'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

/** Nothing follows these. */
export const FINAL_CODES: readonly StatusCode[] = ['delivered', 'rejected', 'withdrawn', 'cancelled'];
/** Reaching one of these stops the lead-time clock: the institution has done its part. */
export const COMPLETING_CODES: readonly StatusCode[] = ['decided', 'delivered', 'rejected'];

/** Who set a status: the applicant's side, an institution's staff or system, or the platform itself. */
export type ActorRole = 'applicant' | 'case_handler' | 'system' | 'platform';

const BEFORE_DECISION: StatusCode[] = ['submitted', 'received', 'in_progress', 'awaiting_client'];

/**
 * What may follow what. Repeating in_progress or awaiting_client is allowed: it
 * carries a new note or a further request to the applicant.
 */
const NEXT: Record<StatusCode, readonly StatusCode[]> = {
  submitted: ['received', 'in_progress', 'awaiting_client', 'decided', 'rejected', 'withdrawn', 'cancelled'],
  received: ['in_progress', 'awaiting_client', 'decided', 'rejected', 'withdrawn', 'cancelled'],
  in_progress: ['in_progress', 'awaiting_client', 'decided', 'rejected', 'withdrawn', 'cancelled'],
  awaiting_client: ['awaiting_client', 'in_progress', 'decided', 'rejected', 'withdrawn', 'cancelled'],
  decided: ['delivered', 'cancelled'],
  delivered: [],
  rejected: [],
  withdrawn: [],
  cancelled: [],
};

export function isStatusCode(value: unknown): value is StatusCode {
  return typeof value === 'string' && (STATUS_CODES as readonly string[]).includes(value);
}

export function isFinal(code: string): boolean {
  return (FINAL_CODES as readonly string[]).includes(code);
}

export function isCompleting(code: string): boolean {
  return (COMPLETING_CODES as readonly string[]).includes(code);
}

/** Codes that may follow `from` at all (for the console's "change status" choices). */
export function nextCodes(from: StatusCode): readonly StatusCode[] {
  return NEXT[from];
}

/**
 * Why `to` may not follow `from` when set by `role`, or undefined when it may.
 * `from` is null for an application an institution registers with this event.
 * `origin` external: the application was submitted in the institution's own
 * channel, so the institution also reports its withdrawal there.
 */
export function transitionProblem(from: StatusCode | null, to: StatusCode, role: ActorRole, origin: 'platform' | 'external'): string | undefined {
  if (role === 'applicant') {
    if (to === 'withdrawn') return from !== null && BEFORE_DECISION.includes(from) ? undefined : `An application that is ${from ?? 'unknown'} can no longer be withdrawn.`;
    if (to === 'in_progress' && from === 'awaiting_client') return undefined;
    return `The applicant cannot set the status ${to}.`;
  }
  // An institution registering an application it received elsewhere may start it at any status.
  if (from === null) return undefined;
  if (to === 'withdrawn' && origin === 'platform' && role !== 'platform') return 'Only the applicant withdraws an application submitted on the platform.';
  if (to === 'submitted') return 'An application is submitted only once.';
  if (!NEXT[from].includes(to)) return isFinal(from) ? `The application is already ${from}; nothing follows that status.` : `Status ${to} cannot follow ${from}.`;
  return undefined;
}

/** The platform's wording of each code; institutions may word them their own way. */
export const DEFAULT_LABELS: Record<StatusCode, Text> = {
  submitted: { lv: 'Iesniegts', en: 'Submitted' },
  received: { lv: 'Saņemts iestādē', en: 'Received by the institution' },
  in_progress: { lv: 'Tiek izskatīts', en: 'In progress' },
  awaiting_client: { lv: 'Gaida jūsu atbildi', en: 'Awaiting your reply' },
  decided: { lv: 'Lēmums pieņemts', en: 'Decided' },
  delivered: { lv: 'Rezultāts izsniegts', en: 'Result delivered' },
  rejected: { lv: 'Noraidīts', en: 'Rejected' },
  withdrawn: { lv: 'Atsaukts', en: 'Withdrawn' },
  cancelled: { lv: 'Atcelts', en: 'Cancelled' },
};
