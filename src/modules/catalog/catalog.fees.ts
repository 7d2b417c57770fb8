/**
 * Which of a service's fees are due for an e-application (P2): the register
 * holds every fee with the answers it depends on (a 2-day passport, a reduced
 * fee for a pensioner), so the form, the payment and the register agree on
 * one amount. Fees without a code are paid elsewhere and never charged online.
 */
import type { Cost } from './catalog.schemas.js';

/** The answer at a field (`a/b` for nested ones). */
function answerAt(answers: Record<string, unknown>, field: string): unknown {
  let value: unknown = answers;
  for (const part of field.split('/')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** The fees due for these answers: those with a code whose every condition holds. */
export function feesDue(costs: readonly Cost[], answers: Record<string, unknown>): Cost[] {
  return costs.filter((cost) => cost.code !== undefined && cost.value > 0 && (cost.when ?? []).every((condition) => answerAt(answers, condition.field) === condition.equals));
}

/** The total of fees in cents (amounts in the register are in euros with at most two decimals). */
export const totalCents = (fees: readonly Cost[]): number => fees.reduce((sum, fee) => sum + Math.round(fee.value * 100), 0);

/** Whether a service charges anything in its e-application. */
export const chargesOnline = (costs: readonly Cost[]): boolean => costs.some((cost) => cost.code !== undefined && cost.value > 0);
