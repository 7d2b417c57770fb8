/**
 * The demo identities and demo OpenID clients of the contract
 * (../shared/CONTRACT.md), loaded once when DEMO is on. None of them exist
 * when DEMO is off.
 */
import { narrow, type RootDb } from '../../platform/db/database.js';
import { createCatalog } from '../catalog/index.js';
import type { IdentityTables } from './identity.repo.js';
import { API_SCOPES, type ClientInput, type PersonInput } from './identity.schemas.js';
import { createIdentityService } from './identity.service.js';

export const DEMO_PERSONS: PersonInput[] = [
  { personalCode: '150685-12347', givenName: 'Jānis', familyName: 'Bērziņš' },
  { personalCode: '010118-23454', givenName: 'Marta', familyName: 'Bērziņa' },
  { personalCode: '230390-11113', givenName: 'Anna', familyName: 'Kalniņa' },
  { personalCode: '081275-05556', givenName: 'Pēteris', familyName: 'Ozols' },
  { personalCode: '120479-43216', givenName: 'Ilze', familyName: 'Kļaviņa' },
  { personalCode: '271188-10106', givenName: 'Roberts', familyName: 'Liepa' },
].map((person) => ({ ...person, email: demoEmail(person.givenName, person.familyName), emailVerified: true }));

export const DEMO_PERSON_CODES = DEMO_PERSONS.map((person) => person.personalCode);

/** `firstname.lastname@example.com`, without diacritics. */
export function demoEmail(givenName: string, familyName: string): string {
  const plain = (text: string): string => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  return `${plain(givenName)}.${plain(familyName)}@example.com`;
}

export const DEMO_RP_REDIRECT = 'http://localhost:8765/callback';

export function demoClients(pmlpInstitutionId: string | null): ClientInput[] {
  return [
    {
      clientId: 'demo-rp',
      secret: 'demo-rp-secret',
      skipConsent: true,
      metadata: {
        client_name: 'Demo institution portal',
        redirect_uris: [DEMO_RP_REDIRECT],
        post_logout_redirect_uris: ['http://localhost:8765/', 'http://localhost:8765/logged-out'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: ['openid', 'offline_access', 'profile', 'email', 'personal_code', ...API_SCOPES].join(' '),
      },
    },
    {
      clientId: 'demo-institution',
      secret: 'demo-institution-secret',
      institutionId: pmlpInstitutionId,
      metadata: {
        client_name: 'PMLP information system (demo)',
        redirect_uris: [],
        grant_types: ['client_credentials'],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: API_SCOPES.join(' '),
      },
    },
  ];
}

/** Loads the demo persons and clients; runs inside runOnce's transaction (`trx`). */
export async function loadIdentityDemo(trx: RootDb): Promise<{ persons: number; clients: number }> {
  const identity = createIdentityService(narrow<IdentityTables>(trx));
  for (const person of DEMO_PERSONS) await identity.savePerson(person);
  // The institution client belongs to PMLP (Office of Citizenship and Migration Affairs) in the catalog.
  let pmlp: string | null = null;
  try {
    pmlp = (await createCatalog(trx).getInstitution('pmlp')).id;
  } catch {
    pmlp = null;
  }
  const clients = demoClients(pmlp);
  for (const client of clients) await identity.registerClient(client);
  return { persons: DEMO_PERSONS.length, clients: clients.length };
}
