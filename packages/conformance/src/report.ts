/** The report as a person reads it: requirement by requirement, each check passed or failed with why. */
import { REQUIREMENTS, type RequirementId } from './requirements.js';
import type { Report } from './run.js';

export function formatReport(report: Report): string {
  const lines = [`Pakalpojumi conformance of ${report.system} (the platform: ${report.platform})`, ''];
  for (const requirement of Object.keys(REQUIREMENTS) as RequirementId[]) {
    lines.push(REQUIREMENTS[requirement]);
    for (const check of report.checks.filter((item) => item.requirement === requirement)) {
      lines.push(`  ${check.passed ? 'PASS' : 'FAIL'}  ${check.id}: ${check.title}`, `        ${check.why}`);
    }
    lines.push('');
  }
  const failed = report.checks.filter((check) => !check.passed);
  lines.push(
    failed.length === 0
      ? `All ${report.checks.length} checks passed.`
      : `${failed.length} of ${report.checks.length} checks failed: ${failed.map((check) => check.id).join(', ')}.`,
  );
  return `${lines.join('\n')}\n`;
}
