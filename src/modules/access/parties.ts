/**
 * Identifiers of parties: Latvian personal codes and company registration
 * numbers. Normalised forms are what every table and API stores and compares.
 */

const CHECK_WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CENTURY: Record<string, number> = { '0': 1800, '1': 1900, '2': 2000 };

export type PartyKind = 'person' | 'company';

export interface Party {
  kind: PartyKind;
  /** personal code `DDMMYY-NNNNN` or registration number (11 digits) */
  id: string;
}

/** The code's 11 digits, when written `DDMMYY-NNNNN` or `DDMMYYNNNNN`; else undefined. */
function digitsOf(value: string): string | undefined {
  const match = /^(\d{6})-?(\d{5})$/.exec(value.trim());
  return match ? `${match[1]}${match[2]}` : undefined;
}

/** The check digit of an old-format code's first ten digits; undefined when the sum gives 10 (no valid code). */
export function personalCodeCheckDigit(firstTen: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * (CHECK_WEIGHTS[i] ?? 0);
  const check = (((1101 - sum) % 11) + 11) % 11;
  return check === 10 ? undefined : check;
}

function validDate(year: number, month: number, day: number): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date;
}

/** The birth date of an old-format code: undefined when the date is impossible or its century unknown. */
export function birthDateOf(code: string): Date | undefined {
  const digits = digitsOf(code);
  if (!digits || digits.startsWith('32')) return undefined;
  const century = CENTURY[digits[6] ?? ''];
  if (century === undefined) return undefined;
  return validDate(century + Number(digits.slice(4, 6)), Number(digits.slice(2, 4)), Number(digits.slice(0, 2)));
}

/**
 * True when the code's `DDMMYY` is a real date. The 7th digit names the century
 * (0: 1800s, 1: 1900s, 2: 2000s) and the date must exist in it; codes with
 * another 7th digit do occur (the contract's demo code 120479-43216 has 4), and
 * for them the date must exist in the 1900s or the 2000s.
 */
function hasValidDate(digits: string): boolean {
  if (CENTURY[digits[6] ?? ''] !== undefined) return birthDateOf(digits) !== undefined;
  const [day, month, yy] = [Number(digits.slice(0, 2)), Number(digits.slice(2, 4)), Number(digits.slice(4, 6))];
  return validDate(1900 + yy, month, day) !== undefined || validDate(2000 + yy, month, day) !== undefined;
}

/**
 * True for a valid Latvian personal code: the new format (since 2017) starts
 * with 32 and carries neither date nor checksum; the old one is a real birth
 * date `DDMMYY`, a century digit and a check digit.
 */
export function isValidPersonalCode(value: string): boolean {
  const digits = digitsOf(value);
  if (!digits) return false;
  if (digits.startsWith('32')) return true;
  if (!hasValidDate(digits)) return false;
  return personalCodeCheckDigit(digits.slice(0, 10)) === Number(digits[10]);
}

/** `DDMMYY-NNNNN` for a valid personal code (with or without the hyphen), else undefined. */
export function normalisePersonalCode(value: string): string | undefined {
  if (!isValidPersonalCode(value)) return undefined;
  const digits = digitsOf(value) as string;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/** 11 digits; Latvian registration numbers of companies start with 4 or 5 (legal persons), 9 (institutions). */
export function normaliseRegistrationNumber(value: string): string | undefined {
  const trimmed = value.trim();
  return /^[4-9]\d{10}$/.test(trimmed) ? trimmed : undefined;
}

/** Which kind of party an identifier names, or undefined when it is neither. */
export function parseParty(value: string): Party | undefined {
  const person = normalisePersonalCode(value);
  if (person) return { kind: 'person', id: person };
  const company = normaliseRegistrationNumber(value);
  if (company) return { kind: 'company', id: company };
  return undefined;
}

/** A person is a minor until their 18th birthday (known only for old-format codes). */
export function isMinor(personalCode: string, at: Date): boolean {
  const born = birthDateOf(personalCode);
  if (!born) return false;
  const adult = new Date(Date.UTC(born.getUTCFullYear() + 18, born.getUTCMonth(), born.getUTCDate()));
  return at < adult;
}
