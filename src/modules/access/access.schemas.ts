/** Types and API schemas of roles, client rights and mandates. */
import { Type, type Static } from '@sinclair/typebox';

export const STAFF_ROLES = ['service_manager', 'case_handler', 'support_agent', 'institution_admin', 'integration_manager'] as const;
export const ROLES = [...STAFF_ROLES, 'platform_admin'] as const;
export type Role = (typeof ROLES)[number];

/** The ground on which someone may act for a party. */
export type Basis = 'self' | 'board_member' | 'parent' | 'guardian' | 'mandate';

export interface Right {
  /** the party acted for: a personal code or a registration number */
  party: string;
  partyKind: 'person' | 'company';
  basis: Basis;
  mandateId?: string;
}

export type MandateStatus = 'pending' | 'active' | 'scheduled' | 'expired' | 'revoked';

export interface Mandate {
  id: string;
  grantor: string;
  grantorKind: 'person' | 'company';
  representative: string;
  scope: { allServices: true } | { services: string[] };
  validFrom: string;
  validUntil: string | null;
  requiresAcceptance: boolean;
  acceptedAt: string | null;
  revokedAt: string | null;
  status: MandateStatus;
  createdAt: string;
  history: { event: 'granted' | 'accepted' | 'revoked'; actor: string; occurredAt: string }[];
}

export interface RoleGrantRecord {
  id: string;
  personalCode: string;
  role: Role;
  institutionId: string | null;
  grantedBy: string;
  grantedAt: string;
}

const PersonalCode = Type.String({ pattern: '^\\d{6}-?\\d{5}$', description: 'Latvian personal code, DDMMYY-NNNNN' });

export const MandateInput = Type.Object(
  {
    representative: Type.Object({ personalCode: PersonalCode }, { additionalProperties: false }),
    scope: Type.Union([
      Type.Object({ allServices: Type.Literal(true) }, { additionalProperties: false }),
      Type.Object({ services: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100, uniqueItems: true }) }, { additionalProperties: false }),
    ]),
    validFrom: Type.Optional(Type.String({ format: 'date-time' })),
    validUntil: Type.Optional(Type.String({ format: 'date-time' })),
    requiresAcceptance: Type.Optional(Type.Boolean({ description: 'the representative must accept before the mandate takes effect' })),
  },
  { additionalProperties: false, $id: 'MandateInput' },
);
export type MandateInput = Static<typeof MandateInput>;

export const MandateSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    grantor: Type.String(),
    grantorKind: Type.Union([Type.Literal('person'), Type.Literal('company')]),
    representative: Type.String(),
    scope: Type.Union([Type.Object({ allServices: Type.Literal(true) }), Type.Object({ services: Type.Array(Type.String({ format: 'uuid' })) })]),
    validFrom: Type.String({ format: 'date-time' }),
    validUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    requiresAcceptance: Type.Boolean(),
    acceptedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    status: Type.Union(['pending', 'active', 'scheduled', 'expired', 'revoked'].map((s) => Type.Literal(s))),
    createdAt: Type.String({ format: 'date-time' }),
    history: Type.Array(
      Type.Object({
        event: Type.Union([Type.Literal('granted'), Type.Literal('accepted'), Type.Literal('revoked')]),
        actor: Type.String(),
        occurredAt: Type.String({ format: 'date-time' }),
      }),
    ),
  },
  { $id: 'Mandate' },
);

export const CheckResult = Type.Object(
  {
    allowed: Type.Boolean(),
    basis: Type.Optional(Type.Union(['self', 'board_member', 'parent', 'guardian', 'mandate'].map((s) => Type.Literal(s)))),
    mandateId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { $id: 'RightCheck' },
);
