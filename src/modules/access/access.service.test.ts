/** Rights, roles and mandates against a real database, without HTTP. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { openTestDatabase } from '../../../test/support/database.js';
import type { Principal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/errors.js';
import { createAudit } from '../audit/index.js';
import { createAccess, DEMO_COMPANY, DEMO_PEOPLE, loadAccessDemoData, type Access } from './index.js';

const PMLP = '11111111-1111-4111-8111-111111111111';
const VID = '22222222-2222-4222-8222-222222222222';
const SERVICE_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const SERVICE_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

let clock = new Date('2026-11-25T10:00:00Z');
const person = (personalCode: string, roles: Principal['roles'] = []): Principal => ({ subject: `person:${personalCode}`, kind: 'person', via: 'session', personalCode, roles, scopes: [] });
const { janis, marta, anna, peteris, ilze, roberts } = DEMO_PEOPLE;

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof AppError, String(error));
    assert.equal(error.code, code);
    return true;
  });
}

describe('access', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let api: Access;

  before(async () => {
    db = await openTestDatabase();
    await db.db.transaction().execute((trx) => loadAccessDemoData(trx, PMLP));
    api = createAccess(db.db, { knownServices: async (ids) => ids.filter((id) => [SERVICE_A, SERVICE_B].includes(id)), now: () => clock });
  });
  beforeEach(() => {
    clock = new Date('2026-11-25T10:00:00Z');
  });
  after(async () => db.dispose());

  test('a person acts for themselves; nobody acts for another without a ground', async () => {
    assert.deepEqual(await api.access.resolveActingFor(person(anna), undefined), { party: anna, partyKind: 'person', basis: 'self' });
    assert.deepEqual(await api.access.resolveActingFor(person(anna), anna.replace('-', '')), { party: anna, partyKind: 'person', basis: 'self' });
    await rejectsWith(api.access.resolveActingFor(person(janis), anna), 'access.no-right');
    await rejectsWith(api.access.resolveActingFor(person(anna), DEMO_COMPANY.registrationNumber), 'access.no-right');
    await rejectsWith(api.access.resolveActingFor(person(anna), 'not-a-party'), 'access.invalid-party');
  });

  test('Pēteris acts for SIA "Demo Būve" as board member; Jānis for Marta as parent; nobody else can', async () => {
    assert.equal((await api.access.resolveActingFor(person(peteris), DEMO_COMPANY.registrationNumber)).basis, 'board_member');
    assert.equal((await api.access.resolveActingFor(person(janis), marta)).basis, 'parent');
    for (const other of [janis, anna, ilze, roberts, marta]) {
      await rejectsWith(api.access.resolveActingFor(person(other), DEMO_COMPANY.registrationNumber), 'access.no-right');
    }
    for (const other of [anna, peteris, ilze, roberts]) await rejectsWith(api.access.resolveActingFor(person(other), marta), 'access.no-right');
    // Parental representation ends when the child comes of age.
    clock = new Date('2036-01-02T00:00:00Z');
    await rejectsWith(api.access.resolveActingFor(person(janis), marta), 'access.no-right');
  });

  test('Anna grants Jānis a mandate for one service; check follows it through revocation', async () => {
    const mandate = await api.mandates.grant(person(anna), undefined, { representative: { personalCode: janis }, scope: { services: [SERVICE_A] } });
    assert.equal(mandate.status, 'active');
    assert.deepEqual(await api.access.findRight({ representative: janis, represented: anna, serviceId: SERVICE_A }), { party: anna, partyKind: 'person', basis: 'mandate', mandateId: mandate.id });
    assert.equal(await api.access.findRight({ representative: janis, represented: anna, serviceId: SERVICE_B }), undefined);
    assert.deepEqual(await api.access.mandatedServices({ representative: janis, represented: anna }), [SERVICE_A]);
    assert.deepEqual(await api.access.mandatedServices({ representative: anna, represented: janis }), []);
    assert.equal((await api.access.resolveActingFor(person(janis), anna, SERVICE_A)).mandateId, mandate.id);
    await rejectsWith(api.access.resolveActingFor(person(janis), anna, SERVICE_B), 'access.no-right');
    assert.ok((await api.access.actingOptions(janis)).some((option) => option.party === anna && option.basis === 'mandate'));
    // Only the grantor revokes; the representative cannot.
    await rejectsWith(api.mandates.revoke(person(janis), mandate.id, undefined), 'access.not-permitted');
    const revoked = await api.mandates.revoke(person(anna), mandate.id, undefined);
    assert.equal(revoked.status, 'revoked');
    assert.deepEqual(revoked.history.map((h) => h.event), ['granted', 'revoked']);
    assert.equal(await api.access.findRight({ representative: janis, represented: anna, serviceId: SERVICE_A }), undefined);
    assert.deepEqual(await api.access.mandatedServices({ representative: janis, represented: anna }), []);
    await rejectsWith(api.mandates.revoke(person(anna), mandate.id, undefined), 'access.mandate-state');
    const trail = await createAudit(db.db).list({ target: `mandate:${mandate.id}` });
    assert.deepEqual(trail.map((entry) => [entry.action, entry.actor]), [
      ['access.mandate_revoked', `person:${anna}`],
      ['access.mandate_granted', `person:${anna}`],
    ]);
  });

  test('a mandate needing acceptance takes effect once accepted, and only within its validity', async () => {
    const mandate = await api.mandates.grant(person(anna), undefined, {
      representative: { personalCode: ilze },
      scope: { allServices: true },
      validUntil: '2026-12-31T00:00:00Z',
      requiresAcceptance: true,
    });
    assert.equal(mandate.status, 'pending');
    assert.equal(await api.access.findRight({ representative: ilze, represented: anna }), undefined);
    await rejectsWith(api.mandates.accept(person(anna), mandate.id), 'access.not-permitted');
    const accepted = await api.mandates.accept(person(ilze), mandate.id);
    assert.equal(accepted.status, 'active');
    assert.equal((await api.access.findRight({ representative: ilze, represented: anna, serviceId: SERVICE_B }))?.basis, 'mandate');
    assert.equal(await api.access.mandatedServices({ representative: ilze, represented: anna }), 'all');
    clock = new Date('2027-01-01T00:00:00Z');
    assert.equal(await api.access.findRight({ representative: ilze, represented: anna }), undefined);
    assert.equal((await api.mandates.get(person(anna), mandate.id)).status, 'expired');
  });

  test('a company grants a mandate through its board member; strangers cannot see or touch it', async () => {
    await rejectsWith(api.mandates.grant(person(anna), DEMO_COMPANY.registrationNumber, { representative: { personalCode: anna }, scope: { allServices: true } }), 'access.not-permitted');
    const mandate = await api.mandates.grant(person(peteris), DEMO_COMPANY.registrationNumber, { representative: { personalCode: anna }, scope: { allServices: true } });
    assert.equal(mandate.grantorKind, 'company');
    assert.equal((await api.access.resolveActingFor(person(anna), DEMO_COMPANY.registrationNumber)).basis, 'mandate');
    // A representative cannot pass the company's powers on.
    await rejectsWith(api.mandates.grant(person(anna), DEMO_COMPANY.registrationNumber, { representative: { personalCode: janis }, scope: { allServices: true } }), 'access.not-permitted');
    await rejectsWith(api.mandates.get(person(janis), mandate.id), 'access.mandate-not-found');
    await rejectsWith(api.mandates.revoke(person(janis), mandate.id, DEMO_COMPANY.registrationNumber), 'access.mandate-not-found');
    assert.deepEqual((await api.mandates.list(person(peteris), 'given', DEMO_COMPANY.registrationNumber)).map((m) => m.id), [mandate.id]);
    assert.ok((await api.mandates.list(person(anna), 'received', undefined)).some((m) => m.id === mandate.id));
    await api.mandates.revoke(person(peteris), mandate.id, DEMO_COMPANY.registrationNumber);
    await rejectsWith(api.access.resolveActingFor(person(anna), DEMO_COMPANY.registrationNumber), 'access.no-right');
  });

  test('bad mandates are refused naming the field', async () => {
    const cases: [Parameters<Access['mandates']['grant']>[2], string][] = [
      [{ representative: { personalCode: '150685-12348' }, scope: { allServices: true } }, '#/representative/personalCode'],
      [{ representative: { personalCode: anna }, scope: { allServices: true } }, '#/representative/personalCode'],
      [{ representative: { personalCode: janis }, scope: { services: ['cccccccc-cccc-4ccc-8ccc-cccccccccccc'] } }, '#/scope/services'],
      [{ representative: { personalCode: janis }, scope: { allServices: true }, validFrom: '2027-01-02T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' }, '#/validUntil'],
      [{ representative: { personalCode: janis }, scope: { allServices: true }, validUntil: '2020-01-01T00:00:00Z' }, '#/validUntil'],
    ];
    for (const [input, pointer] of cases) {
      await assert.rejects(api.mandates.grant(person(anna), undefined, input), (error: unknown) => error instanceof AppError && error.code === 'access.invalid-mandate' && error.errors?.[0]?.pointer === pointer);
    }
  });

  test('roles: demo roles, granted and withdrawn by administrators only, audited', async () => {
    assert.deepEqual(await api.access.rolesOf(ilze), [
      { role: 'case_handler', institutionId: PMLP },
      { role: 'integration_manager', institutionId: PMLP },
      { role: 'service_manager', institutionId: PMLP },
    ]);
    const admin = person(roberts, await api.access.rolesOf(roberts));
    const pmlpAdmin = person(anna, [{ role: 'institution_admin', institutionId: PMLP }]);
    await rejectsWith(api.access.grantRole(person(ilze, await api.access.rolesOf(ilze)), { personalCode: anna, role: 'case_handler', institutionId: PMLP }), 'access.not-permitted');
    await rejectsWith(api.access.grantRole(pmlpAdmin, { personalCode: janis, role: 'case_handler', institutionId: VID }), 'access.not-permitted');
    await rejectsWith(api.access.grantRole(pmlpAdmin, { personalCode: janis, role: 'platform_admin', institutionId: null }), 'access.not-permitted');
    const grant = await api.access.grantRole(pmlpAdmin, { personalCode: janis, role: 'support_agent', institutionId: PMLP });
    await rejectsWith(api.access.grantRole(admin, { personalCode: janis, role: 'support_agent', institutionId: PMLP }), 'access.role-exists');
    assert.ok((await api.access.listStaff(pmlpAdmin, PMLP)).some((g) => g.id === grant.id));
    await rejectsWith(api.access.listStaff(pmlpAdmin, VID), 'access.not-permitted');
    await api.access.revokeRole(admin, grant.id);
    assert.deepEqual(await api.access.rolesOf(janis), []);
    await rejectsWith(api.access.revokeRole(admin, grant.id), 'access.role-not-found');
    const trail = await createAudit(db.db).list({ target: `person:${janis}` });
    assert.deepEqual(trail.map((entry) => entry.action), ['access.role_revoked', 'access.role_granted']);
  });

  test('the "whom I act for" options of each demo person', async () => {
    assert.deepEqual((await api.access.actingOptions(peteris)).map((o) => [o.party, o.basis]), [
      [peteris, 'self'],
      [DEMO_COMPANY.registrationNumber, 'board_member'],
    ]);
    assert.deepEqual((await api.access.actingOptions(janis)).map((o) => [o.party, o.basis]), [
      [janis, 'self'],
      [marta, 'parent'],
    ]);
  });
});
