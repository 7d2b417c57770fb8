/**
 * What the institution console asks of the register: an institution's own
 * listing (drafts and withdrawn services too) for its service managers, and
 * institutions registered and changed by platform administrators — tested
 * against a real database without HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestDatabase } from '../../../test/support/database.js';
import type { Principal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/errors.js';
import { serviceContent } from './catalog.fixtures.js';
import { createCatalog, type CatalogService, type Institution, type ServiceContent } from './index.js';

const text = (lv: string, en: string) => ({ lv, en });

const content = (title: string): ServiceContent => serviceContent({ title: text(title, `${title} (en)`) });

const person = (roles: Principal['roles']): Principal => ({ subject: 'person:x', kind: 'person', via: 'session', roles, scopes: [] });
const admin = person([{ role: 'platform_admin' }]);

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof AppError && error.code === code);
}

describe('catalog: institutions and an institution’s own listing', () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let catalog: CatalogService;
  let pmlp: Institution;
  let vid: Institution;

  before(async () => {
    db = await openTestDatabase();
    catalog = createCatalog(db.db);
    const contactPoint = { email: 'info@example.lv' };
    pmlp = await catalog.importInstitution({ code: 'pmlp', name: text('Pilsonības un migrācijas lietu pārvalde', 'Office of Citizenship and Migration Affairs'), shortName: text('PMLP', 'OCMA'), contactPoint });
    vid = await catalog.importInstitution({ code: 'vid', name: text('Valsts ieņēmumu dienests', 'State Revenue Service'), shortName: text('VID', 'SRS'), contactPoint });
    await catalog.importService(pmlp.id, { ...content('Pase'), slug: 'pase', identifier: 'P-1' }, 'published');
    await catalog.importService(pmlp.id, { ...content('Melnraksts'), slug: 'melnraksts', identifier: 'P-2' }, 'draft');
    await catalog.importService(pmlp.id, { ...content('Atsaukts'), slug: 'atsaukts', identifier: 'P-3' }, 'withdrawn');
    await catalog.importService(vid.id, { ...content('Nodoklis'), slug: 'nodoklis', identifier: 'V-1' }, 'published');
  });
  after(async () => db?.dispose());

  test('service managers list every service of their institution, drafts and withdrawn ones too; nobody else may', async () => {
    const manager = person([{ role: 'service_manager', institutionId: pmlp.id }]);
    const listed = await catalog.listForInstitution(manager, 'pmlp');
    assert.deepEqual(listed.map((service) => [service.slug, service.status]).sort(), [
      ['atsaukts', 'withdrawn'],
      ['melnraksts', 'draft'],
      ['pase', 'published'],
    ]);
    assert.equal((await catalog.listForInstitution(admin, vid.id)).length, 1, 'platform administrators see any institution’s');
    await rejectsWith(catalog.listForInstitution(manager, vid.id), 'catalog.not-service-manager');
    await rejectsWith(catalog.listForInstitution(person([{ role: 'case_handler', institutionId: pmlp.id }]), pmlp.id), 'catalog.not-service-manager');
    await rejectsWith(catalog.listForInstitution(manager, 'nav-tadas'), 'catalog.institution-not-found');
  });

  test('platform administrators register an institution; its code is unique and well-formed', async () => {
    const input = {
      code: 'vdi',
      name: text('Valsts darba inspekcija', 'State Labour Inspectorate'),
      shortName: text('VDI', 'SLI'),
      registrationNumber: '90000030236',
      homepage: 'https://www.vdi.gov.lv',
      contactPoint: { email: 'vdi@vdi.gov.lv', phone: '+371 67186522' },
    };
    await rejectsWith(catalog.createInstitution(person([{ role: 'service_manager', institutionId: pmlp.id }]), input), 'catalog.not-platform-admin');
    const created = await catalog.createInstitution(admin, input);
    assert.equal(created.code, 'vdi');
    assert.equal(created.registrationNumber, '90000030236');
    assert.deepEqual((await catalog.getInstitution('vdi')).name, input.name);
    await rejectsWith(catalog.createInstitution(admin, input), 'catalog.institution-code-taken');
    await rejectsWith(catalog.createInstitution(admin, { ...input, code: 'Ne Derīgs' }), 'catalog.invalid-institution');
    await rejectsWith(catalog.createInstitution(admin, { ...input, code: 'vdi-2', name: text(' ', 'x') }), 'catalog.invalid-institution');
  });

  test('a renamed institution keeps its code, and its services are found by the new name', async () => {
    const manager = person([{ role: 'platform_admin' }]);
    const change = { name: text('Valsts ieņēmumu dienests un muita', 'State Revenue and Customs Service'), shortName: text('VIDM', 'SRCS'), contactPoint: { phone: '+371 67120000' } };
    await rejectsWith(catalog.updateInstitution(person([]), vid.id, change), 'catalog.not-platform-admin');
    const updated = await catalog.updateInstitution(manager, 'vid', change);
    assert.equal(updated.code, 'vid');
    assert.equal(updated.id, vid.id);
    assert.equal(updated.homepage, undefined, 'a homepage left out is removed');
    assert.deepEqual((await catalog.getInstitution(vid.id)).shortName, change.shortName);
    const found = await catalog.search({ q: 'muita', lang: 'lv' });
    assert.deepEqual(found.items.map((service) => service.slug), ['nodoklis']);
    const service = found.items[0];
    assert.equal(service?.version, 1, 'the search text changes without a new version');
    await rejectsWith(catalog.updateInstitution(manager, 'nav-tadas', change), 'catalog.institution-not-found');
  });
});
