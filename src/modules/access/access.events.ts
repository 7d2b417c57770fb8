/**
 * The events the access module publishes on the platform's outbox, in the
 * transaction of the change: a mandate granted or revoked (the
 * notifications module tells the representative).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Principal } from '../../platform/http/auth.js';
import type { EventActor, EventEnvelope, NewEvent } from '../../platform/jobs/outbox.js';
import type { Mandate } from './access.schemas.js';

export const ACCESS_SOURCE = '/access';
export const MANDATE_GRANTED = 'access.mandate_granted';
export const MANDATE_REVOKED = 'access.mandate_revoked';

export const MandateData = Type.Object({
  mandateId: Type.String(),
  /** personal code or company registration number of who gave the powers */
  grantor: Type.String(),
  grantorKind: Type.Union([Type.Literal('person'), Type.Literal('company')]),
  /** personal code of who received them */
  representative: Type.String(),
  scope: Type.Union([Type.Object({ allServices: Type.Literal(true) }), Type.Object({ services: Type.Array(Type.String()) })]),
  validFrom: Type.String(),
  validUntil: Type.Union([Type.String(), Type.Null()]),
});
export type MandateData = Static<typeof MandateData>;

export type MandateGrantedEvent = EventEnvelope<typeof MANDATE_GRANTED, MandateData>;
export type MandateRevokedEvent = EventEnvelope<typeof MANDATE_REVOKED, MandateData>;
export type AccessEvent = MandateGrantedEvent | MandateRevokedEvent;

/** Every event type of the module with its payload's schema. */
export const accessEvents = { [MANDATE_GRANTED]: MandateData, [MANDATE_REVOKED]: MandateData } as const;

export function principalActor(principal: Principal): EventActor {
  if (principal.kind === 'person' && principal.personalCode) return { kind: 'person', id: principal.personalCode };
  return { kind: 'system', id: principal.subject };
}

export function mandateEvent(type: typeof MANDATE_GRANTED | typeof MANDATE_REVOKED, mandate: Mandate, actor: Principal): NewEvent<typeof type, MandateData> {
  return {
    type,
    source: ACCESS_SOURCE,
    subject: mandate.id,
    actor: principalActor(actor),
    data: {
      mandateId: mandate.id,
      grantor: mandate.grantor,
      grantorKind: mandate.grantorKind,
      representative: mandate.representative,
      scope: mandate.scope,
      validFrom: mandate.validFrom,
      validUntil: mandate.validUntil,
    },
  };
}
