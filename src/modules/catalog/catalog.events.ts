/**
 * The events the catalog publishes on the platform's outbox, in the
 * transaction of the change: a service published (offers tells those who
 * subscribed to its life or business events). Edits of a published service
 * announce nothing.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { Principal } from '../../platform/http/auth.js';
import type { EventEnvelope, NewEvent } from '../../platform/jobs/outbox.js';
import type { Service } from './catalog.schemas.js';

export const CATALOG_SOURCE = '/catalog';
export const SERVICE_PUBLISHED = 'catalog.service_published';

export const ServicePublishedData = Type.Object({
  serviceId: Type.String(),
  institutionId: Type.String(),
  slug: Type.String(),
  title: Type.Object({ lv: Type.String(), en: Type.String() }),
  /** codes of the life and business events the service belongs to */
  events: Type.Array(Type.String()),
});
export type ServicePublishedData = Static<typeof ServicePublishedData>;

export type ServicePublishedEvent = EventEnvelope<typeof SERVICE_PUBLISHED, ServicePublishedData>;

/** Every event type of the module with its payload's schema. */
export const catalogEvents = { [SERVICE_PUBLISHED]: ServicePublishedData } as const;

export function servicePublished(service: Service, actor: Principal | null): NewEvent<typeof SERVICE_PUBLISHED, ServicePublishedData> {
  return {
    type: SERVICE_PUBLISHED,
    source: CATALOG_SOURCE,
    subject: service.id,
    actor: actor ? (actor.kind === 'person' && actor.personalCode ? { kind: 'person', id: actor.personalCode } : { kind: 'system', id: actor.subject }) : { kind: 'platform', id: 'platform' },
    data: { serviceId: service.id, institutionId: service.institutionId, slug: service.slug, title: { lv: service.title.lv, en: service.title.en ?? '' }, events: service.events },
  };
}
