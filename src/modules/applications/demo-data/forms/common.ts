/** What the demo services' forms share: texts in two languages, file slots, the bank account and the note on register data. */
import type { AttachmentSlot, FieldHint, JsonSchema } from '../../applications.schemas.js';

export const t = (lv: string, en: string) => ({ lv, en });

export const PDF_OR_IMAGE = ['application/pdf', 'image/png', 'image/jpeg'];
const MB = 1024 * 1024;

/** A file slot taking PDF, PNG or JPEG up to 10 MB. */
export function slot(name: string, title: { lv: string; en: string }, options: Partial<AttachmentSlot> = {}): AttachmentSlot {
  return { name, title, required: true, maxBytes: 10 * MB, mediaTypes: PDF_OR_IMAGE, maxFiles: 3, ...options };
}

/** An account for payments, checked by its IBAN check digits (mod 97). */
export const IBAN: JsonSchema = { type: 'string', format: 'iban', maxLength: 34 };

export const ibanField = (help = t('Kontam jābūt atvērtam uz jūsu vārda Latvijas vai citas ES valsts bankā.', 'The account must be in your name, at a bank in Latvia or another EU country.')): FieldHint => ({
  label: t('Konta numurs (IBAN) izmaksai', 'Account number (IBAN) for the payment'),
  help,
  widget: 'iban',
});

/** The free-text note where a person says a register's data is wrong (it is not edited in the form). */
export const NOTE: JsonSchema = { type: 'string', maxLength: 2000 };
export const registerNoteField: FieldHint = {
  label: t('Piezīme par reģistra datiem (nav obligāta)', 'Note on the register data (optional)'),
  help: t('Ja kāda no reģistra ziņām nav pareiza, aprakstiet to šeit: iestāde to pārbaudīs un vajadzības gadījumā labos reģistrā.', 'If any of the register’s data is wrong, describe it here: the institution checks it and has the register corrected if needed.'),
  widget: 'textarea',
};

export const DATE: JsonSchema = { type: 'string', format: 'date' };
export const PERSONAL_CODE: JsonSchema = { type: 'string', format: 'personal-code' };
export const text = (min: number, max: number): JsonSchema => ({ type: 'string', minLength: min, maxLength: max });
/** A register-fed field's own schema: whatever the register writes, within reason. */
export const GIVEN_TEXT: JsonSchema = { type: 'string', minLength: 1, maxLength: 300 };

/** `then` rules: when `field` equals `value`, `required` become required. */
export const requiredWhen = (field: string, value: string | boolean, required: string[]): JsonSchema => ({
  if: { properties: { [field]: { const: value } }, required: [field] },
  then: { required },
});

export const yesNo = (label: { lv: string; en: string }, help?: { lv: string; en: string }): FieldHint => ({ label, widget: 'checkbox', ...(help ? { help } : {}) });
