/**
 * The shapes the applications API answers with, as TypeBox schemas: they are
 * what the OpenAPI document shows and what Fastify serialises with. They
 * mirror the service's types in applications.schemas.ts field for field (a
 * field missing here would be dropped from the reply, so the API tests read
 * every one of them).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import { FormPresentation } from './applications.schemas.js';
import { STATUS_CODES } from './statuses.js';

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const Text = Type.Object({ lv: Type.String(), en: Type.String() }, { description: 'Text in Latvian and English' });
const StatusCodeSchema = Type.Union(STATUS_CODES.map((code) => Type.Literal(code)));
const Role = Type.Union(['applicant', 'case_handler', 'system', 'platform'].map((role) => Type.Literal(role)));
const Basis = Type.Union(['self', 'board_member', 'parent', 'guardian', 'mandate'].map((basis) => Type.Literal(basis)));
const LeadTime = Type.Object({
  duration: Type.String({ description: 'ISO 8601 duration', examples: ['P10D'] }),
  dayKind: Type.Union([Type.Literal('working'), Type.Literal('calendar')]),
  legalBasis: nullable(Text),
});

export const FormSchema = Type.Object(
  {
    serviceId: Type.String({ format: 'uuid' }),
    version: Type.Integer({ description: '0: the platform’s generic form, used until the service’s managers save one' }),
    schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of the form’s data' }),
    presentation: FormPresentation,
    updatedAt: nullable(DateTime),
    updatedBy: nullable(Type.String()),
  },
  { $id: 'Form' },
);

export const DraftSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    serviceId: Type.String({ format: 'uuid' }),
    applicant: Type.String(),
    author: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
    step: nullable(Type.String()),
    createdAt: DateTime,
    updatedAt: DateTime,
  },
  { $id: 'Draft' },
);

export const FileInfoSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    purpose: Type.Union([Type.Literal('attachment'), Type.Literal('response'), Type.Literal('result')]),
    slot: nullable(Type.String()),
    filename: Type.String(),
    mediaType: Type.String(),
    size: Type.Integer(),
    sha256: Type.String(),
    createdAt: DateTime,
  },
  { $id: 'FileInfo' },
);

export const ReceiptSchema = Type.Object(
  {
    number: Type.String({ examples: ['2026-000123'] }),
    applicationId: Type.String({ format: 'uuid' }),
    link: Type.String({ description: 'the direct link to the application in the workspace (P7)' }),
    serviceId: Type.String({ format: 'uuid' }),
    serviceTitle: Text,
    institutionId: Type.String({ format: 'uuid' }),
    applicant: Type.String(),
    submittedBy: Type.String(),
    basis: Basis,
    mandateId: nullable(Type.String()),
    submittedAt: DateTime,
    formVersion: Type.Integer(),
    dataSha256: Type.String({ description: 'SHA-256 of the submitted data as canonical JSON' }),
    attachments: Type.Array(Type.Object({ slot: nullable(Type.String()), filename: Type.String(), size: Type.Integer(), sha256: Type.String() })),
    expectedCompletionAt: DateTime,
    registerData: Type.Optional(
      Type.Array(Type.Object({ field: Type.String(), source: Type.String({ examples: ['population.address'] }), at: DateTime }), {
        description: 'the fields whose values the platform took from state registers (once only), with the source and when it was read',
      }),
    ),
    payment: Type.Optional(Type.Object({ id: Type.String({ format: 'uuid' }), amount: Type.Integer({ description: 'cents' }), currency: Type.String() }, { description: 'the fee paid before submission' })),
  },
  { $id: 'Receipt' },
);

export const StatusChangeSchema = Type.Object(
  {
    applicationId: Type.String({ format: 'uuid' }),
    number: Type.String(),
    code: StatusCodeSchema,
    occurredAt: DateTime,
    result: Type.Union([Type.Literal('applied'), Type.Literal('duplicate')], { description: 'duplicate: this eventId was stored before; nothing changed' }),
  },
  { $id: 'StatusChange' },
);

/** An event's own problem inside a batch reply: a problem+json object naming the event. */
export const EventProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  eventIndex: Type.Integer(),
  eventId: nullable(Type.String()),
});

export const BatchResultSchema = Type.Object(
  {
    applied: Type.Integer(),
    duplicate: Type.Integer(),
    refused: Type.Integer(),
    results: Type.Array(
      Type.Object({
        index: Type.Integer({ description: 'position in the batch' }),
        eventId: nullable(Type.String()),
        status: Type.Union([Type.Literal('applied'), Type.Literal('duplicate'), Type.Literal('refused')]),
        applicationId: Type.Optional(Type.String({ format: 'uuid' })),
        number: Type.Optional(Type.String()),
        problem: Type.Optional(EventProblemSchema),
      }),
    ),
  },
  { $id: 'StatusBatchResult' },
);

