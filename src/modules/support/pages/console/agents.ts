/** Who in the console is a support agent, and of which queues. */
import { institutionsWithRole, type Staff } from '../../../../platform/web/console.js';
import type { Agent } from '../../support.service.js';

/** The staff member as a support agent: institutions where they hold the role, and first-line (a platform-wide grant). */
export function agentOf(staff: Staff): Agent | undefined {
  const institutions = institutionsWithRole(staff, 'support_agent');
  const firstLine = staff.roles.some((grant) => grant.role === 'support_agent' && !grant.institutionId);
  const code = staff.principal.personalCode;
  return code && (firstLine || institutions.length > 0) ? { personalCode: code, institutions, firstLine } : undefined;
}

