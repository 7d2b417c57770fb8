/** Who may open which console page: the shell's guard, without HTTP. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allows } from '../../platform/web/console.js';
import { staffOf } from './console.guards.js';

describe('who may open which console page', () => {
  const person = (roles: { role: string; institutionId?: string }[]) => staffOf({ subject: 'p', kind: 'person', via: 'session', roles, scopes: [] });

  test('roles decide', () => {
    const ilze = person([
      { role: 'service_manager', institutionId: 'pmlp' },
      { role: 'case_handler', institutionId: 'pmlp' },
    ]);
    assert.deepEqual([allows(ilze, 'staff'), allows(ilze, 'services'), allows(ilze, 'staffRoles'), allows(ilze, 'platform')], [true, true, false, false]);
    const roberts = person([{ role: 'platform_admin' }, { role: 'support_agent' }]);
    assert.deepEqual([allows(roberts, 'staff'), allows(roberts, 'services'), allows(roberts, 'staffRoles'), allows(roberts, 'platform')], [true, true, true, true]);
    const admin = person([{ role: 'institution_admin', institutionId: 'vid' }]);
    assert.deepEqual([allows(admin, 'services'), allows(admin, 'staffRoles')], [false, true]);
    const anna = person([{ role: 'mandate_holder' }]);
    assert.equal(allows(anna, 'staff'), false);
  });
});
