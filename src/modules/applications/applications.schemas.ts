/**
 * Types and request schemas of applications, e-forms, the status register,
 * lead times and results. TypeBox schemas are what the routes validate with
 * and what the OpenAPI document shows; the services check them again where a
 * rule goes beyond a schema.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Basis } from '../access/index.js';
import { REGISTER_SOURCES } from '../registers/index.js';
import type { Text } from '../catalog/index.js';
import type { DayKind, LeadTime } from './lead-time.js';
import type { ActorRole, StatusCode } from './statuses.js';

export type { Text };

const TextSchema = Type.Object(
  { lv: Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false, description: 'Text in Latvian and English' },
);

const FieldName = Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]*(/[A-Za-z][A-Za-z0-9_]*)*$', maxLength: 200, description: 'a property of the form’s schema; nested ones as a/b' });
const SlotName = Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 });
const Scalar = Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]);

export const PREFILL_SOURCES = ['fullName', 'personalCode', 'party', 'email', 'phone'] as const;
export const WIDGETS = ['text', 'textarea', 'email', 'tel', 'date', 'number', 'checkbox', 'radio', 'select', 'personal-code', 'iban'] as const;

/** Shown only when another field has a given value (the schema says what becomes required then). */
export const Condition = Type.Object({ field: FieldName, equals: Scalar }, { additionalProperties: false });
export type Condition = Static<typeof Condition>;

export const FieldHint = Type.Object(
  {
    label: TextSchema,
    help: Type.Optional(TextSchema),
    widget: Type.Optional(Type.Union(WIDGETS.map((widget) => Type.Literal(widget)))),
    options: Type.Optional(Type.Array(Type.Object({ value: Scalar, label: TextSchema }, { additionalProperties: false }), { maxItems: 200 })),
    prefill: Type.Optional(Type.Union(PREFILL_SOURCES.map((source) => Type.Literal(source)))),
    autocomplete: Type.Optional(Type.String({ maxLength: 60, description: 'HTML autocomplete token' })),
    showIf: Type.Optional(Condition),
    source: Type.Optional(
      Type.Union(
        REGISTER_SOURCES.map((source) => Type.Literal(source)),
        { description: 'the state register the value comes from (once only): a value (e.g. population.address) is shown as given and cannot be edited — the register’s value is what is submitted; choices (population.children, vehicles.owned, property.owned) are the register’s entries to pick from' },
      ),
    ),
  },
  { additionalProperties: false },
);
export type FieldHint = Static<typeof FieldHint>;

export const AttachmentSlot = Type.Object(
  {
    name: SlotName,
    title: TextSchema,
    help: Type.Optional(TextSchema),
    required: Type.Boolean(),
    maxBytes: Type.Integer({ minimum: 1, maximum: 50 * 1024 * 1024 }),
    mediaTypes: Type.Array(Type.String({ pattern: '^[a-z]+/[a-z0-9.+-]+$', maxLength: 100 }), { minItems: 1, maxItems: 20, uniqueItems: true }),
    maxFiles: Type.Integer({ minimum: 1, maximum: 20 }),
    showIf: Type.Optional(Condition),
  },
  { additionalProperties: false },
);
export type AttachmentSlot = Static<typeof AttachmentSlot>;

