/**
 * Request/response schemas of the service register. TypeBox is the one source
 * of validation, TypeScript types and the OpenAPI document.
 * The model follows CPSV-AP 3.2.0 (cpsv:PublicService and its neighbours).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const LANGS = ['lv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** Text in both official languages of the platform. */
export const Text = Type.Object(
  { lv: Type.String({ minLength: 1, maxLength: 10000 }), en: Type.String({ minLength: 1, maxLength: 10000 }) },
  { additionalProperties: false, description: 'Text in Latvian and English' },
);
export type Text = Static<typeof Text>;
// Parts are embedded by value (no $ref), so Static<> gives precise types.
const TextRef = Text;
const OptionalText = () => Type.Optional(Text);

export const Audience = Type.Union([Type.Literal('citizen'), Type.Literal('business')], {});
export type Audience = Static<typeof Audience>;

export const Lifecycle = Type.Union([Type.Literal('draft'), Type.Literal('published'), Type.Literal('withdrawn')], {

  description: 'draft: visible to its managers only; published: in the catalogs; withdrawn: no longer offered',
});
export type Lifecycle = Static<typeof Lifecycle>;

/** ISO 8601 duration such as P30D or PT2H. */
export const Duration = Type.String({
  pattern: '^P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+S)?)?$',
  maxLength: 40,
  examples: ['P30D'],
});

export const ContactPoint = Type.Object(
  {
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
    address: OptionalText(),
    openingHours: OptionalText(),
  },
  { additionalProperties: false },
);
export type ContactPoint = Static<typeof ContactPoint>;

export const ChannelType = Type.Union(
  [Type.Literal('online'), Type.Literal('in_person'), Type.Literal('phone'), Type.Literal('e_address'), Type.Literal('email'), Type.Literal('post')],
  {},
);
export type ChannelType = Static<typeof ChannelType>;

export const Channel = Type.Object(
  {
    type: ChannelType,
    /** online: the e-service link; others: a page describing the channel. */
    url: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    address: OptionalText(),
    openingHours: OptionalText(),
    processingTime: Type.Optional(Duration),
    description: OptionalText(),
  },
  { additionalProperties: false },
);
export type Channel = Static<typeof Channel>;

/** An answer of the e-application under which a fee is due (`field` names a field of the service's form). */
export const FeeCondition = Type.Object(
  {
    field: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9_]*$', maxLength: 60 }),
    equals: Type.Union([Type.String({ maxLength: 100 }), Type.Boolean()]),
  },
  { additionalProperties: false },
);
export type FeeCondition = Static<typeof FeeCondition>;

export const Cost = Type.Object(
  {
    value: Type.Number({ minimum: 0, maximum: 1e9 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', default: 'EUR' }),
    description: TextRef,
    code: Type.Optional(
      Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 60, description: 'the fee’s stable code; a fee with a code is charged in the e-application (those without one are paid elsewhere, e.g. at the office)' }),
    ),
    when: Type.Optional(
      Type.Array(FeeCondition, { maxItems: 5, description: 'the answers of the e-application under which the fee is due, all of them (a choice such as the speed, a reduction such as being a pensioner); absent: always due' }),
    ),
  },
  { additionalProperties: false },
);
export type Cost = Static<typeof Cost>;

/** A named item with an optional explanation: requirement, evidence, output, step. */
export const Item = Type.Object({ name: TextRef, description: OptionalText() }, { additionalProperties: false });
export type Item = Static<typeof Item>;

export const LegalResource = Type.Object(
  { title: TextRef, url: Type.Optional(Type.String({ format: 'uri', maxLength: 2000 })) },
  { additionalProperties: false },
);
export type LegalResource = Static<typeof LegalResource>;

const Slug = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 2, maxLength: 120 });
const EventCode = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', maxLength: 60 });

/** The editable content of a service: what a service manager writes. */
export const ServiceInput = Type.Object(
  {
    slug: Type.Optional(Slug),
    identifier: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'the institution’s own code for the service' })),
    title: TextRef,
    description: TextRef,
    keywords: Type.Optional(
      Type.Object(
        { lv: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 40 }), en: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 40 }) },
        { additionalProperties: false },
      ),
    ),
    audience: Type.Array(Audience, { minItems: 1, maxItems: 2, uniqueItems: true }),
    events: Type.Array(EventCode, { maxItems: 20, uniqueItems: true, description: 'codes of life events and business events' }),
    channels: Type.Array(Channel, { maxItems: 20 }),
    processingTime: Type.Optional(Duration),
    costs: Type.Array(Cost, { maxItems: 20 }),
    requirements: Type.Array(Item, { maxItems: 50 }),
    evidence: Type.Array(Item, { maxItems: 50 }),
    outputs: Type.Array(Item, { maxItems: 20 }),
    steps: Type.Array(Item, { maxItems: 30 }),
    legalBasis: Type.Array(LegalResource, { maxItems: 30 }),
    languages: Type.Array(Type.String({ pattern: '^[a-z]{2}$' }), { minItems: 1, maxItems: 10, uniqueItems: true }),
    contactPoint: Type.Optional(ContactPoint),
  },
  { additionalProperties: false, $id: 'ServiceInput' },
);
export type ServiceContent = Static<typeof ServiceInput>;

export interface Service extends Omit<ServiceContent, 'slug' | 'identifier'> {
  id: string;
  slug: string;
  identifier: string;
  institutionId: string;
  status: Lifecycle;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export const ServiceSchema = Type.Composite(
  [
    Type.Omit(ServiceInput, ['slug', 'identifier']),
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      slug: Slug,
      identifier: Type.String(),
      institutionId: Type.String({ format: 'uuid' }),
      status: Lifecycle,
      version: Type.Integer({ minimum: 1 }),
      createdAt: Type.String({ format: 'date-time' }),
      updatedAt: Type.String({ format: 'date-time' }),
      publishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ],
  { $id: 'Service' },
);

export interface Institution {
  id: string;
  /** short stable code used in URLs and demo data, e.g. `vid` */
  code: string;
  name: Text;
  shortName: Text;
  registrationNumber?: string;
  homepage?: string;
  contactPoint: ContactPoint;
}
export const InstitutionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Slug,
    name: TextRef,
    shortName: TextRef,
    registrationNumber: Type.Optional(Type.String()),
    homepage: Type.Optional(Type.String({ format: 'uri' })),
    contactPoint: ContactPoint,
  },
  { $id: 'Institution' },
);

export type EventKind = 'life' | 'business';
export interface CatalogEvent {
  code: string;
  kind: EventKind;
  label: Text;
  description: Text;
  /** display order within its kind */
  position: number;
}
export const EventSchema = Type.Object(
  {
    code: EventCode,
    kind: Type.Union([Type.Literal('life'), Type.Literal('business')]),
    label: TextRef,
    description: TextRef,
    position: Type.Integer(),
  },
  { $id: 'Event' },
);

/** Everything a shared schema registry needs, in dependency order. */
export const catalogSharedSchemas: TSchema[] = [Type.Union([Type.Literal('citizen'), Type.Literal('business')], { $id: 'Audience' }), ServiceInput, ServiceSchema, InstitutionSchema, EventSchema];