const summaryProperties = {
  id: Type.String({ format: 'uuid' }),
  number: Type.String(),
  link: Type.String(),
  serviceId: Type.String({ format: 'uuid' }),
  serviceTitle: Text,
  institutionId: Type.String({ format: 'uuid' }),
  applicant: Type.String(),
  applicantKind: Type.Union([Type.Literal('person'), Type.Literal('company')]),
  origin: Type.Union([Type.Literal('platform'), Type.Literal('external')]),
  externalId: nullable(Type.String()),
  status: Type.Object({ code: StatusCodeSchema, label: Text, since: DateTime }),
  awaiting: nullable(Type.String()),
  submittedAt: DateTime,
  expectedCompletionAt: DateTime,
  clockPaused: Type.Boolean(),
  overdue: Type.Boolean(),
  completedAt: nullable(DateTime),
};

export const ApplicationSummarySchema = Type.Object(summaryProperties, { $id: 'ApplicationSummary' });

export const ApplicationPageSchema = Type.Object(
  {
    items: Type.Array(Type.Ref('ApplicationSummary')),
    total: Type.Integer({ description: 'how many match; an institution’s queue counts only up to 200 past this page (then `totalCapped` is true)' }),
    totalCapped: Type.Optional(Type.Boolean({ description: 'an institution’s queue: more match than `total` says' })),
    limit: Type.Integer(),
    offset: Type.Integer(),
  },
  { $id: 'ApplicationPage' },
);

const TimelineEntry = Type.Object({
  code: StatusCodeSchema,
  label: Text,
  occurredAt: DateTime,
  recordedAt: DateTime,
  institutionId: nullable(Type.String({ format: 'uuid' })),
  role: Role,
  noteForApplicant: nullable(Type.String()),
  awaiting: nullable(Type.String()),
  response: nullable(Type.Object({ message: Type.String(), files: Type.Array(Type.Ref('FileInfo')) })),
  note: Type.Optional(nullable(Type.String({ description: 'internal: shown to the institution only' }))),
  eventId: Type.Optional(nullable(Type.String({ description: 'the sender’s idempotency key: shown to the institution only' }))),
});

export const ApplicationViewSchema = Type.Object(
  {
    ...summaryProperties,
    submittedBy: nullable(Type.String()),
    basis: nullable(Basis),
    mandateId: nullable(Type.String()),
    formVersion: nullable(Type.Integer()),
    data: Type.Record(Type.String(), Type.Unknown()),
    attachments: Type.Array(Type.Ref('FileInfo')),
    timeline: Type.Array(TimelineEntry),
    predictability: Type.Object({
      leadTime: LeadTime,
      expectedCompletionAt: DateTime,
      clockPaused: Type.Boolean(),
      overdue: Type.Boolean(),
      completedAt: nullable(DateTime),
      statistics: nullable(
        Type.Object(
          { sampleSize: Type.Integer(), median: Type.String(), p90: Type.String(), medianDays: Type.Number(), p90Days: Type.Number() },
          { description: 'how long the service’s recent completed applications took' },
        ),
      ),
    }),
    result: nullable(Type.Object({ summary: Text, data: Type.Unknown(), documents: Type.Array(Type.Ref('FileInfo')), deliveredAt: DateTime })),
    receipt: nullable(Type.Ref('Receipt')),
    viewer: Type.Union([Type.Literal('applicant'), Type.Literal('institution')]),
  },
  { $id: 'ApplicationView' },
);

export const ServiceLeadTimeSchema = Type.Object(
  {
    serviceId: Type.String({ format: 'uuid' }),
    ...LeadTime.properties,
    source: Type.Union([Type.Literal('service'), Type.Literal('catalog'), Type.Literal('default')], {
      description: 'service: declared by its managers; catalog: the register’s processing time; default: the general one-month term',
    }),
    expectedCompletionAt: Type.Optional(DateTime),
  },
  { $id: 'ServiceLeadTime' },
);

export const StatusLabelsSchema = Type.Object(Object.fromEntries(STATUS_CODES.map((code) => [code, Text])), { $id: 'StatusLabels' });

/** Every schema above that is referenced by $id, in dependency order. */
export const responseSchemas: TSchema[] = [FormSchema, DraftSchema, FileInfoSchema, ReceiptSchema, StatusChangeSchema, BatchResultSchema, ApplicationSummarySchema, ApplicationPageSchema, ApplicationViewSchema, ServiceLeadTimeSchema, StatusLabelsSchema];
