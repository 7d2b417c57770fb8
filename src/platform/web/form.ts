/**
 * A page form's body as the browser sends it, and the small readers every
 * page form uses. @fastify/formbody gives a repeated name as an array; the
 * TypeBox schema is the one description of that shape, so a page reads a
 * checked body instead of casting it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

export const FormBody = Type.Record(Type.String(), Type.Union([Type.String(), Type.Array(Type.String())]));
/** What a form post carries: names → value, or values when repeated. */
export type FormValues = Partial<Static<typeof FormBody>>;

/** The request's body when it is a url-encoded form's; otherwise (no body, JSON, multipart) an empty form. */
export function formBody(body: unknown): FormValues {
  return Value.Check(FormBody, body) ? body : {};
}

/** A field's value, trimmed; the first one when the name came more than once. */
export function value(values: FormValues, name: string): string {
  const raw = values[name];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return typeof first === 'string' ? first.trim() : '';
}

/** All values of a field (checkboxes), trimmed, empty ones left out. */
export function values(form: FormValues, name: string): string[] {
  const raw = form[name];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.map((item) => item.trim()).filter((item) => item !== '');
}

export const isWebUrl = (text: string): boolean => {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' && text.length <= 2000;
  } catch {
    return false;
  }
};
export const isEmail = (text: string): boolean => text.length <= 320 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
export const isPhone = (text: string): boolean => text.length <= 40 && /^\+?[0-9 ()./-]*[0-9][0-9 ()./-]*$/.test(text);
