/**
 * Reading values out of an urlencoded form or a query string, where a field
 * may be missing, given once or repeated.
 */

/** A form or query value as a trimmed string (the first, when repeated). */
export function textOf(value: unknown): string {
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** Every value of a repeated form or query field. */
export function listOf(value: unknown): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.filter((item): item is string => typeof item === 'string' && item.trim() !== '').map((item) => item.trim());
}
