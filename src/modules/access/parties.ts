/**
 * Identifiers of parties: Latvian personal codes and company registration
 * numbers. Normalised forms are what every table and API stores and compares.
 */

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export type PartyKind = 'person' | 'company';

export interface Party {
  kind: PartyKind;
  /** personal code `DDMMYY-NNNNN` or registration number (11 digits) */
  id: string;
}

function digitsOf(value: string): string | undefined {
  const match = /^(\d{6})-?(\d{5})$/.exec(value.trim());
  return match ? `${match[1]}${match[2]}` : undefined;
}

/** DD.MM exists in some year (29 February included: the century digit is not always a known one). */
function isCalendarDay(day: number, month: number): boolean {
  const date = new Date(Date.UTC(2000, month - 1, day));
  return month >= 1 && month <= 12 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Birth date of an old-format personal code, or undefined when it has none (new format) or is invalid. */
export function birthDateOf(code: string): Date | undefined {
  const digits = digitsOf(code);
  if (!digits || digits.startsWith('32')) return undefined;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const century = { '0': 1800, '1': 1900, '2': 2000 }[digits[6] as '0' | '1' | '2'];
  if (century === undefined) return undefined;
  const year = century + Number(digits.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date;
}

/**
 * `DDMMYY-NNNNN` for a valid personal code (with or without the hyphen), else
 * undefined. Old format: a real day of the year and the checksum (the seventh
 * digit usually gives the century: 0 1800s, 1 1900s, 2 2000s, but codes with
 * other digits exist); new format (since 2017): starts with 32 and carries neither.
 */
export function normalisePersonalCode(value: string): string | undefined {
  const digits = digitsOf(value);
  if (!digits) return undefined;
  const formatted = `${digits.slice(0, 6)}-${digits.slice(6)}`;
  if (digits.startsWith('32')) return formatted;
  if (!isCalendarDay(Number(digits.slice(0, 2)), Number(digits.slice(2, 4)))) return undefined;
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(digits[index]), 0);
  const check = (1101 - sum) % 11;
  return check === Number(digits[10]) ? formatted : undefined;
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
