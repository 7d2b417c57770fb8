/** The shapes of the integration API; the types are Static<> of them. */
import { Type, type Static } from '@sinclair/typebox';

/** Event types a webhook may subscribe to: what the platform's modules publish that a client may read. */
export const SUBSCRIBABLE_EVENTS = ['applications.status_changed', 'catalog.service_published'] as const;

export const WebhookInput = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000, description: 'the endpoint that receives the events (https; plain http only on a development platform)', examples: ['https://sistema.iestade.lv/pakalpojumi/webhook'] }),
    eventTypes: Type.Array(Type.Union(SUBSCRIBABLE_EVENTS.map((type) => Type.Literal(type))), { minItems: 1, uniqueItems: true }),
    serviceId: Type.Optional(Type.String({ format: 'uuid', description: 'only events about this service' })),
    description: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false, $id: 'WebhookInput' },
);
export type WebhookInput = Static<typeof WebhookInput>;

export const Webhook = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    url: Type.String(),
    eventTypes: Type.Array(Type.String()),
    serviceId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    description: Type.Union([Type.String(), Type.Null()]),
    status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
    disabledReason: Type.Union([Type.String(), Type.Null()]),
    /** until when the secret before the last rotation is still accepted (signatures carry both) */
    previousSecretValidUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Webhook' },
);
export type Webhook = Static<typeof Webhook>;

export const WebhookSecret = Type.Object(
  {
    webhook: Type.Ref('Webhook'),
    secret: Type.String({ description: 'the signing secret (whsec_…), shown only now', pattern: '^whsec_' }),
  },
  { $id: 'WebhookSecret' },
);
export interface WebhookSecret {
  webhook: Webhook;
  secret: string;
}

export const Delivery = Type.Object(
  {
    id: Type.String({ format: 'uuid', description: 'the webhook-id header: the same on every attempt and replay' }),
    eventId: Type.String({ format: 'uuid' }),
    eventType: Type.String(),
    status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    attempts: Type.Integer(),
    nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    log: Type.Array(
      Type.Object({
        at: Type.String({ format: 'date-time' }),
        statusCode: Type.Union([Type.Integer(), Type.Null()]),
        error: Type.Union([Type.String(), Type.Null()]),
        durationMs: Type.Integer(),
      }),
    ),
    payload: Type.Unknown({ description: 'the CloudEvents 1.0 JSON that was sent' }),
  },
  { $id: 'WebhookDelivery' },
);
export type Delivery = Static<typeof Delivery>;