export const FormStep = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 60 }),
    title: TextSchema,
    description: Type.Optional(TextSchema),
    fields: Type.Array(FieldName, { maxItems: 100 }),
    attachments: Type.Optional(Type.Array(SlotName, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type FormStep = Static<typeof FormStep>;

export const FormPresentation = Type.Object(
  {
    steps: Type.Array(FormStep, { minItems: 1, maxItems: 20 }),
    fields: Type.Record(Type.String(), FieldHint),
    attachments: Type.Array(AttachmentSlot, { maxItems: 20 }),
    /** why the service asks only the general questions (shown on the service's page) */
    generalReason: Type.Optional(TextSchema),
  },
  { additionalProperties: false },
);
export type FormPresentation = Static<typeof FormPresentation>;

/** A JSON Schema (draft 2020-12 by default; draft-07 when its `$schema` says so) describing the form's data object. */
export type JsonSchema = Record<string, unknown>;

export const FormInput = Type.Object(
  {
    schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema (2020-12 or draft-07) of the data; type object' }),
    presentation: FormPresentation,
    /** the version being edited: a save based on an older one is refused */
    expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false, $id: 'FormInput' },
);
export interface FormInput {
  schema: JsonSchema;
  presentation: FormPresentation;
  expectedVersion?: number;
}

export interface Form {
  serviceId: string;
  /** 0: the platform's generic form, used until the service's managers save one */
  version: number;
  schema: JsonSchema;
  presentation: FormPresentation;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** A file as it arrives (the route has read the upload). */
export interface FileInput {
  /** the form's attachment slot (for submissions); ignored for answers and results */
  slot?: string;
  filename: string;
  mediaType: string;
  content: Uint8Array;
}

export interface FileInfo {
  id: string;
  purpose: 'attachment' | 'response' | 'result';
  slot: string | null;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

export interface StoredFile extends FileInfo {
  content: Uint8Array;
}

export const SubmitInput = Type.Object(
  {
    serviceId: Type.String({ format: 'uuid' }),
    data: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false, $id: 'SubmitInput' },
);
export interface SubmitInput {
  serviceId: string;
  data: Record<string, unknown>;
  attachments?: FileInput[];
}

export interface Draft {
  id: string;
  serviceId: string;
  applicant: string;
  author: string;
  data: Record<string, unknown>;
  step: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Receipt {
  number: string;
  applicationId: string;
  /** the direct link to the application in the workspace (P7) */
  link: string;
  serviceId: string;
  serviceTitle: Text;
  institutionId: string;
  applicant: string;
  submittedBy: string;
  basis: Basis;
  mandateId: string | null;
  submittedAt: string;
  formVersion: number;
  /** SHA-256 of the submitted data (canonical JSON), so the applicant can prove what was sent */
  dataSha256: string;
  attachments: { slot: string | null; filename: string; size: number; sha256: string }[];
  expectedCompletionAt: string;
  /** the fields whose values the platform took from state registers, and from which */
  registerData?: RegisterDatum[];
  /** the fee paid before submission (services with a fee) */
  payment?: { id: string; amount: number; currency: string };
}

/** A submitted value that came from a state register: which field, which source, when it was read. */
export interface RegisterDatum {
  field: string;
  source: string;
  at: string;
}

export const StatusEventInput = Type.Object(
  {
    eventId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the sender’s idempotency key; a repeated event is stored once' })),
    applicationId: Type.Optional(Type.String({ maxLength: 64, description: 'the platform’s id or number (YYYY-NNNNNN)' })),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the institution’s own case number' })),
    applicant: Type.Optional(Type.String({ maxLength: 20, description: 'personal code or registration number; registers an application submitted elsewhere' })),
    serviceId: Type.Optional(Type.String({ format: 'uuid', description: 'registers an application submitted elsewhere' })),
    submittedAt: Type.Optional(Type.String({ format: 'date-time' })),
    code: Type.String({ maxLength: 40 }),
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    note: Type.Optional(Type.String({ maxLength: 4000, description: 'internal: seen by the institution only' })),
    noteForApplicant: Type.Optional(Type.String({ maxLength: 4000 })),
    awaiting: Type.Optional(Type.String({ maxLength: 4000, description: 'what is awaited from the applicant (awaiting_client)' })),
  },
  { additionalProperties: false, $id: 'StatusEventInput' },
);
export type StatusEventInput = Static<typeof StatusEventInput>;

export const StatusInput = Type.Omit(StatusEventInput, ['applicationId', 'externalId', 'applicant', 'serviceId', 'submittedAt'], { $id: 'StatusInput', additionalProperties: false });
export type StatusInput = Static<typeof StatusInput>;

export const MAX_BATCH = 1000;

export const StatusBatch = Type.Object({ events: Type.Array(StatusEventInput, { minItems: 1, maxItems: MAX_BATCH }) }, { additionalProperties: false, $id: 'StatusBatch' });

export interface EventProblem {
  /** module-prefixed code, as in problem+json types: applications.unknown-application */
  code: string;
  detail: string;
}

export interface EventResult {
  /** position in the batch */
  index: number;
  eventId: string | null;
  status: 'applied' | 'duplicate' | 'refused';
  applicationId?: string;
  number?: string;
  problem?: EventProblem;
}

export interface StatusChange {
  applicationId: string;
  number: string;
  code: StatusCode;
  occurredAt: string;
  /** duplicate: the same eventId was already stored; nothing changed */
  result: 'applied' | 'duplicate';
}

export interface TimelineEntry {
  code: StatusCode;
  label: Text;
  occurredAt: string;
  recordedAt: string;
  /** the institution that set it (null when the applicant did) */
  institutionId: string | null;
  role: ActorRole;
  noteForApplicant: string | null;
  awaiting: string | null;
  /** the applicant's answer, when this entry is one */
  response: { message: string; files: FileInfo[] } | null;
  /** internal note: only the institution sees it */
  note?: string | null;
  eventId?: string | null;
}

export interface Predictability {
  leadTime: LeadTime;
  expectedCompletionAt: string;
  clockPaused: boolean;
  overdue: boolean;
  completedAt: string | null;
  /** how long the service's recent completed applications took (elapsed time) */
  statistics: CompletionStatistics | null;
}

export interface CompletionStatistics {
  sampleSize: number;
  median: string;
  p90: string;
  medianDays: number;
  p90Days: number;
}

export interface ResultView {
  summary: Text;
  data: unknown;
  documents: FileInfo[];
  deliveredAt: string;
}

export interface ApplicationSummary {
  id: string;
  number: string;
  link: string;
  serviceId: string;
  serviceTitle: Text;
  institutionId: string;
  applicant: string;
  applicantKind: 'person' | 'company';
  origin: 'platform' | 'external';
  externalId: string | null;
  status: { code: StatusCode; label: Text; since: string };
  awaiting: string | null;
  submittedAt: string;
  /** for a paused clock: if the applicant answered now */
  expectedCompletionAt: string;
  clockPaused: boolean;
  overdue: boolean;
  completedAt: string | null;
}

export interface ApplicationView extends ApplicationSummary {
  submittedBy: string | null;
  basis: Basis | null;
  mandateId: string | null;
  formVersion: number | null;
  data: Record<string, unknown>;
  attachments: FileInfo[];
  timeline: TimelineEntry[];
  predictability: Predictability;
  result: ResultView | null;
  receipt: Receipt | null;
  /** how the viewer sees it: as the applicant's side or as the institution */
  viewer: 'applicant' | 'institution';
}

export interface ListFilters {
  /** the party acted for (default: oneself) */
  party?: string;
  status?: StatusCode[];
  overdue?: boolean;
  limit?: number;
  offset?: number;
}

export interface QueueFilters {
  status?: StatusCode[];
  serviceId?: string;
  overdue?: boolean;
  /** an application number, an external id or an applicant's identifier */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** the institution's queue: more match than `total`, which counts up to 200 past the page */
  totalCapped?: boolean;
  limit: number;
  offset: number;
}

export const LeadTimeInput = Type.Object(
  {
    duration: Type.String({ pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$', maxLength: 40, examples: ['P10D'] }),
    dayKind: Type.Union([Type.Literal('working'), Type.Literal('calendar')]),
    legalBasis: Type.Optional(Type.Union([TextSchema, Type.Null()])),
  },
  { additionalProperties: false, $id: 'LeadTimeInput' },
);
export interface LeadTimeInput {
  duration: string;
  dayKind: DayKind;
  legalBasis?: Text | null;
}

export interface ServiceLeadTime extends LeadTime {
  serviceId: string;
  /** service: declared in this module; catalog: the register's processing time; default: the general one-month term */
  source: 'service' | 'catalog' | 'default';
}

export interface ResultInput {
  documents?: FileInput[];
  data?: unknown;
  summary: Text;
  /** when the result was issued (default: now) */
  occurredAt?: string;
  eventId?: string;
}

export interface ResponseInput {
  message: string;
  files?: FileInput[];
}

export const StatusLabelsInput = Type.Record(Type.String(), TextSchema, { $id: 'StatusLabelsInput' });
export type StatusLabels = Partial<Record<StatusCode, Text>>;
