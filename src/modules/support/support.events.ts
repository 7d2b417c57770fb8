/**
 * The events customer support publishes on the platform's outbox, in the
 * transaction of the change: a ticket reached a queue, an agent replied (the
 * person is told: notifications subscribes), a ticket was closed. Each says
 * what its subscribers need, so none reads the ticket back.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { EventEnvelope } from '../../platform/jobs/outbox.js';

export const SUPPORT_SOURCE = '/support';
export const TICKET_OPENED = 'support.ticket_opened';
export const REPLIED = 'support.replied';
export const CLOSED = 'support.closed';

const Text = Type.Object({ lv: Type.String(), en: Type.String() });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const TicketOpenedData = Type.Object({
  ticketId: Type.String(),
  number: Type.Number(),
  /** the institution whose queue it is in; null: first-line platform support */
  queueInstitutionId: Nullable(Type.String()),
  subject: Type.String(),
  channel: Type.String(),
  serviceId: Nullable(Type.String()),
  applicationId: Nullable(Type.String()),
});
export type TicketOpenedData = Static<typeof TicketOpenedData>;

export const RepliedData = Type.Object({
  ticketId: Type.String(),
  number: Type.Number(),
  /** the person to tell (the one who asked); null for a visitor, who is not a platform user */
  recipient: Nullable(Type.String()),
  subject: Text,
  /** the reply as the person reads it */
  body: Type.String(),
  /** the person's page of the thread, a path under PUBLIC_URL */
  link: Type.String(),
  queueInstitutionId: Nullable(Type.String()),
  serviceId: Nullable(Type.String()),
  applicationId: Nullable(Type.String()),
});
export type RepliedData = Static<typeof RepliedData>;

export const ClosedData = Type.Object({
  ticketId: Type.String(),
  number: Type.Number(),
  queueInstitutionId: Nullable(Type.String()),
  /** who closed it: the person or an agent */
  by: Type.Union([Type.Literal('person'), Type.Literal('agent')]),
});
export type ClosedData = Static<typeof ClosedData>;

export type TicketOpenedEvent = EventEnvelope<typeof TICKET_OPENED, TicketOpenedData>;
export type RepliedEvent = EventEnvelope<typeof REPLIED, RepliedData>;
export type ClosedEvent = EventEnvelope<typeof CLOSED, ClosedData>;

/** Every event type of the module with its payload's schema. */
export const supportEvents = { [TICKET_OPENED]: TicketOpenedData, [REPLIED]: RepliedData, [CLOSED]: ClosedData } as const;
