/**
 * Reading values out of an urlencoded form or a query string, where a field
 * may be missing, given once or repeated.
 */
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

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

/**
 * The form body as `schema` describes it (its type is `Static<>` of the
 * schema), or undefined when it does not fit — only a forged or broken form
 * does not, and the page then answers as for a wrong choice. Fields the schema
 * does not name (the CSRF token, buttons) are let through.
 */
export function readForm<T extends TSchema>(schema: T, body: unknown): Static<T> | undefined {
  return Value.Check(schema, body) ? body : undefined;
}
