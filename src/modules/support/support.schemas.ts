/** The support API's request and response schemas (TypeBox: validation, types and the OpenAPI document in one). */
import { Type, type Static } from '@sinclair/typebox';
import { Base64File } from '../applications/index.js';

const Text = Type.Object({ lv: Type.String(), en: Type.String() });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const SubjectSchema = Type.Object({ code: Type.String(), label: Text }, { $id: 'SupportSubject' });

export const ClockSchema = Type.Object(
  {
    firstReplyDue: Type.String({ format: 'date-time' }),
    resolutionDue: Type.String({ format: 'date-time' }),
    paused: Type.Boolean({ description: 'awaiting the person: the resolution clock stands still' }),
    overdue: Type.Boolean(),
    targets: Type.Object({ firstReplyDays: Type.Integer(), resolutionDays: Type.Integer() }, { description: 'in Latvian working days' }),
  },
  { $id: 'SupportClock' },
);

const ticketProperties = {
    number: Type.Integer(),
    queueInstitutionId: Nullable(Type.String({ description: 'the institution handling it; null: first-line platform support' })),
    subject: Type.Ref('SupportSubject'),
    channel: Type.String(),
    serviceId: Nullable(Type.String()),
    applicationNumber: Nullable(Type.String()),
    requester: Nullable(Type.String()),
    state: Type.Union([Type.Literal('open'), Type.Literal('awaiting_person'), Type.Literal('closed'), Type.Literal('unconfirmed')]),
    createdAt: Type.String({ format: 'date-time' }),
    firstReplyAt: Nullable(Type.String({ format: 'date-time' })),
    closedAt: Nullable(Type.String({ format: 'date-time' })),
    clock: Nullable(Type.Ref('SupportClock')),
    reopenable: Type.Boolean(),
    rating: Nullable(Type.Integer({ minimum: 1, maximum: 5 })),
};
export const TicketSchema = Type.Object(ticketProperties, { $id: 'SupportTicket' });

export const EntrySchema = Type.Object({
  kind: Type.String({ description: 'message (the person’s), reply (support’s), transfer, assigned, closed, reopened' }),
  authorKind: Type.String(),
  body: Nullable(Type.String()),
  toQueue: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
  files: Type.Array(
    Type.Object({ id: Type.String({ format: 'uuid' }), filename: Type.String(), mediaType: Type.String(), size: Type.Integer() }),
    { description: 'files on a message or reply: GET …/files/{id} downloads one' },
  ),
});

/** Optional files on a question, an answer or a reply, base64 in the JSON body (checked as application attachments are). */
const FilesInput = Type.Optional(Type.Array(Base64File, { maxItems: 10 }));
export const FileParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 999_999_999_999 }), fileId: Type.String({ format: 'uuid' }) });

export const ThreadSchema = Type.Object({ ...ticketProperties, entries: Type.Array(EntrySchema) }, { $id: 'SupportThread' });

export const AskInput = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 40, description: 'a subject code (GET /api/v1/support/subjects)' }),
    message: Type.String({ minLength: 1, maxLength: 5000 }),
    serviceId: Type.Optional(Type.String({ format: 'uuid', description: 'the service it is about: it goes to that institution’s queue' })),
    application: Type.Optional(Type.String({ maxLength: 64, description: 'an application (id or number) of the party: it goes to that institution’s queue' })),
    files: FilesInput,
  },
  { additionalProperties: false, $id: 'SupportAskInput' },
);
export type AskInput = Static<typeof AskInput>;

export const MessageInput = Type.Object({ message: Type.String({ minLength: 1, maxLength: 5000 }), files: FilesInput }, { additionalProperties: false, $id: 'SupportMessageInput' });

const Count = Nullable(Type.Integer({ description: 'null: suppressed (1 to 4)' }));
export const StatisticsSchema = Type.Object(
  {
    month: Type.String(),
    suppressedBelow: Type.Integer(),
    queues: Type.Array(
      Type.Object({
        institutionId: Nullable(Type.String({ description: 'null: first-line platform support' })),
        requests: Count,
        byChannel: Type.Record(Type.String(), Count),
        bySubject: Type.Record(Type.String(), Count),
        firstReplyMedianHours: Nullable(Type.Number()),
        resolutionMedianHours: Nullable(Type.Number()),
        firstReplyWithinTarget: Nullable(Type.Number({ description: 'share 0–1' })),
        resolutionWithinTarget: Nullable(Type.Number({ description: 'share 0–1' })),
        overdue: Count,
        ratings: Count,
        satisfaction: Nullable(Type.Number({ description: 'the mean rating (1–5) of the answers' })),
      }),
    ),
  },
  { $id: 'SupportStatistics' },
);

export const MonthQuery = Type.Object(
  { month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM (UTC); default: this month' })) },
  { additionalProperties: false },
);
export const NumberParams = Type.Object({ number: Type.Integer({ minimum: 1, maximum: 999_999_999_999 }) });
